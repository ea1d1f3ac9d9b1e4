// Writes a finding for a pair that Decide accepted: the claims as shown to people, the key,
// the severity and the one line that explains why the claims were compared.

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "claimtrack/analyze/claim_key.h"
#include "claimtrack/analyze/key_internal.h"
#include "claimtrack/analyze/prepared.h"

namespace claimtrack::analyze::internal {

namespace {

constexpr double kLargeGap = 0.1;  // relative gap from which a conflict is "high"

FindingSeverity Lower(FindingSeverity s) {
  return s == FindingSeverity::kHigh ? FindingSeverity::kMedium : FindingSeverity::kLow;
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

std::string ReasonText(const Decision& d) {
  switch (d.reason) {
    case Reason::kSameStatement:
      return "";
    case Reason::kSameSpeakerInWindow:
      return fmt::format("same speaker within {} days", d.window);
    case Reason::kSameSpeakerSameEvent:
      return "same speaker, same event";
    case Reason::kSameEventNewsCycle:
      return "same event, similar sentences, same news cycle";
    case Reason::kSameEventPreciseFigure:
      return "same event, similar sentences, a precise figure";
  }
  return "";
}

}  // namespace

std::string SpeakerNameOf(const ClaimRecord& r) {
  const Attribution& a = r.claim.attribution;
  if (!a.speaker_name.empty()) return a.speaker_name;
  if (a.speaker_id.rfind("narrator:", 0) == 0) return a.speaker_id.substr(9);
  if (a.speaker_id.rfind("name:", 0) == 0) return a.speaker_id.substr(5);
  if (a.speaker_id.empty() || a.speaker_id == "unknown") return "unknown speaker";
  return a.speaker_id;
}

Finding BuildFinding(Prepared& p, uint32_t x, uint32_t y, const Decision& d) {
  const Item& a = p.items[x];
  const Item& b = p.items[y];
  const ClaimRecord& ra = (*p.records)[a.rec];
  const ClaimRecord& rb = (*p.records)[b.rec];
  Finding f;
  f.type = d.type;
  f.group = p.groups[a.group];
  ClaimKey ka, kb;
  BuildKey(ra, *p.config, p.key_scratch, p.key_extras, ka);
  BuildKey(rb, *p.config, p.key_scratch, p.key_extras, kb);
  f.key = MergedKey(ka, kb, &f.key_label);
  f.scope = ka.scope;
  f.claims = {MakeClaim(p, a), MakeClaim(p, b)};
  if (std::make_pair(a.day, ra.claim_id) > std::make_pair(b.day, rb.claim_id)) {
    std::swap(f.claims[0], f.claims[1]);
  }
  const FindingClaim& ca = f.claims[0];
  const FindingClaim& cb = f.claims[1];
  if (d.same_speaker) {
    f.speaker_id = ra.claim.attribution.speaker_id;
    f.speaker_name = ca.speaker_name;
  }
  f.weak_attribution = a.weak || b.weak;
  f.relative_gap = d.relative_gap;
  f.days_apart = d.days;
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
      f.explanation = fmt::format(
          "{}, same key {}: {} ({}) vs {} ({}) cannot both hold{}", who, f.key, fa, Where(ca), fb,
          Where(cb), a.cumulative && !d.dated ? " (dates unknown: may be an update)" : "");
      break;
    case FindingType::kScaleSlip:
      f.severity = FindingSeverity::kMedium;
      f.explanation = fmt::format(
          "{}, same key {}: {} ({}) vs {} ({}) differ by a factor of about {}: likely a scale "
          "slip (thousand/million, Mio./Mrd., Billion/billion)",
          d.same_speaker ? who : "outlets " + ca.outlet + " and " + cb.outlet, f.key, fa, Where(ca),
          fb, Where(cb), HumanNumber(d.scale));
      break;
    case FindingType::kTimelineAnomaly:
      f.severity = large ? FindingSeverity::kHigh : FindingSeverity::kMedium;
      f.explanation = fmt::format(
          "{}, same key {}: the cumulative count went down from {} ({}) to {} ({}), {} days later",
          who, f.key, fa, Where(ca), fb, Where(cb), d.days);
      break;
    case FindingType::kAttributionDrift:
      f.severity = FindingSeverity::kMedium;
      f.explanation =
          fmt::format("same figure {} for the same key {}, attributed to {} ({}) and to {} ({})",
                      fa, f.key, ca.speaker_name, Where(ca), cb.speaker_name, Where(cb));
      break;
    case FindingType::kOutletDisagreement: {
      // "(own text, date)" for an outlet's own sentence, else the speaker it names.
      auto source = [](const FindingClaim& c) {
        std::string date = c.date.empty() ? "undated" : c.date.substr(0, 10);
        bool own = c.speaker_id.rfind("narrator:", 0) == 0 || c.method == "narrator";
        return (own ? std::string("own text") : c.speaker_name) + ", " + date;
      };
      f.severity = large ? FindingSeverity::kMedium : FindingSeverity::kLow;
      f.explanation = fmt::format("outlets {} and {}, same key {}: {} ({}) vs {} ({})", ca.outlet,
                                  cb.outlet, f.key, fa, source(ca), fb, source(cb));
      break;
    }
  }
  if (f.weak_attribution) {
    f.severity = Lower(f.severity);
    const FindingClaim& w = ca.weak ? ca : cb;
    f.explanation += fmt::format(
        "; weak attribution ({} for {}, confidence {:.2f}): check who said it before treating "
        "this as a contradiction",
        w.method, w.speaker_name, w.confidence);
  }
  std::string reason = ReasonText(d);
  if (!reason.empty()) f.explanation += "; compared because: " + reason;
  return f;
}

}  // namespace claimtrack::analyze::internal
