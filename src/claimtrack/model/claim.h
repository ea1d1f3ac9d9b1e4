#pragma once
// Articles, sentences and claims: the small value types the stages exchange.
// All spans are byte offsets into Article::text (the decoded, NFC, UTF-8 body).

#include <cstdint>
#include <string>
#include <vector>

#include "claimtrack/model/quantity.h"

namespace claimtrack {

struct Article {
  std::string id;    // from metadata id, else url, else path
  std::string path;  // file it came from ("-" for stdin; "file.jsonl:12" for feed lines)
  std::string url;
  std::string title;
  std::string date;  // ISO 8601 (YYYY-MM-DD or full timestamp); empty = unknown
  std::string outlet;
  std::string author;
  std::string lang;             // "de", "en", or "" when unknown
  std::string encoding;         // how the bytes were decoded: "utf-8", "utf-8-bom", "windows-1252"
  std::string text;             // the body: valid UTF-8, NFC, NUL-free
  std::string content_hash;     // hex SHA-256 of text (+ title), decides whether it changed
  size_t body_line_offset = 0;  // 0-based line of the body's first line in the source file
};

struct Sentence {
  Span span;          // into Article::text
  int paragraph = 0;  // 0-based paragraph index
  int index = 0;      // 0-based sentence index within the article
};

// How a claim's speaker was found. Strings of ToString() are the output contract.
enum class AttributionMethod {
  kNone,       // no speaker: speaker_id "unknown"
  kQuote,      // inside a direct quote with a reporting clause
  kReported,   // reported speech / according to X in the same sentence
  kCarryover,  // pronoun, role or nearby-paragraph carry-over to an earlier named speaker
  kNarrator,   // the article itself states the figure (author/outlet)
};
std::string_view ToString(AttributionMethod m);
bool ParseAttributionMethod(std::string_view s, AttributionMethod* out);

struct Attribution {
  std::string speaker_id = "unknown";  // canonical id from speakers.yaml, "unknown", or
                                       // "name:<Name as written>" for a name not in the table
  std::string speaker_name;            // display name ("Mark Rutte"), empty when unknown
  std::string speaker_kind;            // "person" | "organisation" | "" (unknown)
  AttributionMethod method = AttributionMethod::kNone;
  double confidence = 0.0;  // 0..1
  Span cue;                 // bytes of the cue ("sagte Rutte", "laut ihm"); empty if none
  std::string evidence;     // the cue text, for people reading the claim
};

struct Claim {
  std::string article_id;
  std::string path;
  int sentence_index = 0;
  Span sentence_span;    // into Article::text
  std::string sentence;  // the sentence text (copy, for output)
  std::string claim_type;
  std::string rule_id;
  std::string lang;
  std::string subject;  // the rule's `subject` group or fixed subject, if any
  Quantity quantity;    // quantity.span is into Article::text
  Attribution attribution;
  bool review = false;  // the rule asks for a person to review it (`review: true`)
};

}  // namespace claimtrack
