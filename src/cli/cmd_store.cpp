// The database commands: `ingest` (with --reextract), `speakers`, `claims`, `show`, `stats`.
// The store module is the only place that knows SQL; this file formats for people/machines.

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <map>
#include <regex>
#include <set>
#include <thread>

#include "claimtrack/attribute/attributor.h"
#include "claimtrack/base/utf8.h"
#include "claimtrack/pipeline/process.h"
#include "claimtrack/store/findings.h"
#include "claimtrack/store/reviews.h"
#include "claimtrack/store/store.h"
#include "claimtrack/text/article_reader.h"
#include "commands.h"
#include "output.h"
#include "review_common.h"
#include "suggest.h"

namespace claimtrack::cli {

namespace {

// How long one ingest batch should hold the write lock (see Ingest).
constexpr double kLockBudgetMs = 25;

struct IngestArgs {
  std::string db = DefaultDbPath();
  std::vector<std::string> rules;
  std::string speakers;
  std::vector<std::string> inputs;
  int jobs = 0;
  size_t batch = 200;  // at most; fewer when writing them would hold the lock too long
  bool reextract = false;
};

// Reports a failed write after the batches before it were committed: where, what, and that
// a rerun completes the work (ingest is idempotent). Exit 4.
int WriteFailed(const std::string& db_path, const std::exception& e, size_t committed) {
  std::cout.flush();
  std::cerr << fmt::format(
      "{}: error[D001]: writing to the database failed: {}\n  {} article(s) were committed "
      "before the failure and are kept\n  hint: free disk space, check that the file and its "
      "folder are writable and that no other process holds a write lock, then run the same "
      "command again: it stores what is missing\n",
      db_path, e.what(), committed);
  return kExitEnvironment;
}

int Reextract(const IngestArgs& a, pipeline::Engine& engine, store::Store& db) {
  std::vector<Article> articles = db.LoadArticles();
  const size_t total = articles.size();
  Progress progress(total);
  std::map<std::string, std::array<size_t, 3>> per_rule;  // added, removed, changed
  size_t unchanged = 0, touched = 0, done = 0;
  const int jobs =
      a.jobs > 0 ? a.jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  // Extraction in parallel through the same pipeline as ingest; writes on this thread.
  pipeline::FunctionSink sink([&](pipeline::ArticleResult& r) {
    store::ReextractDiff diff = db.ReplaceClaims(r.article.id, r.claims, engine.rules->version());
    ++done;
    unchanged += diff.unchanged;
    if (!diff.empty()) ++touched;
    for (const auto& rr : diff.by_rule) {
      auto& c = per_rule[rr.rule_id];
      c[0] += rr.added.size();
      c[1] += rr.removed.size();
      c[2] += rr.changed.size();
    }
    progress.Update(done, done, 0);
    return pipeline::Sink::Flow::kContinue;
  });
  auto source = pipeline::ArticlesSource(std::move(articles));
  try {
    pipeline::Run(engine, *source, sink, {jobs, Interrupted});
    if (!Interrupted()) db.RefreshSpeakerSummary();  // the `speakers` listing's cache
  } catch (const std::exception& e) {
    progress.Done();
    return WriteFailed(a.db, e, done);
  }
  progress.Done();
  if (per_rule.empty()) {
    std::cout << fmt::format(
        "re-extracted {} articles with rule set {}: no claim changed ({} unchanged)\n", done,
        engine.rules->version(), unchanged);
    return kExitOk;
  }
  Table t({"rule", "added", "removed", "changed"});
  for (const auto& [rule, c] : per_rule) {
    t.Add({rule, std::to_string(c[0]), std::to_string(c[1]), std::to_string(c[2])});
  }
  t.Print(std::cout);
  std::cout << fmt::format(
      "re-extracted {} of {} articles with rule set {}: {} changed, {} claims unchanged\n", done,
      total, engine.rules->version(), touched, unchanged);
  return kExitOk;
}

int Ingest(const IngestArgs& a) {
  Diagnostics diags;
  std::vector<std::string> rule_paths = a.rules;
  if (rule_paths.empty()) rule_paths.push_back(DefaultRulesDir());
  auto engine = pipeline::LoadEngine(rule_paths, SpeakersFileFor(a.rules, a.speakers), diags);
  std::cerr << diags.ToString();
  if (!engine) return kExitFindings;
  if (a.reextract && !a.inputs.empty()) {
    std::cerr << "claimtrack ingest: error: --reextract works on the stored articles; give no "
                 "inputs with it\n";
    return kExitUsage;
  }
  if (!a.reextract && a.inputs.empty()) {
    std::cerr << "claimtrack ingest: error: no input (give files, folders or -, or --reextract)\n";
    return kExitUsage;
  }
  store::Store db(a.db);
  if (a.reextract) return Reextract(a, *engine, db);
  Diagnostics input_diags;
  std::vector<std::string> files = text::ExpandInputs(a.inputs, input_diags);
  std::cerr << input_diags.ToString();
  int jobs =
      a.jobs > 0 ? a.jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  Progress progress(files.size());
  std::vector<store::ArticleClaims> batch;
  std::map<store::IngestOutcome, size_t> outcomes;
  size_t skipped = input_diags.ErrorCount(), claims_written = 0, articles = 0, committed = 0;
  size_t claims_seen = 0;
  std::set<std::string> files_seen;
  // One transaction per batch: a failure loses only the batch being written, never a
  // committed one. A write error is thrown out of the sink and ends the run cleanly.
  // A batch holds the database's write lock while it is written, and a reviewer's verdict
  // waits for it: after each batch the next one is sized from the time per article just
  // measured so that it holds the lock for about kLockBudgetMs (at most --batch articles;
  // the first batch is small, as nothing has been measured yet).
  size_t batch_limit = std::min<size_t>(a.batch, 8);
  auto flush = [&] {
    if (batch.empty()) return;
    double held_ms = 0;
    auto result = db.IngestBatch(batch, engine->rules->version(), &held_ms);
    const double per_article = std::max(held_ms / static_cast<double>(batch.size()), 0.01);
    batch_limit = std::clamp(static_cast<size_t>(kLockBudgetMs / per_article), size_t{1}, a.batch);
    for (size_t i = 0; i < result.size(); ++i) {
      outcomes[result[i]]++;
      if (result[i] != store::IngestOutcome::kUnchanged) claims_written += batch[i].claims.size();
    }
    committed += batch.size();
    batch.clear();
  };
  pipeline::FunctionSink sink([&](pipeline::ArticleResult& r) {
    if (!r.diags.empty()) {
      progress.Done();
      std::cerr << r.diags.ToString();
    }
    files_seen.insert(SourceFileOf(r.article.path));
    if (r.article.id.empty()) {
      ++skipped;  // a problem with no article: a broken feed line, an unreadable or empty file
      return pipeline::Sink::Flow::kContinue;
    }
    ++articles;
    claims_seen += r.claims.size();
    batch.push_back({std::move(r.article), std::move(r.claims)});
    if (batch.size() >= batch_limit) flush();
    progress.Update(files_seen.size(), articles, claims_seen);
    return pipeline::Sink::Flow::kContinue;
  });
  pipeline::RunStats stats;
  try {
    stats = pipeline::ProcessFiles(*engine, files, sink, {jobs, Interrupted});
    flush();  // what is done is committed, also after Ctrl-C
    // The `speakers` listing's cache (docs/database.md, "Speaker summary"); not after Ctrl-C.
    if (!stats.stopped) db.RefreshSpeakerSummary();
  } catch (const std::exception& e) {
    progress.Done();
    return WriteFailed(a.db, e, committed);
  }
  progress.Done();
  double secs = progress.Seconds();
  size_t fresh = outcomes[store::IngestOutcome::kNew],
         revised = outcomes[store::IngestOutcome::kRevised],
         same = outcomes[store::IngestOutcome::kUnchanged];
  if (fresh == 0 && revised == 0 && articles > 0) {
    std::cout << fmt::format("{} articles unchanged: nothing to do ({})\n", same, a.db);
  } else {
    std::cout << fmt::format(
        "ingested {} articles into {}: {} new, {} revised, {} unchanged; {} claims written; "
        "{:.1f} s, {:.0f} articles/s, {:.1f} MB/s\n",
        articles, a.db, fresh, revised, same, claims_written, secs, secs > 0 ? articles / secs : 0,
        secs > 0 ? stats.bytes / secs / 1e6 : 0);
  }
  if (stats.stopped) {
    std::cerr << fmt::format(
        "interrupted: {} article(s) committed; run the same command again to store the rest\n",
        committed);
  }
  if (skipped > 0) {
    std::cerr << fmt::format("{} input(s) skipped; see the messages above\n", skipped);
    return kExitPartial;
  }
  return kExitOk;
}

struct QueryArgs {
  std::string db = DefaultDbPath();
  std::string format = "table";
  std::string speaker, type, since, until, article, speakers_file;
  std::string min_value, max_value;  // as typed: "1e9", "1.5bn" (ParseAmount)
  std::string currency, unit, lang, outlet, text, ingested_since, review_status;
  double min_confidence = -1;
  bool all_revisions = false;
  int64_t limit = 0;  // 0: no limit (the flag left out)
  std::string claim_id;
};

int Speakers(const QueryArgs& a) {
  store::Store db(a.db, store::Store::OpenMode::kReadOnly);
  auto list = db.ListSpeakers();
  auto types = [](const store::SpeakerSummary& s) {
    std::string out;
    for (const auto& [t, n] : s.top_claim_types)
      out += (out.empty() ? "" : ", ") + fmt::format("{} {}", t, n);
    return out;
  };
  if (a.format == "json" || a.format == "jsonl") {
    JsonList out(std::cout, a.format == "jsonl");
    for (const auto& s : list) {
      nlohmann::json tt = nlohmann::json::array();
      for (const auto& [t, n] : s.top_claim_types) tt.push_back({{"claim_type", t}, {"count", n}});
      out.Add({{"id", s.id},
               {"name", s.name},
               {"kind", s.kind},
               {"claims", s.claim_count},
               {"articles", s.article_count},
               {"first_seen", s.first_seen},
               {"last_seen", s.last_seen},
               {"top_claim_types", tt}});
    }
    out.Finish();
  } else if (a.format == "csv") {
    PrintCsvRow(std::cout, {"id", "name", "kind", "claims", "articles", "first_seen", "last_seen",
                            "top_claim_types"});
    for (const auto& s : list)
      PrintCsvRow(std::cout,
                  {s.id, s.name, s.kind, std::to_string(s.claim_count),
                   std::to_string(s.article_count), s.first_seen, s.last_seen, types(s)});
  } else {
    Table t({"speaker", "name", "kind", "claims", "articles", "first seen", "last seen",
             "top claim types"});
    t.SetMaxWidth(0, 30);
    t.SetMaxWidth(1, 28);
    for (const auto& s : list)
      t.Add({s.id, s.name, s.kind, std::to_string(s.claim_count), std::to_string(s.article_count),
             s.first_seen.substr(0, 10), s.last_seen.substr(0, 10), types(s)});
    t.Print(std::cout);
  }
  return kExitOk;
}

}  // namespace

bool ValidDateBound(const std::string& d) {
  static const std::regex kDate(R"((\d{4})(-(\d{2})(-(\d{2})(T[0-9:.+\-Z]*)?)?)?)");
  std::smatch m;
  if (!std::regex_match(d, m, kDate)) return false;
  if (!m[3].matched) return true;
  int year = std::stoi(m[1]), month = std::stoi(m[3]);
  if (month < 1 || month > 12) return false;
  if (!m[5].matched) return true;
  int day = std::stoi(m[5]);
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  int max_day = kDays[month - 1] + (month == 2 && leap ? 1 : 0);
  return day >= 1 && day <= max_day;
}

int NoMatch(std::string_view command, const std::string& what, const std::string& hint) {
  std::cerr << fmt::format("claimtrack {}: error: {}\n  hint: {}\n", command, what, hint);
  return kExitNoMatch;
}

int UnknownSpeaker(std::string_view command, const store::Store& db, const std::string& db_path,
                   const std::string& speaker, const attribute::Speaker* alias) {
  std::vector<std::pair<std::string, std::vector<std::string>>> candidates;
  std::map<std::string, std::string> id_of;
  for (const auto& [id, name] : db.SpeakerNames()) {
    if (id == "unknown") continue;
    const std::string shown = name.empty() ? id : name;
    candidates.push_back({shown, {name, id}});
    id_of.emplace(shown, id);
  }
  std::vector<std::string> hits = Suggestions(speaker, candidates, 3);
  std::string hint;
  if (alias != nullptr) {
    hint = fmt::format("'{}' is {} ({}) in the speakers file, but no claim of theirs is stored",
                       speaker, alias->name, alias->id);
    if (!hits.empty()) hint += "; ";
  }
  if (!hits.empty()) {
    std::vector<std::string> shown;  // 'Gordon Brown' (name:Gordon Brown), 'mark-rutte'
    for (const std::string& h : hits) {
      const std::string& id = id_of[h];
      shown.push_back("'" + h + "'" + (id == h ? "" : " (" + id + ")"));
    }
    hint += "did you mean " + JoinList(shown) + "?";
  } else if (alias == nullptr) {
    hint = "`claimtrack speakers` lists the stored speakers";
  }
  return NoMatch(command, fmt::format("no speaker '{}' in {}", speaker, db_path), hint);
}

int UnknownClaimType(std::string_view command, const store::Store& db, const std::string& db_path,
                     const std::string& type) {
  std::vector<std::string> types = db.ClaimTypes();
  std::vector<std::pair<std::string, std::vector<std::string>>> candidates;
  for (const std::string& t : types) candidates.push_back({t, {t}});
  std::vector<std::string> hits = Suggestions(type, candidates, 3);
  return NoMatch(command, fmt::format("no claim of type '{}' in {}", type, db_path),
                 hits.empty() ? "the stored claim types are " + QuotedList(types, " and ")
                              : "did you mean " + QuotedList(hits) + "?");
}

namespace {

// CLI11 validators shared by the query commands: an empty value is a usage error (it would
// silently match everything), dates must be real, confidences finite in [0, 1].
const CLI::Validator kNonEmpty(
    [](std::string& v) {
      return v.empty() ? std::string("must not be empty (leave the flag out to match all)")
                       : std::string();
    },
    "NOT EMPTY");
const CLI::Validator kDateBound(
    [](std::string& v) {
      return ValidDateBound(v) ? std::string()
                               : "'" + v +
                                     "' is not a real ISO 8601 date; write 2025, 2025-03 or "
                                     "2025-03-05";
    },
    "DATE");
const CLI::Validator kConfidence(
    [](std::string& v) {
      char* end = nullptr;
      double x = std::strtod(v.c_str(), &end);
      if (end == v.c_str() || *end != '\0' || !std::isfinite(x) || x < 0 || x > 1)
        return std::string("must be a number from 0 to 1");
      return std::string();
    },
    "0..1");

// --min/--max: a number ("1000000000", "1.5e9") or one with the scale words the tables use
// ("1.5bn", "20 m", "750k"): k, m (or mn), bn, tn. '.' is the decimal point; nullopt for
// anything else (a ',' could be either a decimal or a thousands separator).
std::optional<double> ParseAmount(const std::string& text) {
  static const std::regex kAmount(
      R"(\s*([+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)\s*([a-zA-Z]*)\s*)");
  std::smatch m;
  if (!std::regex_match(text, m, kAmount)) return std::nullopt;
  double v = std::strtod(m[1].str().c_str(), nullptr);
  std::string scale = m[2].str();
  for (char& c : scale) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (scale == "k") {
    v *= 1e3;
  } else if (scale == "m" || scale == "mn") {
    v *= 1e6;
  } else if (scale == "bn") {
    v *= 1e9;
  } else if (scale == "tn") {
    v *= 1e12;
  } else if (!scale.empty()) {
    return std::nullopt;
  }
  if (!std::isfinite(v)) return std::nullopt;
  return v;
}

// --ingested-since DATE as the store compares it with articles.ingested_at (UTC,
// "2025-12-07T05:30:00.000Z"): a date or a prefix of one stays as it is ("2025-12-07" is
// the whole day onwards); a time is turned into that form, its offset applied (no offset:
// UTC). nullopt when it is not a real date or time.
std::optional<std::string> NormalizeUtcBound(const std::string& v) {
  if (v.find('T') == std::string::npos) {
    if (!ValidDateBound(v)) return std::nullopt;
    return v;
  }
  static const std::regex kTime(
      R"(([0-9]{4}-[0-9]{2}-[0-9]{2})T([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:[.,]([0-9]{1,9}))?)?(Z|[+-][0-9]{2}:?[0-9]{2})?)");
  std::smatch m;
  if (!std::regex_match(v, m, kTime) || !ValidDateBound(m[1].str())) return std::nullopt;
  std::tm tm{};
  tm.tm_year = std::stoi(m[1].str().substr(0, 4)) - 1900;
  tm.tm_mon = std::stoi(m[1].str().substr(5, 2)) - 1;
  tm.tm_mday = std::stoi(m[1].str().substr(8, 2));
  tm.tm_hour = std::stoi(m[2].str());
  tm.tm_min = std::stoi(m[3].str());
  tm.tm_sec = m[4].matched ? std::stoi(m[4].str()) : 0;
  if (tm.tm_hour > 23 || tm.tm_min > 59 || tm.tm_sec > 59) return std::nullopt;
  std::string millis = m[5].matched ? m[5].str() : "";
  millis = (millis + "000").substr(0, 3);
  std::time_t t = timegm(&tm);
  if (m[6].matched && m[6].str() != "Z") {
    std::string off = m[6].str();
    off.erase(std::remove(off.begin(), off.end(), ':'), off.end());
    const int minutes = std::stoi(off.substr(1, 2)) * 60 + std::stoi(off.substr(3, 2));
    t -= (off[0] == '-' ? -1 : 1) * minutes * 60;
  }
  std::tm utc{};
  gmtime_r(&t, &utc);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &utc);
  return std::string(buf) + "." + millis + "Z";
}

const CLI::Validator kAmountValue(
    [](std::string& v) {
      return ParseAmount(v) ? std::string()
                            : "'" + v +
                                  "' is not a number; write 1000000000, 1e9 or 1bn (scale words "
                                  "k, m, bn, tn; '.' is the decimal point)";
    },
    "NUMBER");
const CLI::Validator kCurrencyCode(
    [](std::string& v) {
      bool ok = v.size() == 3 && std::all_of(v.begin(), v.end(), [](char c) {
                  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
                });
      return ok ? std::string()
                : "'" + v + "' is not an ISO 4217 currency code; write EUR, USD, GBP, CHF, ...";
    },
    "CODE");
const CLI::Validator kSearchWords(
    [](std::string& v) {
      return store::SentenceSearchQuery(v).empty()
                 ? std::string("has no word to search for (give letters or digits)")
                 : std::string();
    },
    "WORDS");
const CLI::Validator kIngestedSince(
    [](std::string& v) {
      return v == "last" || NormalizeUtcBound(v)
                 ? std::string()
                 : "'" + v +
                       "' is neither 'last' nor a real ISO 8601 date or time; write last, "
                       "2025-12-07 or 2025-12-07T05:30:00Z";
    },
    "last|DATE");

// A stored claim as a claim object with the stored fields (docs/cli.md "Stored claims").
nlohmann::json StoredClaimJson(const store::StoredClaim& r) {
  nlohmann::json j = ClaimJson(r.claim);
  j["id"] = r.id;
  j["date"] = r.date;
  j["article_revision"] = r.article_revision;
  j["superseded"] = r.superseded;
  j["rule_set"] = r.rule_set_version;
  j["title"] = r.article_title;
  j["url"] = r.article_url;
  j["outlet"] = r.outlet;
  return j;
}

// The CSV of `claims`: what a spreadsheet user needs in one row (docs/cli.md "claims CSV").
void PrintClaimsCsv(const std::vector<store::StoredClaim>& rows) {
  std::vector<std::string> header = ClaimCsvHeader();
  header.insert(header.end(), {"article_revision", "superseded"});
  PrintCsvRow(std::cout, header);
  for (const auto& r : rows) {
    std::vector<std::string> row =
        ClaimCsvRow(r.claim, {r.id, r.date, r.article_title, r.outlet, r.article_url});
    row.insert(row.end(), {std::to_string(r.article_revision), r.superseded ? "true" : "false"});
    PrintCsvRow(std::cout, row);
  }
}

// When a query found nothing: the --speaker, --type and --outlet values that name nothing
// stored, each with a did-you-mean on stderr. Returns kExitNoMatch when there was one,
// kExitOk when every name exists (the filters together just match no claim).
int ReportUnknownNames(const store::Store& db, const QueryArgs& a, const store::ClaimFilter& f,
                       const attribute::Speaker* alias) {
  int rc = kExitOk;
  if (!a.speaker.empty() && db.StoredSpeakerIds(f).empty()) {
    rc = UnknownSpeaker("claims", db, a.db, a.speaker, alias);
  }
  if (!a.type.empty() && !db.HasClaimType(a.type))
    rc = UnknownClaimType("claims", db, a.db, a.type);
  if (!a.outlet.empty() && !db.HasOutlet(a.outlet)) {
    std::vector<std::string> outlets = db.Outlets();
    std::vector<std::pair<std::string, std::vector<std::string>>> candidates;
    for (const std::string& o : outlets) candidates.push_back({o, {o}});
    std::vector<std::string> hits = Suggestions(a.outlet, candidates, 3);
    std::string hint = "did you mean " + QuotedList(hits) + "?";
    if (hits.empty()) {
      hint = outlets.size() <= 12 ? "the stored outlets are " + QuotedList(outlets, " and ")
                                  : "no stored outlet is spelled like it";
    }
    rc = NoMatch("claims", fmt::format("no article from outlet '{}' in {}", a.outlet, a.db), hint);
  }
  return rc;
}

int Claims(const QueryArgs& a) {
  auto usage = [](const std::string& what) {
    std::cerr << "claimtrack claims: error: " << what << '\n';
    return kExitUsage;
  };
  store::ClaimFilter f;
  if (!a.min_value.empty()) f.min_value = ParseAmount(a.min_value);
  if (!a.max_value.empty()) f.max_value = ParseAmount(a.max_value);
  if (f.min_value && f.max_value && *f.min_value > *f.max_value) {
    return usage(
        fmt::format("--min {} is above --max {}; nothing could match", a.min_value, a.max_value));
  }
  if (!a.currency.empty() && !a.unit.empty()) {
    return usage("give --currency or --unit, not both (--currency EUR is --unit EUR)");
  }
  f.unit = a.unit;
  if (!a.currency.empty()) {
    f.unit = a.currency;
    for (char& c : f.unit) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  f.lang = a.lang;
  f.outlet = a.outlet;
  f.text = a.text;
  f.review_status = a.review_status;
  store::Store db(a.db, store::Store::OpenMode::kReadOnly);
  if (a.ingested_since == "last") {
    // Where the previous `report` ended: the newest ingest it covered (report_runs).
    store::FindingStore findings(a.db, /*read_only=*/true);
    const store::ReportRun last = findings.LastReport();
    if (last.id == 0) {
      std::cerr << "claimtrack claims: note: no report has been written from this database yet, "
                   "so --ingested-since last matches every claim\n";
    }
    f.ingested_after = last.max_ingested_at;
  } else if (!a.ingested_since.empty()) {
    f.ingested_after = *NormalizeUtcBound(a.ingested_since);
  }
  const attribute::Speaker* alias = nullptr;
  std::shared_ptr<const attribute::SpeakerTable> table;
  if (!a.speaker.empty()) {
    // Name lookup through the alias table: "Rutte", "NATO-Generalsekretär" -> mark-rutte.
    Diagnostics d;
    // An exact stored id ("mark-rutte") needs no alias table: skip parsing it.
    std::string file =
        db.HasSpeaker(a.speaker) ? std::string() : SpeakersFileFor({}, a.speakers_file);
    if (!file.empty()) {
      if ((table = attribute::LoadSpeakerTable(file, d))) {
        if ((alias = attribute::FindSpeaker(*table, a.speaker))) f.speaker_ids.push_back(alias->id);
      }
    }
    f.speaker_ids.push_back(a.speaker);
    f.speaker_ids.push_back("name:" + a.speaker);
    f.speaker_name = a.speaker;
  }
  f.claim_type = a.type;
  f.since = a.since;
  f.until = a.until;
  f.article_id = a.article;
  if (a.min_confidence >= 0) f.min_confidence = a.min_confidence;
  f.include_superseded = a.all_revisions;
  f.limit = static_cast<size_t>(a.limit);
  auto rows = db.QueryClaims(f);
  if (rows.empty()) {
    // Only now: a name that matches nothing stored is a typo to point out, not "0 claims".
    if (int rc = ReportUnknownNames(db, a, f, alias); rc != kExitOk) return rc;
  }
  if (a.format == "json" || a.format == "jsonl") {
    JsonList out(std::cout, a.format == "jsonl");
    for (const auto& r : rows) out.Add(StoredClaimJson(r));
    out.Finish();
    return kExitOk;
  }
  if (a.format == "csv") {
    PrintClaimsCsv(rows);
    return kExitOk;
  }
  Table t({"claim", "date", "speaker", "method", "type", "figure", "article", "sentence"});
  t.SetMaxWidth(2, 24);
  t.SetMaxWidth(6, 24);
  t.SetMaxWidth(7, 60);
  for (const auto& r : rows) {
    const Claim& c = r.claim;
    t.Add(
        {r.id + (r.superseded ? "*" : ""), r.date.substr(0, 10),
         c.attribution.speaker_name.empty() ? c.attribution.speaker_id : c.attribution.speaker_name,
         c.attribution.method == AttributionMethod::kNone
             ? "-"
             : fmt::format("{} {:.2f}", ToString(c.attribution.method), c.attribution.confidence),
         c.claim_type, FigureForPeople(c.quantity), c.article_id, c.sentence});
  }
  t.Print(std::cout);
  std::cout << fmt::format("{} claims{}\n", rows.size(),
                           a.all_revisions ? " (* = superseded)" : "");
  return kExitOk;
}

// Up to `n` bytes around [b, e) of text, cut at UTF-8 boundaries and marked with »…«.
std::string Context(const std::string& text, size_t b, size_t e, size_t n) {
  size_t from = b > n ? b - n : 0;
  size_t to = std::min(text.size(), e + n);
  while (from > 0 && (static_cast<unsigned char>(text[from]) & 0xC0) == 0x80) --from;
  while (to < text.size() && (static_cast<unsigned char>(text[to]) & 0xC0) == 0x80) ++to;
  return (from > 0 ? "…" : "") + text.substr(from, b - from) + "»" + text.substr(b, e - b) + "«" +
         text.substr(e, to - e) + (to < text.size() ? "…" : "");
}

int Show(const QueryArgs& a) {
  store::Store db(a.db, store::Store::OpenMode::kReadOnly);
  auto d = db.GetClaim(a.claim_id);
  if (!d) {
    std::cerr << fmt::format(
        "claimtrack show: error: no claim with id '{}'\n  hint: ids are listed by `claimtrack "
        "claims`\n",
        a.claim_id);
    return kExitFindings;
  }
  const Claim& c = d->claim.claim;
  const Quantity& q = c.quantity;
  // Verdicts belong to the figure: those recorded under another rule or revision show too.
  const std::vector<store::Verdict> verdicts = store::ReviewStore(a.db, true).History(a.claim_id);
  if (a.format == "json") {
    nlohmann::json j = ClaimJson(c);
    j["id"] = d->claim.id;
    j["date"] = d->claim.date;
    j["superseded"] = d->claim.superseded;
    j["article_revision"] = d->claim.article_revision;
    j["rule_set"] = d->claim.rule_set_version;
    j["title"] = d->claim.article_title;
    j["url"] = d->claim.article_url;
    j["outlet"] = d->claim.outlet;
    j["context"] = Context(d->article_text, q.span.begin, q.span.end, 300);
    nlohmann::json others = nlohmann::json::array();
    for (const auto& o : d->other_rows) {
      nlohmann::json oj = ClaimJson(o.claim);
      oj["article_revision"] = o.article_revision;
      oj["superseded"] = o.superseded;
      others.push_back(oj);
    }
    j["other_revisions"] = others;
    nlohmann::json reviews = nlohmann::json::array();
    for (const auto& r : verdicts) reviews.push_back(VerdictJson(r));
    j["reviews"] = reviews;
    std::cout << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    return kExitOk;
  }
  auto line = [](const std::string& k, const std::string& v) {
    std::cout << fmt::format("{:<12} {}\n", k, v);
  };
  line("claim", d->claim.id + (d->claim.superseded ? " (superseded)" : ""));
  line("article",
       fmt::format("{} (revision {}){}", c.article_id, d->claim.article_revision,
                   d->claim.article_title.empty() ? "" : " — " + d->claim.article_title));
  if (!d->claim.outlet.empty()) line("outlet", d->claim.outlet);
  if (!d->claim.article_url.empty()) line("url", d->claim.article_url);
  line("date", d->claim.date);
  line("type", fmt::format("{} (rule {}, rule set {})", c.claim_type, c.rule_id,
                           d->claim.rule_set_version));
  line("figure", fmt::format("{} — {} written as \"{}\"", Describe(q), ToString(q.kind), q.text));
  if (q.qualifier != Qualifier::kNone) line("qualifier", std::string(ToString(q.qualifier)));
  if (q.period != Period::kNone) line("period", std::string(ToString(q.period)));
  if (!q.base.empty()) line("base", q.base);
  if (q.ambiguous) line("ambiguous", q.ambiguity);
  const Attribution& at = c.attribution;
  line("speaker",
       fmt::format(
           "{}{}",
           at.speaker_name.empty() ? at.speaker_id : at.speaker_name + " (" + at.speaker_id + ")",
           at.speaker_kind.empty() ? "" : ", " + at.speaker_kind));
  line("attributed", fmt::format("{}, confidence {:.2f}{}", ToString(at.method), at.confidence,
                                 at.evidence.empty() ? "" : ", cue \"" + at.evidence + "\""));
  line("sentence", c.sentence);
  line("context", Context(d->article_text, q.span.begin, q.span.end, 300));
  for (const auto& o : d->other_rows) {
    line("revision",
         fmt::format("{}: {} by {} ({}){}", o.article_revision, Describe(o.claim.quantity),
                     o.claim.attribution.speaker_id, ToString(o.claim.attribution.method),
                     o.superseded ? " superseded" : ""));
  }
  for (const auto& r : verdicts) {
    std::string sources;
    for (const auto& s : r.sources) sources += " " + s;
    line("verdict",
         fmt::format("{} {} by {}: {}{}", r.created_at, r.rating, r.reviewer, r.note, sources));
  }
  return kExitOk;
}

int Stats(const QueryArgs& a) {
  store::Store db(a.db, store::Store::OpenMode::kReadOnly);
  auto s = db.Stats();
  std::cout << fmt::format(
      "database      {}\nschema        {} ({})\narticles      {} (+{} older revisions)\nclaims     "
      "   {} current, {} "
      "superseded\nspeakers      {}\nrule sets     {}\nreviews       {}\n",
      a.db, s.schema_version, s.journal_mode, s.articles, s.article_revisions, s.claims,
      s.superseded_claims, s.speakers, s.rule_sets, s.reviews);
  for (const auto& [t, n] : s.claims_by_type) std::cout << fmt::format("  {:<20} {}\n", t, n);
  return kExitOk;
}

}  // namespace

void RegisterStore(CLI::App& app, std::vector<Command>& out) {
  auto ia = std::make_shared<IngestArgs>();
  auto* ingest =
      app.add_subcommand("ingest", "Extract, attribute and store claims of articles (idempotent)");
  ingest->add_option("inputs", ia->inputs, "Article files, folders, or - for stdin");
  ingest->add_option("--db", ia->db, "Database file")->capture_default_str();
  ingest
      ->add_option("--rules", ia->rules,
                   "Rule file or folder; repeat for several (default: rules/)")
      ->expected(1)
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  ingest->add_option("--speakers", ia->speakers,
                     "Speakers file (default: rules/speakers.yaml; 'none' to skip)");
  ingest->add_option("-j,--jobs", ia->jobs, "Extraction threads (default: cores)");
  ingest
      ->add_option("--batch", ia->batch,
                   "Articles per transaction at most (fewer when a batch would hold the "
                   "database's write lock longer than 25 ms)")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  ingest->add_flag(
      "--reextract", ia->reextract,
      "Re-run the current rules over every stored article and print what changed per rule");
  out.push_back({ingest, [ia] { return Ingest(*ia); }});

  auto qa = std::make_shared<QueryArgs>();
  auto* speakers = app.add_subcommand(
      "speakers", "Speakers with claim counts, first/last seen, top claim types");
  speakers->add_option("--db", qa->db, "Database file")->capture_default_str();
  speakers->add_option("--format", qa->format, kListFormatsHelp)
      ->check(CLI::IsMember(kListFormats));
  out.push_back({speakers, [qa] { return Speakers(*qa); }});

  auto* claims = app.add_subcommand("claims", "Query stored claims");
  claims->add_option("--db", qa->db, "Database file")->capture_default_str()->check(kNonEmpty);
  claims
      ->add_option("--speaker", qa->speaker,
                   "Speaker id, name or alias (looked up in the speakers file)")
      ->check(kNonEmpty);
  claims->add_option("--speakers-file", qa->speakers_file, "Speakers file for name lookup")
      ->check(kNonEmpty);
  claims->add_option("--type", qa->type, "Claim type (casualties, troops, pledge, share, ...)")
      ->check(kNonEmpty);
  claims->add_option("--since", qa->since, "Earliest article date (ISO 8601 prefix, inclusive)")
      ->check(kDateBound);
  claims
      ->add_option("--until", qa->until,
                   "Latest article date (inclusive; 2025-03 means all of March)")
      ->check(kDateBound);
  claims->add_option("--article", qa->article, "Article id")->check(kNonEmpty);
  claims->add_option("--min-confidence", qa->min_confidence, "Lowest attribution confidence (0..1)")
      ->check(kConfidence);
  claims
      ->add_option("--min", qa->min_value,
                   "Value at least this (1e9, 1.5bn; a range matches when it overlaps)")
      ->check(kAmountValue);
  claims
      ->add_option("--max", qa->max_value,
                   "Value at most this (20m, 750k; a range matches when it overlaps)")
      ->check(kAmountValue);
  claims->add_option("--currency", qa->currency, "Money in this currency (ISO 4217: EUR, USD, ...)")
      ->check(kCurrencyCode);
  claims->add_option("--unit", qa->unit, "Stored unit (%, pp, EUR, Soldat, ...; any case)")
      ->check(kNonEmpty);
  claims->add_option("--lang", qa->lang, "Language the rules ran in: de or en")
      ->check(CLI::IsMember({"de", "en"}));
  claims->add_option("--outlet", qa->outlet, "The article's outlet (any case)")->check(kNonEmpty);
  claims
      ->add_option("--text", qa->text,
                   "Words in the sentence (all of them; \"a phrase\", prefix*, OR)")
      ->check(kSearchWords);
  claims
      ->add_option("--ingested-since", qa->ingested_since,
                   "Claims of article revisions stored after the last report (last) or a UTC "
                   "date/time")
      ->check(kIngestedSince);
  claims
      ->add_option("--review-status", qa->review_status,
                   "reviewed, unreviewed, or a rating (the figure's latest verdict): true, "
                   "mostly-true, misleading, false, unverifiable")
      ->check(CLI::IsMember({"reviewed", "unreviewed", "true", "mostly-true", "misleading", "false",
                             "unverifiable"}));
  claims->add_flag("--all-revisions", qa->all_revisions,
                   "Include claims of superseded article revisions");
  claims->add_option("--limit", qa->limit, "At most this many claims (1 or more)")
      ->check(CLI::Range(int64_t{1}, int64_t{1} << 40));
  claims->add_option("--format", qa->format, kListFormatsHelp)->check(CLI::IsMember(kListFormats));
  out.push_back({claims, [qa] { return Claims(*qa); }});

  auto* show =
      app.add_subcommand("show", "One claim: sentence, context, attribution, revisions, reviews");
  show->add_option("claim_id", qa->claim_id, "Claim id (from `claimtrack claims`)")->required();
  show->add_option("--db", qa->db, "Database file")->capture_default_str();
  show->add_option("--format", qa->format, "text or json")
      ->check(CLI::IsMember({"text", "table", "json"}));
  out.push_back({show, [qa] { return Show(*qa); }});

  auto* stats =
      app.add_subcommand("stats", "Database summary: articles, claims, speakers, schema version");
  stats->add_option("--db", qa->db, "Database file")->capture_default_str();
  out.push_back({stats, [qa] { return Stats(*qa); }});
}

}  // namespace claimtrack::cli
