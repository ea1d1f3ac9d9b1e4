#!/usr/bin/env python3
"""Planted conflicts on real articles: does `claimtrack check` find them, and only them?

Takes articles of ../shared/corpus (German and English), keeps the claims that `extract`
attributes to a named speaker, and for each such claim writes a second version of its article
(another outlet, a day later) in which
  digit:    one digit of the figure is changed (a value conflict),
  scale:    its scale word is swapped (million/billion, Mio./Mrd.: a scale slip),
  speaker:  the speaker's surname in the sentence is replaced by another speaker's (drift),
  decrease: a later copy gives a lower running toll (casualties, refugees, arrests),
  trap:     the figure gets a hedge ("rund"/"about") or the article is copied verbatim.
A claim whose shape does not fit its kind (no scale word, no name in the sentence, not a toll)
gets a digit change instead.
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

PLANTED = ("digit", "scale", "speaker", "decrease")
KINDS = ["digit", "scale", "speaker", "decrease", "hedge", "verbatim"]
SCALES = [("Millionen", "Milliarden"), ("Mio.", "Mrd."), ("million", "billion"), ("bn", "m"),
          ("thousand", "million")]
CUMULATIVE = {"casualties", "troop_losses", "refugees", "arrests"}


def change_digit(text):
    m = re.search(r"[1-9]", text)
    d = int(m.group())
    return text[: m.start()] + str(d + 3 if d <= 6 else d - 3) + text[m.end():]


def plant(kind, c, sent, text, picked, rnd):
    """The copy's sentence and date for one kind of change, or (None, None) if it cannot apply."""
    later = "2025-03-02"
    if kind == "digit":
        return sent.replace(text, change_digit(text), 1), later
    if kind == "scale":
        for a, b in SCALES:
            for x, y in ((a, b), (b, a)):
                m = re.search(r"(?<![A-Za-zÄÖÜäöüß])" + re.escape(x) + r"(?![A-Za-zÄÖÜäöüß])", text)
                if m:
                    new_text = text[: m.start()] + y + text[m.end():]
                    return sent.replace(text, new_text, 1), later
        return None, None
    if kind == "speaker":
        name = c["speaker"].get("name") or ""
        words = [w for w in re.findall(r"[A-ZÄÖÜ][\w-]+", name) if w in sent.replace(text, "")]
        if not words:
            return None, None
        others = [p["speaker"]["name"].split()[-1] for p in picked
                  if p["speaker"].get("kind") == "person" and p["speaker"].get("name")
                  and p["speaker"]["name"].split()[-1] not in name]
        if not others:
            return None, None
        surname = words[-1]
        # The figure stays; only who says it changes (attribution drift).
        return re.sub(r"\b" + re.escape(surname) + r"\b", rnd.choice(others), sent), later
    if kind == "decrease":
        if c["claim_type"] not in CUMULATIVE:
            return None, None
        m = re.search(r"[1-9]", text)
        d = int(m.group())
        if d == 1 and not re.search(r"[1-9][\d.,]*\d", text):
            return None, None
        new_text = text[: m.start()] + str(max(1, d - 1) if d > 1 else 0) + text[m.end():]
        if new_text.startswith("0"):
            return None, None
        # A later article gives a lower running toll.
        return sent.replace(text, new_text, 1), "2025-03-09"
    if kind == "hedge":
        hedge = "rund " if "/de/" in c["file"] else "about "
        low = text.lower()
        return (sent if low.startswith(("rund", "about", "etwa", "some")) else
                sent.replace(text, hedge + text, 1)), later
    return sent, later  # verbatim


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("claimtrack")
    ap.add_argument("--n", type=int, default=120)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--keep", metavar="DIR", help="write the articles and database here and keep them")
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
    with tempfile.TemporaryDirectory() as scratch:
        tmp = a.keep or scratch
        src = os.path.join(tmp, "in")
        os.makedirs(src)
        kinds, planted_at = {}, {}
        for i, c in enumerate(picked):
            head, body = front(c["file"])
            art_id = c["article"]
            head = re.sub(r"\nid: .*\n", f"\nid: {art_id}\n", head)
            open(os.path.join(src, f"o{i}.md"), "w", encoding="utf-8").write(
                head.replace("---\n", "---\ndate: 2025-03-01\n", 1) + body)
            kind = KINDS[i % len(KINDS)]
            text = c["quantity"]["text"]
            start = body.find(c["sentence"])
            if start < 0:
                continue
            sent = c["sentence"]
            new_sent, date = plant(kind, c, sent, text, picked, rnd)
            if new_sent is None:  # the shape does not fit this claim: a digit change instead
                kind = "digit"
                new_sent, date = plant(kind, c, sent, text, picked, rnd)
            copy = body[:start] + new_sent + body[start + len(sent):]
            chead = re.sub(r"\nid: .*\n", f"\nid: {art_id}-v2\n", head)
            chead = re.sub(r"\noutlet: .*\n", "\noutlet: Andere Zeitung\n", chead)
            chead = chead.replace("---\n", f"---\ndate: {date}\n", 1)
            open(os.path.join(src, f"c{i}.md"), "w", encoding="utf-8").write(chead + copy)
            kinds[art_id + "-v2"] = kind
            planted_at[art_id + "-v2"] = (c["quantity"]["text"], new_sent if kind in PLANTED else "")
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
        planted_here = [x for x in copies if kinds[x] in PLANTED]
        found.update(planted_here)
        # A finding that names a planted copy is explained by the plant, even when its other
        # side is a trap copy that repeats the original figure.
        if not planted_here:
            for x in copies:
                false_traps.add(x)
                print(f"TRAP FINDING ({kinds[x]}): {f['type']}: {f['explanation']}", file=sys.stderr)
    planted = [k for k, v in kinds.items() if v in PLANTED]
    traps = [k for k, v in kinds.items() if v not in PLANTED]
    for k in sorted(set(planted) - found):
        print(f"MISSED ({kinds[k]}): {k}: {planted_at[k][1][:220]}", file=sys.stderr)
    print(f"planted found   {len(found)} of {len(planted)} ({len(found) / max(1, len(planted)):.1%})")
    for kind in PLANTED:
        of = [k for k in planted if kinds[k] == kind]
        print(f"  {kind:<9} {len([k for k in of if k in found])} of {len(of)}")
    print(f"trap findings   {len(false_traps)} of {len(traps)} traps")
    print(f"control findings {controls} (findings among unmodified originals)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
