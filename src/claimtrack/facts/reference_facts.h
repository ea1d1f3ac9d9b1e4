#pragma once
// Reference facts: figures the desk knows from a source it trusts (a statistics office, an
// official budget line, an agency's count), kept as tables in YAML or CSV files under one
// folder, so that `claimtrack review suggest` can hold stored claims against them. A fact
// names the key it is about in the vocabulary of `check` (rules/keys.yaml: family, concept,
// unit, period, base, context tags, events, years; analyze/claim_key.h), so that it meets
// exactly the claims `check` would compare with each other. Format and codes F001-F024:
// docs/review.md and docs/error-codes.md.
//
// Loading validates everything against the key vocabulary and reports every problem at
// path:line:col with a code, like rule files; a fact that is returned is valid. Pure values;
// thread-compatible.

#include <optional>
#include <string>
#include <vector>

#include "claimtrack/analyze/interval.h"
#include "claimtrack/analyze/key_config.h"
#include "claimtrack/base/diagnostic.h"

namespace claimtrack::facts {

// What a fact is about: the parts of analyze::ClaimKey a person can state.
struct FactKey {
  std::string family;                  // "troops" (a claim type is resolved to its family)
  std::string concept_id;              // "soldier": a concept of keys.yaml, or a key word
  std::string unit;                    // currency ("EUR"), "%", "pp"; "" for counts
  std::string period;                  // "month"; "" for none
  std::string base;                    // concept of a share's base; "" for none
  std::vector<std::string> hard_tags;  // "loss=losses", sorted (keys.yaml: match hard)
  std::vector<std::string> soft_tags;  // "side=russian", sorted
  std::vector<std::string> events;     // sorted
  std::vector<int> years;              // sorted

  // The group part as analyze::ClaimKey::group spells it ("troops/soldier/month
  // loss=losses"), and the full key with soft tags, events and years (ClaimKey::ToString).
  std::string Group() const;
  std::string ToString() const;
};

struct ReferenceFact {
  std::string id;      // unique across the folder
  std::string source;  // http(s) URL of the evidence
  std::string date;    // YYYY-MM-DD: when the figure was published or is valid
  FactKey key;
  std::optional<double> value;      // a point figure, or
  std::optional<double> low, high;  // a range (both ends)
  double tolerance = 0;             // relative half-width around the figure (0.05 = 5 %)
  std::string note;
  std::string valid_from, valid_until;  // claims dated outside are not compared; "" = open
  std::string path;                     // where it is defined
  int line = 0;

  // The values the reference allows: [v(1-t), v(1+t)], or [low(1-t), high(1+t)].
  analyze::Interval Allowed() const;
  // The middle of what the reference says (the value, else the middle of the range).
  double Central() const;
};

// Parses one YAML file's text:
//   version: 1
//   facts:
//     - id: ..., source: ..., date: ..., key: {family: ..., concept: ...}, value: ...,
//       tolerance: 5%, note: ...
std::vector<ReferenceFact> ParseFactsYaml(std::string_view text, const std::string& path,
                                          const analyze::KeyConfig& keys, Diagnostics& diags);
// Parses one CSV file's text: a header row naming the columns (id, source, date, family or
// claim_type, concept, unit, period, base, tags, events, years, value, low, high, tolerance,
// note, valid_from, valid_until), then one fact per row. Lists in a cell are separated by
// spaces ("loss=losses side=russian").
std::vector<ReferenceFact> ParseFactsCsv(std::string_view text, const std::string& path,
                                         const analyze::KeyConfig& keys, Diagnostics& diags);
// Every *.yaml, *.yml and *.csv file under `dir` (recursively, hidden entries skipped, in
// path order), or the one file `dir` names. Ids must be unique across all of them (F012).
// A missing folder is F001; a folder without fact files a warning (F024).
std::vector<ReferenceFact> LoadFacts(const std::string& dir, const analyze::KeyConfig& keys,
                                     Diagnostics& diags);

// Days since 1970-01-01 of a real calendar date "YYYY-MM-DD" (a time after it is ignored);
// nullopt when `iso` does not start with one.
std::optional<int> DayOf(std::string_view iso);

}  // namespace claimtrack::facts
