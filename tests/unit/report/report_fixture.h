#pragma once
// A small but complete report: findings of every kind computed by the real analysis from
// hand-made claims (one of them hostile: a script in the sentence, a javascript: URL, markup
// in the title and outlet), with statuses, a gone finding, timelines, counts and coverage.

#include <algorithm>
#include <string>
#include <vector>

#include "../analyze/test_util.h"
#include "claimtrack/analyze/timeline.h"
#include "claimtrack/report/report_data.h"

namespace claimtrack::report::testing {

using analyze::testing::Make;
using analyze::testing::Rec;

inline std::vector<analyze::ClaimRecord> FixtureClaims() {
  std::vector<Rec> recs;
  // Rutte: two versions of the seed article.
  Rec a{"c-rutte-20k", "rutte-nato-2025",
        "Die Verluste auf russischer Seite – laut ihm rund 20.000 Soldaten pro Monat – wirkten "
        "surreal.",
        "rund 20.000", 20000};
  a.qualifier = Qualifier::kApprox;
  a.period = Period::kMonth;
  a.date = "2025-12-03";
  Rec b = a;
  b.id = "c-rutte-28k";
  b.article = "rutte-nato-2025-v2";
  b.sentence =
      "Die Verluste auf russischer Seite – laut ihm 28.000 Soldaten pro Monat – wirkten surreal.";
  b.figure = "28.000";
  b.value = 28000;
  b.qualifier = Qualifier::kNone;
  b.date = "2025-12-04";
  b.outlet = "Beta Blatt";
  recs.push_back(a);
  recs.push_back(b);
  // Reiter: death tolls 14, 27, then 19.
  int day = 15;
  for (int v : {14, 27, 19}) {
    Rec r{"c-reiter-" + std::to_string(v), "hochwasser-" + std::to_string(day),
          "Innenministerin Claudia Reiter sprach von " + std::to_string(v) + " Toten im Murtal.",
          std::to_string(v), static_cast<double>(v)};
    r.type = "casualties";
    r.unit = "Tote";
    r.speaker = "claudia-reiter";
    r.speaker_name = "Claudia Reiter";
    r.date = "2025-09-" + std::to_string(day);
    r.outlet = "Alpenpost";
    day += 3;
    recs.push_back(r);
  }
  // Pistorius: Mrd. vs Mio.
  Rec p{"c-pistorius-mrd", "militaerhilfe-1",
        "Deutschland stellt weitere 1,4 Mrd. Euro Militärhilfe für die Ukraine bereit, sagte "
        "Pistorius.",
        "1,4 Mrd. Euro", 1.4e9};
  p.type = "pledge";
  p.unit = "EUR";
  p.kind = QuantityKind::kMoney;
  p.speaker = "boris-pistorius";
  p.speaker_name = "Boris Pistorius";
  p.date = "2025-11-20";
  Rec q = p;
  q.id = "c-pistorius-mio";
  q.article = "militaerhilfe-2";
  q.sentence =
      "Deutschland stellt weitere 1,4 Mio. Euro Militärhilfe für die Ukraine bereit, sagte "
      "Pistorius.";
  q.figure = "1,4 Mio. Euro";
  q.value = 1.4e6;
  q.date = "2025-11-21";
  recs.push_back(p);
  recs.push_back(q);
  // Hostile text: two outlets, one copied sentence, two figures.
  const std::string hostile =
      "Bei dem Erdbeben in der Türkei <script>alert('x')</script> starben {} Menschen & mehr.";
  for (int i = 0; i < 2; ++i) {
    std::string fig = i == 0 ? "1.200" : "2.100";
    std::string s = hostile;
    s.replace(s.find("{}"), 2, fig);
    Rec h{i == 0 ? "c-hostile-1" : "c-hostile-2", i == 0 ? "beben-a" : "beben-b", s, fig,
          i == 0 ? 1200.0 : 2100.0};
    h.type = "casualties";
    h.unit = "Tote";
    h.outlet = i == 0 ? "Alpha <b>Zeitung</b>" : "Beta \"Blatt\"";
    h.speaker = "narrator:" + h.outlet;
    h.speaker_name = h.outlet;
    h.method = AttributionMethod::kNarrator;
    h.confidence = 0.6;
    h.date = "2025-11-10";
    recs.push_back(h);
  }
  // Stoltenberg: a conflict on a carried-over attribution.
  Rec s1{
      "c-stoltenberg-1", "stoltenberg-1",
      "Stoltenberg schätzt die russischen Verluste in der Ukraine auf 30.000 Soldaten pro Monat.",
      "30.000", 30000};
  s1.period = Period::kMonth;
  s1.speaker = "jens-stoltenberg";
  s1.speaker_name = "Jens Stoltenberg";
  s1.date = "2025-12-01";
  Rec s2 = s1;
  s2.id = "c-stoltenberg-2";
  s2.article = "stoltenberg-2";
  s2.sentence =
      "Stoltenberg schätzt die russischen Verluste in der Ukraine auf 50.000 Soldaten pro Monat.";
  s2.figure = "50.000";
  s2.value = 50000;
  s2.method = AttributionMethod::kCarryover;
  s2.confidence = 0.4;
  s2.date = "2025-12-02";
  recs.push_back(s1);
  recs.push_back(s2);

  std::vector<analyze::ClaimRecord> out;
  for (const Rec& r : recs) out.push_back(Make(r));
  // Hostile metadata.
  for (auto& r : out) {
    if (r.claim_id == "c-hostile-1") {
      r.url = "javascript:alert(1)";
      r.title = "<img src=x onerror=alert(1)>";
    }
  }
  return out;
}

inline ReportData FixtureReport() {
  const auto& keys = analyze::testing::ShippedKeys();
  auto claims = FixtureClaims();
  auto findings = analyze::Analyze(claims, keys);
  ReportData data;
  data.generation.as_of = "2025-12-04";
  data.generation.since = "2025-12-03";
  data.generation.tool_version = "0.1.0";
  data.generation.rule_set = "135d3a7d3306fe2f";
  data.generation.keys_version = "rules/keys.yaml";
  data.generation.database = "claims_db/claims.sqlite";
  data.generation.parameters = {{"formats", "html,md,json"}, {"reproducible", "yes"}};
  for (size_t i = 0; i < findings.size(); ++i) {
    ReportFinding rf;
    rf.finding = findings[i];
    if (i == 1) {
      rf.status = analyze::FindingStatus::kOpen;
      rf.first_seen = "2025-11-30";
    }
    data.findings.push_back(rf);
  }
  if (!findings.empty()) {
    ReportFinding gone;
    gone.finding = findings.back();
    gone.finding.id = "00000000000000ff";
    gone.status = analyze::FindingStatus::kGone;
    gone.first_seen = "2025-11-20";
    data.findings.push_back(gone);
  }
  data.timelines = analyze::BuildTimelines(claims, keys);
  data.counts = {12, 87, 2398, 6165, 640};
  data.coverage = {{"de.troops.soldiers", 11, 2},
                   {"de.casualties.dead", 87, 5},
                   {"en.money.amount", 1114, 20},
                   {"de.money.pledge", 16, 1}};
  return data;
}

}  // namespace claimtrack::report::testing
