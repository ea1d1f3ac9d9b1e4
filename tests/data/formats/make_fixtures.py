#!/usr/bin/env python3
"""Writes the article-format fixtures of tests/unit/text (run from anywhere; idempotent).

Binary fixtures (Windows-1252, BOMs, NUL, UTF-16) are generated here so their exact bytes
are documented in one readable place.
"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def write(name, data):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


# Windows-1252: umlauts, ß, the euro sign (0x80), German quotes (0x84 / 0x93), en dash (0x96).
write("cp1252.txt", (
    "Grüße aus Österreich\n\n"
    "Die Regierung kündigte am Montag Hilfen über 500 Mio. € an. "
    "„Das reicht nicht“, sagte ein Sprecher – die Kosten seien höher.\n"
).encode("cp1252"))

write("utf8-bom.txt", b"\xef\xbb\xbf" + (
    "Übersicht\n\nDie Inflation lag im März bei 2,4 Prozent, teilte die Statistikbehörde mit.\n"
).encode("utf-8"))

# NUL bytes in line 3 (after "Der") and line 4; CRLF line ends.
write("nul-bytes.txt",
      b"Titel mit NUL\r\n\r\nDer\x00 Bericht nennt 120 Tote.\r\nMehr als\x00\x00 40 Verletzte.\r\n")

write("empty.txt", b"")

write("utf16le-bom.txt", b"\xff\xfe" + (
    "Kurzmeldung\n\nDie Zahl der Geflüchteten stieg auf 12.000, sagte die Ministerin.\n"
).encode("utf-16-le"))

write("utf16be-bom.txt", b"\xfe\xff" + "Hallo Wörld\n".encode("utf-16-be"))

# Mostly UTF-8, one stray Latin-1 byte (0xE4 = ä) in line 2, column 11.
write("mixed.txt", "Grüße und Küsse\nDas ist K".encode("utf-8") + b"\xe4se" +
      " mit Gemüse.\n".encode("utf-8"))

write("article.html", """<!DOCTYPE html>
<html lang="de-AT">
<head>
  <meta charset="utf-8">
  <title>Budget: Regierung plant Milliardenpaket | Beispielzeitung</title>
  <meta property="og:title" content="Budget: Regierung plant Milliardenpaket">
  <meta property="og:site_name" content="Beispielzeitung">
  <meta property="og:url" content="https://example.org/og/budget">
  <meta property="article:published_time" content="2025-03-05T10:00:00+01:00">
  <meta name="author" content="Anna Berger">
  <link rel="canonical" href="https://example.org/politik/budget-2025">
  <script>var tracking = "Dieser Text darf nicht erscheinen.";</script>
  <style>p { color: red; }</style>
</head>
<body>
  <header><a href="/">Startseite</a> Kopfzeile mit Logo</header>
  <nav><ul><li>Politik</li><li>Wirtschaft</li></ul></nav>
  <article>
    <h1>Regierung plant Milliardenpaket</h1>
    <p>Die Regierung will    rund 4,5 Milliarden&nbsp;Euro
       investieren, sagte der Finanzminister am Mittwoch.</p>
    <p>Laut Angaben des Ministeriums sollen 60 Prozent in die Bahn fließen &amp; der Rest
       in Schulen.</p>
    <figure><img src="x.jpg" alt=""><figcaption>Foto: Bildagentur</figcaption></figure>
    <blockquote>„Das ist ein starkes Signal“, sagte Berger.</blockquote>
    <ul><li>Bahn: 2,7 Mrd. Euro</li><li>Schulen: 1,8 Mrd. Euro</li></ul>
    <aside>Lesen Sie auch: Ein anderer Artikel</aside>
    <form><input name="q"><button>Suchen</button></form>
    <noscript>Bitte JavaScript aktivieren.</noscript>
  </article>
  <footer>Impressum · Datenschutz</footer>
</body>
</html>
""".encode("utf-8"))

write("article-time.htm", """<html lang="en"><head><title>Port reopens</title>
<meta name="date" content="March 5, 2025"></head>
<body><main><p>The port reopened on Tuesday.</p><time datetime="2025-03-04">yesterday</time>
<table><tr><td>Ships</td><td>42</td></tr></table></main></body></html>
""".encode("utf-8"))

write("front-matter.md", """---
id: fm-1
title: "Energiepreise: Strom wird billiger"
date: 05.03.2025
outlet: Beispielzeitung
url: https://example.org/energie
author: Max Muster
lang: de
category: wirtschaft
tags: [energie, strom]
---
Energiepreise

Der Strompreis sinkt im April um rund 12 Prozent, sagte der Versorger.
""".encode("utf-8"))

# Broken YAML in line 3 (unclosed flow sequence).
write("bad-front-matter.md", """---
title: Kaputt
tags: [eins, zwei
date: 2025-03-05
---
Text des Artikels.
""".encode("utf-8"))

write("unclosed-front-matter.md", b"---\ntitle: Offen\n\nText ohne Ende des Kopfes.\n")

write("feed.jsonl", (
    '{"id":"feed-1","url":"https://example.org/a","title":"Erster Artikel","date":"2025-03-05",'
    '"outlet":"Beispielzeitung","lang":"de","author":"A. Autor","text":"Die Zahl stieg auf 300. '
    'Das sagte der Sprecher."}\n'
    '{"id":"feed-2","title":"Broken", "text": tru}\n'
    '\n'
    '{"url":"https://example.org/c","title":"Third","date":"Wed, 05 Mar 2025 10:00:00 GMT",'
    '"html":"<html lang=\\"en\\"><body><nav>Menu</nav><p>More than 3,000 people were '
    'evacuated, officials said.</p></body></html>"}\n'
    '["not", "an", "object"]\n'
    '{"id":"feed-5","title":"No body"}\n'
).encode("utf-8"))

write("array.json", (
    '[{"id":"j1","title":"One","text":"First article text."},\n'
    ' {"id":"j2","title":"Two","text":"Second article text."}]\n'
).encode("utf-8"))

write("plain.txt", (
    "Schlagzeile ohne Punkt\n\n"
    "Der erste Absatz nennt 20.000 Soldaten pro Monat.\n\n"
    "Der zweite Absatz folgt und ist nicht lang.\n"
).encode("utf-8"))

# Not an article file: ExpandInputs must skip it inside folders.
write("notes.csv", b"a,b\n1,2\n")
