// Fuzzes the article readers (text/article_reader.h) and, on every article they produce,
// the sentence splitter that runs next in the pipeline (text/sentences.h).
// Input: byte 0 picks the name the content is read under (and so the format):
//   0 fuzz.txt (plain, or sniffed front matter/HTML)   3 fuzz.jsonl (JSON Lines feed)
//   1 fuzz.md (front matter)                           4 fuzz.json (object/array)
//   2 fuzz.html (libgumbo)                             5 "-" (stdin sniffing)
// (byte 0 modulo 6); the rest is the file's bytes. Checks model/claim.h's contract for
// Article::text (valid UTF-8, NFC, NUL-free, not blank) and Sentence spans.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "claimtrack/base/diagnostic.h"
#include "claimtrack/base/utf8.h"
#include "claimtrack/model/claim.h"
#include "claimtrack/text/article_reader.h"
#include "claimtrack/text/decode.h"
#include "claimtrack/text/sentences.h"
#include "fuzz_check.h"

namespace {

const char* const kPaths[] = {"fuzz.txt", "fuzz.md", "fuzz.html", "fuzz.jsonl", "fuzz.json", "-"};

bool IsDigits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return !s.empty();
}

void CheckArticle(const claimtrack::Article& a) {
  using claimtrack::IsValidUtf8;
  FUZZ_CHECK(IsValidUtf8(a.text), "Article::text is valid UTF-8");
  FUZZ_CHECK(a.text.find('\0') == std::string::npos, "Article::text is NUL-free");
  FUZZ_CHECK(a.text.find_first_not_of(" \t\r\n") != std::string::npos,
             "an article without text is skipped, not emitted");
  FUZZ_CHECK(claimtrack::text::ToNfc(a.text) == a.text, "Article::text is NFC");
  FUZZ_CHECK(!a.id.empty(), "every article has an id");
  FUZZ_CHECK(a.content_hash.size() == 64, "content hash is hex SHA-256");
  FUZZ_CHECK(a.date.empty() || (a.date.size() >= 10 && IsDigits(a.date.substr(0, 4)) &&
                                a.date[4] == '-' && a.date[7] == '-'),
             "date is empty or ISO 8601");
  FUZZ_CHECK(a.lang.empty() || IsValidUtf8(a.lang), "lang is text");
  auto sentences = claimtrack::text::SplitSentences(a.text, a.lang);
  size_t prev_end = 0;
  for (const auto& s : sentences) {
    FUZZ_CHECK(s.span.begin <= s.span.end && s.span.end <= a.text.size(),
               "sentence span lies inside the text");
    FUZZ_CHECK(s.span.begin >= prev_end, "sentences are ordered and do not overlap");
    FUZZ_CHECK(IsValidUtf8(std::string_view(a.text).substr(s.span.begin, s.span.size())),
               "a sentence span does not cut a UTF-8 sequence");
    prev_end = s.span.end;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string path = kPaths[data[0] % 6];
  std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  claimtrack::Diagnostics diags;
  size_t count = 0;
  claimtrack::text::ParseArticles(bytes, path, diags, [&](claimtrack::Article&& a) {
    CheckArticle(a);
    ++count;
  });
  (void)diags.ToString();
  return 0;
}
