#!/usr/bin/env python3
"""Writes the shipped rules' expanded patterns as a ripgrep pattern file (one per line).

The ripgrep baseline of tests/bench/run_bench.sh: the same regexes claimtrack's RE2::Set
runs over every sentence, run by `rg -c -f FILE`. `claimtrack rules list --format jsonl`
only shows the raw pattern (with %{NAME} references), so the expansion is redone here the
way src/claimtrack/rules/rule_set.cpp does it: every %{NAME} becomes (?:<expanded>).

RE2 -> Rust regex (ripgrep), keeping RE2's meaning:
  * \\d \\s \\w \\D \\S \\W are ASCII-only in RE2 but Unicode in Rust: spelled as ASCII classes;
    \\b \\B become (?-u:\\b) (?-u:\\B).
  * (?P<name>...) becomes (?:...): ripgrep joins all -f patterns into one regex, where the
    same group name twice is an error.
  * ripgrep 13 joins -f patterns with a bare '|', so a leading (?i) would leak into every
    later pattern: each pattern is wrapped, (?i:...) for case-insensitive rules (claimtrack's
    default) and (?:...) for case_sensitive: true.
  * Inside [...], '[' '&' '~' and a doubled '-' are literals in RE2 but class syntax in Rust:
    escaped. A '{' that starts no repetition is a literal in RE2 but an error in Rust:
    escaped. \\Q...\\E is spelled out.
Not reproduced: a rule's `context`/`negative` regexes (claimtrack runs them only on the
sentences the set matched) and sentence boundaries (rg works per line = per paragraph in the
bench corpus; RE2's ^ is the start of the sentence, rg's the start of the line).

Reads YAML with PyYAML when installed, else with a small parser for the subset the rule
files use (maps, lists of maps, plain / 'single' / "double" quoted scalars, comments).
Standard library otherwise.
"""

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


# --- YAML --------------------------------------------------------------------------------

class YamlSubsetError(Exception):
    pass


def _strip_comment(line):
    """Drops a '# comment' outside quotes."""
    quote = None
    i = 0
    while i < len(line):
        c = line[i]
        if quote:
            if c == quote:
                if quote == "'" and i + 1 < len(line) and line[i + 1] == "'":
                    i += 2
                    continue
                quote = None
            elif c == "\\" and quote == '"':
                i += 1
        elif c in "'\"":
            quote = c
        elif c == "#" and (i == 0 or line[i - 1] in " \t"):
            return line[:i].rstrip()
        i += 1
    return line.rstrip()


def _scalar(text, where):
    text = text.strip()
    if not text:
        return None
    if text[0] == "'":
        if len(text) < 2 or text[-1] != "'":
            raise YamlSubsetError(f"{where}: unterminated single-quoted scalar")
        return text[1:-1].replace("''", "'")
    if text[0] == '"':
        try:
            return json.loads(text)
        except ValueError as e:
            raise YamlSubsetError(f"{where}: double-quoted scalar not understood: {e}")
    if text[0] in "|>[{&*!":
        raise YamlSubsetError(f"{where}: YAML construct '{text[0]}' needs PyYAML")
    return text


def _split_key(text, where):
    """'key: value' -> (key, value-text); value-text may be empty."""
    m = re.match(r"^([^'\"#:][^:]*?):(?:\s+(.*))?$", text)
    if not m:
        raise YamlSubsetError(f"{where}: expected 'key: value', found {text!r}")
    return m.group(1).strip(), (m.group(2) or "")


def parse_yaml_subset(src, name="<yaml>"):
    lines = []
    for no, raw in enumerate(src.split("\n"), 1):
        if "\t" in raw[: len(raw) - len(raw.lstrip())]:
            raise YamlSubsetError(f"{name}:{no}: tab indentation")
        line = _strip_comment(raw)
        if line.strip() and line.strip() not in ("---", "..."):
            lines.append((no, len(line) - len(line.lstrip(" ")), line.strip()))
    pos = 0

    def block(indent):
        nonlocal pos
        if pos >= len(lines):
            return None
        no, ind, text = lines[pos]
        if ind < indent:
            return None
        indent = ind
        if text.startswith("- ") or text == "-":
            out = []
            while pos < len(lines) and lines[pos][1] == indent and (
                    lines[pos][2].startswith("- ") or lines[pos][2] == "-"):
                no, ind, text = lines[pos]
                rest = text[1:].lstrip()
                if not rest:
                    pos += 1
                    out.append(block(indent + 1))
                    continue
                # "- key: value" opens a map whose keys sit at the column after "- ".
                inner = indent + (len(text) - len(rest))
                if re.match(r"^[^'\"]*?:(\s|$)", rest):
                    lines[pos] = (no, inner, rest)
                    out.append(block(inner))
                else:
                    out.append(_scalar(rest, f"{name}:{no}"))
                    pos += 1
            return out
        out = {}
        while pos < len(lines) and lines[pos][1] == indent:
            no, ind, text = lines[pos]
            if text.startswith("- "):
                raise YamlSubsetError(f"{name}:{no}: list item where a key was expected")
            key, value = _split_key(text, f"{name}:{no}")
            pos += 1
            if value.strip():
                out[key] = _scalar(value, f"{name}:{no}")
            elif pos < len(lines) and (lines[pos][1] > indent or (
                    lines[pos][1] == indent and lines[pos][2].startswith("- "))):
                out[key] = block(lines[pos][1])
            else:
                out[key] = None
        if pos < len(lines) and lines[pos][1] > indent:
            raise YamlSubsetError(f"{name}:{lines[pos][0]}: unexpected indentation")
        return out

    result = block(0)
    if pos < len(lines):
        raise YamlSubsetError(f"{name}:{lines[pos][0]}: could not parse")
    return result


def load_yaml(path, force_subset=False):
    text = path.read_text(encoding="utf-8")
    if not force_subset:
        try:
            import yaml  # noqa: PLC0415 (optional dependency)
            return yaml.safe_load(text)
        except ImportError:
            pass
    return parse_yaml_subset(text, str(path))


# --- rules -------------------------------------------------------------------------------

def load_rules(rules_dir, force_subset=False):
    """(patterns: NAME -> raw regex, rules: list of dicts with id/lang/pattern/case_sensitive)."""
    patterns, rules = {}, []
    files = sorted(p for p in rules_dir.rglob("*") if p.suffix in (".yaml", ".yml"))
    for f in files:
        if f.name == "speakers.yaml":
            continue
        doc = load_yaml(f, force_subset) or {}
        if f.parent.name == "patterns":
            for name, v in (doc.get("patterns") or {}).items():
                patterns[name] = v["pattern"] if isinstance(v, dict) else v
            continue
        defaults = doc.get("defaults") or {}
        for r in doc.get("rules") or []:
            get = lambda k, d=None: r.get(k, defaults.get(k, d))  # noqa: E731
            cs = get("case_sensitive", False)
            rules.append({
                "id": r["id"],
                "lang": get("lang"),
                "pattern": r["pattern"],
                "case_sensitive": cs is True or str(cs).lower() == "true",
                "file": str(f.relative_to(rules_dir.parent) if rules_dir.parent in f.parents
                            else f),
            })
    return patterns, rules


def expand(pattern, library, stack=()):
    out, pos = [], 0
    while True:
        ref = pattern.find("%{", pos)
        if ref < 0:
            out.append(pattern[pos:])
            return "".join(out)
        out.append(pattern[pos:ref])
        close = pattern.find("}", ref)
        if close < 0:
            raise ValueError(f"unterminated %{{ in {pattern!r}")
        name = pattern[ref + 2:close]
        if name not in library:
            raise ValueError(f"undefined pattern reference %{{{name}}}")
        if name in stack:
            raise ValueError(f"recursive pattern reference {' -> '.join(stack + (name,))}")
        out.append("(?:" + expand(library[name], library, stack + (name,)) + ")")
        pos = close + 1


# --- RE2 -> Rust regex -------------------------------------------------------------------

ASCII_CLASS = {"d": "0-9", "s": "\\t\\n\\f\\r ", "w": "0-9A-Za-z_"}
REPETITION_RE = re.compile(r"\{\d+(,\d*)?\}")


WORD = "[0-9A-Za-z_]"
PCRE2_B = {  # RE2's ASCII \b and \B for PCRE2, whose \b is Unicode-aware under rg -P
    "b": f"(?:(?<={WORD})(?!{WORD})|(?<!{WORD})(?={WORD}))",
    "B": f"(?:(?<={WORD})(?={WORD})|(?<!{WORD})(?!{WORD}))",
}


def re2_to_rust(p, warnings, flavor="rust"):
    out = []
    i, n = 0, len(p)
    in_class = False
    class_start = 0
    while i < n:
        c = p[i]
        if c == "\\" and i + 1 < n:
            e = p[i + 1]
            if e in "dswDSW":
                body = ASCII_CLASS[e.lower()]
                neg = e.isupper()
                if in_class and neg and flavor == "pcre2":
                    warnings.append(f"\\{e} inside [...] kept (Unicode-aware under rg -P)")
                    out.append("\\" + e)
                elif in_class:
                    out.append(f"[^{body}]" if neg else body)
                else:
                    out.append(f"[^{body}]" if neg else f"[{body}]")
                i += 2
            elif e in "bB" and not in_class:
                out.append(PCRE2_B[e] if flavor == "pcre2" else f"(?-u:\\{e})")
                i += 2
            elif e in "pP":
                j = i + 2
                if j < n and p[j] == "{":
                    j = p.index("}", j) + 1
                else:
                    j += 1
                out.append(p[i:j])
                i = j
            elif e == "x":
                j = i + 2
                j = p.index("}", j) + 1 if j < n and p[j] == "{" else j + 2
                out.append(p[i:j])
                i = j
            elif e == "Q":
                end = p.find("\\E", i + 2)
                lit = p[i + 2:] if end < 0 else p[i + 2:end]
                out.append("".join("\\" + ch if not ch.isalnum() and ch != " " and ord(ch) < 128
                                   else ch for ch in lit))
                i = n if end < 0 else end + 2
            elif e == "C":
                warnings.append("\\C (any byte) has no ripgrep equivalent; kept as '.'")
                out.append(".")
                i += 2
            else:
                out.append(p[i:i + 2])
                i += 2
            continue
        if in_class:
            if c == "]" and i > class_start:
                in_class = False
                out.append(c)
            elif c == "[" and p.startswith("[:", i):
                j = p.find(":]", i + 2)
                j = n if j < 0 else j + 2
                out.append(p[i:j])
                i = j
                continue
            elif c in "[&~":
                out.append("\\" + c)
            elif c == "-" and i + 1 < n and p[i + 1] == "-":
                out.append("\\-")
            else:
                out.append(c)
            i += 1
            continue
        if c == "[":
            in_class = True
            out.append(c)
            i += 1
            if i < n and p[i] == "^":
                out.append("^")
                i += 1
            class_start = i  # a ']' right here is a literal
            if i < n and p[i] == "]":
                out.append("\\]")
                i += 1
            continue
        if c == "(" and p.startswith("(?P<", i):
            j = p.index(">", i)
            out.append("(?:")
            i = j + 1
            continue
        if c == "{" and not REPETITION_RE.match(p, i):
            out.append("\\{")
            i += 1
            continue
        out.append(c)
        i += 1
    return "".join(out)


def rg_rejects(rg, patterns, flavor):
    """ripgrep's error message for the patterns (one regex), or '' when they compile."""
    cmd = [rg, "--no-config", "-c"] + (["-P"] if flavor == "pcre2" else [])
    for p in patterns:
        cmd += ["-e", p]
    proc = subprocess.run(cmd + ["--", "-"], input=b"", capture_output=True)
    return proc.stderr.decode("utf-8", "replace").strip() if proc.returncode == 2 else ""


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rules", type=Path, default=REPO / "rules", help="rules folder")
    ap.add_argument("--lang", default="", help="only rules of this language (default: all)")
    ap.add_argument("--out", type=Path, required=True, help="pattern file to write")
    ap.add_argument("--check", metavar="RG", default="",
                    help="compile every pattern with this ripgrep; drop and report rejects")
    ap.add_argument("--flavor", choices=("rust", "pcre2"), default="rust",
                    help="ripgrep's default engine, or PCRE2 (rg -P)")
    ap.add_argument("--chunk-bytes", type=int, default=0,
                    help="also write OUT.00, OUT.01, ...: whole patterns, at most this many "
                    "bytes each (PCRE2 cannot compile all rules as one regex)")
    ap.add_argument("--yaml-subset", action="store_true",
                    help="use the built-in YAML parser even if PyYAML is installed")
    args = ap.parse_args(argv)

    library, rules = load_rules(args.rules, args.yaml_subset)
    selected = [r for r in rules if not args.lang or r["lang"] == args.lang]
    lines, problems = [], 0
    for r in selected:
        warnings = []
        try:
            expanded = expand(r["pattern"], library)
        except ValueError as e:
            print(f"rg_patterns: {r['id']}: {e}; skipped", file=sys.stderr)
            problems += 1
            continue
        body = re2_to_rust(expanded, warnings, args.flavor)
        line = ("(?:" if r["case_sensitive"] else "(?i:") + body + ")"
        for w in warnings:
            print(f"rg_patterns: {r['id']}: {w}", file=sys.stderr)
        if args.check:
            err = rg_rejects(args.check, [line], args.flavor)
            if err:
                print(f"rg_patterns: ripgrep rejects rule {r['id']} ({r['file']}):\n{err}",
                      file=sys.stderr)
                problems += 1
                continue
        lines.append(line)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("".join(x + "\n" for x in lines), encoding="utf-8")
    if args.chunk_bytes > 0:
        for old in args.out.parent.glob(args.out.name + ".[0-9][0-9]"):
            old.unlink()
        chunks, size = [[]], 0
        for x in lines:
            if chunks[-1] and size + len(x) + 1 > args.chunk_bytes:
                chunks.append([])
                size = 0
            chunks[-1].append(x)
            size += len(x.encode("utf-8")) + 1
        for i, chunk in enumerate(c for c in chunks if c):
            path = args.out.parent / f"{args.out.name}.{i:02d}"
            path.write_text("".join(x + "\n" for x in chunk), encoding="utf-8")
            err = rg_rejects(args.check, chunk, args.flavor) if args.check else ""
            if err:
                print(f"rg_patterns: ripgrep rejects chunk {path} ({len(chunk)} patterns):\n{err}",
                      file=sys.stderr)
                problems += 1
    print(f"rg_patterns: {len(lines)} of {len(selected)} rule patterns"
          f"{' (' + args.lang + ')' if args.lang else ''} -> {args.out}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
