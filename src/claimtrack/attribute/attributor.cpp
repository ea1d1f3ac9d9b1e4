// Attribution of claims to speakers: the orchestration of the stages and the decision.
// One linear pass per article:
//  1. quotes: quote spans over the whole text (quotes.h);
//  2. per sentence, in order: tokens (tokens.h), names introduced in full and people
//     mentioned (coreference.h, noun_phrases.h), reporting cues whose subjects are resolved
//     at once against what came before (cues.h; pronoun and role carry-over need the order);
//  3. quotes get the cue right before or after them (LinkQuotesToCues);
//  4. each claim is decided here: quote > same-sentence cue > Konjunktiv continuation >
//     back reference > the paragraph rule > narrator. See docs/speakers.md for the rules and
//     confidences, docs/architecture.md for the stages.
// Work per sentence is bounded (fixed windows, bounded look-back), so an article costs
// O(length); nothing is shared between calls, so Attribute() is thread-safe.

#include "claimtrack/attribute/attributor.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>

#include "claimtrack/attribute/acronyms.h"
#include "claimtrack/attribute/coreference.h"
#include "claimtrack/attribute/cues.h"
#include "claimtrack/attribute/lexicon.h"
#include "claimtrack/attribute/noun_phrases.h"
#include "claimtrack/attribute/quotes.h"
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
constexpr int kParagraphWindow = 2;  // paragraph rule: cues at most this many sentences away

// How sure a cue makes us, by how its subject named the speaker; `quote`: inside a quote.
double BaseConfidence(const Cue& c, bool quote) {
  if (c.np_kind == NpKind::kPronoun || c.np_kind == NpKind::kRole ||
      c.np_kind == NpKind::kDescription)
    return quote ? kQuoteIndirect : kReportedIndirect;
  if (c.np_kind == NpKind::kTitle) return quote ? kQuoteTitle : kReportedTitle;
  return quote ? kQuoteNamed : kReportedNamed;
}

struct SentenceInfo {
  int first_cue = 0, end_cue = 0;  // cues of this sentence [first, end)
  int continuation = -1;           // Konjunktiv: cue index carried from an earlier sentence
  bool hearsay = false;            // reportive "sollen" or Konjunktiv I, no source: unknown
  int back_cue = -1;               // "Dies teilte X mit": cue naming earlier sentences' speaker
  int back_reach = 0;              // ... how many sentences back it reaches
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
      : lex_(lex),
        table_(table),
        article_(article),
        text_(article.text),
        sentences_(sentences),
        coref_(article.date) {}

  // `last_claim_sentence`: the last sentence holding a claim. Sentences further on matter
  // only as far as a decision can look ahead — back references ("Dies teilte X mit") three
  // sentences on, the paragraph rule's window, a quote's clause after the quote, and the
  // rest of that paragraph — so the analysis stops at the end of the paragraph that holds
  // sentence last_claim_sentence + 3, or later where a quote runs on.
  void Analyse(int last_claim_sentence) {
    quotes_ = FindQuotes(text_, sentences_);
    for (const auto& q : quotes_) quote_ends_.insert(q.span.end);
    info_.resize(sentences_.size());
    int last_report_cue = -1;
    bool reported_chain = false;
    size_t stop = sentences_.size();
    if (last_claim_sentence >= 0) {
      size_t reach = std::min(sentences_.size() - 1,
                              static_cast<size_t>(last_claim_sentence) + 3 + kParagraphWindow);
      size_t end_pos = sentences_[reach].span.end;
      for (const auto& q : quotes_) {
        if (q.span.begin < end_pos && q.span.end > end_pos) end_pos = q.span.end;
      }
      stop = reach + 1;
      while (stop < sentences_.size() &&
             (sentences_[stop].span.begin < end_pos ||
              sentences_[stop].paragraph == sentences_[stop - 1].paragraph))
        ++stop;
    }
    for (size_t si = 0; si < stop; ++si) {
      const Sentence& s = sentences_[si];
      if (s.span.end > text_.size() || s.span.begin > s.span.end) continue;
      SentenceInfo& info = info_[si];
      info.first_cue = static_cast<int>(cues_.size());
      std::vector<Tok> toks = Tokenize(text_, s.span.begin, s.span.end);
      for (auto& t : toks) {
        if (t.word) t.role = lex_.RoleStem(t.low, &t.role_female);
      }
      coref_.RecordIntroductions(toks, text_, lex_);
      NounPhrases nps(lex_, table_, article_, toks, coref_);
      RecordMentions(nps, coref_, s.paragraph);
      std::vector<Cue> found =
          FindCues(lex_, article_, nps, coref_, quote_ends_, static_cast<int>(si), s.paragraph);
      cues_.insert(cues_.end(), found.begin(), found.end());
      info.end_cue = static_cast<int>(cues_.size());
      // "Dies teilte die Polizei mit", "Diese Zahlen nannte das Amt": the sentence's first
      // cue names the speaker of what came before (german_cues.h).
      if (article_.lang != "en" && info.first_cue != info.end_cue) {
        int reach = BackReference(toks, cues_[info.first_cue], lex_);
        if (reach > 0) {
          info.back_cue = info.first_cue;
          info.back_reach = reach;
        }
      }
      bool has_resolved = false;
      for (int c = info.first_cue; c < info.end_cue; ++c) {
        if (cues_[c].resolved()) {
          has_resolved = true;
          last_report_cue = c;
        }
      }
      if (!has_resolved && info.first_cue != info.end_cue) last_report_cue = info.end_cue - 1;
      // Konjunktiv or reportive "sollen" (German), or a backshifted modal (English), after a
      // reporting clause earlier in the paragraph: the reported speech goes on. German
      // indirect speech also runs on into the next paragraph.
      // Further on, it goes on while every sentence since the cue is in reported speech
      // (German: Konjunktiv or reportive "sollen"); one sentence in the indicative ends it.
      const int cue_paragraph = last_report_cue >= 0 ? cues_[last_report_cue].paragraph : -1;
      const bool german = article_.lang != "en";
      // "Demnach …", "… fehlt demnach …": the sentence says it goes on with the source.
      const bool demnach = german && std::any_of(toks.begin(), toks.end(), [](const Tok& t) {
                             return t.word && (t.low == "demnach" || t.low == "demzufolge");
                           });
      const bool sollen = german && HasReportiveSollen(toks, lex_);
      const bool reported_mood = german && (HasKonjunktiv(toks, lex_) || sollen || demnach);
      if (info.first_cue == info.end_cue && last_report_cue >= 0 &&
          (cue_paragraph == s.paragraph || (cue_paragraph == s.paragraph - 1 && german) ||
           (reported_chain && reported_mood)) &&
          (reported_mood || (cues_[last_report_cue].sentence == static_cast<int>(si) - 1 &&
                             HasBackshift(toks, lex_)))) {
        info.continuation = last_report_cue;
      }
      if (info.first_cue != info.end_cue) {
        reported_chain = true;
      } else if (!reported_mood && !SentenceInQuote(s)) {
        reported_chain = false;
      }
      // Reportive "sollen" with a perfect infinitive ("Dabei sollen acht Menschen ums Leben
      // gekommen sein") is hearsay even where no source is named: reported, speaker unknown,
      // not the narrator's.
      // Konjunktiv I ("Die Feuerwehr habe 20 Fahrzeuge im Einsatz") likewise: the narrator
      // does not use it outside quotes.
      if (german && info.continuation < 0 && info.first_cue == info.end_cue)
        info.hearsay = sollen || HasKonjunktivI(toks);
    }
    for (size_t c = 0; c < cues_.size(); ++c) {
      const Cue& cue = cues_[c];
      if (cue.resolved()) paragraph_speakers_[cue.paragraph].insert(cue.who.id);
      auto& r = paragraph_cues_.try_emplace(cue.paragraph, static_cast<int>(c), static_cast<int>(c))
                    .first->second;
      r.second = static_cast<int>(c) + 1;
    }
    LinkQuotesToCues(text_, quotes_, cues_);
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
    const Quote* q = QuoteAt(quotes_, fig);
    if (q != nullptr) {
      if (q->cue >= 0) {
        const Cue& c = cues_[q->cue];
        if (c.resolved()) {
          Fill(a, c.who, AttributionMethod::kQuote, BaseConfidence(c, true), c.span);
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
      if (const Who* w = coref_.LastMentionInParagraph(q->paragraph, q->span.begin)) {
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
      const Quote* cq = QuoteAt(quotes_, cue.span);
      if (cq != nullptr && cq != q) continue;
      if (cue.span.end <= fig.begin) {
        before = &cue;
      } else if (fig.end <= cue.span.begin) {
        if (after == nullptr) after = &cue;
      } else if (inside == nullptr) {
        inside = &cue;
      }
    }
    // "Shares fell 3% after it warned …", "…, nachdem die Firma mitgeteilt hatte": a cue that
    // is the clause of a subordinator reports that clause, not a figure before it.
    if (after != nullptr && SubordinateCue(*after)) after = nullptr;
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
             BaseConfidence(*best, false), best->span);
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
           BaseConfidence(c, false) - kKonjunktivPenalty, c.span);
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
             BaseConfidence(c, false) - kKonjunktivPenalty, c.span);
        claim.attribution = a;
        return;
      }
      if (info_[t].first_cue != info_[t].end_cue) break;
    }
    if (info_[si].hearsay && q == nullptr) {
      Fill(a, Who{}, AttributionMethod::kNone, 0.0, Span{});
      claim.attribution = a;
      return;
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
      narrator.kind = who.empty()                ? SpeakerKind::kUnknown
                      : !article_.outlet.empty() ? SpeakerKind::kOrganisation
                                                 : SpeakerKind::kPerson;
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
      for (const std::string& p : lex_.colon_pronouns) {
        if (before.find(" " + p + " ") != std::string::npos) return true;
      }
      std::string name = LowerUtf8(who.name);
      size_t last = name.rfind(' ');
      std::string surname = last == std::string::npos ? name : name.substr(last + 1);
      if (surname.size() >= 3 && before.find(" " + surname + " ") != std::string::npos) return true;
      return false;
    }
    return false;
  }

  // A Konjunktiv I form ("habe", "sei", "werde") that is not first person: "ich habe", "habe
  // ich", "ich werde" are indicative (quotes that lost their marks).
  bool HasKonjunktivI(const std::vector<Tok>& toks) const {
    for (size_t k = 0; k < toks.size(); ++k) {
      if (!toks[k].word || !lex_.konjunktiv_i.count(toks[k].low)) continue;
      const bool first_person =
          (k > 0 && toks[k - 1].low == "ich") || (k + 1 < toks.size() && toks[k + 1].low == "ich");
      if (!first_person) return true;
    }
    return false;
  }

  // The sentence lies inside a direct quote (which carries reported speech on, whatever
  // its mood).
  bool SentenceInQuote(const Sentence& s) const {
    return QuoteAt(quotes_, Span{s.span.begin, std::max(s.span.begin + 1, s.span.end - 1)}) !=
           nullptr;
  }

  bool PreviousSentenceEndsWithColon(int si) const {
    if (si <= 0) return false;
    const Sentence& p = sentences_[si - 1];
    size_t e = std::min(p.span.end, text_.size());
    while (e > p.span.begin && (text_[e - 1] == ' ' || text_[e - 1] == '\n')) --e;
    return e > p.span.begin && text_[e - 1] == ':';
  }

  bool SubordinateCue(const Cue& c) const {
    size_t e = c.span.begin;
    while (e > 0 && (text_[e - 1] == ' ' || text_[e - 1] == '\n')) --e;
    size_t b = e;
    while (b > 0 && text_[b - 1] != ' ' && text_[b - 1] != '\n' && text_[b - 1] != ',') --b;
    if (b == e) return false;
    return lex_.subordinators.count(LowerFast(std::string_view(text_).substr(b, e - b))) > 0;
  }

  bool NewClauseBetween(size_t b, size_t e) const {
    std::string gap = " " + LowerUtf8(std::string_view(text_).substr(b, e - b)) + " ";
    if (gap.find(';') != std::string::npos) return true;
    for (const std::string& w : lex_.new_clause) {
      if (gap.find(" " + w + " ") != std::string::npos) return true;
    }
    return false;
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

  void Fill(Attribution& a, const Who& who, AttributionMethod m, double conf, Span cue) const {
    if (who.ok()) {
      a.speaker_id = who.id;
      a.speaker_name = who.name;
      a.speaker_kind = ToString(who.entry == nullptr && coref_.HasOrgEvidence(who.id)
                                    ? SpeakerKind::kOrganisation
                                    : who.kind);
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

  Coreference coref_;
  std::vector<Quote> quotes_;
  std::set<size_t> quote_ends_;
  std::vector<Cue> cues_;
  std::vector<SentenceInfo> info_;
  std::map<int, std::set<std::string>> paragraph_speakers_;
  std::map<int, std::pair<int, int>> paragraph_cues_;  // paragraph -> cue index range
};

}  // namespace

Attributor::Attributor(std::shared_ptr<const SpeakerTable> table)
    : impl_(std::make_unique<Impl>()) {
  impl_->table = std::move(table);
}

Attributor::~Attributor() = default;

void Attributor::Attribute(const Article& article, std::string_view lang,
                           const std::vector<Sentence>& sentences,
                           std::vector<Claim>& claims) const {
  if (claims.empty() || lang.empty() || lang == article.lang) {
    Attribute(article, sentences, claims);
    return;
  }
  // The stages read the language from the article; a copy carries the resolved one (the
  // text copy costs far less than the attribution itself).
  Article resolved = article;
  resolved.lang = std::string(lang);
  Attribute(resolved, sentences, claims);
}

void Attributor::Attribute(const Article& article, const std::vector<Sentence>& sentences,
                           std::vector<Claim>& claims) const {
  if (claims.empty()) return;
  Run run(impl_->lex, impl_->table.get(), article, sentences);
  int last = -1;
  for (const auto& c : claims) last = std::max(last, run.SentenceOf(c));
  run.Analyse(last);
  for (auto& c : claims) run.Decide(c);
  // One speaker, one name: an acronym the article introduced ("Bundeswettbewerbsbehörde
  // (BWB)") is stored under its full name wherever the speaker is named by the acronym.
  std::map<std::string, std::string> acronyms;
  std::map<std::string, std::string> spelled_out;
  bool looked = false;
  for (auto& c : claims) {
    Attribution& a = c.attribution;
    if (!a.speaker_id.starts_with("name:")) continue;
    if (!looked) {
      acronyms = FindAcronyms(article.text, impl_->lex);
      looked = true;
    }
    auto it = acronyms.find(a.speaker_name);
    std::string full;
    if (it != acronyms.end()) {
      full = it->second;
    } else {
      // Not introduced in parentheses, but written out in the article ("the World Economic
      // Forum … The WEF report"); memoised per name.
      auto [spelled, fresh] = spelled_out.try_emplace(a.speaker_name);
      if (fresh) spelled->second = NameWithInitials(article.text, a.speaker_name, impl_->lex);
      full = spelled->second;
    }
    if (full.empty()) continue;
    if (impl_->table != nullptr) {
      if (const SpeakerEntry* e = impl_->table->FindByAlias(full)) {
        a.speaker_name = e->speaker.name;
        a.speaker_id = e->speaker.id;
        a.speaker_kind = ToString(e->speaker.kind);
        continue;
      }
    }
    a.speaker_name = full;
    a.speaker_id = "name:" + full;
    if (a.speaker_kind.empty()) a.speaker_kind = ToString(SpeakerKind::kOrganisation);
  }
}

}  // namespace claimtrack::attribute
