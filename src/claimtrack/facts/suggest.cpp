#include "claimtrack/facts/suggest.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

namespace claimtrack::facts {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

std::string_view DimOf(std::string_view tag) { return tag.substr(0, tag.find('=')); }

// Where both have values of a dimension, they share one (check's soft-tag rule).
bool SoftCompatible(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  for (const std::string& t : a) {
    std::string_view dim = DimOf(t);
    bool b_has_dim = false, common = false;
    for (const std::string& u : b) {
      if (DimOf(u) != dim) continue;
      b_has_dim = true;
      bool a_has_u = std::find(a.begin(), a.end(), u) != a.end();
      common = common || a_has_u;
    }
    if (b_has_dim && !common) return false;
  }
  return true;
}

template <typename T>
bool Disjoint(const std::vector<T>& a, const std::vector<T>& b) {
  if (a.empty() || b.empty()) return false;
  for (const T& x : a) {
    if (std::find(b.begin(), b.end(), x) != b.end()) return false;
  }
  return true;
}

bool OneSided(Qualifier q) {
  return q == Qualifier::kMoreThan || q == Qualifier::kAtLeast || q == Qualifier::kLessThan ||
         q == Qualifier::kAtMost || q == Qualifier::kUpTo;
}

std::string Percent(double share) {
  double p = share * 100;
  if (std::fabs(p) >= 10 || p == std::floor(p)) return fmt::format("{:.0f}%", p);
  return fmt::format("{:.1f}%", p);
}

std::string SignedPercent(double share) { return (share >= 0 ? "+" : "") + Percent(share); }

std::string IntervalText(const analyze::Interval& iv) {
  bool lo = std::isfinite(iv.low), hi = std::isfinite(iv.high);
  if (lo && hi) return HumanNumber(iv.low) + "–" + HumanNumber(iv.high);
  if (lo) return (iv.low_open ? "more than " : "at least ") + HumanNumber(iv.low);
  if (hi) return (iv.high_open ? "less than " : "at most ") + HumanNumber(iv.high);
  return "any value";
}

// The figure a claim names: its value, else the middle of its range, else its one end.
double ClaimedFigure(const Quantity& q, const analyze::Interval& iv) {
  if (q.value) return *q.value;
  if (q.low && q.high) return (*q.low + *q.high) / 2;
  if (q.low) return *q.low;
  if (q.high) return *q.high;
  return iv.Mid();
}

// Distance from a to b (0 when they overlap), signed: + when a lies above b.
double SignedDistance(const analyze::Interval& a, const analyze::Interval& b) {
  if (analyze::Overlaps(a, b)) return 0;
  return a.low >= b.high ? a.low - b.high : -(b.low - a.high);
}

}  // namespace

std::string HumanNumber(double v) {
  if (!std::isfinite(v)) return v > 0 ? "∞" : "-∞";
  double a = std::fabs(v);
  if (a >= 1000 || a == std::floor(a)) {
    auto n = static_cast<long long>(std::llround(a));
    std::string digits = std::to_string(n), grouped;
    for (size_t i = 0; i < digits.size(); ++i) {
      if (i > 0 && (digits.size() - i) % 3 == 0) grouped += ',';
      grouped += digits[i];
    }
    return (v < 0 ? "-" : "") + grouped;
  }
  return fmt::format("{:.4g}", v);
}

bool KeyMatches(const analyze::ClaimKey& c, const FactKey& f) {
  if (!c.usable || !c.concept_known || c.reported_earlier) return false;
  if (c.family != f.family || c.measure != f.concept_id || c.unit != f.unit ||
      c.period != f.period || c.base != f.base || c.hard_tags != f.hard_tags) {
    return false;
  }
  if (!SoftCompatible(c.soft_tags, f.soft_tags) || !SoftCompatible(f.soft_tags, c.soft_tags)) {
    return false;
  }
  return !Disjoint(c.events, f.events) && !Disjoint(c.years, f.years);
}

bool DateMatches(const std::string& claim_date, const ReferenceFact& fact) {
  if (fact.valid_from.empty() && fact.valid_until.empty()) return true;
  auto day = DayOf(claim_date);
  if (!day) return false;
  if (!fact.valid_from.empty() && *day < *DayOf(fact.valid_from)) return false;
  if (!fact.valid_until.empty() && *day > *DayOf(fact.valid_until)) return false;
  return true;
}

Suggestion Compare(const analyze::ClaimRecord& record, const analyze::ClaimKey& key,
                   const ReferenceFact& fact, double tolerance) {
  Suggestion s;
  const Quantity& q = record.claim.quantity;
  s.claim_id = record.claim_id;
  s.fact = &fact;
  s.key = key.ToString();
  s.claimed = analyze::AssertedInterval(q, tolerance);
  s.reference = fact.Allowed();
  s.one_sided = OneSided(q.qualifier);
  const double central = fact.Central();
  const double scale_of = std::fabs(central) > 0 ? std::fabs(central) : 1;
  const double figure = ClaimedFigure(q, s.claimed);
  s.deviation = (figure - central) / scale_of;
  s.gap = SignedDistance(s.claimed, s.reference) / scale_of;

  std::string why;
  if (s.gap == 0) {
    s.rating = "true";
    why = "within the reference";
    if (s.one_sided) {
      // A bound that holds: how far the reference lies beyond it.
      double bound =
          std::isfinite(s.claimed.low) && s.claimed.high == kInf ? s.claimed.low : s.claimed.high;
      double beyond = std::fabs(central - bound) / scale_of;
      if (beyond > kMisleadingGap) {
        s.rating = "mostly-true";
        why = fmt::format("holds as a bound, but the reference lies {} beyond it (more than {})",
                          Percent(beyond), Percent(kMisleadingGap));
      } else {
        why = "holds as a bound, close to the reference";
      }
    }
  } else {
    const double gap = std::fabs(s.gap);
    if (s.claimed.point && s.claimed.Bounded()) {
      for (double k : {1e3, 1e6, 1e9}) {
        if (analyze::Overlaps(analyze::Scaled(s.claimed, k), s.reference) ||
            analyze::Overlaps(s.claimed, analyze::Scaled(s.reference, k))) {
          s.scale = k;
          break;
        }
      }
    }
    if (s.scale > 0) {
      s.rating = "false";
      why = fmt::format("off by a factor of about {}: a slip of thousand/million/billion?",
                        HumanNumber(s.scale));
    } else if (gap <= kMostlyTrueGap) {
      s.rating = "mostly-true";
      why = fmt::format("{} outside the reference (at most {})", Percent(gap),
                        Percent(kMostlyTrueGap));
    } else if (gap <= kMisleadingGap) {
      s.rating = "misleading";
      why = fmt::format("{} outside the reference (more than {}, at most {})", Percent(gap),
                        Percent(kMostlyTrueGap), Percent(kMisleadingGap));
    } else {
      s.rating = "false";
      why = fmt::format("{} outside the reference (more than {})", Percent(gap),
                        Percent(kMisleadingGap));
    }
  }
  std::string ref_figure = fact.value ? HumanNumber(*fact.value)
                                      : HumanNumber(*fact.low) + "–" + HumanNumber(*fact.high);
  std::string reference = fact.tolerance > 0
                              ? fmt::format("{} ±{} = {}", ref_figure, Percent(fact.tolerance),
                                            IntervalText(s.reference))
                              : ref_figure + " exact";
  s.arithmetic = fmt::format(
      "claimed \"{}\" = {}, asserts {}; reference {} ({}, {}) → off by {}, {}: suggest {}", q.text,
      HumanNumber(figure), IntervalText(s.claimed), reference, fact.id, fact.date,
      SignedPercent(s.deviation), why, s.rating);
  return s;
}

std::vector<Suggestion> Suggest(const std::vector<analyze::ClaimRecord>& records,
                                const std::vector<ReferenceFact>& facts,
                                const analyze::KeyConfig& keys) {
  // Facts by family and concept: a claim looks only at the facts that can be about it.
  std::map<std::pair<std::string, std::string>, std::vector<const ReferenceFact*>> index;
  for (const ReferenceFact& f : facts) index[{f.key.family, f.key.concept_id}].push_back(&f);
  std::vector<Suggestion> out;
  for (const analyze::ClaimRecord& r : records) {
    analyze::ClaimKey key = analyze::BuildClaimKey(r, keys);
    if (!key.usable) continue;
    auto it = index.find({key.family, key.measure});
    if (it == index.end()) continue;
    std::vector<const ReferenceFact*> meet;
    for (const ReferenceFact* f : it->second) {
      if (KeyMatches(key, f->key) && DateMatches(r.date, *f)) meet.push_back(f);
    }
    if (meet.empty()) continue;
    auto claim_day = DayOf(r.date);
    auto distance = [&](const ReferenceFact* f) {
      return claim_day ? std::abs(*claim_day - *DayOf(f->date)) : 0;
    };
    std::sort(meet.begin(), meet.end(), [&](const ReferenceFact* a, const ReferenceFact* b) {
      if (distance(a) != distance(b)) return distance(a) < distance(b);
      if (a->date != b->date) return a->date > b->date;
      return a->id < b->id;
    });
    Suggestion s = Compare(r, key, *meet.front(), keys.ToleranceFor(r.claim.claim_type));
    for (size_t i = 1; i < meet.size(); ++i) s.other_facts.push_back(meet[i]->id);
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace claimtrack::facts
