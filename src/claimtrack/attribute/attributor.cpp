// Attribution of claims to speakers. One linear pass per article:
//  1. quote spans over the whole text („…“ »…« «…» “…” "…", also over paragraphs when the
//     next paragraph re-opens the quote);
//  2. per sentence, in order: tokens, mentions of table speakers, reporting cues
//     (reporting verb + subject, laut/zufolge/nach Angaben/wie … mitteilte/so X, according
//     to, said X, X's office said) whose subjects are resolved at once against what came
//     before (pronoun and role carry-over need the order);
//  3. quotes get the cue right before or after them;
//  4. each claim is decided: quote > same-sentence cue > Konjunktiv continuation >
//     the paragraph rule > narrator. See docs/speakers.md for the rules and confidences.
// Work per sentence is bounded (fixed windows, bounded look-back), so an article costs
// O(length); nothing is shared between calls, so Attribute() is thread-safe.

#include "claimtrack/attribute/attributor.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>

#include "claimtrack/attribute/acronyms.h"
#include "claimtrack/attribute/german_cues.h"
#include "claimtrack/attribute/lexicon.h"
#include "claimtrack/attribute/speaker_table.h"
#include "claimtrack/attribute/tokens.h"
#include "claimtrack/base/utf8.h"

namespace claimtrack::attribute {

namespace {

// Confidence scale (docs/speakers.md).
constexpr double kQuoteNamed = 0.95;
constexpr double kQuoteTitle = 0.9;
constexpr double kQuoteIndirect = 0.85;
constexpr double kReportedNamed = 0.9;
constexpr double kReportedTitle = 0.85;
constexpr double kReportedIndirect = 0.75;
constexpr double kKonjunktivPenalty = 0.15;
constexpr double kUnattributedQuote = 0.5;
constexpr double kQuoteMention = 0.4;
constexpr double kParagraphRule = 0.4;
constexpr double kNarrator = 0.6;
constexpr size_t kMaxLookBack = 64;
constexpr int kParagraphWindow = 2;    // paragraph rule: cues at most this many sentences away
constexpr size_t kMaxAliasTokens = 6;  // longest alias matched in the text, in words  // speakers
                                       // searched for a pronoun/role antecedent

struct Who {
  std::string id;
  std::string name;
  std::string kind;
  std::string gender;
  const SpeakerEntry* entry = nullptr;
  bool ok() const { return !id.empty(); }
};

// kDescription: a definite description of a body ("the company", "der Konzern") resolved
// to the last organisation named before it.
enum class NpKind { kPronoun, kNamed, kTitle, kRole, kUnnamed, kDescription };

struct Np {
  size_t tb = 0, te = 0;  // token range [tb, te)
  NpKind kind = NpKind::kNamed;
  Who who;                // resolved speaker (empty when unresolved)
  std::string role_stem;  // role noun seen in the phrase (for carry-over and memory)
};

enum class CueType { kVerb, kAccording, kQuoteClause };

struct Cue {
  Span span;
  CueType type = CueType::kVerb;
  Who who;
  NpKind np_kind = NpKind::kNamed;
  int sentence = 0;
  int paragraph = 0;
  bool quote_clause = false;  // the clause of a direct quote (does not spread in its paragraph)
  bool resolved() const { return who.ok(); }
  double BaseConfidence(bool quote) const {
    if (np_kind == NpKind::kPronoun || np_kind == NpKind::kRole || np_kind == NpKind::kDescription)
      return quote ? kQuoteIndirect : kReportedIndirect;
    if (np_kind == NpKind::kTitle) return quote ? kQuoteTitle : kReportedTitle;
    return quote ? kQuoteNamed : kReportedNamed;
  }
};

struct Quote {
  Span span;  // including the quote marks
  int paragraph = 0;
  int cue = -1;  // index into cues
};

struct SentenceInfo {
  int first_cue = 0, end_cue = 0;  // cues of this sentence [first, end)
  int continuation = -1;           // Konjunktiv: cue index carried from an earlier sentence
  int back_cue = -1;               // "Dies teilte X mit": cue naming earlier sentences' speaker
  int back_reach = 0;              // ... how many sentences back it reaches
};

struct Remembered {
  Who who;
  size_t pos = 0;
  int paragraph = 0;
};

}  // namespace

struct Attributor::Impl {
  std::shared_ptr<const SpeakerTable> table;
  Lexicon lex;
};

namespace {

// State for one Attribute() call.
class Run {
 public:
  Run(const Lexicon& lex, const SpeakerTable* table, const Article& article,
      const std::vector<Sentence>& sentences)
      : lex_(lex), table_(table), article_(article), text_(article.text), sentences_(sentences) {}

  void Analyse() {
    FindQuotes();
    for (const auto& q : quotes_) quote_ends_.insert(q.span.end);
    info_.resize(sentences_.size());
    int last_report_cue = -1;
    for (size_t si = 0; si < sentences_.size(); ++si) {
      const Sentence& s = sentences_[si];
      if (s.span.end > text_.size() || s.span.begin > s.span.end) continue;
      info_[si].first_cue = static_cast<int>(cues_.size());
      AnalyseSentence(static_cast<int>(si));
      info_[si].end_cue = static_cast<int>(cues_.size());
      NoteBackReference(static_cast<int>(si));
      bool has_resolved = false;
      for (int c = info_[si].first_cue; c < info_[si].end_cue; ++c) {
        if (cues_[c].resolved()) {
          has_resolved = true;
          last_report_cue = c;
        }
      }
      if (!has_resolved && info_[si].first_cue != info_[si].end_cue)
        last_report_cue = info_[si].end_cue - 1;
      if (info_[si].first_cue == info_[si].end_cue && last_report_cue >= 0 &&
          cues_[last_report_cue].paragraph == s.paragraph &&
          (HasKonjunktiv() ||
           (cues_[last_report_cue].sentence == static_cast<int>(si) - 1 && HasBackshift()))) {
        info_[si].continuation = last_report_cue;
      }
    }
    for (size_t c = 0; c < cues_.size(); ++c) {
      const Cue& cue = cues_[c];
      if (cue.resolved()) paragraph_speakers_[cue.paragraph].insert(cue.who.id);
      auto& r = paragraph_cues_.try_emplace(cue.paragraph, static_cast<int>(c), static_cast<int>(c))
                    .first->second;
      r.second = static_cast<int>(c) + 1;
    }
    AssignQuoteCues();
  }

  void Decide(Claim& claim) const {
    Attribution a;
    int si = SentenceOf(claim);
    Span fig = claim.quantity.span;
    if (si < 0) {
      claim.attribution = a;
      return;
    }
    const Sentence& s = sentences_[si];
    // 1. Inside a direct quote.
    const Quote* q = QuoteAt(fig);
    if (q != nullptr) {
      if (q->cue >= 0) {
        const Cue& c = cues_[q->cue];
        if (c.resolved()) {
          Fill(a, c.who, AttributionMethod::kQuote, c.BaseConfidence(true), c.span);
        } else {
          Fill(a, Who{}, AttributionMethod::kNone, 0.0, c.span);
        }
        claim.attribution = a;
        return;
      }
      // A quote without its own reporting clause: the speaker of its paragraph.
      if (const Who* w = ParagraphSpeakerBefore(s.paragraph, q->span.begin)) {
        Fill(a, *w, AttributionMethod::kCarryover, kUnattributedQuote, Span{});
        claim.attribution = a;
        return;
      }
      if (const Who* w = LastMentionInParagraph(q->paragraph, q->span.begin)) {
        Fill(a, *w, AttributionMethod::kCarryover, kQuoteMention, Span{});
        claim.attribution = a;
        return;
      }
    }
    // 2. A cue in the same sentence (nearest to the figure; cues inside other quotes skip).
    const Cue* before = nullptr;
    const Cue* after = nullptr;
    const Cue* inside = nullptr;
    for (int c = info_[si].first_cue; c < info_[si].end_cue; ++c) {
      const Cue& cue = cues_[c];
      if (cue.type == CueType::kQuoteClause && q == nullptr) continue;
      const Quote* cq = QuoteAt(cue.span);
      if (cq != nullptr && cq != q) continue;
      if (cue.span.end <= fig.begin) {
        before = &cue;
      } else if (fig.end <= cue.span.begin) {
        if (after == nullptr) after = &cue;
      } else if (inside == nullptr) {
        inside = &cue;
      }
    }
    const Cue* best = inside;
    if (best == nullptr) {
      if (before && after) {
        // "X said ..., while Y claimed ...": a cue after the figure that opens a new clause
        // does not reach back over the clause boundary.
        best = NewClauseBetween(fig.end, after->span.begin)                    ? before
               : (fig.begin - before->span.end <= after->span.begin - fig.end) ? before
                                                                               : after;
      } else {
        best = before ? before : after;
      }
    }
    if (best != nullptr) {
      if (best->resolved()) {
        Fill(a, best->who,
             best->np_kind == NpKind::kDescription ? AttributionMethod::kCarryover
                                                   : AttributionMethod::kReported,
             best->BaseConfidence(false), best->span);
      } else {
        Fill(a, Who{}, AttributionMethod::kNone, 0.0, best->span);
      }
      claim.attribution = a;
      return;
    }
    // 3. Konjunktiv I/II after a reporting clause earlier in the paragraph.
    if (info_[si].continuation >= 0) {
      const Cue& c = cues_[info_[si].continuation];
      Fill(a, c.resolved() ? c.who : Who{}, AttributionMethod::kReported,
           c.BaseConfidence(false) - kKonjunktivPenalty, c.span);
      claim.attribution = a;
      return;
    }
    // 3b. "… 14 Tote. Dies teilte die Polizei mit.": a back reference in a following
    //     sentence of the paragraph, over sentences without cues.
    for (int d = 1; d <= 3 && si + d < static_cast<int>(sentences_.size()); ++d) {
      int t = si + d;
      if (sentences_[t].paragraph != s.paragraph) break;
      if (info_[t].back_cue >= 0 && info_[t].back_reach >= d) {
        const Cue& c = cues_[info_[t].back_cue];
        Fill(a, c.resolved() ? c.who : Who{}, AttributionMethod::kReported,
             c.BaseConfidence(false) - kKonjunktivPenalty, c.span);
        claim.attribution = a;
        return;
      }
      if (info_[t].first_cue != info_[t].end_cue) break;
    }
    // 4. The paragraph rule: one reported speaker -> carry-over; several -> unknown;
    //    none -> the article itself (narrator).
    //    Only cues near the sentence count (kParagraphWindow sentences), and not the clauses
    //    of direct quotes: a quoted analyst does not own the narrative around the quote.
    std::set<std::string> near;
    const Cue* near_cue = nullptr;
    bool near_unresolved = false;
    auto pc = paragraph_cues_.find(s.paragraph);
    if (pc != paragraph_cues_.end()) {
      for (int c = pc->second.first; c < pc->second.second; ++c) {
        const Cue& cue = cues_[c];
        if (cue.quote_clause || std::abs(cue.sentence - si) > kParagraphWindow) continue;
        if (cue.resolved()) {
          near.insert(cue.who.id);
          near_cue = &cue;
        } else {
          near_unresolved = true;
        }
      }
    }
    // A statement carries over only where the text says it goes on: the sentence before
    // ends with a colon ("Er nannte Zahlen: ...") after that speaker's cue. Anything else
    // without a cue is the narrator's (../shared/docs/checkable-figures.md: "do not hand a
    // narrator's figure to the last person quoted").
    if (near.size() == 1 && !near_unresolved &&
        ((near_cue->sentence == si - 1 && PreviousSentenceEndsWithColon(si)) ||
         ColonBefore(s, fig.begin, near_cue->who))) {
      Fill(a, near_cue->who, AttributionMethod::kCarryover, kParagraphRule, Span{});
      claim.attribution = a;
      return;
    }
    if (!near.empty() || near_unresolved) near.clear(), near_unresolved = false;
    if (near.empty() && !near_unresolved && q == nullptr) {
      Who narrator;
      std::string who = !article_.outlet.empty() ? article_.outlet : article_.author;
      narrator.id = "narrator:" + (who.empty() ? std::string("unknown") : who);
      narrator.name = who;
      narrator.kind = who.empty() ? "" : (!article_.outlet.empty() ? "organisation" : "person");
      Fill(a, narrator, AttributionMethod::kNarrator, kNarrator, Span{});
    }
    claim.attribution = a;
  }

 private:
  // "sieht er die Mitgliedstaaten in der Pflicht: Die zugesagten fünf Milliarden …": a
  // colon earlier in the figure's own sentence opens what the speaker says.
  // The clause before the colon must point at the speaker (a pronoun or the speaker's
  // name): "wie die Zahlen zeigen: 111 Personen starben" is the narrator's.
  bool ColonBefore(const Sentence& s, size_t pos, const Who& who) const {
    size_t end = std::min(pos, text_.size());
    for (size_t i = s.span.begin; i < end; ++i) {
      if (text_[i] != ':' || i + 1 >= text_.size() || text_[i + 1] != ' ') continue;
      std::string before = " " + LowerUtf8(text_.substr(s.span.begin, i - s.span.begin)) + " ";
      for (char& c : before) {
        if (c == ',' || c == ';' || c == '.' || c == '(' || c == ')') c = ' ';
      }
      for (const char* p : {" er ", " sie ", " he ", " she ", " they ", " ihm ", " ihr "}) {
        if (before.find(p) != std::string::npos) return true;
      }
      std::string name = LowerUtf8(who.name);
      size_t last = name.rfind(' ');
      std::string surname = last == std::string::npos ? name : name.substr(last + 1);
      if (surname.size() >= 3 && before.find(" " + surname + " ") != std::string::npos) return true;
      return false;
    }
    return false;
  }

  bool PreviousSentenceEndsWithColon(int si) const {
    if (si <= 0) return false;
    const Sentence& p = sentences_[si - 1];
    size_t e = std::min(p.span.end, text_.size());
    while (e > p.span.begin && (text_[e - 1] == ' ' || text_[e - 1] == '\n')) --e;
    return e > p.span.begin && text_[e - 1] == ':';
  }

  bool NewClauseBetween(size_t b, size_t e) const {
    std::string gap = " " + LowerUtf8(std::string_view(text_).substr(b, e - b)) + " ";
    for (const char* w : {" while ", " whereas ", " während ", " wohingegen ", " and ", " und ",
                          " but ", " aber ", " sowie ", ";"}) {
      if (gap.find(w) != std::string::npos) return true;
    }
    return false;
  }

  // ---- quotes -------------------------------------------------------------------------
  void FindQuotes() {
    // Paragraph spans from the sentences.
    std::vector<std::pair<Span, int>> paras;
    for (const auto& s : sentences_) {
      if (s.span.end > text_.size() || s.span.begin > s.span.end) continue;
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
    for (size_t p = 0; p < paras.size(); ++p) {
      Span ps = paras[p].first;
      if (open) {
        // A quote left open at a paragraph end continues only if this paragraph re-opens it.
        size_t len = 1;
        char32_t first = ps.begin < text_.size() ? DecodeUtf8(text_, ps.begin, &len) : 0;
        if (first != opener) open = false;
      }
      size_t i = ps.begin;
      bool reopened = open;
      while (i < ps.end) {
        size_t len = 1;
        char32_t cp = DecodeUtf8(text_, i, &len);
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
          bool closes = false;
          switch (opener) {
            case 0x201E:
              closes = cp == 0x201C || cp == 0x201D || cp == '"';
              break;
            case 0x201C:
              closes = cp == 0x201D;  // a second “ continues the quote (next paragraph style)
              break;
            case 0x201D:
              closes = cp == 0x201D;
              break;
            case 0xBB:
              closes = cp == 0xAB;
              break;
            case 0xAB:
              closes = cp == 0xBB;
              break;
            case '"':
              // An opening-shaped " (space before, text after) inside an open quote is the
              // re-opening of a quote that runs on; only a closing-shaped one closes.
              closes = cp == '"' && !StraightOpensAt(i);
              break;
          }
          if (closes) {
            quotes_.push_back(Quote{Span{open_pos, i + len}, open_para, -1});
            open = false;
          }
        } else {
          bool opens = true;
          if (cp == '"' && i > 0) {  // 12" (inches) is no quote
            size_t pl = 1;
            size_t pb = i;
            do {
              --pb;
            } while (pb > 0 && (static_cast<unsigned char>(text_[pb]) & 0xC0) == 0x80);
            char32_t prev = DecodeUtf8(text_, pb, &pl);
            opens = !IsWordCp(prev) || prev == 0;
          }
          if (opens) {
            open = true;
            open_pos = i;
            open_para = paras[p].second;
            opener = cp;
          }
        }
        i += len;
      }
    }
  }

  // A straight quote at byte i looks like an opening one: start of text or a space/bracket
  // before it, and a non-space after it.
  bool StraightOpensAt(size_t i) const {
    bool space_before = true;
    if (i > 0) {
      size_t pb = i;
      do {
        --pb;
      } while (pb > 0 && (static_cast<unsigned char>(text_[pb]) & 0xC0) == 0x80);
      size_t pl = 1;
      char32_t prev = DecodeUtf8(text_, pb, &pl);
      space_before = IsSpaceCp(prev) || prev == '(' || prev == '[';
    }
    bool text_after = false;
    if (i + 1 < text_.size()) {
      size_t nl = 1;
      char32_t next = DecodeUtf8(text_, i + 1, &nl);
      text_after = !IsSpaceCp(next);
    }
    return space_before && text_after;
  }

  const Quote* QuoteAt(Span s) const {
    auto it = std::upper_bound(quotes_.begin(), quotes_.end(), s.begin,
                               [](size_t pos, const Quote& q) { return pos < q.span.begin; });
    if (it == quotes_.begin()) return nullptr;
    --it;
    if (it->span.begin <= s.begin && s.end <= it->span.end && !(s.begin == it->span.begin))
      return &*it;
    return nullptr;
  }

  static bool GapIsPunct(std::string_view gap) {
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

  // '"… weeks." She said …': a quote closed after a full stop ends its sentence, so the
  // next sentence's cue is not its clause ("Why?" he asked: a lower-case cue still is).
  bool QuoteEndsSentence(const Quote& q, const Cue& cue) const {
    size_t k = q.span.end;
    // Step back over the closing mark.
    do {
      --k;
    } while (k > q.span.begin && (static_cast<unsigned char>(text_[k]) & 0xC0) == 0x80);
    if (k == q.span.begin) return false;
    char last = text_[k - 1];
    if (last == '.') return true;
    if (last == '?' || last == '!') {
      size_t l = 1;
      char32_t c = DecodeUtf8(text_, cue.span.begin, &l);
      std::string one;
      AppendUtf8(one, c);
      return LowerUtf8(one) != one;  // capitalised: a new sentence
    }
    return false;
  }

  void AssignQuoteCues() {
    // Cues are in text order; for each quote take the first cue right after it, else the
    // last cue right before it (same paragraph).
    for (size_t qi = 0; qi < quotes_.size(); ++qi) {
      Quote& q = quotes_[qi];
      size_t next_quote = qi + 1 < quotes_.size() ? quotes_[qi + 1].span.begin : text_.size();
      auto it = std::lower_bound(cues_.begin(), cues_.end(), q.span.end,
                                 [](const Cue& c, size_t pos) { return c.span.begin < pos; });
      if (it != cues_.end() && it->span.begin < next_quote && it->paragraph == q.paragraph &&
          !QuoteEndsSentence(q, *it) && it->span.begin - q.span.end <= 12 &&
          GapIsPunct(std::string_view(text_).substr(q.span.end, it->span.begin - q.span.end))) {
        q.cue = static_cast<int>(it - cues_.begin());
        it->quote_clause = true;
        continue;
      }
      // Before: the last cue ending before the quote.
      auto bt = std::lower_bound(cues_.begin(), cues_.end(), q.span.begin,
                                 [](const Cue& c, size_t pos) { return c.span.begin < pos; });
      while (bt != cues_.begin()) {
        --bt;
        if (bt->span.end > q.span.begin) continue;
        if (bt->paragraph != q.paragraph) break;
        size_t prev_quote_end = qi > 0 ? quotes_[qi - 1].span.end : 0;
        if (bt->span.begin < prev_quote_end) break;
        std::string_view gap =
            std::string_view(text_).substr(bt->span.end, q.span.begin - bt->span.end);
        size_t last = gap.find_last_not_of(" \t\r\n");
        bool colon = last != std::string_view::npos && gap[last] == ':';
        if (GapIsPunct(gap) || (colon && gap.size() <= 120)) {
          q.cue = static_cast<int>(bt - cues_.begin());
          bt->quote_clause = true;
        }
        break;
      }
    }
  }

  // ---- sentences ----------------------------------------------------------------------
  // "Dies teilte die Polizei mit", "Diese Zahlen nannte das Amt": the sentence's first cue
  // names the speaker of what came before (german_cues.h).
  void NoteBackReference(int si) {
    if (article_.lang == "en" || info_[si].first_cue == info_[si].end_cue) return;
    const Cue& c = cues_[info_[si].first_cue];
    for (size_t k = 0; k < toks_.size() && k < 4; ++k) {
      if (toks_[k].b != c.span.begin) continue;
      int reach = BackReferenceReach(toks_, k);
      if (reach > 0) {
        info_[si].back_cue = info_[si].first_cue;
        info_[si].back_reach = reach;
      }
      return;
    }
  }

  // English reported speech goes on in the next sentence with a backshifted modal: "Mr Grant
  // said the plan would save £12bn. Under the plan, councils would keep a 1% share."
  bool HasBackshift() const {
    for (const auto& t : toks_) {
      if (t.word && (t.low == "would" || t.low == "could" || t.low == "might")) return true;
    }
    return false;
  }

  bool HasKonjunktiv() const {
    for (const auto& t : toks_) {
      if (t.word && lex_.konjunktiv.count(t.low)) return true;
    }
    return false;
  }

  void AnalyseSentence(int si) {
    const Sentence& s = sentences_[si];
    toks_ = Tokenize(text_, s.span.begin, s.span.end);
    alias_memo_.assign(toks_.size(), {});
    for (auto& t : toks_) {
      if (t.word) t.role = lex_.RoleStem(t.low, &t.role_female);
    }
    cur_sentence_ = si;
    cur_paragraph_ = s.paragraph;
    RecordIntroductions();
    RecordMentions();
    const size_t n = toks_.size();
    for (size_t i = 0; i < n; ++i) {
      const Tok& t = toks_[i];
      if (!t.word) {
        if (quote_ends_.count(t.e)) GenericAfterQuote(i);
        continue;
      }
      const std::string& w = t.low;
      if (w == "laut" || w == "gemäß") {
        size_t before = cues_.size();
        TryForward(i, i + 1, CueType::kAccording);
        if (cues_.size() == before && i + 1 < n) LautFallback(i);
      } else if (w == "according" && i + 1 < n && toks_[i + 1].low == "to") {
        TryForward(i, i + 2, CueType::kAccording);
      } else if (w == "zufolge" && i > 0) {
        if (auto np = BackwardNp(i, false)) {
          AddCue(toks_[np->tb].b, t.e, CueType::kAccording, *np);
        } else if (toks_[i - 1].word) {
          AddUnnamedCue(i - 1, i);  // "Afghanischen Behörden zufolge": reported all the same
        }
      } else if (w == "nach" && i + 1 < n) {
        size_t j = i + 1;
        // "nach ersten", "nach dem vorläufigen amtlichen"
        while (j < n && j < i + 4 && toks_[j].word && !toks_[j].cap) ++j;
        if (j < n && toks_[j].word && toks_[j].cap && IsNachSourceNoun(toks_[j].low, lex_)) {
          SourceNounCue(i, j);
        }
      } else if (w == "wie" && i + 1 < n) {
        WieClause(i);
      } else if (w == "so" && i > 0 && !toks_[i - 1].word &&
                 (toks_[i - 1].low == "," || toks_[i - 1].low == "\xE2\x80\x93" ||
                  toks_[i - 1].low == "\xE2\x80\x94")) {
        if (auto np = ParseNp(i + 1, n)) {
          static const std::set<std::string> kAfter = {
              "am",   "im", "an",  "in",  "auf", "bei", "gegenüber", "vor",
              "nach", "zu", "zum", "zur", "on",  "at",  "weiter",    "zuletzt"};
          if ((np->te == n || !toks_[np->te].word || kAfter.count(toks_[np->te].low)) &&
              np->kind != NpKind::kUnnamed)
            AddCue(t.b, toks_[np->te - 1].e, CueType::kAccording, *np);
        }
      } else if ((w == "heißt" || w == "hieß") && ImpersonalEs(toks_, i) != kNoTok) {
        ImpersonalCue(i);
      } else if (IsGehenForm(w) && HervorCue(i)) {
        // "Dies geht aus einer Mitteilung der Polizei hervor"
      } else if (lex_.IsVerb(w)) {
        VerbCue(i);
      }
    }
    // Keep cues ordered and without overlaps (the first found wins).
    auto first = cues_.begin() + info_[si].first_cue;
    std::stable_sort(first, cues_.end(),
                     [](const Cue& a, const Cue& b) { return a.span.begin < b.span.begin; });
    std::vector<Cue> kept;
    for (auto it = first; it != cues_.end(); ++it) {
      if (!kept.empty() && kept.back().span.Overlaps(it->span)) continue;
      kept.push_back(*it);
    }
    cues_.erase(first, cues_.end());
    cues_.insert(cues_.end(), kept.begin(), kept.end());
  }

  // "Mark Rutte", "Donald Trump": remember first name + surname so that a later bare
  // "Rutte" (not in the table) becomes name:Mark Rutte.
  void RecordIntroductions() {
    for (size_t i = 0; i + 1 < toks_.size(); ++i) {
      const Tok& a = toks_[i];
      const Tok& b = toks_[i + 1];
      if (!a.word || !b.word || !a.cap || !b.cap || a.possessive) continue;
      if (IsStop(a.low) || IsStop(b.low) || lex_.unnamed.count(a.low)) continue;
      // "Andere Quellen", "Offizielle Angaben": a source noun is no surname.
      if (lex_.IsSourceWord(b.low, false)) continue;
      if (!a.role.empty() || !b.role.empty()) continue;
      if (i + 2 < toks_.size() && toks_[i + 2].word && toks_[i + 2].cap &&
          !IsStop(toks_[i + 2].low))
        continue;  // three capitalised words: not a clear "First Last"
      if (IsAllCaps(a) || IsAllCaps(b)) continue;
      std::string full = std::string(text_.substr(a.b, a.e - a.b)) + " " +
                         std::string(text_.substr(b.b, b.name_e - b.b));
      intro_[b.low] = full;
    }
  }

  bool IsAllCaps(const Tok& t) const {
    std::string raw(text_.substr(t.b, t.name_e - t.b));
    return raw.size() >= 2 && LowerUtf8(raw) != raw &&
           std::none_of(raw.begin(), raw.end(), [](char c) { return c >= 'a' && c <= 'z'; });
  }

  // People named in the sentence (table aliases; role + name appositions such as
  // "Bildungsministerin Petra Hofer"), kept for pronoun/role carry-over and quotes.
  void RecordMentions() {
    for (size_t i = 0; i < toks_.size(); ++i) {
      if (!toks_[i].word || !toks_[i].cap) continue;
      size_t end = 0;
      if (const SpeakerEntry* e = MatchAlias(i, toks_.size(), &end)) {
        // A title after the alias ("NATO chief", "Kremlin spokesman") names a person.
        auto np = ParseNp(i, toks_.size());
        if (np && np->kind == NpKind::kTitle && np->te > end) {
          mentions_.push_back(Remembered{np->who, toks_[i].b, cur_paragraph_});
          i = np->te - 1;
          continue;
        }
        mentions_.push_back(Remembered{FromEntry(*e), toks_[i].b, cur_paragraph_});
        i = end - 1;
        continue;
      }
      bool fem = false;
      std::string stem = toks_[i].role;
      fem = toks_[i].role_female;
      if (stem.empty()) {
        if (toks_[i].cap && table_ != nullptr) {  // "der Kremlchef", "Bundeskanzler"
          auto np = ParseNp(i, toks_.size());
          if (np && np->kind == NpKind::kTitle) {
            mentions_.push_back(Remembered{np->who, toks_[i].b, cur_paragraph_});
            i = np->te - 1;
          }
        }
        continue;
      }
      size_t run = NameRun(i + 1, toks_.size());
      if (run == i + 1) continue;
      Who w = NameWho(i + 1, run, fem ? "f" : (toks_[i].cap ? "m" : ""));
      if (w.kind != "person") continue;
      roles_seen_[w.id].insert(stem);
      mentions_.push_back(Remembered{w, toks_[i + 1].b, cur_paragraph_});
      i = run - 1;
    }
  }

  // The last person mentioned in `paragraph` before `pos`.
  const Who* LastMentionInParagraph(int paragraph, size_t pos) const {
    auto it = std::lower_bound(mentions_.begin(), mentions_.end(), pos,
                               [](const Remembered& r, size_t p) { return r.pos < p; });
    if (it == mentions_.begin()) return nullptr;
    --it;
    for (size_t n = 0; n < kMaxLookBack; ++n, --it) {
      if (it->paragraph != paragraph) return nullptr;
      if (it->who.kind == "person") return &it->who;
      if (it == mentions_.begin()) break;
    }
    return nullptr;
  }

  bool IsStop(const std::string& low) const { return lex_.stop.count(low) > 0; }

  void TryForward(size_t cue_tok, size_t np_tok, CueType type) {
    if (auto np = ParseNp(np_tok, toks_.size())) {
      AddCue(toks_[cue_tok].b, toks_[np->te - 1].e, type, *np);
    }
  }

  static constexpr size_t kNoTok = static_cast<size_t>(-1);

  // A source noun at `head` after the cue word at `cue_tok` ("nach Angaben der Polizei",
  // "laut einer am Dienstag veröffentlichten Mitteilung des Amts"): its owner speaks;
  // without one the source is unnamed.
  void SourceNounCue(size_t cue_tok, size_t head) {
    const size_t n = toks_.size();
    size_t j = head + 1;
    // The owner is a genitive ("des Amts", "einer Firma") or follows "von"/"aus" ("Angaben
    // aus Kiew"); anything else after the noun belongs to the clause ("nach vorläufigen
    // Berechnungen die Höhe der Spenden").
    bool owner = j < n && (toks_[j].low == "des" || toks_[j].low == "der" ||
                           toks_[j].low == "eines" || toks_[j].low == "einer");
    if (j < n && (toks_[j].low == "von" || toks_[j].low == "vom" || toks_[j].low == "aus")) {
      owner = true;
      if (toks_[j].low != "vom") ++j;
    }
    // "nach Angaben Ibrahims": a name in the genitive after the noun.
    if (j < n && toks_[j].word && toks_[j].cap && toks_[j].low.ends_with("s") &&
        !IsStop(toks_[j].low) && !IsSource(j))
      owner = true;
    auto np = owner && j < n ? ParseNp(j, n) : std::nullopt;
    if (np && np->kind != NpKind::kPronoun) {
      AddCue(toks_[cue_tok].b, toks_[np->te - 1].e, CueType::kAccording, *np);
    } else {
      AddUnnamedCue(cue_tok, head);  // "nach ersten Angaben": a source without a name
    }
  }

  void AddUnnamedCue(size_t b, size_t last) {
    Np unnamed;
    unnamed.tb = b;
    unnamed.te = last + 1;
    unnamed.kind = NpKind::kUnnamed;
    AddCue(toks_[b].b, toks_[last].e, CueType::kAccording, unnamed);
  }

  // "laut" whose phrase is no noun phrase of ours: a news agency or an acronym ("laut BBC",
  // "laut WHO"), a source noun further on ("laut einer am Dienstag veröffentlichten
  // Pressemitteilung des WFP"), else a source without a name ("laut aktueller Statistik").
  // What follows "laut" is reported either way, never the narrator's.
  void LautFallback(size_t i) {
    const size_t n = toks_.size();
    const Tok& next = toks_[i + 1];
    if (!next.word) return;
    static const std::set<std::string> kAgencies = {"reuters", "dpa", "afp", "apa", "ap", "bbc"};
    if ((next.cap && IsAllCaps(next)) || kAgencies.count(next.low)) {
      Np np;
      np.tb = i + 1;
      np.te = i + 2;
      np.kind = NpKind::kNamed;
      np.who = NameWho(i + 1, i + 2, "");
      np.who.kind = "organisation";
      np.who.gender.clear();
      AddCue(toks_[i].b, next.e, CueType::kAccording, np);
      return;
    }
    for (size_t j = i + 1; j < n && j < i + 8 && toks_[j].word; ++j) {
      if (toks_[j].cap && IsNachSourceNoun(toks_[j].low, lex_)) {
        SourceNounCue(i, j);
        return;
      }
    }
    AddUnnamedCue(i, i + 1);
  }

  // "Im Bericht heißt es, …", "In einer Mitteilung der Polizei hieß es", "wie es hieß":
  // the source is the "in" phrase of the clause when it names a body or a person;
  // otherwise the statement is reported but its source unnamed.
  void ImpersonalCue(size_t i) {
    size_t es = ImpersonalEs(toks_, i);
    size_t b = std::min(i, es), e = std::max(i, es);
    // The "in" phrase opens the sentence ("Im Bericht heißt es") or follows "es" ("hieß es
    // in einer Mitteilung der Stadt").
    for (size_t k : {size_t{0}, e + 1}) {
      if (k + 1 >= toks_.size() || (toks_[k].low != "in" && toks_[k].low != "im" &&
                                    toks_[k].low != "bei" && toks_[k].low != "beim"))
        continue;
      size_t from = k + 1;
      auto np = ParseNp(from, toks_.size());
      if (np && np->kind != NpKind::kPronoun && np->kind != NpKind::kUnnamed &&
          (np->who.kind == "organisation" || np->who.entry != nullptr ||
           np->who.name.find(' ') != std::string::npos)) {
        np->tb = k;
        AddCue(toks_[std::min(k, b)].b, toks_[std::max(np->te - 1, e)].e, CueType::kAccording, *np);
        return;
      }
    }
    AddUnnamedCue(b, e);
  }

  // "Dies geht aus einer Pressemitteilung der Organisation hervor": the phrase after "aus"
  // is the source (with its owner, like "laut").
  bool HervorCue(size_t i) {
    size_t a = i + 1;
    while (a < toks_.size() && a < i + 4 && toks_[a].word && toks_[a].low != "aus") ++a;
    if (a >= toks_.size() || toks_[a].low != "aus") return false;
    size_t h = a + 1;
    while (h < toks_.size() && toks_[h].word && toks_[h].low != "hervor") ++h;
    if (h >= toks_.size() || toks_[h].low != "hervor") return false;
    auto np = ParseNp(a + 1, h);
    if (!np || np->kind == NpKind::kPronoun) return false;
    AddCue(toks_[i].b, toks_[np->te - 1].e, CueType::kAccording, *np);
    return true;
  }

  // "wie Rutte am Mittwoch mitteilte", "wie das Ministerium berichtete".
  void WieClause(size_t i) {
    auto np = ParseNp(i + 1, toks_.size());
    if (!np || np->kind == NpKind::kUnnamed) return;
    // The verb closes the clause, after an apposition maybe ("Wie Eva Roth, Sprecherin des
    // Amts, am Montag mitteilte"); a separable verb stands after its particle ("bekannt gab").
    bool in_apposition = false;
    size_t outside = 0;  // words outside the apposition: at most 8 before the verb
    for (size_t j = np->te; j < toks_.size() && j < np->te + 20; ++j) {
      if (!toks_[j].word) {
        if (toks_[j].low != ",") return;
        if (in_apposition) {
          in_apposition = false;
          continue;
        }
        if (j != np->te || j + 1 >= toks_.size() || !toks_[j + 1].cap) return;
        in_apposition = true;
        continue;
      }
      bool verb = lex_.verbs_de.count(toks_[j].low) || lex_.verbs_en.count(toks_[j].low);
      if (!verb && j > np->te) {
        auto sep = lex_.separable.find(toks_[j].low);
        if (sep != lex_.separable.end()) {
          for (const auto& p : sep->second) verb = verb || toks_[j - 1].low == p;
        }
      }
      if (verb) {
        AddCue(toks_[i].b, toks_[j].e, CueType::kVerb, *np);
        return;
      }
      if (!in_apposition && ++outside > 8) return;
    }
  }

  // '„…“, stellt er fest' / '»…«, meint sie': after a closing quote and a comma, any verb
  // followed by a speaker is a reporting clause.
  void GenericAfterQuote(size_t qi) {
    size_t j = qi + 1;
    if (j < toks_.size() && toks_[j].low == ",") ++j;
    if (j + 1 >= toks_.size()) return;
    const Tok& v = toks_[j];
    if (!v.word || v.cap || IsStop(v.low) || lex_.determiners.count(v.low) || lex_.IsVerb(v.low))
      return;
    auto np = ParseNp(j + 1, toks_.size());
    if (!np || np->kind == NpKind::kUnnamed || np->tb != j + 1) return;
    AddCue(v.b, toks_[np->te - 1].e, CueType::kQuoteClause, *np);
  }

  bool IsBoundary(size_t k_plus_1) const {  // is the token before index k_plus_1 a boundary?
    if (k_plus_1 == 0) return true;
    const Tok& t = toks_[k_plus_1 - 1];
    if (!t.word) return true;
    return lex_.boundary_words.count(t.low) > 0;
  }

  bool ParticleLater(size_t vi) const {
    auto it = lex_.separable.find(toks_[vi].low);
    if (it == lex_.separable.end()) return true;
    // "geht davon aus" is a report, "geht … aus" alone is not.
    bool need_davon = IsGehenForm(toks_[vi].low);
    bool in_apposition = false;  // the comma after "der Leiter, Jens Albrecht" closes it
    for (size_t j = vi + 1; j < toks_.size(); ++j) {
      if (!toks_[j].word && (toks_[j].low == ":" || toks_[j].low == ";")) return false;
      if (!toks_[j].word && toks_[j].low == ",") {
        if (in_apposition) {
          in_apposition = false;
        } else if (CommaKeepsClause(toks_, j, it->second)) {
          in_apposition = true;
        } else {
          return false;
        }
      }
      if (toks_[j].low == "davon") need_davon = false;
      for (const auto& p : it->second) {
        if (toks_[j].low == p) return !need_davon;
      }
    }
    return false;
  }

  std::optional<Np> BackwardNp(size_t end, bool require_boundary) const {
    size_t lo = end > 8 ? end - 8 : 0;
    for (size_t start = lo; start < end; ++start) {
      if (require_boundary && !IsBoundary(start)) continue;
      auto np = ParseNp(start, end);
      if (np && np->te == end && np->tb == start) return np;
    }
    return std::nullopt;
  }

  std::optional<Np> ForwardNp(size_t from) const {
    size_t j = from;
    size_t skipped = 0;
    while (j < toks_.size() && skipped < 3 && toks_[j].word &&
           lex_.skip_after_de.count(toks_[j].low)) {
      ++j;
      ++skipped;
    }
    // A German subject after the verb is nominative: "bezifferte den Schaden" has none.
    if (j < toks_.size() && article_.lang != "en" &&
        (toks_[j].low == "den" || toks_[j].low == "dem" || toks_[j].low == "einen" ||
         toks_[j].low == "einem"))
      return std::nullopt;
    auto np = ParseNp(j, toks_.size());
    if (np && np->kind != NpKind::kUnnamed) return np;
    return std::nullopt;
  }

  // Appositive subject: "Rutte, der NATO-Generalsekretär, sagte" / "X, the NATO chief, said".
  std::optional<Np> AppositiveNp(size_t vi) const {
    if (vi < 3 || toks_[vi - 1].low != ",") return std::nullopt;
    for (size_t k = vi - 2; k > 0 && k + 12 > vi; --k) {
      if (!toks_[k].word && toks_[k].low != ",") return std::nullopt;
      if (toks_[k].low != ",") continue;
      // "Russia's foreign minister, Sergei Lavrov, said": the apposition is the name.
      auto inner = ParseNp(k + 1, vi - 1);
      if (inner && inner->te == vi - 1 && inner->kind == NpKind::kNamed) return inner;
      // "Rutte, the NATO chief, said": the phrase before the apposition.
      auto np = BackwardNp(k, true);
      if (np && np->kind != NpKind::kUnnamed) return np;
      return std::nullopt;
    }
    return std::nullopt;
  }

  // "Der Bundesverband der Hersteller von Nährmitteln schätzt", "Moritz Wohlrab von der
  // Aktion sagte": a German subject whose head is followed by genitive or prepositional
  // phrases up to the verb. The head names the speaker.
  std::optional<Np> SubjectBeforePostmodifier(size_t end) const {
    size_t lo = end > 14 ? end - 14 : 0;
    for (size_t start = lo; start + 1 < end; ++start) {
      if (!IsBoundary(start)) continue;
      // ", die durch Mitglieder … verübt werden": after a comma "die" is a relative pronoun.
      if (start > 0 && toks_[start - 1].low == "," && lex_.determiners.count(toks_[start].low))
        return std::nullopt;
      // The head ends where a postmodifier opens; a name run may swallow "von der …"
      // ("Lena Vogt von der Initiative"), so each opener is tried as the head's limit.
      for (size_t lim = start + 1; lim < end; ++lim) {
        if (!IsPostmodifierOpener(toks_[lim].low)) continue;
        auto np = ParseNp(start, lim);
        if (!np || np->tb != start || np->te != lim || np->kind == NpKind::kUnnamed ||
            np->kind == NpKind::kPronoun || !PostmodifierChain(lim, end))
          continue;
        if (np->kind == NpKind::kDescription && !np->who.ok()) {
          // "Der Verband der Obstbauern …": a body introduced here, not referred back to.
          np->who = NameWho(np->te - 1, np->te, "");
          np->who.kind = "organisation";
          np->who.gender.clear();
          np->kind = NpKind::kNamed;
        }
        return np;
      }
      return std::nullopt;  // the first boundary-opened phrase is the only candidate
    }
    return std::nullopt;
  }

  static bool IsPostmodifierOpener(const std::string& low) {
    static const std::set<std::string> kOpeners = {"des", "der", "von", "vom", "aus", "im",
                                                   "in",  "für", "bei", "am",  "ohne"};
    return kOpeners.count(low) > 0;
  }

  // Tokens [b, e) are genitive/prepositional phrases: words that are no verbs, auxiliaries
  // or conjunctions, quotation marks, brackets.
  bool PostmodifierChain(size_t b, size_t e) const {
    static const std::set<std::string> kFinite = {"ist",    "sind",  "war",    "waren", "wird",
                                                  "werden", "wurde", "wurden", "worden"};
    for (size_t k = b; k < e; ++k) {
      const Tok& t = toks_[k];
      if (t.word) {
        if (lex_.IsVerb(t.low) || lex_.aux_de.count(t.low) || lex_.konjunktiv.count(t.low) ||
            lex_.boundary_words.count(t.low) || kFinite.count(t.low))
          return false;
        continue;
      }
      size_t len = 1;
      char32_t cp = DecodeUtf8(text_, t.b, &len);
      if (!(IsQuoteChar(cp) || t.low == "(" || t.low == ")" || t.low == "/" || t.low == "-"))
        return false;
    }
    return true;
  }

  // Subordinate clause with the verb last: "wie Rutte am Mittwoch sagte", "as Rutte said
  // on Monday", "während Scholz 2 Prozent versprach".
  std::optional<Np> ClauseStartNp(size_t vi) const {
    for (size_t k = vi; k > 0 && k + 12 > vi; --k) {
      const Tok& t = toks_[k - 1];
      if (!t.word) return std::nullopt;
      if (lex_.boundary_words.count(t.low) && t.low != "and" && t.low != "but" && t.low != "aber" &&
          t.low != "doch") {
        auto np = ParseNp(k, vi);
        if (np && np->kind != NpKind::kUnnamed) return np;
        return std::nullopt;
      }
    }
    return std::nullopt;
  }

  // "meldete … ein Sanierungsverfahren an" (anmelden: to file) is no report; the particle
  // at the end of the clause changes the verb.
  bool OtherVerbByParticle(size_t vi) const {
    const std::string& w = toks_[vi].low;
    if (w != "meldete" && w != "meldet" && w != "meldeten" && w != "melden") return false;
    for (size_t j = vi + 1; j < toks_.size(); ++j) {
      if (!toks_[j].word && (toks_[j].low == "," || toks_[j].low == ";" || toks_[j].low == "."))
        return false;
      if (toks_[j].low == "an" || toks_[j].low == "ab") {
        return j + 1 >= toks_.size() || !toks_[j + 1].word;
      }
    }
    return false;
  }

  bool PronounDasBefore(size_t vi) const {
    if (vi != 1 || toks_[0].low != "das" || vi + 1 >= toks_.size()) return false;
    const Tok& next = toks_[vi + 1];
    if (!next.word) {
      size_t len = 1;
      return IsQuoteChar(DecodeUtf8(text_, next.b, &len));
    }
    return lex_.determiners.count(next.low) > 0 || next.low == "er" || next.low == "sie";
  }

  void VerbCue(size_t vi) {
    const Tok& v = toks_[vi];
    if (!ParticleLater(vi) || OtherVerbByParticle(vi)) return;
    // "von einer Krise zu sprechen": an infinitive with "zu" is no reporting clause.
    if (vi > 0 && toks_[vi - 1].low == "zu" && article_.lang != "en") return;
    // "die versicherten Schäden": after an article the form is a participle, not a verb —
    // unless a sentence-initial "Das" is a pronoun with the subject after the verb ("Das
    // berichtete die Zeitung", "Das sagte er").
    if (vi > 0 && toks_[vi - 1].word && lex_.determiners.count(toks_[vi - 1].low) &&
        !lex_.verbs_en.count(v.low) && !PronounDasBefore(vi))
      return;
    bool english = lex_.verbs_en.count(v.low) > 0;
    std::optional<Np> np;
    size_t cue_b = v.b, cue_e = v.e;
    if (english) {
      size_t end = vi;
      while (end > 0 && toks_[end - 1].word && lex_.skip_before_en.count(toks_[end - 1].low)) --end;
      np = BackwardNp(end, true);
      if (!np) np = AppositiveNp(vi);
      if (!np && IsBoundary(vi)) np = ForwardNp(vi + 1);
      if (!np) np = ClauseStartNp(vi);
    } else {
      size_t end = vi;
      // "Hans Seitinger (ÖVP) bezifferte": the parenthesis is no part of the subject.
      if (end >= 3 && toks_[end - 1].low == ")") {
        size_t k = end - 1;
        while (k > 0 && k + 6 > end && toks_[k].low != "(") --k;
        if (toks_[k].low == "(" && k > 0) end = k;
      }
      np = BackwardNp(end, true);
      // "Den Schaden bezifferte die Polizei": an accusative/dative phrase is no subject.
      if (np && (toks_[np->tb].low == "den" || toks_[np->tb].low == "dem" ||
                 toks_[np->tb].low == "einen" || toks_[np->tb].low == "einem"))
        np.reset();
      // Verb-second: "Danach sagte er", "Die Kosten bezifferte das Pentagon": a subject
      // after the verb that is a pronoun or a known speaker beats an unknown word before it.
      if (np && np->kind == NpKind::kNamed && np->who.entry == nullptr) {
        auto fwd = ForwardNp(vi + 1);
        if (fwd && (fwd->kind == NpKind::kPronoun || fwd->kind == NpKind::kTitle ||
                    (fwd->kind == NpKind::kNamed && fwd->who.entry != nullptr)))
          np = fwd;
      }
      if (!np) np = ForwardNp(vi + 1);
      if (!np) {
        // Perfect tense: "Rutte hat am Mittwoch betont" / "Am Mittwoch hat Rutte betont".
        for (size_t k = vi; k > 0 && k + 12 > vi; --k) {
          const Tok& t = toks_[k - 1];
          if (!t.word) break;
          if (lex_.aux_de.count(t.low)) {
            np = BackwardNp(k - 1, true);
            if (!np) np = ForwardNp(k);
            break;
          }
        }
      }
      if (!np) np = AppositiveNp(vi);
      if (!np) np = ClauseStartNp(vi);
      if (!np) np = SubjectBeforePostmodifier(end);
      if (!np && vi + 1 < toks_.size()) {
        // "…, so schätzen die Forscher, …", "berichteten Augenzeugen": an unnamed source
        // after the verb still makes the figure reported (no speaker), not the narrator's.
        auto unnamed = ParseNp(vi + 1, toks_.size());
        // Only listed sources ("Forscher", "Augenzeugen"): "schätzen die Bedeutung … ein"
        // has an object there, not a source.
        if (unnamed && unnamed->kind == NpKind::kUnnamed &&
            lex_.unnamed.count(toks_[unnamed->te - 1].low))
          np = unnamed;
      }
    }
    if (!np) return;
    // "erklärte der UNO-Hochkommissar für Flüchtlinge, Filippo Grandi.": a description
    // followed by the name in apposition is that named person.
    size_t comma = np->te;
    while (comma < toks_.size() && comma < np->te + 5 && toks_[comma].word) ++comma;
    // "gab der Leiter des Bauamts, Jens Albrecht, bekannt": a German common noun after an
    // article ("der Leiter" read as a one-word name) is such a description too.
    bool described = np->kind != NpKind::kNamed ||
                     (np->who.entry == nullptr && np->who.name.find(' ') == std::string::npos &&
                      lex_.determiners.count(toks_[np->tb].low) > 0 && article_.lang != "en");
    if (described && np->kind != NpKind::kPronoun && comma + 1 < toks_.size() &&
        toks_[comma].low == ",") {
      if (auto name = ParseNp(comma + 1, toks_.size());
          name && name->kind == NpKind::kNamed && name->who.ok() &&
          (name->te == toks_.size() || !toks_[name->te].word)) {
        Np merged = *name;
        merged.tb = np->tb;
        merged.role_stem = np->role_stem;
        np = merged;
      }
    }
    cue_b = std::min(cue_b, toks_[np->tb].b);
    cue_e = std::max(cue_e, toks_[np->te - 1].e);
    AddCue(cue_b, cue_e, CueType::kVerb, *np);
  }

  void AddCue(size_t b, size_t e, CueType type, const Np& np) {
    Cue c;
    c.span = Span{b, e};
    c.type = type;
    c.who = np.who;
    c.np_kind = np.kind;
    c.sentence = cur_sentence_;
    c.paragraph = cur_paragraph_;
    if (c.who.ok() && np.kind != NpKind::kUnnamed) {
      if (c.who.entry == nullptr && c.who.kind == "person" &&
          (!c.who.gender.empty() || !np.role_stem.empty() || np.kind == NpKind::kPronoun))
        person_evidence_.insert(c.who.id);
      if (np.kind == NpKind::kDescription && c.who.kind != "organisation")
        org_evidence_.insert(c.who.id);
      speakers_.push_back(Remembered{c.who, b, cur_paragraph_});
      if (!np.role_stem.empty()) roles_seen_[c.who.id].insert(np.role_stem);
    }
    cues_.push_back(std::move(c));
  }

  // ---- noun phrases -------------------------------------------------------------------
  // Longest table alias starting at token i (at most 6 tokens, within [i, limit)).
  const SpeakerEntry* MatchAlias(size_t i, size_t limit, size_t* end) const {
    if (table_ == nullptr || i >= limit) return nullptr;
    // Memoised per sentence: NP parsing asks for the same start many times.
    if (alias_memo_.size() != toks_.size()) alias_memo_.assign(toks_.size(), {});
    AliasMemo& memo = alias_memo_[i];
    if (!memo.done) {
      memo.done = true;
      // Quick rejection: no alias or title starts with this word (or the next, after an
      // article that the key ignores).
      const Tok& t0 = toks_[i];
      bool article = lex_.determiners.count(t0.low) > 0 && i + 1 < toks_.size();
      bool may = table_->MayStart(t0.full_low) || table_->MayStart(t0.low) ||
                 (article &&
                  (table_->MayStart(toks_[i + 1].full_low) || table_->MayStart(toks_[i + 1].low)));
      if (!may) return nullptr;
      size_t max_len = std::min<size_t>(kMaxAliasTokens, toks_.size() - i);
      for (size_t len = 1; len <= max_len; ++len) memo.by_len[len] = AliasAt(i, len);
    }
    for (size_t len = std::min<size_t>(kMaxAliasTokens, limit - i); len >= 1; --len) {
      if (memo.by_len[len] != nullptr) {
        *end = i + len;
        return memo.by_len[len];
      }
    }
    return nullptr;
  }

  // The table entry whose alias is exactly tokens [i, i+len) (one capital at least).
  const SpeakerEntry* AliasAt(size_t i, size_t len) const {
    bool any_cap = false;
    for (size_t k = i; k < i + len; ++k) {
      if (!toks_[k].word && toks_[k].low != "-") return nullptr;
      if (toks_[k].cap) any_cap = true;
    }
    if (!any_cap) return nullptr;
    const Tok& last = toks_[i + len - 1];
    std::string_view span = std::string_view(text_).substr(toks_[i].b, last.name_e - toks_[i].b);
    return table_->FindByAlias(span);
  }

  Who FromEntry(const SpeakerEntry& e) const {
    Who w;
    w.id = e.speaker.id;
    w.name = e.speaker.name;
    w.kind = e.speaker.kind;
    w.gender = e.speaker.gender;
    w.entry = &e;
    return w;
  }

  // A name written in the text, not (necessarily) in the table.
  Who NameWho(size_t tb, size_t te, const std::string& gender_hint) const {
    std::string name(text_.substr(toks_[tb].b, toks_[te - 1].name_e - toks_[tb].b));
    Who w;
    bool single = te - tb == 1;
    if (single) {
      auto it = intro_.find(toks_[tb].low);
      if (it != intro_.end()) {
        name = it->second;
        single = false;
        if (table_ != nullptr) {
          if (const SpeakerEntry* e = table_->FindByAlias(name)) return FromEntry(*e);
        }
      }
    }
    if (table_ != nullptr) {
      if (const SpeakerEntry* e = table_->FindByAlias(name)) return FromEntry(*e);
    }
    std::string low = LowerUtf8(name);
    std::string last_low = toks_[te - 1].low;
    bool org = IsAllCaps(toks_[te - 1]) || lex_.places.count(low) > 0;
    for (const auto& suf : lex_.org_suffixes_de) {
      if (last_low.size() >= suf.size() &&
          last_low.compare(last_low.size() - suf.size(), suf.size(), suf) == 0)
        org = true;
    }
    if (lex_.org_heads_en.count(last_low) || lex_.IsOrgWord(last_low)) org = true;
    for (size_t k = tb; k + 1 < te; ++k) {  // "Digitalverband Bitkom", "Hilfswerk UNHCR"
      if (lex_.IsOrgWord(toks_[k].low)) org = true;
    }
    // German genitive after "des": "des Ministeriums" -> "Ministerium".
    if (single && tb > 0 && toks_[tb - 1].low == "des" && name.size() > 4 && name.back() == 's') {
      name.pop_back();
      if (name.size() > 4 && name.back() == 'e' && name[name.size() - 2] == 's') name.pop_back();
    }
    w.id = "name:" + name;
    w.name = name;
    w.kind = org ? "organisation" : "person";
    w.gender = org ? "" : gender_hint;
    return w;
  }

  // Capitalised name run starting at j: "Mark Rutte", "Ursula von der Leyen".
  size_t NameRun(size_t j, size_t limit) const {
    size_t k = j;
    size_t caps = 0;
    while (k < limit && caps < 4) {
      const Tok& t = toks_[k];
      if (!t.word) break;
      if (t.cap && !IsStop(t.low) && !lex_.unnamed.count(t.low) && t.role.empty() &&
          !lex_.IsVerb(t.low)) {
        ++k;
        ++caps;
        if (t.possessive) break;
        continue;
      }
      // particles between name parts: von, van der, de, al
      if (caps > 0 && lex_.particles.count(t.low) && !t.cap) {
        size_t m = k;
        while (m < limit && toks_[m].word && lex_.particles.count(toks_[m].low) && !toks_[m].cap &&
               m < k + 2)
          ++m;
        if (m < limit && toks_[m].word && toks_[m].cap && !IsStop(toks_[m].low) &&
            (toks_[k].low == "von" || toks_[k].low == "van" || toks_[k].low == "de" ||
             toks_[k].low == "al" || toks_[k].low == "bin" || toks_[k].low == "da" ||
             toks_[k].low == "ter" || toks_[k].low == "di" || toks_[k].low == "del")) {
          k = m;
          continue;
        }
      }
      break;
    }
    return k;
  }

  // A name in quotation marks, alone or after a common noun: "„France Football“",
  // "die Zeitung „Yemen Observer“", "die Musikzeitschrift „Billboard“". German news quotes
  // the names of papers, programmes and alliances; such a name is a body.
  std::optional<Np> QuotedTitle(size_t i, size_t j, size_t limit) const {
    size_t k = j;
    for (size_t steps = 0; k < limit && steps < 3 && toks_[k].word; ++steps, ++k) {
      if (lex_.IsVerb(toks_[k].low) || IsStop(toks_[k].low)) return std::nullopt;
    }
    if (k >= limit || toks_[k].word) return std::nullopt;
    size_t len = 1;
    char32_t open = DecodeUtf8(text_, toks_[k].b, &len);
    if (open != 0x201E && open != 0x201C && open != '"' && open != 0xBB) return std::nullopt;
    size_t first = k + 1;
    if (first >= limit || !toks_[first].word || !toks_[first].cap || IsStop(toks_[first].low))
      return std::nullopt;
    for (size_t m = first; m < limit && m < first + 6; ++m) {
      if (toks_[m].word) {
        if (lex_.IsVerb(toks_[m].low) || lex_.konjunktiv.count(toks_[m].low)) return std::nullopt;
        continue;
      }
      char32_t close = DecodeUtf8(text_, toks_[m].b, &len);
      if (!IsQuoteChar(close)) {
        if (toks_[m].low == "-" || toks_[m].low == "." || toks_[m].low == "&") continue;
        return std::nullopt;
      }
      if (m == first) return std::nullopt;
      Np np;
      np.tb = i;
      np.te = m + 1;
      np.kind = NpKind::kNamed;
      std::string name(text_.substr(toks_[first].b, toks_[m - 1].e - toks_[first].b));
      if (table_ != nullptr) {
        if (const SpeakerEntry* e = table_->FindByAlias(name)) {
          np.who = FromEntry(*e);
          return np;
        }
      }
      np.who.id = "name:" + name;
      np.who.name = name;
      np.who.kind = "organisation";
      return np;
    }
    return std::nullopt;
  }

  std::optional<Np> ParseNp(size_t i, size_t limit) const {
    if (i < limit && !toks_[i].word && article_.lang != "en") return QuotedTitle(i, i, limit);
    if (i >= limit || !toks_[i].word) return std::nullopt;
    Np np;
    np.tb = i;
    const std::string& w0 = toks_[i].low;
    // Pronouns.
    static const std::set<std::string> kMale = {"er", "ihm", "he", "him"};
    static const std::set<std::string> kFemale = {"sie", "she", "her", "ihr"};
    if (kMale.count(w0) || kFemale.count(w0) || w0 == "it") {
      np.te = i + 1;
      np.kind = NpKind::kPronoun;
      np.who = ResolvePronoun(kMale.count(w0) ? "m" : (w0 == "it" ? "org" : "f"), toks_[i].b);
      return np;
    }
    size_t j = i;
    std::string det;
    if (lex_.determiners.count(toks_[j].low)) {
      det = toks_[j].low;
      ++j;
    }
    if (j >= limit) return std::nullopt;
    if (!det.empty() && article_.lang != "en") {
      if (auto t = QuotedTitle(i, j, limit)) return t;
    }
    if (!toks_[j].word) return std::nullopt;
    if (lex_.possessive_det.count(toks_[j].low)) return std::nullopt;
    // 1. A table alias ("das Pentagon", "Mark Rutte", "des Weißen Hauses").
    size_t end = 0;
    if (const SpeakerEntry* e = MatchAlias(j, limit, &end)) {
      np.te = end;
      np.kind = NpKind::kNamed;
      np.who = FromEntry(*e);
      // "Kremlin spokesman Dmitry Peskov": a name after the org+role wins.
      bool fem = false;
      size_t rh = np.te;
      while (rh < limit && rh < np.te + 2 && toks_[rh].word &&
             lex_.role_modifiers_en.count(toks_[rh].low) && toks_[rh].role.empty())
        ++rh;
      if (rh < limit && toks_[rh].word && !toks_[rh].role.empty()) {
        std::string stem = toks_[rh].role;
        fem = toks_[rh].role_female;
        size_t r_end = RoleEnd(rh, limit, &stem);
        size_t run = NameRun(r_end, limit);
        if (run > r_end) {
          return NameNp(i, r_end, run, limit, stem, fem ? "f" : "");
        }
        if (e->speaker.kind == "organisation" && (stem == "spokes" || stem == "sprecher")) {
          np.te = r_end;  // "a Pentagon spokesman" speaks for the Pentagon
          return np;
        }
        // "Kreml-Chef", "White House press secretary": try the whole as a title.
        std::string_view title =
            std::string_view(text_).substr(toks_[j].b, toks_[r_end - 1].e - toks_[j].b);
        if (const SpeakerEntry* h = table_->FindByRole(title, article_.date)) {
          np.te = r_end;
          np.kind = NpKind::kTitle;
          np.who = FromEntry(*h);
          return np;
        }
      }
      if (toks_[np.te - 1].possessive && np.te < limit && lex_.spokes.count(toks_[np.te].low))
        np.te += 1;  // "Zelensky's office"
      return np;
    }
    // 2. Role phrase, optionally followed by a name.
    if (auto r = RolePhrase(i, j, limit, det)) return r;
    // Honorifics.
    std::string gender;
    if (lex_.honorific_m.count(toks_[j].low)) {
      gender = "m";
      ++j;
    } else if (lex_.honorific_f.count(toks_[j].low)) {
      gender = "f";
      ++j;
    }
    if (j < limit && toks_[j].low == "." && !toks_[j].word) ++j;
    if (j >= limit) return std::nullopt;
    // "the economist Sarah Collins": a common noun, then the name.
    if (!det.empty() && j + 1 < limit && toks_[j].word && !toks_[j].cap && !IsStop(toks_[j].low) &&
        !lex_.unnamed.count(toks_[j].low) && toks_[j + 1].cap) {
      size_t run = NameRun(j + 1, limit);
      if (run > j + 1) return NameNp(i, j + 1, run, limit, "", gender);
    }
    // A definite description of a body: "the company", "der Konzern", "the US firm".
    if (auto d = Description(i, j, limit, det)) return d;
    // 3. Unnamed sources: "Experten", "officials", "Angaben des Ministeriums", "Umfragen",
    //    "einer Schnellschätzung des Statistikamts".
    // "Andere Medien berichten", "Offizielle Angaben": at the start of a German sentence an
    // adjective is capitalised too.
    auto adjective = [&](size_t k) {
      const std::string& w = toks_[k].low;
      return !toks_[k].cap ||
             (k == 0 && article_.lang != "en" && w.size() > 4 && !IsStop(w) &&
              (w.back() == 'e' || w.ends_with("en") || w.ends_with("er") || w.ends_with("es")));
    };
    if (IsSource(j) || (j + 1 < limit && IsSource(j + 1) && adjective(j))) {
      size_t k = IsSource(j) ? j + 1 : j + 2;
      if (k < limit && (toks_[k].low == "des" || toks_[k].low == "der" || toks_[k].low == "of" ||
                        toks_[k].low == "from" || toks_[k].low == "von")) {
        size_t m = toks_[k].low == "des" || toks_[k].low == "der" ? k : k + 1;
        if (auto owner = ParseNp(m, limit)) {
          // "Bedeutung des Themas": a common noun owns nothing; a body, a table speaker or
          // a full name does.
          bool owns = owner->who.kind == "organisation" || owner->who.entry != nullptr ||
                      owner->kind == NpKind::kDescription ||
                      owner->who.name.find(' ') != std::string::npos ||
                      lex_.unnamed.count(toks_[j].low) > 0;
          if (owns && owner->kind != NpKind::kPronoun && owner->kind != NpKind::kUnnamed) {
            owner->tb = i;
            return owner;
          }
        }
      }
      np.te = k;
      np.kind = NpKind::kUnnamed;
      return np;
    }
    // 4. A capitalised name.
    size_t run = NameRun(j, limit);
    if (run > j) {
      // English body: "the Russian defence ministry".
      size_t k = run;
      size_t mods = 0;
      while (k < limit && toks_[k].word && !toks_[k].cap && mods < 2 &&
             !lex_.org_heads_en.count(toks_[k].low) &&
             (toks_[k].low == "defence" || toks_[k].low == "defense" || toks_[k].low == "foreign" ||
              toks_[k].low == "interior" || toks_[k].low == "health" || toks_[k].low == "finance" ||
              toks_[k].low == "emergencies" || toks_[k].low == "armed")) {
        ++k;
        ++mods;
      }
      if (k < limit && toks_[k].word && lex_.org_heads_en.count(toks_[k].low)) {
        np.te = k + 1;
        np.kind = NpKind::kNamed;
        std::string name(text_.substr(toks_[j].b, toks_[k].e - toks_[j].b));
        if (table_ != nullptr) {
          if (const SpeakerEntry* e = table_->FindByAlias(name)) {
            np.who = FromEntry(*e);
            return np;
          }
        }
        np.who.id = "name:" + name;
        np.who.name = name;
        np.who.kind = "organisation";
        return np;
      }
      // German "der Ökonom Hans Wagner": an article before capitalised words means the
      // first one is a common noun, the name follows it.
      if (!det.empty() && article_.lang != "en" && det != "the" && det != "a" && det != "an" &&
          run - j >= 2) {
        size_t end2 = 0;
        if (MatchAlias(j + 1, limit, &end2) == nullptr || end2 != run) {
          return NameNp(i, j + 1, run, limit, "", gender);
        }
      }
      return NameNp(i, j, run, limit, "", gender);
    }
    return std::nullopt;
  }

  // A source that is no speaker (Lexicon::IsSourceWord); German capitalised nouns by their
  // suffix too, unless the article introduced the word as a surname.
  bool IsSource(size_t j) const {
    const Tok& t = toks_[j];
    if (!t.word) return false;
    if (t.cap && intro_.count(t.low)) return false;
    if (lex_.IsOrgWord(t.low)) return false;
    bool german_noun = article_.lang != "en" && t.cap && !IsAllCaps(t) &&
                       (j + 1 >= toks_.size() || !toks_[j + 1].cap || !toks_[j + 1].word);
    return lex_.IsSourceWord(t.low, german_noun);
  }

  static bool Definite(const std::string& det) {
    return det == "the" || det == "der" || det == "die" || det == "das" || det == "des" ||
           det == "dem" || det == "den";
  }

  // "the company", "the German carmaker", "der Münchner Konzern", "des Unternehmens": the
  // last organisation named before (a table body, a name of organisation kind, or a one-word
  // name used without any sign of a person). Unresolved: a cue without a speaker.
  std::optional<Np> Description(size_t i, size_t j, size_t limit, const std::string& det) const {
    if (!Definite(det)) return std::nullopt;
    for (size_t k = j; k < limit && k < j + 3; ++k) {
      const Tok& t = toks_[k];
      if (!t.word || t.possessive || lex_.IsVerb(t.low) || IsStop(t.low)) return std::nullopt;
      if (!IsDescriptionWord(t.low)) continue;
      if (k + 1 < limit && toks_[k + 1].word && toks_[k + 1].cap &&
          (article_.lang == "en" || NameFollows(k + 1, limit)))
        return std::nullopt;  // "the company Northwind", "die Firma Kessler": a name follows
      if (k + 1 < limit && toks_[k + 1].possessive) return std::nullopt;
      Np np;
      np.tb = i;
      np.te = k + 1;
      np.kind = NpKind::kDescription;
      np.who = ResolveBody(toks_[i].b);
      return np;
    }
    return std::nullopt;
  }

  // German: the capitalised word at k after a description noun is a name ("die Firma
  // Kessler", "der Hersteller Adidas-Salomon"), not a noun of the clause: no source, role,
  // stop word or verb, and no further capital after it.
  bool NameFollows(size_t k, size_t limit) const {
    const Tok& t = toks_[k];
    if (IsStop(t.low) || lex_.IsVerb(t.low) || !t.role.empty() || IsSource(k) ||
        IsDescriptionWord(t.low))
      return false;
    return k + 1 >= limit || !toks_[k + 1].word || !toks_[k + 1].cap;
  }

  bool IsDescriptionWord(const std::string& low) const {
    if (lex_.descriptions.count(low)) return true;
    for (std::string_view end : {"s", "es"}) {
      if (low.size() > end.size() + 3 &&
          low.compare(low.size() - end.size(), end.size(), end) == 0 &&
          lex_.descriptions.count(low.substr(0, low.size() - end.size())))
        return true;
    }
    // German compounds: "Autokonzern", "Ölkonzerns", "Chiphersteller".
    if (article_.lang != "en") {
      for (const char* head :
           {"konzern", "konzerns", "hersteller", "herstellers", "unternehmen", "unternehmens"}) {
        std::string_view h(head);
        if (low.size() > h.size() + 2 && low.compare(low.size() - h.size(), h.size(), h) == 0)
          return true;
      }
    }
    return false;
  }

  Who ResolveBody(size_t pos) const {
    auto fits = [&](const Who& w) {
      if (w.kind == "organisation") return w.id.rfind("narrator:", 0) != 0;
      if (w.entry != nullptr || person_evidence_.count(w.id)) return false;
      // A one-word name never introduced as "First Last": "Northwind", "Barclays".
      return w.name.find(' ') == std::string::npos && !w.name.empty();
    };
    size_t looked = 0;
    for (auto it = speakers_.rbegin(); it != speakers_.rend() && looked < kMaxLookBack;
         ++it, ++looked) {
      if (it->pos < pos && fits(it->who)) return it->who;
    }
    looked = 0;
    for (auto it = mentions_.rbegin(); it != mentions_.rend() && looked < kMaxLookBack;
         ++it, ++looked) {
      if (it->pos < pos && it->who.kind == "organisation") return it->who;
    }
    return Who{};
  }

  std::optional<Np> NameNp(size_t i, size_t j, size_t run, size_t limit, const std::string& stem,
                           const std::string& gender) const {
    Np np;
    np.tb = i;
    np.te = run;
    np.kind = NpKind::kNamed;
    np.who = NameWho(j, run, gender);
    np.role_stem = stem;
    if (toks_[run - 1].possessive && run < limit && lex_.spokes.count(toks_[run].low))
      np.te = run + 1;  // "Zelensky's office said"
    return np;
  }

  // "NATO-Generalsekretär Mark Rutte", "der russische Präsident", "US President Donald
  // Trump", "the minister", "ein Sprecher des Kremls", "Generalsekretär der NATO".
  std::optional<Np> RolePhrase(size_t i, size_t j, size_t limit, const std::string& det) const {
    const bool indefinite = det == "ein" || det == "eine" || det == "einer" || det == "einem" ||
                            det == "einen" || det == "eines" || det == "a" || det == "an";
    size_t k = j;
    size_t head = limit;
    bool fem = false;
    std::string stem;
    for (size_t steps = 0; k < limit && steps < 4 && toks_[k].word; ++steps, ++k) {
      const Tok& t = toks_[k];
      stem = t.role;
      fem = t.role_female;
      if (!stem.empty()) {
        head = k;
        break;
      }
      bool modifier = t.cap || t.possessive || lex_.role_modifiers_en.count(t.low) ||
                      (!t.cap && t.low.size() > 3 &&
                       (t.low.back() == 'e' || t.low.substr(t.low.size() - 2) == "en" ||
                        t.low.substr(t.low.size() - 2) == "er"));
      if (!modifier || IsStop(t.low) || lex_.IsVerb(t.low)) return std::nullopt;
    }
    if (head == limit) return std::nullopt;
    size_t r_end = RoleEnd(head, limit, &stem);
    std::string gender = fem ? "f" : "";
    if (!fem && (stem == "spokes" && toks_[head].low == "spokesman")) gender = "m";
    if (!fem && !toks_[head].cap) {
    } else if (!fem) {
      gender = "m";  // German masculine role noun
    }
    Np np;
    np.tb = i;
    np.role_stem = stem;
    // Followed by a name: the name is the speaker.
    size_t run = NameRun(r_end, limit);
    if (run > r_end) {
      size_t end = 0;
      if (const SpeakerEntry* e = MatchAlias(r_end, limit, &end)) {
        np.te = end;
        np.kind = NpKind::kNamed;
        np.who = FromEntry(*e);
        return np;
      }
      return NameNp(i, r_end, run, limit, stem, gender);
    }
    if (run == r_end && r_end < limit) {
      size_t end = 0;
      if (const SpeakerEntry* e = MatchAlias(r_end, limit, &end)) {
        if (e->speaker.kind == "person") {
          np.te = end;
          np.kind = NpKind::kNamed;
          np.who = FromEntry(*e);
          return np;
        }
      }
    }
    // Genitive owner: "Sprecher des Kremls", "spokesman for the Pentagon",
    // "Generalsekretär der NATO".
    size_t g = r_end;
    std::optional<Np> owner;
    if (g < limit && (toks_[g].low == "des" || toks_[g].low == "der")) {
      owner = ParseNp(g, limit);
    } else if (g + 1 < limit && (toks_[g].low == "of" || toks_[g].low == "for")) {
      owner = ParseNp(g + 1, limit);
    }
    if (owner && (owner->kind == NpKind::kPronoun || owner->kind == NpKind::kUnnamed))
      owner.reset();
    std::string_view date = article_.date;
    size_t title_b = toks_[j].b;
    if (table_ != nullptr && !indefinite) {
      if (owner) {
        std::string_view full =
            std::string_view(text_).substr(title_b, toks_[owner->te - 1].e - title_b);
        if (const SpeakerEntry* h = table_->FindByRole(full, date)) {
          np.te = owner->te;
          np.kind = NpKind::kTitle;
          np.who = FromEntry(*h);
          return np;
        }
      }
      std::string_view title =
          std::string_view(text_).substr(title_b, toks_[r_end - 1].e - title_b);
      if (const SpeakerEntry* h = table_->FindByRole(title, date)) {
        np.te = r_end;
        np.kind = NpKind::kTitle;
        np.who = FromEntry(*h);
        return np;
      }
    }
    if (owner && (stem == "spokes" || stem == "sprecher")) {
      // A spokesperson speaks for the body.
      owner->tb = i;
      return owner;
    }
    np.te = owner ? owner->te : r_end;
    if (indefinite) {  // "ein Kommandeur", "a senior official": someone unnamed
      np.kind = NpKind::kUnnamed;
      return np;
    }
    np.kind = NpKind::kRole;
    np.who = ResolveRole(stem, gender, toks_[i].b);
    return np;
  }

  // End of a role phrase whose head is at `head`: "secretary general", "secretary of state".
  size_t RoleEnd(size_t head, size_t limit, std::string* stem) const {
    size_t r_end = head + 1;
    if (*stem == "secretary" && r_end < limit && toks_[r_end].low == "general") {
      *stem = "secretary general";
      ++r_end;
    } else if (*stem == "secretary" && r_end + 1 < limit && toks_[r_end].low == "of" &&
               (toks_[r_end + 1].low == "state" || toks_[r_end + 1].low == "defense" ||
                toks_[r_end + 1].low == "defence" || toks_[r_end + 1].low == "war")) {
      r_end += 2;
    }
    return r_end;
  }

  // ---- carry-over ---------------------------------------------------------------------
  static bool GenderFits(const Who& w, const std::string& gender) {
    if (gender == "org") return w.kind == "organisation";
    if (w.kind != "person") return false;
    return w.gender.empty() || gender.empty() || w.gender == gender;
  }

  Who ResolvePronoun(const std::string& gender, size_t pos) const {
    size_t looked = 0;
    for (auto it = speakers_.rbegin(); it != speakers_.rend() && looked < kMaxLookBack;
         ++it, ++looked) {
      if (it->pos < pos && GenderFits(it->who, gender)) return it->who;
    }
    looked = 0;
    for (auto it = mentions_.rbegin(); it != mentions_.rend() && looked < kMaxLookBack;
         ++it, ++looked) {
      if (it->pos < pos && GenderFits(it->who, gender)) return it->who;
    }
    return Who{};
  }

  Who ResolveRole(const std::string& stem, const std::string& gender, size_t pos) const {
    size_t looked = 0;
    auto fits = [&](const Who& w) {
      if (w.kind != "person") return false;
      if (!gender.empty() && !w.gender.empty() && w.gender != gender) return false;
      auto rs = roles_seen_.find(w.id);
      if (rs != roles_seen_.end() && rs->second.count(stem)) return true;
      if (w.entry != nullptr) {
        if (SpeakerTable::HasRoleWord(*w.entry, stem, article_.date)) return true;
        if (stem == "spokes" || stem == "sprecher") {
          return SpeakerTable::HasRoleWord(*w.entry, "spokesman", article_.date) ||
                 SpeakerTable::HasRoleWord(*w.entry, "spokesperson", article_.date) ||
                 SpeakerTable::HasRoleWord(*w.entry, "sprecher", article_.date) ||
                 SpeakerTable::HasRoleWord(*w.entry, "sprecherin", article_.date);
        }
        if (SpeakerTable::HasRoleWord(*w.entry, stem + "in", article_.date)) return true;
      }
      return false;
    };
    for (auto it = speakers_.rbegin(); it != speakers_.rend() && looked < kMaxLookBack;
         ++it, ++looked) {
      if (it->pos < pos && fits(it->who)) return it->who;
    }
    looked = 0;
    for (auto it = mentions_.rbegin(); it != mentions_.rend() && looked < kMaxLookBack;
         ++it, ++looked) {
      if (it->pos < pos && fits(it->who)) return it->who;
    }
    return Who{};
  }

  // The last resolved speaker of a paragraph before `pos` (else the paragraph's only one,
  // else the previous paragraph's last).
  const Who* ParagraphSpeakerBefore(int paragraph, size_t pos) const {
    auto range = [&](int p) -> std::pair<int, int> {
      auto it = paragraph_cues_.find(p);
      return it == paragraph_cues_.end() ? std::pair<int, int>{0, 0} : it->second;
    };
    auto [b, e] = range(paragraph);
    const Who* found = nullptr;
    const Who* any = nullptr;
    for (int c = b; c < e; ++c) {
      if (!cues_[c].resolved()) continue;
      if (any == nullptr) any = &cues_[c].who;
      if (cues_[c].span.begin < pos) found = &cues_[c].who;
    }
    if (found) return found;
    auto it = paragraph_speakers_.find(paragraph);
    if (it != paragraph_speakers_.end() && it->second.size() == 1) return any;
    auto [pb, pe] = range(paragraph - 1);
    for (int c = pe; c > pb; --c) {
      if (cues_[c - 1].resolved()) return &cues_[c - 1].who;
    }
    return nullptr;
  }

  int SentenceOf(const Claim& claim) const {
    Span fig = claim.quantity.span;
    int si = claim.sentence_index;
    if (si >= 0 && static_cast<size_t>(si) < sentences_.size() &&
        sentences_[si].span.begin <= fig.begin &&
        fig.begin < std::max(sentences_[si].span.end, fig.begin + 1))
      return si;
    auto it = std::upper_bound(sentences_.begin(), sentences_.end(), fig.begin,
                               [](size_t pos, const Sentence& s) { return pos < s.span.begin; });
    if (it == sentences_.begin()) return sentences_.empty() ? -1 : 0;
    return static_cast<int>(it - sentences_.begin()) - 1;
  }

  void Fill(Attribution& a, const Who& who, AttributionMethod m, double conf, Span cue) const {
    if (who.ok()) {
      a.speaker_id = who.id;
      a.speaker_name = who.name;
      a.speaker_kind =
          who.entry == nullptr && org_evidence_.count(who.id) ? "organisation" : who.kind;
      a.method = m;
      a.confidence = std::clamp(conf, 0.0, 1.0);
    } else {
      a.speaker_id = "unknown";
      a.method = AttributionMethod::kNone;
      a.confidence = 0.0;
    }
    if (!cue.empty() && cue.end <= text_.size()) {
      a.cue = cue;
      a.evidence = text_.substr(cue.begin, cue.end - cue.begin);
    }
  }

  const Lexicon& lex_;
  const SpeakerTable* table_;
  const Article& article_;
  const std::string& text_;
  const std::vector<Sentence>& sentences_;

  std::vector<Quote> quotes_;
  std::set<size_t> quote_ends_;
  std::vector<Cue> cues_;
  std::vector<SentenceInfo> info_;
  std::map<int, std::set<std::string>> paragraph_speakers_;
  std::map<int, std::pair<int, int>> paragraph_cues_;  // paragraph -> cue index range
  std::vector<Remembered> speakers_;
  std::vector<Remembered> mentions_;
  std::unordered_map<std::string, std::set<std::string>> roles_seen_;
  std::unordered_map<std::string, std::string> intro_;
  std::set<std::string> person_evidence_;  // names used with Mr/Frau, a role or a gender
  std::set<std::string> org_evidence_;     // names that "the company" etc. referred back to
  std::vector<Tok> toks_;
  struct AliasMemo {
    bool done = false;
    std::array<const SpeakerEntry*, kMaxAliasTokens + 1> by_len{};
  };
  mutable std::vector<AliasMemo> alias_memo_;  // per sentence, indexed by token
  int cur_sentence_ = 0;
  int cur_paragraph_ = 0;
};

}  // namespace

Attributor::Attributor(std::shared_ptr<const SpeakerTable> table)
    : impl_(std::make_unique<Impl>()) {
  impl_->table = std::move(table);
}

Attributor::~Attributor() = default;

void Attributor::Attribute(const Article& article, const std::vector<Sentence>& sentences,
                           std::vector<Claim>& claims) const {
  if (claims.empty()) return;
  Run run(impl_->lex, impl_->table.get(), article, sentences);
  run.Analyse();
  for (auto& c : claims) run.Decide(c);
  // One speaker, one name: an acronym the article introduced ("Bundeswettbewerbsbehörde
  // (BWB)") is stored under its full name wherever the speaker is named by the acronym.
  std::map<std::string, std::string> acronyms;
  bool looked = false;
  for (auto& c : claims) {
    Attribution& a = c.attribution;
    if (!a.speaker_id.starts_with("name:")) continue;
    if (!looked) {
      acronyms = FindAcronyms(article.text);
      looked = true;
    }
    auto it = acronyms.find(a.speaker_name);
    if (it == acronyms.end()) continue;
    a.speaker_name = it->second;
    a.speaker_id = "name:" + it->second;
    if (a.speaker_kind.empty()) a.speaker_kind = "organisation";
  }
}

}  // namespace claimtrack::attribute
