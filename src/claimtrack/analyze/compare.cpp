// The pair rules: when two claims of one key group make a finding, and which one.
// docs/findings.md describes the same rules for people; finding_builder.cpp writes the
// finding.

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <string_view>
#include <vector>

#include "claimtrack/analyze/claim_key.h"
#include "claimtrack/analyze/key_internal.h"
#include "claimtrack/analyze/prepared.h"
#include "claimtrack/base/diagnostic.h"

namespace claimtrack::analyze::internal {

namespace {

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

// Some soft value (a tag, an event, a year) that both claims carry.
bool SharesContext(const Prepared& p, const Item& a, const Item& b) {
  for (uint32_t i = a.soft_begin; i < a.soft_end; ++i) {
    for (uint32_t j = b.soft_begin; j < b.soft_end; ++j) {
      if (p.soft[i] == p.soft[j]) return true;
    }
  }
  return false;
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
bool Copies(const Prepared& p, uint64_t a, uint64_t b) {
  auto range = [&](uint64_t article) {
    return std::equal_range(p.article_sentences.begin(), p.article_sentences.end(),
                            std::make_pair(article, uint64_t{0}),
                            [](const auto& x, const auto& y) { return x.first < y.first; });
  };
  auto [xb, xe] = range(a);
  auto [yb, ye] = range(b);
  size_t common = 0;
  while (xb != xe && yb != ye && common < 2) {
    if (xb->second < yb->second) {
      ++xb;
    } else if (yb->second < xb->second) {
      ++yb;
    } else {
      ++common;
      ++xb;
      ++yb;
    }
  }
  return common >= 2;
}

// True when `article` has a claim in the sentence with this verbatim hash.
bool HasSentence(const Prepared& p, uint64_t article, uint64_t verbatim) {
  return std::binary_search(p.article_sentences.begin(), p.article_sentences.end(),
                            std::make_pair(article, verbatim));
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
  auto it = p.earlier.find(ArticleScope(later.article, later.coarse));
  if (it == p.earlier.end()) return false;
  for (uint32_t e : it->second) {
    if (Overlaps(p.items[e].iv, earlier.iv)) return true;
  }
  return false;
}

uint64_t GroupOutlet(uint32_t group, uint64_t outlet) {
  return outlet ^ ((uint64_t{group} + 1) * 0xC2B2AE3D27D4EB4FULL);
}

// True when `outlet` itself gives a figure compatible with `other` (same key group, no
// conflicting context or event, same news cycle) in any of its articles: two outlets do not
// disagree on a figure one of them also reports. (DER STANDARD's 15,200 and 5,700 refugees in two
// articles of one day against another outlet's 5,700.)
bool OutletAlsoSays(Prepared& p, uint64_t outlet, const Item& other) {
  auto by_day = [&p](uint32_t x, uint32_t y) { return p.items[x].day < p.items[y].day; };
  if (!p.has_outlet_items) {
    for (uint32_t i = 0; i < p.items.size(); ++i) {
      const Item& it = p.items[i];
      if (it.outlet != 0) p.outlet_items[GroupOutlet(it.group, it.outlet)].push_back(i);
    }
    // In date order (undated first), so a news cycle is one slice of each list.
    for (auto& [_, list] : p.outlet_items) std::stable_sort(list.begin(), list.end(), by_day);
    p.has_outlet_items = true;
  }
  auto found = p.outlet_items.find(GroupOutlet(other.group, outlet));
  if (found == p.outlet_items.end()) return false;
  const std::vector<uint32_t>& list = found->second;
  auto says = [&](uint32_t i) {
    const Item& it = p.items[i];
    return it.group == other.group && it.outlet == outlet && it.article != other.article &&
           Overlaps(it.iv, other.iv) && SoftCompatible(p, it, other);
  };
  // Undated figures are in every news cycle; an undated `other` meets every figure.
  auto dated =
      std::find_if(list.begin(), list.end(), [&p](uint32_t i) { return p.items[i].day != kNoDay; });
  if (std::any_of(list.begin(), dated, says)) return true;
  if (other.day == kNoDay) return std::any_of(dated, list.end(), says);
  for (auto i = std::lower_bound(dated, list.end(), other.day - kNewsCycleDays,
                                 [&p](uint32_t x, int day) { return p.items[x].day < day; });
       i != list.end() && p.items[*i].day <= other.day + kNewsCycleDays; ++i) {
    if (says(*i)) return true;
  }
  return false;
}

// One source spelled two ways ("Juniper Research" / "Jupiter Research"): names of some length
// within one edit per eight characters. Short names never match ("Scholz" is not "Schulz").
bool SameNameSpelledTwoWays(std::string_view a, std::string_view b) {
  const size_t cap = std::min(a.size(), b.size()) / 8;
  return cap > 0 && EditDistance(a, b, /*fold_ascii_case=*/true, cap) <= cap;
}

}  // namespace

uint64_t ArticleScope(uint64_t article, uint64_t coarse) {
  return article ^ (coarse * 0x9E3779B97F4A7C15ULL);
}

std::optional<Decision> Decide(Prepared& p, uint32_t& x, uint32_t& y, AnalyzeStats& stats) {
  // a is the earlier claim (by date, then rank).
  if (std::make_pair(p.items[y].day, p.items[y].rank) <
      std::make_pair(p.items[x].day, p.items[x].rank)) {
    std::swap(x, y);
  }
  const Item& a = p.items[x];
  const Item& b = p.items[y];
  if (a.article == b.article || a.verbatim == b.verbatim || a.earlier || b.earlier) {
    return std::nullopt;
  }
  // One article also carries the other claim's sentence word for word (a copy, or a story
  // that quotes the other): both figures stand in one text, which is never compared with
  // itself.
  if (HasSentence(p, a.article, b.verbatim) || HasSentence(p, b.article, a.verbatim)) {
    return std::nullopt;
  }
  ++stats.pairs;
  if (!SoftCompatible(p, a, b)) return std::nullopt;

  Decision d;
  d.dated = a.day != kNoDay && b.day != kNoDay;
  d.days = d.dated ? b.day - a.day : -1;
  d.same_speaker = a.speaker != 0 && a.speaker == b.speaker;
  const auto [ia, ib] = Comparable(a, b);
  // Two ranges are two statements of the same shape: they agree when their ends do.
  const bool ranges = a.range && b.range;
  const bool overlap =
      ranges ? Overlaps(a.range_low, b.range_low) && Overlaps(a.range_high, b.range_high)
             : Overlaps(*ia, *ib);
  d.scale = overlap ? 0 : ScaleFactor(*ia, *ib);
  const bool other_outlets = a.outlet != 0 && b.outlet != 0 && a.outlet != b.outlet;

  std::optional<FindingType> type;
  d.window = std::max(a.window, b.window);
  if (d.same_speaker) {
    if (d.scale > 0) {
      type = FindingType::kScaleSlip;
    } else if (!overlap) {
      if (a.cumulative && b.cumulative && d.dated && d.days > 0) {
        // A cumulative count may grow; going down is the anomaly.
        if (ib->high < ia->low || (ib->high == ia->low && (ib->high_open || ia->low_open))) {
          type = FindingType::kTimelineAnomaly;
          d.window = p.timeline_window;
        }
      } else {
        type = FindingType::kValueConflict;
      }
    }
  } else if (overlap) {
    if (a.named && b.named && a.figure == b.figure) type = FindingType::kAttributionDrift;
  } else if (other_outlets) {
    type = d.scale > 0 ? FindingType::kScaleSlip : FindingType::kOutletDisagreement;
  }
  if (!type) return std::nullopt;
  d.type = *type;
  if (d.dated && d.days > d.window) return std::nullopt;

  // Evidence that the two sentences speak of the same thing. The strongest: they are one
  // statement (copied, lightly edited). A sentence of a few words ("UVP: 20 Euro") is similar
  // to any other like it, so it needs the other evidence.
  const auto& wa = Words(p, x);
  const auto& wb = Words(p, y);
  const double sim = Jaccard(wa, wb);
  // One statement, but not the same figure in it ("lost 70% while ... shed 43%").
  if (sim >= p.options->same_statement_similarity && a.fig_ordinal != b.fig_ordinal) {
    return std::nullopt;
  }
  const bool same_statement =
      sim >= p.options->same_statement_similarity &&
      (std::min(wa.size(), wb.size()) >= kMinStatementWords || Copies(p, a.article, b.article));
  if (!same_statement) {
    // Two copies of one article are one text: as within an article, their different
    // sentences are not compared with each other.
    if (Copies(p, a.article, b.article)) return std::nullopt;
    // Otherwise: dated claims about a known concept, and ...
    if (!d.dated || !a.concept_known) return std::nullopt;
    const bool event = SharesEvent(p, a, b);
    const bool related = sim >= p.options->related_similarity;
    switch (d.type) {
      case FindingType::kValueConflict:
      case FindingType::kScaleSlip:
        if (d.same_speaker) {
          // ... one identified speaker, attributed firmly both times, on a specific key (a
          // rate, a hard tag, or context both sentences share) within the window: the German
          // and the English interview of the same week. "money/tax/GBP" alone is too broad.
          if (!a.identified || a.weak || b.weak) return std::nullopt;
          if (!a.specific && !SharesContext(p, a, b)) return std::nullopt;
          d.reason = Reason::kSameSpeakerInWindow;
        } else {
          // ... or two outlets on one event in the same news cycle.
          if (!(event && related && d.days <= kNewsCycleDays)) return std::nullopt;
          d.reason = Reason::kSameEventNewsCycle;
        }
        break;
      case FindingType::kTimelineAnomaly:
        // ... one identified speaker, attributed firmly, on one named event.
        if (!a.identified || a.weak || b.weak || !event) return std::nullopt;
        d.reason = Reason::kSameSpeakerSameEvent;
        break;
      case FindingType::kAttributionDrift:
        // ... two identified speakers, a figure precise enough to be recognised, one event.
        if (!a.identified || !b.identified || !event || !related || !a.distinctive)
          return std::nullopt;
        d.reason = Reason::kSameEventPreciseFigure;
        break;
      case FindingType::kOutletDisagreement:
        if (!(event && related && d.days <= kNewsCycleDays)) return std::nullopt;
        d.reason = Reason::kSameEventNewsCycle;
        break;
    }
  }
  if (d.type != FindingType::kAttributionDrift &&
      (Acknowledged(p, a, b) || Acknowledged(p, b, a))) {
    return std::nullopt;
  }
  if (d.type == FindingType::kAttributionDrift) {
    // Both sentences name both sources ("Pew Internet & American Life" read once as "US
    // research", once as "American Life"): one source named two ways, not a drift.
    const ClaimRecord& ra = (*p.records)[a.rec];
    const ClaimRecord& rb = (*p.records)[b.rec];
    const std::string na = SpeakerName(ra), nb = SpeakerName(rb);
    if (Mentions(rb.claim.sentence, na) || Mentions(ra.claim.sentence, nb)) return std::nullopt;
    if (SameNameSpelledTwoWays(na, nb)) return std::nullopt;
  }
  if (!d.same_speaker && a.outlet != b.outlet &&
      (d.type == FindingType::kOutletDisagreement || d.type == FindingType::kScaleSlip) &&
      (OutletAlsoSays(p, a.outlet, b) || OutletAlsoSays(p, b.outlet, a))) {
    return std::nullopt;
  }
  d.relative_gap = ranges ? std::max(RelativeGap(a.range_low, b.range_low),
                                     RelativeGap(a.range_high, b.range_high))
                          : RelativeGap(*ia, *ib);
  return d;
}

}  // namespace claimtrack::analyze::internal
