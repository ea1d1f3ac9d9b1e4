#!/usr/bin/env python3
"""Generates the benchmark corpus for `claimtrack extract` / `ingest` (tests/bench/).

Deterministic: the same arguments (and the same source texts) give byte-identical output.
Python 3 standard library only.

Source text, per language (de, en):
  * `--source` (default: <repo>/../shared/corpus) if it exists: the bodies of its
    <lang>/*.md articles (front matter dropped), split into paragraphs on blank lines;
  * else the project's own fixtures: tests/data/articles/<lang>/*.md|*.html,
    tests/data/articles/feeds/*.jsonl ("text"/"lang") and tests/data/numbers/<lang>.jsonl
    ("text" of every case).

Output (in --out, default tests/bench/out/corpus-<MB>):
  <lang>.txt     one big plain-text file per language: paragraphs drawn at random from the
                 source (with replacement), each on one line, separated by a blank line,
                 every figure's digits re-drawn so that repeated paragraphs differ; about
                 --mb MB (10^6 bytes) each, cut at a paragraph boundary.
  articles/<lang>/<NNN>/<lang>-<NNNNNN>.md
                 with --articles N: N small articles per language with YAML front matter
                 (unique id, url, date, title, outlet, lang) and 1.5-8 KB of varied paragraphs,
                 numbered from --first-article (default 1): a second set with --first-article
                 N+1 adds new articles to a database that holds the first N (their own text).
  manifest.json  what was generated (arguments, sizes, paragraph counts); written last, so
                 its presence means the corpus is complete.
"""

import argparse
import datetime
import html
import json
import os
import random
import re
import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
LANGS = ("de", "en")
MB = 1_000_000
DIGITS_RE = re.compile(r"\d+")
BLANK_SPLIT_RE = re.compile(r"\n[ \t]*\n+")
TAG_RE = re.compile(r"<[^>]+>")
BLOCK_TAG_RE = re.compile(r"(?is)<(script|style|nav|header|footer|aside)\b.*?</\1\s*>")
BLOCK_END_RE = re.compile(r"(?i)</(p|h[1-6]|li|blockquote|div)\s*>")
OUTLETS = {"de": "Bench-Zeitung", "en": "Bench News"}


def strip_front_matter(text):
    """Body of a Markdown article: everything after a leading '---' ... '---' block."""
    lines = text.split("\n")
    if lines and lines[0].strip() == "---":
        for i in range(1, len(lines)):
            if lines[i].strip() in ("---", "..."):
                return "\n".join(lines[i + 1:])
        return ""  # unclosed: not usable
    return text


def html_to_text(src):
    src = BLOCK_TAG_RE.sub(" ", src)
    src = BLOCK_END_RE.sub("\n\n", src)
    return html.unescape(TAG_RE.sub(" ", src))


def paragraphs_of(body):
    out = []
    for p in BLANK_SPLIT_RE.split(body.replace("\r\n", "\n")):
        p = " ".join(p.split())  # one line, single spaces
        if p.startswith("#"):
            p = p.lstrip("#").strip()
        if len(p) >= 20:  # drop stray headings, bylines, separators
            out.append(p)
    return out


def read_text(path):
    return path.read_text(encoding="utf-8", errors="replace")


def load_shared(source):
    paras = {lang: [] for lang in LANGS}
    for lang in LANGS:
        folder = source / lang
        if not folder.is_dir():
            continue
        for f in sorted(folder.glob("*.md")):
            paras[lang].extend(paragraphs_of(strip_front_matter(read_text(f))))
    return paras


def load_fixtures():
    paras = {lang: [] for lang in LANGS}
    articles = REPO / "tests" / "data" / "articles"
    for lang in LANGS:
        for f in sorted((articles / lang).glob("*")):
            if f.suffix in (".md", ".markdown", ".txt"):
                paras[lang].extend(paragraphs_of(strip_front_matter(read_text(f))))
            elif f.suffix in (".html", ".htm"):
                paras[lang].extend(paragraphs_of(html_to_text(read_text(f))))
    for f in sorted((articles / "feeds").glob("*.jsonl")):
        for line in read_text(f).splitlines():
            try:
                obj = json.loads(line)
            except ValueError:
                continue
            lang = str(obj.get("lang", ""))[:2].lower() if isinstance(obj, dict) else ""
            if lang in paras and isinstance(obj.get("text"), str):
                paras[lang].extend(paragraphs_of(obj["text"]))
    for lang in LANGS:
        f = REPO / "tests" / "data" / "numbers" / f"{lang}.jsonl"
        if not f.exists():
            continue
        sentences = []
        for line in read_text(f).splitlines():
            try:
                obj = json.loads(line)
            except ValueError:
                continue
            if isinstance(obj, dict) and isinstance(obj.get("text"), str):
                sentences.append(" ".join(obj["text"].split()))
        # Single sentences become paragraphs of 3-6 sentences (fixed grouping).
        rng = random.Random(lang)
        i = 0
        while i < len(sentences):
            n = rng.randint(3, 6)
            paras[lang].append(" ".join(sentences[i:i + n]))
            i += n
    return paras


class Varier:
    """Re-draws the digits of figures so that repeated paragraphs differ.

    Keeps the length of each digit run and a non-zero leading digit, so the formatting
    (20.000, 1,4 Mrd., $11.1bn) stays realistic; 19xx/20xx keep their century.
    """

    def __init__(self, rng, share=0.7):
        self.rng = rng
        self.share = share

    def _digits(self, m):
        s = m.group(0)
        if self.rng.random() >= self.share:
            return s
        if len(s) == 4 and s[:2] in ("19", "20"):  # a year stays a plausible year
            return s[:2] + f"{self.rng.randint(0, 99):02d}"
        first = str(self.rng.randint(1, 9)) if s[0] != "0" else "0"
        return first + "".join(str(self.rng.randint(0, 9)) for _ in range(len(s) - 1))

    def __call__(self, paragraph):
        return DIGITS_RE.sub(self._digits, paragraph)


def write_atomic(path, chunks_writer):
    tmp = path.with_suffix(path.suffix + ".tmp")
    with open(tmp, "w", encoding="utf-8", newline="\n") as out:
        chunks_writer(out)
    os.replace(tmp, path)


def make_big_file(path, pool, target_bytes, rng):
    vary = Varier(rng)
    stats = {"paragraphs": 0, "bytes": 0}

    def writer(out):
        buf, buffered = [], 0
        written = 0
        while written < target_bytes:
            p = vary(rng.choice(pool)) + "\n\n"
            n = len(p.encode("utf-8"))
            buf.append(p)
            buffered += n
            written += n
            stats["paragraphs"] += 1
            if buffered >= (4 << 20):
                out.write("".join(buf))
                buf, buffered = [], 0
        out.write("".join(buf))
        stats["bytes"] = written

    write_atomic(path, writer)
    return stats


def title_of(paragraph, limit=80):
    words, length = [], 0
    for w in paragraph.split():
        if length + len(w) + 1 > limit:
            break
        words.append(w)
        length += len(w) + 1
    return " ".join(words).rstrip(".,:;")


def make_articles(root, lang, pool, count, rng, first=1):
    vary = Varier(rng)
    base = datetime.date(2020, 1, 1)
    total = 0
    for i in range(first, first + count):
        folder = root / lang / f"{(i - 1) // 1000:03d}"
        if (i - 1) % 1000 == 0 or i == first:
            folder.mkdir(parents=True, exist_ok=True)
        # 1.5-8 KB of text: several short paragraphs, or one long source article (the
        # German source bodies are one paragraph each).
        target, paras, size = rng.randint(1500, 8000), [], 0
        while size < target and len(paras) < 12:
            paras.append(vary(rng.choice(pool)))
            size += len(paras[-1])
        date = base + datetime.timedelta(days=rng.randint(0, 6 * 365))
        aid = f"bench-{lang}-{i:06d}"
        front = {
            "id": aid,
            "title": title_of(paras[0]),
            "date": date.isoformat(),
            "outlet": OUTLETS[lang],
            "lang": lang,
            "url": f"https://bench.invalid/{lang}/{i:06d}",
        }
        # JSON strings are valid YAML double-quoted scalars.
        lines = ["---"] + [f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in front.items()]
        text = "\n".join(lines) + "\n---\n\n" + "\n\n".join(paras) + "\n"
        (folder / f"{aid[6:]}.md").write_text(text, encoding="utf-8")
        total += len(text.encode("utf-8"))
    return total


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, default=200.0,
                    help="size of each language's big .txt file in MB (10^6 bytes); default 200")
    ap.add_argument("--out", type=Path, default=None,
                    help="output folder (default: tests/bench/out/corpus-<MB>)")
    ap.add_argument("--source", type=Path, default=REPO.parent / "shared" / "corpus",
                    help="news corpus with de/*.md and en/*.md (default: ../shared/corpus "
                    "relative to the repo root); the repo's test fixtures when missing")
    ap.add_argument("--langs", default=",".join(LANGS), help="comma-separated: de,en")
    ap.add_argument("--articles", type=int, default=0,
                    help="also write N small .md articles per language (default 0)")
    ap.add_argument("--first-article", type=int, default=1,
                    help="number of the first article (default 1); ids and file names follow")
    ap.add_argument("--seed", type=int, default=20250521, help="random seed")
    ap.add_argument("--force", action="store_true", help="regenerate even if complete")
    args = ap.parse_args(argv)

    langs = [x.strip() for x in args.langs.split(",") if x.strip()]
    bad = [x for x in langs if x not in LANGS]
    if bad:
        ap.error(f"unknown language(s) {bad}; known: {', '.join(LANGS)}")
    if args.mb <= 0:
        ap.error("--mb must be positive")
    if args.first_article < 1:
        ap.error("--first-article must be >= 1")
    mb_label = f"{args.mb:g}"
    out = args.out or (REPO / "tests" / "bench" / "out" / f"corpus-{mb_label}")
    manifest_path = out / "manifest.json"
    wanted = {"mb": args.mb, "langs": langs, "articles": args.articles, "seed": args.seed}
    if args.first_article != 1:
        wanted["first_article"] = args.first_article
    if manifest_path.exists() and not args.force:
        try:
            old = json.loads(manifest_path.read_text(encoding="utf-8"))
        except ValueError:
            old = {}
        if all(old.get(k) == v for k, v in wanted.items()):
            print(f"corpus up to date: {out}")
            return 0
    out.mkdir(parents=True, exist_ok=True)
    if manifest_path.exists():
        manifest_path.unlink()
    if (out / "articles").exists():
        shutil.rmtree(out / "articles")  # no stale articles from a larger earlier run

    if args.source.is_dir():
        pools = load_shared(args.source)
        source_desc = str(args.source.resolve())
    else:
        pools = {lang: [] for lang in LANGS}
        source_desc = ""
    if not all(pools[lang] for lang in langs):
        fixtures = load_fixtures()
        for lang in langs:
            if not pools[lang]:
                pools[lang] = fixtures[lang]
        source_desc = (source_desc + " + " if source_desc else "") + "tests/data fixtures"
    for lang in langs:
        if not pools[lang]:
            print(f"error: no {lang} source text found", file=sys.stderr)
            return 2

    manifest = dict(wanted, source=source_desc, files={})
    for li, lang in enumerate(langs):
        rng = random.Random(args.seed * 10 + li)
        pool = pools[lang]
        path = out / f"{lang}.txt"
        st = make_big_file(path, pool, int(args.mb * MB), rng)
        manifest["files"][f"{lang}.txt"] = dict(st, source_paragraphs=len(pool))
        print(f"{path}: {st['bytes'] / MB:.1f} MB, {st['paragraphs']} paragraphs "
              f"(from {len(pool)} source paragraphs)")
        if args.articles > 0:
            # The first set keeps its historical seed; a later set draws its own text.
            seed = (args.seed * 10 + li + 5 if args.first_article == 1
                    else f"{args.seed}-{li}-{args.first_article}")
            total = make_articles(out / "articles", lang, pool, args.articles,
                                  random.Random(seed), args.first_article)
            manifest["files"][f"articles/{lang}"] = {"articles": args.articles, "bytes": total}
            print(f"{out / 'articles' / lang}: {args.articles} articles, {total / MB:.1f} MB")
    manifest["generated"] = datetime.datetime.now(datetime.timezone.utc).isoformat(
        timespec="seconds")
    manifest_path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n",
                             encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
