#!/usr/bin/env bash
# Jira Cloud -> CSV item,status,at (UTC). Needs bash, curl, jq >= 1.6 and vs.jq beside this script.
#   JIRA_BASE=https://your-site.atlassian.net JIRA_EMAIL=you@example.com JIRA_API_TOKEN=...
#   JQL='project = ABC AND created >= -180d'   ./jira-cloud.sh > history.csv
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
: "${JIRA_BASE:?}" "${JIRA_EMAIL:?}" "${JIRA_API_TOKEN:?}" "${JQL:?}"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
# --retry retries 429/5xx and honours Retry-After (curl >= 7.66); no --retry-delay so that it can.
api() { curl -sS --fail-with-body --retry 6 -u "$JIRA_EMAIL:$JIRA_API_TOKEN" -H 'Accept: application/json' "$@"; }

# 1. Issues: enhanced search, cursor pagination (nextPageToken; no startAt, no total).
: > "$tmp/issues.jsonl"; token=
while :; do
  api -G "$JIRA_BASE/rest/api/3/search/jql" --data-urlencode "jql=$JQL" \
      --data-urlencode 'fields=created,status' --data-urlencode 'maxResults=100' \
      ${token:+--data-urlencode "nextPageToken=$token"} > "$tmp/page.json"
  jq -c '.issues[] | {id, key, created: .fields.created, status: .fields.status.name}' "$tmp/page.json" >> "$tmp/issues.jsonl"
  token=$(jq -r 'select(.isLast != true) | .nextPageToken // empty' "$tmp/page.json")
  [ -n "$token" ] || break
done

# 2. Status changes: bulk changelog, up to 1000 issues per request, filtered to the status field.
: > "$tmp/changes.jsonl"
jq -r .id "$tmp/issues.jsonl" | split -l 1000 - "$tmp/batch."
for b in "$tmp"/batch.*; do
  [ -s "$b" ] || continue; token=
  while :; do
    jq -Rn --arg t "$token" '{issueIdsOrKeys: [inputs], fieldIds: ["status"], maxResults: 1000}
        + (if $t == "" then {} else {nextPageToken: $t} end)' "$b" > "$tmp/body.json"
    api -X POST -H 'Content-Type: application/json' --data @"$tmp/body.json" \
        "$JIRA_BASE/rest/api/3/changelog/bulkfetch" > "$tmp/page.json"
    jq -c '.issueChangeLogs[]? | .issueId as $id | .changeHistories[]? | .created as $at
           | .items[] | select((.fieldId // .field) == "status")
           | {id: $id, at: $at, from: .fromString, to: .toString}' "$tmp/page.json" >> "$tmp/changes.jsonl"
    token=$(jq -r '.nextPageToken // empty' "$tmp/page.json")
    [ -n "$token" ] || break
  done
done

# 3. One creation row per issue (status before the first change, else the current one), then one row per change.
echo 'item,status,at'
jq -rn -L "$here" --slurpfile issues "$tmp/issues.jsonl" --slurpfile changes "$tmp/changes.jsonl" '
  include "vs";
  ($changes | map(.at |= toutc) | group_by(.id) | map({key: .[0].id, value: sort_by(.at)}) | from_entries) as $by
  | $issues[] | . as $i | ($by[$i.id] // []) as $c
  | ([$i.key, ($c[0].from // $i.status), ($i.created | toutc)]), ($c[] | [$i.key, .to, .at])
  | @csv'
