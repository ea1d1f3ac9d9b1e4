# shellcheck shell=bash disable=SC2034  # sourced: the variables are used by the scripts
# Shared by the benchmark scripts in tests/bench/ (sourced, not run). Before sourcing, a
# script sets SCRIPT (its name, for messages); lib.sh then sets REPO, BENCH, OUT, GNU_TIME,
# NOTES and the defaults of the options every bench script has (BUILD_DIR, BIN, NO_BUILD,
# SOURCE, TIMEOUT), which the script may override from its command line.
#
#   bench_need_arg OPT "$@"          an option's value is there (exit 2 otherwise)
#   bench_common_opt "$@"            takes $1 if it is an option every script has
#                                    (--build-dir, --bin, --no-build, --source, --timeout):
#                                    sets BENCH_SHIFT to the arguments used, 0 if not one
#   bench_build LOGNAME              builds claimtrack (Release) in $BUILD_DIR unless $BIN or
#                                    $NO_BUILD is set; sets BIN to an absolute path
#   bench_run NAME STDOUT CMD...     runs CMD with stdout to STDOUT and stderr to
#                                    logs/NAME.stderr, under `timeout $TIMEOUT`, and sets
#                                    WALL[NAME] (bash clock, s), USER[NAME], SYS[NAME] (s, "-"
#                                    without GNU time), RSS[NAME] (peak, KB), RC[NAME],
#                                    LOAD0[NAME] / LOAD1[NAME] (1-minute load average before
#                                    and after); prints one line (name padded to
#                                    $BENCH_NAME_WIDTH)
#   bench_div A B [DECIMALS]         A / B, "-" when either is missing or B is 0
#   bench_mb KB                      kilobytes as MB with one decimal
#   bench_header TITLE               the title and the repo/binary/machine lines of a result
#   bench_notes                      the notes collected in NOTES, if any
# Wall time by the bash clock; user/sys time and peak RSS by GNU time (/usr/bin/time -v), with
# a fallback (bash clock and VmHWM sampled from /proc) when it is missing or when
# BENCH_NO_GNU_TIME=1 (to test the fallback).

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BENCH=$REPO/tests/bench
OUT=$BENCH/out
BUILD_DIR=$REPO/build-bench
BIN=""
NO_BUILD=0
SOURCE=""
TIMEOUT=3600
BENCH_NAME_WIDTH=12
NOTES=()
declare -A WALL USER SYS RSS RC LOAD0 LOAD1

bench_need_arg() {
  [[ $# -ge 2 && -n $2 ]] || { echo "$SCRIPT: $1 needs a value" >&2; exit 2; }
}

command -v python3 > /dev/null || { echo "$SCRIPT: python3 is required" >&2; exit 2; }
GNU_TIME=""
if [[ -x /usr/bin/time ]] && /usr/bin/time -v true > /dev/null 2>&1; then
  GNU_TIME=/usr/bin/time
else
  echo "$SCRIPT: note: GNU time (Debian package 'time') missing; using bash clock and /proc VmHWM sampling" >&2
fi
[[ ${BENCH_NO_GNU_TIME:-0} == 1 ]] && GNU_TIME=""
mkdir -p "$OUT/logs"

bench_common_opt() {
  BENCH_SHIFT=0
  case $1 in
    --build-dir) bench_need_arg "$@"; BUILD_DIR=$2; BENCH_SHIFT=2 ;;
    --bin) bench_need_arg "$@"; BIN=$2; BENCH_SHIFT=2 ;;
    --no-build) NO_BUILD=1; BENCH_SHIFT=1 ;;
    --source) bench_need_arg "$@"; SOURCE=$2; BENCH_SHIFT=2 ;;
    --timeout) bench_need_arg "$@"; TIMEOUT=$2; BENCH_SHIFT=2 ;;
  esac
}

bench_build() {
  local log=$OUT/logs/$1
  if [[ -z $BIN ]]; then
    BIN=$BUILD_DIR/claimtrack
    if [[ $NO_BUILD == 0 ]]; then
      if [[ ! -f $BUILD_DIR/CMakeCache.txt ]]; then
        cmake -S "$REPO" -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release > "$log" 2>&1 || {
          echo "$SCRIPT: cmake configure failed; see $log" >&2; exit 2; }
      fi
      local build_type
      build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$BUILD_DIR/CMakeCache.txt")
      if [[ $build_type != Release ]]; then
        echo "$SCRIPT: $BUILD_DIR is a '$build_type' build, not Release; use another --build-dir" >&2
        exit 2
      fi
      echo "== building claimtrack (Release) in $BUILD_DIR"
      if ! cmake --build "$BUILD_DIR" --target claimtrack -j2 >> "$log" 2>&1; then
        if [[ -x $BIN ]]; then
          NOTES+=("rebuild FAILED (see logs/$1); measured the existing binary from $(date -r "$BIN" '+%F %T')")
          echo "$SCRIPT: warning: ${NOTES[-1]}" >&2
        else
          echo "$SCRIPT: build failed; see $log" >&2
          exit 2
        fi
      fi
    fi
  fi
  [[ -x $BIN ]] || { echo "$SCRIPT: no claimtrack binary at $BIN" >&2; exit 2; }
  BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
}

bench_load() { cut -d' ' -f1 /proc/loadavg; }

bench_run() {
  local name=$1 stdout=$2
  shift 2
  local log=$OUT/logs/$name
  local rc=0 start end
  printf '   %-*s ' "$BENCH_NAME_WIDTH" "$name"
  LOAD0[$name]=$(bench_load)
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
  LOAD1[$name]=$(bench_load)
  RSS[$name]=${RSS[$name]:-0}
  WALL[$name]=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.2f", e - s }')
  RC[$name]=$rc
  printf '%8ss  %8.1f MB RSS  rc=%s\n' "${WALL[$name]}" "$(bench_mb "${RSS[$name]}")" "$rc"
  if [[ $rc == 124 ]]; then
    NOTES+=("$name: killed after the ${TIMEOUT}s timeout")
  elif [[ $rc -ge 128 ]]; then
    NOTES+=("$name: died with signal $((rc - 128)) (see logs/$name.stderr)")
  fi
}

bench_div() {
  awk -v a="$1" -v b="$2" -v d="${3:-1}" \
    'BEGIN { if (a != "" && a != "-" && b != "" && b != "-" && b > 0) printf "%.*f", d, a / b; else print "-" }'
}

bench_mb() { awk -v k="${1:-0}" 'BEGIN { printf "%.1f", k / 1024 }'; }

bench_header() {
  echo "$1 — $(date '+%F %T %Z')"
  echo "repo:    $REPO @ $(git -C "$REPO" rev-parse --short HEAD 2> /dev/null || echo '?')$(
    git -C "$REPO" diff --quiet 2> /dev/null || echo ' (+ uncommitted changes)')"
  echo "binary:  $BIN ($(date -r "$BIN" '+%F %T'))"
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
}

bench_notes() {
  if [[ ${#NOTES[@]} -gt 0 ]]; then
    echo
    echo "notes:"
    local n
    for n in "${NOTES[@]}"; do echo "  - $n"; done
  fi
}
