#pragma once
// Wires the stages for one article: sentences -> rules -> normalizer -> attribution.
// And the parallel driver used by `extract` and `ingest`: N workers extract, the caller's
// thread consumes results in input order (one writer).

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

struct ArticleResult {
  Article article;
  std::vector<Claim> claims;
  Diagnostics diags;  // problems with this article (decoding, metadata)
};

// Claims of one article, attributed when the engine has an attributor.
std::vector<Claim> ProcessArticle(const Engine& engine, const Article& article);

// Reads every input file (text::ReadArticles), processes the articles on `jobs` threads and
// calls `consume` on the caller's thread, in input order. Reading problems are delivered as
// results with no article id (diags only). `consume` returning false stops early.
struct RunStats {
  size_t files = 0;
  size_t articles = 0;
  size_t claims = 0;
  size_t bytes = 0;
  size_t problems = 0;  // articles or files skipped
};
RunStats ProcessFiles(const Engine& engine, const std::vector<std::string>& files, int jobs,
                      const std::function<bool(ArticleResult&)>& consume);

}  // namespace claimtrack::pipeline
