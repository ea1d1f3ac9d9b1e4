#include "claimtrack/rules/unicode_classes.h"

namespace claimtrack::rules {

namespace {

constexpr std::string_view kLetters =
    "a-zA-Z\\x{AA}\\x{B5}\\x{BA}\\x{C0}-\\x{D6}\\x{D8}-\\x{F6}\\x{F8}-\\x{1FFF}"
    "\\x{2C00}-\\x{2DFF}\\x{2E80}-\\x{2FFF}\\x{3040}-\\x{D7FF}\\x{F900}-\\x{FDFF}"
    "\\x{FE70}-\\x{FEFE}\\x{FF21}-\\x{FF3A}\\x{FF41}-\\x{FF5A}\\x{FF66}-\\x{FFDC}"
    "\\x{10000}-\\x{10FFFF}";
constexpr std::string_view kNumbers =
    "0-9\\x{B2}\\x{B3}\\x{B9}\\x{BC}-\\x{BE}\\x{2070}\\x{2074}-\\x{2079}\\x{2080}-\\x{2089}"
    "\\x{2150}-\\x{2189}\\x{2460}-\\x{249B}\\x{24EA}-\\x{24FF}\\x{2776}-\\x{2793}"
    "\\x{FF10}-\\x{FF19}";

// At regex[i] == '\\': the length of a \pL / \p{L} / \PN ... escape and its class, or 0.
size_t ClassEscape(std::string_view regex, size_t i, std::string_view* cls, bool* negated) {
  if (i + 2 >= regex.size() || (regex[i + 1] != 'p' && regex[i + 1] != 'P')) return 0;
  *negated = regex[i + 1] == 'P';
  std::string_view rest = regex.substr(i + 2);
  size_t len = 0;
  char name = 0;
  if (rest[0] == 'L' || rest[0] == 'N') {
    name = rest[0];
    len = 3;
  } else if (rest.size() >= 3 && rest[0] == '{' && (rest[1] == 'L' || rest[1] == 'N') &&
             rest[2] == '}') {
    name = rest[1];
    len = 5;
  } else {
    return 0;
  }
  *cls = name == 'L' ? kLetters : kNumbers;
  return len;
}

}  // namespace

std::string CompactUnicodeClasses(std::string_view regex) {
  std::string out;
  out.reserve(regex.size());
  bool in_class = false;
  size_t i = 0;
  while (i < regex.size()) {
    char ch = regex[i];
    if (ch == '\\' && i + 1 < regex.size()) {
      if (regex[i + 1] == 'Q') {  // \Q...\E: literal text, copied as it is
        size_t end = regex.find("\\E", i + 2);
        end = end == std::string_view::npos ? regex.size() : end + 2;
        out.append(regex.substr(i, end - i));
        i = end;
        continue;
      }
      std::string_view cls;
      bool negated = false;
      if (size_t len = ClassEscape(regex, i, &cls, &negated); len > 0) {
        if (!in_class) {
          out += negated ? "[^" : "[";
          out.append(cls);
          out += ']';
        } else if (!negated) {
          out.append(cls);
        } else {
          out.append(regex.substr(i, len));  // [\PL]: no compact spelling, RE2's own
        }
        i += len;
        continue;
      }
      out.append(regex.substr(i, 2));
      i += 2;
      continue;
    }
    if (!in_class && ch == '[') {
      in_class = true;
      out += ch;
      ++i;
      if (i < regex.size() && regex[i] == '^') out += regex[i++];
      if (i < regex.size() && regex[i] == ']') out += regex[i++];  // a literal ] first
      continue;
    }
    if (in_class && ch == '[' && i + 1 < regex.size() && regex[i + 1] == ':') {
      size_t end = regex.find(":]", i + 2);  // [:alpha:] inside a class
      if (end != std::string_view::npos) {
        out.append(regex.substr(i, end + 2 - i));
        i = end + 2;
        continue;
      }
    }
    if (in_class && ch == ']') in_class = false;
    out += ch;
    ++i;
  }
  return out;
}

}  // namespace claimtrack::rules
