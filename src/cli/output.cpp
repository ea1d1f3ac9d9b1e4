#include "output.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
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

void JsonList::Add(nlohmann::json object) {
  if (lines_) {
    out_ << object.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
  } else {
    all_.push_back(std::move(object));
  }
}

void JsonList::Finish() {
  if (!lines_) out_ << all_.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

namespace {
// Thousands grouped: 750000 -> "750,000"; cents kept when there are any.
std::string Grouped(double v) {
  std::string s = v == std::floor(v) ? fmt::format("{:.0f}", std::fabs(v))
                                     : fmt::format("{:.2f}", std::fabs(v));
  size_t end = s.find('.');
  if (end == std::string::npos) end = s.size();
  for (size_t i = end; i > 3; i -= 3) s.insert(i - 3, ",");
  return (v < 0 ? "-" : "") + s;
}

struct Scale {
  double factor;
  const char* word;
};
// The largest of m, bn, tn not above |v|; factor 1 below a million.
Scale ScaleOf(double v) {
  const double a = std::fabs(v);
  if (a >= 1e12) return {1e12, "tn"};
  if (a >= 1e9) return {1e9, "bn"};
  if (a >= 1e6) return {1e6, "m"};
  return {1, ""};
}

// v in units of `scale`, with up to three decimals and no trailing zeros: "1.5", "6.4", "20".
std::string Scaled(double v, const Scale& scale) {
  if (scale.factor == 1) return Grouped(v);
  std::string s = fmt::format("{:.3f}", v / scale.factor);
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

bool IsCurrencyCode(const std::string& unit) {
  return unit.size() == 3 &&
         std::all_of(unit.begin(), unit.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

std::string QualifierMark(Qualifier q) {
  switch (q) {
    case Qualifier::kNone:
      return "";
    case Qualifier::kApprox:
      return "~";
    case Qualifier::kMoreThan:
      return ">";
    case Qualifier::kAtLeast:
      return ">=";
    case Qualifier::kLessThan:
      return "<";
    case Qualifier::kAtMost:
      return "<=";
    case Qualifier::kUpTo:
      return "up to ";
    case Qualifier::kNearly:
      return "nearly ";
  }
  return "";
}
}  // namespace

std::string FigureForPeople(const Quantity& q) {
  const bool money = (q.kind == QuantityKind::kMoney || q.kind == QuantityKind::kRange) &&
                     IsCurrencyCode(q.unit) && (q.value || q.low || q.high);
  if (!money) return Describe(q);
  std::string amount;
  if (q.value) {
    const Scale s = ScaleOf(*q.value);
    amount = Scaled(*q.value, s) + (*s.word ? std::string(" ") + s.word : "");
  } else {
    // A range: one scale word when both ends share it ("5–7 bn"), else one each.
    const Scale lo = q.low ? ScaleOf(*q.low) : Scale{1, ""};
    const Scale hi = q.high ? ScaleOf(*q.high) : Scale{1, ""};
    auto end = [](const std::optional<double>& v, const Scale& s, bool word) {
      if (!v) return std::string("?");
      return Scaled(*v, s) + (word && *s.word ? std::string(" ") + s.word : "");
    };
    const bool shared = q.low && q.high && lo.factor == hi.factor;
    amount = end(q.low, lo, !shared) + "–" + end(q.high, hi, true);
  }
  std::string out = QualifierMark(q.qualifier) + q.unit + " " + amount;
  if (q.period != Period::kNone) out += fmt::format("/{}", ToString(q.period));
  if (!q.base.empty()) out += " of " + q.base;
  return out;
}

std::vector<std::string> ClaimCsvHeader() {
  return {"id",         "date",    "article",      "title",  "outlet",     "url",
          "lang",       "speaker", "speaker_name", "method", "confidence", "rule",
          "claim_type", "subject", "kind",         "value",  "low",        "high",
          "qualifier",  "unit",    "period",       "base",   "text",       "sentence"};
}

std::vector<std::string> ClaimCsvRow(const Claim& c, const ClaimCsvContext& ctx) {
  const Quantity& q = c.quantity;
  const Attribution& at = c.attribution;
  return {ctx.id,
          ctx.date,
          c.article_id,
          ctx.title,
          ctx.outlet,
          ctx.url,
          c.lang,
          at.speaker_id,
          at.speaker_name,
          std::string(ToString(at.method)),
          fmt::format("{:.2f}", at.confidence),
          c.rule_id,
          c.claim_type,
          c.subject,
          std::string(ToString(q.kind)),
          CsvNumber(q.value),
          CsvNumber(q.low),
          CsvNumber(q.high),
          std::string(ToString(q.qualifier)),
          q.unit,
          std::string(ToString(q.period)),
          q.base,
          q.text,
          c.sentence};
}

std::string CsvNumber(const std::optional<double>& v) {
  return v ? FormatNumber(*v) : std::string();
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
