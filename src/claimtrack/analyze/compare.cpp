// The pair rules: when two claims of one key group make a finding, which one, how severe,
// and the one line that explains it. docs/findings.md describes the same rules for people.

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "claimtrack/analyze/claim_key.h"
#include "claimtrack/analyze/key_internal.h"
#include "claimtrack/analyze/prepared.h"

namespace claimtrack::analyze::internal {

namespace {

constexpr double kLargeGap = 0.1;  // relative gap from which a conflict is "high"
constexpr size_t kMinStatementWords = 3;  // content words a sentence needs to be "a statement"

// Case-insensitive (ASCII) search of a speaker's display name in a sentence.
bool Mentions(std::string_view sentence, std::string_view name) {
  if (name.size() < 3) return false;
  auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
  for (size_t i = 0; i + name.size() <= sentence.size(); ++i) {
    size_t k = 0;
    while (k < name.size() && lower(sentence[i + k]) == lower(name[k])) ++k;
    if (k == name.size()) return true;
  }
  return false;
}

uint32_t Dim(uint64_t e) { return static_cast<uint32_t>(e >> 32); }

// Claims are kept apart when, for some dimension both have, their values share nothing.
bool SoftCompatible(const Prepared& p, const Item& a, const Item& b) {
  uint32_t i = a.soft_begin, j = b.soft_begin;
  while (i < a.soft_end && j < b.soft_end) {
    uint32_t da = Dim(p.soft[i]), db = Dim(p.soft[j]);
    if (da < db) {
      ++i;
    } else if (db < da) {
      ++j;
    } else {
      // Same dimension: walk both runs and look for a common value.
      uint32_t ie = i, je = j;
      while (ie < a.soft_end && Dim(p.soft[ie]) == da) ++ie;
      while (je < b.soft_end && Dim(p.soft[je]) == da) ++je;
      bool common = false;
      for (uint32_t x = i; x < ie && !common; ++x) {
        for (uint32_t y = j; y < je && !common; ++y) common = p.soft[x] == p.soft[y];
      }
      if (!common) return false;
      i = ie;
      j = je;
    }
  }
  return true;
}

bool SharesEvent(const Prepared& p, const Item& a, const Item& b) {
  for (uint32_t i = a.soft_begin; i < a.soft_end; ++i) {
    if (Dim(p.soft[i]) != p.event_dim) continue;
    for (uint32_t j = b.soft_begin; j < b.soft_end; ++j) {
      if (p.soft[i] == p.soft[j]) return true;
    }
  }
  return false;
}

std::string SpeakerName(const ClaimRecord& r);

const std::vector<uint32_t>& Words(Prepared& p, uint32_t i) {
  if (!p.has_words[i]) {
    const Item& it = p.items[i];
    const ClaimRecord& r = (*p.records)[it.rec];
    size_t fb = it.fig_begin == UINT32_MAX ? std::string::npos : it.fig_begin;
    std::string name = it.named ? SpeakerName(r) : std::string();
    ContentWords(r.claim.sentence, fb, it.fig_end, name, *p.config, p.scratch, &p.words[i]);
    p.has_words[i] = true;
  }
  return p.words[i];
}

// Two articles that share at least two sentences verbatim are copies (one edited).
bool Copies(const Prepared& p, uint32_t a, uint32_t b) {
  const auto& x = p.article_sentences[a];
  const auto& y = p.article_sentences[b];
  size_t i = 0, j = 0, common = 0;
  while (i < x.size() && j < y.size() && common < 2) {
    if (x[i] < y[j]) {
      ++i;
    } else if (y[j] < x[i]) {
      ++j;
    } else {
      ++common;
      ++i;
      ++j;
    }
  }
  return common >= 2;
}

// 1,000, 1,000,000 or 1,000,000,000 when one figure is the other at that scale; else 0.
double ScaleFactor(const Interval& a, const Interval& b) {
  if (!a.point || !b.point || !a.Bounded() || !b.Bounded()) return 0;
  for (double k : {1e3, 1e6, 1e9}) {
    if (Overlaps(Scaled(a, k), b) || Overlaps(a, Scaled(b, k))) return k;
  }
  return 0;
}

// What two claims are compared on: their asserted intervals; but two floors ("more than
// 250" vs "more than 550") or two ceilings compare the figures they name, because moving
// the floor is a different statement even where both could be true.
std::pair<const Interval*, const Interval*> Comparable(const Item& a, const Item& b) {
  if (a.hedge_dir != 0 && a.hedge_dir == b.hedge_dir) return {&a.bound, &b.bound};
  return {&a.iv, &b.iv};
}

// The later article restates the earlier figure as an earlier statement ("Am Montag hatte
// sie noch 14 Tote genannt"): the change is reported, not a contradiction.
bool Acknowledged(const Prepared& p, const Item& earlier, const Item& later) {
  auto it = p.earlier.find(ArticleGroup(later.article, later.group));
  if (it == p.earlier.end()) return false;
  for (uint32_t e : it->second) {
    if (Overlaps(p.items[e].iv, earlier.iv)) return true;
  }
  return false;
}

FindingSeverity Lower(FindingSeverity s) {
  return s == FindingSeverity::kHigh ? FindingSeverity::kMedium : FindingSeverity::kLow;
}

std::string SpeakerName(const ClaimRecord& r) {
  const Attribution& a = r.claim.attribution;
  if (!a.speaker_name.empty()) return a.speaker_name;
  if (a.speaker_id.rfind("narrator:", 0) == 0) return a.speaker_id.substr(9);
  if (a.speaker_id.rfind("name:", 0) == 0) return a.speaker_id.substr(5);
  if (a.speaker_id.empty() || a.speaker_id == "unknown") return "unknown speaker";
  return a.speaker_id;
}

FindingClaim MakeClaim(const Prepared& p, const Item& it) {
  const ClaimRecord& r = (*p.records)[it.rec];
  const Claim& c = r.claim;
  const Quantity& q = c.quantity;
  FindingClaim fc;
  fc.claim_id = r.claim_id;
  fc.article_id = r.article_id;
  fc.outlet = r.outlet;
  fc.url = r.url;
  fc.title = r.title;
  fc.date = r.date;
  fc.speaker_id = c.attribution.speaker_id;
  fc.speaker_name = SpeakerName(r);
  fc.method = std::string(ToString(c.attribution.method));
  fc.confidence = c.attribution.confidence;
  fc.weak = it.weak;
  fc.figure = q.text;
  fc.kind = std::string(ToString(q.kind));
  fc.value = q.value;
  if (!q.value) {
    fc.range_low = q.low;
    fc.range_high = q.high;
  }
  double scale = q.kind == QuantityKind::kFraction ? 0.01 : 1;  // back to the model's scale
  if (std::isfinite(it.iv.low)) fc.low = it.iv.low * scale;
  if (std::isfinite(it.iv.high)) fc.high = it.iv.high * scale;
  fc.qualifier = std::string(ToString(q.qualifier));
  fc.unit = q.unit;
  fc.period = std::string(ToString(q.period));
  fc.sentence = c.sentence;
  if (it.fig_begin != UINT32_MAX) {
    fc.span_begin = it.fig_begin;
    fc.span_end = it.fig_end;
  }
  fc.rule_id = c.rule_id;
  return fc;
}

std::string Where(const FindingClaim& c) {
  std::string date = c.date.empty() ? "undated" : c.date.substr(0, 10);
  std::string outlet = c.outlet.empty() || c.outlet == "unknown" ? "" : ", " + c.outlet;
  return date + outlet;
}

std::string MergedKey(const ClaimKey& a, const ClaimKey& b, std::string* label) {
  ClaimKey k = a;
  auto merge = [](auto& into, const auto& from) {
    for (const auto& x : from) {
      if (std::find(into.begin(), into.end(), x) == into.end()) into.push_back(x);
    }
    std::sort(into.begin(), into.end());
  };
  merge(k.soft_tags, b.soft_tags);
  merge(k.events, b.events);
  merge(k.years, b.years);
  *label = k.Label();
  return k.ToString();
}

}  // namespace

uint64_t ArticleGroup(uint32_t article, uint32_t group) {
  return (static_cast<uint64_t>(article) << 32) | group;
}

std::optional<Finding> ComparePair(Prepared& p, uint32_t x, uint32_t y, AnalyzeStats& stats) {
  // a is the earlier claim (by date, then claim id).
  if (std::make_pair(p.items[y].day, p.items[y].rank) <
      std::make_pair(p.items[x].day, p.items[x].rank)) {
    std::swap(x, y);
  }
  const Item& a = p.items[x];
  const Item& b = p.items[y];
  if (a.article == b.article || a.verbatim == b.verbatim || a.earlier || b.earlier) {
    return std::nullopt;
  }
  ++stats.pairs;
  if (!SoftCompatible(p, a, b)) return std::nullopt;

  const bool dated = a.day != kNoDay && b.day != kNoDay;
  const int days = dated ? b.day - a.day : -1;
  const bool same_speaker = a.speaker != 0 && a.speaker == b.speaker;
  const auto [ia, ib] = Comparable(a, b);
  // Two ranges are two statements of the same shape: they agree when their ends do.
  const bool ranges = a.range && b.range;
  const bool overlap = ranges ? Overlaps(a.range_low, b.range_low) && Overlaps(a.range_high, b.range_high)
                              : Overlaps(*ia, *ib);
  const double scale = overlap ? 0 : ScaleFactor(*ia, *ib);
  const bool other_outlets = a.outlet != 0 && b.outlet != 0 && a.outlet != b.outlet;

  std::optional<FindingType> type;
  int window = std::max(a.window, b.window);
  if (same_speaker) {
    if (scale > 0) {
      type = FindingType::kScaleSlip;
    } else if (!overlap) {
      if (a.cumulative && b.cumulative && dated && days > 0) {
        // A cumulative count may grow; going down is the anomaly.
        if (ib->high < ia->low || (ib->high == ia->low && (ib->high_open || ia->low_open))) {
          type = FindingType::kTimelineAnomaly;
          window = p.timeline_window;
        }
      } else {
        type = FindingType::kValueConflict;
      }
    }
  } else if (overlap) {
    if (a.named && b.named && a.figure == b.figure) type = FindingType::kAttributionDrift;
  } else if (other_outlets) {
    type = scale > 0 ? FindingType::kScaleSlip : FindingType::kOutletDisagreement;
  }
  if (!type) return std::nullopt;
  if (dated && days > window) return std::nullopt;

  // Evidence that the two sentences speak of the same thing. The strongest: they are one
  // statement (copied, lightly edited). A sentence of a few words ("UVP: 20 Euro") is similar
  // to any other like it, so it needs the other evidence.
  const auto& wa = Words(p, x);
  const auto& wb = Words(p, y);
  double sim = Jaccard(wa, wb);
  // One statement, but not the same figure in it ("lost 70% while ... shed 43%").
  if (sim >= p.options->same_statement_similarity && a.fig_ordinal != b.fig_ordinal) {
    return std::nullopt;
  }
  bool same_statement = sim >= p.options->same_statement_similarity &&
                        a.fig_ordinal == b.fig_ordinal &&
                        (std::min(wa.size(), wb.size()) >= kMinStatementWords ||
                         Copies(p, a.article, b.article));
  std::string reason;  // why claims that are not one statement were compared
  if (!same_statement) {
    // Otherwise: dated claims about a known concept, and ...
    if (!dated || !a.concept_known) return std::nullopt;
    bool event = SharesEvent(p, a, b);
    bool related = sim >= p.options->related_similarity;
    switch (*type) {
      case FindingType::kValueConflict:
      case FindingType::kScaleSlip:
        if (same_speaker) {
          // ... one identified speaker on one key within the window (the German and the
          // English interview of the same week);
          if (!a.identified) return std::nullopt;
          reason = fmt::format("same speaker within {} days", window);
        } else {
          // ... or two outlets on one event in the same news cycle.
          if (!(event && related && days <= kNewsCycleDays)) return std::nullopt;
          reason = "same event, similar sentences, same news cycle";
        }
        break;
      case FindingType::kTimelineAnomaly:
        // ... one identified speaker on one named event.
        if (!a.identified || !event) return std::nullopt;
        reason = "same speaker, same event";
        break;
      case FindingType::kAttributionDrift:
        // ... two identified speakers, a figure precise enough to be recognised, one event.
        if (!a.identified || !b.identified || !event || !related || !a.distinctive)
          return std::nullopt;
        reason = "same event, similar sentences, a precise figure";
        break;
      case FindingType::kOutletDisagreement:
        if (!(event && related && days <= kNewsCycleDays)) return std::nullopt;
        reason = "same event, similar sentences, same news cycle";
        break;
    }
  }
  if (*type != FindingType::kAttributionDrift && (Acknowledged(p, a, b) || Acknowledged(p, b, a))) {
    return std::nullopt;
  }
  const ClaimRecord& ra = (*p.records)[a.rec];
  const ClaimRecord& rb = (*p.records)[b.rec];
  if (*type == FindingType::kAttributionDrift) {
    // Both sentences name both sources ("Pew Internet & American Life" read once as "US
    // research", once as "American Life"): one source named two ways, not a drift.
    const std::string na = SpeakerName(ra), nb = SpeakerName(rb);
    if (Mentions(rb.claim.sentence, na) || Mentions(ra.claim.sentence, nb)) return std::nullopt;
  }

  // The finding.
  Finding f;
  f.type = *type;
  f.group = p.groups[a.group];
  ClaimKey ka, kb;
  BuildKey(ra, *p.config, p.key_scratch, p.key_extras, ka);
  BuildKey(rb, *p.config, p.key_scratch, p.key_extras, kb);
  f.key = MergedKey(ka, kb, &f.key_label);
  f.claims = {MakeClaim(p, a), MakeClaim(p, b)};
  if (std::make_pair(a.day, ra.claim_id) > std::make_pair(b.day, rb.claim_id)) {
    std::swap(f.claims[0], f.claims[1]);
  }
  const FindingClaim& ca = f.claims[0];
  const FindingClaim& cb = f.claims[1];
  if (same_speaker) {
    f.speaker_id = ra.claim.attribution.speaker_id;
    f.speaker_name = ca.speaker_name;
  }
  f.weak_attribution = a.weak || b.weak;
  f.relative_gap = ranges ? std::max(RelativeGap(a.range_low, b.range_low),
                                      RelativeGap(a.range_high, b.range_high))
                         : RelativeGap(*ia, *ib);
  f.days_apart = dated ? days : -1;
  f.id = FindingId(f.type, f.group, {ca.claim_id, cb.claim_id});

  const std::string fa = FigureText(ca), fb = FigureText(cb);
  const std::string who = a.named ? "same speaker " + ca.speaker_name
                          : ra.claim.attribution.speaker_id.rfind("narrator:", 0) == 0
                              ? "same outlet text (" + ca.speaker_name + ")"
                              : "no named speaker, same outlet " + ca.outlet;
  const bool large = f.relative_gap >= kLargeGap;
  switch (f.type) {
    case FindingType::kValueConflict:
      f.severity = large && a.named ? FindingSeverity::kHigh : FindingSeverity::kMedium;
      f.explanation = fmt::format("{}, same key {}: {} ({}) vs {} ({}) cannot both hold{}", who,
                                  f.key, fa, Where(ca), fb, Where(cb),
                                  a.cumulative && !dated ? " (dates unknown: may be an update)" : "");
      break;
    case FindingType::kScaleSlip:
      f.severity = FindingSeverity::kMedium;
      f.explanation = fmt::format(
          "{}, same key {}: {} ({}) vs {} ({}) differ by a factor of about {}: likely a scale "
          "slip (thousand/million, Mio./Mrd., Billion/billion)",
          same_speaker ? who : "outlets " + ca.outlet + " and " + cb.outlet, f.key, fa, Where(ca),
          fb, Where(cb), HumanNumber(scale));
      break;
    case FindingType::kTimelineAnomaly:
      f.severity = large ? FindingSeverity::kHigh : FindingSeverity::kMedium;
      f.explanation = fmt::format(
          "{}, same key {}: the cumulative count went down from {} ({}) to {} ({}), {} days later",
          who, f.key, fa, Where(ca), fb, Where(cb), days);
      break;
    case FindingType::kAttributionDrift:
      f.severity = FindingSeverity::kMedium;
      f.explanation = fmt::format(
          "same figure {} for the same key {}, attributed to {} ({}) and to {} ({})", fa, f.key,
          ca.speaker_name, Where(ca), cb.speaker_name, Where(cb));
      break;
    case FindingType::kOutletDisagreement:
      f.severity = large ? FindingSeverity::kMedium : FindingSeverity::kLow;
      f.explanation = fmt::format("outlets {} and {}, same key {}: {} ({}, {}) vs {} ({}, {})",
                                  ca.outlet, cb.outlet, f.key, fa, ca.speaker_name, Where(ca), fb,
                                  cb.speaker_name, Where(cb));
      break;
  }
  if (f.weak_attribution) {
    f.severity = Lower(f.severity);
    const FindingClaim& w = ca.weak ? ca : cb;
    f.explanation += fmt::format(
        "; weak attribution ({} for {}, confidence {:.2f}): check who said it before treating "
        "this as a contradiction",
        w.method, w.speaker_name, w.confidence);
  }
  if (!reason.empty()) f.explanation += "; compared because: " + reason;
  return f;
}

}  // namespace claimtrack::analyze::internal
