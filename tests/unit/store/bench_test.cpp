// Ingest throughput, run by hand (hidden from the default run and from ctest):
//   build/test_store "[bench]"          (CLAIMTRACK_BENCH_ARTICLES overrides 100000;
//                                        CLAIMTRACK_BENCH_DB=FILE writes the database to FILE,
//                                        which must not exist, and keeps it for query timing)
//   build/test_store "[bench-query]"    with CLAIMTRACK_BENCH_DB=FILE (an existing database,
//                                        opened read-only in effect: nothing is written
//                                        unless it needs a migration) times the queries
//                                        (CLAIMTRACK_BENCH_SPEAKER overrides speaker-42)
// Reports articles/s and claims/s for batches of 200 articles with 10 claims each, and the
// time of typical queries on the result. The figures are quoted in docs/database.md.

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>

#include "store_test_util.h"

namespace claimtrack::store {
namespace {

using testing::TempDir;

ArticleClaims BenchArticle(int seq) {
  ArticleClaims ac;
  Article& a = ac.article;
  a.id = "https://example.org/news/" + std::to_string(seq);
  a.url = a.id;
  a.title = "Artikel " + std::to_string(seq);
  a.outlet = seq % 2 ? "Example Zeitung" : "Example Times";
  a.date = "2024-" + std::to_string(10 + seq % 3) + "-" + std::to_string(10 + seq % 19);
  a.lang = "de";
  a.encoding = "utf-8";
  a.content_hash = "h" + std::to_string(seq);
  a.text = "Einleitung des Artikels " + std::to_string(seq) + " mit etwas Fließtext.";
  for (int k = 0; k < 10; ++k) {
    const std::string figure = std::to_string(1000 + seq % 97 + k);
    const std::string sentence = "Laut Sprecher " + std::to_string(k) + " kamen rund " + figure +
                                 " Menschen zu der Veranstaltung in der Stadt.";
    const size_t begin = a.text.size() + 1;
    a.text += " " + sentence;
    Claim c;
    c.sentence_span = Span{begin, begin + sentence.size()};
    c.sentence = sentence;
    c.sentence_index = k + 1;
    c.claim_type = k % 3 ? "count" : "percent";
    c.rule_id = "de.count.people";
    c.lang = "de";
    c.subject = "Menschen";
    c.quantity.kind = QuantityKind::kCount;
    c.quantity.value = std::stod(figure);
    c.quantity.qualifier = Qualifier::kApprox;
    c.quantity.unit = "Mensch";
    const size_t f = sentence.find(figure);
    c.quantity.span = Span{begin + f, begin + f + figure.size()};
    c.quantity.text = "rund " + figure;
    c.attribution.speaker_id = "speaker-" + std::to_string((seq * 10 + k) % 500);
    c.attribution.speaker_name = "Sprecher " + std::to_string((seq * 10 + k) % 500);
    c.attribution.speaker_kind = "person";
    c.attribution.method = AttributionMethod::kReported;
    c.attribution.confidence = 0.8;
    c.attribution.evidence = "laut Sprecher";
    ac.claims.push_back(c);
  }
  return ac;
}

TEST_CASE("ingest throughput for 100k articles in batches of 200", "[.][bench][store]") {
  int total = 100000;
  if (const char* env = std::getenv("CLAIMTRACK_BENCH_ARTICLES")) total = std::atoi(env);
  constexpr int kBatch = 200;
  TempDir dir;
  std::string path = dir.File("bench.sqlite");
  if (const char* keep = std::getenv("CLAIMTRACK_BENCH_DB")) {
    path = keep;
    REQUIRE_FALSE(std::filesystem::exists(path));  // a fresh database, never someone's data
  }
  Store store(path);
  using Clock = std::chrono::steady_clock;
  double ingest_s = 0;
  for (int start = 0; start < total; start += kBatch) {
    std::vector<ArticleClaims> batch;
    for (int i = start; i < std::min(total, start + kBatch); ++i) batch.push_back(BenchArticle(i));
    const auto t0 = Clock::now();  // time only the store, not building the batch
    store.IngestBatch(batch, "bench-rules");
    ingest_s += std::chrono::duration<double>(Clock::now() - t0).count();
  }
  auto t0 = Clock::now();
  std::vector<ArticleClaims> again;
  for (int i = 0; i < kBatch; ++i) again.push_back(BenchArticle(i));
  store.IngestBatch(again, "bench-rules");  // all unchanged
  const double unchanged_s = std::chrono::duration<double>(Clock::now() - t0).count();

  t0 = Clock::now();
  ClaimFilter f;
  f.speaker_ids = {"speaker-42"};
  const size_t found = store.QueryClaims(f).size();
  const double query_s = std::chrono::duration<double>(Clock::now() - t0).count();
  t0 = Clock::now();
  const size_t speakers = store.ListSpeakers().size();
  const double speakers_s = std::chrono::duration<double>(Clock::now() - t0).count();
  const StoreStats stats = store.Stats();
  CHECK(stats.articles == total);
  CHECK(stats.claims == int64_t{total} * 10);
  WARN("ingest: " << total << " articles / " << stats.claims << " claims in " << ingest_s
                  << " s = " << total / ingest_s << " articles/s, " << stats.claims / ingest_s
                  << " claims/s; re-ingest of " << kBatch << " unchanged articles "
                  << unchanged_s * 1000 << " ms; QueryClaims(speaker) " << found << " rows in "
                  << query_s * 1000 << " ms; ListSpeakers " << speakers << " in "
                  << speakers_s * 1000 << " ms; file "
                  << std::filesystem::file_size(path) / (1024 * 1024) << " MiB");
}

TEST_CASE("query timing on an existing database", "[.][bench-query][store]") {
  const char* path = std::getenv("CLAIMTRACK_BENCH_DB");
  if (path == nullptr || !std::filesystem::exists(path)) {
    FAIL("set CLAIMTRACK_BENCH_DB to an existing database");
    return;
  }
  const char* who = std::getenv("CLAIMTRACK_BENCH_SPEAKER");
  const std::string speaker = who ? who : "speaker-42";
  using Clock = std::chrono::steady_clock;
  auto t0 = Clock::now();
  Store store(path);
  const double open_s = std::chrono::duration<double>(Clock::now() - t0).count();
  // The filter `claimtrack claims --speaker X` builds when X is not in the speakers file.
  ClaimFilter f;
  f.speaker_ids = {speaker, "name:" + speaker};
  f.speaker_name = speaker;
  // Wall and CPU time (the CPU time is steadier on a shared machine).
  for (int run = 1; run <= 3; ++run) {  // run 1 starts with an empty page cache of SQLite
    t0 = Clock::now();
    std::clock_t c0 = std::clock();
    const size_t found = store.QueryClaims(f).size();
    const double query_s = std::chrono::duration<double>(Clock::now() - t0).count();
    const double query_cpu = static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC;
    t0 = Clock::now();
    c0 = std::clock();
    const size_t speakers = store.ListSpeakers().size();
    const double speakers_s = std::chrono::duration<double>(Clock::now() - t0).count();
    const double speakers_cpu = static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC;
    WARN("run " << run << ": open " << open_s * 1000 << " ms; QueryClaims(" << speaker << ") "
                << found << " rows in " << query_s * 1000 << " ms (CPU " << query_cpu * 1000
                << " ms); ListSpeakers " << speakers << " in " << speakers_s * 1000 << " ms (CPU "
                << speakers_cpu * 1000 << " ms)");
    CHECK(found > 0);
  }
  WARN("plan of QueryClaims:\n" << store.ExplainQueryClaims(f));
}

}  // namespace
}  // namespace claimtrack::store
