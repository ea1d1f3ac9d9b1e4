#!/usr/bin/env bash
# `check` and `report` on a database of about a million claims (issue 9's targets: full
# `check` <= 10 s, incremental `check` after 10k new claims <= 1 s, `report` <= 5 s).
# Takes 15-30 minutes on 2 cores the first time (the ingest), a few minutes with --reuse-db.
# Not part of ctest.
#
#   tests/bench/run_check_bench.sh [--articles 39200] [--new-claims 10000] [--jobs N]
#                                  [--build-dir DIR | --bin PATH] [--no-build]
#                                  [--source DIR] [--timeout 3600] [--reuse-db] [--keep-db]
#
# 1. Builds claimtrack (Release, build-bench/) unless --bin/--no-build (tests/bench/lib.sh).
# 2. Generates (or reuses) --articles small .md articles per language with make_corpus.py
#    (the same folders as run_ingest_bench.sh: paragraphs of the shared news corpus with
#    re-drawn figures, dates over six years, two outlets), so speakers and claim keys repeat
#    across articles with different figures: many near-copies, the hard case for `check`.
# 3. Ingests them with `claimtrack ingest` into tests/bench/out/check-N.base.sqlite (timed;
#    with --reuse-db an existing base database is kept), then copies it to check-N.sqlite.
#    About 13 claims per article: the default of 39 200 per language gives about 1.0M claims.
# 4. Measures with /usr/bin/time -v, with the repository root as working directory:
#      check-full     claimtrack check --db DB --format table > logs/check-full.stdout
#                     (the first run: every claim; the nightly job's command)
#      check-again    the same, nothing new since (incremental, 0 claims)
#      ingest-new     claimtrack ingest of M more articles (make_corpus.py --first-article
#                     N+1, M chosen from the base's claims per article to give about
#                     --new-claims claims; not a target, for the record)
#      check-incr     claimtrack check --db DB --format table (incremental)
#      report         claimtrack report --db DB --reproducible --format html,md,json
#                     --out tests/bench/out/report-N
# 5. Prints wall s, user/sys s, peak RSS and the 1-minute load average before/after per run,
#    the sizes (claims, findings, database, report files) and the verdict per target, and
#    writes them to tests/bench/out/check_results.txt. The working copy is deleted
#    afterwards unless --keep-db; the base database stays (delete it to re-ingest).
set -euo pipefail

SCRIPT=run_check_bench.sh
# shellcheck source=tests/bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ARTICLES=39200
NEW_CLAIMS=10000
JOBS=""
REUSE_DB=0
KEEP_DB=0

usage() { sed -n '2,34p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
while [[ $# -gt 0 ]]; do
  case $1 in
    --articles) bench_need_arg "$@"; ARTICLES=$2; shift 2 ;;
    --new-claims) bench_need_arg "$@"; NEW_CLAIMS=$2; shift 2 ;;
    --jobs) bench_need_arg "$@"; JOBS=$2; shift 2 ;;
    --reuse-db) REUSE_DB=1; shift ;;
    --keep-db) KEEP_DB=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *)
      bench_common_opt "$@"
      [[ $BENCH_SHIFT -gt 0 ]] || { echo "$SCRIPT: unknown argument '$1' (see --help)" >&2; exit 2; }
      shift "$BENCH_SHIFT" ;;
  esac
done
[[ $ARTICLES =~ ^[1-9][0-9]*$ ]] || { echo "$SCRIPT: --articles must be >= 1" >&2; exit 2; }
[[ $NEW_CLAIMS =~ ^[1-9][0-9]*$ ]] || { echo "$SCRIPT: --new-claims must be >= 1" >&2; exit 2; }
[[ -z $JOBS || $JOBS =~ ^[1-9][0-9]*$ ]] || { echo "$SCRIPT: --jobs must be >= 1" >&2; exit 2; }
[[ $TIMEOUT =~ ^[1-9][0-9]*$ ]] || { echo "$SCRIPT: --timeout must be seconds" >&2; exit 2; }
command -v sqlite3 > /dev/null || NOTES+=("no sqlite3 CLI: finding counts not shown")

# --- 1. build ------------------------------------------------------------------------------
bench_build check-build.log

# --- 2. corpus -----------------------------------------------------------------------------
corpus_args=()
[[ -n $SOURCE ]] && corpus_args+=(--source "$SOURCE")
CORPUS=$OUT/corpus-articles-$ARTICLES
echo "== corpus ($ARTICLES articles per language)"
# --mb 1: make_corpus.py always writes the big .txt files too; they are not used here.
python3 "$BENCH/make_corpus.py" --mb 1 --articles "$ARTICLES" --out "$CORPUS" "${corpus_args[@]}"

# --- 3. base database ----------------------------------------------------------------------
cd "$REPO"
common=(--rules rules)
[[ -n $JOBS ]] && common+=(--jobs "$JOBS")
BASE=$OUT/check-$ARTICLES.base.sqlite
META=$BASE.meta  # "articles claims" of the base ingest
DB=$OUT/check-$ARTICLES.sqlite
rm_db() { rm -f "$1" "$1-wal" "$1-shm"; }
ingest_counts() {  # the "N articles ...; M claims written" line of ingest -> "N M"
  sed -n 's/^ingested \([0-9]*\) articles.*; \([0-9]*\) claims written;.*/\1 \2/p' "$1"
}
if [[ $REUSE_DB == 1 && -f $BASE && -f $META ]]; then
  echo "== reusing $BASE ($(date -r "$BASE" '+%F %T'))"
  NOTES+=("base database reused (--reuse-db), ingested $(date -r "$BASE" '+%F %T')")
else
  rm_db "$BASE"
  rm -f "$META"
  echo "== ingest of the base corpus into $BASE"
  bench_run ingest-base "$OUT/logs/ingest-base.stdout" "$BIN" ingest --db "$BASE" \
    "${common[@]}" "$CORPUS/articles"
  cat "$OUT/logs/ingest-base.stdout"
  if [[ ${RC[ingest-base]} != 0 && ${RC[ingest-base]} != 3 ]]; then
    echo "$SCRIPT: ingest failed (see $OUT/logs/ingest-base.stderr)" >&2
    exit 1
  fi
  ingest_counts "$OUT/logs/ingest-base.stdout" > "$META"
fi
read -r BASE_ARTICLES BASE_CLAIMS < "$META"
rm_db "$DB"
cp "$BASE" "$DB"
[[ -f $BASE-wal ]] && cp "$BASE-wal" "$DB-wal"

# The new articles: about --new-claims claims at the base's claims per article.
NEW_ARTICLES=$(awk -v n="$NEW_CLAIMS" -v a="$BASE_ARTICLES" -v c="$BASE_CLAIMS" \
  'BEGIN { x = (c > 0 ? n * a / c / 2 : n / 20); printf "%d", (x < 1 ? 1 : x + 0.999) }')
NEW_CORPUS=$OUT/corpus-articles-$ARTICLES-new-$NEW_ARTICLES
echo "== new articles ($NEW_ARTICLES per language, numbered from $((ARTICLES + 1)))"
python3 "$BENCH/make_corpus.py" --mb 1 --articles "$NEW_ARTICLES" \
  --first-article "$((ARTICLES + 1))" --out "$NEW_CORPUS" "${corpus_args[@]}"

# --- 4. measurements -----------------------------------------------------------------------
REPORT=$OUT/report-$ARTICLES
rm -rf "$REPORT"
summary() { tail -n 1 "$OUT/logs/$1.stdout" 2> /dev/null || true; }
echo "== check and report on $DB"
bench_run check-full "$OUT/logs/check-full.stdout" "$BIN" check --db "$DB" --keys rules/keys.yaml --format table
echo "      $(summary check-full)"
bench_run check-again "$OUT/logs/check-again.stdout" "$BIN" check --db "$DB" --keys rules/keys.yaml --format table
echo "      $(summary check-again)"
bench_run ingest-new "$OUT/logs/ingest-new.stdout" "$BIN" ingest --db "$DB" "${common[@]}" \
  "$NEW_CORPUS/articles"
read -r NEW_STORED_ARTICLES NEW_STORED_CLAIMS < <(ingest_counts "$OUT/logs/ingest-new.stdout"; echo)
echo "      $(cat "$OUT/logs/ingest-new.stdout")"
bench_run check-incr "$OUT/logs/check-incr.stdout" "$BIN" check --db "$DB" --keys rules/keys.yaml --format table
echo "      $(summary check-incr)"
bench_run report "$OUT/logs/report.stdout" "$BIN" report --db "$DB" --keys rules/keys.yaml --reproducible \
  --format html,md,json --out "$REPORT"

# --- 5. results ----------------------------------------------------------------------------
db_mib() {
  local bytes=0 f
  for f in "$1" "$1-wal"; do [[ -f $f ]] && bytes=$((bytes + $(stat -c %s "$f"))); done
  bench_div "$bytes" 1048576 1
}
findings() {  # findings by status, from the database
  command -v sqlite3 > /dev/null || { echo "-"; return; }
  sqlite3 "$DB" "SELECT group_concat(n || ' ' || status, ', ') FROM (SELECT status, count(*) AS n FROM findings GROUP BY status ORDER BY status)" 2> /dev/null || echo "-"
}
verdict() {  # NAME TARGET_S
  awk -v w="${WALL[$1]}" -v t="$2" -v rc="${RC[$1]}" \
    'BEGIN { if (rc != 0) print "FAILED (rc " rc ")"; else if (w <= t) print "met"; else print "MISSED" }'
}
cpu() { awk -v u="${USER[$1]}" -v s="${SYS[$1]}" 'BEGIN { if (u == "-") print "-"; else printf "%.2f", u + s }'; }
{
  bench_header "claimtrack check/report benchmark"
  echo "corpus:  $CORPUS/articles (+ $NEW_CORPUS/articles)"
  echo "base:    $BASE_ARTICLES articles, $BASE_CLAIMS claims ingested; database $(db_mib "$BASE") MiB"
  echo "new:     $NEW_STORED_ARTICLES articles, $NEW_STORED_CLAIMS claims ingested before check-incr"
  echo "timing:  ${GNU_TIME:-bash clock + /proc VmHWM}; wall by the bash clock"
  echo
  printf '%-12s %8s %8s %8s %8s %10s %11s %8s %s\n' run wall_s user_s sys_s cpu_s peakRSS_MB load_before load_after target
  for name in ingest-base check-full check-again ingest-new check-incr report; do
    [[ -n ${WALL[$name]:-} ]] || continue
    case $name in
      check-full) target="<= 10 s: $(verdict "$name" 10)" ;;
      check-incr) target="<= 1 s: $(verdict "$name" 1)" ;;
      report) target="<= 5 s: $(verdict "$name" 5)" ;;
      *) target="" ;;
    esac
    printf '%-12s %8s %8s %8s %8s %10s %11s %8s %s\n' "$name" "${WALL[$name]}" "${USER[$name]}" \
      "${SYS[$name]}" "$(cpu "$name")" "$(bench_mb "${RSS[$name]}")" "${LOAD0[$name]}" \
      "${LOAD1[$name]}" "$target"
  done
  echo
  echo "check-full:  $(summary check-full)"
  echo "check-again: $(summary check-again)"
  echo "check-incr:  $(summary check-incr)"
  echo "findings stored: $(findings); database after the runs $(db_mib "$DB") MiB"
  echo "report: $(tr '\n' ' ' < "$OUT/logs/report.stderr")"
  for f in "$REPORT"/report.*; do
    [[ -f $f ]] && echo "  $(basename "$f"): $(bench_div "$(stat -c %s "$f")" 1048576 2) MiB"
  done
  bench_notes
} | tee "$OUT/check_results.txt"
echo "(written to $OUT/check_results.txt; per-run logs in $OUT/logs/)"
[[ $KEEP_DB == 1 ]] || rm_db "$DB"

for name in check-full check-again ingest-new check-incr report; do
  if [[ ${RC[$name]} != 0 && ${RC[$name]} != 3 ]]; then
    echo "$SCRIPT: $name exited with ${RC[$name]} (see $OUT/logs/$name.stderr)" >&2
    exit 1
  fi
done
