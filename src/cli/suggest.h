#pragma once
// "Did you mean": the stored names a user may have meant when a --speaker, --type or
// --outlet value matches nothing. Pure functions over candidate lists; the commands fetch
// the candidates from the store and print the hint.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace claimtrack::cli {

// How close `candidate` is to what the user typed, lower is closer; -1 when it is not a
// plausible match. Compared ASCII case-insensitively: 0 equal, 1 the word is one of the
// candidate's words ("Brown" in "Gordon Brown", "Rutte" in "mark-rutte"), 2 one contains the
// other ("Lagard" in "Christine Lagarde"), 3 + d a spelling within edit distance d of the
// whole candidate or one of its words ("casualty" ~ "casualties", "Brwon" ~ "Gordon Brown").
int MatchScore(std::string_view word, std::string_view candidate);

// The candidates with a score, closest first (ties in the given order), at most `max`.
// Each candidate is (what to show, texts to compare against): a speaker is shown as its name
// and compared by name and id.
std::vector<std::string> Suggestions(
    std::string_view word,
    const std::vector<std::pair<std::string, std::vector<std::string>>>& candidates,
    size_t max = 3);

// "a", "a or b", "a, b or c" (last_joint " or "); QuotedList puts each item in '...'.
std::string JoinList(const std::vector<std::string>& items, std::string_view last_joint = " or ");
std::string QuotedList(const std::vector<std::string>& items, std::string_view last_joint = " or ");

}  // namespace claimtrack::cli
