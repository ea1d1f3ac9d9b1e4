#!/usr/bin/env python3
"""Score `claimtrack numbers` on the number-normalizer case suites, per suite, language and
category, and (with --rt) Microsoft Recognizers-Text's JavaScript port on the same cases in the
same run.

usage: score_number_suites.py CLAIMTRACK [--data DIR] [--rt DIR] [--floors FILE]
                              [--failures FILE] [--json FILE] [--quiet]

  CLAIMTRACK     the claimtrack binary (`claimtrack numbers --lang de|en` is run once per file)
  --data DIR     tests/data/numbers (default: found from this script's place)
  --rt DIR       a folder with node_modules/@microsoft/recognizers-text-number{,-with-unit}
                 (tests/eval/recognizers after `npm install --no-package-lock --prefix
                 tests/eval/recognizers`) and rt_numbers.js; needs `node`
  --floors FILE  JSON {"<suite>/<lang>/<metric>": share}; exit 1 when a measured share of
                 claimtrack is below its floor (a floor whose suite is missing fails too)
  --failures FILE  write every failing case of every system there (default: stdout)
  --json FILE    write all figures as JSON

Suites (format: tests/data/numbers/README.md):
  own      tests/data/numbers/{de,en}.jsonl; categories from the line ranges of the table
           "What is covered" in tests/data/numbers/README.md
  classes  tests/data/numbers/classes/{de,en}.jsonl; category = the case's `class`
  external/<name>  tests/data/numbers/external/<name>/{de,en}.jsonl if present; category =
           the case's `class` (none are present: see tests/data/numbers/external/README.md)

Metrics (a case is the unit; a percentage is passed cases / scored cases):
  full   the checker of tests/unit/normalize/numbers_data_test.cpp: the first output that
         overlaps the first occurrence of each `find` must have every field the item gives
         (kind, value, low, high, unit, qualifier, period, text, ambiguous, base), and no
         output may overlap a `none` string. claimtrack only: Recognizers-Text has no
         qualifier, period or kind in our sense.
  value  the same for both systems, on values only: for each item that gives `value` (not
         null), some output overlapping the `find` has that value (percent: the percent
         number, money: currency units); for an item that gives `low`/`high`, some output has
         both ends, or two overlapping outputs have one end each; no output with a value
         overlaps a `none` string. Items giving neither are not checked; a case with nothing
         checked is not scored. Values compare with relative tolerance 1e-6.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_DATA = os.path.normpath(os.path.join(HERE, "..", "data", "numbers"))
LANGS = ("de", "en")
RT_CULTURE = {"de": "de-de", "en": "en-us"}
CASE_KEYS = {"text", "items", "none", "known_failure", "class"}


def near(a, b):
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


# ---- cases -------------------------------------------------------------------------------

def own_categories(readme_path):
    """{lang: [(first_line, last_line, category)]} from the table of the suite's README."""
    out = {"de": [], "en": []}
    row = re.compile(r"^\|\s*([a-z]+)\s*\|\s*(\d+)[–-](\d+)\s*\|\s*(\d+)[–-](\d+)\s*\|")
    with open(readme_path, encoding="utf-8") as f:
        for line in f:
            m = row.match(line)
            if m:
                name = m.group(1)
                out["de"].append((int(m.group(2)), int(m.group(3)), name))
                out["en"].append((int(m.group(4)), int(m.group(5)), name))
    return out


def load_cases(path, ranges=None):
    cases = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            c = json.loads(line)
            if ranges is not None:
                cat = next((name for a, b, name in ranges if a <= n <= b), "(no category)")
            else:
                cat = c.get("class") or c.get("category") or "(no category)"
            cases.append({"line": n, "case": c, "category": cat})
    return cases


def suites(data):
    """[(suite, lang, path, cases)] for every suite file present."""
    out = []
    ranges = own_categories(os.path.join(data, "README.md"))
    for lang in LANGS:
        p = os.path.join(data, lang + ".jsonl")
        if os.path.exists(p):
            out.append(("own", lang, p, load_cases(p, ranges[lang])))
    for lang in LANGS:
        p = os.path.join(data, "classes", lang + ".jsonl")
        if os.path.exists(p):
            out.append(("classes", lang, p, load_cases(p)))
    ext = os.path.join(data, "external")
    if os.path.isdir(ext):
        for name in sorted(os.listdir(ext)):
            for lang in LANGS:
                p = os.path.join(ext, name, lang + ".jsonl")
                if os.path.exists(p):
                    out.append(("external/" + name, lang, p, load_cases(p)))
    return out


# ---- systems -----------------------------------------------------------------------------
# Every system yields, per case, a list of outputs {start, end, text, value, low, high, ...}
# with byte offsets into the UTF-8 text (end exclusive).

def run_claimtrack(binary, lang, texts):
    payload = "".join(t + "\n" for t in texts).encode("utf-8")
    p = subprocess.run([binary, "numbers", "--lang", lang], input=payload,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
    if p.returncode != 0:
        sys.exit("claimtrack numbers failed (%d): %s" % (p.returncode, p.stderr.decode()[:500]))
    outs = [[] for _ in texts]
    for line in p.stdout.decode("utf-8").splitlines():
        o = json.loads(line)
        outs[o["line"] - 1].append(o)
    return outs


def rt_number(v):
    if v is None:
        return None
    s = str(v).strip().rstrip("%").strip()
    try:
        return float(s)
    except ValueError:
        return None


def run_rt(rt_dir, lang, texts):
    script = os.path.join(rt_dir, "rt_numbers.js")
    payload = "".join(json.dumps(t) + "\n" for t in texts).encode("utf-8")
    p = subprocess.run(["node", script, RT_CULTURE[lang]], input=payload, cwd=rt_dir,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
    if p.returncode != 0:
        sys.exit("Recognizers-Text runner failed (%d): %s" % (p.returncode,
                                                              p.stderr.decode()[:500]))
    lines = p.stdout.decode("utf-8").splitlines()
    header = json.loads(lines[0])
    outs = []
    for line in lines[1:]:
        found = []
        for r in json.loads(line):
            if "error" in r:
                continue
            found.append({"start": r["start"], "end": r["end"], "text": r["text"],
                          "value": rt_number(r["value"]), "low": None, "high": None,
                          "unit": r.get("unit"), "kind": r["model"]})
        outs.append(found)
    if len(outs) != len(texts):
        sys.exit("Recognizers-Text runner: %d results for %d texts" % (len(outs), len(texts)))
    return header, outs


# ---- checks ------------------------------------------------------------------------------

def span_of(text_b, s):
    at = text_b.find(s.encode("utf-8"))
    return None if at < 0 else (at, at + len(s.encode("utf-8")))


def overlaps(o, span):
    return o["start"] < span[1] and span[0] < o["end"]


def check_full(c, outs):
    """'' when the case passes the checker, else why not (numbers_data_test.cpp)."""
    for key in c:
        if key not in CASE_KEYS:
            return "unknown case key '%s'" % key
    tb = c["text"].encode("utf-8")
    for item in c.get("items", []):
        span = span_of(tb, item["find"])
        if span is None:
            return "find string not in text: " + item["find"]
        q = next((o for o in outs if overlaps(o, span)), None)
        if q is None:
            return "nothing found at '%s'" % item["find"]
        for key, want in item.items():
            if key == "find":
                continue
            if key in ("value", "low", "high"):
                got = q.get(key)
                if want is None:
                    why = "" if got is None else "%s should be null" % key
                elif got is None:
                    why = "%s is null" % key
                else:
                    why = "" if near(float(want), float(got)) else \
                        "%s: expected %s, got %s" % (key, json.dumps(want), json.dumps(got))
            elif key in ("kind", "unit", "qualifier", "period", "text", "base"):
                w = "" if want is None else want
                g = q.get(key) or ""
                why = "" if w == g else "%s: expected '%s', got '%s'" % (key, w, g)
            elif key == "ambiguous":
                why = "" if bool(q.get("ambiguous")) == want else \
                    "ambiguous should be %s" % json.dumps(want)
            else:
                why = "unknown item key '%s'" % key
            if why:
                return "'%s' %s [%s]" % (item["find"], why, q.get("text"))
    for s in c.get("none", []):
        span = span_of(tb, s)
        if span is None:
            return "none string not in text: " + s
        for o in outs:
            if overlaps(o, span):
                return "'%s' found inside '%s'" % (o.get("text"), s)
    return ""


def has_value(o):
    return o.get("value") is not None or o.get("low") is not None or o.get("high") is not None


def check_value(c, outs):
    """None when nothing in the case is value-checked, '' when it passes, else why not."""
    tb = c["text"].encode("utf-8")
    checked = False
    for item in c.get("items", []):
        span = span_of(tb, item["find"])
        if span is None:
            return "find string not in text: " + item["find"]
        here = [o for o in outs if overlaps(o, span) and has_value(o)]
        got = ", ".join("%s=%s" % (o.get("text"), o.get("value") if o.get("value") is not None
                                   else "%s..%s" % (o.get("low"), o.get("high"))) for o in here)
        if item.get("value") is not None:
            checked = True
            v = float(item["value"])
            if not any(o.get("value") is not None and near(v, float(o["value"])) for o in here):
                return "'%s' expected %s, got [%s]" % (item["find"], json.dumps(item["value"]),
                                                       got)
        elif item.get("low") is not None or item.get("high") is not None:
            checked = True
            lo, hi = item.get("low"), item.get("high")

            def end_ok(want, got_v):
                return want is None or (got_v is not None and near(float(want), float(got_v)))
            as_range = any(end_ok(lo, o.get("low")) and end_ok(hi, o.get("high")) for o in here)
            vals = [float(o["value"]) for o in here if o.get("value") is not None]
            as_two = (lo is None or any(near(float(lo), x) for x in vals)) and \
                     (hi is None or any(near(float(hi), x) for x in vals))
            if not (as_range or as_two):
                return "'%s' expected %s..%s, got [%s]" % (item["find"], lo, hi, got)
    for s in c.get("none", []):
        checked = True
        span = span_of(tb, s)
        if span is None:
            return "none string not in text: " + s
        for o in outs:
            if overlaps(o, span) and has_value(o):
                return "'%s' found inside '%s'" % (o.get("text"), s)
    return "" if checked else None


# ---- scoring -----------------------------------------------------------------------------

def tally(cases, results):
    """results: list of None (not scored) / '' (pass) / reason. -> (passed, total, by_cat)."""
    by_cat = {}
    passed = total = 0
    for c, r in zip(cases, results):
        if r is None:
            continue
        total += 1
        ok = r == ""
        passed += ok
        pc = by_cat.setdefault(c["category"], [0, 0])
        pc[0] += ok
        pc[1] += 1
    return passed, total, by_cat


def pct(p, t):
    return "%5.1f%%" % (100.0 * p / t) if t else "   n/a"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("claimtrack")
    ap.add_argument("--data", default=DEFAULT_DATA)
    ap.add_argument("--rt")
    ap.add_argument("--floors")
    ap.add_argument("--failures")
    ap.add_argument("--json")
    ap.add_argument("--quiet", action="store_true", help="no failure list on stdout")
    args = ap.parse_args()

    rt_dir = None
    if args.rt:
        rt_dir = os.path.abspath(args.rt)
        mod = os.path.join(rt_dir, "node_modules", "@microsoft", "recognizers-text-number")
        if not shutil.which("node") or not os.path.isdir(mod):
            sys.exit("--rt %s: needs node and %s (npm install --no-package-lock --prefix %s)"
                     % (args.rt, mod, args.rt))

    figures = {}
    failures = []
    rt_header = {}
    rows = []
    for suite, lang, path, cases in suites(args.data):
        texts = [c["case"]["text"] for c in cases]
        rel = os.path.relpath(path)
        ct = run_claimtrack(args.claimtrack, lang, texts)
        # Offsets are bytes of the line as decoded; the data is NFC UTF-8 without newlines.
        for c, outs in zip(cases, ct):
            tb = c["case"]["text"].encode("utf-8")
            for o in outs:
                if tb[o["start"]:o["end"]].decode("utf-8", "replace") != o["text"]:
                    sys.exit("%s:%d: output span does not match its text %r" %
                             (rel, c["line"], o["text"]))
        systems = [("claimtrack", "full", [check_full(c["case"], o) for c, o in zip(cases, ct)]),
                   ("claimtrack", "value", [check_value(c["case"], o) for c, o in zip(cases, ct)])]
        if rt_dir:
            header, rt = run_rt(rt_dir, lang, texts)
            rt_header = header
            systems.append(("recognizers-js", "value",
                            [check_value(c["case"], o) for c, o in zip(cases, rt)]))
        for system, metric, results in systems:
            passed, total, by_cat = tally(cases, results)
            key = "%s/%s/%s" % (suite, lang, metric)
            figures.setdefault(system, {})[key] = {
                "passed": passed, "total": total,
                "share": (passed / total) if total else None,
                "by_category": {k: {"passed": v[0], "total": v[1]} for k, v in by_cat.items()}}
            rows.append((suite, lang, system, metric, passed, total, by_cat))
            for c, r in zip(cases, results):
                if r:
                    failures.append("%s [%s %s] %s:%d (%s): %s\n    %s" % (
                        key, system, metric, rel, c["line"], c["category"], r, c["case"]["text"]))

    # Summary: one line per suite/lang/system/metric, then categories side by side.
    print("number suites: case accuracy (passed/scored)")
    if rt_dir:
        print("recognizers-js = @microsoft/recognizers-text-number %s + -number-with-unit %s,"
              " Number+Percent+Currency models; it has no de-de model and falls back to its"
              " English models on de" % (rt_header.get("version"), rt_header.get("unitVersion")))
    print("%-18s %-4s %-15s %-6s %12s" % ("suite", "lang", "system", "metric", "accuracy"))
    for suite, lang, system, metric, passed, total, _ in rows:
        print("%-18s %-4s %-15s %-6s %s %4d/%-4d" % (suite, lang, system, metric,
                                                     pct(passed, total), passed, total))
    print()
    print("per category (value metric%s; full metric for claimtrack in brackets)" %
          (", claimtrack vs recognizers-js" if rt_dir else ""))
    grouped = {}
    for suite, lang, system, metric, passed, total, by_cat in rows:
        grouped.setdefault((suite, lang), {})[(system, metric)] = by_cat
    for (suite, lang), per in grouped.items():
        print("%s/%s" % (suite, lang))
        cats = sorted(set().union(*[set(v) for v in per.values()]))
        for cat in cats:
            cells = []
            for sm in (("claimtrack", "value"), ("recognizers-js", "value")):
                if sm in per:
                    p, t = per[sm].get(cat, [0, 0])
                    cells.append("%s %3d/%-3d" % (pct(p, t), p, t))
            fp, ft = per[("claimtrack", "full")].get(cat, [0, 0])
            print("  %-20s %s  [%s]" % (cat, "   ".join(cells), pct(fp, ft).strip()))

    text = "\n".join(failures) + ("\n" if failures else "")
    if args.failures:
        with open(args.failures, "w", encoding="utf-8") as f:
            f.write(text)
        print("\n%d failing case results written to %s" % (len(failures), args.failures))
    elif not args.quiet:
        print("\nfailures:")
        sys.stdout.write(text)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump({"recognizers": rt_header, "figures": figures}, f, indent=1,
                      ensure_ascii=False)

    if args.floors:
        with open(args.floors, encoding="utf-8") as f:
            floors = json.load(f)
        ours = figures.get("claimtrack", {})
        bad = []
        for key, floor in sorted(floors.items()):
            if key.startswith("_"):
                continue
            got = ours.get(key, {}).get("share")
            if got is None or got + 1e-12 < floor:
                bad.append("%s: %s below floor %.3f" % (
                    key, "missing" if got is None else "%.4f" % got, floor))
        print()
        for b in bad:
            print("FLOOR " + b)
        print("floors: %d passed, %d failed" % (len([k for k in floors if not k.startswith("_")]) -
                                        len(bad), len(bad)))
        if bad:
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
