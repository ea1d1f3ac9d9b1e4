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

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BENCH=$REPO/tests/bench
OUT=$BENCH/out
MB=200
SMALL_MB=""
ATTR_MAX_MB=50
LANGS=de,en
ARTICLES=0
JOBS=""
BUILD_DIR=$REPO/build-bench
BIN=""
NO_BUILD=0
SOURCE=""
TIMEOUT=900
RG_RUST_MB=0.2
RG_BIG=0

usage() { sed -n '2,33p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
need_arg() { [[ $# -ge 2 && -n $2 ]] || { echo "run_bench.sh: $1 needs a value" >&2; exit 2; }; }
while [[ $# -gt 0 ]]; do
  case $1 in
    --mb) need_arg "$@"; MB=$2; shift 2 ;;
    --small-mb) need_arg "$@"; SMALL_MB=$2; shift 2 ;;
    --attr-max-mb) need_arg "$@"; ATTR_MAX_MB=$2; shift 2 ;;
    --langs) need_arg "$@"; LANGS=$2; shift 2 ;;
    --articles) need_arg "$@"; ARTICLES=$2; shift 2 ;;
    --jobs) need_arg "$@"; JOBS=$2; shift 2 ;;
    --build-dir) need_arg "$@"; BUILD_DIR=$2; shift 2 ;;
    --bin) need_arg "$@"; BIN=$2; shift 2 ;;
    --no-build) NO_BUILD=1; shift ;;
    --source) need_arg "$@"; SOURCE=$2; shift 2 ;;
    --timeout) need_arg "$@"; TIMEOUT=$2; shift 2 ;;
    --rg-rust-mb) need_arg "$@"; RG_RUST_MB=$2; shift 2 ;;
    --rg-big) RG_BIG=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "run_bench.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
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

command -v python3 > /dev/null || { echo "run_bench.sh: python3 is required" >&2; exit 2; }
RG=$(command -v rg || true)
[[ -n $RG ]] || echo "run_bench.sh: warning: ripgrep (rg) not found; no baseline (apt-get install ripgrep)" >&2
GNU_TIME=""
if [[ -x /usr/bin/time ]] && /usr/bin/time -v true > /dev/null 2>&1; then
  GNU_TIME=/usr/bin/time
else
  echo "run_bench.sh: note: GNU time (Debian package 'time') missing; using bash clock and /proc VmHWM sampling" >&2
fi
[[ ${BENCH_NO_GNU_TIME:-0} == 1 ]] && GNU_TIME=""  # to test the fallback

mkdir -p "$OUT/logs"
NOTES=()

# --- 1. build ------------------------------------------------------------------------------
if [[ -z $BIN ]]; then
  BIN=$BUILD_DIR/claimtrack
  if [[ $NO_BUILD == 0 ]]; then
    if [[ ! -f $BUILD_DIR/CMakeCache.txt ]]; then
      cmake -S "$REPO" -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release > "$OUT/logs/build.log" 2>&1 || {
        echo "run_bench.sh: cmake configure failed; see $OUT/logs/build.log" >&2; exit 2; }
    fi
    build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$BUILD_DIR/CMakeCache.txt")
    if [[ $build_type != Release ]]; then
      echo "run_bench.sh: $BUILD_DIR is a '$build_type' build, not Release; use another --build-dir" >&2
      exit 2
    fi
    echo "== building claimtrack (Release) in $BUILD_DIR"
    if ! cmake --build "$BUILD_DIR" --target claimtrack -j2 >> "$OUT/logs/build.log" 2>&1; then
      if [[ -x $BIN ]]; then
        NOTES+=("rebuild FAILED (see logs/build.log); measured the existing binary from $(date -r "$BIN" '+%F %T')")
        echo "run_bench.sh: warning: ${NOTES[-1]}" >&2
      else
        echo "run_bench.sh: build failed; see $OUT/logs/build.log" >&2
        exit 2
      fi
    fi
  fi
fi
[[ -x $BIN ]] || { echo "run_bench.sh: no claimtrack binary at $BIN" >&2; exit 2; }
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")

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
declare -A WALL RSS

# measure NAME MBYTES CMD... : runs CMD (stdout to /dev/null, stderr to logs/NAME.stderr)
# and appends a row. Wall time by the bash clock; RSS and CPU by GNU time when present.
measure() {
  local name=$1 mbytes=$2
  shift 2
  local log=$OUT/logs/$name
  local rc=0 start end wall user="" sys="" rss=""
  printf '   %-28s ' "$name"
  start=$(date +%s.%N)
  if [[ -n $GNU_TIME ]]; then
    # --foreground: timeout stays in our process group, so stopping the script stops it.
    "$GNU_TIME" -v -o "$log.time" timeout --foreground -k 10 "$TIMEOUT" "$@" > /dev/null 2> "$log.stderr" || rc=$?
    end=$(date +%s.%N)
    rss=$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$log.time")
    user=$(sed -n 's/^[[:space:]]*User time (seconds): //p' "$log.time")
    sys=$(sed -n 's/^[[:space:]]*System time (seconds): //p' "$log.time")
  else
    "$@" > /dev/null 2> "$log.stderr" &
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
    rss=$hwm
    [[ $rc == 137 ]] && rc=124
  fi
  wall=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.2f", e - s }')
  WALL[$name]=$wall
  RSS[$name]=${rss:-0}
  ROWS+=("$name|$mbytes|$wall|${user:--}|${sys:--}|${rss:-0}|$rc")
  printf '%7ss  %8.1f MB RSS  rc=%s\n' "$wall" "$(awk -v k="${rss:-0}" 'BEGIN { print k / 1024 }')" "$rc"
  if [[ $rc == 124 ]]; then
    NOTES+=("$name: killed after the ${TIMEOUT}s timeout")
  elif [[ $rc -ge 128 ]]; then
    NOTES+=("$name: died with signal $((rc - 128)) (see logs/$name.stderr)")
  fi
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
ratio() {  # a / b with ${3:-1} decimals, "-" when either is missing
  awk -v a="$1" -v b="$2" -v d="${3:-1}" 'BEGIN { if (a != "" && b > 0) printf "%.*f", d, a / b; else print "-" }'
}
{
  echo "claimtrack extract benchmark — $(date '+%F %T %Z')"
  echo "repo:    $REPO @ $(git -C "$REPO" rev-parse --short HEAD 2> /dev/null || echo '?')$(
    git -C "$REPO" diff --quiet 2> /dev/null || echo ' (+ uncommitted changes)')"
  echo "binary:  $BIN ($(date -r "$BIN" '+%F %T'))"
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "corpus:  $BIG_DIR, $SMALL_DIR (source: $CORPUS_SOURCE)"
  echo "tools:   $("$RG" --version 2> /dev/null | head -1 || echo 'no rg'); timing: ${GNU_TIME:-bash clock + /proc VmHWM}"
  echo "rules:   $("$BIN" rules lint rules 2> /dev/null | head -1 || echo '?')"
  echo
  printf '%-30s %8s %8s %8s %8s %8s %10s %4s\n' run MB wall_s MB/s user_s sys_s peakRSS_MB rc
  for row in "${ROWS[@]}"; do
    IFS='|' read -r name mbytes wall user sys rss rc <<< "$row"
    printf '%-30s %8s %8s %8s %8s %8s %10s %4s\n' "$name" "$mbytes" "$wall" \
      "$(ratio "$mbytes" "$wall" 2)" "$user" "$sys" "$(awk -v k="$rss" 'BEGIN { printf "%.1f", k / 1024 }')" "$rc"
  done
  echo
  echo "claimtrack time / rg -P time (x slower than ripgrep with PCRE2 JIT, all rule chunks):"
  for lang in "${LANG_LIST[@]}"; do
    for size in big small; do
      r=rg-P-c-$lang-$size
      [[ -n ${WALL[$r]:-} ]] || continue
      echo "  $lang $size: no attribution $(ratio "${WALL[extract-noattr-$lang-$size]:-}" "${WALL[$r]}")x, with attribution $(ratio "${WALL[extract-attr-$lang-$size]:-}" "${WALL[$r]}")x"
    done
    if [[ -n ${WALL[rg-c-$lang-sample]:-} ]]; then
      echo "  $lang: ripgrep's default engine on a $(file_mb "$OUT/sample-$lang.txt") MB sample:" \
        "$(ratio "$(file_mb "$OUT/sample-$lang.txt")" "${WALL[rg-c-$lang-sample]}") MB/s (see the table)"
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
  echo "peak RSS, big vs small input (about 1.0 = flat/streaming; about $(ratio "$MB" "$SMALL_MB") = grows with the input):"
  for lang in "${LANG_LIST[@]}"; do
    for kind in extract-noattr extract-attr rg-P-c; do
      b=${RSS[$kind-$lang-big]:-} s=${RSS[$kind-$lang-small]:-}
      [[ -n $b && -n $s ]] || continue
      echo "  $kind $lang: $(awk -v k="$s" 'BEGIN { printf "%.1f", k / 1024 }') MB -> $(awk -v k="$b" 'BEGIN { printf "%.1f", k / 1024 }') MB = x$(ratio "$b" "$s")"
    done
  done
  echo
  echo "sanity (not timed):"
  for c in "${CLAIMS[@]}"; do echo "  $c"; done
  if [[ ${#NOTES[@]} -gt 0 ]]; then
    echo
    echo "notes:"
    for n in "${NOTES[@]}"; do echo "  - $n"; done
  fi
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
