// Decoding: BOMs, UTF-8, Windows-1252 fallback, mixed files, NUL, line ends, NFC, limits.

#include "claimtrack/text/decode.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <iterator>
#include <string>

using claimtrack::Diagnostics;
using claimtrack::Severity;
using claimtrack::text::DecodeBytes;
using claimtrack::text::Decoded;
using claimtrack::text::ToNfc;

namespace {

std::string Fixture(const std::string& name) {
  std::ifstream in(std::string(CLAIMTRACK_SOURCE_DIR) + "/tests/data/formats/" + name,
                   std::ios::binary);
  REQUIRE(in);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

const claimtrack::Diagnostic* Find(const Diagnostics& d, const std::string& code) {
  for (const auto& item : d.items()) {
    if (item.code == code) return &item;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("decode passes valid UTF-8 through unchanged", "[text]") {
  Diagnostics diags;
  Decoded d = DecodeBytes("Grüße, 20.000 Soldaten – „so“ €\n", "a.txt", diags);
  CHECK(d.encoding == "utf-8");
  CHECK(d.text == "Grüße, 20.000 Soldaten – „so“ €\n");
  CHECK(diags.empty());
}

TEST_CASE("decode reads a Windows-1252 file and warns once", "[text]") {
  Diagnostics diags;
  Decoded d = DecodeBytes(Fixture("cp1252.txt"), "cp1252.txt", diags);
  CHECK(d.encoding == "windows-1252");
  CHECK(d.text.find("Grüße aus Österreich") == 0);
  CHECK(d.text.find("500 Mio. € an.") != std::string::npos);
  CHECK(d.text.find("„Das reicht nicht“, sagte ein Sprecher – die Kosten seien höher.") !=
        std::string::npos);
  REQUIRE(diags.items().size() == 1);
  const auto& w = diags.items()[0];
  CHECK(w.code == "A003");
  CHECK(w.severity == Severity::kWarning);
  CHECK(w.line == 1);
  CHECK(w.col == 3);  // "Gr" then the 0xFC byte
  CHECK(w.source_line == "Grüße aus Österreich");
}

TEST_CASE("decode maps all 32 Windows-1252 bytes 0x80 to 0x9F", "[text]") {
  std::string bytes;
  for (int b = 0x80; b <= 0x9F; ++b) bytes += static_cast<char>(b);
  Diagnostics diags;
  Decoded d = DecodeBytes(bytes, "x.txt", diags);
  CHECK(d.encoding == "windows-1252");
  CHECK(d.text == "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ");
  // Latin-1 upper half is identity.
  Diagnostics d2;
  CHECK(DecodeBytes("caf\xE9 \xA0\xFF", "y.txt", d2).text == "café \u00A0ÿ");
}

TEST_CASE("decode keeps mostly-UTF-8 files as UTF-8 and reads stray bytes as Windows-1252",
          "[text]") {
  Diagnostics diags;
  Decoded d = DecodeBytes(Fixture("mixed.txt"), "mixed.txt", diags);
  CHECK(d.encoding == "utf-8+windows-1252");
  CHECK(d.text == "Grüße und Küsse\nDas ist Käse mit Gemüse.\n");
  const auto* w = Find(diags, "A004");
  REQUIRE(w != nullptr);
  CHECK(w->line == 2);
  CHECK(w->col == 10);
  CHECK(w->source_line == "Das ist Käse mit Gemüse.");
}

TEST_CASE("decode understands byte order marks", "[text]") {
  Diagnostics diags;
  Decoded bom8 = DecodeBytes(Fixture("utf8-bom.txt"), "b.txt", diags);
  CHECK(bom8.encoding == "utf-8-bom");
  CHECK(bom8.text.rfind("Übersicht\n\nDie Inflation", 0) == 0);

  Decoded le = DecodeBytes(Fixture("utf16le-bom.txt"), "le.txt", diags);
  CHECK(le.encoding == "utf-16le-bom");
  CHECK(le.text ==
        "Kurzmeldung\n\nDie Zahl der Geflüchteten stieg auf 12.000, sagte die Ministerin.\n");

  Decoded be = DecodeBytes(Fixture("utf16be-bom.txt"), "be.txt", diags);
  CHECK(be.encoding == "utf-16be-bom");
  CHECK(be.text == "Hallo Wörld\n");
  CHECK(diags.empty());
}

TEST_CASE("decode handles UTF-16 surrogates, broken units and missing BOMs", "[text]") {
  Diagnostics diags;
  // U+1F600 as a surrogate pair, then a lone high surrogate, then an odd trailing byte.
  std::string bytes = std::string("\xFF\xFE", 2) + std::string("A\0\x3D\xD8\x00\xDE", 6) +
                      std::string(
                          "\x3D\xD8"
                          "B\0",
                          4) +
                      "C";
  Decoded d = DecodeBytes(bytes, "s.txt", diags);
  CHECK(d.text == "A\U0001F600\uFFFDB\uFFFD");
  const auto* w = Find(diags, "A005");
  REQUIRE(w != nullptr);
  CHECK(w->col == 3);

  Diagnostics d2;
  std::string no_bom;
  for (char c : std::string("Ohne BOM geschrieben.\n")) {
    no_bom += c;
    no_bom += '\0';
  }
  Decoded nb = DecodeBytes(no_bom, "nb.txt", d2);
  CHECK(nb.encoding == "utf-16le");
  CHECK(nb.text == "Ohne BOM geschrieben.\n");
  CHECK(Find(d2, "A006") != nullptr);
}

TEST_CASE("decode replaces invalid bytes after a UTF-8 BOM", "[text]") {
  Diagnostics diags;
  Decoded d = DecodeBytes("\xEF\xBB\xBFok\n\xFFx", "bad.txt", diags);
  CHECK(d.encoding == "utf-8-bom");
  CHECK(d.text == "ok\n\uFFFDx");
  const auto* w = Find(diags, "A005");
  REQUIRE(w != nullptr);
  CHECK(w->line == 2);
  CHECK(w->col == 1);
}

TEST_CASE("decode removes NUL bytes and folds CRLF with a located warning", "[text]") {
  Diagnostics diags;
  Decoded d = DecodeBytes(Fixture("nul-bytes.txt"), "nul.txt", diags);
  CHECK(d.text == "Titel mit NUL\n\nDer Bericht nennt 120 Tote.\nMehr als 40 Verletzte.\n");
  const auto* w = Find(diags, "A002");
  REQUIRE(w != nullptr);
  CHECK(w->line == 3);
  CHECK(w->col == 4);
  CHECK(w->message.find("3 NUL") != std::string::npos);
}

TEST_CASE("decode turns lone CR and CRLF into LF", "[text]") {
  Diagnostics diags;
  CHECK(DecodeBytes("a\rb\r\nc\n\rd", "cr.txt", diags).text == "a\nb\nc\n\nd");
  CHECK(diags.empty());
}

TEST_CASE("decode normalises to NFC", "[text]") {
  Diagnostics diags;
  // "Mu" + U+0308 + "nchen" (decomposed) becomes "München" (composed).
  CHECK(DecodeBytes("Mu\xCC\x88nchen", "n.txt", diags).text == "München");
  CHECK(ToNfc("A\xCC\x8A") == "\xC3\x85");
  CHECK(ToNfc("plain ascii") == "plain ascii");
}

TEST_CASE("decode warns about an empty file", "[text]") {
  Diagnostics diags;
  Decoded d = DecodeBytes(Fixture("empty.txt"), "empty.txt", diags);
  CHECK(d.text.empty());
  REQUIRE(diags.items().size() == 1);
  CHECK(diags.items()[0].code == "A001");
  CHECK(diags.items()[0].severity == Severity::kWarning);
}

// A quadratic decoder would not finish within ctest's timeout; speed itself is measured by
// tests/bench, not here.
TEST_CASE("decode handles a 10 MB single line", "[text]") {
  std::string line(10 * 1024 * 1024, 'a');
  for (size_t i = 0; i < line.size(); i += 1000) line[i] = ' ';
  Diagnostics diags;
  Decoded d = DecodeBytes(line, "huge.txt", diags);
  CHECK(d.text.size() == line.size());

  // The same with umlauts (NFC path) and a stray byte near the end (fallback path).
  std::string umlauts;
  while (umlauts.size() < 10 * 1024 * 1024) umlauts += "Grüße ";
  umlauts += "\xE4";
  Diagnostics d2;
  Decoded u = DecodeBytes(umlauts, "huge2.txt", d2);
  CHECK(u.encoding == "utf-8+windows-1252");
  REQUIRE(!d2.empty());
  CHECK(d2.items()[0].source_line.empty());  // too long to show
}
