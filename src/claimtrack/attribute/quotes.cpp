// Quote spans over an article (quotes.h). One pass over the paragraphs; a quote is open from
// its opening mark to the first mark that closes that opener.

#include "claimtrack/attribute/quotes.h"

#include <algorithm>
#include <string>
#include <utility>

#include "claimtrack/attribute/tokens.h"
#include "claimtrack/base/utf8.h"

namespace claimtrack::attribute {

namespace {

// The code point that ends before byte i (i > 0).
char32_t PrevCp(std::string_view text, size_t i) {
  size_t pb = i;
  do {
    --pb;
  } while (pb > 0 && (static_cast<unsigned char>(text[pb]) & 0xC0) == 0x80);
  size_t pl = 1;
  return DecodeUtf8(text, pb, &pl);
}

// A straight quote at byte i looks like an opening one: start of text or a space/bracket
// before it, and a non-space after it.
bool StraightOpensAt(std::string_view text, size_t i) {
  bool space_before = true;
  if (i > 0) {
    char32_t prev = PrevCp(text, i);
    space_before = IsSpaceCp(prev) || prev == '(' || prev == '[';
  }
  bool text_after = false;
  if (i + 1 < text.size()) {
    size_t nl = 1;
    char32_t next = DecodeUtf8(text, i + 1, &nl);
    text_after = !IsSpaceCp(next);
  }
  return space_before && text_after;
}

// Does `cp` close a quote opened with `opener`?
bool Closes(std::string_view text, char32_t opener, char32_t cp, size_t i) {
  switch (opener) {
    case 0x201E:
      return cp == 0x201C || cp == 0x201D || cp == '"';
    case 0x201C:
      return cp == 0x201D;  // a second “ continues the quote (next paragraph style)
    case 0x201D:
      return cp == 0x201D;
    case 0xBB:
      return cp == 0xAB;
    case 0xAB:
      return cp == 0xBB;
    case '"':
      // An opening-shaped " (space before, text after) inside an open quote is the
      // re-opening of a quote that runs on; only a closing-shaped one closes.
      return cp == '"' && !StraightOpensAt(text, i);
  }
  return false;
}

}  // namespace

std::vector<Quote> FindQuotes(std::string_view text, const std::vector<Sentence>& sentences) {
  std::vector<Quote> quotes;
  // Paragraph spans from the sentences.
  std::vector<std::pair<Span, int>> paras;
  for (const auto& s : sentences) {
    if (s.span.end > text.size() || s.span.begin > s.span.end) continue;
    if (!paras.empty() && paras.back().second == s.paragraph) {
      paras.back().first.end = std::max(paras.back().first.end, s.span.end);
    } else {
      paras.push_back({s.span, s.paragraph});
    }
  }
  bool open = false;
  size_t open_pos = 0;
  int open_para = 0;
  char32_t opener = 0;
  int depth = 0;  // quotes of the same kind opened inside the open one
  for (size_t p = 0; p < paras.size(); ++p) {
    Span ps = paras[p].first;
    if (open) {
      // A quote left open at a paragraph end continues only if this paragraph re-opens it.
      size_t len = 1;
      char32_t first = ps.begin < text.size() ? DecodeUtf8(text, ps.begin, &len) : 0;
      if (first != opener) open = false;
      depth = 0;
    }
    size_t i = ps.begin;
    bool reopened = open;
    while (i < ps.end) {
      size_t len = 1;
      char32_t cp = DecodeUtf8(text, i, &len);
      if (!IsQuoteChar(cp)) {
        i += len;
        continue;
      }
      if (reopened && i == ps.begin) {  // the re-opening mark of a continued quote
        reopened = false;
        i += len;
        continue;
      }
      reopened = false;
      if (open) {
        // A German or guillemet quote may hold another of its kind („… „Titel“ …“): a
        // second opener nests, and its closer does not end the outer quote.
        if (cp == opener && (opener == 0x201E || opener == 0xBB || opener == 0xAB)) {
          ++depth;
        } else if (Closes(text, opener, cp, i)) {
          if (depth > 0) {
            --depth;
          } else {
            quotes.push_back(Quote{Span{open_pos, i + len}, open_para, -1});
            open = false;
          }
        }
      } else {
        bool opens = true;
        if (cp == '"' && i > 0) {  // 12" (inches) is no quote
          char32_t prev = PrevCp(text, i);
          opens = !IsWordCp(prev) || prev == 0;
        }
        if (opens) {
          open = true;
          depth = 0;
          open_pos = i;
          open_para = paras[p].second;
          opener = cp;
        }
      }
      i += len;
    }
  }
  return quotes;
}

const Quote* QuoteAt(const std::vector<Quote>& quotes, Span s) {
  auto it = std::upper_bound(quotes.begin(), quotes.end(), s.begin,
                             [](size_t pos, const Quote& q) { return pos < q.span.begin; });
  if (it == quotes.begin()) return nullptr;
  --it;
  if (it->span.begin <= s.begin && s.end <= it->span.end && !(s.begin == it->span.begin))
    return &*it;
  return nullptr;
}

bool GapIsPunct(std::string_view gap) {
  size_t i = 0;
  while (i < gap.size()) {
    size_t len = 1;
    char32_t cp = DecodeUtf8(gap, i, &len);
    if (!(IsSpaceCp(cp) || cp == ',' || cp == ';' || cp == ':' || cp == 0x2013 || cp == 0x2014 ||
          cp == '-'))
      return false;
    i += len;
  }
  return true;
}

bool QuoteEndsSentence(std::string_view text, const Quote& q, size_t cue_begin) {
  size_t k = q.span.end;
  // Step back over the closing mark.
  do {
    --k;
  } while (k > q.span.begin && (static_cast<unsigned char>(text[k]) & 0xC0) == 0x80);
  if (k == q.span.begin) return false;
  char last = text[k - 1];
  if (last == '.') return true;
  if (last == '?' || last == '!') {
    size_t l = 1;
    char32_t c = DecodeUtf8(text, cue_begin, &l);
    std::string one;
    AppendUtf8(one, c);
    return LowerUtf8(one) != one;  // capitalised: a new sentence
  }
  return false;
}

}  // namespace claimtrack::attribute
