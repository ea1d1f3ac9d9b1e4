#!/usr/bin/env bash
# End-to-end tests of the claimtrack binary: what a user types, what a user checks.
# Usage: run_cli_tests.sh PATH/TO/claimtrack   (run from the repository root by ctest)
set -uo pipefail
CT=${1:?usage: run_cli_tests.sh path/to/claimtrack}
CT=$(realpath "$CT")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
. "$ROOT/tests/cli/lib.sh"

# --- numbers --------------------------------------------------------------------------
printf 'laut ihm 20.000 Soldaten pro Monat\nfünf Milliarden Dollar und zwei Drittel\n' >"$TMP/n.txt"
expect_rc "numbers runs" 0 "$CT" numbers --lang de "$TMP/n.txt"
check "numbers: JSONL with line, span and value" \
  python3 -c 'import json,sys
rows=[json.loads(l) for l in open(sys.argv[1])]
assert rows[0]["line"]==1 and rows[0]["value"]==20000 and rows[0]["period"]=="month", rows[0]
assert rows[0]["start"]==9 and rows[0]["end"]>=15, rows[0]
m=[r for r in rows if r["kind"]=="money"][0]; assert m["value"]==5e9 and m["unit"]=="USD" and m["line"]==2
f=[r for r in rows if r["kind"]=="fraction"][0]; assert abs(f["value"]-2/3)<1e-9
assert all(k in rows[0] for k in ("text","kind","low","high","unit","qualifier","ambiguous"))' "$TMP/out"
echo "more than 3,000 dead" | "$CT" numbers --lang en >"$TMP/out"
check "numbers reads stdin; English qualifier" contains "$TMP/out" '"qualifier":"more_than"'
expect_rc "numbers rejects an unknown language" 2 "$CT" numbers --lang fr "$TMP/n.txt"

# --- rules ----------------------------------------------------------------------------
expect_rc "rules lint passes on the shipped rules" 0 "$CT" rules lint rules
check "rules lint says how many rules" contains "$TMP/out" "rules,"
expect_rc "rules test passes on the shipped rules" 0 "$CT" rules test rules
check "rules test prints the closing count" grep -qE '^[0-9]+ passed, 0 failed$' "$TMP/out"
expect_rc "rules list" 0 "$CT" rules list
check "rules list shows the seed rule" contains "$TMP/out" "de.troops.soldiers"
mkdir -p "$TMP/badrules/patterns"
cp rules/patterns/*.yaml "$TMP/badrules/patterns/"
cat >"$TMP/badrules/bad.yaml" <<'YAML'
rules:
  - id: de.bad
    lang: de
    claim_type: troops
    patern: '(?P<value>\d+'
YAML
expect_rc "rules lint fails on a bad file" 1 "$CT" rules lint "$TMP/badrules"
check "lint error is located with a code" grep -qE "bad.yaml:5:5: error\[R010\]: unknown key 'patern'" "$TMP/err"
check "lint suggests the right key" contains "$TMP/err" "did you mean 'pattern'"
cat >"$TMP/badrules/bad.yaml" <<'YAML'
rules:
  - id: de.bad
    lang: de
    claim_type: troops
    pattern: '(?P<value>\d+) Soldaten'
    examples:
      match:
        - text: '500 Soldaten'
          value: 400
YAML
expect_rc "rules test fails on a wrong example" 1 "$CT" rules test "$TMP/badrules"
check "failing example is shown with file:line" grep -qE "FAIL +de.bad +.*bad.yaml:8" "$TMP/out"
check "failing example says why" contains "$TMP/out" "value: expected 400, got 500"

# --- extract --------------------------------------------------------------------------
expect_rc "extract on the seed" 0 "$CT" extract --format jsonl tests/data/articles/de/rutte-nato-2025.md
check "seed: 20,000 soldiers a month, USD 5e9 twice, two thirds twice, no metre" \
  python3 -c 'import json,sys
rows=[json.loads(l) for l in open(sys.argv[1])]
q=[r["quantity"] for r in rows]
assert sum(1 for x in q if x["value"]==20000 and x["period"]=="month" and x["kind"]=="count")==1, q
assert sum(1 for x in q if x["kind"]=="money" and x["unit"]=="USD" and x["value"]==5e9)==2
assert sum(1 for x in q if x["kind"]=="fraction" and abs(x["value"]-2/3)<1e-9 and x["base"])==2
assert not any("Meter" in x["text"] for x in q)
rutte=[r for r in rows if r["speaker"]["id"]=="mark-rutte"]
assert len(rutte)>=3, [r["speaker"] for r in rows]' "$TMP/out"
expect_rc "extract table" 0 "$CT" extract tests/data/articles
check "extract table has a header and a summary" grep -qE "^[0-9]+ claims in [0-9]+ articles" "$TMP/out"
expect_rc "extract json is one array" 0 "$CT" extract --format json tests/data/articles/en
check "json parses" python3 -c 'import json,sys; a=json.load(open(sys.argv[1])); assert isinstance(a,list) and a' "$TMP/out"
printf '' >"$TMP/empty.txt"
printf 'Gr\xfc\xdfe: 500 Soldaten pro Tag.\n' >"$TMP/cp1252.txt"
printf 'Es waren 300\x00 Soldaten.\n' >"$TMP/nul.txt"
expect_rc "bad encodings do not crash; empty file makes exit 3" 3 "$CT" extract --format jsonl --lang de "$TMP/empty.txt" "$TMP/cp1252.txt" "$TMP/nul.txt"
check "Windows-1252 text still yields its claim" contains "$TMP/out" '"value":500.0'
check "empty file is a located warning" grep -q "empty.txt.*A001" "$TMP/err"
expect_rc "a missing input is an error" 3 "$CT" extract "$TMP/does-not-exist.txt"
check "missing input error names the file" contains "$TMP/err" "does-not-exist.txt"
echo "Die Regierung sagte, 200 Soldaten seien verletzt." | "$CT" extract --format jsonl --lang de - >"$TMP/out"
check "extract reads stdin" contains "$TMP/out" '"value":200.0'

# --- ingest, idempotency, revisions, queries ---------------------------------------------
DB="$TMP/claims.sqlite"
expect_rc "ingest the samples" 0 "$CT" ingest --db "$DB" tests/data/articles
check "ingest reports new articles" grep -qE "ingested [0-9]+ articles .*: [0-9]+ new" "$TMP/out"
expect_rc "second ingest" 0 "$CT" ingest --db "$DB" tests/data/articles
check "re-ingest changes nothing and says so" contains "$TMP/out" "unchanged: nothing to do"
expect_rc "claims for Rutte by alias" 0 "$CT" claims --db "$DB" --speaker Rutte --format jsonl
check "alias lookup finds Mark Rutte's claims" \
  python3 -c 'import json,sys
rows=[json.loads(l) for l in open(sys.argv[1])]
assert len(rows)>=3 and all(r["speaker"]["id"]=="mark-rutte" for r in rows), rows' "$TMP/out"
CLAIM=$(python3 -c 'import json,sys; print(json.loads(open(sys.argv[1]).readline())["id"])' "$TMP/out")
expect_rc "show one claim" 0 "$CT" show --db "$DB" "$CLAIM"
check "show prints the sentence and how it was attributed" grep -q "^attributed" "$TMP/out"
expect_rc "show an unknown claim" 1 "$CT" show --db "$DB" 0000000000000000
expect_rc "speakers table" 0 "$CT" speakers --db "$DB"
check "speakers lists Mark Rutte" contains "$TMP/out" "mark-rutte"
expect_rc "speakers csv" 0 "$CT" speakers --db "$DB" --format csv
check "csv header" grep -q "^id,name,kind,claims" "$TMP/out"
expect_rc "claims csv by type" 0 "$CT" claims --db "$DB" --type troops --format csv
check "csv has only troops" python3 -c 'import csv,sys
rows=list(csv.DictReader(open(sys.argv[1])))
assert rows and all(r["claim_type"]=="troops" for r in rows)' "$TMP/out"
expect_rc "queries on a missing database fail clearly" 4 "$CT" claims --db "$TMP/nope.sqlite"
check "missing db message" contains "$TMP/err" "no database here yet"
# A changed article becomes a new revision; old claims are kept as superseded.
mkdir -p "$TMP/rev"
cp tests/data/articles/de/rutte-nato-2025.md "$TMP/rev/a.md"
"$CT" ingest --db "$TMP/rev.sqlite" "$TMP/rev" >/dev/null 2>&1
sed -i 's/20.000 Soldaten pro Monat/30.000 Soldaten pro Monat/' "$TMP/rev/a.md"
expect_rc "ingest a changed article" 0 "$CT" ingest --db "$TMP/rev.sqlite" "$TMP/rev"
check "changed article is a revision" contains "$TMP/out" "1 revised"
"$CT" claims --db "$TMP/rev.sqlite" --all-revisions --type troops --format jsonl >"$TMP/out"
check "both revisions' troop claims are kept, the old one superseded" \
  python3 -c 'import json,sys
rows=[json.loads(l) for l in open(sys.argv[1])]
vals={(r["quantity"]["value"], r["superseded"]) for r in rows}
assert (20000.0, True) in vals and (30000.0, False) in vals, vals' "$TMP/out"
# --reextract with a changed rule set shows the effect per rule.
cp -r rules "$TMP/rules2"
python3 - "$TMP/rules2/de/troops.yaml" <<'PY'
import sys; p=sys.argv[1]; s=open(p).read()
s=s.replace("priority: 10\n", "priority: 10\n    negative: 'Verluste'\n", 1)
open(p,"w").write(s)
PY
expect_rc "reextract with edited rules" 0 "$CT" ingest --db "$TMP/rev.sqlite" --rules "$TMP/rules2" --reextract
check "reextract reports the removed claim per rule" grep -qE "de.troops.soldiers +0 +1" "$TMP/out"

# --- kill -9 during ingest: never a half article, integrity ok, re-run completes ----------
mkdir -p "$TMP/many"
N=1500
for i in $(seq 1 $N); do
  printf -- '---\nid: kill-%04d\nlang: de\ndate: 2025-01-%02d\n---\n\nDer Minister sagte, %d Soldaten seien verletzt worden. Laut ihm sind %d Soldaten pro Monat gefallen. Rund %d Kämpfer stehen bereit.\n' \
    "$i" $(( (i % 28) + 1 )) $((100 + i)) $((200 + i)) $((300 + i)) >"$TMP/many/a$i.md"
done
# How long a whole run takes here, so that kills land anywhere in it (start-up included).
t0=$(date +%s%N)
"$CT" ingest --db "$TMP/timing.sqlite" --batch 7 --jobs 2 "$TMP/many" >/dev/null 2>&1
full_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
KDB="$TMP/kill.sqlite"
kills=0
midway=0
round=0
# Rounds whose ingest ended before the kill (a continued database may be complete) do not
# count; go on until 22 kills have landed.
while [ "$kills" -lt 22 ] && [ "$round" -lt 120 ]; do
  round=$((round + 1))
  # Even rounds start from an empty database, odd rounds continue the previous one (unless
  # it is already complete: then there is nothing left to interrupt).
  done_n=$(sqlite3 "$KDB" "SELECT count(*) FROM articles;" 2>/dev/null || echo 0)
  if [ $((round % 2)) -eq 0 ] || [ "${done_n:-0}" -ge "$N" ]; then rm -f "$KDB" "$KDB-wal" "$KDB-shm"; fi
  "$CT" ingest --db "$KDB" --batch 7 --jobs 2 "$TMP/many" >/dev/null 2>&1 &
  pid=$!
  # Mostly after start-up (rule compilation), sometimes during it.
  if [ $((round % 4)) -eq 1 ]; then
    delay_ms=$(( RANDOM % (full_ms / 2 + 1) ))
  else
    delay_ms=$(( full_ms / 2 + RANDOM % (full_ms * 2 / 5 + 1) ))
  fi
  sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
  if kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null; then
    kills=$((kills + 1))
  else
    # The run ended before the kill (a faster moment of a loaded machine, or a continued
    # database with little left): aim earlier from now on.
    full_ms=$(( full_ms * 3 / 4 > 40 ? full_ms * 3 / 4 : 40 ))
  fi
  wait "$pid" 2>/dev/null
  if [ -f "$KDB" ]; then
    ic=$(sqlite3 "$KDB" 'PRAGMA integrity_check;' 2>&1)
    [ "$ic" = "ok" ] || bad "integrity_check after kill $round: $ic"
    n=$(sqlite3 "$KDB" "SELECT count(*) FROM articles;" 2>/dev/null || echo 0)
    if [ "$n" -gt 0 ] && [ "$n" -lt "$N" ]; then midway=$((midway + 1)); fi
    half=$(sqlite3 "$KDB" "SELECT count(*) FROM articles a WHERE (SELECT count(*) FROM claims c WHERE c.article_id=a.id AND c.superseded=0) != 3;" 2>/dev/null || echo 0)
    [ "$half" = "0" ] || bad "half-ingested articles after kill $round: $half"
  fi
done
echo "kill test: $kills kills in $full_ms ms runs, $midway with a partly filled database" >&2
[ "$kills" -ge 20 ] || bad "only $kills kills landed (need >= 20)"
ok
expect_rc "ingest after the kills completes the work" 0 "$CT" ingest --db "$KDB" "$TMP/many"
check "all articles with 3 claims each" \
  test "$(sqlite3 "$KDB" "SELECT count(*) FROM articles; SELECT count(*) FROM claims WHERE superseded=0;" | tr '\n' ' ')" = "$N $((3 * N)) "
check "final integrity_check" test "$(sqlite3 "$KDB" 'PRAGMA integrity_check;')" = "ok"

finish
