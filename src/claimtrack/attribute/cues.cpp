// Reporting cues of one sentence (cues.h): the cue words are tried token by token ("laut",
// "according to", "zufolge", "nach", "wie", ", so", "heißt es", "geht aus … hervor", a
// reporting verb), and each cue's subject is parsed and resolved at once, so that the
// speakers it names count for the pronouns after it.

#include "claimtrack/attribute/cues.h"

#include <algorithm>

#include "claimtrack/attribute/german_cues.h"
#include "claimtrack/attribute/lexicon.h"
#include "claimtrack/attribute/subjects.h"
#include "claimtrack/base/utf8.h"

namespace claimtrack::attribute {

namespace {

class CueFinder {
 public:
  CueFinder(const Lexicon& lex, const Article& article, const NounPhrases& nps, Coreference& coref,
            const std::set<size_t>& quote_ends, int sentence, int paragraph)
      : lex_(lex),
        article_(article),
        text_(article.text),
        toks_(nps.toks()),
        nps_(nps),
        subjects_(lex, article, nps),
        coref_(coref),
        quote_ends_(quote_ends),
        cur_sentence_(sentence),
        cur_paragraph_(paragraph) {}

  std::vector<Cue> Find() {
    const size_t n = toks_.size();
    for (size_t i = 0; i < n; ++i) {
      const Tok& t = toks_[i];
      if (!t.word) {
        if (quote_ends_.count(t.e)) GenericAfterQuote(i);
        continue;
      }
      const std::string& w = t.low;
      if ((w == "laut" || w == "gemäß") && LautCompound(i)) {
        // "laut UNO-Angaben", "laut einer dpa-Meldung"
      } else if (w == "laut" || w == "gemäß") {
        size_t before = cues_.size();
        TryForward(i, i + 1, CueType::kAccording);
        if (cues_.size() == before && i + 1 < n) LautFallback(i);
      } else if (w == "according" && i + 2 < n && toks_[i + 1].low == "to") {
        size_t before = cues_.size();
        TryForward(i, i + 2, CueType::kAccording);
        // Like "laut": what follows "according to" is reported, never the narrator's
        // ("according to a statement from the ministry").
        if (cues_.size() == before) AccordingFallback(i, i + 2);
      } else if (w == "zufolge" && i > 0) {
        if (auto np = subjects_.BackwardNp(i, false)) {
          AddCue(toks_[np->tb].b, t.e, CueType::kAccording, *np);
        } else if (toks_[i - 1].word) {
          AddUnnamedCue(i - 1, i);  // "Afghanischen Behörden zufolge": reported all the same
        }
      } else if ((w == "wonach" || w == "demzufolge" || w == "denen" || w == "dem" || w == "der") &&
                 RelativeSourceCue(i)) {
        // "eine Schätzung, wonach …", "Umfragen, nach denen …": the phrase before the comma
        // is the source.
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
        if (auto np = nps_.Parse(i + 1, n)) {
          // An unnamed source ("so die Forscher", "so das Ergebnis einer Umfrage") makes
          // the statement reported all the same.
          if (np->te == n || !toks_[np->te].word || lex_.so_followers.count(toks_[np->te].low))
            AddCue(t.b, toks_[np->te - 1].e, CueType::kAccording, *np);
        }
      } else if ((w == "heißt" || w == "hieß") && ImpersonalEs(toks_, i) != kNoTok) {
        ImpersonalCue(i);
      } else if ((w == "hervorgeht" || w == "hervorging" || w == "hervorgehen") && HervorFinal(i)) {
        // "wie aus einem Bericht der Polizei hervorgeht"
      } else if (IsGehenForm(w, lex_) && HervorCue(i)) {
        // "Dies geht aus einer Mitteilung der Polizei hervor"
      } else if (lex_.IsVerb(w)) {
        VerbCue(i);
      } else if (lex_.finding_verbs.count(w)) {
        VerbCue(i, /*finding=*/true);
      }
    }
    // Keep cues ordered and without overlaps (the first found wins).
    std::stable_sort(cues_.begin(), cues_.end(),
                     [](const Cue& a, const Cue& b) { return a.span.begin < b.span.begin; });
    std::vector<Cue> kept;
    for (const Cue& c : cues_) {
      if (!kept.empty() && kept.back().span.Overlaps(c.span)) continue;
      kept.push_back(c);
    }
    return kept;
  }

 private:
  bool IsStop(const std::string& low) const { return lex_.stop.count(low) > 0; }

  void TryForward(size_t cue_tok, size_t np_tok, CueType type) {
    if (auto np = nps_.Parse(np_tok, toks_.size())) {
      if (np->kind == NpKind::kUnnamed && np->te > np_tok) {
        UnnamedOrHolder(cue_tok, np->te - 1);  // "Laut Dokumenten, die der Zeitung vorliegen"
        return;
      }
      AddCue(toks_[cue_tok].b, toks_[np->te - 1].e, type, *np);
    }
  }

  // "wie aus Dokumenten hervorgeht, …": the verb-final "hervorgeht" with its "aus" phrase.
  bool HervorFinal(size_t i) {
    size_t a = kNoTok;
    for (size_t k = i; k > 0 && k + 10 > i; --k) {
      if (!toks_[k - 1].word) break;
      if (toks_[k - 1].low == "aus") {
        a = k - 1;
        break;
      }
    }
    if (a == kNoTok || a + 1 >= i) return false;
    auto np = nps_.Parse(a + 1, i);
    if (!np || np->kind == NpKind::kPronoun) return false;
    if (np->kind == NpKind::kUnnamed) {
      UnnamedOrHolder(a, i);
    } else {
      AddCue(toks_[a].b, toks_[i].e, CueType::kAccording, *np);
    }
    return true;
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
    bool owner = j < n && lex_.genitive_det_de.count(toks_[j].low) > 0;
    if (j < n && (toks_[j].low == "von" || toks_[j].low == "vom" || toks_[j].low == "aus")) {
      owner = true;
      if (toks_[j].low != "vom") ++j;
    } else if (article_.lang == "en" && j < n &&
               (toks_[j].low == "of" || toks_[j].low == "from" || toks_[j].low == "by")) {
      owner = true;  // "a statement from the ministry", "figures released by" needs no more
      ++j;
    }
    // "nach Angaben Ibrahims": a name in the genitive after the noun.
    if (j < n && toks_[j].word && toks_[j].cap && toks_[j].low.ends_with("s") &&
        !IsStop(toks_[j].low) && !nps_.IsSource(j))
      owner = true;
    const bool by_preposition = j > head + 1;  // "von", "aus"
    auto np = owner && j < n ? nps_.Parse(j, n) : std::nullopt;
    // After "von"/"aus" a phrase with an article may be a time of the clause ("Planungen aus
    // dem Jahr 2005"): only a body, a table speaker or a full name is an owner there.
    // "nach Angaben eines Einwohners": an indefinite owner is someone unnamed, unless a body
    // or a source of its own ("laut einer Studie der Universität").
    if (np && lex_.indefinite.count(toks_[j].low) && np->who.kind != SpeakerKind::kOrganisation &&
        np->who.entry == nullptr &&
        !(j + 1 < n && (nps_.IsSource(j + 1) || !toks_[j + 1].role.empty())))
      np.reset();
    if (np && by_preposition && lex_.determiners.count(toks_[j].low) &&
        np->kind != NpKind::kPronoun && np->who.entry == nullptr &&
        np->who.kind != SpeakerKind::kOrganisation && np->who.name.find(' ') == std::string::npos)
      np.reset();
    if (np && np->kind != NpKind::kPronoun) {
      AddCue(toks_[cue_tok].b, toks_[np->te - 1].e, CueType::kAccording, *np);
    } else if (auto body = nps_.CompoundOwner(head)) {
      AddSourceCue(cue_tok, head, *body);
    } else {
      UnnamedOrHolder(cue_tok, head);  // "nach ersten Angaben": a source without a name
    }
  }

  // "laut UNO-Angaben", "laut einer dpa-Meldung": the first source noun after "laut"
  // (past an article and adjectives) is a compound naming its body.
  bool LautCompound(size_t i) {
    for (size_t j = i + 1; j < toks_.size() && j < i + 4 && toks_[j].word; ++j) {
      if (!IsNachSourceNoun(toks_[j].low, lex_) && !nps_.IsSource(j)) continue;
      if (auto body = nps_.CompoundOwner(j)) {
        AddSourceCue(i, j, *body);
        return true;
      }
      return false;
    }
    return false;
  }

  // The article's own outlet ("STANDARD" in "DER STANDARD"), case ignored.
  bool IsOwnOutlet(const std::string& name) const {
    if (article_.outlet.empty() || name.size() < 3) return false;
    std::string outlet = " " + LowerUtf8(article_.outlet) + " ";
    return outlet.find(" " + LowerUtf8(name) + " ") != std::string::npos;
  }

  // An "according to" cue over tokens [b, last] for a source found in a compound or as the
  // holder of documents — unless it is the outlet's own ("laut STANDARD-Informationen" in
  // DER STANDARD, "…, die dem STANDARD vorliegen"): that is the narrator's reporting.
  void AddSourceCue(size_t b, size_t last, const Np& source) {
    if (!IsOwnOutlet(source.who.name))
      AddCue(toks_[b].b, toks_[last].e, CueType::kAccording, source);
  }

  // "Dokumente, die der Nachrichtenagentur Reuters vorliegen": the one who holds an unnamed
  // source reports it. `from` is the token after the source phrase (or after "hervorgeht").
  // The holder, or nullopt; the article's own outlet ("…, die dem STANDARD vorliegen") gives
  // a holder too, which the caller leaves to the narrator.
  std::optional<Np> DocumentHolder(size_t from) const {
    const size_t n = toks_.size();
    if (from + 3 >= n || toks_[from].low != ",") return std::nullopt;
    const std::string& rel = toks_[from + 1].low;
    if (rel != "die" && rel != "das" && rel != "der") return std::nullopt;
    if (toks_[from + 2].low != "der" && toks_[from + 2].low != "dem") return std::nullopt;
    size_t verb = kNoTok;
    for (size_t k = from + 3; k < n && k < from + 12 && toks_[k].word; ++k) {
      if (toks_[k].low.starts_with("vorlieg") || toks_[k].low.starts_with("vorlag")) {
        verb = k;
        break;
      }
    }
    if (verb == kNoTok) return std::nullopt;
    auto np = nps_.Parse(from + 2, verb);
    if (!np || np->kind == NpKind::kPronoun || np->kind == NpKind::kUnnamed) return std::nullopt;
    return np;
  }

  // An unnamed source at tokens [b, last], unless a holder follows it (DocumentHolder).
  void UnnamedOrHolder(size_t b, size_t last) {
    if (auto holder = DocumentHolder(last + 1)) {
      AddSourceCue(b, holder->te - 1, *holder);
      return;
    }
    AddUnnamedCue(b, last);
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
    if ((next.cap && IsAllCaps(text_, next)) || lex_.agencies.count(next.low)) {
      Np np;
      np.tb = i + 1;
      np.te = i + 2;
      np.kind = NpKind::kNamed;
      np.who = nps_.NameWho(i + 1, i + 2, Gender::kUnknown);
      np.who.kind = SpeakerKind::kOrganisation;
      np.who.gender = Gender::kUnknown;
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

  // "according to a statement from the ministry": the first source noun within seven words
  // gives its owner, else the figure is reported without a name.
  void AccordingFallback(size_t i, size_t first) {
    for (size_t j = first; j < toks_.size() && j < first + 7 && toks_[j].word; ++j) {
      if (nps_.IsSource(j) || lex_.documents_en.count(toks_[j].low)) {
        SourceNounCue(i, j);
        return;
      }
    }
    // "according to their value in 1991": a possessive before no source is no attribution.
    if (first < toks_.size() && lex_.possessive_det.count(toks_[first].low)) return;
    if (first < toks_.size() && toks_[first].word) AddUnnamedCue(i, first);
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
      if (k + 1 >= toks_.size() || !lex_.in_phrase_de.count(toks_[k].low)) continue;
      size_t from = k + 1;
      auto np = nps_.Parse(from, toks_.size());
      if (np && np->kind != NpKind::kPronoun && np->kind != NpKind::kUnnamed &&
          (np->who.kind == SpeakerKind::kOrganisation || np->who.entry != nullptr ||
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
    auto np = nps_.Parse(a + 1, h);
    if (!np || np->kind == NpKind::kPronoun) return false;
    if (np->kind == NpKind::kUnnamed) {
      // "geht aus Dokumenten hervor, die der Nachrichtenagentur Reuters vorlagen"
      UnnamedOrHolder(i, h);
      return true;
    }
    AddCue(toks_[i].b, toks_[np->te - 1].e, CueType::kAccording, *np);
    return true;
  }

  // A relative clause opened by "wonach" / "demzufolge" / "nach denen|dem|der" right after
  // a source phrase and its comma: "eine Schätzung, wonach 53.000 …", "Umfragen, nach denen
  // 72 Prozent …". The phrase is the source (unnamed unless it has an owner).
  bool RelativeSourceCue(size_t i) {
    size_t comma = i;
    if (toks_[i].low == "denen" || toks_[i].low == "dem" || toks_[i].low == "der") {
      if (i < 2 || toks_[i - 1].low != "nach") return false;
      comma = i - 1;
    }
    if (comma < 2 || toks_[comma - 1].low != ",") return false;
    size_t end = comma - 1;
    for (size_t start = end > 10 ? end - 10 : 0; start < end; ++start) {
      if (!subjects_.IsBoundary(start) && !(toks_[start].word && toks_[start].cap)) continue;
      auto np = nps_.Parse(start, end);
      if (!np || np->te != end || np->tb != start || np->kind == NpKind::kPronoun) continue;
      if (np->kind == NpKind::kUnnamed || nps_.IsSource(start) ||
          (start + 1 < end && nps_.IsSource(start + 1))) {
        AddCue(toks_[start].b, toks_[i].e, CueType::kAccording, *np);
        return true;
      }
      return false;
    }
    return false;
  }

  // "wie Rutte am Mittwoch mitteilte", "wie das Ministerium berichtete".
  void WieClause(size_t i) {
    auto np = nps_.Parse(i + 1, toks_.size());
    if (!np || np->kind == NpKind::kUnnamed) return;
    // The verb closes the clause, after an apposition maybe ("Wie Eva Roth, Sprecherin des
    // Amts, am Montag mitteilte"); a separable verb stands after its particle ("bekannt gab").
    bool in_apposition = false;
    size_t outside = 0;  // words outside the apposition: at most 8 before the verb
    for (size_t j = np->te; j < toks_.size() && j < np->te + 20; ++j) {
      // "ein Sprecher der Befreiungsarmee (SPLA)": an acronym in brackets inside the
      // apposition.
      if (in_apposition && toks_[j].low == "(" && j + 2 < toks_.size() && toks_[j + 2].low == ")") {
        j += 2;
        continue;
      }
      if (!toks_[j].word) {
        if (toks_[j].low != ",") return;
        if (in_apposition) {
          in_apposition = false;
          continue;
        }
        // The apposition opens with a capital or an article ("Eva Roth, Sprecherin …",
        // "Philip Panynag, ein Sprecher der …").
        if (j != np->te || j + 1 >= toks_.size() ||
            (!toks_[j + 1].cap && !lex_.determiners.count(toks_[j + 1].low)))
          return;
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
    auto np = nps_.Parse(j + 1, toks_.size());
    if (!np || np->kind == NpKind::kUnnamed || np->tb != j + 1) return;
    AddCue(v.b, toks_[np->te - 1].e, CueType::kQuoteClause, *np);
  }

  bool ParticleLater(size_t vi) const {
    auto it = lex_.separable.find(toks_[vi].low);
    if (it == lex_.separable.end()) return true;
    // "geht davon aus" is a report, "geht … aus" alone is not.
    bool need_davon = IsGehenForm(toks_[vi].low, lex_);
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
        // "… Gelb zu sehen": "zu" before an infinitive is no particle ("gab … zu").
        if (toks_[j].low == p && p == "zu" && j + 1 < toks_.size() && toks_[j + 1].word) continue;
        if (toks_[j].low == p) return !need_davon;
      }
    }
    return false;
  }

  // "meldete … ein Sanierungsverfahren an" (anmelden: to file) is no report; the particle
  // at the end of the clause changes the verb.
  bool OtherVerbByParticle(size_t vi) const {
    const std::string& w = toks_[vi].low;
    auto other = lex_.other_by_particle.find(w);
    if (other == lex_.other_by_particle.end()) return false;
    for (size_t j = vi + 1; j < toks_.size(); ++j) {
      if (!toks_[j].word && (toks_[j].low == "," || toks_[j].low == ";" || toks_[j].low == "."))
        return false;
      if (std::find(other->second.begin(), other->second.end(), toks_[j].low) !=
          other->second.end()) {
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

  // "Die Flut forderte 92 Menschenleben": "fordern" with a toll is no demand, and no report.
  bool TollNotDemand(size_t vi) const {
    if (!toks_[vi].low.starts_with("forder") && toks_[vi].low != "gefordert") return false;
    for (size_t k = vi + 1; k < toks_.size() && k < vi + 6 && toks_[k].word; ++k) {
      if (lex_.toll_nouns_de.count(toks_[k].low)) return true;
    }
    return false;
  }

  // `finding`: a verb of finding ("ergab", "zeigte", "found"), a cue only when its subject
  // is a source ("Eine Umfrage ergab, dass …", "A study found that …").
  void VerbCue(size_t vi, bool finding = false) {
    const Tok& v = toks_[vi];
    if (!ParticleLater(vi) || OtherVerbByParticle(vi) || TollNotDemand(vi)) return;
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
      np = subjects_.BackwardNp(end, true);
      if (!np) np = subjects_.AppositiveNp(vi);
      if (!np && subjects_.IsBoundary(vi)) np = subjects_.ForwardNp(vi + 1);
      if (!np) np = subjects_.ClauseStartNp(vi);
      // "John Smith of Oxford University said", "Police in Ohio said".
      if (!np) np = subjects_.SubjectBeforePostmodifier(end);
    } else {
      size_t end = vi;
      // "Hans Seitinger (ÖVP) bezifferte": the parenthesis is no part of the subject.
      if (end >= 3 && toks_[end - 1].low == ")") {
        size_t k = end - 1;
        while (k > 0 && k + 6 > end && toks_[k].low != "(") --k;
        if (toks_[k].low == "(" && k > 0) end = k;
      }
      // Passive: "Die Ausfälle wurden von den Gläubigerschutzverbänden mit 1 Mio. Euro
      // beziffert": the agent after "von" speaks.
      if (auto agent = finding ? std::nullopt : PassiveAgent(vi)) {
        AddCue(toks_[agent->tb].b, v.e, CueType::kVerb, *agent);
        return;
      }
      np = subjects_.BackwardNp(end, true);
      // "Den Schaden bezifferte die Polizei": an accusative/dative phrase is no subject.
      if (np && lex_.object_det_de.count(toks_[np->tb].low)) np.reset();
      // Verb-second: "Danach sagte er", "Die Kosten bezifferte das Pentagon": a subject
      // after the verb that is a pronoun or a known speaker beats an unknown word before it.
      if (np && np->kind == NpKind::kNamed && np->who.entry == nullptr) {
        auto fwd = subjects_.ForwardNp(vi + 1);
        if (fwd && (fwd->kind == NpKind::kPronoun || fwd->kind == NpKind::kTitle ||
                    (fwd->kind == NpKind::kNamed && fwd->who.entry != nullptr)))
          np = fwd;
      } else if (np && np->kind == NpKind::kUnnamed &&
                 !lex_.IsSourceWord(toks_[np->te - 1].low, /*german_noun=*/false)) {
        // "Als Begründung gaben die USA an": a noun read as a source only by its suffix
        // before the verb yields to a body or a known speaker after it.
        auto fwd = subjects_.ForwardNp(vi + 1);
        if (fwd && lex_.indefinite.count(toks_[fwd->tb].low)) fwd.reset();  // an object
        if (fwd && (fwd->kind == NpKind::kPronoun || fwd->kind == NpKind::kTitle ||
                    (fwd->kind == NpKind::kNamed &&
                     (fwd->who.entry != nullptr || fwd->who.kind == SpeakerKind::kOrganisation))))
          np = fwd;
      }
      if (!np) np = subjects_.ForwardNp(vi + 1);
      if (!np) {
        // Perfect tense: "Rutte hat am Mittwoch betont" / "Am Mittwoch hat Rutte betont".
        for (size_t k = vi; k > 0 && k + 12 > vi; --k) {
          const Tok& t = toks_[k - 1];
          if (!t.word) break;
          if (lex_.aux_de.count(t.low)) {
            np = subjects_.BackwardNp(k - 1, true);
            if (!np) np = subjects_.ForwardNp(k);
            break;
          }
        }
      }
      if (!np) np = subjects_.AppositiveNp(vi);
      if (!np) np = subjects_.ClauseStartNp(vi);
      if (!np) np = subjects_.SubjectBeforePostmodifier(end);
      if (!np && vi + 1 < toks_.size()) {
        // "…, so schätzen die Forscher, …", "berichteten Augenzeugen": an unnamed source
        // after the verb still makes the figure reported (no speaker), not the narrator's.
        auto unnamed = nps_.Parse(vi + 1, toks_.size());
        // Only listed sources ("Forscher", "Augenzeugen"): "schätzen die Bedeutung … ein"
        // has an object there, not a source.
        if (unnamed && unnamed->kind == NpKind::kUnnamed &&
            lex_.unnamed.count(toks_[unnamed->te - 1].low))
          np = unnamed;
      }
    }
    if (!np) return;
    if (finding && !SourceHeaded(*np)) return;
    // "Die neue Einlassung belegt …": a source word read as a one-word name names nobody.
    if (finding && np->kind == NpKind::kNamed && np->who.entry == nullptr &&
        np->who.kind != SpeakerKind::kOrganisation && np->te - np->tb <= 2) {
      np->kind = NpKind::kUnnamed;
      np->who = Who{};
    }
    // "erklärte der UNO-Hochkommissar für Flüchtlinge, Filippo Grandi.": a description
    // followed by the name in apposition is that named person.
    size_t comma = np->te;
    // "(IAEO)" after the description belongs to it.
    if (comma + 2 < toks_.size() && toks_[comma].low == "(" && toks_[comma + 2].low == ")")
      comma += 3;
    while (comma < toks_.size() && comma < np->te + 5 && toks_[comma].word) ++comma;
    // "gab der Leiter des Bauamts, Jens Albrecht, bekannt": a German common noun after an
    // article ("der Leiter" read as a one-word name) is such a description too.
    bool described = np->kind != NpKind::kNamed ||
                     (np->who.entry == nullptr && np->who.name.find(' ') == std::string::npos &&
                      lex_.determiners.count(toks_[np->tb].low) > 0 && article_.lang != "en");
    if (described && np->kind != NpKind::kPronoun && comma + 1 < toks_.size() &&
        toks_[comma].low == ",") {
      if (auto name = nps_.Parse(comma + 1, toks_.size());
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

  // The agent of a German passive reporting clause: the participle at `vi` closes a clause
  // with a passive auxiliary ("wurde", "wurden", "wird", "werden", "worden") and a "von"/"vom"
  // phrase before it. The phrase as parsed (an unnamed one makes the figure reported).
  std::optional<Np> PassiveAgent(size_t vi) const {
    if (vi + 1 < toks_.size() && toks_[vi + 1].word && !lex_.finite_de.count(toks_[vi + 1].low))
      return std::nullopt;  // the participle ends the clause (or is followed by "worden")
    bool aux = false;
    size_t von = kNoTok;
    for (size_t k = vi; k > 0 && k + 16 > vi; --k) {
      const Tok& t = toks_[k - 1];
      if (!t.word && t.low != "." && t.low != "-") break;  // the clause starts after a comma
      // The finite forms in "w": wird, werden, wurde, wurden, worden, and war, waren of the
      // stative passive ("war vom Amt auf … geschätzt").
      if (lex_.finite_de.count(t.low) && t.low.starts_with("w")) aux = true;
      if (t.low == "von" || t.low == "vom") von = k - 1;
    }
    if (!aux || von == kNoTok) return std::nullopt;
    auto np = nps_.Parse(von + 1, vi);
    if (!np || np->kind == NpKind::kPronoun) return std::nullopt;
    if (toks_[von].low == "vom") np->tb = von;  // "vom Ministerium": the article is in "vom"
    return np;
  }

  // A phrase headed by a source noun ("Eine Umfrage", "die Studie des Instituts", "a new
  // study"): its first noun after the article and adjectives.
  bool SourceHeaded(const Np& np) const {
    for (size_t k = np.tb; k < np.te && k < np.tb + 4; ++k) {
      if (!toks_[k].word) return false;
      if (nps_.IsSource(k)) return true;
      if (toks_[k].cap && k > np.tb && article_.lang != "en") return false;
    }
    return false;
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
      // "it said" refers to a body: evidence of one, never of a person.
      const bool body_pronoun =
          np.kind == NpKind::kPronoun && lex_.pronouns_body.count(toks_[np.tb].low) > 0;
      if (body_pronoun && c.who.entry == nullptr) coref_.NoteOrgEvidence(c.who.id);
      if (c.who.entry == nullptr && c.who.kind == SpeakerKind::kPerson && !body_pronoun &&
          (c.who.gender != Gender::kUnknown || !np.role_stem.empty() ||
           np.kind == NpKind::kPronoun))
        coref_.NotePersonEvidence(c.who.id);
      if (np.kind == NpKind::kDescription && c.who.kind != SpeakerKind::kOrganisation)
        coref_.NoteOrgEvidence(c.who.id);
      coref_.AddSpeaker(Remembered{c.who, b, cur_paragraph_});
      if (!np.role_stem.empty()) coref_.NoteRole(c.who.id, np.role_stem);
    }
    cues_.push_back(std::move(c));
  }

  const Lexicon& lex_;
  const Article& article_;
  const std::string& text_;
  const std::vector<Tok>& toks_;
  const NounPhrases& nps_;
  Subjects subjects_;
  Coreference& coref_;
  const std::set<size_t>& quote_ends_;
  int cur_sentence_ = 0;
  int cur_paragraph_ = 0;
  std::vector<Cue> cues_;
};

}  // namespace

std::vector<Cue> FindCues(const Lexicon& lex, const Article& article, const NounPhrases& nps,
                          Coreference& coref, const std::set<size_t>& quote_ends, int sentence,
                          int paragraph) {
  return CueFinder(lex, article, nps, coref, quote_ends, sentence, paragraph).Find();
}

bool HasKonjunktiv(const std::vector<Tok>& toks, const Lexicon& lex) {
  for (const auto& t : toks) {
    if (t.word && lex.konjunktiv.count(t.low)) return true;
  }
  return false;
}

bool HasReportiveSollen(const std::vector<Tok>& toks, const Lexicon& lex) {
  bool sollen = false;
  for (size_t i = 0; i < toks.size(); ++i) {
    const Tok& t = toks[i];
    if (!t.word) continue;
    if (lex.reportive_de.count(t.low)) {
      sollen = true;
      continue;
    }
    // The perfect infinitive closes its clause: a participle, then "sein"/"haben"
    // ("… verletzt worden sein.", "… ums Leben gekommen sein,"); "ein Ende haben" is none.
    if (!sollen || !lex.perfect_aux_de.count(t.low) || i == 0) continue;
    if (i + 1 < toks.size() && toks[i + 1].word) continue;
    const Tok& p = toks[i - 1];
    if (p.word && !p.cap &&
        (p.low.starts_with("ge") || p.low.ends_with("t") || p.low.ends_with("en")))
      return true;
  }
  return false;
}

bool HasBackshift(const std::vector<Tok>& toks, const Lexicon& lex) {
  for (const auto& t : toks) {
    if (t.word && lex.backshift_en.count(t.low)) return true;
  }
  return false;
}

int BackReference(const std::vector<Tok>& toks, const Cue& first, const Lexicon& lex) {
  for (size_t k = 0; k < toks.size() && k < 4; ++k) {
    if (toks[k].b != first.span.begin) continue;
    return BackReferenceReach(toks, k, lex);
  }
  return 0;
}

void LinkQuotesToCues(std::string_view text, std::vector<Quote>& quotes, std::vector<Cue>& cues) {
  // Cues are in text order; for each quote take the first cue right after it, else the
  // last cue right before it (same paragraph).
  for (size_t qi = 0; qi < quotes.size(); ++qi) {
    Quote& q = quotes[qi];
    size_t next_quote = qi + 1 < quotes.size() ? quotes[qi + 1].span.begin : text.size();
    auto it = std::lower_bound(cues.begin(), cues.end(), q.span.end,
                               [](const Cue& c, size_t pos) { return c.span.begin < pos; });
    if (it != cues.end() && it->span.begin < next_quote && it->paragraph == q.paragraph &&
        !QuoteEndsSentence(text, q, it->span.begin) && it->span.begin - q.span.end <= 12 &&
        GapIsPunct(text.substr(q.span.end, it->span.begin - q.span.end))) {
      q.cue = static_cast<int>(it - cues.begin());
      it->quote_clause = true;
      continue;
    }
    // Before: the last cue ending before the quote.
    auto bt = std::lower_bound(cues.begin(), cues.end(), q.span.begin,
                               [](const Cue& c, size_t pos) { return c.span.begin < pos; });
    while (bt != cues.begin()) {
      --bt;
      if (bt->span.end > q.span.begin) continue;
      if (bt->paragraph != q.paragraph) break;
      size_t prev_quote_end = qi > 0 ? quotes[qi - 1].span.end : 0;
      if (bt->span.begin < prev_quote_end) break;
      std::string_view gap = text.substr(bt->span.end, q.span.begin - bt->span.end);
      size_t last = gap.find_last_not_of(" \t\r\n");
      bool colon = last != std::string_view::npos && gap[last] == ':';
      if (GapIsPunct(gap) || (colon && gap.size() <= 120)) {
        q.cue = static_cast<int>(bt - cues.begin());
        bt->quote_clause = true;
      }
      break;
    }
  }
}

}  // namespace claimtrack::attribute
