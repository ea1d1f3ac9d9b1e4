#!/usr/bin/env bash
# Fault and bad-input tests of the claimtrack binary: what a nightly job meets — a broken feed
# line, an unreadable folder, a full disk, a lock held too long, a read-only database,
# Ctrl-C/SIGTERM, a broken front matter. Every good article is stored, every skip is said
# with a located message, the exit code is the documented one, nothing hangs or aborts, and
# a rerun completes the work.
# Usage: run_fault_tests.sh PATH/TO/claimtrack   (run from the repository root by ctest)
set -uo pipefail
CT=${1:?usage: run_fault_tests.sh path/to/claimtrack}
CT=$(realpath "$CT")
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
TMP=$(mktemp -d)
MOUNTED=""
cleanup() {
  [ -n "$MOUNTED" ] && umount "$MOUNTED" 2>/dev/null
  chmod -R u+rwx "$TMP" 2>/dev/null
  rm -rf "$TMP"
}
trap cleanup EXIT
. "$ROOT/tests/cli/lib.sh"
count() { sqlite3 "$1" "$2" 2>/dev/null || echo "sqlite3 failed"; }
# Runs a command as an unprivileged user when we are root (root reads every file whatever
# its mode, so permission faults need another user), else as ourselves.
as_user() {
  if [ "$(id -u)" = 0 ]; then setpriv --reuid=65534 --regid=65534 --clear-groups -- "$@"; else "$@"; fi
}
art() {  # art FILE ID N: one German article with one troop figure N
  printf -- '---\nid: %s\nlang: de\ndate: 2025-02-03\n---\n\nDer Minister sagte, %d Soldaten seien verletzt worden.\n' "$2" "$3" >"$1"
}

# --- 1. a broken record in a feed costs only itself -------------------------------------
line() { printf '{"id":"f-%s","lang":"de","date":"2025-01-01","text":"Der Minister sagte, %s Soldaten seien verletzt worden."}\n' "$1" "$1"; }
for variant in broken nonobject notext; do
  F="$TMP/feed-$variant.jsonl"
  { line 1; line 2
    case $variant in
      broken) echo '{"id":"f-3","text":"unterminated' ;;
      nonobject) echo '[1, 2, 3]' ;;
      notext) echo '{"id":"f-3","title":"no body"}' ;;
    esac
    line 4; line 5; line 6; } >"$F"
  DB="$TMP/feed-$variant.sqlite"
  expect_rc "feed with a $variant line 3: partial exit" 3 "$CT" ingest --db "$DB" "$F"
  check "feed $variant: the five good lines are stored" \
    test "$(count "$DB" "SELECT group_concat(id, ' ') FROM (SELECT id FROM articles ORDER BY id)")" = "f-1 f-2 f-4 f-5 f-6"
  check "feed $variant: the bad line is located" grep -qE "feed-$variant.jsonl:3:[0-9]+: error\[A02[0-2]\]" "$TMP/err"
  expect_rc "feed $variant: rerun" 3 "$CT" ingest --db "$DB" "$F"
  check "feed $variant: rerun finds nothing missing" contains "$TMP/out" "5 articles unchanged"
done
# The same inside a .json array: a bad element costs only itself.
printf '[{"id":"j-1","lang":"de","text":"Es waren 10 Soldaten."}, 42, {"id":"j-3","lang":"de","text":"Es waren 30 Soldaten."}]\n' >"$TMP/arr.json"
expect_rc "json array with a bad element" 3 "$CT" ingest --db "$TMP/arr.sqlite" "$TMP/arr.json"
check "json array: both good elements stored" \
  test "$(count "$TMP/arr.sqlite" "SELECT count(*) FROM articles")" = "2"

# --- 2. unreadable folders and files are located errors, the rest is stored -------------
chmod 755 "$TMP"
mkdir -p "$TMP/perm/in/locked" "$TMP/perm/db"
art "$TMP/perm/in/a.md" perm-a 11
art "$TMP/perm/in/b.md" perm-b 12
art "$TMP/perm/in/locked/c.md" perm-c 13
art "$TMP/perm/in/secret.md" perm-d 14
chmod 000 "$TMP/perm/in/locked"
chmod 000 "$TMP/perm/in/secret.md"
chmod 777 "$TMP/perm/db"
expect_rc "unreadable folder and file: partial exit" 3 as_user "$CT" ingest --rules rules --db "$TMP/perm/db/p.sqlite" "$TMP/perm/in"
check "unreadable folder is an A008 error naming it" grep -qE "locked.*error\[A008\]" "$TMP/err"
check "unreadable file is an A008 error naming it" grep -qE "secret.md.*error\[A008\]" "$TMP/err"
check "readable articles are stored" test "$(count "$TMP/perm/db/p.sqlite" "SELECT count(*) FROM articles")" = "2"
chmod 000 "$TMP/perm/in"
expect_rc "an unreadable top folder is an error" 3 as_user "$CT" extract --rules rules "$TMP/perm/in"
check "unreadable top folder names it" grep -qE "perm/in.*error\[A008\]" "$TMP/err"
chmod -R u+rwx,go+rx "$TMP/perm/in"

# --- 3. write failures after the first batch end cleanly; a rerun completes -------------
# feed FILE N PREFIX: N JSON lines with ids PREFIX-00000..., two claims each.
feed() {
  python3 - "$1" "$2" "$3" <<'PY'
import json, sys
with open(sys.argv[1], "w") as f:
    for i in range(int(sys.argv[2])):
        f.write(json.dumps({"id": f"{sys.argv[3]}-{i:05d}", "lang": "de", "date": "2025-01-02",
                            "text": f"Der Minister sagte, {100 + i % 800} Soldaten seien verletzt worden. "
                                    f"Laut ihm fielen {100 + i % 700} Soldaten pro Monat."}) + "\n")
PY
}
N=3000
feed "$TMP/big.jsonl" "$N" big
# (a) a lock held past the busy timeout, taken after the first batch is committed. A longer
# feed, so that the ingest is still running when the lock is taken.
LN=20000
feed "$TMP/long.jsonl" "$LN" long
LDB="$TMP/lock.sqlite"
"$CT" ingest --db "$LDB" --batch 10 --jobs 2 "$TMP/long.jsonl" >"$TMP/out" 2>"$TMP/err" &
pid=$!
for _ in $(seq 1 400); do
  n=$(sqlite3 "$LDB" "SELECT count(*) FROM articles" 2>/dev/null || echo 0)
  [ "${n:-0}" -gt 0 ] && break
  sleep 0.02
done
python3 - "$LDB" <<'PY' &
import sqlite3, sys, time
con = sqlite3.connect(sys.argv[1], timeout=30, isolation_level=None)
con.execute("BEGIN IMMEDIATE")
time.sleep(9)
con.execute("ROLLBACK")
PY
holder=$!
wait "$pid"
rc=$?
wait "$holder"
if [ "$(count "$LDB" "SELECT count(*) FROM articles")" = "$LN" ]; then
  echo "lock test: ingest finished before the lock was taken; not counted" >&2
else
  echo "lock test: the lock landed after $(count "$LDB" "SELECT count(*) FROM articles") articles" >&2
  check "lock past the busy timeout: exit 4, no abort (got $rc)" test "$rc" = 4
  check "lock: the message names the database and says what to do" grep -qE "lock.sqlite: error\[D001\].*(locked|busy)" "$TMP/err"
  check "lock: committed batches are intact" test "$(sqlite3 "$LDB" 'PRAGMA integrity_check')" = ok
fi
expect_rc "lock: rerun completes" 0 "$CT" ingest --db "$LDB" "$TMP/long.jsonl"
check "lock: every article stored after the rerun" test "$(count "$LDB" "SELECT count(*) FROM articles")" = "$LN"
check "lock: every claim stored after the rerun" test "$(count "$LDB" "SELECT count(*) FROM claims WHERE superseded=0")" = "$((2 * LN))"

# (b) disk full: a small tmpfs (needs root; skipped with a message otherwise).
if [ "$(id -u)" = 0 ] && mkdir -p "$TMP/full" && mount -t tmpfs -o size=1200k tmpfs "$TMP/full" 2>/dev/null; then
  MOUNTED="$TMP/full"
  FDB="$TMP/full/full.sqlite"
  "$CT" ingest --db "$FDB" --batch 25 "$TMP/big.jsonl" >"$TMP/out" 2>"$TMP/err"
  rc=$?
  check "disk full: exit 4, no abort (got $rc)" test "$rc" = 4
  check "disk full: located message with the reason" grep -qE "full.sqlite: error\[D001\].*(full|disk)" "$TMP/err"
  check "disk full: no 'terminate called'" bash -c "! grep -q 'terminate called' '$TMP/err'"
  stored=$(count "$FDB" "SELECT count(*) FROM articles")
  check "disk full: some batches were committed before ($stored)" test "$stored" -gt 0
  check "disk full: integrity ok" test "$(sqlite3 "$FDB" 'PRAGMA integrity_check')" = ok
  check "disk full: whole articles only" test "$(count "$FDB" "SELECT count(*) FROM articles a WHERE (SELECT count(*) FROM claims c WHERE c.article_id=a.id AND c.superseded=0) != 2")" = 0
  # More room, and the rerun completes the work.
  mount -o remount,size=64m "$TMP/full"
  expect_rc "disk full: rerun after freeing space completes" 0 "$CT" ingest --db "$FDB" "$TMP/big.jsonl"
  check "disk full: every article after the rerun" test "$(count "$FDB" "SELECT count(*) FROM articles")" = "$N"
  umount "$TMP/full" && MOUNTED=""
else
  echo "disk-full test skipped: needs root and tmpfs" >&2
fi

# (c) a read-only database file (and folder): a clear error, the data untouched.
mkdir -p "$TMP/ro"
head -50 "$TMP/big.jsonl" >"$TMP/small.jsonl"
"$CT" ingest --db "$TMP/ro/ro.sqlite" "$TMP/small.jsonl" >/dev/null 2>&1
sqlite3 "$TMP/ro/ro.sqlite" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
rm -f "$TMP/ro/ro.sqlite-wal" "$TMP/ro/ro.sqlite-shm"
chmod 555 "$TMP/ro"
chmod 444 "$TMP/ro/ro.sqlite"
expect_rc "read-only database: ingest fails with exit 4" 4 as_user "$CT" ingest --db "$TMP/ro/ro.sqlite" "$TMP/big.jsonl"
check "read-only database: the message names the file and the cause" grep -qE "ro.sqlite.*(read-only|readonly|not writable)" "$TMP/err"
check "read-only database: no abort" bash -c "! grep -q 'terminate called' '$TMP/err'"
expect_rc "read-only database: queries still work" 0 as_user "$CT" claims --db "$TMP/ro/ro.sqlite" --format jsonl
check "read-only database: every claim listed" test "$(wc -l <"$TMP/out")" = 100
expect_rc "read-only database: stats works" 0 as_user "$CT" stats --db "$TMP/ro/ro.sqlite"
chmod 755 "$TMP/ro"
chmod 644 "$TMP/ro/ro.sqlite"
check "read-only database: unchanged" test "$(count "$TMP/ro/ro.sqlite" "SELECT count(*) FROM articles")" = 50
mkdir -p "$TMP/rodir" && chmod 555 "$TMP/rodir"
expect_rc "new database in a read-only folder: exit 4" 4 as_user "$CT" ingest --db "$TMP/rodir/new.sqlite" "$TMP/small.jsonl"
check "new database in a read-only folder: says why" grep -qiE "rodir.*(permission|read-only|not writable)" "$TMP/err"

# --- 4. SIGINT and SIGTERM: exit 130/143 within 5 s, committed work kept, rerun completes
sig_round() {  # sig_round SIG WANT_RC CMD...
  local sig=$1 want=$2; shift 2
  "$@" >"$TMP/sig.out" 2>"$TMP/sig.err" &
  local pid=$! delay_ms=$((300 + RANDOM % 900))
  sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
  local sent_ns
  sent_ns=$(date +%s%N)
  kill -"$sig" "$pid" 2>/dev/null || { wait "$pid"; echo "finished"; return; }
  local waited=0
  while kill -0 "$pid" 2>/dev/null && [ $waited -lt 100 ]; do sleep 0.1; waited=$((waited + 1)); done
  if kill -0 "$pid" 2>/dev/null; then
    kill -9 "$pid"; wait "$pid" 2>/dev/null
    echo "hang"
    return
  fi
  wait "$pid"
  local rc=$? took_ms=$(( ($(date +%s%N) - sent_ns) / 1000000 ))
  if [ "$rc" = "$want" ] && [ "$took_ms" -le 5000 ]; then echo "ok"; else echo "rc=$rc after ${took_ms}ms"; fi
}
for sig in INT TERM; do
  want=130; [ $sig = TERM ] && want=143
  SDB="$TMP/sig-$sig.sqlite"
  results=""
  for round in 1 2 3; do
    results="$results $(sig_round $sig $want "$CT" ingest --db "$SDB" --batch 20 "$TMP/big.jsonl")"
    check "SIG$sig during ingest (round $round): integrity ok" test "$(sqlite3 "$SDB" 'PRAGMA integrity_check' 2>/dev/null || echo ok)" = ok
  done
  echo "SIG$sig ingest rounds:$results" >&2
  check "SIG$sig during ingest: exit $want within 5 s, never a hang ($results)" bash -c "! grep -qE 'hang|rc=' <<<'$results'"
  check "SIG$sig during ingest: the interruption is said" bash -c "grep -q 'interrupted' '$TMP/sig.err' || grep -q finished <<<'$results'"
  expect_rc "SIG$sig: rerun completes" 0 "$CT" ingest --db "$SDB" "$TMP/big.jsonl"
  check "SIG$sig: nothing lost" test "$(count "$SDB" "SELECT count(*) FROM articles")" = "$N"
  check "SIG$sig: whole articles only" test "$(count "$SDB" "SELECT count(*) FROM claims WHERE superseded=0")" = "$((2 * N))"
  r=$(sig_round $sig $want "$CT" extract --format jsonl "$TMP/big.jsonl")
  check "SIG$sig during extract: exit $want within 5 s ($r)" bash -c "[ '$r' = ok ] || [ '$r' = finished ]"
  check "SIG$sig during extract: every line printed is whole JSON" python3 -c 'import json,sys
for l in open(sys.argv[1]): json.loads(l)' "$TMP/sig.out"
done

# --- 5. front matter with an unclosed quote is a located error ---------------------------
mkdir -p "$TMP/fm"
printf -- "---\ntitle: 'Ein Titel\ndate: 2025-03-05\n---\n\nDer Minister sagte, 300 Soldaten seien verletzt worden.\n" >"$TMP/fm/a.md"
printf -- '---\ntitle: "Ein Titel\ndate: 2025-03-05\n---\n\nDer Minister sagte, 300 Soldaten seien verletzt worden.\n' >"$TMP/fm/b.md"
expect_rc "front matter with an unclosed quote: partial exit" 3 "$CT" ingest --db "$TMP/fm.sqlite" "$TMP/fm"
check "unclosed single quote located at its line and column" grep -qE "a.md:2:8: error\[A010\].*quote" "$TMP/err"
check "unclosed double quote located at its line and column" grep -qE "b.md:2:8: error\[A010\].*quote" "$TMP/err"
check "no article stored with a lost date" test "$(count "$TMP/fm.sqlite" "SELECT count(*) FROM articles")" = 0
# A quoted value continued on an indented line is valid YAML and still read.
printf -- "---\ntitle: 'Ein langer\n  Titel'\ndate: 2025-03-05\n---\n\nDer Minister sagte, 300 Soldaten seien verletzt worden.\n" >"$TMP/fm2.md"
expect_rc "a quoted value folded onto an indented line is fine" 0 "$CT" extract --format jsonl "$TMP/fm2.md"

# --- weaker spots: files that are not ours, damaged files, absurd figures, empty filters ---
sqlite3 "$TMP/foreign.sqlite" "CREATE TABLE t(x); INSERT INTO t VALUES (1);"
expect_rc "a foreign SQLite file is refused" 4 "$CT" ingest --db "$TMP/foreign.sqlite" "$TMP/small.jsonl"
check "the foreign file is not switched to WAL" test "$(sqlite3 "$TMP/foreign.sqlite" 'PRAGMA journal_mode')" = delete
: >"$TMP/empty.sqlite"
expect_rc "stats on an empty file fails" 4 "$CT" stats --db "$TMP/empty.sqlite"
check "the empty file stays empty" test ! -s "$TMP/empty.sqlite"
cp "$TMP/ro/ro.sqlite" "$TMP/damaged.sqlite"
python3 - "$TMP/damaged.sqlite" <<'PY'
import os, sys
p = sys.argv[1]
with open(p, "r+b") as f:
    f.seek(os.path.getsize(p) // 2)
    f.write(b"\xde\xad\xbe\xef" * 1024)
PY
before=$(sha256sum <"$TMP/damaged.sqlite")
expect_rc "a damaged database is refused for writing" 4 "$CT" ingest --db "$TMP/damaged.sqlite" "$TMP/big.jsonl"
check "the refusal says it is damaged and how to recover" grep -q "damaged.*recover" "$TMP/err"
check "the damaged file was not written" test "$(sha256sum <"$TMP/damaged.sqlite")" = "$before"
# check and report verify only the tables they write (findings, claim_groups, check_runs,
# report_runs; store.h kWriteFindings): a damaged findings table is refused the same way.
cp "$TMP/ro/ro.sqlite" "$TMP/damaged-findings.sqlite"
"$CT" check --db "$TMP/damaged-findings.sqlite" >/dev/null 2>&1
sqlite3 "$TMP/damaged-findings.sqlite" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
page=$(sqlite3 "$TMP/damaged-findings.sqlite" "SELECT rootpage FROM sqlite_schema WHERE name = 'findings'")
psize=$(sqlite3 "$TMP/damaged-findings.sqlite" "PRAGMA page_size")
python3 - "$TMP/damaged-findings.sqlite" "$page" "$psize" <<'PY'
import sys
p, page, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
with open(p, "r+b") as f:
    f.seek((page - 1) * size)
    f.write(b"\xde\xad\xbe\xef" * (size // 4))
PY
before=$(sha256sum <"$TMP/damaged-findings.sqlite")
expect_rc "a damaged findings table: check refuses to write" 4 "$CT" check --db "$TMP/damaged-findings.sqlite"
check "check's refusal says it is damaged and how to recover" grep -q "damaged.*recover" "$TMP/err"
check "the file with the damaged findings table was not written" test "$(sha256sum <"$TMP/damaged-findings.sqlite")" = "$before"
python3 -c "print('Es waren ' + '9' * 400 + ' Soldaten pro Monat.')" >"$TMP/huge-number.txt"
expect_rc "a 400-digit figure: no claim" 0 "$CT" extract --format jsonl --lang de "$TMP/huge-number.txt"
check "no claim with inf" test ! -s "$TMP/out"
check "a located out-of-range warning" grep -qE "huge-number.txt:1:10: warning\[A030\]" "$TMP/err"
for bad in "--speaker=" "--type=" "--since=" "--since=2025-13-01" "--since=2025-02-30" "--min-confidence=nan" "--limit=-1" "--limit=0"; do
  expect_rc "claims $bad is a usage error" 2 "$CT" claims --db "$TMP/ro/ro.sqlite" "$bad"
done
expect_rc "a real leap day is accepted" 0 "$CT" claims --db "$TMP/ro/ro.sqlite" --since 2024-02-29

finish
