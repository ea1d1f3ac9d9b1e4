#include "claimtrack/analyze/lexicon.h"

#include <algorithm>

#include "claimtrack/base/utf8.h"

namespace claimtrack::analyze::internal {

namespace {

constexpr size_t kFilterBits = 1 << 16;
constexpr int kMaxGap = 6;

size_t FilterBit(uint64_t h) { return (h >> 24) & (kFilterBits - 1); }

bool IsAsciiLetter(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
bool IsAsciiDigit(unsigned char c) { return c >= '0' && c <= '9'; }

}  // namespace

uint64_t Hash64(std::string_view s, uint64_t h) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

void TokenizedText::Reset(std::string_view text) {
  text_ = text;
  lower_.assign(text.data(), text.size());
  tokens_.clear();
  // Fold case in place: ASCII, and Latin-1 capitals (U+00C0..U+00DE except ×), which keep
  // their byte length, so offsets stay valid in both copies.
  for (size_t i = 0; i < lower_.size(); ++i) {
    auto c = static_cast<unsigned char>(lower_[i]);
    if (c >= 'A' && c <= 'Z') {
      lower_[i] = static_cast<char>(c + 32);
    } else if (c == 0xC3 && i + 1 < lower_.size()) {
      auto d = static_cast<unsigned char>(lower_[i + 1]);
      if (d >= 0x80 && d <= 0x9E && d != 0x97) lower_[i + 1] = static_cast<char>(d + 0x20);
      ++i;
    }
  }
  size_t i = 0;
  const size_t n = text.size();
  while (i < n) {
    auto c = static_cast<unsigned char>(text[i]);
    if (IsAsciiDigit(c)) {
      size_t b = i;
      while (i < n) {
        auto d = static_cast<unsigned char>(text[i]);
        if (IsAsciiDigit(d)) {
          ++i;
        } else if ((d == '.' || d == ',') && i + 1 < n &&
                   IsAsciiDigit(static_cast<unsigned char>(text[i + 1]))) {
          ++i;
        } else {
          break;
        }
      }
      tokens_.push_back({static_cast<uint32_t>(b), static_cast<uint32_t>(i), true});
      continue;
    }
    size_t len = 1;
    bool letter = IsAsciiLetter(c);
    if (c >= 0x80) letter = IsLetter(DecodeUtf8(text, i, &len));
    if (!letter) {
      i += len;
      continue;
    }
    size_t b = i;
    i += len;
    while (i < n) {
      auto d = static_cast<unsigned char>(text[i]);
      if (d < 0x80) {
        if (!IsAsciiLetter(d)) break;
        ++i;
      } else {
        size_t l = 1;
        if (!IsLetter(DecodeUtf8(text, i, &l))) break;
        i += l;
      }
    }
    tokens_.push_back({static_cast<uint32_t>(b), static_cast<uint32_t>(i), false});
  }
}

std::pair<size_t, size_t> TokenizedText::TokensIn(size_t begin, size_t end) const {
  auto first = std::lower_bound(tokens_.begin(), tokens_.end(), begin,
                                [](const Token& t, size_t b) { return t.begin < b; });
  auto last = first;
  while (last != tokens_.end() && last->end <= end) ++last;
  return {static_cast<size_t>(first - tokens_.begin()),
          static_cast<size_t>(last - tokens_.begin())};
}

std::string Lexicon::Check(std::string_view cue) {
  size_t literals = 0, figures = 0;
  bool prev_gap = true;  // a gap may not come first
  size_t pos = 0;
  std::vector<std::string_view> words;
  while (pos < cue.size()) {
    while (pos < cue.size() && cue[pos] == ' ') ++pos;
    size_t b = pos;
    while (pos < cue.size() && cue[pos] != ' ') ++pos;
    if (pos > b) words.push_back(cue.substr(b, pos - b));
  }
  if (words.empty()) return "empty cue";
  for (std::string_view w : words) {
    if (w == "...") {
      if (prev_gap) return "'...' must stand between two words";
      prev_gap = true;
      continue;
    }
    prev_gap = false;
    if (w == "{n}") {
      if (++figures > 1) return "'{n}' may appear only once";
      continue;
    }
    bool pre = w.front() == '*', post = w.back() == '*';
    if (pre && post) return "'*' may stand at the start or the end of a word, not both";
    std::string_view core = w.substr(pre ? 1 : 0, w.size() - (pre || post ? 1 : 0));
    if (core.find('*') != std::string_view::npos) return "'*' may only start or end a word";
    if (core.find('{') != std::string_view::npos || core.find('}') != std::string_view::npos)
      return "the only placeholder is '{n}' (the figure)";
    TokenizedText t;
    t.Reset(core);
    if (t.tokens().empty()) return "'" + std::string(w) + "' contains no letters or digits";
    if ((pre || post) && t.tokens().size() != 1)
      return "a word with '*' must be a single word (no hyphen, apostrophe or space)";
    literals += t.tokens().size();
  }
  if (prev_gap) return "'...' must stand between two words";
  if (literals == 0) return "a cue needs at least one word besides '{n}'";
  return "";
}

void Lexicon::Add(std::string_view cue_text, CueRef ref) {
  Cue cue;
  cue.ref = ref;
  size_t pos = 0;
  while (pos < cue_text.size()) {
    while (pos < cue_text.size() && cue_text[pos] == ' ') ++pos;
    size_t b = pos;
    while (pos < cue_text.size() && cue_text[pos] != ' ') ++pos;
    std::string_view w = cue_text.substr(b, pos - b);
    if (w.empty()) continue;
    if (w == "...") {
      cue.tokens.push_back({Part::kGap, ""});
      continue;
    }
    if (w == "{n}") {
      cue.tokens.push_back({Part::kFigure, ""});
      continue;
    }
    bool pre = w.front() == '*', post = w.back() == '*';
    std::string_view core = w.substr(pre ? 1 : 0, w.size() - (pre || post ? 1 : 0));
    TokenizedText t;
    t.Reset(core);
    for (size_t i = 0; i < t.tokens().size(); ++i) {
      Part part = pre ? Part::kSuffix : post ? Part::kPrefix : Part::kExact;
      cue.tokens.push_back({part, std::string(t.Word(i))});
    }
  }
  if (cue.tokens.empty()) return;
  size_t before = 0;
  for (const PatternToken& pt : cue.tokens) {
    if (pt.part == Part::kFigure) {
      cue.figure = true;
      break;
    }
    before += pt.part == Part::kGap ? kMaxGap : 1;
  }
  if (cue.figure) max_before_figure_ = std::max(max_before_figure_, before);
  cues_.push_back(std::move(cue));
  Index(static_cast<uint32_t>(cues_.size() - 1));
}

void Lexicon::Index(uint32_t idx) {
  if (filter_.empty()) filter_.assign(kFilterBits / 64, 0);
  const Cue& cue = cues_[idx];
  const PatternToken& first = cue.tokens.front();
  CueIndex& index = cue.figure ? figure_ : plain_;
  uint64_t h = Hash64(first.text);
  switch (first.part) {
    case Part::kFigure:
      figure_first_.push_back(idx);
      return;
    case Part::kGap:  // rejected by Check
      return;
    case Part::kExact:
      index.exact[h].push_back(idx);
      break;
    case Part::kPrefix:
      if (first.text.size() >= 64) return;
      index.prefix[h].push_back(idx);
      index.prefix_lengths |= uint64_t{1} << first.text.size();
      break;
    case Part::kSuffix:
      if (first.text.size() >= 64) return;
      index.suffix[h].push_back(idx);
      index.suffix_lengths |= uint64_t{1} << first.text.size();
      break;
  }
  size_t bit = FilterBit(h);
  filter_[bit / 64] |= uint64_t{1} << (bit % 64);
}

bool Lexicon::MatchFrom(const Cue& cue, size_t p, const TokenizedText& t, size_t i,
                        size_t fig_first, size_t fig_last, size_t* last) const {
  if (p == cue.tokens.size()) {
    *last = i - 1;
    return true;
  }
  const PatternToken& pt = cue.tokens[p];
  const size_t n = t.tokens().size();
  switch (pt.part) {
    case Part::kFigure:
      if (fig_first >= fig_last || i != fig_first) return false;
      return MatchFrom(cue, p + 1, t, fig_last, fig_first, fig_last, last);
    case Part::kGap:
      for (int g = 0; g <= kMaxGap && i + g <= n; ++g) {
        if (MatchFrom(cue, p + 1, t, i + g, fig_first, fig_last, last)) return true;
      }
      return false;
    case Part::kExact:
    case Part::kPrefix:
    case Part::kSuffix: {
      if (i >= n) return false;
      std::string_view w = t.Word(i);
      bool ok = pt.part == Part::kExact ? w == pt.text
                : pt.part == Part::kPrefix
                    ? w.size() >= pt.text.size() && w.substr(0, pt.text.size()) == pt.text
                    : w.size() >= pt.text.size() && w.substr(w.size() - pt.text.size()) == pt.text;
      if (!ok) return false;
      return MatchFrom(cue, p + 1, t, i + 1, fig_first, fig_last, last);
    }
  }
  return false;
}

void Lexicon::Probe(const CueIndex& index, const TokenizedText& t, size_t i, size_t fig_first,
                    size_t fig_last, std::vector<CueMatch>* out) const {
  auto probe = [&](const std::unordered_map<uint64_t, std::vector<uint32_t>>& map, uint64_t h) {
    size_t bit = FilterBit(h);
    if (!(filter_[bit / 64] & (uint64_t{1} << (bit % 64)))) return;
    auto it = map.find(h);
    if (it == map.end()) return;
    for (uint32_t idx : it->second) {
      const Cue& cue = cues_[idx];
      size_t last = 0;
      // MatchFrom re-checks the first word, which also guards against hash collisions.
      if (MatchFrom(cue, 0, t, i, fig_first, fig_last, &last)) {
        out->push_back({cue.ref, static_cast<uint32_t>(i), static_cast<uint32_t>(last)});
      }
    }
  };
  std::string_view w = t.Word(i);
  probe(index.exact, Hash64(w));  // exact words first: they win ties over affixes
  if (index.prefix_lengths != 0) {
    uint64_t h = 1469598103934665603ULL;
    size_t max_len = std::min<size_t>(w.size(), 63);
    for (size_t l = 0; l < max_len; ++l) {
      h = (h ^ static_cast<unsigned char>(w[l])) * 1099511628211ULL;
      if (index.prefix_lengths & (uint64_t{1} << (l + 1))) probe(index.prefix, h);
    }
  }
  if (index.suffix_lengths != 0) {
    size_t max_len = std::min<size_t>(w.size(), 63);
    for (size_t l = 1; l <= max_len; ++l) {
      if (index.suffix_lengths & (uint64_t{1} << l))
        probe(index.suffix, Hash64(w.substr(w.size() - l)));
    }
  }
}

void Lexicon::FindAll(const TokenizedText& t, std::vector<CueMatch>* out) const {
  if (cues_.empty()) return;
  for (size_t i = 0; i < t.tokens().size(); ++i) Probe(plain_, t, i, 0, 0, out);
}

void Lexicon::FindAtFigure(const TokenizedText& t, size_t fig_first, size_t fig_last,
                           std::vector<CueMatch>* out) const {
  if (cues_.empty() || fig_first >= fig_last) return;
  size_t from = fig_first > max_before_figure_ ? fig_first - max_before_figure_ : 0;
  for (size_t i = from; i < fig_first; ++i) Probe(figure_, t, i, fig_first, fig_last, out);
  for (uint32_t idx : figure_first_) {
    size_t last = 0;
    if (MatchFrom(cues_[idx], 0, t, fig_first, fig_first, fig_last, &last)) {
      out->push_back(
          {cues_[idx].ref, static_cast<uint32_t>(fig_first), static_cast<uint32_t>(last)});
    }
  }
}

void Lexicon::MatchWhole(std::string_view phrase, std::vector<CueRef>* out) const {
  TokenizedText t;
  t.Reset(phrase);
  if (t.tokens().empty()) return;
  std::vector<CueMatch> matches;
  FindAll(t, &matches);
  for (const CueMatch& m : matches) {
    if (m.first == 0 && m.last + 1 == t.tokens().size()) out->push_back(m.ref);
  }
}

}  // namespace claimtrack::analyze::internal
