#include "claimtrack/attribute/acronyms.h"

#include <vector>

#include "claimtrack/attribute/lexicon.h"
#include "claimtrack/base/utf8.h"

namespace claimtrack::attribute {

namespace {

bool IsAcronymChar(char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'; }

bool StartsUpper(std::string_view w) {
  if (w.empty()) return false;
  std::string first = LowerUtf8(w.substr(0, 1));
  unsigned char c = static_cast<unsigned char>(w[0]);
  if (c < 0x80) return c >= 'A' && c <= 'Z';
  // Non-ASCII first letter (Ö, Ä, Ü): upper-case when lower-casing changes it.
  size_t len = 1;
  while (len < w.size() && (static_cast<unsigned char>(w[len]) & 0xC0) == 0x80) ++len;
  return LowerUtf8(w.substr(0, len)) != w.substr(0, len);
}

// True when the letters of `acr` (lower-cased) occur in order in `name` (lower-cased), the
// first at the start.
bool Covers(const std::string& name, const std::string& acr) {
  std::string n = LowerUtf8(name);
  std::string a = LowerUtf8(acr);
  if (n.empty() || a.empty() || n[0] != a[0]) return false;
  size_t pos = 1;
  for (size_t i = 1; i < a.size(); ++i) {
    if (a[i] == '-') continue;
    pos = n.find(a[i], pos);
    if (pos == std::string::npos) return false;
    ++pos;
  }
  return true;
}

}  // namespace

std::map<std::string, std::string> FindAcronyms(std::string_view text, const Lexicon& lex) {
  std::map<std::string, std::string> out;
  for (size_t open = text.find('('); open != std::string_view::npos;
       open = text.find('(', open + 1)) {
    size_t close = text.find(')', open);
    if (close == std::string_view::npos || close - open - 1 < 2 || close - open - 1 > 8) continue;
    std::string acr(text.substr(open + 1, close - open - 1));
    bool ok = acr[0] >= 'A' && acr[0] <= 'Z';
    size_t upper = 0;
    for (char c : acr) {
      if (!IsAcronymChar(c)) ok = false;
      upper += c >= 'A' && c <= 'Z';
    }
    if (!ok || upper < 2 || out.count(acr)) continue;
    // The words before the parenthesis, nearest first, up to six.
    std::vector<std::string_view> words;
    size_t end = open;
    while (end > 0 && text[end - 1] == ' ') --end;
    while (words.size() < 6 && end > 0) {
      size_t begin = end;
      while (begin > 0 && text[begin - 1] != ' ' && text[begin - 1] != '\n' &&
             text[begin - 1] != '(' && text[begin - 1] != ',' && text[begin - 1] != '.')
        --begin;
      if (begin == end) break;
      words.push_back(text.substr(begin, end - begin));
      if (begin == 0 || text[begin - 1] != ' ') break;
      end = begin - 1;
    }
    // The shortest run of words, ending before the parenthesis and starting with a capital,
    // whose letters cover the acronym; inner words capitalized or glue.
    std::string name;
    for (size_t k = 1; k <= words.size(); ++k) {
      std::string_view first = words[k - 1];
      if (!StartsUpper(first)) {
        // Words that may stand inside a name without a capital letter.
        if (lex.name_glue.count(std::string(first))) continue;
        break;
      }
      std::string candidate;
      for (size_t j = k; j-- > 0;) {
        if (!candidate.empty()) candidate += ' ';
        candidate += words[j];
      }
      if (Covers(candidate, acr)) {
        name = candidate;
        break;
      }
    }
    if (!name.empty()) out[acr] = name;
  }
  return out;
}

std::string NameWithInitials(std::string_view text, std::string_view acr, const Lexicon& lex) {
  if (acr.size() < 2 || acr.size() > 6) return "";
  for (char c : acr) {
    if (c < 'A' || c > 'Z') return "";
  }
  // Words of the text: runs of letters, digits, hyphens and apostrophes.
  std::vector<std::string_view> words;
  std::vector<bool> after_break;  // a sentence or clause mark before the word
  size_t i = 0;
  bool brk = true;
  while (i < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == ' ' || c == '\n' || c == '\t') {
      ++i;
      continue;
    }
    if (c == '.' || c == ',' || c == ';' || c == ':' || c == '(' || c == ')' || c == '"') {
      brk = true;
      ++i;
      continue;
    }
    size_t b = i;
    while (i < text.size() && text[i] != ' ' && text[i] != '\n' && text[i] != '\t' &&
           text[i] != '.' && text[i] != ',' && text[i] != ';' && text[i] != ':' && text[i] != '(' &&
           text[i] != ')' && text[i] != '"')
      ++i;
    words.push_back(text.substr(b, i - b));
    after_break.push_back(brk);
    brk = false;
  }
  for (size_t s = 0; s < words.size(); ++s) {
    if (!StartsUpper(words[s]) || words[s][0] != acr[0] || words[s] == acr) continue;
    size_t k = s, matched = 0;
    while (k < words.size() && matched < acr.size()) {
      if (k > s && after_break[k]) break;
      if (StartsUpper(words[k])) {
        if (words[k][0] != acr[matched]) break;
        ++matched;
      } else if (!lex.name_glue.count(std::string(words[k])) || matched == 0) {
        break;
      }
      ++k;
    }
    if (matched != acr.size()) continue;
    // The run must end there: a further capitalised word makes it a longer name.
    if (k < words.size() && !after_break[k] && StartsUpper(words[k])) continue;
    std::string name;
    for (size_t j = s; j < k; ++j) {
      if (!name.empty()) name += ' ';
      name += words[j];
    }
    return name;
  }
  return "";
}

}  // namespace claimtrack::attribute
