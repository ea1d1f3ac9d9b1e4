#pragma once
// Stage 1 of attribution: the direct quotes of an article. Finds „…“ »…« «…» “…” and "…"
// spans over the whole text, also over paragraphs when the next paragraph re-opens the quote
// (the newspaper convention for a quote that runs on). Pure functions; thread-safe.

#include <cstddef>
#include <string_view>
#include <vector>

#include "claimtrack/model/claim.h"

namespace claimtrack::attribute {

struct Quote {
  Span span;          // bytes into the article text, including the quote marks
  int paragraph = 0;  // paragraph of the opening mark
  int cue = -1;       // index of its reporting clause among the article's cues (-1: none)
};

// The quotes of `text`, in text order. `sentences` give the paragraphs (Sentence::paragraph);
// a quote left open at a paragraph's end is dropped unless the next paragraph opens with the
// same mark. A straight " after a letter or digit (12" = inches) opens no quote.
std::vector<Quote> FindQuotes(std::string_view text, const std::vector<Sentence>& sentences);

// The quote that contains `s` (`s` may not start at the opening mark); null when none.
// `quotes` in text order, as FindQuotes returns them.
const Quote* QuoteAt(const std::vector<Quote>& quotes, Span s);

// True when `gap` holds only spaces, commas, semicolons, colons and dashes: the text
// between a quote and its reporting clause ('“, sagte er', '” – he said').
bool GapIsPunct(std::string_view gap);

// '"… weeks." She said …': a quote closed after a full stop ends its sentence, so a cue
// starting at byte `cue_begin` is not its clause ("Why?" he asked: a lower-case cue is).
bool QuoteEndsSentence(std::string_view text, const Quote& q, size_t cue_begin);

}  // namespace claimtrack::attribute
