// The speaker summary (migration 0008): `speakers` reads it only while it matches the
// claims, so what a user sees is the same with or without it, after new articles, revisions,
// re-extraction and a refresh that lost a race with an ingest.

#include <SQLiteCpp/SQLiteCpp.h>

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "store_test_util.h"

namespace claimtrack::store {
namespace {

using testing::MakeArticle;
using testing::MakeClaim;
using testing::TempDir;

ArticleClaims Demo(const std::string& id, const std::string& date, int people) {
  const std::string n = std::to_string(people);
  const std::string text = "Es kamen " + n + " Menschen, sagte Müller. Die Polizei zählte " + n +
                           "0 Teilnehmer. Der Verband nannte " + n + " Prozent.";
  ArticleClaims ac;
  ac.article = MakeArticle(id, text, date);
  ac.claims.push_back(MakeClaim(ac.article, "Es kamen " + n + " Menschen, sagte Müller.", n, people,
                                "mueller", "Hans Müller"));
  ac.claims.push_back(MakeClaim(ac.article, "Die Polizei zählte " + n + "0 Teilnehmer.", n + "0",
                                people * 10, "polizei", "Polizei"));
  Claim pct = MakeClaim(ac.article, "Der Verband nannte " + n + " Prozent.", n, people, "mueller",
                        "Hans Müller", 0, "de.percent.plain");
  pct.claim_type = "percent";
  ac.claims.push_back(pct);
  return ac;
}

// What a user reads in `claimtrack speakers`, as text, for comparing two listings.
std::string Listing(const std::vector<SpeakerSummary>& list) {
  std::string out;
  for (const auto& s : list) {
    out += s.id + "|" + s.name + "|" + s.kind + "|" + std::to_string(s.claim_count) + "|" +
           std::to_string(s.article_count) + "|" + s.first_seen + "|" + s.last_seen + "|";
    for (const auto& [type, n] : s.top_claim_types) out += type + ":" + std::to_string(n) + ",";
    out += "\n";
  }
  return out;
}

bool SummaryCurrent(const std::string& path) {
  SQLite::Database db(path, SQLite::OPEN_READONLY);
  return db.execAndGet("SELECT claims_version = summary_version FROM summary_state").getInt() == 1;
}

TEST_CASE("speakers lists the same with the summary as from the claims", "[store][summary]") {
  TempDir dir;
  const std::string path = dir.File("s.sqlite");
  Store store(path);
  store.IngestBatch({Demo("a1", "2024-01-10", 100), Demo("a2", "2024-02-01", 200)}, "rs1");
  const std::string live = Listing(store.ListSpeakers());  // no summary yet: counted
  CHECK_FALSE(SummaryCurrent(path));
  REQUIRE(store.RefreshSpeakerSummary());
  CHECK(SummaryCurrent(path));
  CHECK(Listing(store.ListSpeakers()) == live);
  CHECK_FALSE(store.RefreshSpeakerSummary());  // nothing changed: nothing written

  // Figures a user checks: Müller has 4 claims in 2 articles, percent first, dates spanned.
  auto list = store.ListSpeakers();
  REQUIRE(list.size() == 2);
  CHECK(list[0].id == "mueller");
  CHECK(list[0].name == "Hans Müller");
  CHECK(list[0].claim_count == 4);
  CHECK(list[0].article_count == 2);
  CHECK(list[0].first_seen.substr(0, 10) == "2024-01-10");
  CHECK(list[0].last_seen.substr(0, 10) == "2024-02-01");
  REQUIRE(list[0].top_claim_types.size() == 2);

  // A new article makes the summary stale: the listing counts again and shows it at once.
  store.IngestBatch({Demo("a3", "2024-03-05", 300)}, "rs1");
  CHECK_FALSE(SummaryCurrent(path));
  list = store.ListSpeakers();
  CHECK(list[0].claim_count == 6);
  CHECK(list[0].last_seen.substr(0, 10) == "2024-03-05");
  const std::string after_new = Listing(list);
  REQUIRE(store.RefreshSpeakerSummary());
  CHECK(Listing(store.ListSpeakers()) == after_new);

  // A revision supersedes claims; a re-extraction replaces them: the same rule holds.
  ArticleClaims revised = Demo("a1", "2024-01-05", 150);  // corrected date and figures
  store.IngestBatch({revised}, "rs1");
  const std::string after_revision = Listing(store.ListSpeakers());
  CHECK(after_revision != after_new);
  REQUIRE(store.RefreshSpeakerSummary());
  CHECK(Listing(store.ListSpeakers()) == after_revision);
  std::vector<Claim> fewer = revised.claims;
  fewer.pop_back();
  store.ReplaceClaims("a1", fewer, "rs2");
  CHECK_FALSE(SummaryCurrent(path));
  const std::string after_reextract = Listing(store.ListSpeakers());
  REQUIRE(store.RefreshSpeakerSummary());
  CHECK(Listing(store.ListSpeakers()) == after_reextract);

  // A summary that another tool emptied or damaged is not trusted once claims change, and
  // the next refresh rewrites it.
  {
    SQLite::Database raw(path, SQLite::OPEN_READWRITE);
    raw.exec("DELETE FROM speaker_summary");
  }
  store.IngestBatch({Demo("a4", "2024-04-01", 400)}, "rs1");
  const std::string after_damage = Listing(store.ListSpeakers());
  CHECK(after_damage.find("mueller") != std::string::npos);
  REQUIRE(store.RefreshSpeakerSummary());
  CHECK(Listing(store.ListSpeakers()) == after_damage);
}

TEST_CASE("an unchanged re-ingest leaves the summary current", "[store][summary]") {
  TempDir dir;
  const std::string path = dir.File("s.sqlite");
  Store store(path);
  store.IngestBatch({Demo("a1", "2024-01-10", 100)}, "rs1");
  REQUIRE(store.RefreshSpeakerSummary());
  store.IngestBatch({Demo("a1", "2024-01-10", 100)}, "rs1");  // the same text: unchanged
  CHECK(SummaryCurrent(path));
}

TEST_CASE("a current summary whose counts do not read back gives the live listing",
          "[store][summary]") {
  TempDir dir;
  const std::string path = dir.File("s.sqlite");
  Store store(path);
  store.IngestBatch({Demo("a1", "2024-01-10", 100), Demo("a2", "2024-02-10", 200)}, "rs1");
  const std::string live = Listing(store.ListSpeakers());
  REQUIRE(store.RefreshSpeakerSummary());
  // Damaged in place, the versions still equal: an unreadable count, a missing colon, a
  // number beyond int64. Each time `speakers` answers from the claims, without an error.
  for (const char* bad : {"other:abc", "other", "other:99999999999999999999999", "other:-3"}) {
    {
      SQLite::Database raw(path, SQLite::OPEN_READWRITE);
      SQLite::Statement up(raw, "UPDATE speaker_summary SET top_claim_types = ?");
      up.bind(1, bad);
      up.exec();
    }
    REQUIRE(SummaryCurrent(path));
    CAPTURE(bad);
    CHECK(Listing(store.ListSpeakers()) == live);
  }
}

}  // namespace
}  // namespace claimtrack::store
