// Schema creation, upgrades from an old database, and refusal of databases we cannot own.

#include <SQLiteCpp/SQLiteCpp.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "claimtrack/store/reviews.h"
#include "store_test_util.h"

namespace claimtrack::store {
namespace {

using testing::TempDir;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

int64_t Count(SQLite::Database& db, const std::string& sql) {
  return db.execAndGet(sql).getInt64();
}

TEST_CASE("a fresh database is created with parent directories and the newest schema", "[store]") {
  TempDir dir;
  const std::string path = dir.File("nested/deeper/claims.sqlite");
  {
    Store store(path);
    CHECK(store.SchemaVersion() == Store::LatestSchemaVersion());
    CHECK(Store::LatestSchemaVersion() >= 2);
    StoreStats stats = store.Stats();
    CHECK(stats.journal_mode == "wal");
    CHECK(stats.schema_version == Store::LatestSchemaVersion());
    CHECK(stats.articles == 0);
  }
  SQLite::Database db(path, SQLite::OPEN_READONLY);
  CHECK(db.execAndGet("PRAGMA user_version").getInt() == Store::LatestSchemaVersion());
  CHECK(db.execAndGet("PRAGMA application_id").getInt64() == 0x436C6D54);
  for (const char* table :
       {"articles", "article_revisions", "speakers", "claims", "rule_sets", "reviews"}) {
    INFO(table);
    CHECK(db.tableExists(table));
  }
  CHECK(Count(db,
              "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name = "
              "'claims_by_speaker'") == 1);
}

TEST_CASE("reopening an up-to-date database changes nothing", "[store]") {
  TempDir dir;
  const std::string path = dir.File("claims.sqlite");
  { Store store(path); }
  Store again(path);
  CHECK(again.SchemaVersion() == Store::LatestSchemaVersion());
  CHECK(again.Stats().articles == 0);
}

TEST_CASE("a version 1 database is upgraded with its data preserved", "[store]") {
  TempDir dir;
  const std::string path = dir.File("claims.sqlite");
  {
    SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec(ReadFile(std::string(CLAIMTRACK_SOURCE_DIR) + "/tests/data/db/schema_v1.sql"));
    REQUIRE(db.execAndGet("PRAGMA user_version").getInt() == 1);
    REQUIRE_FALSE(db.tableExists("rule_sets"));
  }
  Store store(path);
  CHECK(store.SchemaVersion() == Store::LatestSchemaVersion());

  StoreStats stats = store.Stats();
  CHECK(stats.articles == 2);
  CHECK(stats.article_revisions == 1);
  CHECK(stats.claims == 2);
  CHECK(stats.superseded_claims == 1);
  CHECK(stats.speakers == 2);
  CHECK(stats.reviews == 1);
  CHECK(stats.rule_sets == 2);  // backfilled from the claims by 0002

  {
    SQLite::Database db(path, SQLite::OPEN_READONLY);
    SQLite::Statement st(db, "SELECT version, created_at FROM rule_sets ORDER BY version");
    REQUIRE(st.executeStep());
    CHECK(st.getColumn(0).getString() == "rs-new");
    CHECK(st.getColumn(1).getString() == "2023-05-03T08:00:00.000Z");  // first use
    REQUIRE(st.executeStep());
    CHECK(st.getColumn(0).getString() == "rs-old");
  }

  auto detail = store.GetClaim("0123456789abcdef");
  REQUIRE(detail);
  CHECK(detail->claim.article_revision == 2);
  CHECK_FALSE(detail->claim.superseded);
  CHECK(detail->claim.claim.quantity.value == 20000);
  CHECK(detail->claim.claim.quantity.qualifier == Qualifier::kApprox);
  CHECK(detail->claim.claim.attribution.speaker_name == "Hans Müller");
  CHECK(detail->article_text.find("20.000") != std::string::npos);
  REQUIRE(detail->other_rows.size() == 1);
  CHECK(detail->other_rows[0].article_revision == 1);
  CHECK(detail->other_rows[0].superseded);
  CHECK(detail->other_rows[0].claim.quantity.value == 10000);
  CHECK(detail->other_rows[0].date == "2023-05-02");  // claims.date backfilled by 0002

  ClaimFilter by_speaker;
  by_speaker.speaker_ids = {"regierung"};
  auto claims = store.QueryClaims(by_speaker);
  REQUIRE(claims.size() == 1);
  CHECK(claims[0].id == "fedcba9876543210");
  CHECK(claims[0].date == "2023-06-01T09:30:00.000Z");  // undated: falls back to ingest time
  {
    // The version-1 review is now a verdict on the claim's figure (migration 0006).
    ReviewStore reviews(path);
    auto history = reviews.History("0123456789abcdef");
    REQUIRE(history.size() == 1);
    CHECK(history[0].figure_id == reviews.FigureOf("0123456789abcdef"));
    CHECK(history[0].figure_id.size() == 16);
    CHECK(history[0].article_revision == 2);
    CHECK_FALSE(history[0].previous_id);
  }

  // The upgraded database behaves like a fresh one: the new indexes serve the queries.
  CHECK(store.ExplainQueryClaims(by_speaker).find("claims_by_speaker") != std::string::npos);
  // And re-ingesting an article with the stored content hash is still a no-op.
  Article berlin;
  berlin.id = "a-berlin";
  berlin.text = "whatever";
  berlin.content_hash = "hash-berlin-2";
  auto outcomes = store.IngestBatch({{berlin, {}}}, "rs-3");
  CHECK(outcomes == std::vector<IngestOutcome>{IngestOutcome::kUnchanged});
}

TEST_CASE("a database from a newer claimtrack is refused and left untouched", "[store]") {
  TempDir dir;
  const std::string path = dir.File("claims.sqlite");
  { Store store(path); }
  const int newer = Store::LatestSchemaVersion() + 3;
  {
    SQLite::Database db(path, SQLite::OPEN_READWRITE);
    db.exec("PRAGMA user_version = " + std::to_string(newer));
  }
  try {
    Store store(path);
    FAIL("opening a newer database must throw");
  } catch (const StoreError& e) {
    const std::string expected = "claims.sqlite has schema version " + std::to_string(newer) +
                                 " but this claimtrack knows up to " +
                                 std::to_string(Store::LatestSchemaVersion()) +
                                 "; upgrade claimtrack";
    CHECK_THAT(e.what(), Catch::Contains(expected));
    CHECK_THAT(e.what(), Catch::StartsWith(path));
  }
  SQLite::Database db(path, SQLite::OPEN_READONLY);
  CHECK(db.execAndGet("PRAGMA user_version").getInt() == newer);
}

TEST_CASE("a foreign SQLite database or a non-database file is refused with context", "[store]") {
  TempDir dir;
  const std::string foreign = dir.File("other.sqlite");
  {
    SQLite::Database db(foreign, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec("CREATE TABLE notes (x TEXT)");
  }
  CHECK_THROWS_WITH(Store(foreign), Catch::Contains("not a claimtrack database"));
  {
    SQLite::Database db(foreign, SQLite::OPEN_READONLY);
    CHECK_FALSE(db.tableExists("claims"));  // nothing was added to somebody else's file
  }

  const std::string garbage = dir.File("garbage.sqlite");
  std::ofstream(garbage) << "this is not a database, it is a text file with enough bytes "
                            "to fill a header........................................";
  CHECK_THROWS_AS(Store(garbage), StoreError);
  CHECK_THROWS_WITH(Store(garbage), Catch::StartsWith(garbage));

  // A directory where the file should be cannot be opened either.
  CHECK_THROWS_AS(Store(dir.path().string()), StoreError);
}

TEST_CASE("an in-memory store works for tests and tools", "[store]") {
  Store store(":memory:");
  CHECK(store.SchemaVersion() == Store::LatestSchemaVersion());
}

}  // namespace
}  // namespace claimtrack::store
