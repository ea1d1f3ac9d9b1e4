// Verdicts: append-only in the database, and attached to the figure, so that they follow it
// across re-extraction, renamed rules and revisions that keep the sentence.

#include "claimtrack/store/reviews.h"

#include <SQLiteCpp/SQLiteCpp.h>

#include <catch2/catch.hpp>

#include "store_test_util.h"

namespace claimtrack::store {
namespace {

using testing::MakeArticle;
using testing::MakeClaim;
using testing::TempDir;

const char* kText =
    "Rund 20.000 Menschen demonstrierten in Berlin, sagte Müller. "
    "Die Polizei sprach von 12.000 Teilnehmern.";

ArticleClaims Berlin(const std::string& text = kText, const std::string& rule = "de.count.people") {
  ArticleClaims ac{MakeArticle("a-berlin", text), {}};
  ac.claims.push_back(MakeClaim(ac.article, text.substr(0, text.find('.', 20) + 1), "20.000", 20000,
                                "mueller", "Hans Müller", 0, rule));
  return ac;
}

VerdictInput Input(const std::string& rating, const std::string& reviewer = "fc1") {
  VerdictInput in;
  in.rating = rating;
  in.sources = {"https://example.org/polizei", "https://example.org/veranstalter"};
  in.note = "Polizei zählte 12.000, Veranstalter 20.000";
  in.reviewer = reviewer;
  return in;
}

std::string CurrentClaimId(Store& store) {
  auto claims = store.QueryClaims({});
  REQUIRE(claims.size() == 1);
  return claims[0].id;
}

TEST_CASE("a verdict records who, when, what was read, and what it replaces", "[store]") {
  TempDir dir;
  const std::string path = dir.File("claims.sqlite");
  Store store(path);
  store.IngestBatch({Berlin()}, "rs1");
  const std::string id = CurrentClaimId(store);
  ReviewStore reviews(path);

  Verdict first = reviews.Add(id, Input("misleading"));
  CHECK(first.id > 0);
  CHECK(first.figure_id == reviews.FigureOf(id));
  CHECK(first.article_revision == 1);
  CHECK(first.sentence.find("20.000") != std::string::npos);
  CHECK_FALSE(first.previous_id);
  Verdict second = reviews.Add(id, Input("false", "fc2"));
  REQUIRE(second.previous_id);
  CHECK(*second.previous_id == first.id);

  auto history = reviews.History(id);
  REQUIRE(history.size() == 2);
  CHECK(history[0].rating == "misleading");
  CHECK(history[0].reviewer == "fc1");
  CHECK(history[0].sources == std::vector<std::string>{"https://example.org/polizei",
                                                       "https://example.org/veranstalter"});
  CHECK(history[1].rating == "false");
  CHECK(history[1].reviewer == "fc2");
  CHECK_FALSE(history[1].created_at.empty());
  CHECK(store.Stats().reviews == 2);

  CHECK_THROWS_WITH(reviews.Add(id, Input("correct")), Catch::Contains("unknown rating"));
  CHECK_THROWS_WITH(reviews.Add("ffffffffffffffff", Input("true")),
                    Catch::Contains("no claim with id"));
  CHECK(reviews.Count() == 2);
}

TEST_CASE("the verdict history cannot be changed, even outside claimtrack", "[store]") {
  TempDir dir;
  const std::string path = dir.File("claims.sqlite");
  Store store(path);
  store.IngestBatch({Berlin()}, "rs1");
  const std::string id = CurrentClaimId(store);
  ReviewStore(path).Add(id, Input("false"));

  SQLite::Database raw(path, SQLite::OPEN_READWRITE);
  CHECK_THROWS_WITH(raw.exec("UPDATE reviews SET verdict = 'true'"),
                    Catch::Contains("append-only"));
  CHECK_THROWS_WITH(raw.exec("DELETE FROM reviews"), Catch::Contains("append-only"));
  // A raw insert must still use the rating scale and name a stored figure.
  CHECK_THROWS_WITH(raw.exec("INSERT INTO reviews (claim_id, verdict, created_at, figure_id) "
                             "SELECT claim_id, 'correct', 'now', figure_id FROM claims"),
                    Catch::Contains("unknown rating"));
  CHECK_THROWS_WITH(raw.exec("INSERT INTO reviews (claim_id, verdict, created_at, figure_id) "
                             "VALUES ('x', 'true', 'now', 'no-such-figure')"),
                    Catch::Contains("must name the figure"));
  auto history = ReviewStore(path).History(id);
  REQUIRE(history.size() == 1);
  CHECK(history[0].rating == "false");
}

TEST_CASE("a verdict follows its figure across a renamed rule and re-ingest", "[store]") {
  TempDir dir;
  const std::string path = dir.File("claims.sqlite");
  Store store(path);
  store.IngestBatch({Berlin()}, "rs1");
  const std::string old_id = CurrentClaimId(store);
  ReviewStore reviews(path);
  reviews.Add(old_id, Input("misleading"));

  // The rule is renamed and re-typed: a new claim id, the old row superseded.
  ArticleClaims renamed = Berlin(kText, "de.demo.participants");
  renamed.claims[0].claim_type = "participants";
  store.ReplaceClaims("a-berlin", renamed.claims, "rs2");
  const std::string new_id = CurrentClaimId(store);
  REQUIRE(new_id != old_id);
  auto history = reviews.History(new_id);
  REQUIRE(history.size() == 1);
  CHECK(history[0].rating == "misleading");
  CHECK(history[0].claim_id == old_id);  // recorded on the old claim, shown on the new one
  CHECK(reviews.Latest({reviews.FigureOf(new_id)}).size() == 1);

  // Re-ingesting the unchanged article changes nothing.
  CHECK(store.IngestBatch({Berlin()}, "rs2")[0] == IngestOutcome::kUnchanged);
  CHECK(reviews.History(new_id).size() == 1);
  CHECK(reviews.ChangedSinceReviewed().empty());
}

TEST_CASE("a revision that keeps the sentence keeps the verdict; one that changes it does not",
          "[store]") {
  TempDir dir;
  const std::string path = dir.File("claims.sqlite");
  Store store(path);
  store.IngestBatch({Berlin()}, "rs1");
  const std::string id = CurrentClaimId(store);
  ReviewStore reviews(path);
  const Verdict v = reviews.Add(id, Input("misleading"));

  // Revision 2: a sentence is added before the reviewed one, which is unchanged.
  const std::string v2 = std::string("Update: Die Demo verlief friedlich. ") + kText;
  ArticleClaims rev2{MakeArticle("a-berlin", v2), {}};
  rev2.claims.push_back(MakeClaim(rev2.article,
                                  "Rund 20.000 Menschen demonstrierten in Berlin, sagte Müller.",
                                  "20.000", 20000, "mueller", "Hans Müller"));
  REQUIRE(store.IngestBatch({rev2}, "rs1")[0] == IngestOutcome::kRevised);
  const std::string id2 = CurrentClaimId(store);
  CHECK(reviews.FigureOf(id2) == v.figure_id);
  CHECK(reviews.History(id2).size() == 1);
  CHECK(reviews.ChangedSinceReviewed().empty());

  // Revision 3: the reviewed sentence is corrected.
  const std::string v3 =
      "Rund 15.000 Menschen demonstrierten in Berlin, sagte Müller am Abend. "
      "Die Polizei sprach von 12.000 Teilnehmern.";
  ArticleClaims rev3{MakeArticle("a-berlin", v3), {}};
  rev3.claims.push_back(MakeClaim(
      rev3.article, "Rund 15.000 Menschen demonstrierten in Berlin, sagte Müller am Abend.",
      "15.000", 15000, "mueller", "Hans Müller"));
  REQUIRE(store.IngestBatch({rev3}, "rs1")[0] == IngestOutcome::kRevised);
  const std::string id3 = CurrentClaimId(store);
  CHECK(reviews.FigureOf(id3) != v.figure_id);
  CHECK(reviews.History(id3).empty());
  auto changed = reviews.ChangedSinceReviewed();
  REQUIRE(changed.size() == 1);
  CHECK(changed[0].verdict.id == v.id);
  CHECK(changed[0].verdict.sentence.find("20.000") != std::string::npos);
  CHECK(changed[0].current_revision == 3);
  CHECK(changed[0].successors == std::vector<std::string>{id3});

  // Once the new sentence has its own verdict, it leaves the list.
  reviews.Add(id3, Input("mostly-true"));
  CHECK(reviews.ChangedSinceReviewed().empty());
}

TEST_CASE("a revision that removes the reviewed sentence is listed without successor", "[store]") {
  TempDir dir;
  const std::string path = dir.File("claims.sqlite");
  Store store(path);
  store.IngestBatch({Berlin()}, "rs1");
  ReviewStore reviews(path);
  reviews.Add(CurrentClaimId(store), Input("false"));
  ArticleClaims rev2{MakeArticle("a-berlin", "Die Polizei sprach von 12.000 Teilnehmern."), {}};
  rev2.claims.push_back(
      MakeClaim(rev2.article, "Die Polizei sprach von 12.000 Teilnehmern.", "12.000", 12000));
  store.IngestBatch({rev2}, "rs1");
  auto changed = reviews.ChangedSinceReviewed();
  REQUIRE(changed.size() == 1);
  CHECK(changed[0].successors.empty());
}

}  // namespace
}  // namespace claimtrack::store
