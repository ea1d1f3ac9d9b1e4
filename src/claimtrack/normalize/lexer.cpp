#include "claimtrack/normalize/lexer.h"

#include <cmath>
#include <cstdlib>
#include <optional>

#include "claimtrack/base/utf8.h"

namespace claimtrack::normalize::internal {

namespace {

bool IsSpace(char32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xA0 || cp == 0x2009 ||
         cp == 0x202F || cp == 0x2007 || cp == 0x2002 || cp == 0x2003 || cp == 0x200B;
}

// Separators that may sit between digit groups.
enum class Sep { kDot, kComma, kApostrophe, kSpace };

std::optional<Sep> SepOf(char32_t cp) {
  switch (cp) {
    case '.':
      return Sep::kDot;
    case ',':
      return Sep::kComma;
    case '\'':
    case 0x2019:
      return Sep::kApostrophe;
    case ' ':
    case 0xA0:
    case 0x2009:
    case 0x202F:
      return Sep::kSpace;
    default:
      return std::nullopt;
  }
}

struct Reading {
  double value = 0;
  int precision = 0;
  bool ambiguous = false;
  std::string ambiguity;
};

double ToDouble(const std::string& int_digits, const std::string& frac_digits) {
  std::string s = int_digits.empty() ? "0" : int_digits;
  if (!frac_digits.empty()) s += "." + frac_digits;
  return std::strtod(s.c_str(), nullptr);
}

bool GroupsOfThree(const std::vector<std::string>& g, size_t from, size_t to) {
  for (size_t i = from; i < to; ++i) {
    if (g[i].size() != 3) return false;
  }
  return true;
}

// Interprets digit groups g[0..n) joined by seps[0..n-1) in `lang`; nullopt if the shape is
// not a number in any reading (then a shorter prefix is tried).
std::optional<Reading> Interpret(const std::vector<std::string>& g, const std::vector<Sep>& seps,
                                 size_t n, Lang lang) {
  Reading r;
  if (n == 1) {
    r.value = ToDouble(g[0], "");
    return r;
  }
  const Sep last = seps[n - 2];
  bool all_same = true;
  for (size_t i = 0; i + 1 < n; ++i) all_same = all_same && seps[i] == last;
  const bool head_ok = g[0].size() >= 1 && g[0].size() <= 3;
  if (all_same) {
    if (last == Sep::kApostrophe || last == Sep::kSpace || n > 2) {
      if (last == Sep::kSpace && n == 2 && g[0].size() > 3) return std::nullopt;
      if (!head_ok || !GroupsOfThree(g, 1, n)) return std::nullopt;
      std::string digits;
      for (size_t i = 0; i < n; ++i) digits += g[i];
      r.value = ToDouble(digits, "");
      return r;
    }
    // Exactly one '.' or ','.
    const bool three = g[1].size() == 3 && head_ok && g[0] != "0";
    if (three) {
      const bool group_reading = (last == Sep::kDot && lang == Lang::kDe) ||
                                 (last == Sep::kComma && lang == Lang::kEn) ||
                                 lang == Lang::kUnknown;
      if (group_reading) {
        r.value = ToDouble(g[0] + g[1], "");
        if (lang == Lang::kUnknown) {
          r.ambiguous = true;
          r.ambiguity = "thousands separator or decimal point: language unknown";
        }
      } else {
        r.value = ToDouble(g[0], g[1]);
        r.precision = 3;
        r.ambiguous = true;
        r.ambiguity = last == Sep::kDot ? "'.' before three digits: decimal in English, "
                                          "thousands separator in German"
                                        : "',' before three digits: decimal in German, "
                                          "thousands separator in English";
      }
      return r;
    }
    r.value = ToDouble(g[0], g[1]);
    r.precision = static_cast<int>(g[1].size());
    if (last == Sep::kComma && lang == Lang::kEn) {
      r.ambiguous = true;
      r.ambiguity = "',' read as a decimal comma in English text";
    }
    return r;
  }
  // Mixed separators: the last one is the decimal separator and occurs once; all others are
  // one grouping separator between groups of three.
  if (last == Sep::kApostrophe || last == Sep::kSpace) return std::nullopt;
  const Sep group = seps[0];
  if (group == last) return std::nullopt;
  for (size_t i = 0; i + 2 < n; ++i) {
    if (seps[i] != group) return std::nullopt;
  }
  if (!head_ok || !GroupsOfThree(g, 1, n - 1)) return std::nullopt;
  std::string digits;
  for (size_t i = 0; i + 1 < n; ++i) digits += g[i];
  r.value = ToDouble(digits, g[n - 1]);
  r.precision = static_cast<int>(g[n - 1].size());
  return r;
}

}  // namespace

std::vector<Token> Tokenize(std::string_view text, Lang lang) {
  std::vector<Token> out;
  size_t i = 0;
  bool space = true;
  auto cp_at = [&](size_t pos, size_t* len) -> char32_t {
    if (pos >= text.size()) {
      *len = 0;
      return 0;
    }
    return DecodeUtf8(text, pos, len);
  };
  auto read_digits = [&](size_t pos) {
    size_t e = pos;
    while (e < text.size() && text[e] >= '0' && text[e] <= '9') ++e;
    return e;
  };
  while (i < text.size()) {
    size_t len = 0;
    char32_t cp = cp_at(i, &len);
    if (IsSpace(cp)) {
      space = true;
      i += len;
      continue;
    }
    Token t;
    t.begin = i;
    t.space_before = space;
    space = false;
    if (IsDigit(cp)) {
      std::vector<std::string> groups;
      std::vector<Sep> seps;
      std::vector<size_t> group_end;
      size_t e = read_digits(i);
      groups.emplace_back(text.substr(i, e - i));
      group_end.push_back(e);
      // Dates (05.03.2025, 5.3., 2025-03-05) and times (16:36) are skipped as a whole.
      auto is_digits = [&](size_t b, size_t e2, size_t lo, size_t hi) {
        return e2 > b && e2 - b >= lo && e2 - b <= hi;
      };
      size_t skip_end = 0;
      auto num = [&](size_t b, size_t e2) {
        return std::atoi(std::string(text.substr(b, e2 - b)).c_str());
      };
      if (groups[0].size() <= 2 && e < text.size() && text[e] == '.' && num(i, e) >= 1 &&
          num(i, e) <= 31) {
        size_t e2 = read_digits(e + 1);
        if (is_digits(e + 1, e2, 1, 2) && num(e + 1, e2) >= 1 && num(e + 1, e2) <= 12 &&
            e2 < text.size() && text[e2] == '.') {
          size_t e3 = read_digits(e2 + 1);
          if (is_digits(e2 + 1, e3, 2, 4)) {
            skip_end = e3;
          } else if (e3 == e2 + 1) {
            skip_end = e2 + 1;
          }
        }
      } else if (groups[0].size() == 4 && e < text.size() && text[e] == '-') {
        size_t e2 = read_digits(e + 1);
        if (is_digits(e + 1, e2, 2, 2) && e2 < text.size() && text[e2] == '-') {
          size_t e3 = read_digits(e2 + 1);
          if (is_digits(e2 + 1, e3, 2, 2)) skip_end = e3;
        }
      } else if (groups[0].size() <= 2 && e < text.size() && text[e] == ':') {
        size_t e2 = read_digits(e + 1);
        if (is_digits(e + 1, e2, 2, 2)) skip_end = e2;
      }
      if (skip_end > 0) {
        t.type = Token::Type::kSkip;
        t.end = skip_end;
        out.push_back(std::move(t));
        i = skip_end;
        continue;
      }
      // Digit groups: at most 40 groups, so a pathological line stays linear.
      while (groups.size() < 40) {
        size_t slen = 0;
        char32_t s = cp_at(e, &slen);
        auto sep = SepOf(s);
        if (!sep || e + slen >= text.size() || !IsDigit(static_cast<unsigned char>(text[e + slen])))
          break;
        size_t e2 = read_digits(e + slen);
        if (*sep == Sep::kSpace && e2 - (e + slen) != 3) break;
        seps.push_back(*sep);
        groups.emplace_back(text.substr(e + slen, e2 - (e + slen)));
        group_end.push_back(e2);
        e = e2;
      }
      std::optional<Reading> r;
      size_t n = groups.size();
      for (; n >= 1; --n) {
        r = Interpret(groups, seps, n, lang);
        if (r) break;
      }
      t.type = Token::Type::kNumber;
      t.end = group_end[n - 1];
      t.value = r->value;
      t.precision = r->precision;
      t.ambiguous = r->ambiguous;
      t.ambiguity = r->ambiguity;
      // Scientific notation: "3.1e+12", "2,5E6", "6e-3" (an exponent of 1-3 digits glued to
      // the mantissa, and no letter after it: "5e6b" is a code).
      if (t.end < text.size() && (text[t.end] == 'e' || text[t.end] == 'E') && !r->ambiguous) {
        size_t x = t.end + 1;
        double sign = 1;
        if (x < text.size() && (text[x] == '+' || text[x] == '-')) {
          if (text[x] == '-') sign = -1;
          ++x;
        }
        size_t xe = read_digits(x);
        size_t after_len = 0;
        const bool letter_after = xe < text.size() && IsLetter(cp_at(xe, &after_len));
        if (xe > x && xe - x <= 3 && !letter_after) {
          const int exponent = std::atoi(std::string(text.substr(x, xe - x)).c_str());
          t.value = r->value * std::pow(10.0, sign * exponent);
          t.precision = 0;
          t.end = xe;
        }
      }
      t.lower = std::string(text.substr(t.begin, t.end - t.begin));
      out.push_back(std::move(t));
      i = out.back().end;
      continue;
    }
    if (IsLetter(cp)) {
      size_t e = i + len;
      t.capitalized = (cp >= 'A' && cp <= 'Z') || (cp >= 0xC0 && cp <= 0xDE);
      while (e < text.size()) {
        size_t l2 = 0;
        char32_t c2 = cp_at(e, &l2);
        if (IsLetter(c2)) {
          e += l2;
          continue;
        }
        // Internal hyphen or apostrophe followed by a letter: "US-Dollar", "twenty-two".
        if ((c2 == '-' || c2 == 0x2011) && e + l2 < text.size()) {
          size_t l3 = 0;
          char32_t c3 = cp_at(e + l2, &l3);
          if (IsLetter(c3)) {
            e += l2 + l3;
            continue;
          }
        }
        break;
      }
      t.type = Token::Type::kWord;
      t.end = e;
      t.lower = LowerUtf8(text.substr(i, e - i));
      out.push_back(std::move(t));
      i = e;
      continue;
    }
    t.type = Token::Type::kSymbol;
    t.end = i + len;
    t.lower = std::string(text.substr(i, len));
    out.push_back(std::move(t));
    i += len;
  }
  return out;
}

}  // namespace claimtrack::normalize::internal
