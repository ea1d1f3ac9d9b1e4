#!/usr/bin/env bash
# Extraction throughput against ripgrep, the way the issue "Throughput" measures it.
#
#   tests/bench/run_throughput.sh [--bin PATH] [--mb 200] [--copies 4] [--source DIR]
#                                 [--out DIR] [--runs 1]
#
# Text: the article bodies (front matter dropped) of ../shared/corpus/{de,en}, repeated to
# --mb MB in one file, and its first half (memory must stay flat between the two); the
# corpus as files, --copies times (2,398 x 4 = 9,592 files). Reference: `rg -c -f
# tests/bench/figure_patterns.txt` (15 fixed figure patterns: money, percent, scale words,
# number words, shares, casualty nouns and verbs, ranges, rates, hedges, people counts;
# word boundaries ASCII-only, `(?-u:\b)`, which keeps ripgrep on its fast engine) on
# the same text, in the same run. Prints one table: wall and user seconds, MB/s, peak RSS,
# and claimtrack's MB/s as a share of ripgrep's.
#
# Not part of ctest (minutes, and the figures need a quiet machine). Needs ../shared/corpus
# (or --source), rg and /usr/bin/time.
set -euo pipefail

SCRIPT=run_throughput.sh
# shellcheck source=tests/bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ROOT=$REPO
BIN="$ROOT/build/claimtrack"
MB=200
COPIES=4
SOURCE="$ROOT/../shared/corpus"
OUT="$ROOT/tests/bench/out/throughput"
RUNS=1
BENCH_NAME_WIDTH=36
while [[ $# -gt 0 ]]; do
  case "$1" in
    --bin) bench_need_arg "$@"; BIN=$(realpath "$2"); shift 2 ;;
    --mb) bench_need_arg "$@"; MB=$2; shift 2 ;;
    --copies) bench_need_arg "$@"; COPIES=$2; shift 2 ;;
    --source) bench_need_arg "$@"; SOURCE=$2; shift 2 ;;
    --out) bench_need_arg "$@"; OUT=$2; shift 2 ;;
    --runs) bench_need_arg "$@"; RUNS=$2; shift 2 ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    *) echo "$SCRIPT: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
for need in rg python3; do
  command -v "$need" >/dev/null || { echo "$SCRIPT: $need not found" >&2; exit 2; }
done
[[ -x $BIN ]] || { echo "$SCRIPT: no binary at $BIN (build first, or --bin)" >&2; exit 2; }
[[ -d $SOURCE/de && -d $SOURCE/en ]] || {
  echo "$SCRIPT: corpus not found at $SOURCE (--source DIR)" >&2; exit 2; }
PATTERNS="$ROOT/tests/bench/figure_patterns.txt"
mkdir -p "$OUT/logs"
cd "$ROOT"  # rules/ is the shipped rule set

# --- inputs -------------------------------------------------------------------------------
BIG="$OUT/corpus-${MB}mb.txt"
HALF="$OUT/corpus-$((MB / 2))mb.txt"
FILES="$OUT/files-x$COPIES"
if [[ ! -s $BIG ]]; then
  python3 - "$SOURCE" "$BIG" "$HALF" "$MB" <<'PY'
import os, sys
src, big, half, mb = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
bodies = []
for lang in ("de", "en"):
    d = os.path.join(src, lang)
    for name in sorted(os.listdir(d)):
        raw = open(os.path.join(d, name), encoding="utf-8", errors="replace").read()
        if raw.startswith("---\n"):
            end = raw.find("\n---\n", 4)
            raw = raw[end + 5:] if end >= 0 else raw
        bodies.append(raw.strip() + "\n\n")
block = "".join(bodies).encode("utf-8")
for path, size in ((big, mb * 10**6), (half, mb * 10**6 // 2)):
    with open(path, "wb") as f:
        left = size
        while left > 0:
            f.write(block[:left])
            left -= len(block)
PY
fi
if [[ ! -d $FILES ]]; then
  for ((c = 1; c <= COPIES; c++)); do
    mkdir -p "$FILES/$c"
    cp -r "$SOURCE/de" "$SOURCE/en" "$FILES/$c/"
  done
fi
ONE="$OUT/one-sentence.txt"
echo "Die Bundeswehr hat 1.800 Soldaten nach Litauen verlegt, sagte der Minister." >"$ONE"
mb_of() { du -sb "$1" | awk '{printf "%.1f", $1 / 1e6}'; }

# Warm the page cache: every command reads the inputs from memory, not from disk (a cold
# first read made ripgrep on the files look 12x slower than it is).
cat "$BIG" "$HALF" >/dev/null
find "$FILES" -type f -exec cat {} + >/dev/null

# --- measuring ----------------------------------------------------------------------------
# run LABEL MB CMD...: the best wall time of --runs runs (bench_run in lib.sh); remembers
# MB/s by label.
declare -A RATE
bench_header "claimtrack extract against ripgrep"
run() {
  local label=$1 mb=$2 r best=""
  shift 2
  for ((r = 0; r < RUNS; r++)); do
    bench_run "$label" /dev/null "$@"
    [[ ${RC[$label]} == 0 ]] || { echo "$SCRIPT: '$label' failed (see $OUT/logs)" >&2; exit 1; }
    if [[ -z $best ]] || awk -v a="${WALL[$label]}" -v b="$best" 'BEGIN { exit !(a < b) }'; then
      best=${WALL[$label]}
    fi
  done
  RATE[$label]=$(bench_div "$mb" "$best" 2)
  printf '   %-*s %8s MB  best %6ss  user %6ss  %8s MB/s\n' "$BENCH_NAME_WIDTH" "" "$mb" \
    "$best" "${USER[$label]}" "${RATE[$label]}"
}
BIG_MB=$(mb_of "$BIG")
HALF_MB=$(mb_of "$HALF")
FILES_MB=$(mb_of "$FILES")
run "rg -c -f figure_patterns (big)" "$BIG_MB" rg -c -f "$PATTERNS" "$BIG"
run "extract -j 1 (big)" "$BIG_MB" "$BIN" extract --format jsonl -j 1 "$BIG"
run "extract -j 2 (big)" "$BIG_MB" "$BIN" extract --format jsonl -j 2 "$BIG"
run "extract -j 1 (half)" "$HALF_MB" "$BIN" extract --format jsonl -j 1 "$HALF"
run "rg -c -f figure_patterns (files x$COPIES)" "$FILES_MB" rg -c -f "$PATTERNS" "$FILES"
run "extract -j 1 (files x$COPIES)" "$FILES_MB" "$BIN" extract --format jsonl -j 1 "$FILES"
run "extract -j 2 (files x$COPIES)" "$FILES_MB" "$BIN" extract --format jsonl -j 2 "$FILES"
run "extract, one sentence (start-up)" 0 "$BIN" extract --lang de "$ONE"
echo
for pair in "big:extract -j 1 (big):rg -c -f figure_patterns (big)" \
            "big, 2 workers:extract -j 2 (big):rg -c -f figure_patterns (big)" \
            "files:extract -j 1 (files x$COPIES):rg -c -f figure_patterns (files x$COPIES)" \
            "files, 2 workers:extract -j 2 (files x$COPIES):rg -c -f figure_patterns (files x$COPIES)"; do
  IFS=: read -r name ours theirs <<<"$pair"
  awk -v n="$name" -v a="${RATE[$ours]}" -v b="${RATE[$theirs]}" \
    'BEGIN{printf "claimtrack / ripgrep MB/s, %-18s %6.2f%%\n", n ":", (b > 0 ? 100 * a / b : 0)}'
done
bench_notes
