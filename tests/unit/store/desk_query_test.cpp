// The desk's filters of QueryClaims: value ranges, unit, language, outlet, full-text search
// over sentences (kept in sync on ingest, revision and re-extraction), ingest time; the
// did-you-mean lists; and the query plans these filters need.

#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include "store_test_util.h"

namespace claimtrack::store {
namespace {

using testing::MakeArticle;
using testing::MakeClaim;
using testing::TempDir;

std::vector<std::string> Figures(const std::vector<StoredClaim>& claims) {
  std::vector<std::string> out;
  for (const auto& c : claims) out.push_back(c.claim.quantity.text);
  std::sort(out.begin(), out.end());
  return out;
}

using Figs = std::vector<std::string>;

// Money claims: points of 5 m and 50 m, ranges 10-20 m and 30-100 m, and a claim without a
// value (a fraction stored as a share of unknown size is not numeric here).
void FillMoney(Store& store) {
  ArticleClaims ac;
  ac.article = MakeArticle("money",
                           "Es geht um 5 Mio. Euro. Dann 50 Mio. Euro. Zwischen 10 und 20 Mio. "
                           "Euro. Zwischen 30 und 100 Mio. Euro. Ein Teil blieb.",
                           "2024-02-01");
  auto money = [&](const std::string& sentence, const std::string& figure,
                   std::optional<double> value, std::optional<double> low,
                   std::optional<double> high) {
    Claim c = MakeClaim(ac.article, sentence, figure, 0);
    c.claim_type = "money";
    c.quantity.kind = value ? QuantityKind::kMoney : QuantityKind::kRange;
    c.quantity.value = value;
    c.quantity.low = low;
    c.quantity.high = high;
    c.quantity.unit = "EUR";
    ac.claims.push_back(c);
  };
  money("Es geht um 5 Mio. Euro.", "5 Mio. Euro", 5e6, std::nullopt, std::nullopt);
  money("Dann 50 Mio. Euro.", "50 Mio. Euro", 50e6, std::nullopt, std::nullopt);
  money("Zwischen 10 und 20 Mio. Euro.", "10 und 20 Mio. Euro", std::nullopt, 10e6, 20e6);
  money("Zwischen 30 und 100 Mio. Euro.", "30 und 100 Mio. Euro", std::nullopt, 30e6, 100e6);
  Claim none = MakeClaim(ac.article, "Ein Teil blieb.", "Teil", 0);
  none.quantity.value.reset();
  none.quantity.unit = "";
  ac.claims.push_back(none);
  store.IngestBatch({ac}, "rs1");
}

TEST_CASE("a value filter matches points inside it and ranges that overlap it", "[store]") {
  TempDir dir;
  Store store(dir.File("claims.sqlite"));
  FillMoney(store);
  auto query = [&](std::optional<double> min, std::optional<double> max) {
    ClaimFilter f;
    f.min_value = min;
    f.max_value = max;
    return Figures(store.QueryClaims(f));
  };
  // [15 m, 40 m]: both ranges overlap it, neither point lies in it.
  CHECK(query(15e6, 40e6) == Figs{"10 und 20 Mio. Euro", "30 und 100 Mio. Euro"});
  // Bounds are inclusive at both ends, for points and for range ends.
  CHECK(query(20e6, 30e6) == Figs{"10 und 20 Mio. Euro", "30 und 100 Mio. Euro"});
  CHECK(query(50e6, 50e6) == Figs{"30 und 100 Mio. Euro", "50 Mio. Euro"});
  // Only a lower bound: a range counts when its upper end reaches it.
  CHECK(query(60e6, std::nullopt) == Figs{"30 und 100 Mio. Euro"});
  // Only an upper bound: a range counts when its lower end stays under it.
  CHECK(query(std::nullopt, 7e6) == Figs{"5 Mio. Euro"});
  CHECK(query(std::nullopt, 10e6) == Figs{"10 und 20 Mio. Euro", "5 Mio. Euro"});
  // A claim without any value never matches a bound, but is there without one.
  CHECK(query(-1e18, 1e18).size() == 4);
  CHECK(query(std::nullopt, std::nullopt).size() == 5);
}

TEST_CASE("unit, language and outlet filters compare case-insensitively", "[store]") {
  TempDir dir;
  Store store(dir.File("claims.sqlite"));
  FillMoney(store);
  ArticleClaims en;
  en.article = MakeArticle("en", "About 300 people came.", "2024-02-02", "en");
  en.article.outlet = "The Northern Ledger";
  en.claims.push_back(MakeClaim(en.article, "About 300 people came.", "300", 300));
  en.claims.back().lang = "en";
  store.IngestBatch({en}, "rs1");

  ClaimFilter f;
  f.unit = "eur";
  CHECK(store.QueryClaims(f).size() == 4);
  f.unit = "USD";
  CHECK(store.QueryClaims(f).empty());
  f = {};
  f.lang = "en";
  CHECK(Figures(store.QueryClaims(f)) == Figs{"300"});
  f.lang = "de";
  CHECK(store.QueryClaims(f).size() == 5);
  f = {};
  f.outlet = "the northern LEDGER";
  CHECK(Figures(store.QueryClaims(f)) == Figs{"300"});
  f.outlet = "Northern Ledger";  // a part of the name is not the outlet
  CHECK(store.QueryClaims(f).empty());
  CHECK(store.HasOutlet("THE NORTHERN LEDGER"));
  CHECK_FALSE(store.HasOutlet("Northern"));
  CHECK(store.Outlets() == Figs{"Example Zeitung", "The Northern Ledger"});
}

TEST_CASE("the words of a text search become a query that is never an FTS5 syntax error",
          "[store]") {
  CHECK(SentenceSearchQuery("Soldaten") == "\"Soldaten\"");
  CHECK(SentenceSearchQuery("  rund   Soldaten ") == "\"rund\" \"Soldaten\"");
  CHECK(SentenceSearchQuery("\"zwei Drittel\" Mitglieder") == "\"zwei Drittel\" \"Mitglieder\"");
  CHECK(SentenceSearchQuery("Soldat*") == "\"Soldat\" *");
  CHECK(SentenceSearchQuery("Truppen OR Soldaten") == "\"Truppen\" OR \"Soldaten\"");
  CHECK(SentenceSearchQuery("OR Soldaten OR") == "\"Soldaten\"");
  // FTS5 operators and punctuation are plain text inside a string.
  CHECK(SentenceSearchQuery("NATO-Staaten AND NOT x:y") ==
        "\"NATO-Staaten\" \"AND\" \"NOT\" \"x:y\"");
  CHECK(SentenceSearchQuery("say \"it\"s") == "\"say\" \"it\" \"s\"");
  CHECK(SentenceSearchQuery("– , * € „“") == "");
  CHECK(SentenceSearchQuery("Zölle – Ελλάδα") == "\"Zölle\" \"Ελλάδα\"");
  CHECK(SentenceSearchQuery("") == "");
}

TEST_CASE("text search finds the current sentences after re-extraction and revision", "[store]") {
  TempDir dir;
  const std::string path = dir.File("claims.sqlite");
  Store store(path);
  ArticleClaims ac;
  ac.article = MakeArticle("a", "Rund 300 Soldaten reisen ab. Die Zölle steigen um 5 Prozent.");
  ac.claims.push_back(MakeClaim(ac.article, "Rund 300 Soldaten reisen ab.", "300", 300));
  ac.claims.push_back(MakeClaim(ac.article, "Die Zölle steigen um 5 Prozent.", "5 Prozent", 5));
  store.IngestBatch({ac}, "rs1");
  auto search = [&](const std::string& words, bool all = false) {
    ClaimFilter f;
    f.text = words;
    f.include_superseded = all;
    return store.QueryClaims(f);
  };
  CHECK(Figures(search("soldaten")) == Figs{"300"});
  CHECK(Figures(search("zolle")) == Figs{"5 Prozent"});  // accents folded
  CHECK(Figures(search("Sold*")) == Figs{"300"});
  CHECK(Figures(search("Soldaten OR Zölle")) == Figs{"300", "5 Prozent"});
  CHECK(search("Soldaten Zölle").empty());  // all words in one sentence
  CHECK(Figures(search("\"reisen ab\"")) == Figs{"300"});
  CHECK(search("\"ab reisen\"").empty());

  // Re-extraction with a changed value: the old row is superseded, the new one found once.
  std::vector<Claim> next = ac.claims;
  next[0].quantity.value = 310;
  next[0].quantity.text = "300";
  store.ReplaceClaims("a", next, "rs2");
  REQUIRE(search("Soldaten").size() == 1);
  CHECK(search("Soldaten")[0].claim.quantity.value == 310);
  CHECK(search("Soldaten", true).size() == 2);

  // A revision whose sentence changed: the new words are found, the old only in history.
  ArticleClaims rev;
  rev.article = MakeArticle("a", "Rund 400 Panzer rollen an. Die Zölle steigen um 5 Prozent.");
  rev.claims.push_back(MakeClaim(rev.article, "Rund 400 Panzer rollen an.", "400", 400));
  rev.claims.push_back(MakeClaim(rev.article, "Die Zölle steigen um 5 Prozent.", "5 Prozent", 5));
  REQUIRE(store.IngestBatch({rev}, "rs2")[0] == IngestOutcome::kRevised);
  CHECK(Figures(search("Panzer")) == Figs{"400"});
  CHECK(search("Soldaten").empty());
  CHECK(Figures(search("Soldaten", true)) == Figs{"300", "300"});
  CHECK(Figures(search("Zölle")) == Figs{"5 Prozent"});  // the revision's row only
  CHECK(search("Zölle", true).size() == 2);
  // Combined with other filters.
  ClaimFilter f;
  f.text = "Zölle";
  f.min_value = 6;
  CHECK(store.QueryClaims(f).empty());

  // The index holds exactly the claim rows' sentences (FTS5's own consistency check).
  SQLite::Database db(path, SQLite::OPEN_READWRITE);
  CHECK_NOTHROW(db.exec("INSERT INTO claim_fts (claim_fts) VALUES ('integrity-check')"));
  // Every claim row indexed once (claim_fts_docsize has one row per indexed document).
  CHECK(db.execAndGet("SELECT count(*) FROM claim_fts_docsize").getInt64() ==
        db.execAndGet("SELECT count(*) FROM claims").getInt64());
}

TEST_CASE("upgrading an older database indexes the sentences it already has", "[store]") {
  TempDir dir;
  const std::string path = dir.File("claims.sqlite");
  {
    SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    std::ifstream in(std::string(CLAIMTRACK_SOURCE_DIR) + "/tests/data/db/schema_v1.sql");
    std::stringstream ss;
    ss << in.rdbuf();
    db.exec(ss.str());
    REQUIRE(db.execAndGet("PRAGMA user_version").getInt() == 1);
  }
  Store store(path);
  ClaimFilter f;
  f.text = "demonstrierten";
  CHECK(Figures(store.QueryClaims(f)) == Figs{"Rund 20.000"});
  f.include_superseded = true;
  CHECK(Figures(store.QueryClaims(f)) == Figs{"Rund 10.000", "Rund 20.000"});
  f.text = "Budget";
  CHECK(Figures(store.QueryClaims(f)) == Figs{"3 Prozent"});
}

// The articles.ingested_at of an article, as the store wrote it.
std::string IngestedAt(const std::string& path, const std::string& article) {
  SQLite::Database db(path, SQLite::OPEN_READONLY);
  SQLite::Statement st(db, "SELECT ingested_at FROM articles WHERE id = ?");
  st.bind(1, article);
  REQUIRE(st.executeStep());
  return st.getColumn(0).getString();
}

TEST_CASE("ingested-since finds what came in after a time, corrections of old articles included",
          "[store]") {
  TempDir dir;
  const std::string path = dir.File("claims.sqlite");
  Store store(path);
  auto article = [](const std::string& id, const std::string& text, const std::string& figure,
                    double value) {
    ArticleClaims ac;
    ac.article = MakeArticle(id, text, "2023-01-0" + std::to_string(id.size()));
    ac.claims.push_back(MakeClaim(ac.article, text, figure, value));
    return ac;
  };
  store.IngestBatch({article("old", "Es kamen 100 Gäste.", "100", 100),
                     article("keep", "Es kamen 200 Gäste.", "200", 200)},
                    "rs1");
  const std::string t0 = IngestedAt(path, "old");
  std::this_thread::sleep_for(std::chrono::milliseconds(5));  // timestamps have milliseconds
  // Next night: a correction of the old article, and a new one.
  store.IngestBatch({article("old", "Es kamen 150 Gäste.", "150", 150),
                     article("new", "Es kamen 300 Gäste.", "300", 300)},
                    "rs1");
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  // A re-extraction of an article that did not come in again writes no revision.
  Claim changed =
      MakeClaim(MakeArticle("keep", "Es kamen 200 Gäste."), "Es kamen 200 Gäste.", "200", 201);
  store.ReplaceClaims("keep", {changed}, "rs2");

  ClaimFilter f;
  f.ingested_after = t0;
  CHECK(Figures(store.QueryClaims(f)) == Figs{"150", "300"});
  // The corrected article's old revision was stored at t0: not "after".
  f.include_superseded = true;
  CHECK(Figures(store.QueryClaims(f)) == Figs{"150", "300"});
  // A day as the bound: all of that day onwards (compared as text with the UTC stamps).
  f = {};
  f.ingested_after = t0.substr(0, 10);
  CHECK(store.QueryClaims(f).size() == 3);
  f.ingested_after = "9999";
  CHECK(store.QueryClaims(f).empty());
  // With --all-revisions and a bound before everything, the old revision counts too.
  f.ingested_after = "2000";
  f.include_superseded = true;
  CHECK(Figures(store.QueryClaims(f)) == Figs{"100", "150", "200", "200", "300"});
}

TEST_CASE("speaker, type and outlet names can be listed and looked up for hints", "[store]") {
  TempDir dir;
  Store store(dir.File("claims.sqlite"));
  ArticleClaims ac;
  ac.article = MakeArticle("a", "Gordon Brown nannte 300 Tote. Es gab 12 Busse.");
  ac.claims.push_back(MakeClaim(ac.article, "Gordon Brown nannte 300 Tote.", "300", 300,
                                "name:Gordon Brown", "Gordon Brown"));
  ac.claims.back().claim_type = "casualties";
  ac.claims.push_back(MakeClaim(ac.article, "Es gab 12 Busse.", "12", 12));
  store.IngestBatch({ac}, "rs1");
  CHECK(store.ClaimTypes() == Figs{"casualties", "count"});
  CHECK(store.HasClaimType("casualties"));
  CHECK_FALSE(store.HasClaimType("casualty"));
  const auto names = store.SpeakerNames();
  CHECK(std::find(names.begin(), names.end(),
                  std::pair<std::string, std::string>{"name:Gordon Brown", "Gordon Brown"}) !=
        names.end());
  ClaimFilter f;
  f.speaker_ids = {"Brown", "name:Brown"};
  f.speaker_name = "Brown";
  CHECK(store.StoredSpeakerIds(f).empty());
  f.speaker_ids = {"gordon brown", "name:gordon brown"};
  f.speaker_name = "gordon brown";
  CHECK(store.StoredSpeakerIds(f) == Figs{"name:Gordon Brown"});
}

TEST_CASE("the desk's filters read indexes, not every claim", "[store]") {
  TempDir dir;
  Store store(dir.File("claims.sqlite"));
  FillMoney(store);
  auto plan = [&](const ClaimFilter& f) {
    std::string p = store.ExplainQueryClaims(f);
    INFO("plan:\n" << p);
    CHECK(p.find("SCAN c ") == std::string::npos);
    CHECK(p.find("SCAN c\n") == std::string::npos);
    CHECK(p.find("SCAN claims") == std::string::npos);
    return p;
  };
  ClaimFilter text;
  text.text = "Mio";
  CHECK(plan(text).find("VIRTUAL TABLE INDEX") != std::string::npos);  // claim_fts
  ClaimFilter since;
  since.ingested_after = "2024-01-01";
  CHECK(plan(since).find("articles_by_ingested_at") != std::string::npos);
  ClaimFilter outlet;
  outlet.outlet = "example zeitung";
  CHECK(plan(outlet).find("articles_by_outlet") != std::string::npos);
  // The speaker query keeps its index with the new filters added, first page and limit.
  ClaimFilter speaker;
  speaker.speaker_ids = {"unknown"};
  speaker.min_value = 1e6;
  speaker.unit = "EUR";
  speaker.lang = "de";
  speaker.limit = 50;
  CHECK(plan(speaker).find("USING INDEX claims_by_speaker") != std::string::npos);
}

}  // namespace
}  // namespace claimtrack::store
