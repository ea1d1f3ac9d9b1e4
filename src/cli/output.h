#pragma once
// Output for people and machines: JSON objects for the value model and claims, aligned
// terminal tables, CSV. Used by every command so the formats agree (docs/cli.md).

#include <chrono>
#include <iosfwd>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "claimtrack/model/claim.h"

namespace claimtrack::cli {

// The value model as JSON: kind, value, low, high, unit, period, qualifier, base,
// precision, ambiguous (+ ambiguity), text, start, end. Nulls where not applicable.
nlohmann::json QuantityJson(const Quantity& q);
nlohmann::json ClaimJson(const Claim& c);

// An aligned text table. Cells are UTF-8; widths count code points. Long cells are cut
// with "…" to max_width.
class Table {
 public:
  explicit Table(std::vector<std::string> header) : header_(std::move(header)) {}
  void Add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  void SetMaxWidth(size_t column, size_t width);
  void Print(std::ostream& out) const;
  size_t size() const { return rows_.size(); }

 private:
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
  std::vector<size_t> max_width_;
};

// RFC 4180 CSV field quoting.
std::string CsvField(const std::string& s);
void PrintCsvRow(std::ostream& out, const std::vector<std::string>& row);

// A one-line progress display on stderr when it is a terminal (ninja-style \r redraw):
// files done of total, articles, articles/s, claims, ETA. Silent otherwise.
class Progress {
 public:
  explicit Progress(size_t total_files);
  void Update(size_t files_done, size_t articles, size_t claims);
  void Done();  // clears the line
  double Seconds() const;

 private:
  using Clock = std::chrono::steady_clock;
  size_t total_;
  bool tty_;
  Clock::time_point start_ = Clock::now();
  Clock::time_point last_{};
};

// The file an article came from: its path, less the ":N" line suffix of a feed line
// ("feed.jsonl:12" -> "feed.jsonl"). Used to count files done for progress.
std::string SourceFileOf(const std::string& article_path);

// True when stdout / stderr is a terminal (colours, progress bars).
bool StdoutIsTty();
bool StderrIsTty();

}  // namespace claimtrack::cli
