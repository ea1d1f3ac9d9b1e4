#pragma once
// Helpers for attribution tests: build an article and one claim for a figure substring the
// way the extractor does (byte span of the figure, the sentence that contains it).

#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "claimtrack/attribute/attributor.h"
#include "claimtrack/attribute/speaker_table.h"
#include "claimtrack/model/claim.h"
#include "claimtrack/text/sentences.h"

namespace claimtrack::attribute::testing {

inline std::string SourcePath(const std::string& rel) {
  return std::string(CLAIMTRACK_SOURCE_DIR) + "/" + rel;
}

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The shipped speakers table (loaded once).
inline std::shared_ptr<const SpeakerTable> ShippedTable() {
  static std::shared_ptr<const SpeakerTable> table = [] {
    Diagnostics d;
    auto t = LoadSpeakerTable(SourcePath("rules/speakers.yaml"), d);
    if (!t) throw std::runtime_error("rules/speakers.yaml does not load:\n" + d.ToString());
    return t;
  }();
  return table;
}

// An article in `lang` with this text and date (no outlet).
inline Article MakeArticle(std::string text, std::string lang = "de", std::string date = "") {
  Article a;
  a.id = "t";
  a.text = std::move(text);
  a.lang = std::move(lang);
  a.date = std::move(date);
  return a;
}

// A German article of the outlet "Testblatt" with this text.
inline Article German(std::string text) {
  Article a;
  a.id = "t";
  a.lang = "de";
  a.outlet = "Testblatt";
  a.text = std::move(text);
  return a;
}

// Byte offset of the n-th (1-based) occurrence of `figure` in `text`; npos when missing.
inline size_t FindOccurrence(const std::string& text, const std::string& figure, int n) {
  size_t pos = std::string::npos;
  size_t from = 0;
  for (int i = 0; i < n; ++i) {
    pos = text.find(figure, from);
    if (pos == std::string::npos) return pos;
    from = pos + 1;
  }
  return pos;
}

// A claim for the figure at byte `begin`, with sentence index/span as the extractor sets them.
inline Claim MakeClaim(const Article& a, const std::vector<Sentence>& sentences, size_t begin,
                       size_t len) {
  Claim c;
  c.article_id = a.id;
  c.quantity.span = Span{begin, begin + len};
  c.quantity.text = a.text.substr(begin, len);
  c.sentence_index = -1;
  for (const auto& s : sentences) {
    if (s.span.begin <= begin && begin < s.span.end) {
      c.sentence_index = s.index;
      c.sentence_span = s.span;
      c.sentence = a.text.substr(s.span.begin, s.span.size());
    }
  }
  return c;
}

// Attributes the n-th occurrence of `figure`.
inline Attribution AttributeFigure(const Attributor& attributor, const Article& a,
                                   const std::string& figure, int occurrence = 1) {
  auto sentences = text::SplitSentences(a.text, a.lang);
  size_t pos = FindOccurrence(a.text, figure, occurrence);
  if (pos == std::string::npos) throw std::runtime_error("figure not in text: " + figure);
  std::vector<Claim> claims{MakeClaim(a, sentences, pos, figure.size())};
  attributor.Attribute(a, sentences, claims);
  return claims[0].attribution;
}

}  // namespace claimtrack::attribute::testing
