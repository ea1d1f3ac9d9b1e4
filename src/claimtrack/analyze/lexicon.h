#pragma once
// Internal to analyze/: the word and cue matcher behind claim keys. keys.yaml lists words and
// cue phrases ("Soldaten", "russisch*", "*hilfe", "seit Kriegsbeginn", "hatte ... noch",
// "um {n}"); they are compiled once into hash indexes and matched token by token, so a
// sentence costs a few hash probes per word whatever the size of the vocabulary.
//
// Cue syntax (one phrase = words separated by spaces, matched case-insensitively):
//   word      the token itself                  "Soldaten"
//   word*     a token starting with word        "russisch*"  (russische, russischen, ...)
//   *word     a token ending with word          "*hilfe"     (Militärhilfe, Finanzhilfe)
//   ...       zero to six tokens of any kind    "hatte ... noch"
//   {n}       the figure itself (its tokens)    "um {n}", "rose by {n}", "{n} mehr"
// Tokens are runs of letters or of digits ("20.000" is one token); hyphens and apostrophes
// separate tokens ("NATO-Staaten" -> nato, staaten).

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace claimtrack::analyze::internal {

struct Token {
  uint32_t begin = 0;  // byte offsets into the text (same in the lower-cased copy)
  uint32_t end = 0;
  bool digits = false;  // a number token ("2027", "20.000")
};

// A text split into tokens, with a lower-cased copy of the same byte length (ASCII and
// Latin-1 letters are folded; other bytes are kept).
class TokenizedText {
 public:
  void Reset(std::string_view text);
  std::string_view Word(size_t i) const {
    return {lower_.data() + tokens_[i].begin, tokens_[i].end - tokens_[i].begin};
  }
  const std::vector<Token>& tokens() const { return tokens_; }
  std::string_view text() const { return text_; }
  // Index range [first, last) of the tokens inside the byte range [begin, end).
  std::pair<size_t, size_t> TokensIn(size_t begin, size_t end) const;

 private:
  std::string_view text_;
  std::string lower_;
  std::vector<Token> tokens_;
};

// What a cue stands for; interpreted by the key builder.
struct CueRef {
  uint32_t kind = 0;   // caller-defined category (concept, tag value, event, ...)
  uint32_t id = 0;     // caller-defined index
  uint32_t value = 0;  // caller-defined second index
};

struct CueMatch {
  CueRef ref;
  uint32_t first = 0;  // token index of the first matched token
  uint32_t last = 0;   // token index of the last matched token (inclusive)
};

class Lexicon {
 public:
  // "" when the phrase is a valid cue, else what is wrong with it.
  static std::string Check(std::string_view cue);

  // Adds a valid cue (see Check). Not thread-safe; call before any Find.
  void Add(std::string_view cue, CueRef ref);

  // Every match of every cue without {n} in `text` (independent of any figure, so one pass
  // serves all claims of a sentence). Thread-safe after the last Add.
  void FindAll(const TokenizedText& text, std::vector<CueMatch>* out) const;
  // Every match of the cues with {n}, where {n} is the figure at tokens [fig_first, fig_last).
  void FindAtFigure(const TokenizedText& text, size_t fig_first, size_t fig_last,
                    std::vector<CueMatch>* out) const;

  // Cues whose words cover exactly the whole phrase (no {n} cues): looks up a unit lemma
  // ("Soldaten", "asylum applications") or a subject. Appends the matches' refs.
  void MatchWhole(std::string_view phrase, std::vector<CueRef>* out) const;

  size_t size() const { return cues_.size(); }

 private:
  enum class Part : uint8_t { kExact, kPrefix, kSuffix, kGap, kFigure };
  struct PatternToken {
    Part part;
    std::string text;  // lower-cased word without '*'
  };
  struct Cue {
    std::vector<PatternToken> tokens;
    CueRef ref;
    bool figure = false;  // has {n}
  };
  struct CueIndex {
    std::unordered_map<uint64_t, std::vector<uint32_t>> exact, prefix, suffix;
    uint64_t prefix_lengths = 0;  // bit L set: some prefix cue has L bytes (L < 64)
    uint64_t suffix_lengths = 0;
  };
  void Probe(const CueIndex& index, const TokenizedText& t, size_t i, size_t fig_first,
             size_t fig_last, std::vector<CueMatch>* out) const;

  bool MatchFrom(const Cue& cue, size_t p, const TokenizedText& t, size_t i, size_t fig_first,
                 size_t fig_last, size_t* last) const;
  void Index(uint32_t cue_index);

  std::vector<Cue> cues_;
  // First-word indexes, by 64-bit hash of the (lower-cased) word or affix: one for plain cues,
  // one for cues with {n} (which are only tried next to a figure).
  CueIndex plain_, figure_;
  std::vector<uint64_t> filter_;        // bloom-style bitmap over all indexed hashes
  std::vector<uint32_t> figure_first_;  // cues that start with {n}
  size_t max_before_figure_ = 0;        // most tokens a {n} cue can span before the figure
};

// FNV-1a, 64 bit.
uint64_t Hash64(std::string_view s, uint64_t h = 1469598103934665603ULL);

}  // namespace claimtrack::analyze::internal
