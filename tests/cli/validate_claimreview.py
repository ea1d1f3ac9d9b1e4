#!/usr/bin/env python3
"""Validates a JSON array of schema.org ClaimReview objects against the properties Google's
fact-check markup documents (developers.google.com/search/docs/appearance/structured-data/
factcheck): the required ones (claimReviewed, reviewRating with alternateName, url, author)
and the recommended ones (datePublished of the review; itemReviewed as a Claim with author,
datePublished and appearance or firstAppearance). Every object is checked; every missing or
ill-typed property is printed as `object N (identifier): path: problem`. Exit 0 when all
objects pass, 1 otherwise, 2 on unreadable input.

Usage: validate_claimreview.py FILE [--count N]   (FILE "-" reads stdin)
"""
import json
import re
import sys
from urllib.parse import urlparse

DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(T[0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?$")


def is_url(v):
    if not isinstance(v, str) or any(c.isspace() for c in v):
        return False
    u = urlparse(v)
    return u.scheme in ("http", "https") and bool(u.netloc)


def nonempty_str(v):
    return isinstance(v, str) and v.strip() != ""


def is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


class Checker:
    def __init__(self):
        self.problems = []

    def fail(self, where, what):
        self.problems.append(f"{where}: {what}")

    def typed(self, obj, where, types):
        if not isinstance(obj, dict):
            self.fail(where, f"must be an object, found {type(obj).__name__}")
            return False
        t = obj.get("@type")
        if t not in types:
            self.fail(where + ".@type", f"must be {' or '.join(types)}, found {t!r}")
            return False
        return True

    def party(self, obj, where):
        """A Person or Organization named by name (or url)."""
        if not self.typed(obj, where, ("Person", "Organization")):
            return
        if "name" not in obj and "url" not in obj:
            self.fail(where, "needs a name or a url")
        if "name" in obj and not nonempty_str(obj["name"]):
            self.fail(where + ".name", "must be a non-empty string")
        if "url" in obj and not is_url(obj["url"]):
            self.fail(where + ".url", "must be an http(s) URL")

    def date(self, obj, key, where):
        if key not in obj:
            self.fail(where + "." + key, "missing")
        elif not isinstance(obj[key], str) or not DATE.match(obj[key]):
            self.fail(where + "." + key, f"must be an ISO 8601 date, found {obj[key]!r}")

    def rating(self, r, where):
        if not self.typed(r, where, ("Rating",)):
            return
        if not nonempty_str(r.get("alternateName")):
            self.fail(where + ".alternateName", "missing or not a non-empty string")
        numeric = [k for k in ("ratingValue", "bestRating", "worstRating") if k in r]
        if numeric and len(numeric) != 3:
            self.fail(where, "ratingValue, bestRating and worstRating go together, found only "
                      + ", ".join(numeric))
            return
        if numeric:
            for k in numeric:
                if not is_number(r[k]):
                    self.fail(where + "." + k, f"must be a number, found {r[k]!r}")
                    return
            if not r["worstRating"] <= r["ratingValue"] <= r["bestRating"]:
                self.fail(where + ".ratingValue",
                          f"{r['ratingValue']} is outside {r['worstRating']}..{r['bestRating']}")

    def appearance(self, a, where):
        if not self.typed(a, where, ("CreativeWork", "Article", "NewsArticle", "WebPage")):
            return
        if not is_url(a.get("url")):
            self.fail(where + ".url", "missing or not an http(s) URL")

    def claim(self, c, where):
        if not self.typed(c, where, ("Claim",)):
            return
        if "author" not in c:
            self.fail(where + ".author", "missing")
        else:
            self.party(c["author"], where + ".author")
        self.date(c, "datePublished", where)
        if "appearance" not in c and "firstAppearance" not in c:
            self.fail(where + ".appearance", "missing (and no firstAppearance)")
        for key in ("appearance", "firstAppearance"):
            if key not in c:
                continue
            items = c[key] if isinstance(c[key], list) else [c[key]]
            if not items:
                self.fail(where + "." + key, "is an empty list")
            for i, a in enumerate(items):
                self.appearance(a, f"{where}.{key}[{i}]")

    def review(self, o, where):
        if not isinstance(o, dict):
            self.fail(where, "must be an object")
            return
        if o.get("@context") not in ("https://schema.org", "http://schema.org",
                                     "https://schema.org/", "http://schema.org/"):
            self.fail(where + ".@context", f"must be https://schema.org, found {o.get('@context')!r}")
        if o.get("@type") != "ClaimReview":
            self.fail(where + ".@type", f"must be ClaimReview, found {o.get('@type')!r}")
        if not nonempty_str(o.get("claimReviewed")):
            self.fail(where + ".claimReviewed", "missing or not a non-empty string")
        if not is_url(o.get("url")):
            self.fail(where + ".url", "missing or not an http(s) URL")
        if "author" not in o:
            self.fail(where + ".author", "missing")
        else:
            self.party(o["author"], where + ".author")
        if "reviewRating" not in o:
            self.fail(where + ".reviewRating", "missing")
        else:
            self.rating(o["reviewRating"], where + ".reviewRating")
        self.date(o, "datePublished", where)
        if "itemReviewed" not in o:
            self.fail(where + ".itemReviewed", "missing")
        else:
            self.claim(o["itemReviewed"], where + ".itemReviewed")


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    want = None
    if "--count" in argv:
        want = int(argv[argv.index("--count") + 1])
    try:
        text = sys.stdin.read() if argv[1] == "-" else open(argv[1], encoding="utf-8").read()
        doc = json.loads(text)
    except (OSError, ValueError) as e:
        print(f"{argv[1]}: cannot read JSON: {e}", file=sys.stderr)
        return 2
    if not isinstance(doc, list):
        print(f"{argv[1]}: expected one JSON array of ClaimReview objects", file=sys.stderr)
        return 1
    problems = []
    for i, o in enumerate(doc):
        c = Checker()
        name = o.get("identifier", "") if isinstance(o, dict) else ""
        c.review(o, f"object {i}" + (f" ({name})" if name else ""))
        problems += c.problems
    if want is not None and len(doc) != want:
        problems.append(f"expected {want} ClaimReview objects, found {len(doc)}")
    for p in problems:
        print(p, file=sys.stderr)
    if problems:
        return 1
    print(f"{len(doc)} ClaimReview objects valid")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
