// Sentence splitting for German and English news (see sentences.h).
//
// One left-to-right pass per paragraph. Only a run of terminators (. ! ? …) followed by
// optional closing quotes/brackets and then whitespace is a candidate boundary; the
// decision looks at the word before (abbreviation, number, initial) and the word after
// (lower case, month name, typical sentence starter). Look-behind and look-ahead are
// bounded, so the whole pass is linear in the text size.

#include "claimtrack/text/sentences.h"

#include <unicode/uchar.h>

#include <string>
#include <unordered_map>
#include <unordered_set>

#include "claimtrack/base/utf8.h"

namespace claimtrack::text {

namespace {

// kNever: never ends a sentence ("Dr.", "z. B.", "ca."). kMaybeFinal: may end one ("usw.",
// "Inc.", "Mio.", "U.S."); then it ends only before a typical sentence starter.
enum class AbbrevKind { kNever, kMaybeFinal };

// Abbreviations without their final dot; inner dots kept and spaces removed, so "z. B."
// and "z.B." are both "z.B". A lower-case entry also matches its capitalised form.
struct AbbrevList {
  const char* never;        // AbbrevKind::kNever, space-separated
  const char* maybe_final;  // AbbrevKind::kMaybeFinal, space-separated
};

constexpr AbbrevList kShared = {
    "Dr Prof St ca vs", "etc Jan Feb Apr Jun Jul Aug Sep Sept Nov Mio Mrd Tsd Jr jr Sr sen"};

constexpr AbbrevList kGerman = {
    "z.B d.h v.a u.U i.d.R z.T bzw Nr Abs Art vgl Hr Fr Dipl Ing Mag evtl ggf inkl exkl zzgl "
    "max min mind Str Tel bspw bzgl lt sog geb gest Bd Kap Abt Anm Gen Bgm Abg Univ Verf Wr Kfz",
    "u.a s.o s.u o.ä u.ä a.D u.v.m usw Hrsg Jh Jhd Mill Bio Std Min Sek Mär Okt Dez Mrz ff Pkt "
    "Hbf"};

constexpr AbbrevList kEnglish = {
    "Mr Mrs Ms e.g i.e No Nos approx Gen Sen Rep Gov Lt Col Sgt Capt Maj Rev Hon Univ Mt Ft cf "
    "fig est vol pp",
    "U.S U.K U.N E.U Inc Ltd Co Corp Mar Oct Dec Dept Ave a.m p.m al"};

// Capitalised words that typically open a sentence (articles, pronouns, conjunctions,
// sentence adverbs, prepositions). After an ambiguous dot ("usw.", "20.", "Inc.") only
// these count as the start of a new sentence, because German nouns are capitalised too.
const std::unordered_set<std::string>& Starters() {
  static const std::unordered_set<std::string> kSet = {
      // German
      "Der", "Die", "Das", "Den", "Dem", "Des", "Ein", "Eine", "Einen", "Einem", "Einer", "Er",
      "Sie", "Es", "Wir", "Ihr", "Ich", "Man", "Und", "Aber", "Doch", "Denn", "Auch", "Dies",
      "Diese", "Dieser", "Dieses", "Diesen", "Dass", "So", "Da", "Dann", "Danach", "Zudem",
      "Außerdem", "Damit", "Deshalb", "Daher", "Darum", "Trotzdem", "Jedoch", "Allerdings", "Nun",
      "Noch", "Schon", "Nur", "Laut", "Nach", "Im", "In", "Am", "An", "Auf", "Bei", "Mit", "Für",
      "Von", "Vor", "Seit", "Bis", "Zum", "Zur", "Als", "Wie", "Wenn", "Ob", "Was", "Wer", "Wo",
      "Warum", "Hier", "Dort", "Heute", "Gestern", "Insgesamt", "Unter", "Über", "Gegen", "Um",
      "Ab", "Mehr", "Rund", "Etwa", "Fast", "Knapp", "Alle", "Viele", "Einige", "Kein", "Keine",
      "Sein", "Seine", "Ihre", "Unsere", "Zuletzt", "Zuvor", "Bereits", "Inzwischen", "Derzeit",
      "Damals", "Jetzt", "Zwar", "Vielmehr", "Weil", "Obwohl", "Während", "Sowohl", "Weder",
      // English
      "The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "This", "That", "These",
      "Those", "There", "Here", "But", "And", "Or", "Yet", "On", "At", "For", "From", "By", "With",
      "As", "After", "Before", "Since", "When", "While", "If", "Although", "However", "Meanwhile",
      "Still", "Also", "Then", "Now", "Today", "Yesterday", "According", "About", "Around",
      "Nearly", "More", "Most", "Some", "Many", "All", "No", "Not", "His", "Her", "Its", "Their",
      "Our", "My", "What", "Who", "Why", "How", "Where", "Mr", "Mrs", "Ms", "Dr", "In", "Of",
      "Over", "Under", "Last", "Earlier", "Later", "Officials", "Both", "Neither", "Each", "Every",
      "One", "Two", "Three"};
  return kSet;
}

const std::unordered_set<std::string>& Months() {
  static const std::unordered_set<std::string> kSet = {
      "Januar", "Jänner", "Februar", "Feber",     "März",     "Maerz",    "April",    "Mai",
      "Juni",   "Juli",   "August",  "September", "Oktober",  "November", "Dezember", "Jan",
      "Jän",    "Feb",    "Mär",     "Mrz",       "Apr",      "Jun",      "Jul",      "Aug",
      "Sep",    "Sept",   "Okt",     "Nov",       "Dez",      "January",  "February", "March",
      "May",    "June",   "July",    "October",   "December", "Mar",      "Oct",      "Dec"};
  return kSet;
}

using AbbrevMap = std::unordered_map<std::string, AbbrevKind>;

void AddAbbrevs(AbbrevMap& map, const AbbrevList& list) {
  auto add = [&](std::string_view words, AbbrevKind kind) {
    size_t pos = 0;
    while (pos < words.size()) {
      size_t space = words.find(' ', pos);
      if (space == std::string_view::npos) space = words.size();
      if (space > pos) map.emplace(std::string(words.substr(pos, space - pos)), kind);
      pos = space + 1;
    }
  };
  add(list.never, AbbrevKind::kNever);
  add(list.maybe_final, AbbrevKind::kMaybeFinal);
}

const AbbrevMap& AbbrevFor(std::string_view lang) {
  static const AbbrevMap kDe = [] {
    AbbrevMap m;
    AddAbbrevs(m, kShared);
    AddAbbrevs(m, kGerman);
    return m;
  }();
  static const AbbrevMap kEn = [] {
    AbbrevMap m;
    AddAbbrevs(m, kShared);
    AddAbbrevs(m, kEnglish);
    return m;
  }();
  static const AbbrevMap kBoth = [] {
    AbbrevMap m;
    AddAbbrevs(m, kShared);
    AddAbbrevs(m, kGerman);
    AddAbbrevs(m, kEnglish);
    return m;
  }();
  if (lang == "de") return kDe;
  if (lang == "en") return kEn;
  return kBoth;
}

// Looks a word up; a capitalised form also matches a lower-case entry ("Vgl." = "vgl.").
const AbbrevKind* LookupAbbrev(const AbbrevMap& map, const std::string& word) {
  auto it = map.find(word);
  if (it != map.end()) return &it->second;
  if (!word.empty() && word[0] >= 'A' && word[0] <= 'Z') {
    std::string lower = word;
    lower[0] = static_cast<char>(lower[0] - 'A' + 'a');
    it = map.find(lower);
    if (it != map.end()) return &it->second;
  }
  return nullptr;
}

bool IsSpace(char32_t cp) { return cp == ' ' || cp == '\t' || cp == '\n' || u_isUWhiteSpace(cp); }
bool IsTerminator(char32_t cp) { return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026; }
bool IsCloser(char32_t cp) {
  switch (cp) {
    case '"':
    case '\'':
    case ')':
    case ']':
    case '}':
    case 0x201C:
    case 0x201D:
    case 0x2018:
    case 0x2019:
    case 0x00BB:
    case 0x00AB:
    case 0x203A:
    case 0x2039:
      return true;
    default:
      return false;
  }
}
bool IsOpener(char32_t cp) {
  switch (cp) {
    case '"':
    case '\'':
    case '(':
    case '[':
    case 0x201E:
    case 0x201C:
    case 0x201A:
    case 0x2018:
    case 0x00BB:
    case 0x00AB:
    case 0x203A:
    case 0x2039:
      return true;
    default:
      return false;
  }
}

// Decodes the code point that ends at byte `end` (exclusive); sets *begin.
char32_t DecodeBefore(std::string_view s, size_t end, size_t* begin) {
  size_t b = end - 1;
  size_t steps = 0;
  while (b > 0 && steps < 3 && (static_cast<unsigned char>(s[b]) & 0xC0) == 0x80) {
    --b;
    ++steps;
  }
  size_t len = 0;
  char32_t cp = DecodeUtf8(s, b, &len);
  if (b + len != end) {  // not a clean sequence: treat the last byte alone
    *begin = end - 1;
    return 0xFFFD;
  }
  *begin = b;
  return cp;
}

constexpr size_t kMaxWord = 64;  // bytes looked at before/after a boundary candidate

class Splitter {
 public:
  Splitter(std::string_view text, std::string_view lang)
      : text_(text), lang_(lang), abbrevs_(AbbrevFor(lang)) {}

  void Paragraph(size_t begin, size_t end) {
    size_t count_before = out_.size();
    size_t start = begin;
    size_t i = begin;
    while (i < end) {
      // Fast skip: a terminator starts with '.', '!', '?' or 0xE2 (U+2026).
      unsigned char byte = static_cast<unsigned char>(text_[i]);
      if (byte != '.' && byte != '!' && byte != '?' && byte != 0xE2) {
        ++i;
        continue;
      }
      size_t len = 0;
      char32_t cp = DecodeUtf8(text_, i, &len);
      if (!IsTerminator(cp)) {
        i += len;
        continue;
      }
      size_t run_begin = i;
      bool question_or_bang = false;
      bool ellipsis = cp == 0x2026;
      size_t dots = 0;
      size_t j = i;
      while (j < end) {
        char32_t c = DecodeUtf8(text_, j, &len);
        if (!IsTerminator(c)) break;
        if (c == '!' || c == '?') question_or_bang = true;
        if (c == '.') ++dots;
        if (c == 0x2026) ellipsis = true;
        j += len;
      }
      if (dots >= 2) ellipsis = true;
      size_t k = j;
      bool closed = false;
      while (k < end) {
        char32_t c = DecodeUtf8(text_, k, &len);
        if (!IsCloser(c)) break;
        closed = true;
        k += len;
      }
      if (k >= end) break;
      char32_t after = DecodeUtf8(text_, k, &len);
      if (!IsSpace(after)) {
        i = k;
        continue;
      }
      size_t m = k;
      while (m < end) {
        char32_t c = DecodeUtf8(text_, m, &len);
        if (!IsSpace(c)) break;
        m += len;
      }
      if (m >= end) break;
      Candidate cand{begin, run_begin, j, closed, question_or_bang, ellipsis, m};
      if (IsBoundary(cand)) {
        Emit(start, k);
        start = m;
      }
      i = m;
    }
    Emit(start, end);
    if (out_.size() > count_before) ++paragraph_;
  }

  std::vector<Sentence> Take() { return std::move(out_); }

 private:
  struct Candidate {
    size_t paragraph_begin;
    size_t run_begin;  // first terminator
    size_t run_end;    // after the last terminator
    bool closed;       // closing quote/bracket right after the terminators
    bool question_or_bang;
    bool ellipsis;
    size_t next;  // first non-space byte after the candidate
  };

  enum class Next { kLower, kUpper, kDigit, kNoStart, kOther };

  void Emit(size_t begin, size_t end) {
    while (begin < end) {
      size_t len = 0;
      char32_t c = DecodeUtf8(text_, begin, &len);
      if (!IsSpace(c)) break;
      begin += len;
    }
    while (end > begin) {
      size_t b = 0;
      char32_t c = DecodeBefore(text_, end, &b);
      if (!IsSpace(c)) break;
      end = b;
    }
    if (end <= begin) return;
    Sentence s;
    s.span = Span{begin, end};
    s.paragraph = paragraph_;
    s.index = static_cast<int>(out_.size());
    out_.push_back(s);
  }

  // Classifies what follows the candidate and extracts the next word (letters only).
  Next Following(size_t pos, std::string* word) const {
    size_t len = 0;
    size_t end = text_.size();
    char32_t c = DecodeUtf8(text_, pos, &len);
    while (IsOpener(c) && pos + len < end) {
      pos += len;
      c = DecodeUtf8(text_, pos, &len);
    }
    size_t p = pos;
    while (p < end && p - pos < kMaxWord) {
      size_t l = 0;
      char32_t w = DecodeUtf8(text_, p, &l);
      if (!u_isalpha(w)) break;
      word->append(text_.substr(p, l));
      p += l;
    }
    if (u_islower(c)) return Next::kLower;
    if (u_isupper(c) || u_istitle(c)) return Next::kUpper;
    if (u_isdigit(c)) return Next::kDigit;
    switch (c) {
      case ',':
      case ';':
      case ':':
      case '-':
      case 0x2013:
      case 0x2014:
      case ')':
      case ']':
      case '.':
      case '/':
        return Next::kNoStart;
      default:
        return u_isalpha(c) ? Next::kUpper : Next::kOther;
    }
  }

  // The whitespace-delimited word ending right before `end`, without leading openers;
  // `*complete` is false when the word was longer than the look-behind.
  std::string WordBefore(size_t paragraph_begin, size_t end, size_t* word_begin) const {
    size_t b = end;
    while (b > paragraph_begin && end - b < kMaxWord) {
      size_t prev = 0;
      char32_t c = DecodeBefore(text_, b, &prev);
      if (IsSpace(c)) break;
      b = prev;
    }
    size_t len = 0;
    while (b < end) {
      char32_t c = DecodeUtf8(text_, b, &len);
      if (!IsOpener(c)) break;
      b += len;
    }
    *word_begin = b;
    return std::string(text_.substr(b, end - b));
  }

  bool AllDigits(const std::string& w) const {
    if (w.empty()) return false;
    for (char c : w) {
      if (c < '0' || c > '9') return false;
    }
    return true;
  }

  static bool IsSingleLetter(const std::string& w) {
    if (w.empty()) return false;
    size_t len = 0;
    char32_t c = DecodeUtf8(w, 0, &len);
    return len == w.size() && u_isalpha(c);
  }

  // Joins a chain of single-letter abbreviations ending with `last` ("z. B" -> "z.B").
  std::string SingleLetterChain(size_t paragraph_begin, size_t word_begin,
                                const std::string& last) const {
    std::string chain = last;
    size_t pos = word_begin;
    for (int n = 0; n < 4; ++n) {
      // expect: <letter> '.' <spaces> before pos
      size_t b = pos;
      while (b > paragraph_begin) {
        size_t prev = 0;
        char32_t c = DecodeBefore(text_, b, &prev);
        if (!IsSpace(c)) break;
        b = prev;
      }
      if (b == pos || b <= paragraph_begin || text_[b - 1] != '.') break;
      size_t wb = 0;
      std::string w = WordBefore(paragraph_begin, b - 1, &wb);
      if (!IsSingleLetter(w)) break;
      chain = w + "." + chain;
      pos = wb;
    }
    return chain;
  }

  bool IsStarter(const std::string& word) const { return Starters().count(word) > 0; }

  bool IsBoundary(const Candidate& c) const {
    std::string next_word;
    Next next = Following(c.next, &next_word);
    if (next == Next::kLower || next == Next::kNoStart) return false;
    bool starter = IsStarter(next_word);
    bool upper_or_other = next != Next::kLower && next != Next::kNoStart;

    if (c.question_or_bang) return upper_or_other;

    if (c.ellipsis) {
      // "… " after a space or bracket marks an omission, not an end.
      if (c.run_begin == c.paragraph_begin) return false;
      size_t pb = 0;
      char32_t before = DecodeBefore(text_, c.run_begin, &pb);
      if (IsSpace(before) || before == '(' || before == '[') return false;
      if (c.closed || starter) return true;
      return lang_ == "en" && next == Next::kUpper;
    }

    if (c.closed) return upper_or_other;

    size_t word_begin = 0;
    std::string word = WordBefore(c.paragraph_begin, c.run_begin, &word_begin);
    if (word.empty()) return upper_or_other;

    if (AllDigits(word)) {
      // German ordinals ("am 1. Januar", "des frühen 20. Jahrhunderts", "zum 3. Mal") are
      // followed by a capitalised noun, so a short number ends a sentence only before a
      // typical sentence starter ("stieg auf 20. Die ...").
      if (word.size() <= 3 && lang_ != "en") {
        if (next == Next::kDigit) return false;  // "5. 6. 2025"
        if (Months().count(next_word)) return false;
        return starter;
      }
      return upper_or_other;
    }

    if (const AbbrevKind* kind = LookupAbbrev(abbrevs_, word)) {
      return *kind == AbbrevKind::kMaybeFinal && starter;
    }
    // "Wien/St.", "Baden-Württ.": the part after the last '/' or '-'.
    if (size_t cut = word.find_last_of("/-"); cut != std::string::npos && cut + 1 < word.size()) {
      if (const AbbrevKind* kind = LookupAbbrev(abbrevs_, word.substr(cut + 1))) {
        return *kind == AbbrevKind::kMaybeFinal && starter;
      }
    }

    if (IsSingleLetter(word)) {
      std::string chain = SingleLetterChain(c.paragraph_begin, word_begin, word);
      if (chain.size() > word.size()) {
        if (const AbbrevKind* kind = LookupAbbrev(abbrevs_, chain)) {
          return *kind == AbbrevKind::kMaybeFinal && starter;
        }
      }
      size_t len = 0;
      char32_t letter = DecodeUtf8(word, 0, &len);
      // An initial ("J. F. Kennedy", "Plan B.") ends a sentence only before a starter.
      return u_isupper(letter) && starter;
    }

    // Dotted acronyms not in the lists ("U.S.A.", "a.a.O."): like "U.S.".
    if (word.find('.') != std::string::npos) {
      bool acronym = true;
      for (size_t p = 0; p < word.size(); ++p) {
        bool dot_pos = p % 2 == 1;
        unsigned char ch = static_cast<unsigned char>(word[p]);
        if (dot_pos ? ch != '.' : !((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z')) {
          acronym = false;
          break;
        }
      }
      if (acronym) return starter;
    }
    return upper_or_other;
  }

  std::string_view text_;
  std::string_view lang_;
  const AbbrevMap& abbrevs_;
  std::vector<Sentence> out_;
  int paragraph_ = 0;
};

bool IsBlankLine(std::string_view line) {
  for (char c : line) {
    if (c != ' ' && c != '\t' && c != '\r' && c != '\f' && c != '\v') return false;
  }
  return true;
}

}  // namespace

std::vector<Sentence> SplitSentences(std::string_view text, std::string_view lang) {
  // Pass 1: does the text separate paragraphs by blank lines?
  bool has_blank_line = false;
  {
    bool seen_text = false;
    size_t pos = 0;
    while (pos <= text.size()) {
      size_t nl = text.find('\n', pos);
      size_t end = nl == std::string_view::npos ? text.size() : nl;
      bool blank = IsBlankLine(text.substr(pos, end - pos));
      if (!blank) {
        seen_text = true;
      } else if (seen_text && nl != std::string_view::npos) {
        has_blank_line = true;
        break;
      }
      if (nl == std::string_view::npos) break;
      pos = nl + 1;
    }
  }

  Splitter splitter(text, lang);
  size_t pos = 0;
  size_t para_begin = std::string_view::npos;
  size_t para_end = 0;
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    size_t end = nl == std::string_view::npos ? text.size() : nl;
    bool blank = IsBlankLine(text.substr(pos, end - pos));
    if (!blank) {
      if (!has_blank_line) {
        splitter.Paragraph(pos, end);
      } else {
        if (para_begin == std::string_view::npos) para_begin = pos;
        para_end = end;
      }
    } else if (para_begin != std::string_view::npos) {
      splitter.Paragraph(para_begin, para_end);
      para_begin = std::string_view::npos;
    }
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  if (para_begin != std::string_view::npos) splitter.Paragraph(para_begin, para_end);
  return splitter.Take();
}

}  // namespace claimtrack::text
