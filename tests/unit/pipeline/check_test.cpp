// `check` on a small database made by hand: an incremental run gives the findings of a full
// run (pipeline/check.h), also where a finding depends on claims outside the recomputed scope.

#include "claimtrack/pipeline/check.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "../analyze/test_util.h"
#include "claimtrack/report/finding_json.h"
#include "claimtrack/store/findings.h"
#include "claimtrack/store/store.h"

namespace fs = std::filesystem;
using namespace claimtrack;
using analyze::testing::Make;
using analyze::testing::Rec;
using analyze::testing::ShippedKeys;

namespace {

// An article whose text is its claims' sentences, one after another (claims of one sentence
// share it).
store::ArticleClaims ArticleOf(const std::string& id, const std::string& date,
                               const std::string& outlet, std::vector<Rec> recs) {
  store::ArticleClaims out;
  Article& a = out.article;
  a.id = id;
  a.path = id + ".md";
  a.url = "https://example.org/" + id;
  a.title = "Title " + id;
  a.date = date;
  a.outlet = outlet;
  a.lang = "de";
  std::map<std::string, size_t> at;  // sentence -> offset in the text
  for (Rec& r : recs) {
    r.article = id;
    r.date = date;
    r.outlet = outlet;
    if (!at.count(r.sentence)) {
      if (!a.text.empty()) a.text += " ";
      at[r.sentence] = a.text.size();
      a.text += r.sentence;
    }
    Claim c = Make(r).claim;
    const size_t off = at[r.sentence];
    c.sentence_span = {off, off + r.sentence.size()};
    c.quantity.span = {c.quantity.span.begin + off, c.quantity.span.end + off};
    out.claims.push_back(c);
  }
  a.content_hash = id;
  return out;
}

Rec Typed(const std::string& sentence, const std::string& figure, double value,
          const std::string& type, const std::string& unit, QuantityKind kind) {
  Rec r{"", "", sentence, figure, value};
  r.type = type;
  r.unit = unit;
  r.kind = kind;
  return r;
}

Rec Other(const std::string& sentence, const std::string& figure, double value) {
  return Typed(sentence, figure, value, "other", "", QuantityKind::kNumber);
}

Rec Money(const std::string& sentence, const std::string& figure, double value) {
  return Typed(sentence, figure, value, "money", "EUR", QuantityKind::kMoney);
}

// The first articles: two copies of one report (they share two sentences) with one speaker's
// differing figures in sentences that are not one statement, whose claims of type "other"
// make them copies; and one sentence with figures of two scopes (troops, money), edited in a
// later article with both figures changed.
std::vector<store::ArticleClaims> FirstBatch() {
  const std::string s1 = "Das Treffen in Brüssel dauerte 3 Stunden.";
  const std::string s2 = "Am Tisch saßen 12 Ministerinnen und Minister.";
  Rec de{"", "",
         "Die Verluste auf russischer Seite – laut ihm 20.000 Soldaten pro Monat – "
         "wirkten surreal.",
         "20.000", 20000};
  de.period = Period::kMonth;
  Rec en{"", "", "Russia is losing 28,000 soldiers a month, Rutte said.", "28,000", 28000};
  en.period = Period::kMonth;
  en.type = "troop_losses";
  en.unit = "soldier";
  const std::string p =
      "Laut Rutte verliert Russland 20.000 Soldaten pro Monat und gibt dafür "
      "5 Milliarden Euro aus.";
  const std::string q =
      "Laut Rutte verliert Russland 31.000 Soldaten pro Monat und gibt dafür "
      "9 Milliarden Euro aus.";
  Rec pt{"", "", p, "20.000", 20000}, qt{"", "", q, "31.000", 31000};
  pt.period = qt.period = Period::kMonth;
  return {
      ArticleOf("x", "2025-12-03", "Alpha Zeitung", {de, Other(s1, "3", 3), Other(s2, "12", 12)}),
      ArticleOf("y", "2025-12-04", "Gamma News", {en, Other(s1, "3", 3), Other(s2, "12", 12)}),
      ArticleOf("p", "2025-11-10", "Alpha Zeitung", {pt, Money(p, "5 Milliarden Euro", 5e9)}),
      ArticleOf("q", "2025-11-12", "Alpha Zeitung", {qt, Money(q, "9 Milliarden Euro", 9e9)})};
}

// Later: one new article in the troops scope only (a verbatim copy of x's figure sentence).
std::vector<store::ArticleClaims> SecondBatch() {
  Rec copy{"", "",
           "Die Verluste auf russischer Seite – laut ihm 20.000 Soldaten pro Monat – "
           "wirkten surreal.",
           "20.000", 20000};
  copy.period = Period::kMonth;
  return {ArticleOf("w", "2025-12-20", "Beta Blatt", {copy})};
}

class TempDir {
 public:
  TempDir() {
    static int counter = 0;
    path_ = fs::temp_directory_path() / ("claimtrack-check-test-" + std::to_string(::getpid()) +
                                         "-" + std::to_string(counter++));
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  std::string File(const std::string& name) const { return (path_ / name).string(); }

 private:
  fs::path path_;
};

// The findings (not gone) of the database: id -> payload.
std::map<std::string, std::string> Stored(const std::string& db) {
  std::map<std::string, std::string> out;
  for (const store::FindingRow& f : store::FindingStore(db, true).Findings()) {
    out[f.id] = f.payload;
  }
  return out;
}

pipeline::CheckOutcome Check(const std::string& path, bool full) {
  store::Store db(path);
  store::FindingStore fs(path);
  return pipeline::RunCheck(db, fs, ShippedKeys(), {}, full);
}

void Ingest(const std::string& path, const std::vector<store::ArticleClaims>& batch) {
  store::Store db(path);
  db.IngestBatch(batch, "test");
}

}  // namespace

TEST_CASE("an incremental check gives the findings of a full check", "[pipeline][check]") {
  TempDir dir;
  // Incremental: the first batch checked in full, then the new article checked incrementally.
  const std::string incr = dir.File("incr.sqlite");
  Ingest(incr, FirstBatch());
  CHECK(Check(incr, false).run.full_run);  // the first run is full
  Ingest(incr, SecondBatch());
  pipeline::CheckOutcome second = Check(incr, false);
  CHECK_FALSE(second.run.full_run);
  CHECK(second.run.groups_touched == 1);  // the troops scope only
  // Full: everything at once.
  const std::string full = dir.File("full.sqlite");
  Ingest(full, FirstBatch());
  Ingest(full, SecondBatch());
  CHECK(Check(full, true).run.full_run);

  const auto want = Stored(full);
  const auto got = Stored(incr);
  std::vector<std::string> want_payloads, got_payloads;
  for (const auto& [id, payload] : want) want_payloads.push_back(payload);
  for (const auto& [id, payload] : got) got_payloads.push_back(payload);
  CHECK(got_payloads == want_payloads);
  // The case is not empty: the edited sentence is a conflict in both of its scopes (one
  // finding each), and w's copy of x's sentence conflicts with y's figure; x and y, copies of
  // one report, are not compared.
  size_t troops = 0, money = 0, x_and_y = 0;
  for (const auto& [id, payload] : want) {
    troops += payload.find("\"scope\":\"troops/") != std::string::npos;
    money += payload.find("\"scope\":\"money/") != std::string::npos;
    x_and_y += payload.find("\"article_id\":\"x\"") != std::string::npos &&
               payload.find("\"article_id\":\"y\"") != std::string::npos;
  }
  CHECK(money == 1);
  CHECK(troops >= 2);
  CHECK(x_and_y == 0);
}

TEST_CASE("a check with nothing new keeps the findings and analyses nothing", "[pipeline][check]") {
  TempDir dir;
  const std::string path = dir.File("again.sqlite");
  Ingest(path, FirstBatch());
  Check(path, false);
  const auto before = Stored(path);
  pipeline::CheckOutcome again = Check(path, false);
  CHECK_FALSE(again.run.full_run);
  CHECK(again.records_loaded == 0);
  CHECK(again.run.findings_gone == 0);
  CHECK(Stored(path) == before);
}

TEST_CASE("check hands back the findings it recomputed, as stored", "[pipeline][check]") {
  TempDir dir;
  const std::string path = dir.File("back.sqlite");
  Ingest(path, FirstBatch());
  pipeline::CheckOutcome first = Check(path, false);
  const auto stored = Stored(path);
  REQUIRE(first.findings.size() == stored.size());
  for (const analyze::Finding& f : first.findings) {
    REQUIRE(stored.count(f.id));
    CHECK(report::FindingToJson(f) == stored.at(f.id));
  }
  // Rows without the payloads the caller holds: the same rows in the same order.
  store::FindingStore fs(path, true);
  std::vector<store::FindingRow> all = fs.Findings();
  std::vector<store::FindingRow> light = fs.Findings("", true, {});
  REQUIRE(light.size() == all.size());
  for (size_t i = 0; i < all.size(); ++i) {
    CHECK(light[i].id == all[i].id);
    CHECK(light[i].status == all[i].status);
    CHECK(light[i].first_seen == all[i].first_seen);
    CHECK(light[i].payload.empty());
  }
  // An incremental run hands back its scope's findings only, and names that scope.
  Ingest(path, SecondBatch());
  pipeline::CheckOutcome second = Check(path, false);
  REQUIRE(second.groups.size() == 1);
  std::vector<store::FindingRow> partly =
      store::FindingStore(path, true).Findings("", false, second.groups);
  for (const store::FindingRow& row : partly) {
    CHECK(row.payload.empty() == (row.group == second.groups[0]));
  }
  for (const analyze::Finding& f : second.findings) CHECK(f.scope == second.groups[0]);
}
