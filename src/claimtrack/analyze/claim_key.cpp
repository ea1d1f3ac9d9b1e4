#include "claimtrack/analyze/claim_key.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <map>

#include "claimtrack/analyze/key_internal.h"

namespace claimtrack::analyze {

namespace {

using internal::CueMatch;
using internal::CueRef;

bool IsCurrency(std::string_view u) {
  return u.size() == 3 &&
         std::all_of(u.begin(), u.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

// A raw word as a key part: lower-cased, spaces and slashes replaced.
std::string KeyWord(std::string_view raw) {
  internal::TokenizedText t;
  t.Reset(raw);
  std::string out;
  for (size_t i = 0; i < t.tokens().size(); ++i) {
    if (!out.empty()) out += '-';
    out += t.Word(i);
  }
  return out;
}

// The first concept a whole phrase names (null when none) and the phrase as a key word.
const internal::KeyScratch::Phrase& LookUpPhrase(const std::string& phrase, const KeyConfig& config,
                                                 internal::KeyScratch& scratch) {
  auto it = scratch.phrases.find(phrase);
  if (it != scratch.phrases.end()) return it->second;
  if (scratch.phrases.size() > 100000) scratch.phrases.clear();  // bound the cache
  internal::KeyScratch::Phrase entry;
  scratch.refs.clear();
  config.lexicon().MatchWhole(phrase, &scratch.refs);
  for (const CueRef& r : scratch.refs) {
    if (r.kind == internal::kCueConcept) {
      entry.concept_spec = &config.data().concepts[r.id];
      break;
    }
  }
  entry.key_word = entry.concept_spec ? entry.concept_spec->id : KeyWord(phrase);
  return scratch.phrases.emplace(phrase, std::move(entry)).first->second;
}

std::string JoinTags(const std::vector<std::string>& tags) {
  // "side=russian", "side=ukrainian" -> "side=russian,ukrainian"
  std::string out;
  std::string last_dim;
  for (const std::string& t : tags) {
    size_t eq = t.find('=');
    std::string dim = t.substr(0, eq);
    if (!out.empty() && dim == last_dim) {
      out += ',' + t.substr(eq + 1);
    } else {
      if (!out.empty()) out += ' ';
      out += t;
    }
    last_dim = dim;
  }
  return out;
}

}  // namespace

std::pair<size_t, size_t> FigureInSentence(const ClaimRecord& record) {
  const Claim& c = record.claim;
  const Span& ss = c.sentence_span;
  const Span& qs = c.quantity.span;
  if (!ss.empty() && ss.Contains(qs) && !qs.empty() && qs.end - ss.begin <= c.sentence.size()) {
    size_t b = qs.begin - ss.begin, e = qs.end - ss.begin;
    if (c.quantity.text.empty() || c.sentence.compare(b, e - b, c.quantity.text) == 0)
      return {b, e};
  }
  if (!c.quantity.text.empty()) {
    size_t at = c.sentence.find(c.quantity.text);
    if (at != std::string::npos) return {at, at + c.quantity.text.size()};
  }
  return {std::string::npos, std::string::npos};
}

bool MayHaveUsableKey(const KeyConfig& config, std::string_view claim_type, bool has_value,
                      bool ambiguous) {
  const ClaimTypeSpec* spec = config.FindClaimType(claim_type);
  return (!spec || spec->analyse) && has_value && !ambiguous;
}

std::string ClaimKey::ToString() const {
  std::string out = group;
  if (!soft_tags.empty()) out += ' ' + JoinTags(soft_tags);
  if (!events.empty()) {
    out += " event=";
    for (size_t i = 0; i < events.size(); ++i) out += (i ? "," : "") + events[i];
  }
  if (!years.empty()) {
    out += " year=";
    for (size_t i = 0; i < years.size(); ++i) out += (i ? "," : "") + std::to_string(years[i]);
  }
  if (reported_earlier) out += " (reported earlier)";
  return out;
}

std::string ClaimKey::Label() const {
  std::string out = family + ": " + (concept_known ? measure : "unspecified");
  if (!base.empty()) out += " of " + base;
  if (!unit.empty()) out += " in " + unit;
  if (!period.empty()) out += " per " + period;
  std::vector<std::string> ctx;
  auto add = [&](const std::vector<std::string>& tags) {
    std::string joined = JoinTags(tags);
    size_t pos = 0;
    while (pos < joined.size()) {
      size_t sp = joined.find(' ', pos);
      if (sp == std::string::npos) sp = joined.size();
      std::string t = joined.substr(pos, sp - pos);
      size_t eq = t.find('=');
      ctx.push_back(t.substr(0, eq) + ": " + t.substr(eq + 1));
      pos = sp + 1;
    }
  };
  add(hard_tags);
  add(soft_tags);
  if (!events.empty()) {
    std::string e = "event: ";
    for (size_t i = 0; i < events.size(); ++i) e += (i ? ", " : "") + events[i];
    ctx.push_back(e);
  }
  if (!years.empty()) {
    std::string y = "year: ";
    for (size_t i = 0; i < years.size(); ++i) y += (i ? ", " : "") + std::to_string(years[i]);
    ctx.push_back(y);
  }
  if (!ctx.empty()) {
    out += " (";
    for (size_t i = 0; i < ctx.size(); ++i) out += (i ? "; " : "") + ctx[i];
    out += ")";
  }
  return out;
}

namespace internal {

uint64_t VerbatimHash(std::string_view s) {
  uint64_t h = 1469598103934665603ULL;
  bool space = true;  // also trims leading white space
  for (unsigned char c : s) {
    bool ws = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (ws) {
      space = true;
      continue;
    }
    if (space && h != 1469598103934665603ULL) h = (h ^ ' ') * 1099511628211ULL;
    space = false;
    h = (h ^ c) * 1099511628211ULL;
  }
  return h;
}

void BuildKey(const ClaimRecord& record, const KeyConfig& config, KeyScratch& scratch,
              KeyExtras& ex, ClaimKey& k) {
  k.usable = false;
  k.why_not.clear();
  k.family.clear();
  k.measure.clear();
  k.concept_known = false;
  k.unit.clear();
  k.period.clear();
  k.base.clear();
  k.hard_tags.clear();
  k.soft_tags.clear();
  k.events.clear();
  k.years.clear();
  k.cumulative = false;
  k.reported_earlier = false;
  k.group.clear();
  k.scope.clear();
  ex.skeleton = 0;
  ex.verbatim = 0;
  ex.fig_begin = std::string::npos;
  ex.fig_end = std::string::npos;
  ex.fig_ordinal = 0;
  ex.coarse = 0;
  ex.soft.clear();
  const Claim& c = record.claim;
  const Quantity& q = c.quantity;
  const KeyConfigData& data = config.data();
  const ClaimTypeSpec* spec = config.FindClaimType(c.claim_type);
  ex.verbatim = VerbatimHash(c.sentence);
  // The three early exits below are MayHaveUsableKey's conditions.

  if (spec && !spec->analyse) {
    k.why_not = fmt::format("claim type '{}' is not analysed (keys.yaml)", c.claim_type);
    return;
  }
  if (!q.value && !q.low && !q.high) {
    k.why_not = "the figure has no value";
    return;
  }
  if (q.ambiguous) {
    k.why_not = "the figure's reading is ambiguous";
    return;
  }
  k.family = spec && !spec->family.empty() ? spec->family
             : c.claim_type.empty()        ? std::string("unknown")
                                           : KeyWord(c.claim_type);
  k.period = q.period == Period::kNone ? "" : std::string(ToString(q.period));

  // The unit: a currency, "%" or "pp" is a dimension; any other unit is a lemma of what is
  // counted and becomes the concept.
  std::string lemma;
  if (q.kind == QuantityKind::kFraction) {
    k.unit = "%";
  } else if (q.unit == "%" || q.unit == "pp" || IsCurrency(q.unit)) {
    k.unit = q.unit;
  } else if (q.kind == QuantityKind::kPercent) {
    k.unit = "%";
    lemma = q.unit;
  } else {
    lemma = q.unit;
  }

  // Tokens and cue matches of the sentence (the figure's own words are not cues).
  auto [fb, fe] = FigureInSentence(record);
  ex.fig_begin = fb;
  ex.fig_end = fe;
  // Tokens and plain cue matches depend on the sentence only: claims of one sentence (they
  // come one after another) share them.
  TokenizedText& text = scratch.text;
  if (!scratch.sentence_valid || scratch.sentence != c.sentence) {
    scratch.sentence = c.sentence;
    scratch.sentence_valid = true;
    text.Reset(scratch.sentence);
    scratch.sentence_matches.clear();
    config.lexicon().FindAll(text, &scratch.sentence_matches);
  }
  size_t fig_first = 0, fig_last = 0;
  if (fb != std::string::npos) std::tie(fig_first, fig_last) = text.TokensIn(fb, fe);
  // The figure's own words are not cues ("Milliarden" in "fünf Milliarden"); cues with {n}
  // are matched next to it.
  scratch.matches.clear();
  auto inside = [&](uint32_t t) { return t >= fig_first && t < fig_last; };
  for (const CueMatch& m : scratch.sentence_matches) {
    if (fig_first < fig_last && (inside(m.first) || inside(m.last))) continue;
    scratch.matches.push_back(m);
  }
  config.lexicon().FindAtFigure(text, fig_first, fig_last, &scratch.matches);

  // Skeleton: the words around the figure, in order; two copies of one sentence with a
  // different figure share it.
  uint64_t sk = 1469598103934665603ULL;
  bool marked = false;
  for (size_t i = 0; i < text.tokens().size(); ++i) {
    if (i >= fig_first && i < fig_last) {
      if (!marked) sk = Hash64("\x01{n}", sk);
      marked = true;
      continue;
    }
    sk = Hash64(text.Word(i), sk);
    sk = (sk ^ 0x1f) * 1099511628211ULL;
  }
  ex.skeleton = sk;
  for (size_t i = 0; i < fig_first && i < text.tokens().size(); ++i)
    ex.fig_ordinal += text.tokens()[i].digits;

  // The concept: the unit lemma, else the subject, else the nearest measure word.
  const ConceptSpec* concept_spec = nullptr;
  if (!lemma.empty()) {
    const auto& ph = LookUpPhrase(lemma, config, scratch);
    concept_spec = ph.concept_spec;
    k.measure = ph.key_word;
  }
  if (k.measure.empty() && !c.subject.empty()) {
    const auto& ph = LookUpPhrase(c.subject, config, scratch);
    concept_spec = ph.concept_spec;
    k.measure = ph.key_word;
  }
  if (k.measure.empty()) {
    size_t best = SIZE_MAX;
    for (const CueMatch& m : scratch.matches) {
      if (m.ref.kind != kCueConcept || !data.concepts[m.ref.id].in_sentence) continue;
      size_t d = 0;
      if (fig_first < fig_last) {
        d = m.last < fig_first    ? fig_first - m.last
            : m.first >= fig_last ? m.first - fig_last + 1
                                  : 0;
      }
      if (d < best) {
        best = d;
        concept_spec = &data.concepts[m.ref.id];
        k.measure = concept_spec->id;
      }
    }
  }
  k.concept_known = !k.measure.empty() && !(concept_spec && concept_spec->vague);
  if (k.measure.empty()) k.measure = "?";
  if (!q.base.empty()) k.base = LookUpPhrase(q.base, config, scratch).key_word;

  // Context tags, events, "reported earlier".
  bool cumulative = (spec && spec->cumulative) || (concept_spec && concept_spec->cumulative);
  bool not_cumulative = false;
  auto dim_applies = [&](const TagDimensionSpec& dim) {
    return dim.families.empty() ||
           std::find(dim.families.begin(), dim.families.end(), k.family) != dim.families.end();
  };
  auto add_tag = [&](size_t d, size_t v) {
    const TagDimensionSpec& dim = data.context[d];
    if (!dim_applies(dim)) return;
    const TagValueSpec& val = dim.values[v];
    std::string tag = dim.id + "=" + val.id;
    auto& list = dim.match == TagMatch::kHard ? k.hard_tags : k.soft_tags;
    if (std::find(list.begin(), list.end(), tag) == list.end()) {
      list.push_back(tag);
      if (dim.match == TagMatch::kSoft) ex.soft.push_back(uint64_t{d} << 32 | v);
    }
    cumulative = cumulative || val.cumulative;
    not_cumulative = not_cumulative || val.not_cumulative;
  };
  if (spec) {
    for (const auto& [dim_id, val_id] : spec->tags) {
      for (size_t d = 0; d < data.context.size(); ++d) {
        if (data.context[d].id != dim_id) continue;
        for (size_t v = 0; v < data.context[d].values.size(); ++v) {
          if (data.context[d].values[v].id == val_id) add_tag(d, v);
        }
      }
    }
  }
  for (const CueMatch& m : scratch.matches) {
    switch (m.ref.kind) {
      case kCueTag:
        add_tag(m.ref.id, m.ref.value);
        break;
      case kCueEarlier:
        k.reported_earlier = true;
        break;
      case kCueEvent: {
        const std::string& e = data.events[m.ref.id].id;
        if (std::find(k.events.begin(), k.events.end(), e) == k.events.end()) {
          k.events.push_back(e);
          ex.soft.push_back(uint64_t{kEventDim} << 32 | m.ref.id);
        }
        break;
      }
      default:
        break;
    }
  }
  std::sort(k.hard_tags.begin(), k.hard_tags.end());
  std::sort(k.soft_tags.begin(), k.soft_tags.end());
  std::sort(k.events.begin(), k.events.end());

  // Years named in the sentence outside the figure ("bis 2027", "in 2004").
  for (size_t i = 0; i < text.tokens().size(); ++i) {
    if ((i >= fig_first && i < fig_last) || !text.tokens()[i].digits) continue;
    std::string_view w = text.Word(i);
    if (w.size() != 4) continue;
    int y = std::atoi(std::string(w).c_str());
    if (y >= 1900 && y <= 2099 && std::find(k.years.begin(), k.years.end(), y) == k.years.end()) {
      k.years.push_back(y);
      ex.soft.push_back(uint64_t{kYearDim} << 32 | static_cast<uint32_t>(y));
    }
  }
  std::sort(k.years.begin(), k.years.end());
  std::sort(ex.soft.begin(), ex.soft.end());

  k.cumulative = k.period.empty() && cumulative && !not_cumulative;

  k.scope = k.family + "/" + k.unit + "/" + k.period;
  ex.coarse = Hash64(k.scope);
  k.group = k.family + "/" + k.measure;
  if (!k.unit.empty()) k.group += "/" + k.unit;
  if (!k.period.empty()) k.group += "/" + k.period;
  if (!k.base.empty()) k.group += "/of=" + k.base;
  if (!k.hard_tags.empty()) k.group += " " + JoinTags(k.hard_tags);
  k.usable = true;
}

void ContentWords(std::string_view sentence, size_t fig_begin, size_t fig_end,
                  const KeyConfig& config, TokenizedText& t, std::vector<uint32_t>* out) {
  ContentWords(sentence, fig_begin, fig_end, {}, config, t, out);
}

void ContentWords(std::string_view sentence, size_t fig_begin, size_t fig_end,
                  std::string_view name, const KeyConfig& config, TokenizedText& t,
                  std::vector<uint32_t>* out) {
  std::vector<uint32_t> skip;
  if (!name.empty()) {
    t.Reset(name);
    for (size_t i = 0; i < t.tokens().size(); ++i)
      skip.push_back(static_cast<uint32_t>(Hash64(t.Word(i))));
  }
  out->clear();
  t.Reset(sentence);
  for (size_t i = 0; i < t.tokens().size(); ++i) {
    const Token& tok = t.tokens()[i];
    if (fig_begin != std::string::npos && tok.begin >= fig_begin && tok.end <= fig_end) continue;
    std::string_view w = t.Word(i);
    if (!tok.digits && (w.size() < 3 || config.IsStopword(w))) continue;
    auto h = static_cast<uint32_t>(Hash64(w));
    if (std::find(skip.begin(), skip.end(), h) != skip.end()) continue;
    out->push_back(h);
  }
  std::sort(out->begin(), out->end());
  out->erase(std::unique(out->begin(), out->end()), out->end());
}

double Jaccard(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b) {
  if (a.empty() && b.empty()) return 0;
  size_t i = 0, j = 0, common = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] < b[j]) {
      ++i;
    } else if (b[j] < a[i]) {
      ++j;
    } else {
      ++common;
      ++i;
      ++j;
    }
  }
  return static_cast<double>(common) / static_cast<double>(a.size() + b.size() - common);
}

}  // namespace internal

ClaimKey BuildClaimKey(const ClaimRecord& record, const KeyConfig& config) {
  internal::KeyScratch scratch;
  internal::KeyExtras extras;
  ClaimKey key;
  internal::BuildKey(record, config, scratch, extras, key);
  return key;
}

}  // namespace claimtrack::analyze
