#pragma once
// Output for people and machines: JSON objects for the value model and claims, aligned
// terminal tables, CSV. Used by every command so the formats agree (docs/cli.md).

#include <chrono>
#include <iosfwd>
#include <nlohmann/json.hpp>
#include <optional>
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

// The output formats of every listing command (claims, speakers, extract, check, rules
// list): `table` for people, `json` one indented array, `jsonl` one object a line, `csv`
// RFC 4180 with a header row.
inline const std::vector<std::string> kListFormats = {"table", "json", "jsonl", "csv"};
inline constexpr const char* kListFormatsHelp = "table, json, jsonl or csv";

// Prints JSON objects as one indented array (json) or one object a line (jsonl). jsonl
// objects are printed as they are added (a pipe sees them at once); json ones at Finish().
class JsonList {
 public:
  JsonList(std::ostream& out, bool lines) : out_(out), lines_(lines) {}
  void Add(nlohmann::json object);
  void Finish();  // prints the array (json); call once

 private:
  std::ostream& out_;
  bool lines_;
  nlohmann::json all_ = nlohmann::json::array();
};

// The figure for a table: Describe(q) (docs/cli.md "Table notation"), except money, which
// is written the way people say it: the currency first, then millions, billions and
// trillions as "m", "bn", "tn" ("USD 5 bn", "~EUR 1.5 bn", "GBP 5–7 bn/year",
// "EUR 750,000"). JSON and CSV always carry the exact value.
std::string FigureForPeople(const Quantity& q);

// A number for CSV: the shortest text that reads back to the same value; "" when absent.
std::string CsvNumber(const std::optional<double>& v);

// One claim as a CSV row (docs/cli.md "claims CSV"): ClaimCsvHeader's columns, then for
// stored claims `article_revision` and `superseded`, for extracted ones `file`.
struct ClaimCsvContext {
  std::string id;  // stable claim id
  std::string date, title, outlet, url;
};
std::vector<std::string> ClaimCsvHeader();
std::vector<std::string> ClaimCsvRow(const Claim& c, const ClaimCsvContext& ctx);

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
