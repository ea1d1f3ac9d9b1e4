#pragma once
// Wires the stages for one article: sentences -> rules -> normalizer -> attribution.
// And the parallel driver used by `extract` and `ingest` (and `ingest --reextract`): a source
// produces articles on one thread, N workers extract, and a sink consumes the results on the
// caller's thread in input order (one writer).

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "claimtrack/attribute/attributor.h"
#include "claimtrack/base/diagnostic.h"
#include "claimtrack/extract/extractor.h"
#include "claimtrack/model/claim.h"

namespace claimtrack::pipeline {

// Everything the stages need, validated once and then shared read-only by all workers.
struct Engine {
  std::shared_ptr<const rules::RuleSet> rules;
  std::unique_ptr<extract::Extractor> extractor;
  std::unique_ptr<attribute::Attributor> attributor;  // null: no attribution
  normalize::Lang lang = normalize::Lang::kUnknown;   // kUnknown: per article
};

// Loads rules (and the speakers file, unless speakers_path is empty). Problems go to diags;
// returns null when the rules have errors. A broken speakers file is an error too.
std::unique_ptr<Engine> LoadEngine(const std::vector<std::string>& rule_paths,
                                   const std::string& speakers_path, Diagnostics& diags);

// One unit of output, in input order. Either an article with its claims (article.id set;
// diags holds warnings about it, never errors), or a problem with no article (article.id
// empty, article.path names the input, diags holds what went wrong: a broken feed line, an
// unreadable file, an empty file). A problem never travels with an article, so a sink that
// skips results with errors never skips a good article.
struct ArticleResult {
  Article article;
  std::vector<Claim> claims;
  Diagnostics diags;
};

// Claims of one article, attributed when the engine has an attributor. Does not throw for
// any article text (rules are compiled at load). Figures that are out of range (a 400-digit
// number) yield no claim and a warning A030 in `warnings` when given.
std::vector<Claim> ProcessArticle(const Engine& engine, const Article& article,
                                  Diagnostics* warnings = nullptr);

// The consumer of a run, after ripgrep's `Sink`.
// Contract:
//  - Consume is called on the thread that called Run/ProcessFiles, once per result, in input
//    order; never concurrently.
//  - Returning kStop ends the run: no further result is delivered, articles not yet consumed
//    are discarded, reading stops, and every thread is joined before Run returns.
//  - Consume may throw (a failed database commit): the run stops as for kStop, and the
//    exception is rethrown from Run after every thread is joined.
class Sink {
 public:
  enum class Flow { kContinue, kStop };
  virtual ~Sink() = default;
  virtual Flow Consume(ArticleResult& result) = 0;
};

// A Sink from a callable (for tests and small commands).
class FunctionSink : public Sink {
 public:
  explicit FunctionSink(std::function<Flow(ArticleResult&)> f) : f_(std::move(f)) {}
  Flow Consume(ArticleResult& r) override { return f_(r); }

 private:
  std::function<Flow(ArticleResult&)> f_;
};

// Where articles come from. `Produce` is called once, on the source thread, and calls
// `emit` for each article and `problem` for each input that yields no article, in input
// order. `emit`/`problem` return false once the run is stopping: the source should return
// soon. A source may throw; the run then stops and Run rethrows it.
class Source {
 public:
  virtual ~Source() = default;
  struct Out {
    std::function<bool(Article&&, Diagnostics&&)> emit;       // an article (+ its warnings)
    std::function<bool(std::string, Diagnostics&&)> problem;  // an input with no article
  };
  virtual void Produce(const Out& out) = 0;
  // Read after Produce returned: input files seen and their bytes (for the summary line).
  virtual size_t files() const { return 0; }
  virtual size_t bytes() const { return 0; }
};

struct RunOptions {
  int jobs = 1;
  // Polled while waiting (every 50 ms at most): true stops the run as kStop does (Ctrl-C).
  std::function<bool()> cancelled;
};

struct RunStats {
  size_t files = 0;
  size_t articles = 0;
  size_t claims = 0;
  size_t bytes = 0;
  size_t problems = 0;   // inputs or feed records skipped
  bool stopped = false;  // the sink or `cancelled` ended the run early
};

// Runs `source` through the engine into `sink`. Memory is bounded: at most 16 articles per
// worker and 48 MiB of article text are in flight.
RunStats Run(const Engine& engine, Source& source, Sink& sink, const RunOptions& options);

// The files source: reads every input file (text::ReadArticles), in order. Errors found while
// reading (a broken feed line, an unreadable file) become problem results of their own.
std::unique_ptr<Source> FilesSource(const std::vector<std::string>& files);

// Convenience: Run over FilesSource.
RunStats ProcessFiles(const Engine& engine, const std::vector<std::string>& files, Sink& sink,
                      const RunOptions& options);

// The articles source: already-read articles (re-extraction of stored articles).
std::unique_ptr<Source> ArticlesSource(std::vector<Article> articles);

}  // namespace claimtrack::pipeline
