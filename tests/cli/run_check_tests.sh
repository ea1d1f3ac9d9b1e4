#!/usr/bin/env bash
# End-to-end tests of `claimtrack check`: planted conflicts are found, hedge-compatible and
# verbatim copies are not, runs are incremental and ids stable, exit codes as documented.
# Usage: run_check_tests.sh PATH/TO/claimtrack   (run from the repository root by ctest)
set -uo pipefail
CT=${1:?usage: run_check_tests.sh path/to/claimtrack}
CT=$(realpath "$CT")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
. "$ROOT/tests/cli/lib.sh"
article() {  # article DIR ID DATE OUTLET TEXT
  mkdir -p "$1"
  printf -- '---\nid: %s\ndate: %s\noutlet: %s\nlang: de\n---\n\n%s\n' "$2" "$3" "$4" "$5" >"$1/$2.md"
}
count_type() { python3 -c 'import json,sys
n=sum(1 for l in open(sys.argv[1]) if json.loads(l)["type"]==sys.argv[2]); print(n)' "$TMP/out" "$1"; }

DB="$TMP/c.sqlite"
IN="$TMP/in1"
article "$IN" a1 2025-03-01 Testblatt "Die Verluste auf russischer Seite liegen laut NATO-Generalsekretär Mark Rutte bei rund 20.000 Soldaten pro Monat."
# Hedge-compatible: "mehr als 19.000" and "rund 20.000" can both hold.
article "$IN" a2 2025-03-04 Testblatt "Die Verluste auf russischer Seite liegen laut NATO-Generalsekretär Mark Rutte bei mehr als 19.000 Soldaten pro Monat."
# A verbatim copy of a1's sentence in another outlet: never a finding.
article "$IN" a3 2025-03-02 Kopie "Die Verluste auf russischer Seite liegen laut NATO-Generalsekretär Mark Rutte bei rund 20.000 Soldaten pro Monat."
"$CT" ingest --db "$DB" "$IN" >/dev/null 2>&1
expect_rc "check on compatible figures" 0 "$CT" check --db "$DB" --format jsonl
check "no finding on hedges and verbatim copies" test ! -s "$TMP/out"
# Planted: the same speaker gives 28,000 a week later.
IN2="$TMP/in2"
article "$IN2" a4 2025-03-08 Andere "Die Verluste auf russischer Seite liegen laut NATO-Generalsekretär Mark Rutte bei 28.000 Soldaten pro Monat."
"$CT" ingest --db "$DB" "$IN2" >/dev/null 2>&1
expect_rc "check with --fail-on-findings exits 5 on a new finding" 5 "$CT" check --db "$DB" --format jsonl --fail-on-findings
check "the planted value conflict is found" test "$(count_type value_conflict)" -ge 1
check "JSONL contract fields" python3 -c 'import json,sys
for l in open(sys.argv[1]):
    f=json.loads(l)
    for k in ("id","type","severity","speaker","key","claims","explanation","status"):
        assert k in f, k
    for c in f["claims"]:
        for k in ("claim_id","article_id","outlet","date","value","low","high","qualifier","unit","text"):
            assert k in c, k
    assert f["status"]=="new"
    assert "Mark Rutte" in f["explanation"], f["explanation"]' "$TMP/out"
ID1=$(python3 -c 'import json,sys; print(json.loads(open(sys.argv[1]).readline())["id"])' "$TMP/out")
expect_rc "a second check touches nothing" 0 "$CT" check --db "$DB" --fail-on-findings
check "the second run is incremental and analyses nothing" grep -q "incremental): 0 claims analysed" "$TMP/out"
"$CT" check --db "$DB" --format jsonl --full >"$TMP/out" 2>/dev/null
ID2=$(python3 -c 'import json,sys; print(json.loads(open(sys.argv[1]).readline())["id"])' "$TMP/out")
check "a finding keeps its id across runs" test "$ID1" = "$ID2"
check "and is reported as still open" grep -q '"status":"open"' "$TMP/out"
# A scale slip between outlets: Milliarden vs Millionen for the same pledge.
IN3="$TMP/in3"
article "$IN3" b1 2025-04-01 Testblatt "Die Mitgliedstaaten haben laut Mark Rutte fünf Milliarden Dollar für die Ukraine zugesagt."
article "$IN3" b2 2025-04-02 Andere "Die Mitgliedstaaten haben laut Mark Rutte fünf Millionen Dollar für die Ukraine zugesagt."
"$CT" ingest --db "$DB" "$IN3" >/dev/null 2>&1
"$CT" check --db "$DB" --format jsonl >"$TMP/out" 2>/dev/null
check "the planted scale slip is found" test "$(count_type scale_slip)" -ge 1
# A cumulative toll that goes down later.
IN4="$TMP/in4"
article "$IN4" t1 2025-05-01 Testblatt "Seit Beginn des Krieges sind laut dem Gesundheitsministerium mehr als 3.000 Menschen getötet worden."
article "$IN4" t2 2025-05-20 Testblatt "Seit Beginn des Krieges sind laut dem Gesundheitsministerium 2.100 Menschen getötet worden."
"$CT" ingest --db "$DB" "$IN4" >/dev/null 2>&1
"$CT" check --db "$DB" --format jsonl --type timeline_anomaly >"$TMP/out" 2>/dev/null
check "a decreasing cumulative toll is a timeline anomaly" test "$(count_type timeline_anomaly)" -ge 1
expect_rc "check on a missing database" 4 "$CT" check --db "$TMP/none.sqlite"
expect_rc "check table output" 0 "$CT" check --db "$DB"
check "the table says what this run did" grep -qE "this run \((full|incremental)\)" "$TMP/out"

finish
