// The attribution vocabulary: read from lexicon.yaml (the words, both languages, in one
// place), plus the look-ups over it (role stems, organisation and source words).

#include "claimtrack/attribute/lexicon.h"

#include <memory>
#include <stdexcept>

#include "claimtrack/base/diagnostic.h"
#include "claimtrack/yaml/tree.h"

namespace claimtrack::attribute {

// The text of lexicon.yaml, embedded at build time (cmake/embed_text.cmake).
std::string_view EmbeddedLexiconYaml();

namespace {

// The embedded lexicon is part of the build: a fault in it is a bug, not a user's error.
[[noreturn]] void Broken(const std::string& what) {
  throw std::logic_error("attribute/lexicon.yaml (embedded): " + what);
}

std::vector<std::string> Words(const yaml::Node& n, const std::string& key) {
  if (!n.IsSeq()) Broken(key + " is no list");
  std::vector<std::string> out;
  for (const yaml::Node& item : n.items) {
    if (!item.IsScalar()) Broken(key + " holds something other than a word");
    out.push_back(item.scalar);
  }
  return out;
}

const std::vector<uint32_t> kNone;

bool EndsWith(const std::string& s, std::string_view suf) {
  return s.size() >= suf.size() && s.compare(s.size() - suf.size(), suf.size(), suf) == 0;
}
}  // namespace

Lexicon::Lexicon() {
  Diagnostics diags;
  yaml::Format format;
  format.in_what = "the attribution lexicon";
  for (const char** code :
       {&format.code_encoding, &format.code_empty, &format.code_documents, &format.code_syntax,
        &format.code_anchor, &format.code_depth, &format.code_duplicate})
    *code = "lexicon";
  std::unique_ptr<yaml::Node> root =
      yaml::Parse(EmbeddedLexiconYaml(), "attribute/lexicon.yaml", format, diags);
  if (root == nullptr || diags.HasErrors()) Broken(diags.ToString());
  if (!root->IsMap()) Broken("the top level is no mapping");
  const std::unordered_map<std::string, std::unordered_set<std::string>*> sets = {
      {"verbs_de", &verbs_de},
      {"verbs_en", &verbs_en},
      {"aux_de", &aux_de},
      {"skip_before_en", &skip_before_en},
      {"skip_after_de", &skip_after_de},
      {"determiners", &determiners},
      {"possessive_det", &possessive_det},
      {"stop", &stop},
      {"unnamed", &unnamed},
      {"konjunktiv", &konjunktiv},
      {"boundary_words", &boundary_words},
      {"honorific_m", &honorific_m},
      {"honorific_f", &honorific_f},
      {"particles", &particles},
      {"role_modifiers_en", &role_modifiers_en},
      {"spokes", &spokes},
      {"org_heads_en", &org_heads_en},
      {"org_nouns", &org_nouns},
      {"descriptions", &descriptions},
      {"places", &places},
      {"role_heads_en", &role_heads_en},
      {"pronouns_m", &pronouns_m},
      {"pronouns_f", &pronouns_f},
      {"pronouns_body", &pronouns_body},
      {"colon_pronouns", &colon_pronouns},
      {"backshift_en", &backshift_en},
      {"new_clause", &new_clause},
      {"coordinators", &coordinators},
      {"so_followers", &so_followers},
      {"agencies", &agencies},
      {"bare_bodies_en", &bare_bodies_en},
      {"finding_verbs", &finding_verbs},
      {"documents_en", &documents_en},
      {"subordinators", &subordinators},
      {"konjunktiv_i", &konjunktiv_i},
      {"toll_nouns_de", &toll_nouns_de},
      {"postmodifier_openers", &postmodifier_openers},
      {"finite_de", &finite_de},
      {"object_det_de", &object_det_de},
      {"genitive_det_de", &genitive_det_de},
      {"definite", &definite},
      {"indefinite", &indefinite},
      {"joining_particles", &joining_particles},
      {"body_modifiers_en", &body_modifiers_en},
      {"in_phrase_de", &in_phrase_de},
      {"secretary_of", &secretary_of},
      {"summary_nouns_de", &summary_nouns_de},
      {"gehen_forms", &gehen_forms},
      {"reportive_de", &reportive_de},
      {"perfect_aux_de", &perfect_aux_de},
      {"name_glue", &name_glue}};
  const std::unordered_map<std::string, std::vector<std::string>*> lists = {
      {"org_suffixes_de", &org_suffixes_de},           {"source_heads", &source_heads},
      {"noun_suffixes_de", &noun_suffixes_de},         {"role_stems_de", &role_stems_de},
      {"description_heads_de", &description_heads_de}, {"nach_heads_de", &nach_heads_de}};
  const std::unordered_map<std::string, std::unordered_map<std::string, std::vector<std::string>>*>
      maps = {{"separable", &separable}, {"other_by_particle", &other_by_particle}};
  std::unordered_map<std::string, std::string> role_canonical;
  std::unordered_set<std::string> seen;
  for (const yaml::Entry& e : root->entries) {
    const std::string& key = e.key.scalar;
    if (!seen.insert(key).second) Broken("duplicate key " + key);
    if (auto s = sets.find(key); s != sets.end()) {
      for (std::string& w : Words(e.value, key)) s->second->insert(std::move(w));
    } else if (auto l = lists.find(key); l != lists.end()) {
      *l->second = Words(e.value, key);
    } else if (auto m = maps.find(key); m != maps.end()) {
      if (!e.value.IsMap()) Broken(key + " is no mapping");
      for (const yaml::Entry& v : e.value.entries)
        (*m->second)[v.key.scalar] = Words(v.value, key + "." + v.key.scalar);
    } else if (key == "role_canonical_de" && e.value.IsMap()) {
      for (const yaml::Entry& v : e.value.entries) {
        if (!v.value.IsScalar()) Broken(key + "." + v.key.scalar + " is no word");
        role_canonical[v.key.scalar] = v.value.scalar;
      }
    } else {
      Broken("unknown key " + key);
    }
  }
  if (seen.size() != sets.size() + lists.size() + maps.size() + 1) Broken("a key is missing");
  // Every inflected form of the German role stems, in list order.
  for (const auto& stem : role_stems_de) {
    auto canonical = role_canonical.find(stem);
    for (std::string_view suf : {"innen", "in", "en", "es", "n", "s", "r", ""}) {
      bool fem = suf == "in" || suf == "innen";
      role_forms_.push_back(RoleForm{stem + std::string(suf),
                                     canonical == role_canonical.end() ? stem : canonical->second,
                                     fem});
    }
  }
  for (size_t i = 0; i < role_forms_.size(); ++i)
    role_buckets_.Add(role_forms_[i].form, static_cast<uint32_t>(i));
  for (size_t i = 0; i < org_suffixes_de.size(); ++i)
    org_suffix_buckets_.Add(org_suffixes_de[i], static_cast<uint32_t>(i));
  for (size_t i = 0; i < source_heads.size(); ++i)
    source_head_buckets_.Add(source_heads[i], static_cast<uint32_t>(i));
  for (size_t i = 0; i < noun_suffixes_de.size(); ++i)
    noun_suffix_buckets_.Add(noun_suffixes_de[i], static_cast<uint32_t>(i));
}

void Lexicon::SuffixBuckets::Add(std::string_view entry, uint32_t pos) {
  if (entry.size() < 2) {
    short_.push_back(pos);
    return;
  }
  by_key_[Key(entry)].push_back(pos);
}

const std::vector<uint32_t>* Lexicon::SuffixBuckets::Candidates(std::string_view word) const {
  // Short entries would have to be merged into every bucket in list order; the shipped lists
  // have none, so they only take the slow path.
  if (!short_.empty() || word.size() < 2) return nullptr;
  auto it = by_key_.find(Key(word));
  return it == by_key_.end() ? &kNone : &it->second;
}

template <typename List, typename Pred>
int Lexicon::FirstEntry(const SuffixBuckets& buckets, const List& list, std::string_view word,
                        const Pred& pred) {
  if (const auto* c = buckets.Candidates(word)) {
    for (uint32_t i : *c) {
      if (pred(list[i])) return static_cast<int>(i);
    }
    return -1;
  }
  for (size_t i = 0; i < list.size(); ++i) {
    if (pred(list[i])) return static_cast<int>(i);
  }
  return -1;
}

bool Lexicon::IsOrgWord(const std::string& low) const {
  if (org_nouns.count(low)) return true;
  for (std::string_view end : {"s", "es", "n", "en"}) {
    if (low.size() > end.size() + 2 && EndsWith(low, end) &&
        org_nouns.count(low.substr(0, low.size() - end.size())))
      return true;
  }
  return FirstEntry(org_suffix_buckets_, org_suffixes_de, low, [&](const std::string& suf) {
           // A suffix alone ("amt", "rat") must be part of a longer compound.
           if (low.size() > suf.size() + (suf.size() <= 4 ? 3 : 0) && EndsWith(low, suf))
             return true;
           return low == suf && suf.size() > 4;
         }) >= 0;
}

bool Lexicon::IsSourceWord(const std::string& low, bool german_noun) const {
  if (unnamed.count(low)) return true;
  auto head_of = [&](const std::string& head) {
    if (!EndsWith(low, head)) return false;
    if (low.size() == head.size()) return true;
    // A compound: "dna-schätzungen", "firmenangaben"; "kandidaten" is no "daten".
    char before = low[low.size() - head.size() - 1];
    return before == '-' || (head.size() >= 6 && low.size() >= head.size() + 3);
  };
  if (FirstEntry(source_head_buckets_, source_heads, low, head_of) >= 0) return true;
  return german_noun &&
         FirstEntry(noun_suffix_buckets_, noun_suffixes_de, low, [&](const std::string& suf) {
           return low.size() >= suf.size() + 5 && EndsWith(low, suf);
         }) >= 0;
}

std::string Lexicon::RoleStem(const std::string& low, bool* female) const {
  *female = false;
  if (role_heads_en.count(low)) {
    *female = low == "spokeswoman" || low == "chairwoman";
    if (low == "spokeswoman" || low == "spokesman" || low == "spokesperson") return "spokes";
    if (low == "secretary-general") return "secretary general";
    if (low == "vice-president") return "president";
    return low;
  }
  int f = FirstEntry(role_buckets_, role_forms_, low,
                     [&](const RoleForm& form) { return EndsWith(low, form.form); });
  if (f < 0) return "";
  *female = role_forms_[f].female;
  return role_forms_[f].stem;
}

}  // namespace claimtrack::attribute
