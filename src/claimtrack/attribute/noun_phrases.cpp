// Noun phrases naming a speaker (noun_phrases.h). Parse() tries, in order: a pronoun, a
// table alias (with a role and a name after it), a role phrase, an honorific or a common
// noun before a name, a description of a body, an unnamed source, a capitalised name.

#include "claimtrack/attribute/noun_phrases.h"

#include <algorithm>
#include <cctype>
#include <string_view>

#include "claimtrack/attribute/lexicon.h"
#include "claimtrack/attribute/speaker_table.h"
#include "claimtrack/base/utf8.h"

namespace claimtrack::attribute {

namespace {

// "Ministeriums" -> "Ministerium", "Hauses" -> "Haus": the German genitive "-s" (and the "e"
// of "-ses") dropped from a word of five letters or more.
void DropGenitiveS(std::string& word) {
  if (word.size() <= 4 || word.back() != 's') return;
  word.pop_back();
  if (word.size() > 4 && word.back() == 'e' && word[word.size() - 2] == 's') word.pop_back();
}

// "police" -> "Police", "ägyptische …" -> "Ägyptische …": the first letter in capitals (ASCII,
// and ä ö ü, which are C3 A4 / B6 / BC in UTF-8, their capitals C3 84 / 96 / 9C).
std::string Capitalised(std::string s) {
  if (s.size() > 1 && static_cast<unsigned char>(s[0]) == 0xC3 &&
      (s[1] == '\xA4' || s[1] == '\xB6' || s[1] == '\xBC')) {
    s[1] = static_cast<char>(static_cast<unsigned char>(s[1]) - 0x20);
  } else if (!s.empty()) {
    s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
  }
  return s;
}

}  // namespace

NounPhrases::NounPhrases(const Lexicon& lex, const SpeakerTable* table, const Article& article,
                         const std::vector<Tok>& toks, const Coreference& coref)
    : lex_(lex),
      table_(table),
      article_(article),
      text_(article.text),
      toks_(toks),
      coref_(coref),
      alias_memo_(toks.size()) {}

bool NounPhrases::IsStop(const std::string& low) const { return lex_.stop.count(low) > 0; }

Who NounPhrases::BodyNamed(const std::string& name) const {
  if (table_ != nullptr) {
    if (const SpeakerEntry* e = table_->FindByAlias(name)) return FromEntry(*e);
  }
  Who w;
  w.id = "name:" + name;
  w.name = name;
  w.kind = SpeakerKind::kOrganisation;
  return w;
}

// Longest table alias starting at token i (at most 6 tokens, within [i, limit)).
const SpeakerEntry* NounPhrases::MatchAlias(size_t i, size_t limit, size_t* end) const {
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
const SpeakerEntry* NounPhrases::AliasAt(size_t i, size_t len) const {
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

Who FromEntry(const SpeakerEntry& e) {
  Who w;
  w.id = e.speaker.id;
  w.name = e.speaker.name;
  w.kind = e.speaker.kind;
  w.gender = e.speaker.gender;
  w.entry = &e;
  return w;
}

// A name written in the text, not (necessarily) in the table.
Who NounPhrases::NameWho(size_t tb, size_t te, Gender gender_hint) const {
  std::string name(text_.substr(toks_[tb].b, toks_[te - 1].name_e - toks_[tb].b));
  Who w;
  bool single = te - tb == 1;
  if (single) {
    if (const std::string* full = coref_.Introduced(toks_[tb].low)) {
      name = *full;
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
  bool org = IsAllCaps(text_, toks_[te - 1]) || lex_.places.count(low) > 0;
  for (const auto& suf : lex_.org_suffixes_de) {
    if (last_low.size() >= suf.size() &&
        last_low.compare(last_low.size() - suf.size(), suf.size(), suf) == 0)
      org = true;
  }
  if (lex_.org_heads_en.count(last_low) || lex_.IsOrgWord(last_low) ||
      lex_.agencies.count(last_low))
    org = true;
  for (size_t k = tb; k + 1 < te; ++k) {  // "Digitalverband Bitkom", "Hilfswerk UNHCR"
    if (lex_.IsOrgWord(toks_[k].low)) org = true;
  }
  // German genitive after "des": "des Ministeriums" -> "Ministerium".
  if (single && tb > 0 && toks_[tb - 1].low == "des") DropGenitiveS(name);
  w.id = "name:" + name;
  w.name = name;
  w.kind = org ? SpeakerKind::kOrganisation : SpeakerKind::kPerson;
  w.gender = org ? Gender::kUnknown : gender_hint;
  return w;
}

// A capitalised word that is a stop word in lower case but a name as written: a news
// agency ("Reuters", "die BBC", "AP") or an acronym in capitals ("WHO"; not in a line of
// capitals, such as a headline).
bool NounPhrases::NameDespiteStop(size_t k) const {
  const Tok& t = toks_[k];
  if (lex_.agencies.count(t.low)) return true;
  if (t.low.size() < 3 || !IsAllCaps(text_, t)) return false;
  bool caps_before = k > 0 && toks_[k - 1].word && IsAllCaps(text_, toks_[k - 1]);
  bool caps_after = k + 1 < toks_.size() && toks_[k + 1].word && IsAllCaps(text_, toks_[k + 1]);
  return !caps_before && !caps_after;
}

// Capitalised name run starting at j: "Mark Rutte", "Ursula von der Leyen".
size_t NounPhrases::NameRun(size_t j, size_t limit) const {
  size_t k = j;
  size_t caps = 0;
  while (k < limit && caps < 4) {
    const Tok& t = toks_[k];
    if (!t.word) break;
    // "Glücklicherweise", "Möglicherweise": German adverbs in "-weise" open sentences, they
    // name nobody.
    const bool adverb = t.low.size() > 8 && t.low.ends_with("weise");
    // A source word inside an English name ("Office for National Statistics") is a part.
    const bool source_part = caps > 0 && article_.lang == "en" && lex_.unnamed.count(t.low);
    if (t.cap && (!IsStop(t.low) || NameDespiteStop(k)) &&
        (!lex_.unnamed.count(t.low) || source_part) && t.role.empty() && !lex_.IsVerb(t.low) &&
        !adverb) {
      ++k;
      ++caps;
      if (t.possessive) break;
      continue;
    }
    // "Bank of England", "Office for National Statistics": "of"/"for" after a body word
    // inside an English name.
    if (caps > 0 && article_.lang == "en" && (t.low == "of" || t.low == "for") &&
        lex_.org_heads_en.count(toks_[k - 1].low) && k + 1 < limit && toks_[k + 1].word &&
        toks_[k + 1].cap && !IsStop(toks_[k + 1].low)) {
      ++k;
      continue;
    }
    // particles between name parts: von, van der, de, al
    if (caps > 0 && lex_.particles.count(t.low) && !t.cap) {
      size_t m = k;
      while (m < limit && toks_[m].word && lex_.particles.count(toks_[m].low) && !toks_[m].cap &&
             m < k + 2)
        ++m;
      if (m < limit && toks_[m].word && toks_[m].cap && !IsStop(toks_[m].low) &&
          lex_.joining_particles.count(toks_[k].low)) {
        k = m;
        continue;
      }
    }
    break;
  }
  // A lone capital letter ("T", "B") names nobody.
  if (k == j + 1 && toks_[j].name_e - toks_[j].b == 1) return j;
  return k;
}

// A name in quotation marks, alone or after a common noun: "„France Football“",
// "die Zeitung „Yemen Observer“", "die Musikzeitschrift „Billboard“". German news quotes
// the names of papers, programmes and alliances; such a name is a body.
std::optional<Np> NounPhrases::QuotedTitle(size_t i, size_t j, size_t limit) const {
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
    np.who = BodyNamed(text_.substr(toks_[first].b, toks_[m - 1].e - toks_[first].b));
    return np;
  }
  return std::nullopt;
}

std::optional<Np> NounPhrases::Parse(size_t i, size_t limit) const {
  if (i < limit && !toks_[i].word && article_.lang != "en") return QuotedTitle(i, i, limit);
  if (i >= limit || !toks_[i].word) return std::nullopt;
  Np np;
  np.tb = i;
  const std::string& w0 = toks_[i].low;
  // Pronouns.
  const bool male = lex_.pronouns_m.count(w0) > 0;
  const bool body = lex_.pronouns_body.count(w0) > 0;
  if (male || body || lex_.pronouns_f.count(w0)) {
    np.te = i + 1;
    np.kind = NpKind::kPronoun;
    // "IBM will keep the patents but it has pledged …": "it" is first the body that opens
    // its own sentence.
    if (body && i > 0) {
      size_t start = toks_[0].word && lex_.determiners.count(toks_[0].low) ? 1 : 0;
      size_t run = start < i ? NameRun(start, i) : start;
      if (run > start) {
        size_t end = 0;
        const SpeakerEntry* e = MatchAlias(start, run, &end);
        Who w = e != nullptr ? FromEntry(*e) : NameWho(start, run, Gender::kUnknown);
        if (w.kind == SpeakerKind::kOrganisation ||
            (w.entry == nullptr && run == start + 1 && !coref_.HasPersonEvidence(w.id))) {
          np.who = w;
          return np;
        }
      }
    }
    np.who = coref_.ResolvePronoun(
        male ? Referent::kMale : (body ? Referent::kBody : Referent::kFemale), toks_[i].b);
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
        return NameNp(i, r_end, run, limit, stem, fem ? Gender::kFemale : Gender::kUnknown);
      }
      if (e->speaker.kind == SpeakerKind::kOrganisation &&
          (stem == "spokes" || stem == "sprecher")) {
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
    // "Pentagon officials", "Kremlin sources": the body speaks through its unnamed people.
    if (article_.lang == "en" && e->speaker.kind == SpeakerKind::kOrganisation && np.te < limit &&
        toks_[np.te].word && !toks_[np.te].cap && lex_.unnamed.count(toks_[np.te].low))
      np.te += 1;
    return np;
  }
  // 2. Role phrase, optionally followed by a name.
  if (auto r = RolePhrase(i, j, limit, det)) return r;
  // "police said", "the police said": a body named by a common noun.
  if (article_.lang == "en" && (det.empty() || det == "the") && toks_[j].word &&
      lex_.bare_bodies_en.count(toks_[j].low) &&
      (j + 1 >= limit || !toks_[j + 1].word ||
       (toks_[j + 1].role.empty() && !toks_[j + 1].cap))) {  // not "the Police Federation"
    np.te = j + 1;
    np.kind = NpKind::kNamed;
    np.who = BodyNamed(Capitalised(toks_[j].low));
    return np;
  }
  // Honorifics.
  Gender gender = Gender::kUnknown;
  if (lex_.honorific_m.count(toks_[j].low)) {
    gender = Gender::kMale;
    ++j;
  } else if (lex_.honorific_f.count(toks_[j].low)) {
    gender = Gender::kFemale;
    ++j;
  }
  if (j < limit && toks_[j].low == "." && !toks_[j].word) ++j;
  if (j >= limit) return std::nullopt;
  // English "(Dutch) brewer Heineken", "the carmaker Toyota": a description of a body,
  // then its name.
  if (article_.lang == "en") {
    size_t k = j;
    if (k + 1 < limit && toks_[k].cap && !toks_[k + 1].cap && toks_[k + 1].word &&
        IsDescriptionWord(toks_[k + 1].low))
      ++k;  // a nationality or place before the noun
    if (k + 1 < limit && toks_[k].word && !toks_[k].cap && IsDescriptionWord(toks_[k].low) &&
        toks_[k + 1].cap) {
      size_t run = NameRun(k + 1, limit);
      if (run > k + 1) {
        np.te = run;
        np.kind = NpKind::kNamed;
        np.who = BodyNamed(
            std::string(text_.substr(toks_[k + 1].b, toks_[run - 1].name_e - toks_[k + 1].b)));
        return np;
      }
    }
  }
  // German "die ukrainische Luftwaffe", "des russischen Geheimdienstes": a nationality
  // adjective belongs to the body's name, so that two countries' air forces stay two
  // speakers. Named in the nominative ("Ukrainische Luftwaffe").
  // Another adjective may stand before it ("die staatliche libanesische Nachrichtenagentur").
  size_t nat = j;
  if (!det.empty() && article_.lang != "en" && nat + 2 < limit && toks_[nat].word &&
      !toks_[nat].cap && toks_[nat + 1].word && !toks_[nat + 1].cap &&
      !NationalityStem(toks_[nat].low) && NationalityStem(toks_[nat + 1].low) &&
      (toks_[nat].low.ends_with("e") || toks_[nat].low.ends_with("en")))
    ++nat;
  if (!det.empty() && article_.lang != "en" && nat + 1 < limit && toks_[nat].word &&
      !toks_[nat].cap && toks_[nat + 1].word && toks_[nat + 1].cap) {
    if (auto adj = NationalityStem(toks_[nat].low)) {
      size_t run = NameRun(nat + 1, limit);
      if (run == nat + 2 && toks_[nat + 1].role.empty()) {
        std::string noun(text_.substr(toks_[nat + 1].b, toks_[nat + 1].name_e - toks_[nat + 1].b));
        bool genitive = det == "des" || det == "eines";
        // Genitive "-es" after a consonant ("Geheimdienstes", "Verbandes"), else "-s"
        // ("Ministeriums", "Militärs").
        if (genitive && noun.size() > 5 && noun.ends_with("es") &&
            std::string_view("aeiouäöü").find(noun[noun.size() - 3]) == std::string_view::npos) {
          noun.resize(noun.size() - 2);
        } else if (genitive && noun.size() > 5 && noun.back() == 's') {
          noun.pop_back();
        }
        np.te = run;
        np.kind = NpKind::kNamed;
        // A country's institution: a body, named "Ägyptische Polizei".
        np.who = BodyNamed(Capitalised(*adj + "e " + noun));
        return np;
      }
    }
  }
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
    // English: "Health officials", "US officials", "Palestinian witnesses" — but a body
    // before the source owns it ("CEA analysts", "Pentagon officials"): capitals of three
    // letters or more, a table name or a body word.
    if (article_.lang == "en" && toks_[k].word && !toks_[k].possessive) {
      size_t end = 0;
      bool body =
          (toks_[k].cap && toks_[k].name_e - toks_[k].b >= 3 && IsAllCaps(text_, toks_[k])) ||
          MatchAlias(k, k + 1, &end) != nullptr || (toks_[k].cap && lex_.IsOrgWord(toks_[k].low));
      return !body;
    }
    return !toks_[k].cap ||
           (k == 0 && article_.lang != "en" && w.size() > 4 && !IsStop(w) &&
            (w.back() == 'e' || w.ends_with("en") || w.ends_with("er") || w.ends_with("es")));
  };
  // English: a name or a body word before the source noun owns it ("the WEF report",
  // "a Pentagon study", "Government figures").
  if (article_.lang == "en" && toks_[j].word && j + 1 < limit) {
    size_t run = NameRun(j, limit);
    bool body_word = run == j && lex_.IsOrgWord(toks_[j].low);
    if (body_word) run = j + 1;
    // A lone capitalised word opening the sentence is an adjective as often as a name
    // ("Separate figures", "Other statistics"): only a body word or capitals count there.
    const bool lone_start =
        j == 0 && run == 1 && !IsAllCaps(text_, toks_[0]) && !lex_.IsOrgWord(toks_[0].low);
    if (run > j && run < limit && run <= j + 3 && !lone_start &&
        lex_.documents_en.count(toks_[run].low)) {
      np.te = run + 1;
      np.kind = NpKind::kNamed;
      std::string name(text_.substr(toks_[j].b, toks_[run - 1].name_e - toks_[j].b));
      np.who = body_word ? BodyNamed(Capitalised(name)) : NameWho(j, run, Gender::kUnknown);
      if (!body_word && np.who.entry == nullptr) np.who.kind = SpeakerKind::kOrganisation;
      return np;
    }
  }
  if (IsSource(j) || (j + 1 < limit && IsSource(j + 1) && adjective(j))) {
    size_t k = IsSource(j) ? j + 1 : j + 2;
    // "des"/"der", and "eines"/"einer" after a listed source ("das Ergebnis einer Studie";
    // not after any "-ung" noun: "die Einrichtung einer Stelle" owns nothing).
    const bool genitive =
        k < limit && (toks_[k].low == "des" || toks_[k].low == "der" ||
                      (lex_.genitive_det_de.count(toks_[k].low) > 0 &&
                       lex_.IsSourceWord(toks_[k - 1].low, /*german_noun=*/false)));
    if (k < limit &&
        (genitive || toks_[k].low == "of" || toks_[k].low == "from" || toks_[k].low == "von")) {
      size_t m = genitive ? k : k + 1;
      if (auto owner = Parse(m, limit)) {
        // "Bedeutung des Themas": a common noun owns nothing; a body, a table speaker or
        // a full name does.
        bool owns = owner->who.kind == SpeakerKind::kOrganisation || owner->who.entry != nullptr ||
                    owner->kind == NpKind::kDescription ||
                    owner->who.name.find(' ') != std::string::npos ||
                    lex_.unnamed.count(toks_[j].low) > 0;
        // "Angaben eines Einwohners": an indefinite owner is someone unnamed, unless it is
        // a body or a source of its own ("das Ergebnis einer Studie der Stiftung …").
        if (lex_.indefinite.count(toks_[m].low) && owner->who.kind != SpeakerKind::kOrganisation &&
            owner->who.entry == nullptr && !(m + 1 < limit && IsSource(m + 1)))
          owns = false;
        if (owns && owner->kind != NpKind::kPronoun && owner->kind != NpKind::kUnnamed) {
          owner->tb = i;
          return owner;
        }
      }
    }
    // "der OSZE-Bericht", "laut einem UN-Papier": a compound that names its body.
    if (k == j + 1) {
      if (auto owner = CompoundOwner(j)) {
        owner->tb = i;
        return owner;
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
           !lex_.org_heads_en.count(toks_[k].low) && lex_.body_modifiers_en.count(toks_[k].low)) {
      ++k;
      ++mods;
    }
    if (k < limit && toks_[k].word && lex_.org_heads_en.count(toks_[k].low)) {
      np.te = k + 1;
      np.kind = NpKind::kNamed;
      np.who = BodyNamed(text_.substr(toks_[j].b, toks_[k].e - toks_[j].b));
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
bool NounPhrases::IsSource(size_t j) const {
  const Tok& t = toks_[j];
  if (!t.word) return false;
  if (t.cap && coref_.Introduced(t.low) != nullptr) return false;
  if (lex_.unnamed.count(t.low)) return true;  // "Behörden": listed, though a body's word
  if (lex_.IsOrgWord(t.low)) return false;
  bool german_noun = article_.lang != "en" && t.cap && !IsAllCaps(text_, t) &&
                     (j + 1 >= toks_.size() || !toks_[j + 1].cap || !toks_[j + 1].word);
  return lex_.IsSourceWord(t.low, german_noun);
}

// "the company", "the German carmaker", "der Münchner Konzern", "des Unternehmens": the
// last organisation named before (a table body, a name of organisation kind, or a one-word
// name used without any sign of a person). Unresolved: a cue without a speaker.
std::optional<Np> NounPhrases::Description(size_t i, size_t j, size_t limit,
                                           const std::string& det) const {
  if (!lex_.definite.count(det)) return std::nullopt;
  for (size_t k = j; k < limit && k < j + 3; ++k) {
    const Tok& t = toks_[k];
    if (!t.word || t.possessive || lex_.IsVerb(t.low) || IsStop(t.low)) return std::nullopt;
    // German adjectives are written in lower case; a capitalised one makes a proper name
    // ("der Europäischen Union", "die Deutsche Bahn"), no description.
    if (article_.lang != "en" && t.cap && k > 0 && !IsDescriptionWord(t.low) &&
        (t.low.ends_with("e") || t.low.ends_with("en") || t.low.ends_with("er") ||
         t.low.ends_with("es")))
      return std::nullopt;
    if (!IsDescriptionWord(t.low)) continue;
    // English descriptions are lower case; "the Inter-American Development Bank" is a name.
    if (article_.lang == "en" && t.cap && k > j) return std::nullopt;
    if (k + 1 < limit && toks_[k + 1].word && toks_[k + 1].cap &&
        (article_.lang == "en" || NameFollows(k + 1, limit)))
      return std::nullopt;  // "the company Northwind", "die Firma Kessler": a name follows
    if (k + 1 < limit && toks_[k + 1].possessive) return std::nullopt;
    // "the Bank of England", "the Office for National Statistics": a name.
    if (article_.lang == "en" && k + 2 < limit &&
        (toks_[k + 1].low == "of" || toks_[k + 1].low == "for") && toks_[k + 2].cap)
      return std::nullopt;
    Np np;
    np.tb = i;
    np.te = k + 1;
    np.kind = NpKind::kDescription;
    np.who = coref_.ResolveBody(toks_[i].b);
    return np;
  }
  return std::nullopt;
}

// German: the capitalised word at k after a description noun is a name ("die Firma
// Kessler", "der Hersteller Adidas-Salomon"), not a noun of the clause: no source, role,
// stop word or verb, and no further capital after it.
bool NounPhrases::NameFollows(size_t k, size_t limit) const {
  const Tok& t = toks_[k];
  if (IsStop(t.low) || lex_.IsVerb(t.low) || !t.role.empty() || IsSource(k) ||
      IsDescriptionWord(t.low))
    return false;
  return k + 1 >= limit || !toks_[k + 1].word || !toks_[k + 1].cap;
}

bool NounPhrases::IsDescriptionWord(const std::string& low) const {
  if (lex_.descriptions.count(low)) return true;
  for (std::string_view end : {"s", "es"}) {
    if (low.size() > end.size() + 3 && low.compare(low.size() - end.size(), end.size(), end) == 0 &&
        lex_.descriptions.count(low.substr(0, low.size() - end.size())))
      return true;
  }
  // German compounds: "Autokonzern", "Ölkonzerns", "Chiphersteller".
  if (article_.lang != "en") {
    for (std::string_view h : lex_.description_heads_de) {
      if (low.size() > h.size() + 2 && low.compare(low.size() - h.size(), h.size(), h) == 0)
        return true;
    }
  }
  return false;
}

std::optional<Np> NounPhrases::NameNp(size_t i, size_t j, size_t run, size_t limit,
                                      const std::string& stem, Gender gender) const {
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
std::optional<Np> NounPhrases::RolePhrase(size_t i, size_t j, size_t limit,
                                          const std::string& det) const {
  const bool indefinite = lex_.indefinite.count(det) > 0;
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
                    (article_.lang == "en" && lex_.org_heads_en.count(t.low)) ||
                    (!t.cap && t.low.size() > 3 &&
                     (t.low.back() == 'e' || t.low.substr(t.low.size() - 2) == "en" ||
                      t.low.substr(t.low.size() - 2) == "er"));
    if (!modifier || IsStop(t.low) || lex_.IsVerb(t.low)) return std::nullopt;
  }
  if (head == limit) return std::nullopt;
  size_t r_end = RoleEnd(head, limit, &stem);
  Gender gender = fem ? Gender::kFemale : Gender::kUnknown;
  if (!fem && (stem == "spokes" && toks_[head].low == "spokesman")) gender = Gender::kMale;
  if (!fem && !toks_[head].cap) {
  } else if (!fem) {
    gender = Gender::kMale;  // German masculine role noun
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
      if (e->speaker.kind == SpeakerKind::kPerson) {
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
    owner = Parse(g, limit);
  } else if (g + 1 < limit && (toks_[g].low == "of" || toks_[g].low == "for")) {
    owner = Parse(g + 1, limit);
  }
  if (owner && (owner->kind == NpKind::kPronoun || owner->kind == NpKind::kUnnamed)) owner.reset();
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
    std::string_view title = std::string_view(text_).substr(title_b, toks_[r_end - 1].e - title_b);
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
  if (!owner && indefinite && (stem == "spokes" || stem == "sprecher")) {
    // "ein Polizeisprecher", "a police spokesman": the body is in the compound or the
    // modifier (a definite "der Polizeisprecher" is a person the article may name).
    if (auto body = SpokespersonBody(j, head)) {
      np.te = r_end;
      np.kind = NpKind::kNamed;
      np.who = BodyNamed(*body);
      return np;
    }
  }
  if (owner && indefinite && owner->kind != NpKind::kRole &&
      (owner->who.kind == SpeakerKind::kOrganisation || owner->kind == NpKind::kDescription)) {
    // "ein Kommandeur des Übergangsrates", "an official of the ministry": someone unnamed
    // who speaks for the body.
    owner->tb = i;
    return owner;
  }
  np.te = owner ? owner->te : r_end;
  if (indefinite) {  // "ein Kommandeur", "a senior official": someone unnamed
    np.kind = NpKind::kUnnamed;
    return np;
  }
  np.kind = NpKind::kRole;
  np.who = coref_.ResolveRole(stem, gender, toks_[i].b);
  // German: a definite office named by a compound ("der Bundeswahlleiter", "der
  // Polizeichef") or with its body ("der Direktor der IAEO") is one identifiable holder:
  // when the article names nobody for it, the office is the speaker, as written.
  if (!np.who.ok() && article_.lang != "en" && lex_.definite.count(det) &&
      (toks_[head].low.size() >= stem.size() + 4 ||
       (owner && owner->kind == NpKind::kNamed && owner->who.kind == SpeakerKind::kOrganisation))) {
    size_t end_tok = np.te;
    std::string name(text_.substr(toks_[j].b, toks_[end_tok - 1].name_e - toks_[j].b));
    // "des Polizeichefs" -> "Polizeichef", "des Leiters des Amts" -> "Leiter des Amts": the
    // office word loses its genitive ending, as a name after "des" does (NameWho).
    size_t w_end = toks_[head].name_e - toks_[j].b;  // end of the office word in `name`
    if (i < j && toks_[i].low == "des" && w_end <= name.size()) {
      std::string word = name.substr(0, w_end);
      DropGenitiveS(word);
      name = word + name.substr(w_end);
    }
    np.who.id = "name:" + name;
    np.who.name = name;
    np.who.kind = SpeakerKind::kPerson;
    np.who.gender = gender;
    // Still a role phrase: an apposition after it ("der Chef der Bundesagentur, Frank-Jürgen
    // Weise,") names the holder.
  }
  return np;
}

// "UNO-Angaben", "UNHCR-Angaben", "dpa-Meldung": a source noun joined to the body it comes
// from, written in capitals, a news agency or an organisation word ("Polizei-Angaben").
std::optional<Np> NounPhrases::CompoundOwner(size_t head) const {
  const Tok& t = toks_[head];
  std::string_view raw = std::string_view(text_).substr(t.b, t.e - t.b);
  size_t dash = raw.find('-');
  if (dash == std::string_view::npos || dash < 2) return std::nullopt;
  std::string_view prefix = raw.substr(0, dash);
  std::string low = t.low.substr(0, dash);
  // Capitals name a body only where it is known as one: in the speakers table or
  // introduced in the article ("… Flüchtlingshilfswerk (UNHCR)"); "DNA-Analysen" and
  // "PISA-Studie" name none.
  bool caps =
      std::none_of(prefix.begin(), prefix.end(), [](char c) { return c >= 'a' && c <= 'z'; });
  Who who = BodyNamed(std::string(prefix));
  bool known = who.entry != nullptr ||
               (caps && text_.find("(" + std::string(prefix) + ")") != std::string::npos);
  if (!known && !lex_.agencies.count(low) && !lex_.IsOrgWord(low)) return std::nullopt;
  Np np;
  np.tb = head;
  np.te = head + 1;
  np.kind = NpKind::kNamed;
  np.who = who;
  return np;
}

// "ukrainischen" -> "ukrainisch", "deutsche" -> "deutsch": the stem of a German adjective of
// nationality (an "-isch" adjective or "deutsch") in any ending; nullopt for other words.
std::optional<std::string> NounPhrases::NationalityStem(const std::string& low) const {
  for (std::string_view end : {"e", "en", "er", "es", "em"}) {
    if (low.size() <= end.size() + 4 || !low.ends_with(end)) continue;
    std::string stem = low.substr(0, low.size() - end.size());
    if (stem.ends_with("isch") || stem == "deutsch") return stem;
  }
  return std::nullopt;
}

// The body a spokesperson without an owner phrase speaks for: a German compound whose
// first part is an organisation ("Polizeisprecher" -> Polizei, "Ministeriumssprecher" ->
// Ministerium), or an organisation word before the head ("a police spokesman").
std::optional<std::string> NounPhrases::SpokespersonBody(size_t j, size_t head) const {
  const Tok& h = toks_[head];
  for (std::string_view suf : {"sprecherin", "sprecher"}) {
    if (h.low.size() < suf.size() + 4 || !h.low.ends_with(suf)) continue;
    std::string prefix = h.low.substr(0, h.low.size() - suf.size());
    if (prefix == "presse" || prefix == "pressen") return std::nullopt;
    if (prefix.ends_with('-')) prefix.pop_back();
    size_t len = prefix.size();
    // A linking "s" ("Regierungs-", "Ministeriums-") is no part of the body's name.
    if (prefix.ends_with('s') && lex_.IsOrgWord(prefix.substr(0, len - 1))) {
      --len;
    } else if (!lex_.IsOrgWord(prefix)) {
      return std::nullopt;
    }
    // As written: the lower-case form has the text's byte length.
    return std::string(text_.substr(h.b, len));
  }
  for (size_t k = j; k < head; ++k) {
    const Tok& t = toks_[k];
    if (k + 1 == head && t.word && !t.cap && !t.possessive && lex_.org_heads_en.count(t.low) &&
        article_.lang == "en") {
      return Capitalised(t.low);
    }
  }
  return std::nullopt;
}

// End of a role phrase whose head is at `head`: "secretary general", "secretary of state".
size_t NounPhrases::RoleEnd(size_t head, size_t limit, std::string* stem) const {
  size_t r_end = head + 1;
  if (*stem == "secretary" && r_end < limit && toks_[r_end].low == "general") {
    *stem = "secretary general";
    ++r_end;
  } else if (*stem == "secretary" && r_end + 1 < limit && toks_[r_end].low == "of" &&
             lex_.secretary_of.count(toks_[r_end + 1].low)) {
    r_end += 2;
  }
  return r_end;
}

void RecordMentions(const NounPhrases& nps, Coreference& coref, int paragraph) {
  const std::vector<Tok>& toks = nps.toks();
  for (size_t i = 0; i < toks.size(); ++i) {
    if (!toks[i].word || !toks[i].cap) continue;
    size_t end = 0;
    if (const SpeakerEntry* e = nps.MatchAlias(i, toks.size(), &end)) {
      // A title after the alias ("NATO chief", "Kremlin spokesman") names a person.
      auto np = nps.Parse(i, toks.size());
      if (np && np->kind == NpKind::kTitle && np->te > end) {
        coref.AddMention(Remembered{np->who, toks[i].b, paragraph});
        i = np->te - 1;
        continue;
      }
      coref.AddMention(Remembered{FromEntry(*e), toks[i].b, paragraph});
      i = end - 1;
      continue;
    }
    const std::string& stem = toks[i].role;
    const bool fem = toks[i].role_female;
    if (stem.empty()) {
      // A title needs a role word within the phrase's first words (after an article):
      // without one, no parse can give a title, so none is tried (most capitalised German
      // words are nouns of no interest here).
      bool role_near = false;
      for (size_t k = i + 1; k < toks.size() && k <= i + 4 && !role_near; ++k)
        role_near = !toks[k].role.empty();
      if (toks[i].cap && nps.has_table() && role_near) {  // "der Kremlchef"
        auto np = nps.Parse(i, toks.size());
        if (np && np->kind == NpKind::kTitle) {
          coref.AddMention(Remembered{np->who, toks[i].b, paragraph});
          i = np->te - 1;
          continue;
        }
      }
      // "Jan Berg ist Bürgermeister": a name introduced in full is a person mentioned.
      if (i + 1 < toks.size() && toks[i + 1].word) {
        const std::string* full = coref.Introduced(toks[i + 1].low);
        const Tok& last = toks[i + 1];
        if (full != nullptr && *full == nps.Text(toks[i].b, last.name_e)) {
          Who w = nps.NameWho(i, i + 2, Gender::kUnknown);
          if (w.kind == SpeakerKind::kPerson) {
            coref.AddMention(Remembered{w, toks[i].b, paragraph});
            i = i + 1;
          }
        }
      }
      continue;
    }
    size_t run = nps.NameRun(i + 1, toks.size());
    if (run == i + 1) continue;
    Who w = nps.NameWho(i + 1, run,
                        fem ? Gender::kFemale : (toks[i].cap ? Gender::kMale : Gender::kUnknown));
    if (w.kind != SpeakerKind::kPerson) continue;
    coref.NoteRole(w.id, stem);
    coref.AddMention(Remembered{w, toks[i + 1].b, paragraph});
    i = run - 1;
  }
}

}  // namespace claimtrack::attribute
