#!/usr/bin/env python3
"""Score claimtrack's attribution on the annotated German quotation dataset.

Reads ../shared/attribution-de/train.jsonl (700 German news articles with 2,877 annotated
quotations: speaker, cue, quoted or reported content; CC BY-NC-SA 4.0 — the data is read in
place, never copied into this repository), runs `claimtrack extract` on every article and
measures, over the figures that claimtrack's number normalizer finds (years and dates left
out):

  inside   figures inside annotated quoted/reported content (numbers that
           checkable-figures.md excludes, such as dates, ordinals and ages, left out)
  stored   ... of those, stored as a claim
  speaker  ... of those stored, attributed to the annotated speaker (speaker words shared,
           accents and case ignored; a quotation whose annotated speaker is a pronoun is
           skipped here, the dataset has no coreference)
  narrator figures outside every annotated span (quote, frame, speaker, cue) that are stored
           and kept as the narrator's or without speaker (no speaker invented)

usage: score_attribution_de.py CLAIMTRACK [DATASET] [--details FILE] [--floors FILE]
Exit 77 (skipped) when the dataset is not there; 1 when a measure is below its floor.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import unicodedata

DEFAULT = os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "attribution-de",
                       "train.jsonl")
PRONOUNS = {"er", "sie", "es", "ihm", "ihr", "ihn", "man", "wir", "ich", "dieser", "diese",
            "jener", "der", "die", "das", "dessen", "deren",
            # pronominal adverbs that point back ("demnach": according to it)
            "demnach", "danach", "dabei"}
# Words of a source that names nobody: "ersten Angaben", "dem Bericht", "die Forscher".
GENERIC = {"angaben", "ersten", "eigenen", "behordlichen", "offiziellen", "bericht", "berichten",
           "berichte", "quellen", "andere", "anderen", "forscher", "experten", "studie", "studien",
           "medien", "medienberichten", "medienberichte", "informationen", "schatzungen",
           "polizeiangaben", "augenzeugen", "beobachter", "kritiker", "betreiber", "veranstalter",
           "behorden", "offizielle", "stellungnahme", "mitteilung", "zeitung", "umfrage",
           "ergebnis", "einer", "eines", "einem", "neuen", "jungsten", "aktuellen", "vorlaufigen",
           "letzten", "weiteren", "inoffiziellen", "unbestatigten", "diplomatenkreisen",
           "kreisen", "sprecher", "sprecherin", "agenturen", "agenturberichten", "nachrichtenagenturen"}
STOP = {"der", "die", "das", "des", "dem", "den", "von", "und", "für", "im", "am", "herr", "frau"}


def fold(s):
    s = unicodedata.normalize("NFKD", s.lower())
    return "".join(c for c in s if not unicodedata.combining(c))


def words(s):
    return {w for w in re.findall(r"\w+", fold(s)) if len(w) >= 3 and w not in STOP}


# Heads of unnamed sources; a German compound ending in one is unnamed too
# ("Behördenangaben", "Zeitungsberichten"), an adjective or article before it changes
# nothing ("einer norwegischen Studie", "palästinensischen Angaben").
GENERIC_HEADS = {"angaben", "bericht", "berichten", "berichte", "quellen", "studie", "studien",
                 "schatzung", "schatzungen", "umfrage", "umfragen", "informationen", "aussagen",
                 "analyse", "ergebnis", "endergebnis", "ermittlungen", "medien", "experten",
                 "forscher", "berater", "beobachter", "behorden", "kreisen", "kreise"}
ARTICLES = {"ein", "eine", "einer", "eines", "einem", "einen", "der", "die", "das", "des", "dem",
            "den"}


def unnamed_source(gold):
    """True when the annotated speaker names nobody: every capitalised word of it (a German
    noun; words split at hyphens, so "UNO-Angaben" keeps its owner) is a generic source or
    a compound ending in one, and at least one is."""
    nouns = [w for w in re.findall(r"\w+", gold) if w[:1].isupper() and fold(w) not in ARTICLES]
    if not nouns:
        return False
    for n in nouns:
        f = fold(n)
        if f in GENERIC or any(f.endswith(h) for h in GENERIC_HEADS):
            continue
        return False
    return True


MONTHS = ("Januar|Jänner|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|"
          "Dezember")
YEAR = r"(?:1[89]|20)\d\d"


def not_a_figure(flat, b, e):
    """Numbers that ../shared/docs/checkable-figures.md says not to label, so they are no
    figure that should be stored: dates and other ordinals ("am 17. März", "des 20.
    Jahrhunderts", "die 3. Liga"), ages in a person's description ("der 57-jährige", "ein
    24-Jähriger"), article and paragraph numbers ("Art. 51", "Artikel 65") and ranges of
    years ("zwischen 2008 und 2012")."""
    before, fig, after = flat[max(0, b - 30):b], flat[b:e], flat[e:e + 30]
    if re.match(r"\d+$", fig):
        if re.match(r"\.\s*(" + MONTHS + r")\b", after):
            return True  # 17. März
        if re.match(r"\.\s", after) and re.search(
                r"\b(am|vom|dem|den|der|des|die|das|zum|im|seit|bis|ab)\s+$", before, re.I):
            return True  # "am 17.", "des 20. Jahrhunderts", "die 3. Liga"
        if re.search(r"\b(Art\.|Artikel|Artikels|Paragraph|Paragraf|§|Nr\.|Absatz)\s*$", before):
            return True
    if re.match(r"-Jährig", after):
        return True  # der 24-Jährige: a person
    if re.match(r"-jährig", after) and re.search(
            r"\b(der|die|den|dem|des|ein|eine|einen|einem|einer|eines)\s+$", before, re.I):
        return True  # der 57-jährige Alan García (but "nach 43-jähriger Flucht" is a duration)
    if re.fullmatch(r"(zwischen|von)\s+" + YEAR + r"\s+(und|bis)\s+" + YEAR, fig):
        return True
    return False


def spans(role):
    return [tuple(x) for x in (role or {}).get("spans", [])]


def inside(pos, sp):
    return any(b <= pos < e for b, e in sp)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("claimtrack")
    ap.add_argument("dataset", nargs="?", default=DEFAULT)
    ap.add_argument("--details")
    ap.add_argument("--floors")
    a = ap.parse_args()
    if not os.path.exists(a.dataset):
        print(f"skipped: {a.dataset} not found (../shared is optional)")
        return 77
    arts = [json.loads(l) for l in open(a.dataset, encoding="utf-8")]
    with tempfile.TemporaryDirectory() as tmp:
        feed = os.path.join(tmp, "feed.jsonl")
        with open(feed, "w", encoding="utf-8") as f:
            for art in arts:
                f.write(json.dumps({"id": art["id"], "lang": "de", "date": art.get("date"),
                                    "outlet": "Wikinews", "text": art["text"]},
                                   ensure_ascii=False) + "\n")
        out = subprocess.run([a.claimtrack, "extract", "--format", "jsonl", feed],
                             capture_output=True, text=True)
        if out.returncode not in (0, 3):
            sys.exit(f"extract failed: {out.stderr[:2000]}")
        claims = {}
        for line in out.stdout.splitlines():
            c = json.loads(line)
            claims.setdefault(c["article"], []).append(c)
        # The figure universe: what the normalizer reads, minus bare years and dates.
        numbers = subprocess.run([a.claimtrack, "numbers", "--lang", "de", "-"],
                                 input="\n".join(art["text"].replace("\n", " ") for art in arts) + "\n",
                                 capture_output=True, text=True)
    figs_by_line = {}
    for line in numbers.stdout.splitlines():
        q = json.loads(line)
        figs_by_line.setdefault(q["line"] - 1, []).append(q)
    st = {"inside": 0, "stored": 0, "speaker_n": 0, "speaker_ok": 0, "outside_stored": 0,
          "narrator_ok": 0}
    details = []
    for i, art in enumerate(arts):
        text = art["text"]
        flat = text.replace("\n", " ")
        btext = flat.encode("utf-8")
        quote_spans, any_spans = [], []
        speaker_of = []
        for q in art["quotations"]:
            qs = spans(q.get("quote"))
            quote_spans.append(qs)
            speaker_of.append((q.get("speaker") or {}).get("text", ""))
            for role in ("quote", "frame", "speaker", "cue"):
                any_spans += spans(q.get(role))
        cl = claims.get(art["id"], [])
        # claim byte offsets -> character offsets
        def char_of(b):
            return len(btext[:b].decode("utf-8", errors="ignore"))
        cl_chars = [(char_of(c["start"]), char_of(c["end"]), c) for c in cl]
        for q in figs_by_line.get(i, []):
            if q["value"] is None and q["low"] is None:
                continue
            if q["kind"] == "number" and re.fullmatch(r"(1[89]|20)\d\d", q["text"] or ""):
                continue  # a year
            b = len(flat.encode("utf-8")[:q["start"]].decode("utf-8", errors="ignore"))
            e = b + len(q["text"])
            if not_a_figure(flat, b, e):
                continue
            hit = next((c for cb, ce, c in cl_chars if cb < e and b < ce), None)
            qi = next((k for k, qs in enumerate(quote_spans) if inside(b, qs)), None)
            if qi is not None:
                st["inside"] += 1
                if hit is None:
                    details.append(f"NOT STORED {art['id']}: {q['text']!r}")
                    continue
                st["stored"] += 1
                gold = speaker_of[qi]
                gw = words(gold)
                if not gw or fold(gold.strip()) in PRONOUNS:
                    continue
                st["speaker_n"] += 1
                sp = hit.get("speaker") or {}
                got = sp.get("name") or ""
                if gw <= GENERIC or unnamed_source(gold):
                    # An unnamed source ("nach ersten Angaben", "dem Bericht", "die Forscher"):
                    # right when no speaker is invented for it, or when it is named the same.
                    ok = sp.get("method") != "narrator" and (sp.get("method") == "none" or bool(words(got) & gw))
                else:
                    ok = sp.get("method") not in ("none", "narrator") and bool(
                        words(got) & gw or {w[:6] for w in words(got)} & {w[:6] for w in gw})
                st["speaker_ok"] += ok
                if not ok:
                    details.append(f"SPEAKER {art['id']}: {q['text']!r} gold {gold!r} got {got!r} ({sp.get('method')})")
            elif not inside(b, any_spans) and hit is not None:
                st["outside_stored"] += 1
                sp = hit.get("speaker") or {}
                ok = sp.get("method") in ("none", "narrator")
                st["narrator_ok"] += ok
                if not ok:
                    details.append(f"INVENTED {art['id']}: {q['text']!r} got {sp.get('name')!r} ({sp.get('method')})")
    res = {
        "figures_inside": st["inside"],
        "stored_inside": round(st["stored"] / st["inside"], 3) if st["inside"] else 0,
        "speaker_right": round(st["speaker_ok"] / st["speaker_n"], 3) if st["speaker_n"] else 0,
        "narrator_kept": round(st["narrator_ok"] / st["outside_stored"], 3) if st["outside_stored"] else 0,
        "outside_stored": st["outside_stored"],
    }
    for k, v in res.items():
        print(f"{k:<16}{v:>10}")
    if a.details:
        open(a.details, "w", encoding="utf-8").write("\n".join(details) + "\n")
    if a.floors:
        floors = json.load(open(a.floors))
        below = [f"{k}: {res[k]} < {v}" for k, v in floors.items() if res.get(k, 0) < v]
        for b in below:
            print("BELOW FLOOR: " + b)
        print(f"{len(floors) - len(below)} passed, {len(below)} failed")
        return 1 if below else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
