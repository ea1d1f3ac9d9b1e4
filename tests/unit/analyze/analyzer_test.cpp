// The analysis API: stable ids, order independence, status since the last run, ranking of
// weak attributions, filters and caps, what a finding carries, and timelines.

#include <algorithm>
#include <catch2/catch.hpp>
#include <random>
#include <set>

#include "claimtrack/analyze/claim_key.h"
#include "claimtrack/analyze/status.h"
#include "claimtrack/analyze/timeline.h"
#include "test_util.h"

using namespace claimtrack;
using namespace claimtrack::analyze;
using namespace claimtrack::analyze::testing;

namespace {

const char* kApprox =
    "Die Verluste auf russischer Seite – laut ihm rund 20.000 Soldaten pro Monat – wirkten "
    "surreal.";
const char* kOther =
    "Die Verluste auf russischer Seite – laut ihm 28.000 Soldaten pro Monat – wirkten surreal.";

std::vector<Rec> RutteVersions() {
  Rec a{"c-20k", "", kApprox, "rund 20.000", 20000};
  a.qualifier = Qualifier::kApprox;
  a.period = Period::kMonth;
  Rec b{"c-28k", "", kOther, "28.000", 28000};
  b.period = Period::kMonth;
  return {a, b};
}

// Murtal death tolls by Claudia Reiter: 14, 27 (grows), then 19 (goes down).
std::vector<Rec> Tolls() {
  std::vector<Rec> out;
  int day = 15;
  for (int v : {14, 27, 19}) {
    Rec r{"toll-" + std::to_string(v), "",
          "Innenministerin Claudia Reiter sprach von " + std::to_string(v) + " Toten im Murtal.",
          std::to_string(v), static_cast<double>(v)};
    r.type = "casualties";
    r.unit = "Tote";
    r.speaker = "claudia-reiter";
    r.speaker_name = "Claudia Reiter";
    r.date = "2025-09-" + std::to_string(day);
    day += 3;
    out.push_back(r);
  }
  return out;
}

}  // namespace

TEST_CASE("a value conflict explains why its claims were compared", "[analyze]") {
  auto findings = Run(RutteVersions());
  REQUIRE(findings.size() == 1);
  const Finding& f = findings[0];
  CHECK(f.type == FindingType::kValueConflict);
  CHECK(f.severity == FindingSeverity::kHigh);
  CHECK(f.speaker_id == "mark-rutte");
  CHECK(f.speaker_name == "Mark Rutte");
  CHECK(f.group == "troops/soldier/month loss=losses");
  CHECK(f.key == "troops/soldier/month loss=losses side=russian");
  CHECK(f.explanation.rfind("same speaker Mark Rutte, same key troops/soldier/month", 0) == 0);
  CHECK(f.explanation.find("~20,000") != std::string::npos);
  CHECK(f.explanation.find("28,000") != std::string::npos);
  CHECK_FALSE(f.weak_attribution);
  REQUIRE(f.claims.size() == 2);
  const FindingClaim& c = f.claims[0];
  CHECK(c.claim_id == "c-20k");
  CHECK(c.figure == "rund 20.000");
  CHECK(c.qualifier == "approx");
  CHECK(c.period == "month");
  CHECK(c.unit == "Soldat");
  REQUIRE(c.value);
  CHECK(*c.value == 20000);
  REQUIRE(c.low);
  REQUIRE(c.high);
  CHECK(*c.low == 18000);
  CHECK(*c.high == 22000);
  CHECK(c.sentence.substr(c.span_begin, c.span_end - c.span_begin) == "rund 20.000");
  CHECK(c.method == "reported");
  CHECK(c.outlet == "Alpha Zeitung");
  CHECK(f.id.size() == 16);
}

TEST_CASE("finding ids are stable and findings do not depend on the input order", "[analyze]") {
  std::vector<Rec> recs = RutteVersions();
  for (const Rec& r : Tolls()) recs.push_back(r);
  auto first = Run(recs);
  REQUIRE(first.size() == 2);
  std::mt19937 rng(7);
  for (int round = 0; round < 5; ++round) {
    std::shuffle(recs.begin(), recs.end(), rng);
    auto again = Run(recs);
    REQUIRE(again.size() == first.size());
    for (size_t i = 0; i < first.size(); ++i) {
      CHECK(again[i].id == first[i].id);
      CHECK(again[i].explanation == first[i].explanation);
    }
  }
  CHECK(first[0].id == FindingId(first[0].type, first[0].group,
                                 {first[0].claims[1].claim_id, first[0].claims[0].claim_id}));
  // Another claim makes another finding.
  recs = RutteVersions();
  recs[1].id = "c-28k-revised";
  CHECK(Run(recs)[0].id != Run(RutteVersions())[0].id);
}

TEST_CASE("the analysis hands back each record's key scope", "[analyze]") {
  std::vector<Rec> recs = RutteVersions();
  for (const Rec& r : Tolls()) recs.push_back(r);
  Rec none{"c-none", "", "Es gab 12 Busse.", "12", 12};
  none.type = "other";
  recs.push_back(none);
  std::vector<ClaimRecord> records;
  for (const Rec& r : recs) records.push_back(Make(r));
  std::vector<std::string> scopes;
  auto with = Analyze(records, ShippedKeys(), {}, nullptr, &scopes);
  REQUIRE(scopes.size() == records.size());
  for (size_t i = 0; i < records.size(); ++i) {
    ClaimKey k = BuildClaimKey(records[i], ShippedKeys());
    CHECK(scopes[i] == (k.usable ? k.scope : std::string()));
  }
  CHECK(scopes.back().empty());
  CHECK_FALSE(scopes.front().empty());
  auto without = Analyze(records, ShippedKeys());
  REQUIRE(with.size() == without.size());
  for (size_t i = 0; i < with.size(); ++i) CHECK(with[i].id == without[i].id);
}

TEST_CASE("status since the last run: new, still open, gone", "[analyze]") {
  auto findings = Run(RutteVersions());
  REQUIRE(findings.size() == 1);
  auto delta = CompareWithPrevious(findings, {});
  CHECK(delta.status == std::vector<FindingStatus>{FindingStatus::kNew});
  CHECK(delta.gone.empty());
  delta = CompareWithPrevious(findings, {findings[0].id, "0000000000000001"});
  CHECK(delta.status == std::vector<FindingStatus>{FindingStatus::kOpen});
  CHECK(delta.gone == std::vector<std::string>{"0000000000000001"});
  FindingStatus s;
  CHECK(ParseFindingStatus("gone", &s));
  CHECK(s == FindingStatus::kGone);
  CHECK(ToString(FindingStatus::kOpen) == "open");
}

TEST_CASE("a finding on a weak attribution says so and ranks below a strong one", "[analyze]") {
  std::vector<Rec> recs = RutteVersions();
  // A second conflict, by another speaker, on a carried-over attribution.
  Rec c{"z-weak-1", "",
        "Stoltenberg schätzt die russischen Verluste in der Ukraine auf rund 20.000 Soldaten pro "
        "Monat.",
        "rund 20.000", 20000};
  c.qualifier = Qualifier::kApprox;
  c.period = Period::kMonth;
  c.speaker = "jens-stoltenberg";
  c.speaker_name = "Jens Stoltenberg";
  Rec d{"z-weak-2", "",
        "Stoltenberg schätzt die russischen Verluste in der Ukraine auf 28.000 Soldaten pro Monat.",
        "28.000", 28000};
  d.period = Period::kMonth;
  d.speaker = "jens-stoltenberg";
  d.speaker_name = "Jens Stoltenberg";
  d.method = AttributionMethod::kCarryover;
  d.confidence = 0.4;
  recs.push_back(c);
  recs.push_back(d);
  auto findings = Run(recs);
  REQUIRE(findings.size() == 2);
  CHECK_FALSE(findings[0].weak_attribution);
  CHECK(findings[1].weak_attribution);
  CHECK(findings[1].severity == FindingSeverity::kMedium);
  CHECK(findings[1].explanation.find("weak attribution (carryover for Jens Stoltenberg") !=
        std::string::npos);
  CHECK(FindingLess(findings[0], findings[1]));
}

TEST_CASE("type filter and per-group cap limit what is reported", "[analyze]") {
  std::vector<Rec> recs = RutteVersions();
  for (const Rec& r : Tolls()) recs.push_back(r);
  AnalyzeOptions only_timeline;
  only_timeline.types = {FindingType::kTimelineAnomaly};
  auto f = Run(recs, only_timeline);
  REQUIRE(f.size() == 1);
  CHECK(f[0].type == FindingType::kTimelineAnomaly);
  CHECK(f[0].explanation.find("went down from 27") != std::string::npos);

  // Ten versions of one sentence with ten different figures: many conflicts in one group.
  std::vector<ClaimRecord> many;
  for (int i = 1; i <= 10; ++i) {
    std::string fig = std::to_string(i * 7) + ".000";
    Rec r{"v" + std::to_string(i), "",
          "Die Verluste auf russischer Seite – laut ihm " + fig +
              " Soldaten pro Monat – wirkten surreal.",
          fig, i * 7000.0};
    r.period = Period::kMonth;
    many.push_back(Make(r));
  }
  AnalyzeOptions capped;
  capped.max_findings_per_group = 3;
  AnalyzeStats stats;
  auto g = Analyze(many, ShippedKeys(), capped, &stats);
  CHECK(g.size() == 3);
  CHECK(stats.capped_groups == 1);
  CHECK(stats.claims == 10);
  CHECK(stats.compared == 10);
  CHECK(stats.groups == 1);
}

TEST_CASE("timelines list one speaker's figures per key in date order", "[analyze]") {
  std::vector<ClaimRecord> records;
  for (const Rec& r : Tolls()) records.push_back(Make(r));
  for (const Rec& r : RutteVersions()) records.push_back(Make(r));  // same day: 2 points
  Rec narrator{"n1", "", "Die Zeitung zählt 30 Tote.", "30", 30};
  narrator.type = "casualties";
  narrator.unit = "Tote";
  narrator.speaker = "narrator:Alpha Zeitung";
  narrator.method = AttributionMethod::kNarrator;
  records.push_back(Make(narrator));
  std::reverse(records.begin(), records.end());

  auto timelines = BuildTimelines(records, ShippedKeys());
  REQUIRE(timelines.size() == 2);
  CHECK(timelines[0].speaker_name == "Claudia Reiter");
  CHECK(timelines[0].group == "casualties/death");
  REQUIRE(timelines[0].points.size() == 3);
  CHECK(timelines[0].points[0].date == "2025-09-15");
  CHECK(timelines[0].points[2].date == "2025-09-21");
  CHECK(*timelines[0].points[1].value == 27);
  CHECK(timelines[1].speaker_name == "Mark Rutte");

  TimelineOptions only_rutte;
  only_rutte.speaker_ids = {"mark-rutte"};
  CHECK(BuildTimelines(records, ShippedKeys(), only_rutte).size() == 1);
  TimelineOptions three;
  three.min_points = 3;
  CHECK(BuildTimelines(records, ShippedKeys(), three).size() == 1);
}

TEST_CASE("analysing the claims of one scope gives that scope's findings of a full run",
          "[analyze]") {
  std::vector<ClaimRecord> all;
  for (const Rec& r : RutteVersions()) all.push_back(Make(r));
  for (const Rec& r : Tolls()) all.push_back(Make(r));
  // A revision reported in another group of the money scope ("war ... ausgegangen": no
  // measure word, so group money/?/EUR) clears the conflict in money/damage/EUR.
  Rec a{"m1", "h15", "„Wir rechnen mit einem Schaden von rund 1,2 Milliarden Euro“, sagte Reiter.",
        "rund 1,2 Milliarden Euro", 1.2e9};
  Rec b{"m2", "h18", "„Der Schaden wird weit über zwei Milliarden Euro liegen“, sagte Reiter.",
        "weit über zwei Milliarden Euro", 2e9};
  Rec c{"m3", "h18", "Zu Wochenbeginn war sie von rund 1,2 Milliarden Euro ausgegangen.",
        "rund 1,2 Milliarden Euro", 1.2e9};
  for (Rec* r : {&a, &b, &c}) {
    r->type = "money";
    r->unit = "EUR";
    r->kind = QuantityKind::kMoney;
    r->speaker = "claudia-reiter";
    r->speaker_name = "Claudia Reiter";
  }
  a.qualifier = c.qualifier = Qualifier::kApprox;
  b.qualifier = Qualifier::kMoreThan;
  a.date = "2025-09-15";
  b.date = c.date = "2025-09-18";
  for (const Rec* r : {&a, &b, &c}) all.push_back(Make(*r));
  CHECK(BuildClaimKey(all[5], ShippedKeys()).group != BuildClaimKey(all[7], ShippedKeys()).group);
  CHECK(BuildClaimKey(all[5], ShippedKeys()).scope == BuildClaimKey(all[7], ShippedKeys()).scope);

  auto full = Analyze(all, ShippedKeys());
  std::set<std::string> scopes;
  for (const auto& r : all) scopes.insert(BuildClaimKey(r, ShippedKeys()).scope);
  size_t seen = 0;
  for (const std::string& scope : scopes) {
    std::vector<ClaimRecord> part;
    for (const auto& r : all) {
      if (BuildClaimKey(r, ShippedKeys()).scope == scope) part.push_back(r);
    }
    std::vector<std::string> want, got;
    for (const auto& f : full) {
      if (f.scope == scope) want.push_back(f.id);
    }
    for (const auto& f : Analyze(part, ShippedKeys())) got.push_back(f.id);
    CHECK(got == want);
    seen += got.size();
  }
  CHECK(seen == full.size());
  CHECK(full.size() == 2);  // Rutte's conflict and Reiter's falling toll; the revision is reported
}

TEST_CASE("a sentence with figures of two scopes that both changed is a finding in each scope",
          "[analyze]") {
  // One finding per pair of sentences is kept per scope, not across scopes: otherwise the
  // troops finding would depend on whether the money scope was analysed too (an incremental
  // `check` recomputes only some scopes).
  const std::string p =
      "Laut Rutte verliert Russland 20.000 Soldaten pro Monat und gibt dafür 5 Milliarden Euro "
      "aus.";
  const std::string q =
      "Laut Rutte verliert Russland 31.000 Soldaten pro Monat und gibt dafür 9 Milliarden Euro "
      "aus.";
  std::vector<Rec> recs = {{"pt", "p", p, "20.000", 20000},
                           {"pm", "p", p, "5 Milliarden Euro", 5e9},
                           {"qt", "q", q, "31.000", 31000},
                           {"qm", "q", q, "9 Milliarden Euro", 9e9}};
  for (Rec& r : recs) {
    r.date = r.article == "p" ? "2025-11-10" : "2025-11-12";
    if (r.id.back() == 't') {
      r.period = Period::kMonth;
    } else {
      r.type = "money";
      r.unit = "EUR";
      r.kind = QuantityKind::kMoney;
    }
  }
  std::vector<ClaimRecord> all;
  for (const Rec& r : recs) all.push_back(Make(r));
  auto full = Analyze(all, ShippedKeys());
  REQUIRE(full.size() == 2);
  CHECK(full[0].scope != full[1].scope);
  for (const Finding& f : full) {
    std::vector<ClaimRecord> part;
    for (const ClaimRecord& r : all) {
      if (BuildClaimKey(r, ShippedKeys()).scope == f.scope) part.push_back(r);
    }
    auto alone = Analyze(part, ShippedKeys());
    REQUIRE(alone.size() == 1);
    CHECK(alone[0].id == f.id);
  }
}

TEST_CASE("claims that are never compared can be passed as sentences only", "[analyze]") {
  std::vector<ClaimRecord> all;
  for (const Rec& r : RutteVersions()) all.push_back(Make(r));
  for (const Rec& r : Tolls()) all.push_back(Make(r));
  // Claims without a usable key in the same articles: another claim type, no value, an
  // ambiguous reading. They count for "two articles share sentences" (copies) only.
  const size_t compared = all.size();
  for (size_t i = 0; i < compared; ++i) {
    ClaimRecord other = all[i];
    other.claim_id += "-other";
    other.claim.claim_type = "other";
    other.claim.sentence = "Der Satz " + std::to_string(i % 2) + " steht in beiden Texten.";
    all.push_back(other);
    ClaimRecord no_value = all[i];
    no_value.claim_id += "-none";
    no_value.claim.quantity.value.reset();
    all.push_back(no_value);
    ClaimRecord ambiguous = all[i];
    ambiguous.claim_id += "-ambiguous";
    ambiguous.claim.quantity.ambiguous = true;
    all.push_back(ambiguous);
  }
  std::vector<ClaimRecord> records;
  std::vector<SentenceRef> context;
  for (const ClaimRecord& r : all) {
    const Quantity& q = r.claim.quantity;
    const bool may = MayHaveUsableKey(ShippedKeys(), r.claim.claim_type, q.value || q.low || q.high,
                                      q.ambiguous);
    CHECK(may == BuildClaimKey(r, ShippedKeys()).usable);
    if (may) {
      records.push_back(r);
    } else {
      context.push_back(SentenceRefOf(r.article_id, r.claim.sentence));
    }
  }
  REQUIRE(records.size() == compared);
  AnalyzeStats full_stats, split_stats;
  auto full = Analyze(all, ShippedKeys(), {}, &full_stats);
  auto split = Analyze(records, ShippedKeys(), {}, &split_stats, nullptr, &context);
  std::vector<std::string> want, got;
  for (const auto& f : full) want.push_back(f.id + " " + f.explanation);
  for (const auto& f : split) got.push_back(f.id + " " + f.explanation);
  CHECK(got == want);
  CHECK(!got.empty());
  CHECK(split_stats.claims == full_stats.claims);
  CHECK(split_stats.pairs == full_stats.pairs);
}
