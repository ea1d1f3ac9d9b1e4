#pragma once
// Paragraphs and sentences, German and English, with byte spans into the text.
// Handles abbreviations (z. B., u. a., Dr., Mio., Mrd., ca., Nr., St., Mr., U.S., e.g.),
// numbers ("20.000", "3.5", "1. Januar" ordinal dates), initials ("J. R. R."), ellipses,
// and quotes „…“ »…« "…" “…” ‘…’: a sentence end inside a quote followed by a closing
// quote ends after the quote. An ambiguous dot ("usw.", "Inc.", "U.S.", a short number that
// may be a German ordinal) ends a sentence only before a typical sentence starter ("Die",
// "The", "Er", ...), because German nouns are capitalised. Linear time; thread-safe.

#include <string_view>
#include <vector>

#include "claimtrack/model/claim.h"

namespace claimtrack::text {

// Splits `text` (valid UTF-8) into sentences; paragraphs are separated by blank lines
// (or single newlines in texts without blank lines). lang: "de", "en" or "" (both lists).
std::vector<Sentence> SplitSentences(std::string_view text, std::string_view lang);

}  // namespace claimtrack::text
