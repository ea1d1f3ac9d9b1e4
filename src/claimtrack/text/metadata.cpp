// Article metadata helpers: date normalisation to ISO 8601 and the de/en language guess.
// Dates arrive in whatever form outlets write them (ISO, "05.03.2025", "5. März 2025",
// "March 5, 2025", RFC 2822); anything not recognised becomes "" (unknown), never a guess.

#include "claimtrack/text/metadata.h"

#include <fmt/format.h>

#include <regex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "claimtrack/base/utf8.h"
#include "claimtrack/text/article_reader.h"

namespace claimtrack::text {

namespace {

int MonthFromName(const std::string& name) {
  static const std::unordered_map<std::string, int> kMonths = {
      {"jan", 1},       {"jän", 1},      {"jänner", 1},    {"januar", 1},   {"january", 1},
      {"feb", 2},       {"feber", 2},    {"februar", 2},   {"february", 2}, {"mär", 3},
      {"märz", 3},      {"maerz", 3},    {"mrz", 3},       {"mar", 3},      {"march", 3},
      {"apr", 4},       {"april", 4},    {"mai", 5},       {"may", 5},      {"jun", 6},
      {"juni", 6},      {"june", 6},     {"jul", 7},       {"juli", 7},     {"july", 7},
      {"aug", 8},       {"august", 8},   {"sep", 9},       {"sept", 9},     {"september", 9},
      {"okt", 10},      {"oktober", 10}, {"oct", 10},      {"october", 10}, {"nov", 11},
      {"november", 11}, {"dez", 12},     {"dezember", 12}, {"dec", 12},     {"december", 12}};
  auto it = kMonths.find(name);
  return it == kMonths.end() ? 0 : it->second;
}

bool ValidDate(int y, int m, int d) {
  if (y < 1000 || y > 2999 || m < 1 || m > 12 || d < 1) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int max = kDays[m - 1];
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (m == 2 && leap) max = 29;
  return d <= max;
}

int ToInt(const std::string& s) {
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return -1;
    v = v * 10 + (c - '0');
    if (v > 100000) return -1;
  }
  return s.empty() ? -1 : v;
}

// "z"/"utc"/"gmt" -> "Z", "+0100"/"+01:00" -> "+01:00", US/European zone names; "?" when
// unknown, "" when absent.
std::string Zone(const std::string& z) {
  if (z.empty()) return "";
  if (z == "z" || z == "utc" || z == "gmt" || z == "ut") return "Z";
  if (z[0] == '+' || z[0] == '-') {
    std::string digits;
    for (char c : z.substr(1)) {
      if (c != ':') digits += c;
    }
    if (digits.size() != 4) return "?";
    int hh = ToInt(digits.substr(0, 2));
    int mm = ToInt(digits.substr(2));
    if (hh < 0 || hh > 14 || mm < 0 || mm > 59) return "?";
    if (hh == 0 && mm == 0) return "Z";
    return fmt::format("{}{:02}:{:02}", z[0], hh, mm);
  }
  static const std::unordered_map<std::string, std::string> kNames = {
      {"est", "-05:00"}, {"edt", "-04:00"},  {"cst", "-06:00"}, {"cdt", "-05:00"},
      {"mst", "-07:00"}, {"mdt", "-06:00"},  {"pst", "-08:00"}, {"pdt", "-07:00"},
      {"cet", "+01:00"}, {"cest", "+02:00"}, {"mez", "+01:00"}, {"mesz", "+02:00"},
      {"bst", "+01:00"}};
  auto it = kNames.find(z);
  return it == kNames.end() ? "?" : it->second;
}

// Formats a date with an optional time; "" when any part is out of range.
std::string Format(int y, int m, int d, const std::string& hh, const std::string& mi,
                   const std::string& ss, const std::string& zone) {
  if (!ValidDate(y, m, d)) return "";
  std::string date = fmt::format("{:04}-{:02}-{:02}", y, m, d);
  if (hh.empty()) return date;
  int h = ToInt(hh), mn = ToInt(mi), s = ss.empty() ? 0 : ToInt(ss);
  if (h < 0 || h > 23 || mn < 0 || mn > 59 || s < 0 || s > 60) return "";
  std::string z = Zone(zone);
  if (z == "?") return "";
  return fmt::format("{}T{:02}:{:02}:{:02}{}", date, h, mn, s, z);
}

int FullYear(const std::string& y) {
  int v = ToInt(y);
  if (v < 0) return -1;
  if (y.size() == 2) return v < 70 ? 2000 + v : 1900 + v;
  return v;
}

}  // namespace

std::string NormalizeDate(std::string_view raw) {
  // Trim and lower-case; dates are short, anything long is not a date.
  size_t b = 0, e = raw.size();
  while (b < e && static_cast<unsigned char>(raw[b]) <= ' ') ++b;
  while (e > b && static_cast<unsigned char>(raw[e - 1]) <= ' ') --e;
  if (e == b || e - b > 80) return "";
  std::string s = LowerUtf8(raw.substr(b, e - b));
  // Non-breaking spaces as plain spaces.
  for (size_t p = s.find("\xC2\xA0"); p != std::string::npos; p = s.find("\xC2\xA0", p)) {
    s.replace(p, 2, " ");
  }

  static const std::regex kIso(
      R"(^(\d{4})-(\d{1,2})-(\d{1,2})(?:[t ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(z|utc|gmt|[+-]\d{2}:?\d{2})?)?$)");
  static const std::regex kSlash(R"(^(\d{4})/(\d{1,2})/(\d{1,2})$)");
  static const std::regex kGermanNumeric(
      R"(^(?:[a-zäöü]+,?\s+)?(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4}|\d{2})(?:,?\s*(?:um\s*)?(\d{1,2})[:.](\d{2})(?:\s*uhr)?)?$)");
  static const std::regex kDayMonthName(
      R"(^(?:[a-zäöü]+\.?,?\s+)?(\d{1,2})(?:\.|st|nd|rd|th)?\s*([a-zäöü]+)\.?,?\s+(\d{4})(?:,?\s+(?:um\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*uhr)?\s*(z|ut|utc|gmt|[+-]\d{2}:?\d{2}|[a-z]{3,4})?)?$)");
  static const std::regex kMonthNameDay(
      R"(^(?:[a-z]+,?\s+)?([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?:,?\s+(?:at\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(z|utc|gmt|[+-]\d{2}:?\d{2}|[a-z]{3,4})?)?$)");

  std::smatch m;
  if (std::regex_match(s, m, kIso)) {
    return Format(ToInt(m[1]), ToInt(m[2]), ToInt(m[3]), m[4], m[5], m[6], m[7]);
  }
  if (std::regex_match(s, m, kSlash)) {
    return Format(ToInt(m[1]), ToInt(m[2]), ToInt(m[3]), "", "", "", "");
  }
  if (std::regex_match(s, m, kGermanNumeric)) {
    return Format(FullYear(m[3]), ToInt(m[2]), ToInt(m[1]), m[4], m[5], "", "");
  }
  if (std::regex_match(s, m, kDayMonthName)) {
    // "march 5th, 2025" also fits this shape (with "th" as the month): try the next one.
    if (int month = MonthFromName(m[2]); month != 0) {
      return Format(ToInt(m[3]), month, ToInt(m[1]), m[4], m[5], m[6], m[7]);
    }
  }
  if (std::regex_match(s, m, kMonthNameDay)) {
    int month = MonthFromName(m[1]);
    if (month == 0) return "";
    return Format(ToInt(m[3]), month, ToInt(m[2]), m[4], m[5], m[6], m[7]);
  }
  return "";
}

std::string GuessLanguage(std::string_view text) {
  static const std::unordered_set<std::string> kGerman = {
      "der", "die", "das", "und", "ist", "nicht", "ein", "eine", "mit", "von", "zu", "den", "dem",
      "des", "sich", "auf", "für", "im", "wird", "auch", "als", "bei", "nach", "sie", "hat", "wie",
      "aus", "noch", "über", "sind", "wurde", "dass", "einen", "oder", "aber", "vom", "zum", "nur",
      "werden", "sagte",
      // Short texts (a headline, a feed item) need more than the commonest words: "Bis 2030
      // sollen 5.000 neue Wohnungen entstehen" has none of them.
      "bis", "sollen", "soll", "neue", "neuen", "wir", "ich", "es", "er", "beim", "zur", "ins",
      "durch", "gegen", "ohne", "seit", "diese", "dieser", "dieses", "kann", "können", "muss",
      "haben", "hatte", "jahr", "jahren", "prozent", "millionen", "milliarden", "laut", "mehr"};
  static const std::unordered_set<std::string> kEnglish = {
      "the",  "and",   "of",    "to",    "is",    "that", "it",   "for",  "on",    "with",
      "as",   "are",   "be",    "by",    "at",    "this", "from", "have", "has",   "not",
      "were", "said",  "but",   "which", "their", "they", "will", "been", "would", "its",
      "an",   "about", "after", "there", "more",  "than", "who",  "had",  "she",   "he"};
  constexpr size_t kMaxScan = 200000;
  std::string_view sample = text.substr(0, std::min(text.size(), kMaxScan));
  int de = 0, en = 0;
  std::string word;
  auto flush = [&] {
    if (word.empty()) return;
    std::string lower = LowerUtf8(word);
    if (kGerman.count(lower)) ++de;
    if (kEnglish.count(lower)) ++en;
    if (lower.find("ä") != std::string::npos || lower.find("ö") != std::string::npos ||
        lower.find("ü") != std::string::npos || lower.find("ß") != std::string::npos) {
      ++de;
    }
    word.clear();
  };
  size_t i = 0;
  while (i < sample.size()) {
    size_t len = 0;
    char32_t cp = DecodeUtf8(sample, i, &len);
    if (IsLetter(cp)) {
      if (word.size() < 32) word.append(sample.substr(i, len));
    } else {
      flush();
    }
    i += len;
  }
  flush();
  if (de + en < 3) return "";
  if (de > en * 3 / 2 || (de > en && de - en >= 3)) return "de";
  if (en > de * 3 / 2 || (en > de && en - de >= 3)) return "en";
  return "";
}

std::string NormalizeLangTag(std::string_view raw) {
  std::string s = LowerUtf8(raw);
  size_t b = 0, e = s.size();
  while (b < e && static_cast<unsigned char>(s[b]) <= ' ') ++b;
  while (e > b && static_cast<unsigned char>(s[e - 1]) <= ' ') --e;
  s = s.substr(b, e - b);
  if (s == "german" || s == "deutsch") return "de";
  if (s == "english" || s == "englisch") return "en";
  size_t cut = s.find_first_of("-_");
  std::string primary = s.substr(0, cut);
  if (primary.size() < 2 || primary.size() > 3) return "";
  for (char c : primary) {
    if (c < 'a' || c > 'z') return "";
  }
  if (primary == "deu" || primary == "ger") return "de";
  if (primary == "eng") return "en";
  return primary;
}

}  // namespace claimtrack::text
