// The pipeline's contract (pipeline/process.h): results arrive in input order on the calling
// thread; a sink that throws or stops, a source that fails, or a cancellation ends the run
// with every thread joined — never a hang, never std::terminate.

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "claimtrack/pipeline/process.h"

namespace fs = std::filesystem;
using claimtrack::Article;
using claimtrack::Diagnostics;
using namespace claimtrack::pipeline;

namespace {

const Engine& SharedEngine() {
  static std::unique_ptr<Engine> engine = [] {
    Diagnostics d;
    auto e = LoadEngine({std::string(CLAIMTRACK_SOURCE_DIR) + "/rules"},
                        std::string(CLAIMTRACK_SOURCE_DIR) + "/rules/speakers.yaml", d);
    REQUIRE(e);
    return e;
  }();
  return *engine;
}

std::vector<Article> Articles(int n) {
  std::vector<Article> out;
  for (int i = 0; i < n; ++i) {
    Article a;
    a.id = "a" + std::to_string(i);
    a.path = a.id;
    a.lang = "de";
    a.text = "Der Minister sagte, " + std::to_string(100 + i) + " Soldaten seien verletzt worden.";
    out.push_back(a);
  }
  return out;
}

// A source whose Produce throws after `n` articles.
class FailingSource : public Source {
 public:
  explicit FailingSource(int n) : n_(n) {}
  void Produce(const Out& out) override {
    for (auto& a : Articles(n_)) {
      if (!out.emit(std::move(a), Diagnostics())) return;
    }
    throw std::runtime_error("disk read failed");
  }

 private:
  int n_;
};

}  // namespace

TEST_CASE("results arrive in input order with their claims, on 1 and 4 workers", "[pipeline]") {
  for (int jobs : {1, 4}) {
    auto source = ArticlesSource(Articles(200));
    std::vector<std::string> ids;
    FunctionSink sink([&](ArticleResult& r) {
      ids.push_back(r.article.id);
      CHECK(r.claims.size() == 1);
      return Sink::Flow::kContinue;
    });
    RunStats st = Run(SharedEngine(), *source, sink, {jobs, nullptr});
    REQUIRE(ids.size() == 200);
    for (int i = 0; i < 200; ++i) CHECK(ids[static_cast<size_t>(i)] == "a" + std::to_string(i));
    CHECK(st.articles == 200);
    CHECK(st.claims == 200);
    CHECK_FALSE(st.stopped);
  }
}

TEST_CASE("a sink that throws ends the run and the exception reaches the caller", "[pipeline]") {
  auto source = ArticlesSource(Articles(500));
  int seen = 0;
  FunctionSink sink([&](ArticleResult&) -> Sink::Flow {
    if (++seen == 3) throw std::runtime_error("database or disk is full");
    return Sink::Flow::kContinue;
  });
  CHECK_THROWS_WITH(Run(SharedEngine(), *source, sink, {2, nullptr}),
                    Catch::Contains("disk is full"));
  CHECK(seen == 3);  // nothing after the failure
}

TEST_CASE("a sink that stops ends the run at once and delivers nothing more", "[pipeline]") {
  auto source = ArticlesSource(Articles(5000));
  int seen = 0;
  FunctionSink sink(
      [&](ArticleResult&) { return ++seen == 10 ? Sink::Flow::kStop : Sink::Flow::kContinue; });
  auto t0 = std::chrono::steady_clock::now();
  RunStats st = Run(SharedEngine(), *source, sink, {2, nullptr});
  CHECK(seen == 10);
  CHECK(st.stopped);
  // Not a timing test: a stop must not wait for the rest of the input to be processed.
  CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(30));
}

TEST_CASE("cancellation (Ctrl-C) stops a run whose sink never says stop", "[pipeline]") {
  auto source = ArticlesSource(Articles(20000));
  std::atomic<int> seen{0};
  FunctionSink sink([&](ArticleResult&) {
    ++seen;
    return Sink::Flow::kContinue;
  });
  RunStats st = Run(SharedEngine(), *source, sink, {2, [&] { return seen >= 50; }});
  CHECK(st.stopped);
  CHECK(seen < 20000);
}

TEST_CASE("a source that fails ends the run; what came before is delivered", "[pipeline]") {
  FailingSource source(20);
  int seen = 0;
  FunctionSink sink([&](ArticleResult&) {
    ++seen;
    return Sink::Flow::kContinue;
  });
  CHECK_THROWS_WITH(Run(SharedEngine(), source, sink, {2, nullptr}),
                    Catch::Contains("disk read failed"));
  CHECK(seen <= 20);
}

TEST_CASE("a broken feed line is a problem of its own and costs no article", "[pipeline]") {
  fs::path dir = fs::temp_directory_path() / "claimtrack-pipeline-test";
  fs::create_directories(dir);
  fs::path feed = dir / "feed.jsonl";
  {
    std::ofstream f(feed);
    for (int i = 1; i <= 6; ++i) {
      if (i == 3) {
        f << "{\"id\": \"broken\n";
      } else {
        f << "{\"id\":\"f" << i << "\",\"lang\":\"de\",\"text\":\"Es waren " << i
          << "0 Soldaten.\"}\n";
      }
    }
  }
  std::vector<std::string> order;
  FunctionSink sink([&](ArticleResult& r) {
    if (r.article.id.empty()) {
      REQUIRE(r.diags.HasErrors());
      CHECK(r.diags.items()[0].line == 3);
      order.push_back("problem");
    } else {
      CHECK_FALSE(r.diags.HasErrors());
      order.push_back(r.article.id);
    }
    return Sink::Flow::kContinue;
  });
  RunStats st = ProcessFiles(SharedEngine(), {feed.string()}, sink, {2, nullptr});
  CHECK(order == std::vector<std::string>{"f1", "f2", "problem", "f4", "f5", "f6"});
  CHECK(st.articles == 5);
  CHECK(st.problems == 1);
  fs::remove_all(dir);
}
