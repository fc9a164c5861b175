#!/usr/bin/env bash
# GitHub Issues (open/closed + workflow labels) -> CSV item,status,at (UTC). Needs bash, curl, jq >= 1.6, vs.jq.
#   GITHUB_TOKEN=... OWNER=acme REPO=web STATUS_LABELS='status: ready,status: doing,status: review'  ./github-issues.sh
# Status = "Closed" while closed, else the most recently added label in STATUS_LABELS still present, else "Open".
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
: "${GITHUB_TOKEN:?}" "${OWNER:?}" "${REPO:?}"
url=${GITHUB_GRAPHQL_URL:-https://api.github.com/graphql}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
q='query($owner: String!, $repo: String!, $endCursor: String) {
  repository(owner: $owner, name: $repo) {
    issues(first: 50, after: $endCursor, orderBy: {field: CREATED_AT, direction: ASC}) {
      pageInfo { hasNextPage endCursor }
      nodes { number createdAt
        timelineItems(first: 100, itemTypes: [CLOSED_EVENT, REOPENED_EVENT, LABELED_EVENT, UNLABELED_EVENT]) {
          pageInfo { hasNextPage }
          nodes { __typename
            ... on ClosedEvent { createdAt }
            ... on ReopenedEvent { createdAt }
            ... on LabeledEvent { createdAt label { name } }
            ... on UnlabeledEvent { createdAt label { name } } } } } } } }'
: > "$tmp/issues.jsonl"; cursor=null
while :; do
  jq -n --arg q "$q" --arg o "$OWNER" --arg r "$REPO" --argjson c "$cursor" \
     '{query: $q, variables: {owner: $o, repo: $r, endCursor: $c}}' > "$tmp/body.json"
  curl -sS --fail-with-body --retry 6 -H "Authorization: Bearer $GITHUB_TOKEN" -H 'Content-Type: application/json' \
       -X POST --data @"$tmp/body.json" "$url" > "$tmp/page.json"
  if jq -e '.errors' "$tmp/page.json" > /dev/null; then jq '.errors' "$tmp/page.json" >&2; exit 1; fi
  jq -c '.data.repository.issues.nodes[]' "$tmp/page.json" >> "$tmp/issues.jsonl"
  jq -e '.data.repository.issues.pageInfo.hasNextPage' "$tmp/page.json" > /dev/null || break
  cursor=$(jq '.data.repository.issues.pageInfo.endCursor' "$tmp/page.json")
done
jq -r 'select(.timelineItems.pageInfo.hasNextPage) | "warning: #\(.number) has more than 100 events; only the first 100 are used" ' \
   "$tmp/issues.jsonl" >&2
echo 'item,status,at'
jq -rn -L "$here" --slurpfile issues "$tmp/issues.jsonl" --arg labels "${STATUS_LABELS:-}" --arg repo "$OWNER/$REPO" '
  include "vs";
  ($labels | split(",") | map(gsub("^ +| +$"; "")) | map(select(. != ""))) as $statuses
  | $issues[] | . as $i
  | [.timelineItems.nodes[]
     | {at: (.createdAt | toutc), label: .label.name,
        kind: {ClosedEvent: "close", ReopenedEvent: "reopen", LabeledEvent: "add", UnlabeledEvent: "remove"}[.__typename]}]
  | sort_by(.at)
  | label_timeline($i.createdAt | toutc; $statuses; "Open")[]
  | ["\($repo)#\($i.number)", .status, .at] | @csv'
