#!/usr/bin/env python3
"""Validate gold label files (tests/data/gold/<lang>/<id>.gold.jsonl).

Each article <id>.md has a label file <id>.gold.jsonl beside it: one JSON object per
checkable figure (see tests/data/gold/README.md for the fields). This script checks that
every label is well formed and that its expression really occurs in the article body, so
that the scorer can locate it. Exit 0 when every file is valid, 1 otherwise.

usage: check_gold.py DIR [DIR...]
"""
import json
import os
import sys

KINDS = {"count", "money", "percent", "fraction", "range", "number"}
QUALIFIERS = {"approx", "more_than", "at_least", "less_than", "at_most", "up_to", "nearly", "none"}
PERIODS = {None, "day", "week", "month", "quarter", "year", "hour", "minute"}
CLAIM_TYPES = {"casualties", "troops", "money", "share", "percent", "people", "other"}
HOWS = {"quote", "reported", "according_to", "carryover", "narrator", "unknown"}
FIELDS = {"text", "number", "nth", "kind", "value", "low", "high", "unit", "qualifier",
          "period", "base", "claim_type", "speaker", "how", "note"}
REQUIRED = {"text", "number", "kind", "qualifier", "claim_type", "speaker", "how"}


def body_of(md_path):
    """The article body: everything after the closing '---' of the front matter."""
    with open(md_path, encoding="utf-8") as f:
        raw = f.read()
    if raw.startswith("---\n"):
        end = raw.find("\n---\n", 4)
        if end >= 0:
            return raw[end + 5:]
    return raw


def find_nth(haystack, needle, nth):
    pos = -1
    for _ in range(nth):
        pos = haystack.find(needle, pos + 1)
        if pos < 0:
            return -1
    return pos


def check_file(path):
    errors = []
    md = path[: -len(".gold.jsonl")] + ".md"
    if not os.path.exists(md):
        return [f"{path}:1:1: no article {md} beside the labels"]
    body = body_of(md)
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            if not line.strip():
                continue
            loc = f"{path}:{lineno}"
            try:
                g = json.loads(line)
            except json.JSONDecodeError as e:
                errors.append(f"{loc}: not JSON: {e}")
                continue
            if not isinstance(g, dict):
                errors.append(f"{loc}: not an object")
                continue
            unknown = set(g) - FIELDS
            if unknown:
                errors.append(f"{loc}: unknown fields {sorted(unknown)}")
            missing = REQUIRED - set(g)
            if missing:
                errors.append(f"{loc}: missing fields {sorted(missing)}")
                continue
            nth = g.get("nth", 1)
            if not isinstance(nth, int) or nth < 1:
                errors.append(f"{loc}: nth must be an integer >= 1")
                continue
            pos = find_nth(body, g["text"], nth)
            if pos < 0:
                errors.append(f"{loc}: text {g['text']!r} does not occur {nth} time(s) in the body")
            if g["number"] not in g["text"]:
                errors.append(f"{loc}: number {g['number']!r} is not inside text {g['text']!r}")
            if g["kind"] not in KINDS:
                errors.append(f"{loc}: kind {g['kind']!r} not in {sorted(KINDS)}")
            if g["qualifier"] not in QUALIFIERS:
                errors.append(f"{loc}: qualifier {g['qualifier']!r} not in {sorted(QUALIFIERS)}")
            if g.get("period") not in PERIODS:
                errors.append(f"{loc}: period {g.get('period')!r} not in {sorted(p for p in PERIODS if p)}")
            if g["claim_type"] not in CLAIM_TYPES:
                errors.append(f"{loc}: claim_type {g['claim_type']!r} not in {sorted(CLAIM_TYPES)}")
            if g["how"] not in HOWS:
                errors.append(f"{loc}: how {g['how']!r} not in {sorted(HOWS)}")
            if g["kind"] == "range":
                if not isinstance(g.get("low"), (int, float)) or not isinstance(g.get("high"), (int, float)):
                    errors.append(f"{loc}: a range needs numeric low and high")
            elif not isinstance(g.get("value"), (int, float)):
                errors.append(f"{loc}: kind {g['kind']} needs a numeric value")
            if not isinstance(g["speaker"], str) or not g["speaker"].strip():
                errors.append(f"{loc}: speaker must be a name, 'narrator' or 'unknown'")
    return errors


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    errors = []
    files = 0
    for d in argv[1:]:
        for name in sorted(os.listdir(d)):
            if name.endswith(".gold.jsonl"):
                files += 1
                errors += check_file(os.path.join(d, name))
    for e in errors:
        print(e)
    print(f"{files} label files, {len(errors)} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
