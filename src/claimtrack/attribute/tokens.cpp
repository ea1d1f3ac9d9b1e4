#include "claimtrack/attribute/tokens.h"

#include <algorithm>

#include "claimtrack/base/utf8.h"

namespace claimtrack::attribute {

bool IsQuoteChar(char32_t cp) {
  return cp == '"' || cp == 0x201E || cp == 0x201C || cp == 0x201D || cp == 0xAB || cp == 0xBB;
}

bool IsSpaceCp(char32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xA0 || cp == 0x202F ||
         cp == 0x2009;
}

bool IsWordCp(char32_t cp) { return IsLetter(cp) || IsDigit(cp) || (cp >= 0x300 && cp <= 0x36F); }

namespace {

// "el-Baradei", "al-Assad", "bin-Talal": a lower-case particle joined to a capitalised
// name is a name part, written capitalised for our purposes.
bool ArabicParticleName(std::string_view raw) {
  size_t dash = raw.find('-');
  if (dash == std::string_view::npos || dash + 1 >= raw.size()) return false;
  static constexpr std::string_view kParticles[] = {"al", "el",  "as",  "ad",  "ash", "an", "ar",
                                                    "at", "bin", "ben", "abu", "abd", "ibn"};
  std::string_view head = raw.substr(0, dash);
  bool particle = false;
  for (std::string_view p : kParticles) particle = particle || head == p;
  char next = raw[dash + 1];
  return particle && next >= 'A' && next <= 'Z';
}

}  // namespace

std::vector<Tok> Tokenize(std::string_view text, size_t begin, size_t end) {
  std::vector<Tok> out;
  size_t i = begin;
  while (i < end) {
    size_t len = 1;
    char32_t cp = DecodeUtf8(text, i, &len);
    if (IsSpaceCp(cp)) {
      i += len;
      continue;
    }
    Tok t;
    t.b = i;
    if (IsWordCp(cp)) {
      size_t j = i + len;
      while (j < end) {
        size_t l2 = 1;
        char32_t c2 = DecodeUtf8(text, j, &l2);
        if (IsWordCp(c2)) {
          j += l2;
          continue;
        }
        if (c2 == '.' || c2 == ',') {  // "10.000", "77,7": one number
          size_t l3 = 1;
          char32_t c3 = j + l2 < end ? DecodeUtf8(text, j + l2, &l3) : U' ';
          if (IsDigit(static_cast<unsigned char>(text[j - 1])) && IsDigit(c3)) {
            j += l2;
            continue;
          }
        }
        if (c2 == '-' || c2 == '\'' || c2 == 0x2019 || c2 == '.') {
          size_t l3 = 1;
          char32_t c3 = j + l2 < end ? DecodeUtf8(text, j + l2, &l3) : U' ';
          bool ok = IsLetter(c3) || (c2 == '-' && IsDigit(c3));
          if (c2 == '.') {  // "U.S." keeps its dots only between single letters
            ok = ok && j >= 1 && j - 1 >= t.b && (j - 1 == t.b || text[j - 2] == '.');
          }
          if (ok) {
            j += l2;
            continue;
          }
        }
        break;
      }
      t.e = j;
      t.word = true;
      std::string raw(text.substr(t.b, t.e - t.b));
      t.name_e = t.e;
      std::string low = LowerFast(raw);
      t.full_low = low;
      for (std::string_view suf : {std::string_view("'s"), std::string_view("\xE2\x80\x99s")}) {
        if (low.size() > suf.size() + 1 &&
            low.compare(low.size() - suf.size(), suf.size(), suf) == 0) {
          t.possessive = true;
          t.name_e = t.e - suf.size();
          low.resize(low.size() - suf.size());
          break;
        }
      }
      t.low = std::move(low);
      size_t fl = 1;
      DecodeUtf8(text, t.b, &fl);
      std::string first(text.substr(t.b, fl));
      t.cap = LowerFast(first) != first;
      if (!t.cap) t.cap = ArabicParticleName(raw);
      i = j;
    } else {
      t.e = i + len;
      t.name_e = t.e;
      t.low = std::string(text.substr(i, len));
      i += len;
    }
    out.push_back(std::move(t));
  }
  return out;
}

std::string LowerFast(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (static_cast<unsigned char>(c) >= 0x80) return LowerUtf8(s);
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return out;
}

bool IsAllCaps(std::string_view text, const Tok& t) {
  std::string raw(text.substr(t.b, t.name_e - t.b));
  return raw.size() >= 2 && LowerFast(raw) != raw &&
         std::none_of(raw.begin(), raw.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

}  // namespace claimtrack::attribute
