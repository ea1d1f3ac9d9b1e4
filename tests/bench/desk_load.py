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
With --via-serve the reviewers use the review page instead: one `claimtrack serve` runs for
the whole test and each verdict is a form POST (token taken from the page), timed from the
request to the 303 answer; this is what a reviewer at the desk waits for.

usage: desk_load.py CLAIMTRACK [--seconds 60] [--writers 4] [--reviewers 2] [--max-p99-ms N]
                   [--via-serve]
"""

import argparse
import http.client
import json
import re
import urllib.parse
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
    ap.add_argument("--via-serve", action="store_true", help="reviewers post to `claimtrack serve`")
    ap.add_argument("--batch-nice", type=int, default=10,
                    help="niceness of the ingest writers and the check+report loop, as "
                         "reports/nightly.sh runs them (default 10; 0 = same as reviewers)")
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

    server = None
    host = port = token = None
    if a.via_serve:
        server = subprocess.Popen([ct, "serve", "--db", db, "--port", "0", "--quiet"],
                                  stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        url = urllib.parse.urlparse(server.stdout.readline().strip())
        host, port = url.hostname, url.port
        c = http.client.HTTPConnection(host, port, timeout=30)
        c.request("GET", "/claim/" + claims[0])
        page = c.getresponse().read().decode("utf-8", "replace")
        token = re.search(r'name="csrf" value="([0-9a-f]+)"', page).group(1)
        c.close()

    nice = ["nice", "-n", str(a.batch_nice)] if a.batch_nice > 0 else []
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
            p = run(nice + [ct, "ingest", "--db", db, "-j", "1", folders[w]])
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
            source = f"https://example.org/evidence/{k}/{n}"
            t0 = time.monotonic()
            if a.via_serve:
                body = urllib.parse.urlencode({"csrf": token, "rating": rating, "sources": source,
                                               "note": note, "reviewer": name})
                c = http.client.HTTPConnection(host, port, timeout=60)
                c.request("POST", f"/claim/{claim}/verdict", body=body,
                          headers={"Content-Type": "application/x-www-form-urlencoded",
                                   "Origin": f"http://{host}:{port}"})
                r = c.getresponse()
                r.read()
                c.close()
                dt = time.monotonic() - t0
                if r.status != 303:
                    error(f"verdict by {name} via serve: HTTP {r.status}")
                    continue
                vid = None  # the history is matched by note below
            else:
                p = run([ct, "review", "verdict", claim, "--db", db, "--rating", rating, "--note",
                         note, "--source", source, "--reviewer", name, "--format", "json"])
                dt = time.monotonic() - t0
                if p.returncode != 0:
                    error(f"verdict by {name}: exit {p.returncode}: {p.stderr.strip()[:300]}")
                    continue
                vid = json.loads(p.stdout)["id"]
            with lock:
                latencies.append(dt)
                recorded.append((claim, vid, rating, note, name))
                counts["verdicts"] += 1
            time.sleep(rr.uniform(0.05, 0.25))  # a person takes a moment between verdicts

    def reporter():
        n = 0
        while time.monotonic() < stop:
            n += 1
            for cmd in ([ct, "check", "--db", db],
                        [ct, "report", "--db", db, "--out", os.path.join(tmp, "reports", str(n))]):
                p = run(nice + cmd)
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
    if server:
        server.terminate()
        server.wait(timeout=30)

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
        hist = json.loads(p.stdout)
        have = {(v["id"], v["rating"], v["note"], v["reviewer"]) for v in hist}
        have_by_note = {(v["rating"], v["note"], v["reviewer"]) for v in hist}
        lost += sum(1 for e in expected
                    if (e[0] is not None and e not in have) or (e[1:] not in have_by_note))
    con = sqlite3.connect(db)
    integrity = con.execute("PRAGMA integrity_check").fetchone()[0]
    stored = con.execute("SELECT count(*) FROM reviews").fetchone()[0]
    con.close()

    lat = sorted(x * 1000 for x in latencies)

    def pct(q):
        return lat[min(len(lat) - 1, int(q * len(lat)))] if lat else float("nan")

    print(f"desk under load: {a.writers} ingest writers (nice {a.batch_nice}), {a.reviewers} reviewers"
          f"{' (via serve)' if a.via_serve else ''}, 1 check+report "
          f"loop, {wall:.0f} s on {os.cpu_count()} cores")
    print(f"  ingest runs {counts['ingest']}, check+report runs {counts['check+report']}, "
          f"verdicts recorded {counts['verdicts']} (stored {stored})")
    what = "request to 303 answer" if a.via_serve else "process wall time"
    print(f"  verdict latency ms ({what}): p50 {pct(0.5):.0f}  p90 {pct(0.9):.0f}  "
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
