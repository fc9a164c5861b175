#!/usr/bin/env bash
# GitHub Projects (v2) "Status" field -> CSV item,status,at (UTC). Needs bash, curl, jq >= 1.6, vs.jq.
#   GITHUB_TOKEN=... (classic: read:project + repo; fine-grained: Projects read + Issues read)
#   OWNER_TYPE=organization|user OWNER=acme PROJECT_NUMBER=7   ./github-project.sh
# Uses the ProjectV2ItemStatusChangedEvent timeline events of each issue / pull request in the project.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
: "${GITHUB_TOKEN:?}" "${OWNER:?}" "${PROJECT_NUMBER:?}"
url=${GITHUB_GRAPHQL_URL:-https://api.github.com/graphql}; owner_type=${OWNER_TYPE:-organization}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
events='timelineItems(first: 100, itemTypes: [ADDED_TO_PROJECT_V2_EVENT, PROJECT_V2_ITEM_STATUS_CHANGED_EVENT]) {
          pageInfo { hasNextPage }
          nodes { __typename
            ... on AddedToProjectV2Event { createdAt project { id } }
            ... on ProjectV2ItemStatusChangedEvent { createdAt previousStatus status project { id } } } }'
q="query(\$owner: String!, \$number: Int!, \$endCursor: String) {
  $owner_type(login: \$owner) { projectV2(number: \$number) { id
    items(first: 50, after: \$endCursor) {
      pageInfo { hasNextPage endCursor }
      nodes { current: fieldValueByName(name: \"Status\") { ... on ProjectV2ItemFieldSingleSelectValue { name } }
        content { __typename
          ... on Issue { number createdAt repository { nameWithOwner } $events }
          ... on PullRequest { number createdAt repository { nameWithOwner } $events } } } } } } }"
: > "$tmp/items.jsonl"; cursor=null
while :; do
  jq -n --arg q "$q" --arg o "$OWNER" --argjson n "$PROJECT_NUMBER" --argjson c "$cursor" \
     '{query: $q, variables: {owner: $o, number: $n, endCursor: $c}}' > "$tmp/body.json"
  curl -sS --fail-with-body --retry 6 -H "Authorization: Bearer $GITHUB_TOKEN" -H 'Content-Type: application/json' \
       -X POST --data @"$tmp/body.json" "$url" > "$tmp/page.json"
  if jq -e '.errors' "$tmp/page.json" > /dev/null; then jq '.errors' "$tmp/page.json" >&2; exit 1; fi
  jq -c --arg t "$owner_type" '.data[$t].projectV2 as $p | $p.items.nodes[] | . + {projectId: $p.id}' "$tmp/page.json" >> "$tmp/items.jsonl"
  jq -e --arg t "$owner_type" '.data[$t].projectV2.items.pageInfo.hasNextPage' "$tmp/page.json" > /dev/null || break
  cursor=$(jq --arg t "$owner_type" '.data[$t].projectV2.items.pageInfo.endCursor' "$tmp/page.json")
done
# The timeline must end in the status the board shows now; if not, events are missing (see the notes).
jq -r 'select(.content.number != null) | . as $it
  | ([.content.timelineItems.nodes[] | select(.__typename == "ProjectV2ItemStatusChangedEvent" and .project.id == $it.projectId)]
     | sort_by(.createdAt) | last | .status) as $last
  | select($last != null and $last != ($it.current.name // ""))
  | "warning: \(.content.repository.nameWithOwner)#\(.content.number): last status event says \($last | tojson), board says \(.current.name // "" | tojson)"' \
  "$tmp/items.jsonl" >&2
echo 'item,status,at'
jq -rn -L "$here" --slurpfile items "$tmp/items.jsonl" '
  include "vs";
  def st: if . == null or . == "" then "No Status" else . end;
  $items[] | select(.content.number != null) | . as $it | .content as $c      # draft issues have no timeline
  | [$c.timelineItems.nodes[] | select(.project.id == $it.projectId and .__typename == "ProjectV2ItemStatusChangedEvent")
     | {at: (.createdAt | toutc), from: .previousStatus, to: .status}] | sort_by(.at) as $ch
  | "\($c.repository.nameWithOwner)#\($c.number)" as $id
  | ([$id, (if ($ch | length) > 0 then $ch[0].from else $it.current.name end | st), ($c.createdAt | toutc)]),
    ($ch[] | [$id, (.to | st), .at])
  | @csv'
