#!/usr/bin/env bash
# GitLab issues (labels as workflow statuses + closed/reopened) -> CSV item,status,at (UTC). bash, curl, jq >= 1.6, vs.jq.
#   GITLAB_TOKEN=glpat-... PROJECT=group%2Fsubgroup%2Fproject (id or URL-encoded path)
#   STATUS_PREFIX='workflow::'  or  STATUS_LABELS='Doing,Review'  or neither: the labels of the project's board lists
#   GITLAB_BASE=https://gitlab.com (default)   ./gitlab-issues.sh > history.csv
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
: "${GITLAB_TOKEN:?}" "${PROJECT:?}"
base=${GITLAB_BASE:-https://gitlab.com}/api/v4
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
api() { curl -sS --fail-with-body --retry 6 -H "PRIVATE-TOKEN: $GITLAB_TOKEN" "$@"; }
# All pages of a list endpoint (offset pagination, x-next-page header), one JSON array per line.
paged() {
  local url=$1 sep='?' page=1; [[ $url == *\?* ]] && sep='&'
  while [ -n "$page" ]; do
    api -D "$tmp/headers" "$url${sep}per_page=100&page=$page" | jq -c .
    page=$(tr -d '\r' < "$tmp/headers" | awk -F': ' 'tolower($1) == "x-next-page" {print $2}')
  done
}
paged "$base/projects/$PROJECT/issues?scope=all&state=all&order_by=created_at&sort=asc" | jq -c '.[]' > "$tmp/issues.jsonl"
if [ -n "${STATUS_LABELS:-}" ]; then statuses=$(jq -cn --arg l "$STATUS_LABELS" '$l | split(",") | map(gsub("^ +| +$"; ""))')
elif [ -n "${STATUS_PREFIX:-}" ]; then statuses=null
else statuses=$(paged "$base/projects/$PROJECT/boards" | jq -sc '[.[][] | .lists[]? | .label.name // empty] | unique')
fi
: > "$tmp/events.jsonl"
for iid in $(jq -r .iid "$tmp/issues.jsonl"); do
  { paged "$base/projects/$PROJECT/issues/$iid/resource_label_events" | jq -c --argjson iid "$iid" \
      '.[] | select(.label != null) | {iid: $iid, at: .created_at, kind: .action, label: .label.name}'
    paged "$base/projects/$PROJECT/issues/$iid/resource_state_events" | jq -c --argjson iid "$iid" \
      '.[] | {iid: $iid, at: .created_at, kind: ({closed: "close", reopened: "reopen"}[.state] // "other")}'
  } >> "$tmp/events.jsonl"
done
echo 'item,status,at'
jq -rn -L "$here" --slurpfile issues "$tmp/issues.jsonl" --slurpfile events "$tmp/events.jsonl" \
      --argjson statuses "$statuses" --arg prefix "${STATUS_PREFIX:-}" '
  include "vs";
  ($events | map(.at |= toutc) | group_by(.iid) | map({key: (.[0].iid | tostring), value: sort_by(.at)}) | from_entries) as $by
  | ($statuses // ($events | map(.label // empty | select(startswith($prefix))) | unique)) as $st
  | $issues[] | . as $i
  | ($by[$i.iid | tostring] // []) | label_timeline($i.created_at | toutc; $st; "Open")[]
  | [$i.references.full // "#\($i.iid)", .status, .at] | @csv'
