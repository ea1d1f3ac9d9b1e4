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

bool SameFolded(std::string_view a, std::string_view b) {
  auto fold = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (fold(a[i]) != fold(b[i])) return false;
  }
  return true;
}

bool Matches(const store::StoredClaim& c, const QueueOptions& o) {
  if (!o.type.empty() && c.claim.claim_type != o.type) return false;
  return o.speaker.empty() || SpeakerMatches(o.speaker, c.claim.attribution.speaker_id,
                                             c.claim.attribution.speaker_name);
}

}  // namespace

bool SpeakerMatches(std::string_view wanted, std::string_view id, std::string_view name) {
  return SameFolded(wanted, id) || SameFolded(wanted, name);
}

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
  // 1. Candidates from what is cheap to read: the findings' payloads carry each claim's
  //    date and speaker, so the queue is ranked before any claim row is read, and only the
  //    claims that make the page are loaded (a million-claim database has tens of thousands
  //    of findings).
  struct Candidate {
    std::string claim_id;
    QueueReason reason = QueueReason::kFinding;
    int rank = 2;        // severity
    std::string date;    // newest first
    size_t finding = 0;  // index into `parsed` (kFinding)
    int other_findings = 0;
  };
  std::vector<store::FindingRow> rows = findings.Findings("");
  std::vector<analyze::Finding> parsed;
  std::vector<std::string> groups;
  std::vector<std::string> severities;
  std::map<std::string, size_t> by_claim;  // claim id -> index in candidates
  std::vector<Candidate> candidates;
  for (const store::FindingRow& row : rows) {
    if (!options.severity.empty() && row.severity != options.severity) continue;
    analyze::Finding f;
    try {
      f = report::FindingFromJson(row.payload);
    } catch (const std::exception&) {
      continue;  // written by a newer claimtrack: `check` rewrites it
    }
    const int rank = SeverityRank(row.severity);
    bool used = false;
    for (const analyze::FindingClaim& fc : f.claims) {
      if (!options.speaker.empty() &&
          !SpeakerMatches(options.speaker, fc.speaker_id, fc.speaker_name)) {
        continue;
      }
      auto it = by_claim.find(fc.claim_id);
      if (it != by_claim.end()) {
        Candidate& c = candidates[it->second];
        ++c.other_findings;
        if (rank < c.rank) c.rank = rank, c.finding = parsed.size();
        used = true;
        continue;
      }
      by_claim.emplace(fc.claim_id, candidates.size());
      candidates.push_back({fc.claim_id, QueueReason::kFinding, rank, fc.date, parsed.size(), 0});
      used = true;
    }
    if (used) {
      parsed.push_back(std::move(f));
      groups.push_back(row.group);
      severities.push_back(row.severity);
    }
  }
  if (options.severity.empty() || options.severity == "low") {
    for (const std::string& id : reviews.FlaggedByRules()) {
      if (by_claim.count(id)) continue;
      by_claim.emplace(id, candidates.size());
      candidates.push_back({id, QueueReason::kRule, 2, "", 0, 0});
    }
  }
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const Candidate& a, const Candidate& b) {
                     if (a.rank != b.rank) return a.rank < b.rank;
                     if (a.date != b.date) return a.date > b.date;
                     return a.claim_id < b.claim_id;
                   });

  std::vector<QueueItem> items;
  // 2. Reviewed figures whose sentence a revision changed or removed: few, always first.
  if (options.severity.empty() || options.severity == "high") {
    for (store::ChangedSinceReview& ch : reviews.ChangedSinceReviewed()) {
      QueueItem item;
      item.severity = "high";
      item.reviewed = std::move(ch.verdict);
      if (!ch.successors.empty()) {
        item.reason = QueueReason::kChangedSinceReviewed;
        auto current = db.CurrentClaims(ch.successors);
        if (current.empty()) continue;
        auto first = std::find_if(current.begin(), current.end(),
                                  [&](const auto& c) { return c.id == ch.successors.front(); });
        if (first == current.end()) first = current.begin();
        item.claim = *first;
        for (auto& c : current) {
          if (c.id != item.claim.id) item.others.push_back(std::move(c));
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
  if (options.limit > 0 && items.size() >= options.limit) {
    items.resize(options.limit);
    return items;
  }

  // 3. Walk the ranked candidates in chunks: load, drop reviewed figures and other types,
  //    until the page is full.
  constexpr size_t kChunk = 200;
  std::set<std::string> shown;  // a changed claim a finding also names is listed once
  for (const QueueItem& i : items) shown.insert(i.claim.id);
  std::vector<QueueItem> ranked;
  for (size_t at = 0; at < candidates.size(); at += kChunk) {
    if (options.limit > 0 && items.size() + ranked.size() >= options.limit) break;
    const size_t end = std::min(candidates.size(), at + kChunk);
    std::vector<std::string> ids;
    for (size_t i = at; i < end; ++i) ids.push_back(candidates[i].claim_id);
    std::map<std::string, store::StoredClaim> loaded;
    for (store::StoredClaim& c : db.CurrentClaims(ids)) {
      std::string id = c.id;
      loaded.emplace(std::move(id), std::move(c));
    }
    std::map<std::string, std::string> figure_of;
    if (!options.include_reviewed) {
      std::vector<std::string> figures;
      for (const auto& [id, c] : loaded) figures.push_back(figure_of[id] = reviews.FigureOf(id));
      auto latest = reviews.Latest(figures);
      for (auto& [id, f] : figure_of) {
        if (!latest.count(f)) f.clear();  // "" = not reviewed
      }
    }
    for (size_t i = at; i < end; ++i) {
      if (options.limit > 0 && items.size() + ranked.size() >= options.limit) break;
      const Candidate& cand = candidates[i];
      auto it = loaded.find(cand.claim_id);
      if (it == loaded.end()) continue;  // superseded since the last check
      if (shown.count(cand.claim_id)) continue;
      if (!options.include_reviewed && !figure_of[cand.claim_id].empty()) continue;
      if (!Matches(it->second, options)) continue;
      QueueItem item;
      item.reason = cand.reason;
      item.severity = cand.reason == QueueReason::kFinding ? severities[cand.finding] : "low";
      item.claim = it->second;
      item.other_findings = cand.other_findings;
      if (cand.reason == QueueReason::kFinding) {
        const analyze::Finding& f = parsed[cand.finding];
        item.finding_id = f.id;
        item.finding_type = std::string(analyze::ToString(f.type));
        item.explanation = f.explanation;
        item.key_label = f.key_label;
        std::vector<std::string> others;
        for (const analyze::FindingClaim& o : f.claims) {
          if (o.claim_id != cand.claim_id) others.push_back(o.claim_id);
        }
        item.others = db.CurrentClaims(others);
        item.known = reviews.InGroup(groups[cand.finding], item.claim.claim.attribution.speaker_id);
      } else {
        item.explanation =
            "rule " + item.claim.claim.rule_id + " asks for every claim to be reviewed";
      }
      ranked.push_back(std::move(item));
    }
  }
  for (QueueItem& i : ranked) items.push_back(std::move(i));
  return items;
}

}  // namespace claimtrack::pipeline
