#!/usr/bin/env python3
"""Score claimtrack's extraction against the hand-labelled gold set.

Runs `claimtrack extract --format jsonl` on every article of each gold folder and matches
extracted claims to labels by span overlap (one claim per label). Prints, per language:
precision, recall, F1, value exact, qualifier agreement, speaker accuracy, recall per
claim type; with --details, every miss and every false positive.

usage: score_gold.py CLAIMTRACK DIR [DIR...] [--details FILE] [--json FILE]
       [--floors FILE]   fail (exit 1) when a measure is below its floor

Matching: a label's span is the n-th occurrence of its `text` in the article body; a claim
matches the label whose span it overlaps most (ties: the one containing the claim's
number). A claim overlapping no label, or only labels already matched, is a false positive.

Speaker: a label `narrator` is right when the claim has no speaker or the narrator (the
outlet); `unknown` when it has no speaker; a named
label is right when the claim's speaker name and the label share their significant words
(one set contained in the other: "Blair" ~ "Tony Blair", case and accents ignored).
"""
import argparse
import json
import os
import subprocess
import sys
import unicodedata

from check_gold import body_of, find_nth  # the same reading of an article as the checker

# claimtrack's claim types -> the definition's claim types
TYPE_MAP = {
    "casualties": "casualties", "troop_losses": "casualties", "arrests": "people",
    "troops": "troops", "money": "money", "pledge": "money", "budget_share": "percent",
    "percentage": "percent", "percent": "percent", "share": "share", "people": "people",
    "refugees": "people", "jobs": "people", "other": "other",
}


def fold(s):
    s = unicodedata.normalize("NFKD", s.lower())
    return "".join(c for c in s if not unicodedata.combining(c))


STOP = {"der", "die", "das", "des", "dem", "den", "the", "of", "von", "and", "und", "mr", "mrs",
        "ms", "dr", "herr", "frau", "sir", "lord"}


def words(name):
    out = set()
    for w in "".join(c if c.isalnum() else " " for c in fold(name)).split():
        if len(w) >= 2 and w not in STOP:
            out.add(w)
    return out


def speaker_right(label, claim):
    sp = claim.get("speaker") or {}
    method = sp.get("method") or "none"
    has = sp.get("id") not in (None, "", "unknown") and method not in ("none", "narrator")
    gold = label["speaker"]
    if gold == "narrator":
        return not has  # the outlet's own voice, or no speaker: none invented
    if gold == "unknown":
        return method == "none" or sp.get("id") in (None, "", "unknown")
    if not has:
        return False
    a = words(sp.get("name") or sp.get("id") or "")
    b = words(gold)
    if not a or not b:
        return False
    # German inflection: compare word stems (first 6 letters) as well as whole words.
    stem = lambda ws: {w[:6] for w in ws}
    return a <= b or b <= a or stem(a) <= stem(b) or stem(b) <= stem(a)


def close(a, b):
    if a is None or b is None:
        return False
    return abs(a - b) <= 1e-3 * max(1.0, abs(b))


def value_right(label, q):
    if label["kind"] == "range" or label.get("low") is not None and label.get("high") is not None:
        lo, hi = label.get("low"), label.get("high")
        return close(q.get("low"), lo) and close(q.get("high"), hi)
    v = q.get("value")
    if v is None and q.get("low") is not None:
        v = q.get("low")
    return close(v, label.get("value"))


def qualifier_right(label, q):
    return (q.get("qualifier") or "none") == label["qualifier"]


def run_extract(ct, files):
    out = subprocess.run([ct, "extract", "--format", "jsonl", *files], capture_output=True,
                         text=True)
    if out.returncode not in (0, 3):
        sys.exit(f"claimtrack extract failed ({out.returncode}): {out.stderr[:2000]}")
    claims = {}
    for line in out.stdout.splitlines():
        c = json.loads(line)
        claims.setdefault(c["file"], []).append(c)
    return claims


def score_dir(ct, d, details):
    mds = sorted(os.path.join(d, n) for n in os.listdir(d) if n.endswith(".md"))
    claims_by_file = run_extract(ct, mds)
    lang = os.path.basename(os.path.normpath(d))
    st = {"labels": 0, "claims": 0, "tp": 0, "value": 0, "qual": 0, "speaker": 0,
          "speaker_named": 0, "speaker_named_right": 0, "by_type": {}}
    for md in mds:
        body = body_of(md)
        bbody = body.encode("utf-8")
        labels = []
        gpath = md[:-3] + ".gold.jsonl"
        with open(gpath, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    labels.append(json.loads(line))
        spans = []
        for g in labels:
            pos = find_nth(body, g["text"], g.get("nth", 1))
            b = len(body[:pos].encode("utf-8"))
            e = b + len(g["text"].encode("utf-8"))
            npos = g["text"].find(g["number"])
            nb = b + len(g["text"][:npos].encode("utf-8"))
            spans.append((b, e, nb, nb + len(g["number"].encode("utf-8"))))
        claims = claims_by_file.get(md, [])
        st["labels"] += len(labels)
        st["claims"] += len(claims)
        matched = [None] * len(labels)
        fps = []
        for c in sorted(claims, key=lambda c: c["start"]):
            cb, ce = c["start"], c["end"]
            best, best_score = None, 0
            for i, (b, e, nb, ne) in enumerate(spans):
                if matched[i] is not None:
                    continue
                ov = min(ce, e) - max(cb, b)
                if ov <= 0:
                    continue
                score = ov + (1000 if min(ce, ne) - max(cb, nb) > 0 else 0)
                if score > best_score:
                    best, best_score = i, score
            if best is None:
                fps.append(c)
            else:
                matched[best] = c
        for i, g in enumerate(labels):
            t = g["claim_type"]
            bt = st["by_type"].setdefault(t, [0, 0])
            bt[1] += 1
            c = matched[i]
            if c is None:
                details.append(f"MISS {md}: {g['text']!r} ({t}, {g['speaker']})")
                continue
            bt[0] += 1
            st["tp"] += 1
            q = c["quantity"]
            if value_right(g, q):
                st["value"] += 1
            else:
                details.append(f"VALUE {md}: {g['text']!r} gold {g.get('value', (g.get('low'), g.get('high')))} got {q.get('value')} [{q.get('low')}, {q.get('high')}]")
            if qualifier_right(g, q):
                st["qual"] += 1
            else:
                details.append(f"QUAL {md}: {g['text']!r} gold {g['qualifier']} got {q.get('qualifier')}")
            ok = speaker_right(g, c)
            st["speaker"] += ok
            if g["speaker"] not in ("narrator", "unknown"):
                st["speaker_named"] += 1
                st["speaker_named_right"] += ok
            if not ok:
                sp = c.get("speaker") or {}
                details.append(f"SPEAKER {md}: {g['text']!r} gold {g['speaker']!r} got {sp.get('name') or sp.get('id')!r} ({sp.get('method')})")
        for c in fps:
            details.append(f"FP {md}: {c['quantity']['text']!r} rule {c['rule']} in: {c['sentence'][:160]!r}")
    return lang, st


def summarize(st):
    p = st["tp"] / st["claims"] if st["claims"] else 0.0
    r = st["tp"] / st["labels"] if st["labels"] else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    tp = st["tp"] or 1
    return {
        "labels": st["labels"], "claims": st["claims"], "matched": st["tp"],
        "precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3),
        "value_exact": round(st["value"] / tp, 3), "qualifier": round(st["qual"] / tp, 3),
        "speaker": round(st["speaker"] / tp, 3),
        "speaker_named": round(st["speaker_named_right"] / st["speaker_named"], 3) if st["speaker_named"] else 0.0,
        "recall_by_type": {t: f"{a} of {b}" for t, (a, b) in sorted(st["by_type"].items())},
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("claimtrack")
    ap.add_argument("dirs", nargs="+")
    ap.add_argument("--details")
    ap.add_argument("--json")
    ap.add_argument("--floors")
    a = ap.parse_args()
    results = {}
    details = []
    for d in a.dirs:
        lang, st = score_dir(a.claimtrack, d, details)
        results[lang] = summarize(st)
    keys = ["labels", "claims", "precision", "recall", "f1", "value_exact", "qualifier", "speaker",
            "speaker_named"]
    print("measure        " + "".join(f"{l:>10}" for l in results))
    for k in keys:
        print(f"{k:<15}" + "".join(f"{results[l][k]:>10}" for l in results))
    types = sorted({t for r in results.values() for t in r["recall_by_type"]})
    for t in types:
        print(f"recall {t:<8}" + "".join(f"{results[l]['recall_by_type'].get(t, '-'):>10}" for l in results))
    if a.details:
        with open(a.details, "w", encoding="utf-8") as f:
            f.write("\n".join(details) + "\n")
    if a.json:
        with open(a.json, "w") as f:
            json.dump(results, f, indent=2, sort_keys=True)
    if a.floors:
        floors = json.load(open(a.floors))
        below = []
        for lang, fl in floors.items():
            for k, v in fl.items():
                got = results.get(lang, {}).get(k)
                if got is None or got < v:
                    below.append(f"{lang} {k}: {got} < floor {v}")
        for b in below:
            print("BELOW FLOOR: " + b)
        print(f"{sum(len(f) for f in floors.values()) - len(below)} passed, {len(below)} failed")
        return 1 if below else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
