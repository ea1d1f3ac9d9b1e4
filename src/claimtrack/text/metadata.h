#pragma once
// Private helpers of the text module shared by its readers (not part of the public API).

#include <string>
#include <string_view>

namespace claimtrack::text {

// "de-AT" -> "de", "en_US" -> "en", "German" -> "de"; other languages keep their primary
// subtag ("fr"); "" when the tag is not a language tag.
std::string NormalizeLangTag(std::string_view raw);

}  // namespace claimtrack::text
