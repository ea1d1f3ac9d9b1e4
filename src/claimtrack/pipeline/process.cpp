#include "claimtrack/pipeline/process.h"

#include <atomic>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <mutex>
#include <optional>
#include <thread>

#include "claimtrack/text/article_reader.h"
#include "claimtrack/text/sentences.h"

namespace claimtrack::pipeline {

std::unique_ptr<Engine> LoadEngine(const std::vector<std::string>& rule_paths,
                                   const std::string& speakers_path, Diagnostics& diags) {
  auto engine = std::make_unique<Engine>();
  engine->rules = rules::LoadRuleSet(rule_paths, diags);
  std::shared_ptr<const attribute::SpeakerTable> speakers;
  if (!speakers_path.empty()) {
    speakers = attribute::LoadSpeakerTable(speakers_path, diags);
  }
  if (!engine->rules || diags.HasErrors()) return nullptr;
  engine->extractor = std::make_unique<extract::Extractor>(engine->rules);
  engine->attributor = std::make_unique<attribute::Attributor>(speakers);
  return engine;
}

std::vector<Claim> ProcessArticle(const Engine& engine, const Article& article) {
  normalize::Lang lang =
      engine.lang != normalize::Lang::kUnknown ? engine.lang : extract::ArticleLang(article);
  std::vector<Sentence> sentences = text::SplitSentences(article.text, normalize::ToString(lang));
  std::vector<Claim> claims = engine.extractor->Extract(article, sentences, lang);
  if (engine.attributor && !claims.empty()) {
    engine.attributor->Attribute(article, sentences, claims);
  }
  return claims;
}

RunStats ProcessFiles(const Engine& engine, const std::vector<std::string>& files, int jobs,
                      const std::function<bool(ArticleResult&)>& consume) {
  RunStats stats;
  if (jobs < 1) jobs = 1;
  // Work items are articles in input order; a reader thread fills the queue (bounded, so
  // memory stays flat however large the input), workers process, the caller consumes in
  // order.
  struct Slot {
    ArticleResult result;
    bool done = false;
  };
  std::mutex mu;
  std::condition_variable cv;
  std::deque<std::shared_ptr<Slot>> queue;  // in input order
  size_t next_to_process = 0;               // index into queue (relative to popped count)
  size_t popped = 0;
  bool reading_done = false;
  std::atomic<bool> stop{false};
  const size_t kMaxInFlight = static_cast<size_t>(jobs) * 16;
  // Also bounded by bytes, so that large articles (pieces of a huge text) keep RSS flat.
  const size_t kMaxInFlightBytes = size_t{48} << 20;
  size_t in_flight_bytes = 0;

  std::thread reader([&] {
    for (const auto& f : files) {
      if (stop) break;
      Diagnostics file_diags;
      bool any = false;
      std::error_code ec;
      size_t bytes = f == "-" ? 0 : static_cast<size_t>(std::filesystem::file_size(f, ec));
      text::ReadArticles(f, file_diags, [&](Article&& a) {
        any = true;
        auto slot = std::make_shared<Slot>();
        slot->result.article = std::move(a);
        std::unique_lock lock(mu);
        cv.wait(lock, [&] {
          return stop || queue.empty() ||
                 (queue.size() < kMaxInFlight && in_flight_bytes < kMaxInFlightBytes);
        });
        in_flight_bytes += slot->result.article.text.size();
        // Problems found while reading this article travel with it.
        slot->result.diags = std::move(file_diags);
        file_diags = Diagnostics();
        queue.push_back(slot);
        cv.notify_all();
      });
      std::unique_lock lock(mu);
      stats.files++;
      stats.bytes += ec ? 0 : bytes;
      if (!file_diags.empty() || !any) {
        // File-level problems (unreadable, empty) become a result with no article.
        auto slot = std::make_shared<Slot>();
        slot->result.diags = std::move(file_diags);
        slot->result.article.path = f;
        slot->done = true;
        queue.push_back(slot);
        cv.notify_all();
      }
    }
    std::unique_lock lock(mu);
    reading_done = true;
    cv.notify_all();
  });

  std::vector<std::thread> workers;
  for (int w = 0; w < jobs; ++w) {
    workers.emplace_back([&] {
      while (true) {
        std::shared_ptr<Slot> slot;
        {
          std::unique_lock lock(mu);
          cv.wait(lock, [&] { return stop || next_to_process < queue.size() || reading_done; });
          if (stop) return;
          while (next_to_process < queue.size() && queue[next_to_process]->done) ++next_to_process;
          if (next_to_process >= queue.size()) {
            if (reading_done) return;
            continue;
          }
          slot = queue[next_to_process++];
        }
        if (!slot->result.article.text.empty() || !slot->result.article.id.empty()) {
          slot->result.claims = ProcessArticle(engine, slot->result.article);
        }
        std::unique_lock lock(mu);
        slot->done = true;
        cv.notify_all();
      }
    });
  }

  // Consume in order on this thread.
  while (true) {
    std::shared_ptr<Slot> slot;
    {
      std::unique_lock lock(mu);
      cv.wait(lock, [&] {
        return (!queue.empty() && queue.front()->done) || (reading_done && queue.empty());
      });
      if (queue.empty()) break;
      slot = queue.front();
      queue.pop_front();
      in_flight_bytes -= std::min(in_flight_bytes, slot->result.article.text.size());
      ++popped;
      if (next_to_process > 0) --next_to_process;
      cv.notify_all();
    }
    ArticleResult& r = slot->result;
    if (!r.article.id.empty()) {
      stats.articles++;
      stats.claims += r.claims.size();
    }
    if (r.diags.HasErrors() || (r.article.id.empty() && !r.diags.empty())) stats.problems++;
    if (!stop && !consume(r)) {
      std::unique_lock lock(mu);
      stop = true;
      cv.notify_all();
    }
  }
  reader.join();
  for (auto& t : workers) t.join();
  return stats;
}

}  // namespace claimtrack::pipeline
