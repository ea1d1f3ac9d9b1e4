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

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BENCH=$REPO/tests/bench
OUT=$BENCH/out
ARTICLES=50000
BATCH=""
JOBS=""
BUILD_DIR=$REPO/build-bench
BIN=""
NO_BUILD=0
SOURCE=""
TIMEOUT=3600
KEEP_DB=0
GOAL=0.70

usage() { sed -n '2,25p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
need_arg() { [[ $# -ge 2 && -n $2 ]] || { echo "run_ingest_bench.sh: $1 needs a value" >&2; exit 2; }; }
while [[ $# -gt 0 ]]; do
  case $1 in
    --articles) need_arg "$@"; ARTICLES=$2; shift 2 ;;
    --batch) need_arg "$@"; BATCH=$2; shift 2 ;;
    --jobs) need_arg "$@"; JOBS=$2; shift 2 ;;
    --build-dir) need_arg "$@"; BUILD_DIR=$2; shift 2 ;;
    --bin) need_arg "$@"; BIN=$2; shift 2 ;;
    --no-build) NO_BUILD=1; shift ;;
    --source) need_arg "$@"; SOURCE=$2; shift 2 ;;
    --timeout) need_arg "$@"; TIMEOUT=$2; shift 2 ;;
    --keep-db) KEEP_DB=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "run_ingest_bench.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
[[ $ARTICLES =~ ^[1-9][0-9]*$ ]] || { echo "run_ingest_bench.sh: --articles must be >= 1" >&2; exit 2; }
[[ -z $BATCH || $BATCH =~ ^[1-9][0-9]*$ ]] || { echo "run_ingest_bench.sh: --batch must be >= 1" >&2; exit 2; }
[[ -z $JOBS || $JOBS =~ ^[1-9][0-9]*$ ]] || { echo "run_ingest_bench.sh: --jobs must be >= 1" >&2; exit 2; }
[[ $TIMEOUT =~ ^[1-9][0-9]*$ ]] || { echo "run_ingest_bench.sh: --timeout must be seconds" >&2; exit 2; }

command -v python3 > /dev/null || { echo "run_ingest_bench.sh: python3 is required" >&2; exit 2; }
GNU_TIME=""
if [[ -x /usr/bin/time ]] && /usr/bin/time -v true > /dev/null 2>&1; then
  GNU_TIME=/usr/bin/time
else
  echo "run_ingest_bench.sh: note: GNU time (Debian package 'time') missing; using bash clock and /proc VmHWM sampling" >&2
fi
[[ ${BENCH_NO_GNU_TIME:-0} == 1 ]] && GNU_TIME=""  # to test the fallback

mkdir -p "$OUT/logs"
NOTES=()

# --- 1. build ------------------------------------------------------------------------------
if [[ -z $BIN ]]; then
  BIN=$BUILD_DIR/claimtrack
  if [[ $NO_BUILD == 0 ]]; then
    if [[ ! -f $BUILD_DIR/CMakeCache.txt ]]; then
      cmake -S "$REPO" -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release > "$OUT/logs/ingest-build.log" 2>&1 || {
        echo "run_ingest_bench.sh: cmake configure failed; see $OUT/logs/ingest-build.log" >&2; exit 2; }
    fi
    build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$BUILD_DIR/CMakeCache.txt")
    if [[ $build_type != Release ]]; then
      echo "run_ingest_bench.sh: $BUILD_DIR is a '$build_type' build, not Release; use another --build-dir" >&2
      exit 2
    fi
    echo "== building claimtrack (Release) in $BUILD_DIR"
    if ! cmake --build "$BUILD_DIR" --target claimtrack -j2 >> "$OUT/logs/ingest-build.log" 2>&1; then
      if [[ -x $BIN ]]; then
        NOTES+=("rebuild FAILED (see logs/ingest-build.log); measured the existing binary from $(date -r "$BIN" '+%F %T')")
        echo "run_ingest_bench.sh: warning: ${NOTES[-1]}" >&2
      else
        echo "run_ingest_bench.sh: build failed; see $OUT/logs/ingest-build.log" >&2
        exit 2
      fi
    fi
  fi
fi
[[ -x $BIN ]] || { echo "run_ingest_bench.sh: no claimtrack binary at $BIN" >&2; exit 2; }
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")

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

declare -A WALL USER SYS RSS RC

# measure NAME STDOUT CMD... : runs CMD (stdout to STDOUT, stderr to logs/NAME.stderr).
measure() {
  local name=$1 stdout=$2
  shift 2
  local log=$OUT/logs/$name
  local rc=0 start end
  printf '   %-12s ' "$name"
  start=$(date +%s.%N)
  if [[ -n $GNU_TIME ]]; then
    # --foreground: timeout stays in our process group, so stopping the script stops it.
    "$GNU_TIME" -v -o "$log.time" timeout --foreground -k 10 "$TIMEOUT" "$@" > "$stdout" 2> "$log.stderr" || rc=$?
    end=$(date +%s.%N)
    RSS[$name]=$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$log.time")
    USER[$name]=$(sed -n 's/^[[:space:]]*User time (seconds): //p' "$log.time")
    SYS[$name]=$(sed -n 's/^[[:space:]]*System time (seconds): //p' "$log.time")
  else
    "$@" > "$stdout" 2> "$log.stderr" &
    local pid=$! hwm=0 v
    while kill -0 "$pid" 2> /dev/null; do
      v=$(sed -n 's/^VmHWM:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$pid/status" 2> /dev/null || true)
      [[ -n $v && $v -gt $hwm ]] && hwm=$v
      if awk -v s="$start" -v n="$(date +%s.%N)" -v t="$TIMEOUT" 'BEGIN { exit !(n - s > t) }'; then
        kill -9 "$pid" 2> /dev/null || true
      fi
      sleep 0.05
    done
    wait "$pid" || rc=$?
    end=$(date +%s.%N)
    RSS[$name]=$hwm
    USER[$name]="-"
    SYS[$name]="-"
    [[ $rc == 137 ]] && rc=124
  fi
  WALL[$name]=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.2f", e - s }')
  RC[$name]=$rc
  printf '%8ss  %8.1f MB RSS  rc=%s\n' "${WALL[$name]}" \
    "$(awk -v k="${RSS[$name]:-0}" 'BEGIN { print k / 1024 }')" "$rc"
  if [[ $rc == 124 ]]; then
    NOTES+=("$name: killed after the ${TIMEOUT}s timeout")
  elif [[ $rc -ge 128 ]]; then
    NOTES+=("$name: died with signal $((rc - 128)) (see logs/$name.stderr)")
  fi
}

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
measure extract /dev/null "$BIN" extract --format jsonl "${common[@]}" "$FOLDER"
rm -f "$DB" "$DB-wal" "$DB-shm"
ingest_args=(ingest --db "$DB" "${common[@]}")
[[ -n $BATCH ]] && ingest_args+=(--batch "$BATCH")
measure ingest "$OUT/logs/ingest.stdout" "$BIN" "${ingest_args[@]}" "$FOLDER"
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
div() {  # a / b with ${3:-1} decimals, "-" when either is missing
  awk -v a="$1" -v b="$2" -v d="${3:-1}" 'BEGIN { if (a != "" && a != "-" && b > 0) printf "%.*f", d, a / b; else print "-" }'
}
RATIO=$(div "${WALL[extract]}" "${WALL[ingest]}" 3)
{
  echo "claimtrack ingest benchmark — $(date '+%F %T %Z')"
  echo "repo:    $REPO @ $(git -C "$REPO" rev-parse --short HEAD 2> /dev/null || echo '?')$(
    git -C "$REPO" diff --quiet 2> /dev/null || echo ' (+ uncommitted changes)')"
  echo "binary:  $BIN ($(date -r "$BIN" '+%F %T'))"
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "corpus:  $FOLDER: $FILES files, $MBYTES MB (source: $CORPUS_SOURCE)"
  echo "options: ${common[*]}${BATCH:+ --batch $BATCH} (both with attribution); timing: ${GNU_TIME:-bash clock + /proc VmHWM}"
  echo
  printf '%-8s %8s %8s %10s %10s %7s %8s %8s %10s %4s\n' run wall_s files/s claims claims/s MB/s user_s sys_s peakRSS_MB rc
  for name in extract ingest; do
    n=${INGEST_CLAIMS:-}  # the same rules on the same input: extract finds the same claims
    printf '%-8s %8s %8s %10s %10s %7s %8s %8s %10s %4s\n' "$name" "${WALL[$name]}" \
      "$(div "$FILES" "${WALL[$name]}" 0)" "${n:--}" "$(div "$n" "${WALL[$name]}" 0)" \
      "$(div "$MBYTES" "${WALL[$name]}" 2)" "${USER[$name]}" "${SYS[$name]}" \
      "$(awk -v k="${RSS[$name]:-0}" 'BEGIN { printf "%.1f", k / 1024 }')" "${RC[$name]}"
  done
  echo
  echo "ingest: ${INGEST_ARTICLES:-?} articles stored, database $(div "$DB_BYTES" 1048576 1) MiB ($(div "$DB_BYTES" "$BYTES" 2) x the input)"
  verdict=$(awk -v r="$RATIO" -v g="$GOAL" 'BEGIN { if (r == "-") print "no result"; else if (r >= g) print "goal met"; else print "BELOW the goal" }')
  echo "ingest throughput / extract throughput: $RATIO (goal >= $GOAL: $verdict)"
  echo
  echo "queries on the new database (bash clock, whole process, best of 3):"
  echo "  speakers --format csv:                         $SPEAKERS_MS ms"
  echo "  claims --speaker '$SPEAKER' --format jsonl ($SPEAKER_CLAIMS claims): $CLAIMS_MS ms"
  if [[ ${#NOTES[@]} -gt 0 ]]; then
    echo
    echo "notes:"
    for n in "${NOTES[@]}"; do echo "  - $n"; done
  fi
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
