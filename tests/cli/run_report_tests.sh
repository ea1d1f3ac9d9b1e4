#!/usr/bin/env bash
# `claimtrack report` end to end: the report of a database with planted conflicts is written,
# byte-identical under --reproducible, and renders in headless Chromium (Debian's chromium)
# without console errors, with the findings and charts visible; a screenshot is kept beside
# the test output (build/test-output/report.png).
# Usage: run_report_tests.sh PATH/TO/claimtrack [OUTPUT_DIR]
set -uo pipefail
CT=${1:?usage: run_report_tests.sh path/to/claimtrack [output dir]}
CT=$(realpath "$CT")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUTDIR=${2:-$ROOT/build/test-output}
mkdir -p "$OUTDIR"
cd "$ROOT"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
. "$ROOT/tests/cli/lib.sh"
article() {
  mkdir -p "$1"
  printf -- '---\nid: %s\ndate: %s\noutlet: %s\nurl: https://example.org/%s\nlang: de\n---\n\n%s\n' "$2" "$3" "$4" "$2" "$5" >"$1/$2.md"
}
DB="$TMP/r.sqlite"
"$CT" ingest --db "$DB" tests/data/articles >/dev/null 2>&1
article "$TMP/in" p1 2025-03-01 Testblatt "Die Verluste auf russischer Seite liegen laut NATO-Generalsekretär Mark Rutte bei rund 20.000 Soldaten pro Monat."
article "$TMP/in" p2 2025-03-08 Andere "Die Verluste auf russischer Seite liegen laut NATO-Generalsekretär Mark Rutte bei 28.000 Soldaten pro Monat. <script>alert('x')</script>"
"$CT" ingest --db "$DB" "$TMP/in" >/dev/null 2>&1
"$CT" check --db "$DB" >/dev/null 2>&1
"$CT" report --db "$DB" --out "$TMP/a" --reproducible >/dev/null 2>&1
check "report writes html, md and json" test -s "$TMP/a/report.html" -a -s "$TMP/a/report.md" -a -s "$TMP/a/report.json"
"$CT" report --db "$DB" --out "$TMP/b" --reproducible >/dev/null 2>&1
for f in html md json; do
  check "two --reproducible runs are byte-identical ($f)" cmp -s "$TMP/a/report.$f" "$TMP/b/report.$f"
done
check "the JSON report parses and has the planted finding" python3 -c 'import json,sys
r=json.load(open(sys.argv[1]))
assert any(f["type"]=="value_conflict" for f in r["findings"]), r.keys()' "$TMP/a/report.json"
check "article text with HTML is escaped" bash -c "! grep -q \"<script>alert\" '$TMP/a/report.html'"
check "no script, no external resource" bash -c "! grep -qiE '<script|<link |src=\"http' '$TMP/a/report.html'"
CHROME=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$CHROME" ]; then
  bad "chromium not found (apt-get install chromium)"
else
  flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
         --disable-background-networking --disable-component-update --disable-sync
         --user-data-dir="$TMP/profile" --enable-logging=stderr --v=0)
  timeout 120 "$CHROME" "${flags[@]}" --dump-dom "file://$TMP/a/report.html" >"$TMP/dom.html" 2>"$TMP/chrome.log"
  check "chromium renders the report" grep -q "Mark Rutte" "$TMP/dom.html"
  check "the rendered page has the finding and its charts" bash -c "grep -q 'value' '$TMP/dom.html' && grep -q '<svg' '$TMP/dom.html'"
  check "no console errors" bash -c "! grep -E 'CONSOLE.*(Uncaught|Error|error)|Refused to' '$TMP/chrome.log'"
  timeout 120 "$CHROME" "${flags[@]}" --user-data-dir="$TMP/profile2" --window-size=1100,1600 \
    --screenshot="$OUTDIR/report.png" "file://$TMP/a/report.html" >/dev/null 2>&1
  check "a screenshot is kept ($OUTDIR/report.png)" test -s "$OUTDIR/report.png"
  # Phone width: the page lays out without a horizontal scroll bar.
  timeout 120 "$CHROME" "${flags[@]}" --user-data-dir="$TMP/profile3" --window-size=390,1600 \
    --screenshot="$OUTDIR/report-phone.png" "file://$TMP/a/report.html" >/dev/null 2>&1
  check "a phone-width screenshot is kept" test -s "$OUTDIR/report-phone.png"
fi
finish
