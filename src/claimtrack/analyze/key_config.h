#pragma once
// keys.yaml: what claimtrack compares with what. A claim key is the claim type's family, the
// concept counted or measured (language-independent: "Soldaten", "troops" -> soldier), the
// unit or currency, the period, the base of a share, and context tags read from the sentence
// (whose losses, cumulative or current, pledge or spent, level or change), plus the event
// (places and named events in the sentence) and the years it names. The file also holds the
// per-claim-type tolerances and comparison windows, and examples that must keep producing
// the keys they state. Format and codes (K0xx): docs/findings.md.
//
// Loading validates everything and reports every problem at path:line:col with a code; a
// KeyConfig that exists is valid, immutable, and safe to share across threads.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "claimtrack/base/diagnostic.h"

namespace claimtrack::analyze {

namespace internal {
class Lexicon;
}

// A word or cue phrase as written in the file (syntax: lexicon.h / docs/findings.md), with its
// position for diagnostics (0 = built in code).
struct Cue {
  std::string text;
  int line = 0;
  int col = 0;
};

struct ConceptSpec {
  std::string id;            // "soldier", "death", "damage"
  std::vector<Cue> words;    // unit lemmas and nouns in German and English
  bool cumulative = false;   // a count that only grows while an event goes on (deaths so far)
  bool in_sentence = false;  // may be read from the sentence words (money, percentages)
  bool vague = false;        // says too little to compare without the same sentence ("Menschen")
  int line = 0;
};

// How a context dimension takes part in a key.
//   hard: the value is part of the group key; claims with different values (or one with a
//         value and one without) are never compared.            (loss, role, stage)
//   soft: claims are compared unless both have values and they share none.   (side, measure)
enum class TagMatch { kHard, kSoft };

struct TagValueSpec {
  std::string id;  // "russian"
  std::vector<Cue> cues;
  bool cumulative = false;      // this value makes a count cumulative ("seit Kriegsbeginn")
  bool not_cumulative = false;  // this value makes a count a current level ("derzeit")
  int line = 0;
};

struct TagDimensionSpec {
  std::string id;  // "side"
  TagMatch match = TagMatch::kSoft;
  std::vector<std::string> families;  // families it applies to; empty = all
  std::vector<TagValueSpec> values;
  int line = 0;
};

struct ClaimTypeSpec {
  std::string id;                   // claim_type of the rules ("troop_losses")
  std::string family;               // what it is compared with ("troops"); default: the id
  bool analyse = true;              // false: claims of this type are never compared ("other")
  std::optional<double> tolerance;  // relative half-width of a hedge; default: defaults
  std::optional<int> window_days;   // dated claims further apart are not compared
  bool cumulative = false;          // counts of this type only grow (deaths so far)
  std::vector<std::pair<std::string, std::string>> tags;  // implied tags: {loss, losses}
  int line = 0;
};

struct EventSpec {
  std::string id;  // "ukraine", "murtal"
  std::vector<Cue> words;
  int line = 0;
};

// An example: a sentence with a figure and the key it must produce.
struct KeyExample {
  std::string sentence;
  std::string figure;  // the figure as written in the sentence (located by search)
  std::string claim_type;
  std::string kind;  // QuantityKind name; default "count"
  std::string unit;  // unit lemma / currency / "%" as the normalizer gives it
  std::string subject;
  std::string base;
  std::string period;     // Period name; default none
  std::string qualifier;  // Qualifier name; default none
  double value = 1;       // the figure's value (only matters for checks of the value)
  std::string key;        // expected ClaimKey::ToString()
  int line = 0;
  int col = 0;
};

struct KeyConfigData {
  std::string path;  // where it was loaded from ("" when built in code)
  int version = 1;
  double tolerance = 0.10;         // default relative half-width of "rund", "about", "nearly"
  int window_days = 30;            // default comparison window for dated claims
  int timeline_window_days = 730;  // how far back a cumulative count is checked for a drop
  std::vector<ClaimTypeSpec> claim_types;
  std::vector<ConceptSpec> concepts;
  std::vector<TagDimensionSpec> context;
  std::vector<Cue> reported_earlier;  // cues of a figure reported as an earlier statement
  std::vector<EventSpec> events;
  std::vector<std::string> stopwords;  // ignored when sentences are compared word by word
  std::vector<KeyExample> examples;
};

// The compiled configuration. Cheap to copy (shared, immutable); thread-safe.
class KeyConfig {
 public:
  // Compiles `data`. Precondition: data is valid (every cue passes CheckCue, ids unique), as
  // the loader guarantees; invalid cues are skipped.
  explicit KeyConfig(KeyConfigData data);

  const KeyConfigData& data() const;
  // The spec of a claim type, or null when keys.yaml does not list it (then it is analysed
  // with family = its own name and the defaults).
  const ClaimTypeSpec* FindClaimType(std::string_view claim_type) const;
  double ToleranceFor(std::string_view claim_type) const;
  int WindowDaysFor(std::string_view claim_type) const;

  // Internal to analyze/.
  const internal::Lexicon& lexicon() const;
  bool IsStopword(std::string_view lower_word) const;

 private:
  struct Impl;
  std::shared_ptr<const Impl> impl_;
};

// "" when `cue` is a valid cue phrase, else the reason.
std::string CheckCue(std::string_view cue);

// Parses keys.yaml text. Every problem goes to `diags` at `path`:line:col (codes K001-K031,
// docs/findings.md); returns nullopt when there is any error. Examples are checked for shape
// here and run by RunKeyExamples.
std::optional<KeyConfig> ParseKeyConfig(std::string_view yaml, const std::string& path,
                                        Diagnostics& diags);
// Reads and parses a file (K001 when it cannot be read).
std::optional<KeyConfig> LoadKeyConfig(const std::string& path, Diagnostics& diags);

// Runs the file's examples: builds each example's key and compares it with the expected one.
// Each failure is error K030 at the example. Returns the number of examples run.
size_t RunKeyExamples(const KeyConfig& config, Diagnostics& diags);

}  // namespace claimtrack::analyze
