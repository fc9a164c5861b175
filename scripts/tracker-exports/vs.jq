# Shared jq helpers for tracker exports (jq >= 1.6).
# toutc: ISO 8601 with "Z" or a ±hh[:]mm offset, optional fraction -> UTC "YYYY-MM-DDTHH:MM:SS.fffZ"
# (always milliseconds, so the strings sort in time order).
# (jq 1.6's strptime("%z") ignores the offset and fromdateiso8601 rejects fractions, hence by hand.)
def toutc:
  capture("^(?<d>[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2})(?<f>\\.[0-9]+)?(?<z>Z|(?<s>[+-])(?<h>[0-9]{2}):?(?<m>[0-9]{2}))$")
  | ((.d + "Z" | fromdateiso8601)
     - (if .z == "Z" then 0 else ((.s + "1") | tonumber) * ((.h | tonumber) * 3600 + (.m | tonumber) * 60) end)
    ) as $t
  | ($t | todate | .[0:19]) + (((.f // ".") + "000") | .[0:4]) + "Z";

# Label/state based statuses. Input: array of events
#   {at, kind: "add"|"remove"|"close"|"reopen", label?}
# ($created and .at already UTC strings from toutc); $statuses: the label names that are workflow statuses.
# Effective status = "Closed" while closed, else the most recently added status label still present,
# else $open. Events with the same timestamp are applied together (a board move is "remove old label"
# + "add new label" in the same second), and a change at the creation instant replaces the creation
# row, so no zero-length rows appear. Output: [{status, at}], the creation row first.
def label_timeline($created; $statuses; $open):
  group_by(.at)
  | reduce .[] as $g (
      {open: true, labels: [], out: [{status: $open, at: $created}]};
      reduce $g[] as $e (.;
        if $e.kind == "close" then .open = false
        elif $e.kind == "reopen" then .open = true
        elif ($e.kind == "add" and ($statuses | index([$e.label]))) then .labels = ((.labels - [$e.label]) + [$e.label])
        elif $e.kind == "remove" then .labels = (.labels - [$e.label])
        else . end)
      | (if .open then (.labels[-1] // $open) else "Closed" end) as $s
      | if $s == .out[-1].status then .
        elif $g[0].at <= .out[-1].at then .out[-1].status = $s
        else .out += [{status: $s, at: $g[0].at}] end)
  | .out
  | reduce .[] as $r ([]; if length > 0 and .[-1].status == $r.status then . else . + [$r] end);
