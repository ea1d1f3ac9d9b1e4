#include "claimtrack/pipeline/process.h"

#include <fmt/format.h>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <filesystem>
#include <mutex>
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

std::vector<Claim> ProcessArticle(const Engine& engine, const Article& article,
                                  Diagnostics* warnings) {
  normalize::Lang lang =
      engine.lang != normalize::Lang::kUnknown ? engine.lang : extract::ArticleLang(article);
  std::vector<Sentence> sentences = text::SplitSentences(article.text, normalize::ToString(lang));
  std::vector<Span> out_of_range;
  std::vector<Claim> claims = engine.extractor->Extract(article, sentences, lang, &out_of_range);
  if (warnings) {
    for (const Span& sp : out_of_range) {
      LineCol lc = LineColOf(article.text, sp.begin);
      std::string text(article.text.substr(sp.begin, std::min<size_t>(sp.size(), 40)));
      warnings->Warning(article.path, lc.line + static_cast<int>(article.body_line_offset), lc.col,
                        "A030",
                        fmt::format("figure '{}{}' is out of range (beyond {:g}); no claim stored",
                                    text, sp.size() > 40 ? "…" : "", normalize::kMaxFigure),
                        "check the source text; a figure this large is a typo or not a quantity");
    }
  }
  if (engine.attributor && !claims.empty()) {
    engine.attributor->Attribute(article, normalize::ToString(lang), sentences, claims);
  }
  return claims;
}

namespace {

// Thrown by the files source's emit callback to leave text::ReadArticles early when the run
// is stopping; caught in FilesSource::Produce only.
struct StopReading {};

class FilesSourceImpl : public Source {
 public:
  explicit FilesSourceImpl(std::vector<std::string> files) : files_(std::move(files)) {}

  void Produce(const Out& out) override {
    for (const auto& f : files_) {
      Diagnostics diags;
      bool any = false;
      std::error_code ec;
      size_t size = f == "-" ? 0 : static_cast<size_t>(std::filesystem::file_size(f, ec));
      ++files_seen_;
      bytes_ += ec ? 0 : size;
      try {
        text::ReadArticles(f, diags, [&](Article&& a) {
          any = true;
          // Errors gathered before this article concern other records (a broken feed line,
          // a line without text): they are problems of their own, reported in input order.
          // Warnings gathered since the last article are about this one.
          Diagnostics errors, warnings;
          for (const auto& d : diags.items()) {
            (d.severity == Severity::kError ? errors : warnings).Add(d);
          }
          diags = Diagnostics();
          if (!errors.empty() && !out.problem(f, std::move(errors))) throw StopReading{};
          if (!out.emit(std::move(a), std::move(warnings))) throw StopReading{};
        });
      } catch (const StopReading&) {
        return;
      }
      if (!diags.empty() || !any) {
        // What is left: problems after the last article, or the file's own (unreadable,
        // empty, no text).
        if (!out.problem(f, std::move(diags))) return;
      }
    }
  }
  size_t files() const override { return files_seen_; }
  size_t bytes() const override { return bytes_; }

 private:
  std::vector<std::string> files_;
  size_t files_seen_ = 0;
  size_t bytes_ = 0;
};

class ArticlesSourceImpl : public Source {
 public:
  explicit ArticlesSourceImpl(std::vector<Article> articles) : articles_(std::move(articles)) {}
  void Produce(const Out& out) override {
    for (auto& a : articles_) {
      if (!out.emit(std::move(a), Diagnostics())) return;
    }
    articles_.clear();
  }

 private:
  std::vector<Article> articles_;
};

}  // namespace

std::unique_ptr<Source> FilesSource(const std::vector<std::string>& files) {
  return std::make_unique<FilesSourceImpl>(files);
}

std::unique_ptr<Source> ArticlesSource(std::vector<Article> articles) {
  return std::make_unique<ArticlesSourceImpl>(std::move(articles));
}

RunStats Run(const Engine& engine, Source& source, Sink& sink, const RunOptions& options) {
  RunStats stats;
  const int jobs = std::max(1, options.jobs);
  // Work items are results in input order. The source thread fills the queue (bounded, so
  // memory stays flat however large the input), workers process articles, and this thread
  // hands finished results to the sink in order.
  struct Slot {
    ArticleResult result;
    bool is_article = false;
    bool claimed = false;  // a worker has taken it
    bool done = false;
    size_t claim_bytes = 0;
  };
  std::mutex mu;
  std::condition_variable cv;
  std::deque<std::shared_ptr<Slot>> queue;  // in input order
  bool producing_done = false;
  bool stop = false;                // guarded by mu
  std::exception_ptr thread_error;  // first exception of the source or a worker
  const size_t kMaxInFlight = static_cast<size_t>(jobs) * 16;
  const size_t kMaxInFlightBytes = size_t{48} << 20;
  size_t in_flight_bytes = 0;

  auto fail = [&](std::exception_ptr e) {
    std::unique_lock lock(mu);
    if (!thread_error) thread_error = e;
    stop = true;
    cv.notify_all();
  };

  // Enqueues one result; false once the run is stopping.
  auto push = [&](std::shared_ptr<Slot> slot) {
    std::unique_lock lock(mu);
    cv.wait(lock, [&] {
      return stop || queue.empty() ||
             (queue.size() < kMaxInFlight && in_flight_bytes < kMaxInFlightBytes);
    });
    if (stop) return false;
    in_flight_bytes += slot->result.article.text.size();
    queue.push_back(std::move(slot));
    cv.notify_all();
    return true;
  };

  Source::Out out;
  out.emit = [&](Article&& a, Diagnostics&& warnings) {
    auto slot = std::make_shared<Slot>();
    slot->result.article = std::move(a);
    slot->result.diags = std::move(warnings);
    slot->is_article = true;
    return push(std::move(slot));
  };
  out.problem = [&](std::string path, Diagnostics&& diags) {
    auto slot = std::make_shared<Slot>();
    slot->result.article.path = std::move(path);
    slot->result.diags = std::move(diags);
    slot->done = true;
    return push(std::move(slot));
  };

  std::thread producer([&] {
    try {
      source.Produce(out);
    } catch (...) {
      fail(std::current_exception());
    }
    std::unique_lock lock(mu);
    producing_done = true;
    cv.notify_all();
  });

  std::vector<std::thread> workers;
  for (int w = 0; w < jobs; ++w) {
    workers.emplace_back([&] {
      while (true) {
        std::shared_ptr<Slot> slot;
        {
          std::unique_lock lock(mu);
          auto find = [&]() -> std::shared_ptr<Slot> {
            for (auto& s : queue)
              if (s->is_article && !s->claimed) return s;
            return nullptr;
          };
          cv.wait(lock, [&] { return stop || producing_done || find() != nullptr; });
          if (stop) return;
          slot = find();
          if (!slot) {
            if (producing_done) return;
            continue;
          }
          slot->claimed = true;
        }
        try {
          slot->result.claims = ProcessArticle(engine, slot->result.article, &slot->result.diags);
        } catch (...) {
          fail(std::current_exception());
          return;
        }
        // What the claims hold counts against the in-flight budget too, so that claim-dense
        // text (a claim in every sentence) keeps memory flat as well.
        size_t claim_bytes = 0;
        for (const Claim& c : slot->result.claims) {
          claim_bytes += sizeof(Claim) + c.sentence.size() + c.quantity.text.size() +
                         c.path.size() + c.article_id.size() + c.attribution.evidence.size();
        }
        std::unique_lock lock(mu);
        slot->claim_bytes = claim_bytes;
        in_flight_bytes += claim_bytes;
        slot->done = true;
        cv.notify_all();
      }
    });
  }

  auto is_cancelled = [&] { return options.cancelled && options.cancelled(); };
  std::exception_ptr sink_error;
  // Consume in order on this thread.
  while (true) {
    std::shared_ptr<Slot> slot;
    {
      std::unique_lock lock(mu);
      auto ready = [&] {
        return stop || (!queue.empty() && queue.front()->done) || (producing_done && queue.empty());
      };
      while (!ready()) {
        cv.wait_for(lock, std::chrono::milliseconds(50));
        if (!ready() && is_cancelled()) {
          stop = true;
          cv.notify_all();
        }
      }
      if (stop || queue.empty()) break;
      slot = queue.front();
      queue.pop_front();
      in_flight_bytes -=
          std::min(in_flight_bytes, slot->result.article.text.size() + slot->claim_bytes);
      cv.notify_all();
    }
    ArticleResult& r = slot->result;
    if (slot->is_article) {
      stats.articles++;
      stats.claims += r.claims.size();
    }
    if (!slot->is_article) stats.problems++;
    Sink::Flow flow = Sink::Flow::kStop;
    try {
      flow = sink.Consume(r);
    } catch (...) {
      sink_error = std::current_exception();
    }
    if (sink_error || flow == Sink::Flow::kStop || is_cancelled()) {
      std::unique_lock lock(mu);
      stop = true;
      cv.notify_all();
    }
  }
  {
    std::unique_lock lock(mu);
    stats.stopped = stop && !thread_error;
    stop = true;  // release a producer waiting for room
    cv.notify_all();
  }
  producer.join();
  for (auto& t : workers) t.join();
  stats.files = source.files();
  stats.bytes = source.bytes();
  if (sink_error) std::rethrow_exception(sink_error);
  if (thread_error) std::rethrow_exception(thread_error);
  return stats;
}

RunStats ProcessFiles(const Engine& engine, const std::vector<std::string>& files, Sink& sink,
                      const RunOptions& options) {
  auto source = FilesSource(files);
  return Run(engine, *source, sink, options);
}

}  // namespace claimtrack::pipeline
