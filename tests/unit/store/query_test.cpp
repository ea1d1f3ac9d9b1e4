// Queries: speakers, claim filters, claim details, query plans, the review log.

#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <catch2/catch.hpp>

#include "store_test_util.h"

namespace claimtrack::store {
namespace {

using testing::MakeArticle;
using testing::MakeClaim;
using testing::TempDir;

// Three articles over three months; Scholz speaks in two, Lagarde in one, plus unknowns.
void Fill(Store& store) {
  std::vector<ArticleClaims> batch;
  {
    ArticleClaims ac;
    ac.article =
        MakeArticle("jan", "Scholz sagte, 300 Soldaten reisen ab. Es gab 12 Busse.", "2024-01-10");
    ac.claims.push_back(MakeClaim(ac.article, "Scholz sagte, 300 Soldaten reisen ab.", "300", 300,
                                  "olaf-scholz", "Olaf Scholz"));
    ac.claims.push_back(MakeClaim(ac.article, "Es gab 12 Busse.", "12", 12));
    batch.push_back(ac);
  }
  {
    ArticleClaims ac;
    ac.article = MakeArticle(
        "mar", "Die Inflation liegt bei 2,4 Prozent, sagte Lagarde. Scholz nannte 5 Prozent.",
        "2024-03-31T18:00:00Z");
    Claim inflation = MakeClaim(ac.article, "Die Inflation liegt bei 2,4 Prozent, sagte Lagarde.",
                                "2,4 Prozent", 2.4, "christine-lagarde", "Christine Lagarde");
    inflation.claim_type = "percent";
    inflation.attribution.confidence = 0.9;
    Claim scholz = MakeClaim(ac.article, "Scholz nannte 5 Prozent.", "5 Prozent", 5, "olaf-scholz",
                             "Olaf Scholz");
    scholz.claim_type = "percent";
    scholz.attribution.confidence = 0.6;
    ac.claims = {inflation, scholz};
    batch.push_back(ac);
  }
  {
    ArticleClaims ac;
    ac.article = MakeArticle("undated", "Scholz sprach von 40 Gästen.", "");
    ac.claims.push_back(MakeClaim(ac.article, "Scholz sprach von 40 Gästen.", "40", 40,
                                  "olaf-scholz", "Olaf Scholz"));
    batch.push_back(ac);
  }
  store.IngestBatch(batch, "rs1");
}

std::vector<std::string> Figures(const std::vector<StoredClaim>& claims) {
  std::vector<std::string> out;
  for (const auto& c : claims) out.push_back(c.claim.quantity.text);
  return out;
}

TEST_CASE("speakers are listed with claim counts, first and last seen and top types", "[store]") {
  Store store(":memory:");
  Fill(store);
  auto speakers = store.ListSpeakers();
  REQUIRE(speakers.size() == 3);
  const SpeakerSummary& scholz = speakers[0];
  CHECK(scholz.id == "olaf-scholz");
  CHECK(scholz.name == "Olaf Scholz");
  CHECK(scholz.kind == "person");
  CHECK(scholz.claim_count == 3);
  CHECK(scholz.article_count == 3);
  CHECK(scholz.first_seen == "2024-01-10");
  // The undated article counts with its ingest time (today), which is later than March 2024.
  CHECK(scholz.last_seen > "2024-03-31T18:00:00Z");
  REQUIRE(scholz.top_claim_types.size() == 2);
  CHECK(scholz.top_claim_types[0] == std::pair<std::string, int64_t>{"count", 2});
  CHECK(scholz.top_claim_types[1] == std::pair<std::string, int64_t>{"percent", 1});
  CHECK(speakers[1].claim_count == 1);
  CHECK(speakers[2].claim_count == 1);
}

TEST_CASE("claims are filtered by speaker, type, dates, confidence and ordered by date",
          "[store]") {
  Store store(":memory:");
  Fill(store);
  ClaimFilter f;
  f.speaker_ids = {"olaf-scholz"};
  CHECK(Figures(store.QueryClaims(f)) == std::vector<std::string>{"300", "5 Prozent", "40"});

  ClaimFilter by_name;
  by_name.speaker_name = "OLAF scholz";
  CHECK(store.QueryClaims(by_name).size() == 3);

  ClaimFilter either;
  either.speaker_ids = {"christine-lagarde"};
  either.speaker_name = "Olaf Scholz";
  CHECK(store.QueryClaims(either).size() == 4);

  ClaimFilter typed;
  typed.claim_type = "percent";
  CHECK(Figures(store.QueryClaims(typed)) == std::vector<std::string>{"2,4 Prozent", "5 Prozent"});

  ClaimFilter window;
  window.since = "2024-02-01";
  window.until = "2024-03";  // a month prefix includes the 31st at 18:00
  CHECK(Figures(store.QueryClaims(window)) == std::vector<std::string>{"2,4 Prozent", "5 Prozent"});
  window.until = "2024-03-30";
  CHECK(store.QueryClaims(window).empty());

  ClaimFilter confident;
  confident.min_confidence = 0.7;
  CHECK(Figures(store.QueryClaims(confident)) ==
        std::vector<std::string>{"300", "2,4 Prozent", "40"});

  ClaimFilter limited;
  limited.limit = 2;
  CHECK(Figures(store.QueryClaims(limited)) == std::vector<std::string>{"300", "12"});

  ClaimFilter nobody;
  nobody.speaker_ids = {"nobody"};
  CHECK(store.QueryClaims(nobody).empty());

  ClaimFilter hostile;  // values are bound, never spliced into SQL
  hostile.speaker_name = "x') OR 1=1 --";
  hostile.claim_type = "' OR ''='";
  CHECK(store.QueryClaims(hostile).empty());
}

TEST_CASE("a pass over claims yields what the query returns", "[store]") {
  Store store(":memory:");
  Fill(store);
  ClaimFilter scholz;
  scholz.speaker_ids = {"olaf-scholz"};
  for (ClaimFilter f : {ClaimFilter{}, scholz}) {
    f.limit = 1;  // ignored by the pass
    std::vector<StoredClaim> passed;
    store.ForEachClaim(f, [&](StoredClaim&& c) { passed.push_back(std::move(c)); });
    f.limit = 0;
    std::vector<StoredClaim> queried = store.QueryClaims(f);
    auto by_row = [](const StoredClaim& a, const StoredClaim& b) { return a.row_id < b.row_id; };
    std::sort(passed.begin(), passed.end(), by_row);
    std::sort(queried.begin(), queried.end(), by_row);
    REQUIRE(passed.size() == queried.size());
    for (size_t i = 0; i < passed.size(); ++i) {
      const StoredClaim& a = passed[i];
      const StoredClaim& b = queried[i];
      CHECK(a.id == b.id);
      CHECK(a.row_id == b.row_id);
      CHECK(a.claim.sentence == b.claim.sentence);
      CHECK(a.claim.quantity.text == b.claim.quantity.text);
      CHECK(a.claim.quantity.value == b.claim.quantity.value);
      CHECK(a.claim.quantity.low == b.claim.quantity.low);
      CHECK(a.claim.attribution.speaker_name == b.claim.attribution.speaker_name);
      CHECK(a.claim.attribution.confidence == b.claim.attribution.confidence);
      CHECK(a.date == b.date);
      CHECK(a.article_date == b.article_date);
      CHECK(a.outlet == b.outlet);
      CHECK(a.created_at == b.created_at);
    }
  }
  CHECK_THROWS_AS(store.ForEachClaim({}, [](StoredClaim&&) { throw std::runtime_error("stop"); }),
                  std::runtime_error);
}

TEST_CASE("a pass over claim views reads the analysis columns of the stored claims", "[store]") {
  Store store(":memory:");
  Fill(store);
  std::vector<StoredClaim> queried;
  store.ForEachClaim({}, [&](StoredClaim&& c) { queried.push_back(std::move(c)); });
  size_t n = 0;
  store.ForEachClaimView({}, [&](const ClaimView& v) {
    auto it = std::find_if(queried.begin(), queried.end(),
                           [&](const StoredClaim& c) { return c.row_id == v.row_id; });
    REQUIRE(it != queried.end());
    const StoredClaim& c = *it;
    const Quantity& q = c.claim.quantity;
    const Attribution& a = c.claim.attribution;
    ++n;
    CHECK(v.id == c.id);
    CHECK(v.article_id == c.claim.article_id);
    CHECK(v.outlet == c.outlet);
    CHECK(v.url == c.article_url);
    CHECK(v.title == c.article_title);
    CHECK(v.article_date == c.article_date);
    CHECK(v.speaker_id == a.speaker_id);
    CHECK(v.speaker_name == a.speaker_name);
    CHECK(v.speaker_kind == a.speaker_kind);
    CHECK(v.method == a.method);
    CHECK(v.confidence == a.confidence);
    CHECK(v.claim_type == c.claim.claim_type);
    CHECK(v.rule_id == c.claim.rule_id);
    CHECK(v.subject == c.claim.subject);
    CHECK(v.kind == q.kind);
    CHECK(v.value == q.value);
    CHECK(v.low == q.low);
    CHECK(v.high == q.high);
    CHECK(v.qualifier == q.qualifier);
    CHECK(v.unit == q.unit);
    CHECK(v.period == q.period);
    CHECK(v.base == q.base);
    CHECK(v.ambiguous == q.ambiguous);
    CHECK(v.expression == q.text);
    CHECK(v.span == q.span);
    CHECK(v.sentence_span == c.claim.sentence_span);
    CHECK(v.sentence == c.claim.sentence);
  });
  CHECK(n == queried.size());
  CHECK(n > 0);
  CHECK_THROWS_AS(
      store.ForEachClaimView({}, [](const ClaimView&) { throw std::runtime_error("stop"); }),
      std::runtime_error);
}

TEST_CASE("a claim's detail carries the article text for context", "[store]") {
  Store store(":memory:");
  Fill(store);
  ClaimFilter f;
  f.article_id = "mar";
  auto claims = store.QueryClaims(f);
  REQUIRE(claims.size() == 2);
  auto detail = store.GetClaim(claims[0].id);
  REQUIRE(detail);
  const Span s = detail->claim.claim.quantity.span;
  CHECK(detail->article_text.substr(s.begin, s.size()) == "2,4 Prozent");
  CHECK_FALSE(store.GetClaim("0000000000000000"));
}

TEST_CASE("querying claims by speaker uses an index, not a scan of claims", "[store]") {
  TempDir dir;
  Store store(dir.File("claims.sqlite"));
  Fill(store);
  for (int variant = 0; variant < 4; ++variant) {
    ClaimFilter f;
    if (variant == 0) f.speaker_ids = {"olaf-scholz"};
    if (variant == 1) f.speaker_ids = {"olaf-scholz", "christine-lagarde"};
    if (variant == 2) f.speaker_name = "Olaf Scholz";
    if (variant == 3) {  // what `claimtrack claims --speaker Scholz` asks for
      f.speaker_ids = {"olaf-scholz", "Scholz", "name:Scholz"};
      f.speaker_name = "Scholz";
    }
    if (variant < 3) {
      f.since = "2024-01-01";
      f.limit = 50;
    }
    const std::string plan = store.ExplainQueryClaims(f);
    INFO("variant " << variant << " plan:\n" << plan);
    CHECK(plan.find("USING INDEX claims_by_speaker") != std::string::npos);
    CHECK(plan.find("SCAN c") == std::string::npos);
    CHECK(plan.find("SCAN a") == std::string::npos);
    CHECK(plan.find("SCAN claims") == std::string::npos);
  }
}

TEST_CASE("listing speakers reads the covering speaker index, not the claims", "[store]") {
  TempDir dir;
  Store store(dir.File("claims.sqlite"));
  Fill(store);
  const std::string plan = store.ExplainListSpeakers();
  INFO("plan:\n" << plan);
  CHECK(plan.find("USING COVERING INDEX claims_by_speaker") != std::string::npos);
  CHECK(plan.find("TEMP B-TREE") == std::string::npos);
}

TEST_CASE("speakers count only current claims, distinct articles, ties by id", "[store]") {
  Store store(":memory:");
  Fill(store);
  // Revise "mar": Lagarde's claim is superseded, Scholz now has two claims in it.
  ArticleClaims ac;
  ac.article = MakeArticle("mar", "Scholz nannte 5 Prozent. Scholz nannte 7 Prozent.",
                           "2024-03-31T18:00:00Z");
  for (const char* figure : {"5 Prozent", "7 Prozent"}) {
    Claim c = MakeClaim(ac.article, std::string("Scholz nannte ") + figure + ".", figure, 5,
                        "olaf-scholz", "Olaf Scholz");
    c.claim_type = "percent";
    ac.claims.push_back(c);
  }
  // And one new article with a claim each for two new speakers (a tie of one claim each).
  ArticleClaims two;
  two.article = MakeArticle("apr", "Weber nannte 3 Busse. Adler nannte 4 Busse.", "2024-04-02");
  two.claims.push_back(
      MakeClaim(two.article, "Weber nannte 3 Busse.", "3", 3, "weber", "Anna Weber"));
  two.claims.push_back(
      MakeClaim(two.article, "Adler nannte 4 Busse.", "4", 4, "adler", "Ben Adler"));
  store.IngestBatch({ac, two}, "rs2");
  const auto speakers = store.ListSpeakers();
  std::vector<std::string> ids;
  for (const auto& s : speakers) ids.push_back(s.id);
  // Lagarde has no current claim left; 1-claim speakers in id order.
  CHECK(ids == std::vector<std::string>{"olaf-scholz", "adler", "unknown", "weber"});
  const SpeakerSummary& scholz = speakers[0];
  CHECK(scholz.claim_count == 4);
  CHECK(scholz.article_count == 3);  // two claims in "mar" count as one article
  CHECK(scholz.first_seen == "2024-01-10");
  REQUIRE(scholz.top_claim_types.size() == 2);
  CHECK(scholz.top_claim_types[0] == std::pair<std::string, int64_t>{"count", 2});
  CHECK(scholz.top_claim_types[1] == std::pair<std::string, int64_t>{"percent", 2});
  CHECK(speakers[1].name == "Ben Adler");
  CHECK(speakers[1].first_seen == "2024-04-02");
  CHECK(speakers[1].last_seen == "2024-04-02");
}

TEST_CASE("stats count articles, claims and their languages and types", "[store]") {
  Store store(":memory:");
  Fill(store);
  StoreStats s = store.Stats();
  CHECK(s.articles == 3);
  CHECK(s.claims == 5);
  CHECK(s.speakers == 3);
  CHECK(s.rule_sets == 1);
  REQUIRE(s.claims_by_type.size() == 2);
  CHECK(s.claims_by_type[0] == std::pair<std::string, int64_t>{"count", 3});
  CHECK(s.claims_by_lang == std::vector<std::pair<std::string, int64_t>>{{"de", 5}});
}

}  // namespace
}  // namespace claimtrack::store
