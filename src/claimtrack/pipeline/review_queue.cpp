#include "claimtrack/pipeline/review_queue.h"

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>

#include "claimtrack/report/finding_json.h"

namespace claimtrack::pipeline {

namespace {

int SeverityRank(std::string_view s) {
  if (s == "high") return 0;
  if (s == "medium") return 1;
  return 2;
}

std::string AsciiLower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

bool Matches(const store::StoredClaim& c, const QueueOptions& o) {
  if (!o.type.empty() && c.claim.claim_type != o.type) return false;
  if (!o.speaker.empty()) {
    const std::string want = AsciiLower(o.speaker);
    if (AsciiLower(c.claim.attribution.speaker_id) != want &&
        AsciiLower(c.claim.attribution.speaker_name) != want) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::string_view ToString(QueueReason r) {
  switch (r) {
    case QueueReason::kFinding:
      return "finding";
    case QueueReason::kRule:
      return "rule";
    case QueueReason::kChangedSinceReviewed:
      return "changed";
    case QueueReason::kRemovedSinceReviewed:
      return "removed";
  }
  return "finding";
}

std::vector<QueueItem> BuildReviewQueue(const store::Store& db, const store::FindingStore& findings,
                                        const store::ReviewStore& reviews,
                                        const QueueOptions& options) {
  std::vector<QueueItem> items;
  std::map<std::string, size_t> by_claim;  // claim id -> index in items

  // Findings, most severe first (FindingStore's order), so the first finding that names a
  // claim is the one its item shows.
  std::vector<store::FindingRow> rows = findings.Findings("");
  std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
    return SeverityRank(a.severity) < SeverityRank(b.severity);
  });
  std::map<std::string, std::optional<store::StoredClaim>> claim_cache;
  auto claim_of = [&](const std::string& id) -> const std::optional<store::StoredClaim>& {
    auto it = claim_cache.find(id);
    if (it != claim_cache.end()) return it->second;
    std::optional<store::StoredClaim> c;
    if (auto d = db.GetClaim(id); d && !d->claim.superseded) c = std::move(d->claim);
    return claim_cache.emplace(id, std::move(c)).first->second;
  };
  for (const store::FindingRow& row : rows) {
    if (!options.severity.empty() && row.severity != options.severity) continue;
    analyze::Finding f;
    try {
      f = report::FindingFromJson(row.payload);
    } catch (const std::exception&) {
      continue;  // written by a newer claimtrack: `check` rewrites it
    }
    for (const analyze::FindingClaim& fc : f.claims) {
      const auto& claim = claim_of(fc.claim_id);
      if (!claim || !Matches(*claim, options)) continue;
      if (auto it = by_claim.find(fc.claim_id); it != by_claim.end()) {
        ++items[it->second].other_findings;
        continue;
      }
      QueueItem item;
      item.reason = QueueReason::kFinding;
      item.severity = row.severity;
      item.claim = *claim;
      item.finding_id = f.id;
      item.finding_type = row.type;
      item.explanation = f.explanation;
      item.key_label = f.key_label;
      for (const analyze::FindingClaim& other : f.claims) {
        if (other.claim_id == fc.claim_id) continue;
        if (const auto& oc = claim_of(other.claim_id)) item.others.push_back(*oc);
      }
      item.known = reviews.InGroup(row.group, claim->claim.attribution.speaker_id);
      by_claim.emplace(fc.claim_id, items.size());
      items.push_back(std::move(item));
    }
  }

  // Claims whose rule asks for a person, when no finding queued them already.
  if (options.severity.empty() || options.severity == "low") {
    for (const std::string& id : reviews.FlaggedByRules()) {
      if (by_claim.count(id)) continue;
      const auto& claim = claim_of(id);
      if (!claim || !Matches(*claim, options)) continue;
      QueueItem item;
      item.reason = QueueReason::kRule;
      item.severity = "low";
      item.claim = *claim;
      item.explanation = "rule " + claim->claim.rule_id + " asks for every claim to be reviewed";
      by_claim.emplace(id, items.size());
      items.push_back(std::move(item));
    }
  }

  // Figures that already have a verdict are done, unless asked for.
  if (!options.include_reviewed && !items.empty()) {
    std::vector<std::string> figures;
    std::map<std::string, std::string> figure_of;
    for (const QueueItem& i : items) {
      figure_of[i.claim.id] = reviews.FigureOf(i.claim.id);
      figures.push_back(figure_of[i.claim.id]);
    }
    auto latest = reviews.Latest(figures);
    std::erase_if(items, [&](const QueueItem& i) { return latest.count(figure_of[i.claim.id]); });
  }

  // Reviewed figures whose sentence a revision changed or removed.
  if (options.severity.empty() || options.severity == "high") {
    for (store::ChangedSinceReview& ch : reviews.ChangedSinceReviewed()) {
      QueueItem item;
      item.severity = "high";
      item.reviewed = std::move(ch.verdict);
      if (!ch.successors.empty()) {
        item.reason = QueueReason::kChangedSinceReviewed;
        const auto& c = claim_of(ch.successors.front());
        if (!c) continue;
        item.claim = *c;
        for (size_t k = 1; k < ch.successors.size(); ++k) {
          if (const auto& o = claim_of(ch.successors[k])) item.others.push_back(*o);
        }
      } else {
        item.reason = QueueReason::kRemovedSinceReviewed;
        auto d = db.GetClaim(item.reviewed->claim_id);
        if (!d) continue;
        item.claim = std::move(d->claim);
      }
      if (!Matches(item.claim, options)) continue;
      item.explanation =
          item.reason == QueueReason::kChangedSinceReviewed
              ? "the article was revised (revision " + std::to_string(ch.current_revision) +
                    ") and the reviewed sentence changed; the verdict '" + item.reviewed->rating +
                    "' was given on revision " + std::to_string(item.reviewed->article_revision)
              : "the article was revised (revision " + std::to_string(ch.current_revision) +
                    ") and the reviewed sentence is gone; the verdict '" + item.reviewed->rating +
                    "' was given on revision " + std::to_string(item.reviewed->article_revision);
      items.push_back(std::move(item));
    }
  }

  std::stable_sort(items.begin(), items.end(), [](const QueueItem& a, const QueueItem& b) {
    int ra = SeverityRank(a.severity), rb = SeverityRank(b.severity);
    if (ra != rb) return ra < rb;
    if (a.claim.date != b.claim.date) return a.claim.date > b.claim.date;
    return a.claim.id < b.claim.id;
  });
  if (options.limit > 0 && items.size() > options.limit) items.resize(options.limit);
  return items;
}

}  // namespace claimtrack::pipeline
