// Decoding raw article bytes into clean UTF-8 (see decode.h). One pass over the input
// decodes, drops NUL, folds CRLF/CR to LF and tracks line:col of the output, so every
// warning points at the place a reviewer sees in the decoded text (lines are preserved).

#include "claimtrack/text/decode.h"

#include <fmt/format.h>
#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/stringpiece.h>

#include <algorithm>
#include <limits>
#include <stdexcept>

#include "claimtrack/base/utf8.h"

namespace claimtrack::text {

namespace {

int ClampInt(size_t v) {
  return v > static_cast<size_t>(std::numeric_limits<int>::max()) ? std::numeric_limits<int>::max()
                                                                  : static_cast<int>(v);
}

// ASCII that needs no line-end or NUL handling.
inline bool IsPlainAscii(unsigned char c) { return (c >= 0x20 && c < 0x80) || c == '\t'; }

// Windows-1252 0x80..0x9F (WHATWG index; the five undefined bytes map to the C1 code
// point of the same value, as browsers do).
constexpr char32_t kCp1252High[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

char32_t Cp1252ToUnicode(unsigned char b) {
  if (b >= 0x80 && b <= 0x9F) return kCp1252High[b - 0x80];
  return b;  // ASCII and 0xA0..0xFF are Latin-1
}

// A position in the decoded output, remembered for a warning.
struct Where {
  bool set = false;
  int line = 0;
  int col = 0;
  size_t out_offset = 0;
};

// Appends decoded code points to the output: drops NUL, folds CRLF and CR to LF and keeps
// the current line/column (column in code points, 1-based for the next character).
class Emitter {
 public:
  explicit Emitter(size_t reserve) { out_.reserve(reserve); }

  // A run of printable ASCII (no CR, LF, NUL): appended at once.
  void PutPlainRun(const char* p, size_t n) {
    prev_cr_ = false;
    out_.append(p, n);
    col_ += n;
  }

  void PutAscii(char c) {
    if (c == '\n') {
      if (prev_cr_) {
        prev_cr_ = false;
        return;
      }
      NewLine();
      return;
    }
    prev_cr_ = false;
    if (c == '\r') {
      NewLine();
      prev_cr_ = true;
      return;
    }
    if (c == '\0') {
      ++nul_count_;
      Mark(&first_nul_);
      return;
    }
    out_ += c;
    ++col_;
  }

  // One complete, valid UTF-8 sequence of a non-ASCII code point.
  void PutSequence(const char* p, size_t n) {
    prev_cr_ = false;
    out_.append(p, n);
    ++col_;
  }

  void PutCodePoint(char32_t cp) {
    if (cp < 0x80) {
      PutAscii(static_cast<char>(cp));
      return;
    }
    prev_cr_ = false;
    AppendUtf8(out_, cp);
    ++col_;
  }

  // Remembers the position of the next character (once).
  void Mark(Where* w) const {
    if (w->set) return;
    w->set = true;
    w->line = ClampInt(line_);
    w->col = ClampInt(col_ + 1);
    w->out_offset = out_.size();
  }

  std::string& out() { return out_; }
  size_t nul_count() const { return nul_count_; }
  const Where& first_nul() const { return first_nul_; }

 private:
  void NewLine() {
    out_ += '\n';
    ++line_;
    col_ = 0;
  }

  std::string out_;
  size_t line_ = 1;
  size_t col_ = 0;  // code points on the current line so far
  bool prev_cr_ = false;
  size_t nul_count_ = 0;
  Where first_nul_;
};

// The decoded line around a warning, for the caret display; omitted for huge lines.
std::string SourceLine(const std::string& text, const Where& w) {
  std::string_view line = LineAt(text, w.out_offset);
  if (line.size() > 400) return {};
  return std::string(line);
}

void Warn(Diagnostics& diags, const std::string& path, const std::string& text, const Where& w,
          const char* code, std::string message, std::string hint) {
  diags.Warning(path, w.set ? w.line : 0, w.set ? w.col : 0, code, std::move(message),
                std::move(hint), w.set ? SourceLine(text, w) : std::string());
}

// Statistics of a UTF-8 validity scan.
struct Utf8Scan {
  size_t first_bad = std::string_view::npos;
  size_t bad_bytes = 0;
  size_t multibyte_sequences = 0;
};

Utf8Scan ScanUtf8(std::string_view s) {
  Utf8Scan scan;
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len = 0;
    char32_t cp = DecodeUtf8(s, i, &len);
    if (cp == 0xFFFD && len == 1) {
      if (scan.first_bad == std::string_view::npos) scan.first_bad = i;
      ++scan.bad_bytes;
    } else {
      ++scan.multibyte_sequences;
    }
    i += len;
  }
  return scan;
}

// Decodes UTF-8; each invalid byte becomes `fallback(byte)` (U+FFFD or its Windows-1252
// reading). Marks the first invalid byte in `bad`.
template <typename Fallback>
void DecodeUtf8Into(std::string_view s, Emitter& em, Where* bad, size_t* bad_count,
                    Fallback fallback) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      size_t run = i;
      while (run < s.size() && IsPlainAscii(static_cast<unsigned char>(s[run]))) ++run;
      if (run > i) {
        em.PutPlainRun(s.data() + i, run - i);
        i = run;
      } else {
        em.PutAscii(static_cast<char>(c));
        ++i;
      }
      continue;
    }
    size_t len = 0;
    char32_t cp = DecodeUtf8(s, i, &len);
    if (cp == 0xFFFD && len == 1) {
      em.Mark(bad);
      ++*bad_count;
      em.PutCodePoint(fallback(c));
    } else {
      em.PutSequence(s.data() + i, len);
    }
    i += len;
  }
}

void DecodeCp1252Into(std::string_view s, Emitter& em, size_t first_bad, Where* bad) {
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (i == first_bad) em.Mark(bad);
    if (c < 0x80) {
      em.PutAscii(static_cast<char>(c));
    } else {
      em.PutCodePoint(Cp1252ToUnicode(c));
    }
  }
}

// UTF-16 with surrogate pairs; unpaired surrogates and an odd trailing byte become U+FFFD.
void DecodeUtf16Into(std::string_view s, bool little_endian, Emitter& em, Where* bad,
                     size_t* bad_count) {
  auto unit = [&](size_t i) -> char32_t {
    unsigned char a = static_cast<unsigned char>(s[i]);
    unsigned char b = static_cast<unsigned char>(s[i + 1]);
    return little_endian ? static_cast<char32_t>(a | (b << 8))
                         : static_cast<char32_t>((a << 8) | b);
  };
  size_t i = 0;
  while (i + 1 < s.size()) {
    char32_t u = unit(i);
    i += 2;
    if (u >= 0xD800 && u <= 0xDBFF) {
      if (i + 1 < s.size()) {
        char32_t low = unit(i);
        if (low >= 0xDC00 && low <= 0xDFFF) {
          i += 2;
          em.PutCodePoint(0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00));
          continue;
        }
      }
      em.Mark(bad);
      ++*bad_count;
      em.PutCodePoint(0xFFFD);
    } else if (u >= 0xDC00 && u <= 0xDFFF) {
      em.Mark(bad);
      ++*bad_count;
      em.PutCodePoint(0xFFFD);
    } else {
      em.PutCodePoint(u);
    }
  }
  if (i < s.size()) {  // odd number of bytes
    em.Mark(bad);
    ++*bad_count;
    em.PutCodePoint(0xFFFD);
  }
}

// UTF-16 without a BOM: most of the first bytes are NUL on one side of each pair.
// Returns 0 (not UTF-16), 1 (little endian) or 2 (big endian).
int SniffUtf16(std::string_view s) {
  size_t n = std::min<size_t>(s.size(), 4096) & ~static_cast<size_t>(1);
  if (n < 8) return 0;
  size_t even_nul = 0, odd_nul = 0;
  for (size_t i = 0; i < n; i += 2) {
    if (s[i] == '\0') ++even_nul;
    if (s[i + 1] == '\0') ++odd_nul;
  }
  size_t pairs = n / 2;
  if (odd_nul * 10 >= pairs * 7 && even_nul * 20 <= pairs) return 1;
  if (even_nul * 10 >= pairs * 7 && odd_nul * 20 <= pairs) return 2;
  return 0;
}

bool IsAscii(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

}  // namespace

std::string ToNfc(std::string_view utf8) {
  if (IsAscii(utf8)) return std::string(utf8);
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) {
    throw std::runtime_error(fmt::format("ICU: cannot load NFC data: {}", u_errorName(status)));
  }
  icu::StringPiece piece(utf8.data(), static_cast<int32_t>(utf8.size()));
  UBool normalized = nfc->isNormalizedUTF8(piece, status);
  if (U_SUCCESS(status) && normalized) return std::string(utf8);
  status = U_ZERO_ERROR;
  std::string out;
  out.reserve(utf8.size());
  icu::StringByteSink<std::string> sink(&out);
  nfc->normalizeUTF8(0, piece, sink, nullptr, status);
  if (U_FAILURE(status)) {
    throw std::runtime_error(fmt::format("ICU: NFC normalisation failed: {}", u_errorName(status)));
  }
  return out;
}

Decoded DecodeBytes(std::string_view bytes, const std::string& path, Diagnostics& diags) {
  Decoded result;
  result.encoding = "utf-8";
  if (bytes.empty()) {
    diags.Warning(path, 0, 0, "A001", "empty file: no article read",
                  "remove the file or give it some text");
    return result;
  }
  auto starts = [&](std::string_view prefix) { return bytes.substr(0, prefix.size()) == prefix; };
  Emitter em(bytes.size());
  Where bad;
  size_t bad_count = 0;

  if (starts("\xEF\xBB\xBF")) {
    result.encoding = "utf-8-bom";
    DecodeUtf8Into(bytes.substr(3), em, &bad, &bad_count, [](unsigned char) { return 0xFFFD; });
    if (bad_count > 0) {
      Warn(diags, path, em.out(), bad, "A005",
           fmt::format("{} invalid UTF-8 byte(s) replaced by U+FFFD", bad_count),
           "the file starts with a UTF-8 byte order mark but is not valid UTF-8; re-save it "
           "as UTF-8");
    }
  } else if (starts("\xFF\xFE") || starts("\xFE\xFF")) {
    bool le = starts("\xFF\xFE");
    result.encoding = le ? "utf-16le-bom" : "utf-16be-bom";
    DecodeUtf16Into(bytes.substr(2), le, em, &bad, &bad_count);
    if (bad_count > 0) {
      Warn(diags, path, em.out(), bad, "A005",
           fmt::format("{} invalid UTF-16 unit(s) (unpaired surrogate or odd trailing byte) "
                       "replaced by U+FFFD",
                       bad_count),
           "the file looks truncated or is not UTF-16; re-save it as UTF-8");
    }
  } else if (int utf16 = SniffUtf16(bytes); utf16 != 0) {
    result.encoding = utf16 == 1 ? "utf-16le" : "utf-16be";
    DecodeUtf16Into(bytes, utf16 == 1, em, &bad, &bad_count);
    diags.Warning(path, 0, 0, "A006",
                  fmt::format("no byte order mark, but the bytes look like {}; decoded as such",
                              result.encoding),
                  "save the file as UTF-8 (or with a BOM) to make the encoding explicit");
    if (bad_count > 0) {
      Warn(diags, path, em.out(), bad, "A005",
           fmt::format("{} invalid UTF-16 unit(s) replaced by U+FFFD", bad_count),
           "the file looks truncated or is not UTF-16; re-save it as UTF-8");
    }
  } else {
    Utf8Scan scan = ScanUtf8(bytes);
    if (scan.bad_bytes == 0) {
      DecodeUtf8Into(bytes, em, &bad, &bad_count, [](unsigned char) { return 0xFFFD; });
    } else if (scan.multibyte_sequences >= scan.bad_bytes) {
      // Mostly UTF-8 with a few stray bytes (typically a pasted Latin-1 fragment): keep the
      // UTF-8 and read only the stray bytes as Windows-1252.
      result.encoding = "utf-8+windows-1252";
      DecodeUtf8Into(bytes, em, &bad, &bad_count, Cp1252ToUnicode);
      Warn(diags, path, em.out(), bad, "A004",
           fmt::format("mostly UTF-8, but {} byte(s) are not; read those as Windows-1252",
                       scan.bad_bytes),
           "check the characters at this position and re-save the file as UTF-8");
    } else {
      result.encoding = "windows-1252";
      DecodeCp1252Into(bytes, em, scan.first_bad, &bad);
      Warn(diags, path, em.out(), bad, "A003",
           "not valid UTF-8 (first invalid byte here); decoded as Windows-1252",
           "re-save the file as UTF-8 if the characters look wrong");
    }
  }

  if (em.nul_count() > 0) {
    Warn(diags, path, em.out(), em.first_nul(), "A002",
         fmt::format("{} NUL byte(s) removed (first one here)", em.nul_count()),
         "the file may be binary, truncated or UTF-16 without a byte order mark");
  }
  result.text = ToNfc(em.out());
  return result;
}

}  // namespace claimtrack::text
