#!/usr/bin/env bash
# End-to-end tests of the desk's `review` commands on fixture articles (tests/data/review):
# verdicts recorded with `review verdict` are exported as ClaimReview JSON-LD that passes the
# validator (tests/cli/validate_claimreview.py) and as CSV with what a spreadsheet user needs;
# `review facts lint` locates errors in reference facts; `review suggest` proposes ratings
# from them with the arithmetic and the command to confirm, and records nothing.
# Usage: run_review_tests.sh PATH/TO/claimtrack   (run from the repository root by ctest)
set -uo pipefail
CT=${1:?usage: run_review_tests.sh path/to/claimtrack}
CT=$(realpath "$CT")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
. "$ROOT/tests/cli/lib.sh"
DATA="$ROOT/tests/data/review"
VALIDATE="$ROOT/tests/cli/validate_claimreview.py"
DB="$TMP/r.sqlite"
# claim_id ARTICLE: the id of the (one) claim of a fixture article
claim_id() {
  "$CT" claims --db "$DB" --article "$1" --format jsonl | python3 -c 'import json,sys; print(json.loads(sys.stdin.readline())["id"])'
}
# jq-like: py EXPR FILE: evaluates EXPR with d = the JSON document of FILE, prints the result
py() { python3 -c 'import json,sys; d=json.load(open(sys.argv[2])); print(eval(sys.argv[1]))' "$1" "$2"; }

"$CT" ingest --db "$DB" "$DATA/articles" >/dev/null 2>&1
RUTTE=$(claim_id review-rutte-2025-03-01)
TOLL=$(claim_id review-ministerium-2025-03-05)
AID=$(claim_id review-hilfe-2025-03-10)
UK=$(claim_id review-uk-2025-06-03)
check "the fixture articles give one claim each" test -n "$RUTTE" -a -n "$TOLL" -a -n "$AID" -a -n "$UK"

V="$CT review verdict --db $DB --reviewer anna"
expect_rc "a first verdict" 0 $V "$RUTTE" --rating false --source https://www.nato.int/briefing --note "NATO briefing: 12,000 a month"
expect_rc "a corrected verdict" 0 $V "$RUTTE" --rating mostly-true --source https://www.nato.int/briefing-2 --note "revised briefing: about 19,000"
check "the correction names the verdict it replaces" contains "$TMP/out" "replaces verdict"
expect_rc "a verdict on an organisation's claim" 0 $V "$TOLL" --rating true --source https://who.example/report --note "WHO count: 3,200"
expect_rc "an unverifiable verdict without source" 0 $V "$AID" --rating unverifiable --note "no budget line published yet"

# --- export: ClaimReview ---------------------------------------------------------------------
E="$CT review export --db $DB"
expect_rc "claimreview without --publisher is a usage error" 2 $E --format claimreview --review-url-base https://desk.example/checks/
check "the error names --publisher" contains "$TMP/err" "--publisher NAME is required"
expect_rc "claimreview without --review-url-base is a usage error" 2 $E --format claimreview --publisher "Desk"
check "the error names --review-url-base" contains "$TMP/err" "--review-url-base URL is required"
expect_rc "an unknown format is a usage error" 2 $E --format xml
expect_rc "a bad --since is a usage error" 2 $E --format csv --since 2025-13
expect_rc "export on a missing database" 4 "$CT" review export --format csv --db "$TMP/none.sqlite"

expect_rc "claimreview export" 0 $E --format claimreview --publisher "Faktencheck Desk" \
  --publisher-url https://desk.example/ --review-url-base 'https://desk.example/checks/{claim}'
cp "$TMP/out" "$TMP/cr.json"
check "the export validates: one ClaimReview per reviewed figure (latest verdict)" \
  python3 "$VALIDATE" "$TMP/cr.json" --count 3
# by_claim: the object reviewing a claim (its url ends in the claim id)
BY="next(o for o in d if o['url'].endswith(sys.argv[3]))"
pyc() { python3 -c 'import json,sys; d=json.load(open(sys.argv[2])); o=eval(sys.argv[4]); print(eval(sys.argv[1]))' "$1" "$TMP/cr.json" "$2" "$BY"; }
check "the latest verdict is exported: mostly-true = 4 of 1..5" \
  test "$(pyc "(o['reviewRating']['ratingValue'], o['reviewRating']['bestRating'], o['reviewRating']['worstRating'], o['reviewRating']['alternateName'])" "$RUTTE")" = "(4, 5, 1, 'Mostly true')"
check "true = 5" test "$(pyc "o['reviewRating']['ratingValue']" "$TOLL")" = 5
check "unverifiable has a name and no number" \
  test "$(pyc "(o['reviewRating']['alternateName'], 'ratingValue' in o['reviewRating'])" "$AID")" = "('Unverifiable', False)"
check "a person's claim: itemReviewed.author is a Person" \
  test "$(pyc "(o['itemReviewed']['author']['@type'], o['itemReviewed']['author']['name'])" "$RUTTE")" = "('Person', 'Mark Rutte')"
check "an organisation's claim: itemReviewed.author is an Organization" \
  test "$(pyc "o['itemReviewed']['author']['@type']" "$TOLL")" = Organization
check "the appearance is the article, with its URL and date" \
  test "$(pyc "(o['itemReviewed']['appearance'][0]['url'], o['itemReviewed']['datePublished'])" "$RUTTE")" = "('https://testblatt.example/2025/03/01/rutte-verluste', '2025-03-01')"
check "the review's author is the publisher, the reviewer a contributor" \
  test "$(pyc "(o['author']['@type'], o['author']['name'], o['author']['url'], o['contributor']['name'])" "$RUTTE")" = "('Organization', 'Faktencheck Desk', 'https://desk.example/', 'anna')"
check "the claim reviewed is the sentence; the sources are citations" \
  test "$(pyc "('20.000 Soldaten' in o['claimReviewed'], o['citation'])" "$RUTTE")" = "(True, ['https://www.nato.int/briefing-2'])"
check "the review's url fills the template" test "$(pyc "o['url']" "$RUTTE")" = "https://desk.example/checks/$RUTTE"
check "a claim without verdict is not exported" test "$(py "sum(o['url'].endswith('$UK') for o in d)" "$TMP/cr.json")" = 0

expect_rc "--all-verdicts exports every verdict" 0 $E --format claimreview --publisher Desk \
  --review-url-base https://desk.example/checks --all-verdicts
check "four verdicts, all valid" python3 "$VALIDATE" "$TMP/out" --count 4
check "a base without placeholder gets /CLAIM appended" \
  test "$(py "d[0]['url']" "$TMP/out")" = "https://desk.example/checks/$RUTTE"
expect_rc "--since after every verdict" 0 $E --format claimreview --publisher Desk \
  --review-url-base https://desk.example/c/ --since 2999-01-01
check "gives an empty array" test "$(py "len(d)" "$TMP/out")" = 0
expect_rc "--out writes the file" 0 $E --format claimreview --publisher Desk \
  --review-url-base https://desk.example/c/ --out "$TMP/export.json"
check "the file validates" python3 "$VALIDATE" "$TMP/export.json" --count 3
check "and stdout stays empty" test ! -s "$TMP/out"

# The validator must catch what it checks: drop one property at a time.
for prop in "['reviewRating']['alternateName']" "['itemReviewed']['author']" "['url']" \
  "['itemReviewed']['appearance']" "['author']" "['datePublished']"; do
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); exec("del d[1]"+sys.argv[2]); json.dump(d,open(sys.argv[3],"w"))' \
    "$TMP/cr.json" "$prop" "$TMP/broken.json"
  expect_rc "the validator rejects a ClaimReview without $prop" 1 python3 "$VALIDATE" "$TMP/broken.json"
  check "and names object 1" grep -q "^object 1" "$TMP/err"
done
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d[0]["reviewRating"]["ratingValue"]="4"; json.dump(d,open(sys.argv[2],"w"))' "$TMP/cr.json" "$TMP/broken.json"
expect_rc "the validator rejects a ratingValue that is not a number" 1 python3 "$VALIDATE" "$TMP/broken.json"

# --- export: CSV ------------------------------------------------------------------------------
expect_rc "csv export" 0 $E --format csv
csvq() { python3 -c 'import csv,sys; rows=list(csv.DictReader(open(sys.argv[2], newline=""))); print(eval(sys.argv[1]))' "$1" "$TMP/out"; }
check "one row per reviewed figure" test "$(csvq "len(rows)")" = 3
check "the header has what a spreadsheet user needs" test "$(csvq "all(k in rows[0] for k in ('claim_id','figure_id','rating','reviewer','created_at','previous_rating','sources','note','speaker','sentence','figure','title','outlet','url','article_date'))")" = True
R="next(r for r in rows if r['claim_id']=='$RUTTE')"
check "the corrected verdict shows the one it replaced" \
  test "$(csvq "($R['rating'], $R['previous_rating'], $R['reviewer'])")" = "('mostly-true', 'false', 'anna')"
check "with the claim and its article" \
  test "$(csvq "($R['speaker'], $R['figure'], $R['outlet'], $R['title'], $R['url'])")" = "('Mark Rutte', 'rund 20.000', 'Testblatt', 'Rutte über russische Verluste', 'https://testblatt.example/2025/03/01/rutte-verluste')"
expect_rc "csv --all-verdicts" 0 $E --format csv --all-verdicts
check "has every verdict" test "$(csvq "len(rows)")" = 4

# --- reference facts: lint ---------------------------------------------------------------------
FACTS="$DATA/facts"
BROKEN="tests/data/review/facts-broken"
expect_rc "the fixture facts lint cleanly" 0 "$CT" review facts lint "$FACTS"
check "lint counts the facts of the YAML and the CSV file" contains "$TMP/out" "4 facts; 0 errors, 0 warnings"
expect_rc "the shipped example facts lint cleanly" 0 "$CT" review facts lint claims_db/facts
expect_rc "broken facts fail the lint" 1 "$CT" review facts lint "$BROKEN"
for want in "bad.yaml:6:11: error[F013]: date '2025-02-30' is not a real date" \
  "bad.yaml:8:12: error[F014]: value '12.000,5' is not a number" \
  "bad.yaml:10:9: error[F012]: duplicate fact id 'losses-feb'" \
  "bad.yaml:13:19: error[F018]: unknown family 'trops'" \
  "bad.yaml:16:5: error[F009]: unknown key 'sorce' in a fact" \
  "bad.csv:2:12: error[F017]: source 'health.example/toll' is not an http(s) URL" \
  "bad.csv:2:65: error[F016]: tolerance '150%' is not a share"; do
  check "lint locates: $want" contains "$TMP/err" "$BROKEN/$want"
done
check "lint suggests the key meant" contains "$TMP/err" "did you mean 'source'?"
expect_rc "a missing facts folder" 1 "$CT" review facts lint "$TMP/no-facts"
check "is F001" contains "$TMP/err" "error[F001]"

# --- reference facts: suggest ------------------------------------------------------------------
# A database without verdicts: every claim a fact is about gets a suggestion.
DB2="$TMP/s.sqlite"
"$CT" ingest --db "$DB2" "$DATA/articles" >/dev/null 2>&1
S="$CT review suggest --db $DB2 --facts $FACTS"
expect_rc "suggest with broken facts refuses" 1 "$CT" review suggest --db "$DB2" --facts "$BROKEN"
check "and says to lint them" contains "$TMP/err" "review facts lint"
expect_rc "suggest (json)" 0 $S --format json
cp "$TMP/out" "$TMP/sug.json"
sg() { python3 -c 'import json,sys; d=json.load(open(sys.argv[2])); s={x["claim"]["article"]: x for x in d}; print(eval(sys.argv[1]))' "$1" "$TMP/sug.json"; }
check "one suggestion per claim a fact is about" test "$(sg "sorted(s)")" = "['review-hilfe-2025-03-10', 'review-ministerium-2025-03-05', 'review-rutte-2025-03-01', 'review-uk-2025-06-03']"
check "20,000 against 12,000 ±5%: false, with the arithmetic" \
  test "$(sg "(s['review-rutte-2025-03-01']['rating'], s['review-rutte-2025-03-01']['fact']['id'])")" = "('false', 'nato-russian-losses-2025-02')"
check "the arithmetic states both intervals and the deviation" contains "$TMP/sug.json" \
  'claimed \"rund 20.000\" = 20,000, asserts 18,000–22,000; reference 12,000 ±5% = 11,400–12,600 (nato-russian-losses-2025-02, 2025-02-28) → off by +67%, 45% outside the reference (more than 25%): suggest false'
check "the key is check's key" test "$(sg "s['review-rutte-2025-03-01']['key']")" = "troops/soldier/month loss=losses side=russian"
check "76,000 against 80,000: mostly-true (4% outside)" test "$(sg "s['review-uk-2025-06-03']['rating']")" = mostly-true
check "a floor that holds: true" test "$(sg "s['review-ministerium-2025-03-05']['rating']")" = true
check "a CSV fact: a thousand-fold slip is false" \
  test "$(sg "(s['review-hilfe-2025-03-10']['rating'], s['review-hilfe-2025-03-10']['scale'])")" = "('false', 1000.0)"
check "the evidence: source and date of the fact" \
  test "$(sg "(s['review-rutte-2025-03-01']['fact']['source'], s['review-rutte-2025-03-01']['fact']['date'])")" = "('https://nato.example/briefings/2025-02-28', '2025-02-28')"
expect_rc "suggest (table)" 0 $S
check "the table shows the arithmetic" contains "$TMP/out" "off by +67%"
check "and the command that records it" contains "$TMP/out" "confirm: claimtrack review verdict"
check "suggest records nothing" test "$("$CT" stats --db "$DB2" | awk '$1=="reviews"{print $2}')" = 0
# Confirming one suggestion with the printed command records the verdict and takes it off.
CMD=$(sg "s['review-rutte-2025-03-01']['command']")
check "the command names the claim, the rating, the source and --db" \
  contains <(echo "$CMD") "review verdict $RUTTE --rating false --source https://nato.example/briefings/2025-02-28 --note"
check "and the database it was asked about" contains <(echo "$CMD") "--db $DB2"
expect_rc "the printed command runs" 0 env CLAIMTRACK_REVIEWER=desk bash -c "cd '$ROOT' && PATH='$(dirname "$CT")':\$PATH $CMD"
check "and records the suggested verdict" test "$("$CT" review history "$RUTTE" --db "$DB2" --format csv | tail -n +2 | cut -d, -f4)" = false
expect_rc "suggest after the verdict" 0 $S --format jsonl
check "leaves the reviewed claim out" test "$(grep -c "$RUTTE" "$TMP/out")" = 0
expect_rc "suggest --all" 0 $S --format jsonl --all
check "shows it with its verdict" test "$(grep "$RUTTE" "$TMP/out" | python3 -c 'import json,sys; print(json.load(sys.stdin)["verdict"]["rating"])')" = false
expect_rc "suggest --type narrows" 0 $S --format jsonl --type casualties
check "to that claim type" test "$(wc -l <"$TMP/out")" = 1
expect_rc "suggest with an unknown format" 2 $S --format csv

finish
