#!/usr/bin/env bash
# Writes what a pull request or a push changes in the published content to
# the job summary ($GITHUB_STEP_SUMMARY), with the plansite binary given as
# $1 (default: plansite on the PATH); the event is read from $EVENT,
# $BASE_REF and $BEFORE, which the workflow step sets. A pull request is
# compared with its base branch; a push with the revision before it, or,
# after a force push (that revision is gone), with the previous commit; a
# first push has nothing to compare with and says so.
set -euo pipefail
plansite=${1:-plansite}
summary=${GITHUB_STEP_SUMMARY:-/dev/stdout}
zero=0000000000000000000000000000000000000000
if [ "${EVENT:-}" = pull_request ]; then
  "$plansite" diff "origin/$BASE_REF" HEAD >> "$summary"
elif [ -z "${BEFORE:-}" ] || [ "$BEFORE" = "$zero" ]; then
  echo "First push of this branch: there is no earlier revision to compare with." >> "$summary"
elif git cat-file -e "$BEFORE^{commit}" 2>/dev/null; then
  "$plansite" diff "$BEFORE" HEAD >> "$summary"
elif git rev-parse --quiet --verify 'HEAD^' >/dev/null; then
  echo "The revision before this push ($BEFORE) is no longer in the history (a force push); compared with the previous commit instead." >> "$summary"
  "$plansite" diff 'HEAD^' HEAD >> "$summary"
else
  echo "The revision before this push ($BEFORE) is no longer in the history and HEAD has no parent: nothing to compare with." >> "$summary"
fi
