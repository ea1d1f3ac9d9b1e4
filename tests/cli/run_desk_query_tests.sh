#!/usr/bin/env bash
# End-to-end tests of the desk's questions to `claimtrack claims`: value ranges, currency and
# unit, language, outlet, text search, what came in since the last report (corrections
# included); did-you-mean with exit 6 for names that match nothing; the same
# --format table|json|jsonl|csv on every listing command; the CSV a spreadsheet needs; money
# as people write it in tables. Fixtures: tests/data/desk (README.md there).
# Usage: run_desk_query_tests.sh PATH/TO/claimtrack   (run from the repository root by ctest)
set -uo pipefail
CT=${1:?usage: run_desk_query_tests.sh path/to/claimtrack}
CT=$(realpath "$CT")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
. "$ROOT/tests/cli/lib.sh"
DATA=tests/data/desk
DB="$TMP/desk.sqlite"

# jsonl_is FILE PYTHON-EXPR: the expression over `rows` (the JSONL objects of FILE) holds.
jsonl_is() {
  python3 - "$1" "$2" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
figs = sorted(r["quantity"]["text"] for r in rows)
ok = eval(sys.argv[2])
if not ok:
    print("    rows:", [(r["quantity"]["text"], r["speaker"]["id"], r["outlet"]) for r in rows], file=sys.stderr)
sys.exit(0 if ok else 1)
PY
}

expect_rc "ingest the first night" 0 "$CT" ingest --db "$DB" "$DATA/night1"

# --- value ranges, currency, unit ----------------------------------------------------------
expect_rc "money above one billion in euros" 0 "$CT" claims --db "$DB" --min 1bn --currency EUR --format jsonl
check "only the 1.5 billion euros" jsonl_is "$TMP/out" 'figs == ["1,5 Milliarden Euro"]'
expect_rc "a range that overlaps the bounds matches" 0 "$CT" claims --db "$DB" --min 250m --max 400m --currency eur --format jsonl
check "100-300 m overlaps 250-400 m; 20 m, 1.5 bn do not" jsonl_is "$TMP/out" 'figs == ["zwischen 100 und 300 Millionen Euro"]'
expect_rc "bounds are inclusive and take plain numbers" 0 "$CT" claims --db "$DB" --min 3e9 --max 5000000000 --format jsonl
check "the pound range ends at 3 bn, the pledge is 5 bn" jsonl_is "$TMP/out" 'figs == ["between £2bn and £3bn", "£5bn a year"]'
expect_rc "--unit compares the stored unit in any case" 0 "$CT" claims --db "$DB" --unit usd --format jsonl
check "the dollar figure only" jsonl_is "$TMP/out" 'figs == ["$750,000"]'
expect_rc "a currency symbol is a usage error" 2 "$CT" claims --db "$DB" --currency '€'
check "the message names --currency and says what to write" grep -q -- "--currency.*ISO 4217" "$TMP/err"
expect_rc "a comma number is a usage error" 2 "$CT" claims --db "$DB" --min 1,5
check "the message names --min" grep -q -- "--min" "$TMP/err"
expect_rc "--min above --max is a usage error" 2 "$CT" claims --db "$DB" --min 5bn --max 1bn
check "it says why" grep -q "above --max" "$TMP/err"
expect_rc "--currency with --unit is a usage error" 2 "$CT" claims --db "$DB" --currency EUR --unit EUR
expect_rc "an empty --outlet is still a usage error" 2 "$CT" claims --db "$DB" --outlet ''

# --- language, outlet, text ----------------------------------------------------------------
expect_rc "English claims" 0 "$CT" claims --db "$DB" --lang en --format jsonl
check "the three English figures, nothing German" jsonl_is "$TMP/out" 'len(rows) == 3 and all(r["lang"] == "en" for r in rows)'
expect_rc "an unknown language is a usage error" 2 "$CT" claims --db "$DB" --lang fr
expect_rc "outlet in another case" 0 "$CT" claims --db "$DB" --outlet morgenkurier --format jsonl
check "both Morgenkurier claims, nothing else" jsonl_is "$TMP/out" 'figs == ["1,5 Milliarden Euro", "rund 20 Millionen Euro pro Monat"] and {r["outlet"] for r in rows} == {"Morgenkurier"}'
expect_rc "text search without the umlaut" 0 "$CT" claims --db "$DB" --text zolle --format jsonl
check "finds the sentence about Zölle" jsonl_is "$TMP/out" 'figs == ["rund 20 Millionen Euro pro Monat"] and "Zölle" in rows[0]["sentence"]'
expect_rc "a phrase" 0 "$CT" claims --db "$DB" --text '"pro Monat"' --format jsonl
check "only the sentence with the phrase" jsonl_is "$TMP/out" 'len(rows) == 1'
expect_rc "a phrase in the wrong order" 0 "$CT" claims --db "$DB" --text '"Monat pro"' --format jsonl
check "finds nothing" test ! -s "$TMP/out"
expect_rc "prefix and OR" 0 "$CT" claims --db "$DB" --text 'Hochwass* OR Treasury' --format jsonl
check "the flood and the Treasury sentences" jsonl_is "$TMP/out" 'figs == ["27", "between £2bn and £3bn"]'
expect_rc "FTS syntax characters are plain text" 0 "$CT" claims --db "$DB" --text 'NOT "more than ever", ( :' --format jsonl
check "the quoted words are found as a phrase, the rest as words" test ! -s "$TMP/err"
expect_rc "text with no word is a usage error" 2 "$CT" claims --db "$DB" --text '– *'
check "the message names --text" grep -q -- "--text" "$TMP/err"
expect_rc "filters combine" 0 "$CT" claims --db "$DB" --text Euro --outlet Alpenpost --max 1bn --format jsonl
check "only the Alpenpost damage range" jsonl_is "$TMP/out" 'figs == ["zwischen 100 und 300 Millionen Euro"]'

# --- names that match nothing: did-you-mean, exit 6 ----------------------------------------
expect_rc "a speaker's surname alone matches no stored speaker" 6 "$CT" claims --db "$DB" --speaker Brown
check "the hint names Gordon Brown" grep -q "did you mean 'Gordon Brown' (name:Gordon Brown)" "$TMP/err"
check "nothing on stdout" test ! -s "$TMP/out"
expect_rc "a misspelt speaker" 6 "$CT" claims --db "$DB" --speaker 'Gordn Brown' --format jsonl
check "the hint names Gordon Brown" grep -q "Gordon Brown" "$TMP/err"
expect_rc "the full name works" 0 "$CT" claims --db "$DB" --speaker 'gordon brown' --format jsonl
check "his pledge" jsonl_is "$TMP/out" 'figs == ["£5bn a year"]'
expect_rc "a known speaker with no claim in the dates is no error" 0 "$CT" claims --db "$DB" --speaker 'Gordon Brown' --since 2030
check "0 claims" grep -q "^0 claims" "$TMP/out"
expect_rc "an unknown speaker stays unknown with other filters" 6 "$CT" claims --db "$DB" --speaker Brown --since 2030
expect_rc "a singular claim type" 6 "$CT" claims --db "$DB" --type casualty
check "the hint names casualties" grep -q "did you mean 'casualties'" "$TMP/err"
expect_rc "a type nothing is like" 6 "$CT" claims --db "$DB" --type zzzz
check "the hint lists the stored types" grep -q "stored claim types are 'casualties'" "$TMP/err"
expect_rc "a misspelt outlet" 6 "$CT" claims --db "$DB" --outlet 'Northern Ledgr'
check "the hint names the outlet" grep -q "did you mean 'The Northern Ledger'" "$TMP/err"
expect_rc "an empty result of known names is exit 0" 0 "$CT" claims --db "$DB" --type casualties --min 1000
check "0 claims" grep -q "^0 claims" "$TMP/out"

# --- formats --------------------------------------------------------------------------------
"$CT" claims --db "$DB" --format jsonl >"$TMP/all.jsonl"
expect_rc "claims json" 0 "$CT" claims --db "$DB" --format json
check "json is one array of the jsonl objects" python3 -c 'import json,sys
arr=json.load(open(sys.argv[1])); lines=[json.loads(l) for l in open(sys.argv[2])]
assert isinstance(arr,list) and arr==lines and len(arr)==7, (len(arr),len(lines))' "$TMP/out" "$TMP/all.jsonl"
expect_rc "claims csv" 0 "$CT" claims --db "$DB" --format csv
cp "$TMP/out" "$TMP/claims.csv"
check "the CSV has what a spreadsheet needs, RFC 4180 quoted, CRLF" python3 -c 'import csv,json,sys
raw=open(sys.argv[1],"rb").read()
assert raw.count(b"\r\n")==raw.count(b"\n")==8, "CRLF line ends"
rows=list(csv.DictReader(open(sys.argv[1],newline="",encoding="utf-8")))
need=["id","title","outlet","url","date","speaker","speaker_name","method","rule","claim_type","subject","value","low","high","qualifier","unit","period","base","text","sentence"]
missing=[k for k in need if k not in rows[0]]
assert not missing, missing
js={j["id"]:j for j in map(json.loads,open(sys.argv[2]))}
for r in rows:
    j=js[r["id"]]
    assert r["sentence"]==j["sentence"] and r["title"]==j["title"] and r["url"]==j["url"], r
    assert r["speaker_name"]==(j["speaker"]["name"] or "") and r["rule"]==j["rule"], r
b=[r for r in rows if r["text"]=="£5bn a year"][0]
assert (b["speaker_name"],b["outlet"],b["value"],b["unit"],b["period"])==("Gordon Brown","The Northern Ledger","5000000000","GBP","year"), b
rg=[r for r in rows if r["text"].startswith("between")][0]
assert (rg["value"],rg["low"],rg["high"])==("","2000000000","3000000000"), rg
q=[r for r in rows if r["text"]=="$750,000"][0]
assert "\"more than ever\"," in q["sentence"], q["sentence"]' "$TMP/claims.csv" "$TMP/all.jsonl"
check "a sentence with quotes and commas is quoted in the file" grep -qF '"A charity said it had raised $750,000 for the campaign, ""more than ever"", in one week."' "$TMP/claims.csv"
for cmd in "claims" "speakers" "rules list" "check" "extract $DATA/night1"; do
  for fmt in table json jsonl csv; do
    # shellcheck disable=SC2086
    expect_rc "$cmd --format $fmt" 0 "$CT" $cmd $( [ "${cmd%% *}" = extract ] || [ "$cmd" = "rules list" ] || echo --db "$DB") --format "$fmt"
    case $fmt in
      json) check "$cmd json is one array" python3 -c 'import json,sys; assert isinstance(json.load(open(sys.argv[1])),list)' "$TMP/out" ;;
      jsonl) check "$cmd jsonl is one object a line" python3 -c 'import json,sys
assert all(isinstance(json.loads(l),dict) for l in open(sys.argv[1]))' "$TMP/out" ;;
      csv) check "$cmd csv has a header and equal-width rows" python3 -c 'import csv,sys
rows=list(csv.reader(open(sys.argv[1],newline="",encoding="utf-8")))
assert rows and len({len(r) for r in rows})==1, {len(r) for r in rows}' "$TMP/out" ;;
    esac
  done
done
expect_rc "an unknown format is a usage error" 2 "$CT" claims --db "$DB" --format xml
expect_rc "speakers jsonl" 0 "$CT" speakers --db "$DB" --format jsonl
check "one speaker a line with counts" python3 -c 'import json,sys
s={j["id"]:j for j in map(json.loads,open(sys.argv[1]))}
assert s["name:Gordon Brown"]["claims"]==1 and s["name:Gordon Brown"]["name"]=="Gordon Brown", s' "$TMP/out"
expect_rc "extract csv" 0 "$CT" extract "$DATA/night1" --format csv
check "extract csv carries the ids ingest gave" python3 -c 'import csv,json,sys
ids={r["id"] for r in csv.DictReader(open(sys.argv[1],newline="",encoding="utf-8"))}
stored={json.loads(l)["id"] for l in open(sys.argv[2])}
assert ids==stored, (ids,stored)' "$TMP/out" "$TMP/all.jsonl"

# --- money in tables, aligned ---------------------------------------------------------------
expect_rc "claims table" 0 "$CT" claims --db "$DB"
for fig in "GBP 5 bn/year" "GBP 2–3 bn" "USD 750,000" "~EUR 20 m/month" "EUR 1.5 bn" "EUR 100–300 m"; do
  check "the table writes '$fig'" grep -qF -- " $fig " "$TMP/out"
done
check "every column starts at the same place in every row" python3 -c 'import sys
lines=open(sys.argv[1],encoding="utf-8").read().splitlines()
rule=lines[1]; starts=[i for i,ch in enumerate(rule) if ch=="─" and (i==0 or rule[i-1]==" ")]
assert len(starts)==8, starts
for l in lines[2:-1]:
    for s in starts[1:]:
        assert l[s-2:s]=="  " and l[s]!=" ", (s,l)' "$TMP/out"

# --- what came in since the last report (corrections included) -----------------------------
expect_rc "before any report, 'last' is everything" 0 "$CT" claims --db "$DB" --ingested-since last --format jsonl
check "all seven claims" jsonl_is "$TMP/out" 'len(rows) == 7'
check "and a note says why" grep -q "no report has been written" "$TMP/err"
"$CT" check --db "$DB" >/dev/null 2>&1
expect_rc "the nightly report" 0 "$CT" report --db "$DB" --out "$TMP/report1"
expect_rc "right after the report nothing is new" 0 "$CT" claims --db "$DB" --ingested-since last --format jsonl
check "no claim" test ! -s "$TMP/out"
sleep 0.01  # ingest times have milliseconds
expect_rc "the second night: a corrected article and a new one" 0 "$CT" ingest --db "$DB" "$DATA/night2"
check "one revised, one new" grep -q "1 new, 1 revised" "$TMP/out"
expect_rc "what came in since the last report" 0 "$CT" claims --db "$DB" --ingested-since last --format jsonl
check "the corrected article's claims and the new article's, nothing older" jsonl_is "$TMP/out" 'figs == ["25 Millionen Euro am Tag", "29", "zwischen 100 und 300 Millionen Euro"] and {r["article"] for r in rows} == {"hochwasser-2025", "bahnstreik-2025"}'
expect_rc "with the superseded rows" 0 "$CT" claims --db "$DB" --ingested-since last --all-revisions --format jsonl
check "the first night's revision is not 'since'" jsonl_is "$TMP/out" 'len(rows) == 3 and not any(r["superseded"] for r in rows)'
expect_rc "a date in the future" 0 "$CT" claims --db "$DB" --ingested-since 2999-01-01 --format jsonl
check "nothing" test ! -s "$TMP/out"
expect_rc "a time with an offset is read as that time" 0 "$CT" claims --db "$DB" --ingested-since 2000-01-01T10:00:00+02:00 --format jsonl
check "everything current" jsonl_is "$TMP/out" 'len(rows) == 8'
expect_rc "a word is not a date" 2 "$CT" claims --db "$DB" --ingested-since yesterday
check "the message names --ingested-since" grep -q -- "--ingested-since" "$TMP/err"
# The text index follows the revision: the old sentence only with --all-revisions.
expect_rc "the corrected sentence is found" 0 "$CT" claims --db "$DB" --text neuen --format jsonl
check "the new revision's claim" jsonl_is "$TMP/out" 'figs == ["29"] and rows[0]["article_revision"] == 2'
expect_rc "the old wording" 0 "$CT" claims --db "$DB" --text '"nach Angaben der Polizei 27"' --all-revisions --format jsonl
check "only in the superseded revision" jsonl_is "$TMP/out" 'figs == ["27"] and rows[0]["superseded"]'

finish
