#pragma once
// Internal to analyze/: the categories of cues in the compiled keys.yaml lexicon.

#include <cstdint>

namespace claimtrack::analyze::internal {

enum CueKind : uint32_t {
  kCueConcept = 1,  // id = concept index
  kCueTag = 2,      // id = context dimension index, value = value index
  kCueEarlier = 3,  // a reported earlier statement
  kCueEvent = 4,    // id = event index
};

}  // namespace claimtrack::analyze::internal

#include <string>
#include <unordered_map>
#include <vector>

#include "claimtrack/analyze/claim_key.h"
#include "claimtrack/analyze/lexicon.h"

namespace claimtrack::analyze::internal {

// What the analysis needs besides the key, computed in the same pass over the sentence.
struct KeyExtras {
  uint64_t skeleton = 0;  // hash of the sentence's words outside the figure, in order
  uint64_t verbatim = 0;  // hash of the sentence with runs of white space collapsed
  size_t fig_begin = std::string::npos;  // figure's byte range in the sentence
  size_t fig_end = std::string::npos;
  uint32_t fig_ordinal = 0;  // number tokens before the figure ("from 75% to {n}" -> 1)
  uint64_t coarse = 0;       // hash of family/unit/period: what a reported earlier figure
                             // ("Zu Wochenbeginn war sie von 1,2 Mrd. ausgegangen") acknowledges
  // Soft tags, events and years as numbers: (dimension << 32 | value), sorted, where the
  // dimension is the index in KeyConfigData::context, kEventDim or kYearDim.
  std::vector<uint64_t> soft;
};

constexpr uint32_t kEventDim = 0xFFFF0001u;
constexpr uint32_t kYearDim = 0xFFFF0002u;

// Reusable buffers for BuildKey (one per thread), and a cache of unit lemmas, subjects and
// bases already looked up (a small vocabulary, met again and again).
struct KeyScratch {
  std::string sentence;  // the sentence `text` and `sentence_matches` belong to
  bool sentence_valid = false;
  TokenizedText text;
  std::vector<CueMatch> sentence_matches;  // plain cues of the whole sentence
  std::vector<CueMatch> matches;           // those outside the figure, and the {n} cues
  std::vector<CueRef> refs;
  struct Phrase {
    const ConceptSpec* concept_spec = nullptr;
    std::string key_word;  // the phrase as a key part when no concept names it
  };
  std::unordered_map<std::string, Phrase> phrases;
};

// Hash of a sentence with runs of white space collapsed (KeyExtras::verbatim).
uint64_t VerbatimHash(std::string_view sentence);

// Builds the key of `record` into `k`, reusing k's buffers (so a loop over many claims does
// not allocate for every one). Fills `extras`.
void BuildKey(const ClaimRecord& record, const KeyConfig& config, KeyScratch& scratch,
              KeyExtras& extras, ClaimKey& k);

// The content words of a sentence outside its figure (lower-cased, no stop words, no words
// shorter than 3 bytes), as sorted unique 32-bit hashes: what sentence similarity compares.
void ContentWords(std::string_view sentence, size_t fig_begin, size_t fig_end,
                  const KeyConfig& config, TokenizedText& scratch, std::vector<uint32_t>* out);
// The same, also leaving out the words of `name` (the speaker: who said it is not what
// was said).
void ContentWords(std::string_view sentence, size_t fig_begin, size_t fig_end,
                  std::string_view name, const KeyConfig& config, TokenizedText& scratch,
                  std::vector<uint32_t>* out);

// A speaker's display name: the name, else the id without its "name:"/"narrator:" prefix,
// "unknown speaker" when there is none.
std::string SpeakerNameOf(const ClaimRecord& r);

// Jaccard similarity of two sorted unique word sets (0 when both are empty).
double Jaccard(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b);

}  // namespace claimtrack::analyze::internal
