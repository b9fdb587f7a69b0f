#!/usr/bin/env bash
# Browser tests in headless Chromium against a built site.
#   tests/browser/run.sh <built-site-dir>
#   tests/browser/run.sh --live --bin PLANSITE --root SITE [...]   (serve.live.mjs)
#   tests/browser/run.sh --hostile <built-hostile-site-dir>         (hostile.mjs)
#   tests/browser/run.sh --redirect <built-site-dir>                (redirect.mjs)
# Needs node >= 20, npm and Chromium (/usr/bin/chromium, or set CHROMIUM=...).
# Runs every tests/browser/*.test.mjs; exits non-zero if any fails.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)

# Installs node_modules once, however many runs start at the same moment
# (cargo test runs both browser tests in parallel): the first takes a lock
# on package-lock.json and installs, the others wait and then find it done.
# An install that does not load (half-written by a killed run, a deleted
# file, or one made before a dependency was added to package.json, such as
# axe-core for a11y.test.mjs) is removed and made again.
install_deps() {
  exec 9<"$here/package-lock.json"
  if command -v flock >/dev/null; then flock 9; fi
  local load="require('playwright-core'); require.resolve('axe-core/axe.min.js')"
  if ! (cd "$here" && node -e "$load" >/dev/null 2>&1); then
    if [ -e "$here/node_modules" ]; then
      echo "tests/browser/node_modules does not load playwright-core and axe-core; installing again" >&2
      rm -rf "$here/node_modules"
    fi
    (cd "$here" && npm ci --no-audit --no-fund)
    (cd "$here" && node -e "$load") || {
      echo "playwright-core or axe-core still does not load after npm ci" >&2
      exit 1
    }
  fi
  exec 9<&-
}

if [ "${1:-}" = "--live" ]; then
  shift
  install_deps
  exec node "$here/serve.live.mjs" "$@"
fi

if [ "${1:-}" = "--redirect" ]; then
  shift
  install_deps
  exec node "$here/redirect.mjs" "$@"
fi

if [ "${1:-}" = "--hostile" ]; then
  shift
  install_deps
  exec node "$here/hostile.mjs" "$@"
fi

if [ $# -ne 1 ] || [ ! -d "$1" ]; then
  echo "usage: $0 <built-site-dir>" >&2
  exit 2
fi
site=$(cd "$1" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"

install_deps

shopt -s nullglob
tests=(*.test.mjs)
if [ ${#tests[@]} -eq 0 ]; then
  echo "no *.test.mjs in $here" >&2
  exit 1
fi

status=0
for t in "${tests[@]}"; do
  echo "== $t"
  node "$t" "$site" || status=1
done
exit "$status"
