#include "claimtrack/base/utf8.h"

namespace claimtrack {

char32_t DecodeUtf8(std::string_view s, size_t pos, size_t* len) {
  auto byte = [&](size_t i) { return static_cast<unsigned char>(s[i]); };
  unsigned char c = byte(pos);
  if (c < 0x80) {
    *len = 1;
    return c;
  }
  int need = 0;
  char32_t cp = 0;
  char32_t min = 0;
  if ((c & 0xE0) == 0xC0) {
    need = 1;
    cp = c & 0x1F;
    min = 0x80;
  } else if ((c & 0xF0) == 0xE0) {
    need = 2;
    cp = c & 0x0F;
    min = 0x800;
  } else if ((c & 0xF8) == 0xF0) {
    need = 3;
    cp = c & 0x07;
    min = 0x10000;
  } else {
    *len = 1;
    return 0xFFFD;
  }
  for (int i = 1; i <= need; ++i) {
    if (pos + i >= s.size()) {
      *len = 1;
      return 0xFFFD;
    }
    unsigned char cc = byte(pos + i);
    if ((cc & 0xC0) != 0x80) {
      *len = 1;
      return 0xFFFD;
    }
    cp = (cp << 6) | (cc & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    *len = 1;
    return 0xFFFD;
  }
  *len = static_cast<size_t>(need + 1);
  return cp;
}

void AppendUtf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

bool IsValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    size_t len = 0;
    char32_t cp = DecodeUtf8(s, i, &len);
    if (cp == 0xFFFD) {
      // A literal U+FFFD is three bytes EF BF BD; anything else is an error.
      if (!(len == 3)) return false;
    }
    i += len;
  }
  return true;
}

size_t CountCodePoints(std::string_view s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) ++n;
  }
  return n;
}

std::string SanitizeForTerminal(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u < 0x20 && c != '\t') {
      out += "\\x";
      const char* hex = "0123456789abcdef";
      out += hex[u >> 4];
      out += hex[u & 15];
    } else if (c == '\t') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

std::string LowerUtf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    size_t len = 0;
    char32_t cp = DecodeUtf8(s, i, &len);
    if (cp == 0xFFFD && len == 1) {
      out += s[i];
      i += 1;
      continue;
    }
    if (cp >= 'A' && cp <= 'Z') {
      cp += 32;
    } else if ((cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)) {
      cp += 32;
    } else if ((cp >= 0x100 && cp <= 0x137) || (cp >= 0x14A && cp <= 0x177)) {
      if (cp % 2 == 0) cp += 1;  // Latin Extended-A pairs: Č, Š, Ő ...
    } else if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E)) {
      if (cp % 2 == 1) cp += 1;  // Ł, Ń, Ž ...
    } else if (cp == 0x178) {
      cp = 0xFF;
    }
    AppendUtf8(out, cp);
    i += len;
  }
  return out;
}

bool IsLetter(char32_t cp) {
  if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z')) return true;
  if (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) return true;
  if (cp >= 0x370 && cp <= 0x3FF) return true;  // Greek
  if (cp >= 0x400 && cp <= 0x4FF) return true;  // Cyrillic
  return false;
}

}  // namespace claimtrack
