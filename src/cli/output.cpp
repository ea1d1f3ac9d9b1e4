#include "output.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <iostream>
#include <ostream>

#include "claimtrack/base/utf8.h"

namespace claimtrack::cli {

namespace {
nlohmann::json OptNumber(const std::optional<double>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}
nlohmann::json OptString(std::string_view s) {
  return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(std::string(s));
}

// Cuts `s` to at most `width` code points, ending in "…" when cut.
std::string Truncate(const std::string& s, size_t width) {
  if (CountCodePoints(s) <= width || width < 2) return s;
  std::string out;
  size_t n = 0;
  size_t i = 0;
  while (i < s.size() && n + 1 < width) {
    size_t len = 0;
    DecodeUtf8(s, i, &len);
    out.append(s, i, len);
    i += len;
    ++n;
  }
  return out + "…";
}

std::string OneLine(std::string s) {
  for (char& c : s) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  return s;
}
}  // namespace

nlohmann::json QuantityJson(const Quantity& q) {
  nlohmann::json j;
  j["text"] = q.text;
  j["kind"] = std::string(ToString(q.kind));
  j["value"] = OptNumber(q.value);
  j["low"] = OptNumber(q.low);
  j["high"] = OptNumber(q.high);
  j["unit"] = OptString(q.unit);
  j["period"] = OptString(ToString(q.period));
  j["qualifier"] = OptString(ToString(q.qualifier));
  j["base"] = OptString(q.base);
  j["precision"] = q.precision;
  j["ambiguous"] = q.ambiguous;
  if (q.ambiguous) j["ambiguity"] = q.ambiguity;
  return j;
}

nlohmann::json ClaimJson(const Claim& c) {
  nlohmann::json j;
  j["article"] = c.article_id;
  j["file"] = c.path;
  j["lang"] = OptString(c.lang);
  j["claim_type"] = c.claim_type;
  j["rule"] = c.rule_id;
  j["subject"] = OptString(c.subject);
  j["quantity"] = QuantityJson(c.quantity);
  j["start"] = c.quantity.span.begin;
  j["end"] = c.quantity.span.end;
  j["sentence_index"] = c.sentence_index;
  j["sentence_start"] = c.sentence_span.begin;
  j["sentence_end"] = c.sentence_span.end;
  j["sentence"] = c.sentence;
  const Attribution& a = c.attribution;
  j["speaker"] = {{"id", a.speaker_id},
                  {"name", OptString(a.speaker_name)},
                  {"kind", OptString(a.speaker_kind)},
                  {"method", std::string(ToString(a.method))},
                  {"confidence", a.confidence},
                  {"evidence", OptString(a.evidence)}};
  return j;
}

void Table::SetMaxWidth(size_t column, size_t width) {
  if (max_width_.size() <= column) max_width_.resize(column + 1, 0);
  max_width_[column] = width;
}

void Table::Print(std::ostream& out) const {
  const size_t ncol = header_.size();
  auto cell = [&](const std::vector<std::string>& row, size_t c) {
    std::string s = c < row.size() ? OneLine(row[c]) : std::string();
    if (c < max_width_.size() && max_width_[c] > 0) s = Truncate(s, max_width_[c]);
    return s;
  };
  std::vector<size_t> width(ncol, 0);
  for (size_t c = 0; c < ncol; ++c) width[c] = CountCodePoints(header_[c]);
  for (const auto& r : rows_) {
    for (size_t c = 0; c < ncol; ++c) width[c] = std::max(width[c], CountCodePoints(cell(r, c)));
  }
  auto line = [&](const std::vector<std::string>& row, bool is_header) {
    std::string s;
    for (size_t c = 0; c < ncol; ++c) {
      std::string v = is_header ? row[c] : cell(row, c);
      s += v;
      if (c + 1 < ncol) s += std::string(width[c] - CountCodePoints(v) + 2, ' ');
    }
    while (!s.empty() && s.back() == ' ') s.pop_back();
    out << s << '\n';
  };
  line(header_, true);
  std::vector<std::string> rule;
  for (size_t c = 0; c < ncol; ++c) {
    std::string dashes;
    for (size_t k = 0; k < width[c]; ++k) dashes += "─";
    rule.push_back(dashes);
  }
  line(rule, true);
  for (const auto& r : rows_) line(r, false);
}

std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

void PrintCsvRow(std::ostream& out, const std::vector<std::string>& row) {
  for (size_t i = 0; i < row.size(); ++i) {
    if (i) out << ',';
    out << CsvField(row[i]);
  }
  out << "\r\n";
}

Progress::Progress(size_t total_files) : total_(total_files), tty_(StderrIsTty()) {}

void Progress::Update(size_t files_done, size_t articles, size_t claims) {
  if (!tty_) return;
  auto now = Clock::now();
  if (now - last_ < std::chrono::milliseconds(100)) return;
  last_ = now;
  double secs = std::chrono::duration<double>(now - start_).count();
  double rate = secs > 0 ? articles / secs : 0;
  std::string eta = "--:--";
  if (files_done > 0 && files_done < total_) {
    double left = secs / files_done * (total_ - files_done);
    eta = fmt::format("{:02}:{:02}", static_cast<int>(left) / 60, static_cast<int>(left) % 60);
  }
  std::cerr << fmt::format("\r\x1b[K{}/{} files  {} articles  {:.0f} articles/s  {} claims  ETA {}",
                           files_done, total_, articles, rate, claims, eta)
            << std::flush;
}

void Progress::Done() {
  if (tty_) std::cerr << "\r\x1b[K" << std::flush;
}

double Progress::Seconds() const {
  return std::chrono::duration<double>(Clock::now() - start_).count();
}

std::string SourceFileOf(const std::string& article_path) {
  size_t feed = article_path.rfind(".jsonl:");
  return feed == std::string::npos ? article_path : article_path.substr(0, feed + 6);
}

bool StdoutIsTty() { return isatty(STDOUT_FILENO) == 1; }
bool StderrIsTty() { return isatty(STDERR_FILENO) == 1; }

}  // namespace claimtrack::cli
