#!/usr/bin/env bash
# Browser tests in headless Chromium against a built site.
#   tests/browser/run.sh <built-site-dir>
#   tests/browser/run.sh --live --bin PLANSITE --root SITE [...]   (serve.live.mjs)
# Needs node >= 20, npm and Chromium (/usr/bin/chromium, or set CHROMIUM=...).
# Runs every tests/browser/*.test.mjs; exits non-zero if any fails.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
if [ "${1:-}" = "--live" ]; then
  shift
  [ -d "$here/node_modules/playwright-core" ] || (cd "$here" && npm ci --no-audit --no-fund)
  exec node "$here/serve.live.mjs" "$@"
fi

if [ $# -ne 1 ] || [ ! -d "$1" ]; then
  echo "usage: $0 <built-site-dir>" >&2
  exit 2
fi
site=$(cd "$1" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"

if [ ! -d node_modules/playwright-core ]; then
  npm ci --no-audit --no-fund
fi

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
