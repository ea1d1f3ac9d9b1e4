#pragma once
// Acronyms an article introduces: "Bundeswettbewerbsbehörde (BWB)", "Kuratorium für
// Verkehrssicherheit (KFV)", "Office for National Statistics (ONS)". A speaker named by the
// acronym later in the article is the same speaker as its full name (checkable-figures.md),
// so attribution stores one name for both. Pure function of the text (and the lexicon's
// name glue words); thread-safe.

#include <map>
#include <string>
#include <string_view>

namespace claimtrack::attribute {

struct Lexicon;

// Acronym -> full name as written before it. An acronym counts only when its letters appear,
// in order and starting with the first, among the letters of the name before the
// parenthesis (so "Fiat Chrysler Automobiles (FCA)" counts and "Behörde (NHTSA)" does not).
std::map<std::string, std::string> FindAcronyms(std::string_view text, const Lexicon& lex);

// A name written out anywhere in the article whose capitalised words' initials are exactly
// `acr` ("World Economic Forum" for "WEF"; name glue words inside are skipped, so "Bank for
// International Settlements" gives "BIS"). Empty when there is none or `acr` is not 2-6
// capitals.
std::string NameWithInitials(std::string_view text, std::string_view acr, const Lexicon& lex);

}  // namespace claimtrack::attribute
