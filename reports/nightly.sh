#!/usr/bin/env bash
# The nightly job: ingest a folder or feed, check, write the report, keep the last N reports.
# Exits non-zero only on a real failure (rules broken, database unusable, report not written);
# skipped inputs (exit 3 of ingest) and findings are reported, not failures.
#
# usage: reports/nightly.sh INPUT... [-- extra ingest flags]
# environment:
#   CLAIMTRACK   the binary            (default: claimtrack on PATH, else ./build/claimtrack)
#   DB           the database          (default: claims_db/claims.sqlite)
#   RULES        the rules folder      (default: rules/ beside this script's parent)
#   OUT          where reports go      (default: reports/)
#   KEEP         reports to keep       (default: 30)
#   NICE         CPU niceness of the job (default: 10): reviewers working on the same database
#                (`claimtrack serve`, `review verdict`) get the CPU first; 0 = none
# Example cron line (every day at 05:30, log kept):
#   30 5 * * *  cd /opt/claimtrack && DB=/data/claims.sqlite reports/nightly.sh /data/articles/$(date +\%F) >>/var/log/claimtrack.log 2>&1
set -uo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CT=${CLAIMTRACK:-$(command -v claimtrack || echo "$HERE/build/claimtrack")}
DB=${DB:-$HERE/claims_db/claims.sqlite}
RULES=${RULES:-$HERE/rules}
OUT=${OUT:-$HERE/reports}
KEEP=${KEEP:-30}
NICE=${NICE:-10}
[ $# -ge 1 ] || { sed -n '5,17p' "$0" >&2; exit 2; }
[[ $NICE =~ ^[0-9]+$ ]] && [ "$NICE" -le 19 ] || { echo "nightly: NICE must be 0..19" >&2; exit 2; }
# A batch job on a desk's machine: below the reviewers (see docs/performance.md, "The desk
# under load"). renice changes this shell, so every command below inherits it.
[ "$NICE" -gt 0 ] && renice -n "$NICE" -p $$ >/dev/null
inputs=()
extra=()
while [ $# -gt 0 ]; do
  if [ "$1" = "--" ]; then shift; extra=("$@"); break; fi
  inputs+=("$1"); shift
done
log() { printf '%s nightly: %s\n' "$(date -u +%FT%TZ)" "$*" >&2; }

log "ingest ${inputs[*]}"
"$CT" ingest --db "$DB" --rules "$RULES" "${extra[@]}" "${inputs[@]}"
rc=$?
case $rc in
  0) ;;
  3) log "some inputs were skipped (see the messages above); going on" ;;
  130|143) log "interrupted"; exit "$rc" ;;
  *) log "ingest failed with exit $rc"; exit 1 ;;
esac

log "check"
"$CT" check --db "$DB" --keys "$RULES/keys.yaml" --format table >/dev/null
rc=$?
[ $rc -eq 0 ] || { log "check failed with exit $rc"; exit 1; }

day=$(date +%F)
log "report $OUT/$day"
"$CT" report --db "$DB" --out "$OUT/$day" --since last --format html,md,json
rc=$?
[ $rc -eq 0 ] || { log "report failed with exit $rc"; exit 1; }

# Keep the newest KEEP reports (folders named YYYY-MM-DD).
mapfile -t old < <(find "$OUT" -mindepth 1 -maxdepth 1 -type d -name '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' | sort | head -n -"$KEEP")
for d in "${old[@]}"; do log "removing old report $d"; rm -rf -- "$d"; done
log "done: $OUT/$day/report.html"
exit 0
