// Article readers: plain text, front matter, HTML, JSON Lines, JSON, input expansion.

#include "claimtrack/text/article_reader.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "claimtrack/text/sentences.h"

using claimtrack::Article;
using claimtrack::Diagnostics;
using claimtrack::Severity;
using claimtrack::text::ExpandInputs;
using claimtrack::text::ParseArticles;
using claimtrack::text::ReadArticles;
using claimtrack::text::Sha256Hex;

namespace {

const std::string kFormats = std::string(CLAIMTRACK_SOURCE_DIR) + "/tests/data/formats/";

std::vector<Article> Read(const std::string& name, Diagnostics& diags) {
  std::vector<Article> out;
  bool ok = ReadArticles(kFormats + name, diags, [&](Article&& a) { out.push_back(a); });
  CHECK(ok);
  return out;
}

std::vector<Article> Parse(const std::string& content, const std::string& path,
                           Diagnostics& diags) {
  std::vector<Article> out;
  ParseArticles(content, path, diags, [&](Article&& a) { out.push_back(a); });
  return out;
}

const claimtrack::Diagnostic* Find(const Diagnostics& d, const std::string& code) {
  for (const auto& item : d.items()) {
    if (item.code == code) return &item;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("reader reads plain text with a headline", "[text]") {
  Diagnostics diags;
  auto articles = Read("plain.txt", diags);
  REQUIRE(articles.size() == 1);
  const Article& a = articles[0];
  CHECK(a.title == "Schlagzeile ohne Punkt");
  CHECK(a.text.rfind("Schlagzeile ohne Punkt\n\nDer erste Absatz", 0) == 0);
  CHECK(a.id == a.path);
  CHECK(a.path == kFormats + "plain.txt");
  CHECK(a.lang == "de");
  CHECK(a.encoding == "utf-8");
  CHECK(a.body_line_offset == 0);
  CHECK(a.date.empty());
  CHECK(a.content_hash == Sha256Hex(a.title + "\n" + a.text));
  CHECK(diags.empty());
}

TEST_CASE("reader takes metadata from YAML front matter and ignores unknown keys", "[text]") {
  Diagnostics diags;
  auto articles = Read("front-matter.md", diags);
  REQUIRE(articles.size() == 1);
  const Article& a = articles[0];
  CHECK(a.id == "fm-1");
  CHECK(a.title == "Energiepreise: Strom wird billiger");
  CHECK(a.date == "2025-03-05");
  CHECK(a.outlet == "Beispielzeitung");
  CHECK(a.url == "https://example.org/energie");
  CHECK(a.author == "Max Muster");
  CHECK(a.lang == "de");
  CHECK(a.text ==
        "Energiepreise\n\nDer Strompreis sinkt im April um rund 12 Prozent, sagte der "
        "Versorger.\n");
  CHECK(a.body_line_offset == 11);  // ten lines of front matter incl. both fences
  CHECK(diags.empty());
}

TEST_CASE("reader reports broken front matter at its line and skips the article", "[text]") {
  Diagnostics diags;
  auto articles = Read("bad-front-matter.md", diags);
  CHECK(articles.empty());
  const auto* e = Find(diags, "A010");
  REQUIRE(e != nullptr);
  CHECK(e->severity == Severity::kError);
  CHECK(e->path == kFormats + "bad-front-matter.md");
  CHECK(e->line >= 3);
  CHECK(e->line <= 4);
  CHECK(e->col >= 1);
  CHECK(!e->hint.empty());

  Diagnostics d2;
  CHECK(Read("unclosed-front-matter.md", d2).empty());
  const auto* u = Find(d2, "A011");
  REQUIRE(u != nullptr);
  CHECK(u->line == 1);
}

TEST_CASE("reader rejects non-mapping front matter and wrongly typed keys", "[text]") {
  Diagnostics diags;
  CHECK(Parse("---\n- a\n- b\n---\nText.\n", "list.md", diags).empty());
  CHECK(Find(diags, "A012") != nullptr);

  Diagnostics d2;
  auto a = Parse("---\ntitle: [a, b]\ndate: gestern\n---\nDer Text ist da.\n", "t.md", d2);
  REQUIRE(a.size() == 1);
  CHECK(a[0].title.empty());
  CHECK(a[0].date.empty());
  const auto* w = Find(d2, "A013");
  REQUIRE(w != nullptr);
  CHECK(w->line == 2);
  CHECK(w->col == 8);
  const auto* dw = Find(d2, "A014");
  REQUIRE(dw != nullptr);
  CHECK(dw->line == 3);
  CHECK(dw->col == 7);
  CHECK(dw->severity == Severity::kWarning);
}

TEST_CASE("reader extracts article text and metadata from HTML", "[text]") {
  Diagnostics diags;
  auto articles = Read("article.html", diags);
  REQUIRE(articles.size() == 1);
  const Article& a = articles[0];
  CHECK(a.title == "Budget: Regierung plant Milliardenpaket");
  CHECK(a.url == "https://example.org/politik/budget-2025");
  CHECK(a.id == a.url);
  CHECK(a.outlet == "Beispielzeitung");
  CHECK(a.author == "Anna Berger");
  CHECK(a.date == "2025-03-05T10:00:00+01:00");
  CHECK(a.lang == "de");
  CHECK(a.text ==
        "Regierung plant Milliardenpaket\n\n"
        "Die Regierung will rund 4,5 Milliarden Euro investieren, sagte der Finanzminister am "
        "Mittwoch.\n\n"
        "Laut Angaben des Ministeriums sollen 60 Prozent in die Bahn fließen & der Rest in "
        "Schulen.\n\n"
        "„Das ist ein starkes Signal“, sagte Berger.\n\n"
        "Bahn: 2,7 Mrd. Euro\n\n"
        "Schulen: 1,8 Mrd. Euro");
  for (const char* gone : {"tracking", "Startseite", "Wirtschaft", "Bildagentur", "Lesen Sie",
                           "Suchen", "JavaScript", "Impressum", "color"}) {
    CHECK(a.text.find(gone) == std::string::npos);
  }
  CHECK(a.body_line_offset == 18);  // the <h1> line
  CHECK(diags.empty());
}

TEST_CASE("reader falls back to <title>, <meta name=date>, <time> and table cells", "[text]") {
  Diagnostics diags;
  auto articles = Read("article-time.htm", diags);
  REQUIRE(articles.size() == 1);
  const Article& a = articles[0];
  CHECK(a.title == "Port reopens");
  CHECK(a.date == "2025-03-05");
  CHECK(a.lang == "en");
  CHECK(a.text == "The port reopened on Tuesday.\n\nyesterday\n\nShips\n\n42");

  Diagnostics d2;
  auto t = Parse(
      "<html><body><time datetime=\"2024-12-31T23:00:00Z\">x</time><p>Ein Text.</p>"
      "</body></html>",
      "-", d2);
  REQUIRE(t.size() == 1);
  CHECK(t[0].date == "2024-12-31T23:00:00Z");
}

TEST_CASE("reader reads JSON Lines and reports a bad line without losing the others", "[text]") {
  Diagnostics diags;
  auto articles = Read("feed.jsonl", diags);
  REQUIRE(articles.size() == 2);
  const Article& first = articles[0];
  CHECK(first.id == "feed-1");
  CHECK(first.path == kFormats + "feed.jsonl:1");
  CHECK(first.url == "https://example.org/a");
  CHECK(first.title == "Erster Artikel");
  CHECK(first.date == "2025-03-05");
  CHECK(first.outlet == "Beispielzeitung");
  CHECK(first.author == "A. Autor");
  CHECK(first.lang == "de");
  CHECK(first.text == "Die Zahl stieg auf 300. Das sagte der Sprecher.");
  CHECK(first.body_line_offset == 0);

  const Article& third = articles[1];
  CHECK(third.path == kFormats + "feed.jsonl:4");
  CHECK(third.id == "https://example.org/c");
  CHECK(third.date == "2025-03-05T10:00:00Z");
  CHECK(third.lang == "en");
  CHECK(third.text == "More than 3,000 people were evacuated, officials said.");
  CHECK(third.body_line_offset == 3);

  const auto* bad = Find(diags, "A020");
  REQUIRE(bad != nullptr);
  CHECK(bad->path == kFormats + "feed.jsonl");
  CHECK(bad->line == 2);
  CHECK(bad->col == 45);  // where the parser gave up: after reading "tru}"
  CHECK(bad->severity == Severity::kError);
  std::string shown = claimtrack::FormatDiagnostic(*bad);
  CHECK(shown.find("feed.jsonl:2:45: error[A020]") != std::string::npos);

  const auto* not_object = Find(diags, "A021");
  REQUIRE(not_object != nullptr);
  CHECK(not_object->line == 5);
  const auto* no_body = Find(diags, "A022");
  REQUIRE(no_body != nullptr);
  CHECK(no_body->line == 6);
  CHECK(diags.ErrorCount() == 3);
}

TEST_CASE("reader reads a JSON array of articles", "[text]") {
  Diagnostics diags;
  auto articles = Read("array.json", diags);
  REQUIRE(articles.size() == 2);
  CHECK(articles[0].id == "j1");
  CHECK(articles[1].text == "Second article text.");
  CHECK(articles[1].path == kFormats + "array.json#2");
  CHECK(diags.empty());
}

TEST_CASE("reader decodes before parsing and records the encoding", "[text]") {
  Diagnostics diags;
  auto cp = Read("cp1252.txt", diags);
  REQUIRE(cp.size() == 1);
  CHECK(cp[0].encoding == "windows-1252");
  CHECK(cp[0].title == "Grüße aus Österreich");
  auto le = Read("utf16le-bom.txt", diags);
  REQUIRE(le.size() == 1);
  CHECK(le[0].encoding == "utf-16le-bom");
  CHECK(le[0].title == "Kurzmeldung");
  auto nul = Read("nul-bytes.txt", diags);
  REQUIRE(nul.size() == 1);
  CHECK(nul[0].text.find('\0') == std::string::npos);
  CHECK(Find(diags, "A003") != nullptr);
  CHECK(Find(diags, "A002") != nullptr);
}

TEST_CASE("reader yields no article for an empty file, with a warning", "[text]") {
  Diagnostics diags;
  CHECK(Read("empty.txt", diags).empty());
  REQUIRE(diags.items().size() == 1);
  CHECK(diags.items()[0].code == "A001");
  CHECK(!diags.HasErrors());

  Diagnostics d2;
  CHECK(Parse("  \n\n\t\n", "blank.txt", d2).empty());
  CHECK(Find(d2, "A015") != nullptr);
}

TEST_CASE("reader reports a missing file", "[text]") {
  Diagnostics diags;
  std::vector<Article> out;
  CHECK_FALSE(
      ReadArticles(kFormats + "does-not-exist.txt", diags, [&](Article&& a) { out.push_back(a); }));
  CHECK(out.empty());
  REQUIRE(diags.items().size() == 1);
  CHECK(diags.items()[0].code == "A007");
  CHECK(diags.items()[0].severity == Severity::kError);
}

TEST_CASE("reader sniffs HTML and front matter by content", "[text]") {
  Diagnostics diags;
  auto html = Parse("<!DOCTYPE html><title>T</title><p>Ein Satz.</p>", "page.txt", diags);
  REQUIRE(html.size() == 1);
  CHECK(html[0].text == "Ein Satz.");
  CHECK(html[0].title == "T");
  auto fm = Parse("---\ntitle: X\nid: 7\n---\nBody.\n", "noext", diags);
  REQUIRE(fm.size() == 1);
  CHECK(fm[0].id == "7");
  CHECK(fm[0].text == "Body.\n");
  CHECK(fm[0].body_line_offset == 4);
  auto jl = Parse("{\"text\":\"Aus der Standardeingabe.\"}\n", "-", diags);
  REQUIRE(jl.size() == 1);
  CHECK(jl[0].path == "-:1");
  CHECK(diags.empty());
}

TEST_CASE("reader never crashes on hostile input", "[text]") {
  std::vector<std::string> inputs = {
      std::string(200000, '<'),
      "<html>" + std::string(5000, '<') + "div>",
      std::string("---\n") + std::string(10000, '[') + "\n---\nx",
      "---\na: &a [*a]\ntitle: *a\n---\nText.",
      "{\"text\": \"\\u0000abc\"}",
      std::string("\xFF\xFE", 2),
      "---\n---\n",
  };
  std::string nested;
  for (int i = 0; i < 3000; ++i) nested += "<div><article>";
  nested += "<p>tief</p>";
  inputs.push_back(nested);
  for (const char* path : {"x.html", "x.md", "x.jsonl", "x.txt", "x.json"}) {
    for (const auto& in : inputs) {
      Diagnostics diags;
      size_t n = 0;
      ParseArticles(in, path, diags, [&](Article&& a) {
        ++n;
        CHECK(a.text.find('\0') == std::string::npos);
      });
      CHECK(n <= 1);
    }
  }
}

TEST_CASE("inputs expand folders recursively, sorted, keeping article files", "[text]") {
  namespace fs = std::filesystem;
  fs::path root = fs::temp_directory_path() / "claimtrack-expand-test";
  fs::remove_all(root);
  fs::create_directories(root / "b" / "deep");
  fs::create_directories(root / ".hidden");
  for (const char* f :
       {"b/deep/z.md", "b/a.html", "c.jsonl", "a.txt", "notes.csv", ".hidden/x.md", "D.HTM"}) {
    std::ofstream(root / f) << "x";
  }
  Diagnostics diags;
  auto files = ExpandInputs({root.string(), "-", (root / "notes.csv").string()}, diags);
  std::vector<std::string> expected = {
      (root / "D.HTM").string(),       (root / "a.txt").string(),   (root / "b/a.html").string(),
      (root / "b/deep/z.md").string(), (root / "c.jsonl").string(), "-",
      (root / "notes.csv").string()};
  CHECK(files == expected);
  CHECK(diags.empty());

  Diagnostics d2;
  auto none = ExpandInputs({(root / "a.tx").string()}, d2);
  CHECK(none.empty());
  REQUIRE(d2.items().size() == 1);
  CHECK(d2.items()[0].code == "A007");
  CHECK(d2.items()[0].hint.find("a.txt") != std::string::npos);
  fs::remove_all(root);
}

TEST_CASE("inputs expand the fixture folder without non-article files", "[text]") {
  Diagnostics diags;
  auto files = ExpandInputs({kFormats.substr(0, kFormats.size() - 1)}, diags);
  CHECK(diags.empty());
  CHECK(files.size() == 15);
  CHECK(std::is_sorted(files.begin(), files.end()));
  for (const auto& f : files) {
    CHECK(f.find("notes.csv") == std::string::npos);
    CHECK(f.find(".py") == std::string::npos);
    CHECK(f.find(".gitattributes") == std::string::npos);
  }
}

TEST_CASE("a feed number beyond double is a located error that costs only its line",
          "[text][fuzz]") {
  // Found by tests/fuzz (articles-json-number-overflow): nlohmann throws out_of_range, not
  // parse_error, and the reader let it escape.
  Diagnostics d;
  auto out = Parse("{\"text\":\"a\",\"n\":1e999}\n{\"id\":\"ok\",\"text\":\"Es waren 12.\"}\n",
                   "feed.jsonl", d);
  REQUIRE(out.size() == 1);
  CHECK(out[0].id == "ok");
  const auto* e = Find(d, "A020");
  REQUIRE(e);
  CHECK(e->line == 1);
  Diagnostics d2;
  CHECK(Parse("{\"text\":\"a\",\"n\":1e999}", "one.json", d2).empty());
  CHECK(Find(d2, "A020"));
}

TEST_CASE("front matter with an unclosed quote is located at the quote", "[text]") {
  Diagnostics d;
  auto out = Parse("---\ntitle: 'abc\ndate: 2025-03-05\n---\n\nText mit 12 Soldaten.\n", "a.md", d);
  CHECK(out.empty());
  const auto* e = Find(d, "A010");
  REQUIRE(e);
  CHECK(e->line == 2);
  CHECK(e->col == 8);
  Diagnostics ok;
  CHECK(
      Parse("---\ntitle: 'a long\n  title'\ndate: 2025-03-05\n---\n\nText.\n", "b.md", ok).size() ==
      1);
}

TEST_CASE("front matter goes through the YAML module's limits, located in the file", "[text]") {
  Diagnostics d;
  CHECK(Parse("---\ntitle: &t Titel\nauthor: *t\n---\nDer Text.\n", "a.md", d).empty());
  const auto* e = Find(d, "A010");
  REQUIRE(e != nullptr);
  CHECK(e->line == 2);
  CHECK(e->col == 8);
  CHECK(e->message.find("anchors") != std::string::npos);

  Diagnostics d3;
  auto a = Parse("---\ntitle: Größe\ndate: [1, 2]\n---\nDer Text.\n", "c.md", d3);
  REQUIRE(a.size() == 1);
  CHECK(a[0].title == "Größe");
  const auto* w = Find(d3, "A013");
  REQUIRE(w != nullptr);
  CHECK(w->line == 3);
  CHECK(w->col == 7);
}
