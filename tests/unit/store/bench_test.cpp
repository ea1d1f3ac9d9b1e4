// Ingest throughput, run by hand (hidden from the default run and from ctest):
//   build/test_store "[bench]"          (CLAIMTRACK_BENCH_ARTICLES overrides 100000)
// Reports articles/s and claims/s for batches of 200 articles with 10 claims each, and the
// time of typical queries on the result. The figures are quoted in docs/database.md.

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
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
  const std::string path = dir.File("bench.sqlite");
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

}  // namespace
}  // namespace claimtrack::store
