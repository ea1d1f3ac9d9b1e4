#include "claimtrack/analyze/timeline.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

#include "claimtrack/analyze/dates.h"
#include "claimtrack/analyze/finding.h"
#include "claimtrack/analyze/interval.h"
#include "claimtrack/analyze/key_internal.h"

namespace claimtrack::analyze {

std::vector<Timeline> BuildTimelines(const std::vector<ClaimRecord>& records,
                                     const KeyConfig& config, const TimelineOptions& options) {
  auto wanted = [](const std::vector<std::string>& list, const std::string& s) {
    return list.empty() || std::find(list.begin(), list.end(), s) != list.end();
  };
  std::map<std::pair<std::string, std::string>, Timeline> by_key;
  internal::KeyScratch scratch;
  internal::KeyExtras extras;
  ClaimKey key;
  for (const ClaimRecord& r : records) {
    const Attribution& a = r.claim.attribution;
    if (a.speaker_id.empty() || a.speaker_id == "unknown") continue;
    if (!options.include_outlet_text &&
        (a.speaker_id.rfind("narrator:", 0) == 0 || a.method == AttributionMethod::kNarrator)) {
      continue;
    }
    if (!wanted(options.speaker_ids, a.speaker_id)) continue;
    if (internal::DayNumber(r.date) == internal::kNoDay) continue;
    internal::BuildKey(r, config, scratch, extras, key);
    if (!key.usable || key.reported_earlier || !wanted(options.groups, key.group)) continue;

    Timeline& t = by_key[{a.speaker_id, key.group}];
    if (t.points.empty()) {
      t.speaker_id = a.speaker_id;
      t.speaker_name = internal::SpeakerNameOf(r);
      t.group = key.group;
      t.key_label = key.Label();
      t.unit = key.unit;
    }
    const Quantity& q = r.claim.quantity;
    const double scale = q.kind == QuantityKind::kFraction ? 100 : 1;
    Interval iv = AssertedInterval(q, config.ToleranceFor(r.claim.claim_type));
    TimelinePoint p;
    p.date = r.date.substr(0, 10);
    p.claim_id = r.claim_id;
    p.article_id = r.article_id;
    p.outlet = r.outlet;
    p.url = r.url;
    p.title = r.title;
    p.figure = q.text;
    FindingClaim fc;
    fc.kind = std::string(ToString(q.kind));
    fc.value = q.value;
    if (!q.value) {
      fc.range_low = q.low;
      fc.range_high = q.high;
    }
    fc.qualifier = std::string(ToString(q.qualifier));
    fc.unit = q.unit;
    p.figure_text = FigureText(fc);
    if (q.value) p.value = *q.value * scale;
    if (std::isfinite(iv.low)) p.low = iv.low * scale;
    if (std::isfinite(iv.high)) p.high = iv.high * scale;
    p.weak = a.method == AttributionMethod::kCarryover || a.method == AttributionMethod::kNone ||
             a.confidence < 0.6;
    t.points.push_back(std::move(p));
  }

  std::vector<Timeline> out;
  for (auto& [k, t] : by_key) {
    if (t.points.size() < options.min_points) continue;
    std::sort(t.points.begin(), t.points.end(), [](const TimelinePoint& a, const TimelinePoint& b) {
      return std::tie(a.date, a.claim_id) < std::tie(b.date, b.claim_id);
    });
    if (t.points.size() > options.max_points) {
      t.points.erase(t.points.begin(),
                     t.points.begin() + static_cast<long>(t.points.size() - options.max_points));
    }
    out.push_back(std::move(t));
  }
  if (out.size() > options.max_timelines) {
    std::stable_sort(out.begin(), out.end(), [](const Timeline& a, const Timeline& b) {
      return a.points.size() > b.points.size();
    });
    out.resize(options.max_timelines);
  }
  std::sort(out.begin(), out.end(), [](const Timeline& a, const Timeline& b) {
    return std::tie(a.speaker_name, a.speaker_id, a.key_label, a.group) <
           std::tie(b.speaker_name, b.speaker_id, b.key_label, b.group);
  });
  return out;
}

}  // namespace claimtrack::analyze
