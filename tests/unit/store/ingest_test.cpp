// Ingest: idempotency, revisions with superseded claims, batch atomicity, re-extraction.

#include <SQLiteCpp/SQLiteCpp.h>

#include <catch2/catch.hpp>

#include "store_test_util.h"

namespace claimtrack::store {
namespace {

using testing::MakeArticle;
using testing::MakeClaim;
using testing::TempDir;

const char* const kText =
    "Rund 20.000 Menschen demonstrierten am Samstag, sagte Müller. "
    "Die Polizei sprach von 12.000 Teilnehmern. "
    "Im Vorjahr waren es 5.000 Menschen.";

ArticleClaims Berlin(const std::string& text = kText) {
  ArticleClaims ac;
  ac.article = MakeArticle("berlin-demo", text);
  ac.claims.push_back(MakeClaim(ac.article,
                                "Rund 20.000 Menschen demonstrierten am Samstag, "
                                "sagte Müller.",
                                "20.000", 20000, "mueller", "Hans Müller"));
  ac.claims.push_back(MakeClaim(ac.article, "Die Polizei sprach von 12.000 Teilnehmern.", "12.000",
                                12000, "polizei-berlin", "Polizei Berlin"));
  if (text.find("Im Vorjahr waren es 5.000") != std::string::npos) {
    ac.claims.push_back(
        MakeClaim(ac.article, "Im Vorjahr waren es 5.000 Menschen.", "5.000", 5000));
  }
  return ac;
}

int64_t Scalar(const std::string& path, const std::string& sql) {
  SQLite::Database db(path, SQLite::OPEN_READONLY);
  return db.execAndGet(sql).getInt64();
}

TEST_CASE("stable claim ids ignore whitespace and surrounding text but not position or rule",
          "[store]") {
  Article a = MakeArticle("x", "Vorspann. Es kamen 300 Leute zur Demo.");
  Claim c = MakeClaim(a, "Es kamen 300 Leute zur Demo.", "300", 300);
  const std::string id = StableClaimId(c);
  CHECK(id.size() == 16);
  CHECK(id.find_first_not_of("0123456789abcdef") == std::string::npos);

  // Same sentence further down in a rewritten article, with different line breaks.
  Article b =
      MakeArticle("x", "Ganz neuer, längerer Vorspann hier. Es  kamen\n300 Leute zur Demo.");
  Claim moved = MakeClaim(b, "Es  kamen\n300 Leute zur Demo.", "300", 300);
  CHECK(StableClaimId(moved) == id);

  Claim other_article = c;
  other_article.article_id = "y";
  CHECK(StableClaimId(other_article) != id);
  Claim other_rule = c;
  other_rule.rule_id = "de.count.other";
  CHECK(StableClaimId(other_rule) != id);
  Article d = MakeArticle("x", "Vorspann. Es kamen 300 Leute zur Demo, 300 blieben zu Hause.");
  Claim second_300 =
      MakeClaim(d, "Es kamen 300 Leute zur Demo, 300 blieben zu Hause.", "300 blieben", 300);
  Claim first_300 = MakeClaim(d, "Es kamen 300 Leute zur Demo, 300 blieben zu Hause.", "300", 300);
  CHECK(StableClaimId(first_300) != StableClaimId(second_300));
  // The value is not part of the identity: a corrected figure is the same claim, changed.
  Claim corrected = c;
  corrected.quantity.value = 400;
  CHECK(StableClaimId(corrected) == id);

  CHECK(CollapseWhitespace("  a \t\n b\xC2\xA0 c  ") == "a b c");
}

TEST_CASE("a sentence repeated verbatim gets distinct deterministic ids", "[store]") {
  Article a = MakeArticle("rep", "Es kamen 300 Leute. Es kamen 300 Leute.");
  std::vector<Claim> claims = {MakeClaim(a, "Es kamen 300 Leute.", "300", 300, "unknown", "", 0),
                               MakeClaim(a, "Es kamen 300 Leute.", "300", 300, "unknown", "", 1)};
  auto ids = AssignClaimIds("rep", claims);
  REQUIRE(ids.size() == 2);
  CHECK(ids[0] == StableClaimId(claims[0]));
  CHECK(ids[1] != ids[0]);
  CHECK(AssignClaimIds("rep", claims) == ids);
  Store store(":memory:");
  CHECK(store.IngestBatch({{a, claims}}, "rs1") == std::vector<IngestOutcome>{IngestOutcome::kNew});
  CHECK(store.Stats().claims == 2);
}

TEST_CASE("ingesting the same article twice writes nothing the second time", "[store]") {
  TempDir dir;
  const std::string path = dir.File("claims.sqlite");
  Store store(path);
  ArticleClaims ac = Berlin();
  CHECK(store.IngestBatch({ac}, "rs1") == std::vector<IngestOutcome>{IngestOutcome::kNew});
  const int64_t changes_before = Scalar(path, "SELECT count(*) FROM claims");
  StoreStats before = store.Stats();
  CHECK(before.articles == 1);
  CHECK(before.claims == 3);
  CHECK(before.speakers == 3);  // mueller, polizei-berlin, unknown
  CHECK(before.rule_sets == 1);

  CHECK(store.IngestBatch({ac}, "rs2") == std::vector<IngestOutcome>{IngestOutcome::kUnchanged});
  StoreStats after = store.Stats();
  CHECK(after.claims == before.claims);
  CHECK(after.superseded_claims == 0);
  CHECK(after.rule_sets == 1);  // an all-unchanged batch does not even register rs2
  CHECK(Scalar(path, "SELECT count(*) FROM claims") == changes_before);
  CHECK(Scalar(path, "SELECT revision FROM articles") == 1);
}

TEST_CASE("a changed article becomes a new revision and its old claims are superseded", "[store]") {
  Store store(":memory:");
  ArticleClaims v1 = Berlin();
  store.IngestBatch({v1}, "rs1");
  const std::string kept_id = AssignClaimIds(v1.article.id, v1.claims)[1];  // police
  const std::string gone_id = AssignClaimIds(v1.article.id, v1.claims)[2];  // Vorjahr

  // The update adds a lead sentence and drops the last one; the police sentence is kept.
  ArticleClaims v2 = Berlin(
      "Update: Die Demo ist vorbei. Rund 20.000 Menschen demonstrierten am Samstag, sagte "
      "Müller. Die Polizei sprach von 12.000 Teilnehmern.");
  CHECK(store.IngestBatch({v2}, "rs1") == std::vector<IngestOutcome>{IngestOutcome::kRevised});

  StoreStats stats = store.Stats();
  CHECK(stats.articles == 1);
  CHECK(stats.article_revisions == 1);
  CHECK(stats.claims == 2);
  CHECK(stats.superseded_claims == 3);  // never deleted

  auto kept = store.GetClaim(kept_id);
  REQUIRE(kept);
  CHECK(kept->claim.article_revision == 2);
  CHECK_FALSE(kept->claim.superseded);
  CHECK(kept->article_text == v2.article.text);
  REQUIRE(kept->other_rows.size() == 1);
  CHECK(kept->other_rows[0].article_revision == 1);
  CHECK(kept->other_rows[0].superseded);

  auto gone = store.GetClaim(gone_id);
  REQUIRE(gone);
  CHECK(gone->claim.superseded);
  CHECK(gone->claim.article_revision == 1);
  CHECK(gone->article_text == v1.article.text);  // context from the old revision
  CHECK(gone->other_rows.empty());

  ClaimFilter current;
  current.article_id = "berlin-demo";
  CHECK(store.QueryClaims(current).size() == 2);
  current.include_superseded = true;
  CHECK(store.QueryClaims(current).size() == 5);

  auto articles = store.LoadArticles();
  REQUIRE(articles.size() == 1);
  CHECK(articles[0].text == v2.article.text);

  // Going back to the first text is another revision, not a no-op.
  CHECK(store.IngestBatch({v1}, "rs1") == std::vector<IngestOutcome>{IngestOutcome::kRevised});
  CHECK(store.Stats().article_revisions == 2);
}

TEST_CASE("a batch is stored completely or not at all", "[store]") {
  TempDir dir;
  const std::string path = dir.File("claims.sqlite");
  Store store(path);
  ArticleClaims good = Berlin();
  ArticleClaims bad = Berlin();
  bad.article.id = "";  // invalid: fails after `good` was written inside the transaction
  CHECK_THROWS_AS(store.IngestBatch({good, bad}, "rs1"), StoreError);
  CHECK(store.Stats().articles == 0);
  CHECK(store.Stats().claims == 0);
  CHECK(store.Stats().speakers == 0);

  // A constraint violation deep inside one claim rolls back the whole batch too.
  ArticleClaims broken = Berlin();
  broken.article.id = "other";
  SQLite::Database raw(path, SQLite::OPEN_READWRITE);
  raw.exec(
      "CREATE TRIGGER fail_on_polizei BEFORE INSERT ON claims "
      "WHEN NEW.article_id = 'other' BEGIN SELECT RAISE(ABORT, 'boom'); END");
  try {
    store.IngestBatch({good, broken}, "rs1");
    FAIL("expected the trigger to abort the batch");
  } catch (const StoreError& e) {
    CHECK_THAT(e.what(), Catch::Contains("'other'"));  // names the article
    CHECK_THAT(e.what(), Catch::Contains("boom"));
  }
  CHECK(store.Stats().articles == 0);
  raw.exec("DROP TRIGGER fail_on_polizei");
  CHECK(store.IngestBatch({good}, "rs1").size() == 1);
  CHECK(store.Stats().claims == 3);
}

TEST_CASE("speakers are upserted without losing a known name or kind", "[store]") {
  Store store(":memory:");
  ArticleClaims ac = Berlin();
  ac.claims[0].attribution.speaker_name = "";
  ac.claims[0].attribution.speaker_kind = "organization";  // US spelling is normalised
  store.IngestBatch({ac}, "rs1");
  auto speakers = store.ListSpeakers();
  auto find = [&](const std::string& id) {
    for (const auto& s : speakers) {
      if (s.id == id) return s;
    }
    FAIL("speaker " << id << " missing");
    return SpeakerSummary{};
  };
  CHECK(find("mueller").name == "");
  CHECK(find("mueller").kind == "organisation");

  ArticleClaims other = Berlin();
  other.article.id = "second";
  other.article.content_hash = "h2";
  other.claims[0].attribution.speaker_kind = "something odd";
  store.IngestBatch({other}, "rs1");
  speakers = store.ListSpeakers();
  CHECK(find("mueller").name == "Hans Müller");
  CHECK(find("mueller").kind == "organisation");  // an unknown kind does not overwrite
}

TEST_CASE("re-extraction reports added, removed and changed claims per rule", "[store]") {
  Store store(":memory:");
  ArticleClaims ac = Berlin();
  store.IngestBatch({ac}, "rs1");
  auto ids = AssignClaimIds(ac.article.id, ac.claims);

  std::vector<Claim> next = ac.claims;
  next[0].attribution.speaker_id = "polizei-berlin";  // changed speaker
  next.pop_back();                                    // Vorjahr claim no longer found
  Claim percent = MakeClaim(ac.article, "Die Polizei sprach von 12.000 Teilnehmern.", "12.000",
                            12000, "unknown", "", 0, "de.other.rule");
  next.push_back(percent);  // new rule finds a figure

  ReextractDiff diff = store.ReplaceClaims(ac.article.id, next, "rs2");
  CHECK(diff.unchanged == 1);
  REQUIRE(diff.by_rule.size() == 2);
  CHECK(diff.by_rule[0].rule_id == "de.count.people");
  CHECK(diff.by_rule[0].changed == std::vector<std::string>{ids[0]});
  CHECK(diff.by_rule[0].removed == std::vector<std::string>{ids[2]});
  CHECK(diff.by_rule[0].added.empty());
  CHECK(diff.by_rule[1].rule_id == "de.other.rule");
  CHECK(diff.by_rule[1].added.size() == 1);

  StoreStats stats = store.Stats();
  CHECK(stats.claims == 3);
  CHECK(stats.superseded_claims == 2);
  CHECK(stats.rule_sets == 2);
  auto changed = store.GetClaim(ids[0]);
  REQUIRE(changed);
  CHECK(changed->claim.claim.attribution.speaker_id == "polizei-berlin");
  CHECK(changed->claim.rule_set_version == "rs2");
  REQUIRE(changed->other_rows.size() == 1);
  CHECK(changed->other_rows[0].claim.attribution.speaker_id == "mueller");
  auto unchanged = store.GetClaim(ids[1]);
  REQUIRE(unchanged);
  CHECK(unchanged->other_rows.empty());
  CHECK(unchanged->claim.rule_set_version == "rs2");

  // The same extraction again is a no-op.
  ReextractDiff again = store.ReplaceClaims(ac.article.id, next, "rs2");
  CHECK(again.empty());
  CHECK(again.unchanged == 3);
  CHECK(store.Stats().superseded_claims == 2);

  CHECK_THROWS_WITH(store.ReplaceClaims("no-such-article", next, "rs2"),
                    Catch::Contains("no article with id 'no-such-article'"));
}

TEST_CASE("the full value model survives a round trip", "[store]") {
  Store store(":memory:");
  Article a = MakeArticle("range", "Die Kosten liegen bei 100 bis 300 Milliarden Euro pro Jahr.",
                          "2024-01-05", "de");
  Claim c = MakeClaim(a, "Die Kosten liegen bei 100 bis 300 Milliarden Euro pro Jahr.",
                      "100 bis 300 Milliarden Euro", 0, "ifo", "ifo Institut");
  c.claim_type = "money";
  c.quantity.kind = QuantityKind::kRange;
  c.quantity.value.reset();
  c.quantity.low = 1e11;
  c.quantity.high = 3e11;
  c.quantity.qualifier = Qualifier::kUpTo;
  c.quantity.unit = "EUR";
  c.quantity.period = Period::kYear;
  c.quantity.base = "Haushalt";
  c.quantity.precision = 1;
  c.quantity.ambiguous = true;
  c.quantity.ambiguity = "scale word far from number";
  c.attribution.speaker_kind = "organisation";
  c.attribution.method = AttributionMethod::kQuote;
  c.attribution.confidence = 0.95;
  c.attribution.cue = Span{3, 9};
  c.attribution.evidence = "laut ifo";
  c.subject = "Kosten";
  store.IngestBatch({{a, {c}}}, "rs1");
  auto got = store.QueryClaims({});
  REQUIRE(got.size() == 1);
  const Claim& r = got[0].claim;
  CHECK(got[0].id == StableClaimId(c));
  CHECK(r.article_id == "range");
  CHECK(r.path == "range.md");
  CHECK(r.claim_type == "money");
  CHECK(r.rule_id == c.rule_id);
  CHECK(r.lang == "de");
  CHECK(r.subject == "Kosten");
  CHECK(r.sentence == c.sentence);
  CHECK(r.sentence_span == c.sentence_span);
  CHECK(r.sentence_index == c.sentence_index);
  CHECK(r.quantity.kind == QuantityKind::kRange);
  CHECK_FALSE(r.quantity.value.has_value());
  CHECK(r.quantity.low == 1e11);
  CHECK(r.quantity.high == 3e11);
  CHECK(r.quantity.qualifier == Qualifier::kUpTo);
  CHECK(r.quantity.unit == "EUR");
  CHECK(r.quantity.period == Period::kYear);
  CHECK(r.quantity.base == "Haushalt");
  CHECK(r.quantity.precision == 1);
  CHECK(r.quantity.ambiguous);
  CHECK(r.quantity.ambiguity == c.quantity.ambiguity);
  CHECK(r.quantity.span == c.quantity.span);
  CHECK(r.quantity.text == "100 bis 300 Milliarden Euro");
  CHECK(r.attribution.speaker_id == "ifo");
  CHECK(r.attribution.speaker_name == "ifo Institut");
  CHECK(r.attribution.speaker_kind == "organisation");
  CHECK(r.attribution.method == AttributionMethod::kQuote);
  CHECK(r.attribution.confidence == 0.95);
  CHECK(r.attribution.cue == Span{3, 9});
  CHECK(r.attribution.evidence == "laut ifo");
  CHECK(got[0].rule_set_version == "rs1");
  CHECK(got[0].date == "2024-01-05");
  CHECK(got[0].article_title == a.title);
  CHECK(got[0].outlet == a.outlet);

  auto loaded = store.LoadArticles({"range", "missing"});
  REQUIRE(loaded.size() == 1);
  CHECK(loaded[0].url == a.url);
  CHECK(loaded[0].author == a.author);
  CHECK(loaded[0].encoding == "utf-8");
  CHECK(loaded[0].content_hash == a.content_hash);
}

TEST_CASE("an article without a content hash is hashed by the store", "[store]") {
  Store store(":memory:");
  ArticleClaims ac = Berlin();
  ac.article.content_hash.clear();
  CHECK(store.IngestBatch({ac}, "rs")[0] == IngestOutcome::kNew);
  CHECK(store.IngestBatch({ac}, "rs")[0] == IngestOutcome::kUnchanged);
  ac.article.title = "New title";
  CHECK(store.IngestBatch({ac}, "rs")[0] == IngestOutcome::kRevised);
}

}  // namespace
}  // namespace claimtrack::store
