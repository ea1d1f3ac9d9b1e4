#include "suggest.h"

#include <algorithm>
#include <cstddef>

#include "claimtrack/base/diagnostic.h"

namespace claimtrack::cli {

namespace {

std::string Fold(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return out;
}

// The words of a name or id: split at spaces and at - _ : . / , ( ).
std::vector<std::string> Words(const std::string& folded) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : folded) {
    if (c == ' ' || c == '-' || c == '_' || c == ':' || c == '.' || c == '/' || c == ',' ||
        c == '(' || c == ')') {
      if (!cur.empty()) out.push_back(std::move(cur));
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

// A typo allowance that grows with the length: 1 for up to 5 bytes, then a third.
size_t Allowance(size_t a, size_t b) { return std::max<size_t>(1, (std::max(a, b) + 1) / 3); }

}  // namespace

int MatchScore(std::string_view word, std::string_view candidate) {
  const std::string w = Fold(word), c = Fold(candidate);
  if (w.empty() || c.empty()) return -1;
  if (w == c) return 0;
  const std::vector<std::string> words = Words(c);
  if (std::find(words.begin(), words.end(), w) != words.end()) return 1;
  // Several words typed ("gordon brown jr"): all of them among the candidate's words.
  const std::vector<std::string> typed = Words(w);
  if (typed.size() > 1 && std::all_of(typed.begin(), typed.end(), [&](const std::string& t) {
        return std::find(words.begin(), words.end(), t) != words.end();
      })) {
    return 1;
  }
  if ((w.size() >= 3 && c.find(w) != std::string::npos) ||
      (c.size() >= 3 && w.find(c) != std::string::npos)) {
    return 2;
  }
  size_t best = EditDistance(w, c, false, Allowance(w.size(), c.size()));
  bool within = best <= Allowance(w.size(), c.size());
  for (const std::string& x : words) {
    if (x.size() < 3) continue;  // "de", "of": any short word would be "close"
    const size_t cap = Allowance(w.size(), x.size());
    const size_t d = EditDistance(w, x, false, cap);
    if (d <= cap && (!within || d < best)) {
      best = d;
      within = true;
    }
  }
  if (!within) return -1;
  return 3 + static_cast<int>(best);
}

std::vector<std::string> Suggestions(
    std::string_view word,
    const std::vector<std::pair<std::string, std::vector<std::string>>>& candidates, size_t max) {
  std::vector<std::pair<int, size_t>> scored;  // score, index
  for (size_t i = 0; i < candidates.size(); ++i) {
    int best = -1;
    for (const std::string& text : candidates[i].second) {
      int s = MatchScore(word, text);
      if (s >= 0 && (best < 0 || s < best)) best = s;
    }
    if (best >= 0) scored.emplace_back(best, i);
  }
  std::stable_sort(scored.begin(), scored.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> out;
  for (const auto& [score, i] : scored) {
    if (out.size() >= max) break;
    if (std::find(out.begin(), out.end(), candidates[i].first) == out.end())
      out.push_back(candidates[i].first);
  }
  return out;
}

std::string JoinList(const std::vector<std::string>& items, std::string_view last_joint) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i + 1 == items.size() ? std::string(last_joint) : ", ";
    out += items[i];
  }
  return out;
}

std::string QuotedList(const std::vector<std::string>& items, std::string_view last_joint) {
  std::vector<std::string> quoted;
  quoted.reserve(items.size());
  for (const std::string& i : items) quoted.push_back("'" + i + "'");
  return JoinList(quoted, last_joint);
}

}  // namespace claimtrack::cli
