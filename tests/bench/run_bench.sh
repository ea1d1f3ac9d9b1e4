#!/usr/bin/env bash
# Throughput and memory benchmark of `claimtrack extract`, with ripgrep as the baseline.
#
#   tests/bench/run_bench.sh [--mb 200] [--small-mb MB/4] [--attr-max-mb 50] [--langs de,en]
#                            [--articles 0] [--jobs N] [--build-dir DIR | --bin PATH]
#                            [--no-build] [--source DIR] [--timeout 900] [--rg-rust-mb 0.2]
#                            [--rg-big]
#
# 1. Builds claimtrack (Release, build-bench/) unless --bin/--no-build; a failed rebuild with
#    an existing binary is a warning (noted in the results), no binary is an error.
# 2. Generates the corpus with make_corpus.py if missing (tests/bench/out/, git-ignored):
#    one big plain-text file per language of --mb MB, and one of --small-mb MB.
# 3. Measures, on each language's big and small file (stdout to /dev/null):
#      claimtrack extract --format jsonl --no-attribution FILE
#      claimtrack extract --format jsonl FILE              (with attribution; only on files
#                                                           of at most --attr-max-mb MB, as
#                                                           attribution is the slow stage)
#      rg -P -c -f CHUNK FILE, for each chunk of PATTERNS (PCRE2 with JIT; one regex of
#                                  all rules is too large for PCRE2, so ~20 KB chunks);
#                                  on the small file only (about 1 MB/s), unless --rg-big
#      rg -c -f PATTERNS SAMPLE    (ripgrep's default engine, only on a --rg-rust-mb prefix:
#                                  with these patterns it falls back to its slow NFA)
#    where PATTERNS are the shipped rules of that language, expanded by rg_patterns.py.
#    Wall time, user/sys time and peak RSS come from /usr/bin/time -v (fallback: bash clock
#    and VmHWM sampled from /proc). With --articles N, also `extract` on the N-per-language
#    small-article folders.
# 4. Prints a table and writes it to tests/bench/out/results.txt: MB/s, peak RSS, the
#    claimtrack/rg time ratio and RSS(big)/RSS(small) (flat = streaming).
# Runs with the repository root as working directory, so rules/ is the shipped rule set.
set -euo pipefail

SCRIPT=run_bench.sh
# shellcheck source=tests/bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
BENCH_NAME_WIDTH=28
MB=200
SMALL_MB=""
ATTR_MAX_MB=50
LANGS=de,en
ARTICLES=0
JOBS=""
TIMEOUT=900
RG_RUST_MB=0.2
RG_BIG=0

usage() { sed -n '2,33p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
while [[ $# -gt 0 ]]; do
  case $1 in
    --mb) bench_need_arg "$@"; MB=$2; shift 2 ;;
    --small-mb) bench_need_arg "$@"; SMALL_MB=$2; shift 2 ;;
    --attr-max-mb) bench_need_arg "$@"; ATTR_MAX_MB=$2; shift 2 ;;
    --langs) bench_need_arg "$@"; LANGS=$2; shift 2 ;;
    --articles) bench_need_arg "$@"; ARTICLES=$2; shift 2 ;;
    --jobs) bench_need_arg "$@"; JOBS=$2; shift 2 ;;
    --rg-rust-mb) bench_need_arg "$@"; RG_RUST_MB=$2; shift 2 ;;
    --rg-big) RG_BIG=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *)
      bench_common_opt "$@"
      [[ $BENCH_SHIFT -gt 0 ]] || { echo "run_bench.sh: unknown argument '$1' (see --help)" >&2; exit 2; }
      shift "$BENCH_SHIFT" ;;
  esac
done
is_num() { [[ $1 =~ ^[0-9]+([.][0-9]+)?$ ]]; }
is_num "$MB" || { echo "run_bench.sh: --mb must be a number" >&2; exit 2; }
[[ -z $SMALL_MB ]] && SMALL_MB=$(awk -v m="$MB" 'BEGIN { printf "%g", m / 4 }')
is_num "$SMALL_MB" || { echo "run_bench.sh: --small-mb must be a number" >&2; exit 2; }
is_num "$RG_RUST_MB" || { echo "run_bench.sh: --rg-rust-mb must be a number" >&2; exit 2; }
is_num "$ATTR_MAX_MB" || { echo "run_bench.sh: --attr-max-mb must be a number" >&2; exit 2; }
[[ $ARTICLES =~ ^[0-9]+$ ]] || { echo "run_bench.sh: --articles must be an integer" >&2; exit 2; }
[[ -z $JOBS || $JOBS =~ ^[1-9][0-9]*$ ]] || { echo "run_bench.sh: --jobs must be >= 1" >&2; exit 2; }
IFS=, read -r -a LANG_LIST <<< "$LANGS"

RG=$(command -v rg || true)
[[ -n $RG ]] || echo "run_bench.sh: warning: ripgrep (rg) not found; no baseline (apt-get install ripgrep)" >&2

# --- 1. build ------------------------------------------------------------------------------
bench_build build.log

# --- 2. corpus -----------------------------------------------------------------------------
corpus_args=()
[[ -n $SOURCE ]] && corpus_args+=(--source "$SOURCE")
BIG_DIR=$OUT/corpus-$(awk -v m="$MB" 'BEGIN { printf "%g", m }')
SMALL_DIR=$OUT/corpus-$(awk -v m="$SMALL_MB" 'BEGIN { printf "%g", m }')
echo "== corpus"
python3 "$BENCH/make_corpus.py" --mb "$MB" --langs "$LANGS" --articles "$ARTICLES" \
  --out "$BIG_DIR" "${corpus_args[@]}"
if [[ $SMALL_DIR != "$BIG_DIR" ]]; then
  python3 "$BENCH/make_corpus.py" --mb "$SMALL_MB" --langs "$LANGS" --out "$SMALL_DIR" \
    "${corpus_args[@]}"
fi
CORPUS_SOURCE=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["source"])' \
  "$BIG_DIR/manifest.json")

# --- 3. measurements -----------------------------------------------------------------------
cd "$REPO"
ct_args=(extract --format jsonl --rules rules)
[[ -n $JOBS ]] && ct_args+=(--jobs "$JOBS")

ROWS=()  # name|MB|wall|user|sys|rss_kb|rc

# measure NAME MBYTES CMD... : runs CMD (stdout to /dev/null, stderr to logs/NAME.stderr)
# and appends a row.
measure() {
  local name=$1 mbytes=$2
  shift 2
  bench_run "$name" /dev/null "$@"
  ROWS+=("$name|$mbytes|${WALL[$name]}|${USER[$name]}|${SYS[$name]}|${RSS[$name]}|${RC[$name]}")
}

file_mb() { awk -v b="$(stat -c %s "$1")" 'BEGIN { printf "%.1f", b / 1e6 }'; }
CLAIMS=()
declare -A HAVE_PATTERNS

for lang in "${LANG_LIST[@]}"; do
  if [[ -n $RG ]]; then
    pat=$OUT/patterns-$lang.txt
    if ! python3 "$BENCH/rg_patterns.py" --rules rules --lang "$lang" --out "$pat" --check "$RG" \
        2> "$OUT/logs/patterns-$lang.log"; then
      NOTES+=("rg patterns ($lang): some rules rejected or not expandable, see logs/patterns-$lang.log")
    fi
    if ! python3 "$BENCH/rg_patterns.py" --rules rules --lang "$lang" --flavor pcre2 \
        --chunk-bytes 20000 --out "$OUT/pcre2-$lang.txt" --check "$RG" \
        2>> "$OUT/logs/patterns-$lang.log"; then
      NOTES+=("rg -P patterns ($lang): some rules or chunks rejected, see logs/patterns-$lang.log")
    fi
    cat "$OUT/logs/patterns-$lang.log" >&2
    if [[ -s $pat ]]; then HAVE_PATTERNS[$lang]=1; else
      NOTES+=("no $lang rules: no rg baseline for $lang (claimtrack still splits sentences)")
    fi
  fi
  for size in big small; do
    if [[ $size == big ]]; then f=$BIG_DIR/$lang.txt; else f=$SMALL_DIR/$lang.txt; fi
    [[ $size == small && $SMALL_DIR == "$BIG_DIR" ]] && continue
    mbytes=$(file_mb "$f")
    echo "== $lang, $size file ($mbytes MB): $f"
    measure "extract-noattr-$lang-$size" "$mbytes" "$BIN" "${ct_args[@]}" --no-attribution "$f"
    if awk -v m="$mbytes" -v x="$ATTR_MAX_MB" 'BEGIN { exit !(m <= x + 0.5) }'; then
      measure "extract-attr-$lang-$size" "$mbytes" "$BIN" "${ct_args[@]}" "$f"
    elif [[ -z ${ATTR_SKIPPED:-} ]]; then
      ATTR_SKIPPED=1
      NOTES+=("with attribution: only files up to ${ATTR_MAX_MB} MB are measured (--attr-max-mb)")
    fi
    if [[ -n ${HAVE_PATTERNS[$lang]:-} && ($size == small || $RG_BIG == 1 || $SMALL_DIR == "$BIG_DIR") ]]; then
      # shellcheck disable=SC2016  # the inner script expands its own arguments
      measure "rg-P-c-$lang-$size" "$mbytes" bash -c \
        'rg=$1 f=$2; shift 2; for c in "$@"; do "$rg" --no-config -P -c -f "$c" "$f" || [[ $? == 1 ]] || exit 2; done' \
        _ "$RG" "$f" "$OUT/pcre2-$lang.txt".[0-9][0-9]
    fi
  done
  if [[ -n ${HAVE_PATTERNS[$lang]:-} ]] && awk -v m="$RG_RUST_MB" 'BEGIN { exit !(m > 0) }'; then
    # A prefix of the big file, cut after a whole line.
    sample=$OUT/sample-$lang.txt
    LC_ALL=C awk -v n="$(awk -v m="$RG_RUST_MB" 'BEGIN { printf "%d", m * 1e6 }')" \
      '{ print; s += length($0) + 1; if (s >= n) exit }' "$BIG_DIR/$lang.txt" > "$sample"
    measure "rg-c-$lang-sample" "$(file_mb "$sample")" "$RG" --no-config -c -f "$OUT/patterns-$lang.txt" "$sample"
  fi
  # Sanity, not timed: how many claims the small file yields (the rules do fire).
  f=$SMALL_DIR/$lang.txt
  n=$("$BIN" "${ct_args[@]}" "$f" 2> /dev/null | wc -l || true)
  CLAIMS+=("$lang: $n claims from $(file_mb "$f") MB ($f)")
done

if [[ $ARTICLES -gt 0 ]]; then
  d=$BIG_DIR/articles
  mbytes=$(du -sb "$d" | awk '{ printf "%.1f", $1 / 1e6 }')
  echo "== $ARTICLES articles per language ($mbytes MB): $d"
  measure "extract-attr-articles" "$mbytes" "$BIN" "${ct_args[@]}" "$d"
fi

# --- 4. report -----------------------------------------------------------------------------
{
  bench_header "claimtrack extract benchmark"
  echo "corpus:  $BIG_DIR, $SMALL_DIR (source: $CORPUS_SOURCE)"
  echo "tools:   $("$RG" --version 2> /dev/null | head -1 || echo 'no rg'); timing: ${GNU_TIME:-bash clock + /proc VmHWM}"
  echo "rules:   $("$BIN" rules lint rules 2> /dev/null | head -1 || echo '?')"
  echo
  printf '%-30s %8s %8s %8s %8s %8s %10s %4s\n' run MB wall_s MB/s user_s sys_s peakRSS_MB rc
  for row in "${ROWS[@]}"; do
    IFS='|' read -r name mbytes wall user sys rss rc <<< "$row"
    printf '%-30s %8s %8s %8s %8s %8s %10s %4s\n' "$name" "$mbytes" "$wall" \
      "$(bench_div "$mbytes" "$wall" 2)" "$user" "$sys" "$(bench_mb "$rss")" "$rc"
  done
  echo
  echo "claimtrack time / rg -P time (x slower than ripgrep with PCRE2 JIT, all rule chunks):"
  for lang in "${LANG_LIST[@]}"; do
    for size in big small; do
      r=rg-P-c-$lang-$size
      [[ -n ${WALL[$r]:-} ]] || continue
      echo "  $lang $size: no attribution $(bench_div "${WALL[extract-noattr-$lang-$size]:-}" "${WALL[$r]}")x, with attribution $(bench_div "${WALL[extract-attr-$lang-$size]:-}" "${WALL[$r]}")x"
    done
    if [[ -n ${WALL[rg-c-$lang-sample]:-} ]]; then
      echo "  $lang: ripgrep's default engine on a $(file_mb "$OUT/sample-$lang.txt") MB sample:" \
        "$(bench_div "$(file_mb "$OUT/sample-$lang.txt")" "${WALL[rg-c-$lang-sample]}") MB/s (see the table)"
    fi
  done
  echo
  echo "marginal throughput, (big - small) MB / (big - small) s, i.e. without start-up (rule compilation):"
  for lang in "${LANG_LIST[@]}"; do
    for kind in extract-noattr extract-attr; do
      b=${WALL[$kind-$lang-big]:-} s=${WALL[$kind-$lang-small]:-}
      [[ -n $b && -n $s ]] || continue
      echo "  $kind $lang: $(awk -v b="$b" -v s="$s" -v mb="$MB" -v ms="$SMALL_MB" 'BEGIN { if (b > s) printf "%.2f MB/s", (mb - ms) / (b - s); else print "-" }')"
    done
  done
  echo
  echo "peak RSS, big vs small input (about 1.0 = flat/streaming; about $(bench_div "$MB" "$SMALL_MB") = grows with the input):"
  for lang in "${LANG_LIST[@]}"; do
    for kind in extract-noattr extract-attr rg-P-c; do
      b=${RSS[$kind-$lang-big]:-} s=${RSS[$kind-$lang-small]:-}
      [[ -n $b && -n $s ]] || continue
      echo "  $kind $lang: $(bench_mb "$s") MB -> $(bench_mb "$b") MB = x$(bench_div "$b" "$s")"
    done
  done
  echo
  echo "sanity (not timed):"
  for c in "${CLAIMS[@]}"; do echo "  $c"; done
  bench_notes
} | tee "$OUT/results.txt"
echo "(written to $OUT/results.txt; per-run logs in $OUT/logs/)"

# Fail when a claimtrack run crashed or timed out (rc 0 and 3 = partial input are fine).
for row in "${ROWS[@]}"; do
  IFS='|' read -r name _ _ _ _ _ rc <<< "$row"
  if [[ $name == extract-* && $rc != 0 && $rc != 3 ]]; then
    echo "run_bench.sh: $name exited with $rc (see $OUT/logs/$name.stderr)" >&2
    exit 1
  fi
done
