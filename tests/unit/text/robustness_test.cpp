// Random and adversarial bytes through decode, readers and the sentence splitter: no crash,
// valid UTF-8 out, spans inside the text, ordered and non-overlapping.

#include <catch2/catch.hpp>
#include <cstdint>
#include <string>

#include "claimtrack/base/utf8.h"
#include "claimtrack/text/article_reader.h"
#include "claimtrack/text/decode.h"
#include "claimtrack/text/sentences.h"

using claimtrack::Article;
using claimtrack::Diagnostics;

namespace {

// Small deterministic generator (xorshift) so failures reproduce.
struct Rng {
  uint64_t state;
  uint64_t Next() {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
  }
};

std::string RandomInput(Rng& rng) {
  static const std::string kPieces[] = {".",
                                        ". ",
                                        "\n",
                                        "\n\n",
                                        "\r\n",
                                        std::string(1, '\0'),
                                        "„",
                                        "“",
                                        "\"",
                                        "»",
                                        "«",
                                        "…",
                                        "...",
                                        "?!",
                                        "z. B.",
                                        "Dr.",
                                        "u. a.",
                                        "20.",
                                        " Die ",
                                        " der ",
                                        "<p>",
                                        "</p>",
                                        "<script>",
                                        "---\n",
                                        "{",
                                        "}",
                                        ":",
                                        "title: x\n",
                                        "\xE4",
                                        "\xFF",
                                        "\xEF\xBB\xBF",
                                        "\xC3",
                                        "\xE2\x80",
                                        "ü",
                                        "A",
                                        "b",
                                        " ",
                                        "\t",
                                        "\xC2\xA0",
                                        "U.S.",
                                        "3.5",
                                        "&amp;"};
  std::string s;
  size_t n = rng.Next() % 80;
  for (size_t i = 0; i < n; ++i) s += kPieces[rng.Next() % std::size(kPieces)];
  return s;
}

void CheckSentences(const std::string& text) {
  auto sentences = claimtrack::text::SplitSentences(text, "");
  size_t last_end = 0;
  for (const auto& s : sentences) {
    REQUIRE(s.span.begin < s.span.end);
    REQUIRE(s.span.end <= text.size());
    REQUIRE(s.span.begin >= last_end);
    last_end = s.span.end;
  }
}

}  // namespace

TEST_CASE("random input never breaks decoding, reading or splitting", "[text]") {
  Rng rng{0x9E3779B97F4A7C15ULL};
  for (int round = 0; round < 1500; ++round) {
    std::string input = RandomInput(rng);
    Diagnostics diags;
    auto decoded = claimtrack::text::DecodeBytes(input, "r.txt", diags);
    REQUIRE(claimtrack::IsValidUtf8(decoded.text));
    REQUIRE(decoded.text.find('\0') == std::string::npos);
    REQUIRE(decoded.text.find('\r') == std::string::npos);
    CheckSentences(decoded.text);
    for (const char* path : {"r.md", "r.html", "r.jsonl", "r.json", "-"}) {
      Diagnostics d;
      claimtrack::text::ParseArticles(input, path, d, [&](Article&& a) {
        REQUIRE(claimtrack::IsValidUtf8(a.text));
        REQUIRE(a.text.find('\0') == std::string::npos);
        REQUIRE(!a.id.empty());
        CheckSentences(a.text);
      });
    }
  }
}
