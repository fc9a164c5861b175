#!/usr/bin/env bash
# Jira Data Center / Server -> CSV item,status,at (UTC). Needs bash, curl, jq >= 1.6, vs.jq beside this script.
#   JIRA_BASE=https://jira.example.com JIRA_PAT=... (personal access token, Jira 8.14+)
#   JQL='project = ABC'   ./jira-dc.sh > history.csv
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
: "${JIRA_BASE:?}" "${JIRA_PAT:?}" "${JQL:?}"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
api() { curl -sS --fail-with-body --retry 6 -H "Authorization: Bearer $JIRA_PAT" -H 'Accept: application/json' "$@"; }
extract='{id, key, created: .fields.created, status: .fields.status.name,
          truncated: ((.changelog.total // 0) > (.changelog.histories | length)),
          changes: [.changelog.histories[] | .created as $at | .items[]
                    | select((.fieldId // .field) == "status") | {at: $at, from: .fromString, to: .toString}]}'
: > "$tmp/issues.jsonl"; start=0
while :; do
  api -G "$JIRA_BASE/rest/api/2/search" --data-urlencode "jql=$JQL" --data-urlencode 'fields=created,status' \
      --data-urlencode 'expand=changelog' --data-urlencode "startAt=$start" --data-urlencode 'maxResults=100' > "$tmp/page.json"
  jq -c ".issues[] | $extract" "$tmp/page.json" >> "$tmp/issues.jsonl"
  n=$(jq '.issues | length' "$tmp/page.json"); total=$(jq '.total' "$tmp/page.json"); start=$((start + n))
  [ "$n" -gt 0 ] && [ "$start" -lt "$total" ] || break
done
# Issues whose embedded changelog is shorter than changelog.total: fetch them one by one.
for key in $(jq -r 'select(.truncated) | .key' "$tmp/issues.jsonl"); do
  echo "refetching $key (changelog truncated in search)" >&2
  api -G "$JIRA_BASE/rest/api/2/issue/$key" --data-urlencode 'fields=created,status' --data-urlencode 'expand=changelog' \
    | jq -c "$extract" >> "$tmp/issues.jsonl"
done
echo 'item,status,at'
jq -rn -L "$here" --slurpfile issues "$tmp/issues.jsonl" '
  include "vs";
  ($issues | map({key, value: .}) | from_entries)[]          # last record per key wins (the refetched one)
  | . as $i | (.changes | map(.at |= toutc) | sort_by(.at)) as $c
  | ([$i.key, ($c[0].from // $i.status), ($i.created | toutc)]), ($c[] | [$i.key, .to, .at])
  | @csv'
