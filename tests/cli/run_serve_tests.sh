#!/usr/bin/env bash
# `claimtrack serve` end to end, in headless Chromium (Debian's chromium) and curl: a database
# built from its own fixtures (two conflicting figures of one speaker, one article with HTML
# in it), the queue lists the flagged claim, a verdict sent exactly as the claim page's form
# sends it is recorded and shows in the history, forged and oversized requests are refused
# and write nothing, article HTML renders as text, report files cannot be left by '..', a
# foreign Host is refused, SIGTERM stops the server with exit 0. Screenshots are kept beside
# the test output (build/test-output/serve-*.png).
# Usage: run_serve_tests.sh PATH/TO/claimtrack [OUTPUT_DIR]
set -uo pipefail
CT=${1:?usage: run_serve_tests.sh path/to/claimtrack [output dir]}
CT=$(realpath "$CT")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUTDIR=${2:-$ROOT/build/test-output}
mkdir -p "$OUTDIR"
cd "$ROOT"
TMP=$(mktemp -d)
SERVER=
cleanup() {
  if [ -n "$SERVER" ]; then kill "$SERVER" 2>/dev/null; wait "$SERVER" 2>/dev/null; fi
  rm -rf "$TMP"
}
trap cleanup EXIT
. "$ROOT/tests/cli/lib.sh"
article() {  # article DIR ID DATE OUTLET TEXT
  mkdir -p "$1"
  printf -- '---\nid: %s\ndate: %s\noutlet: %s\nurl: https://example.org/%s\nlang: de\n---\n\n%s\n' "$2" "$3" "$4" "$2" "$5" >"$1/$2.md"
}
DB="$TMP/s.sqlite"
article "$TMP/in" p1 2025-03-01 Testblatt "Die Verluste auf russischer Seite liegen laut NATO-Generalsekretär Mark Rutte bei rund 20.000 Soldaten pro Monat."
article "$TMP/in" p2 2025-03-08 Andere "Die Verluste auf russischer Seite liegen laut NATO-Generalsekretär Mark Rutte <b>fett</b> bei 28.000 Soldaten pro Monat <script>alert(1)</script>."
"$CT" ingest --db "$DB" "$TMP/in" >/dev/null 2>&1
"$CT" check --db "$DB" >/dev/null 2>&1
mkdir -p "$TMP/reports"
"$CT" report --db "$DB" --out "$TMP/reports/2025-03-08" --reproducible >/dev/null 2>&1
echo "TOPSECRET" >"$TMP/secret.txt"
ln -s "$TMP/secret.txt" "$TMP/reports/2025-03-08/link.md"
# The flagged claim of the article with HTML in it.
ID=$("$CT" review queue --db "$DB" --format jsonl 2>/dev/null | python3 -c 'import json,sys
for l in sys.stdin:
    i=json.loads(l)
    if "28.000" in i["claim"]["sentence"]: print(i["claim"]["id"]); break')
check "the fixture puts the claim in the review queue" test -n "$ID"
SPEAKER=$("$CT" claims --db "$DB" --format jsonl 2>/dev/null | python3 -c 'import json,sys
print(json.loads(sys.stdin.readline())["speaker"]["id"])')

"$CT" serve --db "$DB" --port 0 --reports "$TMP/reports" >"$TMP/serve.out" 2>"$TMP/serve.err" &
SERVER=$!
URL=
for _ in $(seq 1 100); do
  URL=$(grep -oE '^http://127\.0\.0\.1:[0-9]+/$' "$TMP/serve.out" | head -1)
  [ -n "$URL" ] && break
  sleep 0.1
done
check "serve prints its URL on stdout" test -n "$URL"
if [ -z "$URL" ]; then sed 's/^/    /' "$TMP/serve.err" >&2; finish; exit 1; fi
HOSTPORT=${URL#http://}; HOSTPORT=${HOSTPORT%/}
ORIGIN="http://$HOSTPORT"
history_count() { "$CT" review history "$ID" --db "$DB" --format jsonl 2>/dev/null | wc -l; }
# status METHOD PATH [curl args…]: prints the status code; the body goes to $TMP/body.
status() {
  local m=$1 p=$2; shift 2
  curl -s --path-as-is -o "$TMP/body" -D "$TMP/headers" -w '%{http_code}' -X "$m" "$@" "$ORIGIN$p"
}

# --- pages and their headers
check "the queue answers 200" test "$(status GET /)" = 200
check "the queue lists the flagged claim" grep -q "/claim/$ID" "$TMP/body"
check "Content-Security-Policy forbids script and outside resources" \
  grep -qi "^content-security-policy: default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'" "$TMP/headers"
check "X-Content-Type-Options: nosniff" grep -qi '^x-content-type-options: nosniff' "$TMP/headers"
check "article HTML is escaped in the queue" bash -c "grep -qF '&lt;script&gt;alert(1)&lt;/script&gt;' '$TMP/body' && grep -qF '&lt;b&gt;fett&lt;/b&gt;' '$TMP/body' && ! grep -qiF '<script' '$TMP/body' && ! grep -qF '<b>fett' '$TMP/body'"
check "the claim page answers 200" test "$(status GET "/claim/$ID")" = 200
check "the claim page shows the sentence in context, escaped" grep -qF '&lt;script&gt;alert(1)&lt;/script&gt;' "$TMP/body"
check "the claim page shows the other claim of the finding" grep -qF '20.000' "$TMP/body"
check "the claim page has a verdict form with a token" grep -qE 'name="csrf" value="[0-9a-f]{64}"' "$TMP/body"
TOKEN=$(grep -oE 'name="csrf" value="[0-9a-f]{64}"' "$TMP/body" | head -1 | grep -oE '[0-9a-f]{64}')
ACTION=$(grep -oE '<form class="verdict" method="post" action="[^"]*"' "$TMP/body" | sed 's/.*action="//; s/"$//')
check "the form posts to /claim/ID/verdict" test "$ACTION" = "/claim/$ID/verdict"
check "the speaker page answers 200 with a timeline chart" bash -c "[ \"\$(curl -s -o '$TMP/sp' -w '%{http_code}' '$ORIGIN/speaker/$SPEAKER')\" = 200 ] && grep -q '<svg' '$TMP/sp'"
check "an unknown claim is 404" test "$(status GET /claim/0000000000000000)" = 404
check "the latest report is served" bash -c "[ \"\$(curl -s -o '$TMP/rep' -w '%{http_code}' '$ORIGIN/report')\" = 200 ] && cmp -s '$TMP/rep' '$TMP/reports/2025-03-08/report.html'"
check "report files are served from the reports folder" test "$(status GET /reports/2025-03-08/report.json)" = 200

# --- static files cannot leave their folder
for p in "/reports/../secret.txt" "/reports/2025-03-08/../../secret.txt" "/reports/%2e%2e/secret.txt" \
         "/reports/%2E%2E/%2e%2e/secret.txt" "/reports/..%2fsecret.txt" "/reports/2025-03-08/link.md" \
         "/reports/%2e%2e%5csecret.txt"; do
  code=$(status GET "$p")
  check "path traversal $p is refused ($code)" bash -c "[ '$code' = 400 ] || [ '$code' = 404 ]"
  check "path traversal $p does not leak the file" bash -c "! grep -q TOPSECRET '$TMP/body'"
done

# --- forged and bad requests write nothing
before=$(history_count)
form=(--data-urlencode "rating=false" --data-urlencode "sources=https://www.destatis.de/loss-figures"
      --data-urlencode "note=Die Zahl 28.000 ist nicht belegt" --data-urlencode "reviewer=Anna Prüfer")
check "a POST without a token is refused with 403" test "$(status POST "$ACTION" -H "Origin: $ORIGIN" "${form[@]}")" = 403
check "a POST with a wrong token is refused with 403" test "$(status POST "$ACTION" -H "Origin: $ORIGIN" --data-urlencode "csrf=$(printf '0%.0s' $(seq 64))" "${form[@]}")" = 403
check "a POST from a foreign Origin is refused with 403 (even with the token)" test "$(status POST "$ACTION" -H "Origin: http://evil.example" --data-urlencode "csrf=$TOKEN" "${form[@]}")" = 403
check "a POST with a foreign Referer is refused with 403" test "$(status POST "$ACTION" -H "Referer: http://evil.example/x" --data-urlencode "csrf=$TOKEN" "${form[@]}")" = 403
check "a cross-site fetch is refused with 403" test "$(status POST "$ACTION" -H "Sec-Fetch-Site: cross-site" --data-urlencode "csrf=$TOKEN" "${form[@]}")" = 403
head -c 100000 /dev/zero | tr '\0' 'a' >"$TMP/big"
check "a 100 KB body is refused with 413" test "$(status POST "$ACTION" -H "Origin: $ORIGIN" -H 'Content-Type: application/x-www-form-urlencoded' --data-binary "@$TMP/big")" = 413
check "a chunked body is refused (411)" test "$(status POST "$ACTION" -H "Origin: $ORIGIN" -H 'Transfer-Encoding: chunked' --data-urlencode "csrf=$TOKEN" "${form[@]}")" = 411
check "a chunked body on a GET is refused too (411)" test "$(status GET / -H 'Transfer-Encoding: chunked' --data-binary "@$TMP/big")" = 411
check "a verdict without a source is refused with 400" test "$(status POST "$ACTION" -H "Origin: $ORIGIN" --data-urlencode "csrf=$TOKEN" --data-urlencode rating=false --data-urlencode note=x --data-urlencode reviewer=anna)" = 400
check "and the form comes back with the message" grep -q 'needs at least one source' "$TMP/body"
check "a foreign Host header is refused (DNS rebinding)" bash -c "code=\$(curl -s -o /dev/null -w '%{http_code}' -H 'Host: evil.example' '$ORIGIN/'); [ \"\$code\" = 421 ] || [ \"\$code\" = 403 ]"
check "a foreign Host header is refused on POST too" bash -c "code=\$(curl -s -o /dev/null -w '%{http_code}' -H 'Host: evil.example:${HOSTPORT##*:}' -H 'Origin: http://evil.example:${HOSTPORT##*:}' --data-urlencode 'csrf=$TOKEN' --data-urlencode rating=true --data-urlencode note=x --data-urlencode sources=https://example.org/abc --data-urlencode reviewer=x '$ORIGIN$ACTION'); [ \"\$code\" = 421 ] || [ \"\$code\" = 403 ]"
check "nothing was written by the refused requests" test "$(history_count)" = "$before"

# --- the form as the browser sends it: token from the page, same Origin
code=$(status POST "$ACTION" -H "Origin: $ORIGIN" -H "Referer: $ORIGIN/claim/$ID" --data-urlencode "csrf=$TOKEN" "${form[@]}")
check "the form's verdict is recorded (303)" test "$code" = 303
check "and redirects to the claim" grep -qiE "^location: /claim/$ID" "$TMP/headers"
check "and remembers the reviewer in a SameSite=Strict cookie" grep -qiE '^set-cookie: ct_reviewer=Anna%20Pr%C3%BCfer;.*SameSite=Strict' "$TMP/headers"
check "review history has the verdict" test "$(history_count)" = $((before + 1))
check "with the reviewer and the source" bash -c "'$CT' review history '$ID' --db '$DB' --format jsonl | grep -q '\"reviewer\":\"Anna Prüfer\".*' && '$CT' review history '$ID' --db '$DB' --format jsonl | grep -q 'destatis.de/loss-figures'"

# --- in the browser
CHROME=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$CHROME" ]; then
  bad "chromium not found (apt-get install chromium)"
else
  flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
         --disable-background-networking --disable-component-update --disable-sync
         --enable-logging=stderr --v=0)
  timeout 120 "$CHROME" "${flags[@]}" --user-data-dir="$TMP/profile1" --dump-dom "$URL" >"$TMP/queue.html" 2>"$TMP/chrome1.log"
  check "chromium shows the queue with the claim" bash -c "grep -q 'Review queue' '$TMP/queue.html' && grep -q '/claim/$ID' '$TMP/queue.html'"
  timeout 120 "$CHROME" "${flags[@]}" --user-data-dir="$TMP/profile2" --dump-dom "$ORIGIN/claim/$ID" >"$TMP/claim.html" 2>"$TMP/chrome2.log"
  check "chromium shows the verdict in the history" bash -c "grep -q 'Die Zahl 28.000 ist nicht belegt' '$TMP/claim.html' && grep -q 'Anna Prüfer' '$TMP/claim.html' && grep -q 'Verdict history (1)' '$TMP/claim.html'"
  check "the article's HTML is text in the DOM" grep -qF '&lt;script&gt;alert(1)&lt;/script&gt;' "$TMP/claim.html"
  check "no script or b element from article text in the DOM" bash -c "! grep -qiE '<script|<b>fett' '$TMP/claim.html'"
  check "no console errors or CSP refusals" bash -c "! grep -E 'CONSOLE.*(Uncaught|Error|error)|Refused to' '$TMP/chrome1.log' '$TMP/chrome2.log'"
  timeout 120 "$CHROME" "${flags[@]}" --user-data-dir="$TMP/profile3" --window-size=390,1400 \
    --screenshot="$OUTDIR/serve-claim-phone.png" "$ORIGIN/claim/$ID" >/dev/null 2>&1
  check "a phone-width screenshot of the claim page is kept" test -s "$OUTDIR/serve-claim-phone.png"
fi

# --- stop
kill -TERM "$SERVER"
rc=0
for _ in $(seq 1 50); do kill -0 "$SERVER" 2>/dev/null || break; sleep 0.1; done
wait "$SERVER"; rc=$?
SERVER=
check "SIGTERM stops the server with exit 0 (got $rc)" test "$rc" = 0
check "the request log names the refused POSTs" grep -qE 'POST /claim/[0-9a-f]+/verdict 403' "$TMP/serve.err"
expect_rc "serve refuses a --bind that is not an address" 2 "$CT" serve --db "$DB" --bind evil.example
expect_rc "serve on a missing database is an environment error" 4 "$CT" serve --db "$TMP/none.sqlite" --port 0
finish
