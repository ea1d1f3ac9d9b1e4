#!/usr/bin/env python3
"""The desk under load (issue "The fact-checker's desk", section 7).

Four `claimtrack ingest` writers keep revising their own articles, two reviewers record
verdicts with `claimtrack review verdict`, and one `check` + `report` loop runs, all on one
database, for --seconds. Then it checks what a desk relies on:
  - zero errors: every process exited 0 (ingest: 0), no "locked"/"busy" message;
  - zero lost verdicts: every verdict a reviewer was told was recorded is in `review history`
    with its rating, note and reviewer;
  - PRAGMA integrity_check is ok;
and prints the verdict latency (wall time of the `review verdict` process, start-up included)
at p50/p90/p99/max. With --max-p99-ms it also fails when p99 is above that.

Articles are generated here (German, with figures and speakers), not read from ../shared.
usage: desk_load.py CLAIMTRACK [--seconds 60] [--writers 4] [--reviewers 2] [--max-p99-ms N]
"""

import argparse
import json
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

SPEAKERS = ["Mark Rutte", "Olaf Scholz", "Annalena Baerbock", "Boris Pistorius", "Ursula von der Leyen"]
SENTENCES = [
    "Die Verluste auf russischer Seite liegen laut {s} bei rund {n}.000 Soldaten pro Monat.",
    "Die Mitgliedstaaten haben laut {s} {m} Milliarden Euro für die Ukraine zugesagt.",
    "Nach Angaben von {s} sind seit Kriegsbeginn mehr als {n}.000 Menschen getötet worden.",
    "Die Inflation lag im Oktober bei {p} Prozent, sagte {s}.",
    "Rund {n}.000 Menschen demonstrierten am Samstag in Berlin, sagte {s}.",
]


def make_article(folder, writer, idx, round_no, rng):
    lines = []
    for k in range(6):
        t = SENTENCES[(idx + k) % len(SENTENCES)]
        lines.append(t.format(s=rng.choice(SPEAKERS), n=rng.randint(10, 40), m=rng.randint(2, 9),
                              p=f"{rng.randint(1, 9)},{rng.randint(0, 9)}"))
    body = " ".join(lines)
    path = os.path.join(folder, f"w{writer}-{idx}.md")
    with open(path, "w", encoding="utf-8") as f:
        f.write(f"---\nid: w{writer}-{idx}\ndate: 2025-03-{1 + idx % 28:02d}\n"
                f"outlet: Blatt {writer}\nlang: de\ntitle: Runde {round_no}\n---\n\n{body}\n")


def run(cmd, **kw):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("claimtrack")
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--writers", type=int, default=4)
    ap.add_argument("--reviewers", type=int, default=2)
    ap.add_argument("--articles", type=int, default=40, help="articles per writer and round")
    ap.add_argument("--max-p99-ms", type=float, default=0)
    ap.add_argument("--keep", help="keep the database and logs in this folder")
    a = ap.parse_args()
    ct = os.path.abspath(a.claimtrack)
    tmp = a.keep or tempfile.mkdtemp(prefix="claimtrack-desk-load-")
    os.makedirs(tmp, exist_ok=True)
    db = os.path.join(tmp, "desk.sqlite")
    errors = []
    lock = threading.Lock()

    def error(what):
        with lock:
            errors.append(what)

    # A first round from every writer, and a check, so that reviewers have claims.
    rng = random.Random(7)
    folders = []
    for w in range(a.writers):
        folder = os.path.join(tmp, f"writer{w}")
        os.makedirs(folder, exist_ok=True)
        for i in range(a.articles):
            make_article(folder, w, i, 0, rng)
        folders.append(folder)
    r = run([ct, "ingest", "--db", db, "-j", "1"] + folders)
    if r.returncode != 0:
        print(r.stderr, file=sys.stderr)
        sys.exit("setup ingest failed")
    run([ct, "check", "--db", db])
    claims = [json.loads(l)["id"] for l in run([ct, "claims", "--db", db, "--format", "jsonl"]).stdout.splitlines()]
    if not claims:
        sys.exit("setup: no claims")

    stop = time.monotonic() + a.seconds
    counts = {"ingest": 0, "check+report": 0, "verdicts": 0}
    latencies = []
    recorded = []  # (claim id, verdict id, rating, note, reviewer)

    def writer(w):
        wr = random.Random(100 + w)
        round_no = 0
        while time.monotonic() < stop:
            round_no += 1
            for i in wr.sample(range(a.articles), k=max(1, a.articles // 2)):
                make_article(folders[w], w, i, round_no, wr)
            p = run([ct, "ingest", "--db", db, "-j", "1", "--batch", "10", folders[w]])
            if p.returncode != 0:
                error(f"ingest writer {w}: exit {p.returncode}: {p.stderr.strip()[:300]}")
            with lock:
                counts["ingest"] += 1

    def reviewer(k):
        rr = random.Random(200 + k)
        n = 0
        while time.monotonic() < stop:
            n += 1
            claim = rr.choice(claims)
            rating = rr.choice(["true", "mostly-true", "misleading", "false"])
            note = f"reviewer {k} check {n}"
            name = f"fc{k}"
            t0 = time.monotonic()
            p = run([ct, "review", "verdict", claim, "--db", db, "--rating", rating, "--note", note,
                     "--source", f"https://example.org/evidence/{k}/{n}", "--reviewer", name,
                     "--format", "json"])
            dt = time.monotonic() - t0
            if p.returncode != 0:
                error(f"verdict by {name}: exit {p.returncode}: {p.stderr.strip()[:300]}")
                continue
            v = json.loads(p.stdout)
            with lock:
                latencies.append(dt)
                recorded.append((claim, v["id"], rating, note, name))
                counts["verdicts"] += 1
            time.sleep(rr.uniform(0.05, 0.25))  # a person takes a moment between verdicts

    def reporter():
        n = 0
        while time.monotonic() < stop:
            n += 1
            for cmd in ([ct, "check", "--db", db],
                        [ct, "report", "--db", db, "--out", os.path.join(tmp, "reports", str(n))]):
                p = run(cmd)
                if p.returncode not in (0,):
                    error(f"{cmd[1]}: exit {p.returncode}: {p.stderr.strip()[:300]}")
            with lock:
                counts["check+report"] += 1

    threads = [threading.Thread(target=writer, args=(w,)) for w in range(a.writers)]
    threads += [threading.Thread(target=reviewer, args=(k,)) for k in range(a.reviewers)]
    threads.append(threading.Thread(target=reporter))
    t0 = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.monotonic() - t0

    # Zero lost verdicts: each one a reviewer was told about is in the history of its claim.
    lost = 0
    by_claim = {}
    for claim, vid, rating, note, name in recorded:
        by_claim.setdefault(claim, []).append((vid, rating, note, name))
    for claim, expected in by_claim.items():
        p = run([ct, "review", "history", claim, "--db", db, "--format", "json"])
        if p.returncode != 0:
            error(f"history {claim}: exit {p.returncode}")
            continue
        have = {(v["id"], v["rating"], v["note"], v["reviewer"]) for v in json.loads(p.stdout)}
        lost += sum(1 for e in expected if e not in have)
    con = sqlite3.connect(db)
    integrity = con.execute("PRAGMA integrity_check").fetchone()[0]
    stored = con.execute("SELECT count(*) FROM reviews").fetchone()[0]
    con.close()

    lat = sorted(x * 1000 for x in latencies)

    def pct(q):
        return lat[min(len(lat) - 1, int(q * len(lat)))] if lat else float("nan")

    print(f"desk under load: {a.writers} ingest writers, {a.reviewers} reviewers, 1 check+report "
          f"loop, {wall:.0f} s on {os.cpu_count()} cores")
    print(f"  ingest runs {counts['ingest']}, check+report runs {counts['check+report']}, "
          f"verdicts recorded {counts['verdicts']} (stored {stored})")
    print(f"  verdict latency ms (process wall time): p50 {pct(0.5):.0f}  p90 {pct(0.9):.0f}  "
          f"p99 {pct(0.99):.0f}  max {lat[-1] if lat else float('nan'):.0f}")
    print(f"  errors {len(errors)}, lost verdicts {lost}, integrity_check {integrity}")
    for e in errors[:10]:
        print("  ERROR:", e)
    ok = not errors and lost == 0 and integrity == "ok" and counts["verdicts"] > 0 and stored == counts["verdicts"]
    if a.max_p99_ms and pct(0.99) > a.max_p99_ms:
        print(f"  FAIL: p99 {pct(0.99):.0f} ms > {a.max_p99_ms:.0f} ms")
        ok = False
    if not a.keep:
        subprocess.run(["rm", "-rf", tmp])
    print("PASS" if ok else "FAIL")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
