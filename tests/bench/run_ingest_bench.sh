#!/usr/bin/env bash
# Ingest benchmark: `claimtrack ingest` into a fresh database against `claimtrack extract` on
# the same article folder, in the same run.
#
#   tests/bench/run_ingest_bench.sh [--articles 50000] [--batch 200] [--jobs N]
#                                   [--build-dir DIR | --bin PATH] [--no-build]
#                                   [--source DIR] [--timeout 3600] [--keep-db]
#
# 1. Builds claimtrack (Release, build-bench/) unless --bin/--no-build; a failed rebuild with
#    an existing binary is a warning (noted in the results), no binary is an error.
# 2. Generates (or reuses) --articles small .md articles per language with front matter
#    (make_corpus.py --articles N, in tests/bench/out/corpus-articles-N/articles; 50 000 per
#    language = 100 000 files, about 600 MB; git-ignored).
# 3. Measures, with the repository root as working directory (rules/ = shipped rules):
#      claimtrack extract --format jsonl --rules rules FOLDER > /dev/null
#      claimtrack ingest --db out/ingest-N.sqlite --rules rules [--batch B] FOLDER
#    both with attribution (the default), the database deleted before the ingest. Wall time
#    by the bash clock; user/sys time and peak RSS by /usr/bin/time -v (fallback: VmHWM
#    sampled from /proc). Then, untimed by GNU time but by the bash clock, two queries on the
#    new database: `speakers` and `claims --speaker ID --format jsonl` for a speaker with
#    about 0.2-1% of the claims (the most frequent one if none is in that band).
# 4. Prints a table (articles/s, claims/s, MB/s, peak RSS, database size, ingest/extract
#    ratio against the goal of >= 70%) and writes it to tests/bench/out/ingest_results.txt.
#    The database is deleted afterwards unless --keep-db.
set -euo pipefail

SCRIPT=run_ingest_bench.sh
# shellcheck source=tests/bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ARTICLES=50000
BATCH=""
JOBS=""
KEEP_DB=0
GOAL=0.70

usage() { sed -n '2,25p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
while [[ $# -gt 0 ]]; do
  case $1 in
    --articles) bench_need_arg "$@"; ARTICLES=$2; shift 2 ;;
    --batch) bench_need_arg "$@"; BATCH=$2; shift 2 ;;
    --jobs) bench_need_arg "$@"; JOBS=$2; shift 2 ;;
    --keep-db) KEEP_DB=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *)
      bench_common_opt "$@"
      [[ $BENCH_SHIFT -gt 0 ]] || { echo "run_ingest_bench.sh: unknown argument '$1' (see --help)" >&2; exit 2; }
      shift "$BENCH_SHIFT" ;;
  esac
done
[[ $ARTICLES =~ ^[1-9][0-9]*$ ]] || { echo "run_ingest_bench.sh: --articles must be >= 1" >&2; exit 2; }
[[ -z $BATCH || $BATCH =~ ^[1-9][0-9]*$ ]] || { echo "run_ingest_bench.sh: --batch must be >= 1" >&2; exit 2; }
[[ -z $JOBS || $JOBS =~ ^[1-9][0-9]*$ ]] || { echo "run_ingest_bench.sh: --jobs must be >= 1" >&2; exit 2; }
[[ $TIMEOUT =~ ^[1-9][0-9]*$ ]] || { echo "run_ingest_bench.sh: --timeout must be seconds" >&2; exit 2; }

# --- 1. build ------------------------------------------------------------------------------
bench_build ingest-build.log

# --- 2. corpus -----------------------------------------------------------------------------
CORPUS=$OUT/corpus-articles-$ARTICLES
corpus_args=()
[[ -n $SOURCE ]] && corpus_args+=(--source "$SOURCE")
echo "== corpus ($ARTICLES articles per language)"
# --mb 1: make_corpus.py always writes the big .txt files too; they are not used here.
python3 "$BENCH/make_corpus.py" --mb 1 --articles "$ARTICLES" --out "$CORPUS" "${corpus_args[@]}"
FOLDER=$CORPUS/articles
CORPUS_SOURCE=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["source"])' \
  "$CORPUS/manifest.json")
FILES=$(find "$FOLDER" -type f -name '*.md' | wc -l)
BYTES=$(find "$FOLDER" -type f -name '*.md' -printf '%s\n' | awk '{ s += $1 } END { printf "%d", s }')
MBYTES=$(awk -v b="$BYTES" 'BEGIN { printf "%.1f", b / 1e6 }')

# --- 3. measurements -----------------------------------------------------------------------
cd "$REPO"
common=(--rules rules)
[[ -n $JOBS ]] && common+=(--jobs "$JOBS")
DB=$OUT/ingest-$ARTICLES.sqlite

# Wall time in ms of a command by the bash clock (stdout to /dev/null), best of 3 runs.
query_ms() {
  local best="" start end ms i
  for i in 1 2 3; do
    start=$(date +%s%N)
    "$@" > /dev/null 2>> "$OUT/logs/ingest-queries.stderr" || return 1
    end=$(date +%s%N)
    ms=$(((end - start) / 1000000))
    [[ -z $best || $ms -lt $best ]] && best=$ms
  done
  echo "$best"
}

echo "== $FILES files, $MBYTES MB: $FOLDER"
bench_run extract /dev/null "$BIN" extract --format jsonl "${common[@]}" "$FOLDER"
rm -f "$DB" "$DB-wal" "$DB-shm"
ingest_args=(ingest --db "$DB" "${common[@]}")
[[ -n $BATCH ]] && ingest_args+=(--batch "$BATCH")
bench_run ingest "$OUT/logs/ingest.stdout" "$BIN" "${ingest_args[@]}" "$FOLDER"
cat "$OUT/logs/ingest.stdout"
INGEST_CLAIMS=$(sed -n 's/.*; \([0-9]*\) claims written;.*/\1/p' "$OUT/logs/ingest.stdout")
INGEST_ARTICLES=$(sed -n 's/^ingested \([0-9]*\) articles.*/\1/p' "$OUT/logs/ingest.stdout")
DB_BYTES=0
for f in "$DB" "$DB-wal"; do
  [[ -f $f ]] && DB_BYTES=$((DB_BYTES + $(stat -c %s "$f")))
done

SPEAKERS_MS="-" CLAIMS_MS="-" SPEAKER="" SPEAKER_CLAIMS=""
if [[ ${RC[ingest]} == 0 || ${RC[ingest]} == 3 ]]; then
  # A speaker with 0.2-1% of the claims (the most frequent one if none is in that band).
  "$BIN" speakers --db "$DB" --format csv > "$OUT/logs/ingest-speakers.csv" 2>> "$OUT/logs/ingest-queries.stderr" || true
  IFS=$'\t' read -r SPEAKER SPEAKER_CLAIMS < <(awk -F, -v total="${INGEST_CLAIMS:-0}" '
    NR == 1 || $1 ~ /"/ { next }  # header; ids with quotes or commas are not picked
    first == "" { first = $1 "\t" $4 }
    total > 0 && $4 / total >= 0.002 && $4 / total <= 0.01 { print $1 "\t" $4; found = 1; exit }
    END { if (!found && first != "") print first }' "$OUT/logs/ingest-speakers.csv") || true
  SPEAKERS_MS=$(query_ms "$BIN" speakers --db "$DB" --format csv) || SPEAKERS_MS="failed"
  if [[ -n $SPEAKER ]]; then
    CLAIMS_MS=$(query_ms "$BIN" claims --db "$DB" --speaker "$SPEAKER" --format jsonl) || CLAIMS_MS="failed"
  fi
fi

# --- 4. report -----------------------------------------------------------------------------
RATIO=$(bench_div "${WALL[extract]}" "${WALL[ingest]}" 3)
{
  bench_header "claimtrack ingest benchmark"
  echo "corpus:  $FOLDER: $FILES files, $MBYTES MB (source: $CORPUS_SOURCE)"
  echo "options: ${common[*]}${BATCH:+ --batch $BATCH} (both with attribution); timing: ${GNU_TIME:-bash clock + /proc VmHWM}"
  echo
  printf '%-8s %8s %8s %10s %10s %7s %8s %8s %10s %4s\n' run wall_s files/s claims claims/s MB/s user_s sys_s peakRSS_MB rc
  for name in extract ingest; do
    n=${INGEST_CLAIMS:-}  # the same rules on the same input: extract finds the same claims
    printf '%-8s %8s %8s %10s %10s %7s %8s %8s %10s %4s\n' "$name" "${WALL[$name]}" \
      "$(bench_div "$FILES" "${WALL[$name]}" 0)" "${n:--}" "$(bench_div "$n" "${WALL[$name]}" 0)" \
      "$(bench_div "$MBYTES" "${WALL[$name]}" 2)" "${USER[$name]}" "${SYS[$name]}" \
      "$(bench_mb "${RSS[$name]}")" "${RC[$name]}"
  done
  echo
  echo "ingest: ${INGEST_ARTICLES:-?} articles stored, database $(bench_div "$DB_BYTES" 1048576 1) MiB ($(bench_div "$DB_BYTES" "$BYTES" 2) x the input)"
  verdict=$(awk -v r="$RATIO" -v g="$GOAL" 'BEGIN { if (r == "-") print "no result"; else if (r >= g) print "goal met"; else print "BELOW the goal" }')
  echo "ingest throughput / extract throughput: $RATIO (goal >= $GOAL: $verdict)"
  echo
  echo "queries on the new database (bash clock, whole process, best of 3):"
  echo "  speakers --format csv:                         $SPEAKERS_MS ms"
  echo "  claims --speaker '$SPEAKER' --format jsonl ($SPEAKER_CLAIMS claims): $CLAIMS_MS ms"
  bench_notes
} | tee "$OUT/ingest_results.txt"
echo "(written to $OUT/ingest_results.txt; per-run logs in $OUT/logs/)"
[[ $KEEP_DB == 1 ]] || rm -f "$DB" "$DB-wal" "$DB-shm"

# Fail when a run crashed or timed out (rc 0 and 3 = partial input are fine).
for name in extract ingest; do
  if [[ ${RC[$name]} != 0 && ${RC[$name]} != 3 ]]; then
    echo "run_ingest_bench.sh: $name exited with ${RC[$name]} (see $OUT/logs/$name.stderr)" >&2
    exit 1
  fi
done
