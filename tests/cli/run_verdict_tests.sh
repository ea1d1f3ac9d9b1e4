#!/usr/bin/env bash
# End-to-end tests of verdicts on the fact-checkers' desk (docs/review.md): a verdict recorded
# with `review verdict` stays on its figure when the rule that found it is renamed and the
# archive re-extracted, and when the article is re-ingested unchanged; a revision that changes
# the reviewed sentence puts the claim back in the review queue with both versions; the
# history cannot be changed through the sqlite3 shell; bad input is a usage error.
# Usage: run_verdict_tests.sh PATH/TO/claimtrack   (run from the repository root by ctest)
set -uo pipefail
CT=${1:?usage: run_verdict_tests.sh path/to/claimtrack}
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
json() {  # json EXPR FILE: evaluate a Python expression over the JSON (j) in FILE
  python3 -c 'import json,sys; j=json.load(open(sys.argv[2])); print(eval(sys.argv[1]))' "$1" "$2"
}

DB="$TMP/c.sqlite"
RULES="$TMP/rules"
cp -r rules "$RULES"
S1="Die Verluste auf russischer Seite liegen laut NATO-Generalsekretär Mark Rutte bei rund 20.000 Soldaten pro Monat."
article "$TMP/in" a1 2025-03-01 Testblatt "Lagebericht. $S1 Weitere Angaben gab es nicht."
article "$TMP/in" a2 2025-03-08 Andere "Die Verluste auf russischer Seite liegen laut NATO-Generalsekretär Mark Rutte bei 28.000 Soldaten pro Monat."
"$CT" ingest --db "$DB" --rules "$RULES" "$TMP/in" >/dev/null 2>&1
"$CT" check --db "$DB" >/dev/null 2>&1

expect_rc "the queue lists the conflicting claims" 0 "$CT" review queue --db "$DB" --format json
cp "$TMP/out" "$TMP/queue.json"
check "both claims of the value conflict are queued" test "$(json 'len(j)' "$TMP/queue.json")" = 2
check "queued because of a finding, with its type" test "$(json 'j[0]["reason"]+"/"+j[0]["finding"]["type"]' "$TMP/queue.json")" = "finding/value_conflict"
check "each item shows the other claim of its finding" test "$(json 'len(j[0]["others"])' "$TMP/queue.json")" = 1
ID=$(json '[i["claim"]["id"] for i in j if i["claim"]["article"]=="a1"][0]' "$TMP/queue.json")
RULE=$(json '[i["claim"]["rule"] for i in j if i["claim"]["article"]=="a1"][0]' "$TMP/queue.json")

# Bad input: usage errors that name the problem, nothing written.
expect_rc "an unknown rating is a usage error" 2 "$CT" review verdict "$ID" --db "$DB" --rating fals --note n --source https://example.org/a --reviewer anna
check "with a did-you-mean" contains "$TMP/err" "did you mean 'false'"
expect_rc "a verdict other than unverifiable needs a source" 2 "$CT" review verdict "$ID" --db "$DB" --rating false --note n --reviewer anna
expect_rc "a source must be a URL" 2 "$CT" review verdict "$ID" --db "$DB" --rating false --note n --source "Polizei" --reviewer anna
expect_rc "a verdict needs a note" 2 "$CT" review verdict "$ID" --db "$DB" --rating false --note " " --source https://example.org/a --reviewer anna
expect_rc "an unknown claim is refused" 1 "$CT" review verdict ffffffffffffffff --db "$DB" --rating false --note n --source https://example.org/a --reviewer anna
expect_rc "nothing was recorded by the refused verdicts" 0 "$CT" review history "$ID" --db "$DB" --format json
check "the history is empty" test "$(json 'len(j)' "$TMP/out")" = 0

# Two verdicts: the second names the first.
expect_rc "a verdict is recorded" 0 "$CT" review verdict "$ID" --db "$DB" --rating misleading --note "Verteidigungsministerium: 19.000" --source https://example.org/mod --source https://example.org/isw --reviewer anna
expect_rc "a second verdict is recorded" 0 "$CT" review verdict "$ID" --db "$DB" --rating mostly-true --note "ISW bestätigt rund 20.000" --source https://example.org/isw2 --reviewer ben --format json
check "the second verdict replaces the first" test "$(json 'j["previous_id"]' "$TMP/out")" = "$(json 'j["id"]-1' "$TMP/out")"
"$CT" review history "$ID" --db "$DB" --format json >"$TMP/h0.json"
check "history: two verdicts, oldest first, with reviewers and sources" test "$(json '"|".join(v["rating"]+":"+v["reviewer"]+":"+str(len(v["sources"])) for v in j)' "$TMP/h0.json")" = "misleading:anna:2|mostly-true:ben:1"
expect_rc "the reviewed claim leaves the queue" 0 "$CT" review queue --db "$DB" --format json
check "only the other claim is left" test "$(json '[i["claim"]["article"] for i in j]' "$TMP/out")" = "['a2']"
check "it shows the verdicts already known for the speaker and key" test "$(json 'len(j[0]["known"])' "$TMP/out")" = 2

# The history cannot be changed outside claimtrack either.
check "UPDATE through the sqlite3 shell is refused" bash -c '! sqlite3 "$1" "UPDATE reviews SET verdict = '"'true'"'" 2>"$2"' _ "$DB" "$TMP/err"
check "with the reason" contains "$TMP/err" "append-only"
check "DELETE through the sqlite3 shell is refused" bash -c '! sqlite3 "$1" "DELETE FROM reviews" 2>"$2"' _ "$DB" "$TMP/err"
check "with the reason" contains "$TMP/err" "append-only"
"$CT" review history "$ID" --db "$DB" --format json >"$TMP/h1.json"
check "the history is unchanged" cmp -s "$TMP/h0.json" "$TMP/h1.json"

# Re-ingesting the unchanged article keeps the verdict.
"$CT" ingest --db "$DB" --rules "$RULES" "$TMP/in" >"$TMP/out" 2>&1
"$CT" review history "$ID" --db "$DB" --format json >"$TMP/h2.json"
check "re-ingest unchanged: the verdicts are still there" cmp -s "$TMP/h0.json" "$TMP/h2.json"

# The rule is renamed (and re-typed) and the archive re-extracted: a new claim id, the same figure.
grep -rl -- "id: $RULE\$" "$RULES" | head -1 >"$TMP/rulefile"
check "the rule file of the reviewed claim is found" test -s "$TMP/rulefile"
sed -i "s/id: $RULE\$/id: $RULE.renamed/" "$(cat "$TMP/rulefile")"
"$CT" ingest --db "$DB" --rules "$RULES" --reextract >/dev/null 2>&1
"$CT" claims --db "$DB" --format jsonl >"$TMP/claims.jsonl"
NEW=$(python3 -c 'import json,sys
for l in open(sys.argv[1]):
    c=json.loads(l)
    if c["article"]=="a1": print(c["id"])' "$TMP/claims.jsonl" | head -1)
check "re-extraction with the renamed rule gives a new claim id" test -n "$NEW" -a "$NEW" != "$ID"
expect_rc "the history of the new claim" 0 "$CT" review history "$NEW" --db "$DB" --format json
check "the verdicts followed the figure to the renamed rule's claim" test "$(json '"|".join(v["rating"] for v in j)' "$TMP/out")" = "misleading|mostly-true"
"$CT" check --db "$DB" >/dev/null 2>&1
expect_rc "queue after the rename" 0 "$CT" review queue --db "$DB" --format json
check "the reviewed figure stays out of the queue" test "$(json '[i["claim"]["article"] for i in j]' "$TMP/out")" = "['a2']"
expect_rc "show lists the verdicts on the new claim" 0 "$CT" show "$NEW" --db "$DB"
check "show: both verdicts" test "$(grep -c '^verdict' "$TMP/out")" = 2
expect_rc "claims --review-status reviewed" 0 "$CT" claims --db "$DB" --review-status reviewed --format jsonl
check "only the reviewed figure's claim" test "$(cut -c1-400 "$TMP/out" | grep -o '"id":"[0-9a-f]*"' | tr '\n' ' ')" = "\"id\":\"$NEW\" "
expect_rc "claims --review-status mostly-true (the latest verdict)" 0 "$CT" claims --db "$DB" --review-status mostly-true --format jsonl
check "the figure whose latest verdict is mostly-true" test "$(wc -l <"$TMP/out")" = 1
expect_rc "claims --review-status misleading (an earlier verdict only)" 0 "$CT" claims --db "$DB" --review-status misleading --format jsonl
check "no claim: misleading was replaced" test ! -s "$TMP/out"
expect_rc "claims --review-status unreviewed" 0 "$CT" claims --db "$DB" --review-status unreviewed --format jsonl
check "the other claim is unreviewed" test "$(wc -l <"$TMP/out")" = 1
expect_rc "an unknown review status is a usage error" 2 "$CT" claims --db "$DB" --review-status checked

# A revision that keeps the reviewed sentence keeps the verdict.
article "$TMP/in" a1 2025-03-01 Testblatt "Lagebericht am Morgen. $S1 Weitere Angaben gab es nicht."
"$CT" ingest --db "$DB" --rules "$RULES" "$TMP/in" >"$TMP/out" 2>&1
check "the article was revised" grep -q "revised" "$TMP/out"
"$CT" check --db "$DB" >/dev/null 2>&1
"$CT" review queue --db "$DB" --format json >"$TMP/out"
check "a revision elsewhere in the article keeps it out of the queue" test "$(json '[i["reason"] for i in j]' "$TMP/out")" = "['finding']"

# A revision that changes the reviewed sentence puts it back, with both versions.
article "$TMP/in" a1 2025-03-01 Testblatt "Lagebericht am Morgen. Die Verluste auf russischer Seite liegen laut NATO-Generalsekretär Mark Rutte bei rund 12.000 Soldaten pro Monat. Weitere Angaben gab es nicht."
"$CT" ingest --db "$DB" --rules "$RULES" "$TMP/in" >/dev/null 2>&1
"$CT" check --db "$DB" >/dev/null 2>&1
expect_rc "queue after the sentence changed" 0 "$CT" review queue --db "$DB" --format json
cp "$TMP/out" "$TMP/q3.json"
check "the changed claim is back in the queue, first, as high" test "$(json 'j[0]["reason"]+"/"+j[0]["severity"]' "$TMP/q3.json")" = "changed/high"
check "with the reviewed version" test "$(json '"20.000" in j[0]["reviewed"]["sentence"] and j[0]["reviewed"]["rating"]=="mostly-true"' "$TMP/q3.json")" = True
check "and the new version" test "$(json '"12.000" in j[0]["claim"]["sentence"]' "$TMP/q3.json")" = True
check "listed once, although a finding names it too" test "$(json 'len([i for i in j if i["claim"]["id"]==j[0]["claim"]["id"]])' "$TMP/q3.json")" = 1
expect_rc "queue as a table" 0 "$CT" review queue --db "$DB"
check "the table says it changed and what it was" grep -q "changed.*was mostly-true" "$TMP/out"
CHANGED=$(json 'j[0]["claim"]["id"]' "$TMP/q3.json")
"$CT" review verdict "$CHANGED" --db "$DB" --rating false --note "Neue Zahl falsch" --source https://example.org/mod3 --reviewer anna >/dev/null 2>&1
"$CT" review queue --db "$DB" --format json >"$TMP/out"
check "a verdict on the new version takes it off the queue" test "$(json '[i["reason"] for i in j if i["reason"]=="changed"]' "$TMP/out")" = "[]"
expect_rc "csv queue" 0 "$CT" review queue --db "$DB" --format csv
check "csv has a header and quoted sentences" grep -q '^claim_id,reason,severity' "$TMP/out"
expect_rc "an unknown format is a usage error" 2 "$CT" review queue --db "$DB" --format xml
# A typo in --speaker or --type is not an empty queue: exit 6 with the stored names.
expect_rc "queue --speaker with a typo exits 6" 6 "$CT" review queue --db "$DB" --speaker "Mark Rute"
check "with a did-you-mean naming the stored speaker" contains "$TMP/err" "did you mean 'Mark Rutte'"
check "and nothing on stdout" test ! -s "$TMP/out"
expect_rc "queue --type with a typo exits 6" 6 "$CT" review queue --db "$DB" --type casualty
check "with the stored types" contains "$TMP/err" "no claim of type 'casualty'"
expect_rc "queue --speaker in other case finds the speaker's claims" 0 "$CT" review queue --db "$DB" --speaker "mark rutte" --all --format json
check "the speaker's queued claims are listed" test "$(json 'len(j) > 0' "$TMP/out")" = True
expect_rc "a stored speaker with nothing to review is an empty queue, exit 0" 0 "$CT" review queue --db "$DB" --speaker "Mark Rutte" --severity low

# A rule with `review: true` queues its claims without a finding, until they have a verdict.
DB2="$TMP/r.sqlite"
RULES2="$TMP/rules2"
cp -r rules "$RULES2"
sed -i '0,/^  lang: de$/s//  lang: de\n  review: true/' "$RULES2/de/money.yaml"
expect_rc "rules with review: true lint clean" 0 "$CT" rules lint "$RULES2"
article "$TMP/in5" m1 2025-04-01 Testblatt "Die zugesagten fünf Milliarden Dollar für die Ukraine müssen stehen, sagte Mark Rutte."
"$CT" ingest --db "$DB2" --rules "$RULES2" "$TMP/in5" >/dev/null 2>&1
expect_rc "queue of a rule-flagged claim" 0 "$CT" review queue --db "$DB2" --format json
check "the money claim is queued because of its rule, as low" test "$(json '[i["reason"]+"/"+i["severity"]+"/"+i["claim"]["rule"] for i in j]' "$TMP/out")" = "['rule/low/de.money.pledge']"
M=$(json 'j[0]["claim"]["id"]' "$TMP/out")
"$CT" review verdict "$M" --db "$DB2" --rating unverifiable --note "keine Quelle" --reviewer anna >/dev/null 2>&1
"$CT" review queue --db "$DB2" --format json >"$TMP/out"
check "unverifiable needs no source, and the verdict takes it off the queue" test "$(json 'len(j)' "$TMP/out")" = 0
"$CT" ingest --db "$DB" --rules "$RULES" "$TMP/in5" >/dev/null 2>&1
"$CT" review queue --db "$DB" --format json >"$TMP/out"
check "without review: true the same claim is not queued" test "$(json '[i for i in j if i["reason"]=="rule"]' "$TMP/out")" = "[]"

finish
