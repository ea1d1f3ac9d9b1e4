#!/usr/bin/env python3
"""Planted conflicts on real articles: does `claimtrack check` find them, and only them?

Takes articles of ../shared/corpus (German and English), keeps the claims that `extract`
attributes to a named speaker, and for each such claim writes a second version of its article
(another outlet, a day later) in which
  planted:  one digit of the figure is changed (a value conflict or a scale slip), or
  trap:     the figure gets a hedge ("rund"/"about") or the article is copied verbatim.
All originals and copies are ingested into a fresh database, `check` runs once, and the script
counts planted changes found (a finding naming the copy's claim) and findings on traps or on the
unmodified controls (the originals among themselves).

usage: planted_pairs.py CLAIMTRACK [--n N] [--seed S]   (needs ../shared/corpus)
"""
import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile

CORPUS = os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "corpus")
TYPES = {"money", "pledge", "casualties", "troop_losses", "troops", "refugees", "arrests", "jobs",
         "people", "percentage"}


def front(md):
    raw = open(md, encoding="utf-8").read()
    end = raw.find("\n---\n", 4)
    return raw[: end + 5], raw[end + 5:]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("claimtrack")
    ap.add_argument("--n", type=int, default=120)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    if not os.path.isdir(CORPUS):
        print("skipped: ../shared/corpus not found")
        return 77
    rnd = random.Random(a.seed)
    files = sorted(os.path.join(CORPUS, l, f) for l in ("de", "en") for f in os.listdir(os.path.join(CORPUS, l)))
    out = subprocess.run([a.claimtrack, "extract", "--format", "jsonl", *files], capture_output=True, text=True)
    cands = []
    for line in out.stdout.splitlines():
        c = json.loads(line)
        sp = c["speaker"]
        if c["claim_type"] in TYPES and sp["method"] in ("reported", "quote") and re.search(r"\d", c["quantity"]["text"]):
            cands.append(c)
    rnd.shuffle(cands)
    seen, picked = set(), []
    for c in cands:
        if c["file"] in seen:
            continue
        seen.add(c["file"])
        picked.append(c)
        if len(picked) == a.n:
            break
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "in")
        os.makedirs(src)
        kinds = {}
        for i, c in enumerate(picked):
            head, body = front(c["file"])
            art_id = c["article"]
            head = re.sub(r"\nid: .*\n", f"\nid: {art_id}\n", head)
            open(os.path.join(src, f"o{i}.md"), "w", encoding="utf-8").write(
                head.replace("---\n", "---\ndate: 2025-03-01\n", 1) + body)
            kind = ["planted", "planted", "hedge", "verbatim"][i % 4]
            text = c["quantity"]["text"]
            start = body.find(c["sentence"])
            if start < 0:
                continue
            sent = c["sentence"]
            if kind == "planted":
                m = re.search(r"[1-9]", text)
                d = int(m.group())
                new_text = text[: m.start()] + str(d + 3 if d <= 6 else d - 3) + text[m.end():]
                new_sent = sent.replace(text, new_text, 1)
            elif kind == "hedge":
                hedge = "rund " if "/de/" in c["file"] else "about "
                new_sent = sent.replace(text, hedge + text, 1) if not text.lower().startswith(("rund", "about", "etwa", "some")) else sent
            else:
                new_sent = sent
            copy = body[:start] + new_sent + body[start + len(sent):]
            chead = re.sub(r"\nid: .*\n", f"\nid: {art_id}-v2\n", head)
            chead = re.sub(r"\noutlet: .*\n", "\noutlet: Andere Zeitung\n", chead)
            chead = chead.replace("---\n", "---\ndate: 2025-03-02\n", 1)
            open(os.path.join(src, f"c{i}.md"), "w", encoding="utf-8").write(chead + copy)
            kinds[art_id + "-v2"] = kind
        db = os.path.join(tmp, "p.sqlite")
        subprocess.run([a.claimtrack, "ingest", "--db", db, src], capture_output=True)
        chk = subprocess.run([a.claimtrack, "check", "--db", db, "--format", "jsonl"], capture_output=True, text=True)
    found, false_traps, controls = set(), set(), 0
    for line in chk.stdout.splitlines():
        f = json.loads(line)
        arts = {c["article_id"] for c in f["claims"]}
        copies = [x for x in arts if x in kinds]
        if not copies:
            controls += 1
            print(f"CONTROL FINDING: {f['type']}: {f['explanation']}", file=sys.stderr)
        for x in copies:
            (found if kinds[x] == "planted" else false_traps).add(x)
            if kinds[x] != "planted":
                print(f"TRAP FINDING ({kinds[x]}): {f['type']}: {f['explanation']}", file=sys.stderr)
    planted = [k for k, v in kinds.items() if v == "planted"]
    traps = [k for k, v in kinds.items() if v != "planted"]
    print(f"planted found   {len(found)} of {len(planted)} ({len(found) / max(1, len(planted)):.1%})")
    print(f"trap findings   {len(false_traps)} of {len(traps)} traps")
    print(f"control findings {controls} (findings among unmodified originals)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
