// Pronoun, role and body resolution over what the article said before (coreference.h).
// Each resolution looks back over at most kMaxLookBack speakers and mentions, so an article
// costs O(length).

#include "claimtrack/attribute/coreference.h"

#include <algorithm>

#include "claimtrack/attribute/lexicon.h"
#include "claimtrack/attribute/speaker_table.h"

namespace claimtrack::attribute {

namespace {

constexpr size_t kMaxLookBack = 64;  // speakers searched for a pronoun/role antecedent

bool Fits(const Who& w, Referent referent) {
  if (referent == Referent::kBody) return w.kind == SpeakerKind::kOrganisation;
  if (w.kind != SpeakerKind::kPerson) return false;
  Gender g = referent == Referent::kMale ? Gender::kMale : Gender::kFemale;
  return w.gender == Gender::kUnknown || w.gender == g;
}

// The last remembered speaker before `pos` (within the look-back) that `fits`, else empty.
template <typename F>
const Who* LastBefore(const std::vector<Remembered>& list, size_t pos, const F& fits) {
  size_t looked = 0;
  for (auto it = list.rbegin(); it != list.rend() && looked < kMaxLookBack; ++it, ++looked) {
    if (it->pos < pos && fits(it->who)) return &it->who;
  }
  return nullptr;
}

}  // namespace

void Coreference::RecordIntroductions(const std::vector<Tok>& toks, std::string_view text,
                                      const Lexicon& lex) {
  auto stop = [&](const std::string& low) { return lex.stop.count(low) > 0; };
  for (size_t i = 0; i + 1 < toks.size(); ++i) {
    const Tok& a = toks[i];
    const Tok& b = toks[i + 1];
    if (!a.word || !b.word || !a.cap || !b.cap || a.possessive) continue;
    if (stop(a.low) || stop(b.low) || lex.unnamed.count(a.low)) continue;
    // "Andere Quellen", "Offizielle Angaben": a source noun is no surname.
    if (lex.IsSourceWord(b.low, false)) continue;
    if (!a.role.empty() || !b.role.empty()) continue;
    if (i + 2 < toks.size() && toks[i + 2].word && toks[i + 2].cap && !stop(toks[i + 2].low))
      continue;  // three capitalised words: not a clear "First Last"
    if (IsAllCaps(text, a) || IsAllCaps(text, b)) continue;
    std::string full = std::string(text.substr(a.b, a.e - a.b)) + " " +
                       std::string(text.substr(b.b, b.name_e - b.b));
    intro_[b.low] = full;
  }
}

const std::string* Coreference::Introduced(const std::string& low) const {
  auto it = intro_.find(low);
  return it == intro_.end() ? nullptr : &it->second;
}

Who Coreference::ResolvePronoun(Referent referent, size_t pos) const {
  // "it" is a body: named as one, or a one-word name with no sign of a person ("Heineken
  // said …. It had warned …").
  if (referent == Referent::kBody) return ResolveBody(pos);
  auto fits = [&](const Who& w) { return Fits(w, referent); };
  if (const Who* w = LastBefore(speakers_, pos, fits)) return *w;
  if (const Who* w = LastBefore(mentions_, pos, fits)) return *w;
  return Who{};
}

Who Coreference::ResolveRole(const std::string& stem, Gender gender, size_t pos) const {
  auto fits = [&](const Who& w) {
    if (w.kind != SpeakerKind::kPerson) return false;
    if (gender != Gender::kUnknown && w.gender != Gender::kUnknown && w.gender != gender)
      return false;
    auto rs = roles_seen_.find(w.id);
    if (rs != roles_seen_.end() && rs->second.count(stem)) return true;
    if (w.entry != nullptr) {
      if (SpeakerTable::HasRoleWord(*w.entry, stem, date_)) return true;
      if (stem == "spokes" || stem == "sprecher") {
        return SpeakerTable::HasRoleWord(*w.entry, "spokesman", date_) ||
               SpeakerTable::HasRoleWord(*w.entry, "spokesperson", date_) ||
               SpeakerTable::HasRoleWord(*w.entry, "sprecher", date_) ||
               SpeakerTable::HasRoleWord(*w.entry, "sprecherin", date_);
      }
      if (SpeakerTable::HasRoleWord(*w.entry, stem + "in", date_)) return true;
    }
    return false;
  };
  if (const Who* w = LastBefore(speakers_, pos, fits)) return *w;
  if (const Who* w = LastBefore(mentions_, pos, fits)) return *w;
  return Who{};
}

Who Coreference::ResolveBody(size_t pos) const {
  auto fits = [&](const Who& w) {
    if (w.kind == SpeakerKind::kOrganisation) return w.id.rfind("narrator:", 0) != 0;
    if (w.entry != nullptr || person_evidence_.count(w.id)) return false;
    // A one-word name never introduced as "First Last": "Northwind", "Barclays".
    return w.name.find(' ') == std::string::npos && w.name.size() >= 2;
  };
  if (const Who* w = LastBefore(speakers_, pos, fits)) return *w;
  auto body = [](const Who& w) { return w.kind == SpeakerKind::kOrganisation; };
  if (const Who* w = LastBefore(mentions_, pos, body)) return *w;
  return Who{};
}

const Who* Coreference::LastMentionInParagraph(int paragraph, size_t pos) const {
  auto it = std::lower_bound(mentions_.begin(), mentions_.end(), pos,
                             [](const Remembered& r, size_t p) { return r.pos < p; });
  if (it == mentions_.begin()) return nullptr;
  --it;
  for (size_t n = 0; n < kMaxLookBack; ++n, --it) {
    if (it->paragraph != paragraph) return nullptr;
    if (it->who.kind == SpeakerKind::kPerson) return &it->who;
    if (it == mentions_.begin()) break;
  }
  return nullptr;
}

}  // namespace claimtrack::attribute
