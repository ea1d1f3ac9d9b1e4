#pragma once
// Helpers shared by the store tests: temporary databases and hand-made articles/claims.

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "claimtrack/model/claim.h"
#include "claimtrack/store/store.h"

namespace claimtrack::store::testing {

// A fresh directory under the system temp dir, removed with everything in it at scope end.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    path_ =
        std::filesystem::temp_directory_path() /
        ("claimtrack-store-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string File(const std::string& name) const { return (path_ / name).string(); }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

inline Article MakeArticle(const std::string& id, const std::string& text,
                           const std::string& date = "2024-03-01", const std::string& lang = "de") {
  Article a;
  a.id = id;
  a.path = id + ".md";
  a.url = "https://example.org/" + id;
  a.title = "Title of " + id;
  a.date = date;
  a.outlet = "Example Zeitung";
  a.author = "A. Autor";
  a.lang = lang;
  a.encoding = "utf-8";
  a.text = text;
  a.content_hash = "hash:" + std::to_string(std::hash<std::string>{}(a.title + text));
  return a;
}

// A claim for `figure` inside the sentence `sentence` of `article` (both found by text
// search; `occurrence` picks the n-th occurrence of the sentence, 0-based).
inline Claim MakeClaim(const Article& article, const std::string& sentence,
                       const std::string& figure, double value,
                       const std::string& speaker_id = "unknown",
                       const std::string& speaker_name = "", int occurrence = 0,
                       const std::string& rule_id = "de.count.people") {
  size_t s = article.text.find(sentence);
  for (int i = 0; i < occurrence && s != std::string::npos; ++i) {
    s = article.text.find(sentence, s + 1);
  }
  if (s == std::string::npos) throw std::logic_error("sentence not in article: " + sentence);
  size_t f = article.text.find(figure, s);
  if (f == std::string::npos || f + figure.size() > s + sentence.size()) {
    throw std::logic_error("figure not in sentence: " + figure);
  }
  Claim c;
  c.article_id = article.id;
  c.path = article.path;
  c.sentence_index = 0;
  for (size_t i = 0; i < s; ++i) c.sentence_index += article.text[i] == '.' ? 1 : 0;
  c.sentence_span = Span{s, s + sentence.size()};
  c.sentence = sentence;
  c.claim_type = "count";
  c.rule_id = rule_id;
  c.lang = article.lang;
  c.subject = "people";
  c.quantity.kind = QuantityKind::kCount;
  c.quantity.value = value;
  c.quantity.unit = "Person";
  c.quantity.span = Span{f, f + figure.size()};
  c.quantity.text = figure;
  c.attribution.speaker_id = speaker_id;
  c.attribution.speaker_name = speaker_name;
  c.attribution.speaker_kind = speaker_id == "unknown" ? "" : "person";
  c.attribution.method =
      speaker_id == "unknown" ? AttributionMethod::kNone : AttributionMethod::kReported;
  c.attribution.confidence = speaker_id == "unknown" ? 0.0 : 0.8;
  c.attribution.evidence = speaker_name.empty() ? "" : "sagte " + speaker_name;
  return c;
}

}  // namespace claimtrack::store::testing
