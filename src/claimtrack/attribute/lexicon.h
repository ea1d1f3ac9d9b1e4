#pragma once
// Word lists for attribution (German and English): reporting verbs, separable verb
// particles, pronouns, determiners, role nouns, unnamed sources, Konjunktiv markers and the
// capitalised words that are never names. Internal to the attribute module; built once per
// Attributor and read-only afterwards (thread-safe to share).

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace claimtrack::attribute {

struct Lexicon {
  Lexicon();

  std::unordered_set<std::string> verbs_de;  // sagte, betont, mitteilte, ...
  std::unordered_set<std::string> verbs_en;  // said, told, warned, ...
  // Finite part of a separable German verb -> particles that make it a reporting verb
  // ("teilte" + "mit", "kündigte" + "an").
  std::unordered_map<std::string, std::vector<std::string>> separable;
  std::unordered_set<std::string> aux_de;             // hat, hatte, habe, ...
  std::unordered_set<std::string> skip_before_en;     // has, also, previously, ...
  std::unordered_set<std::string> skip_after_de;      // sich, auch, zudem, ...
  std::unordered_set<std::string> determiners;        // der, die, the, a, ein, ...
  std::unordered_set<std::string> possessive_det;     // sein, ihre, his, their, ...
  std::unordered_set<std::string> stop;               // capitalised words that are never names
  std::unordered_set<std::string> unnamed;            // Experten, officials, Angaben, ...
  std::unordered_set<std::string> konjunktiv;         // sei, seien, habe, hätten, ...
  std::unordered_set<std::string> boundary_words;     // wie, als, dass, that, as, but, ...
  std::unordered_set<std::string> honorific_m;        // Mr, Herr
  std::unordered_set<std::string> honorific_f;        // Mrs, Ms, Frau
  std::unordered_set<std::string> particles;          // von, van, de, al, bin ...
  std::unordered_set<std::string> role_modifiers_en;  // foreign, defence, prime, deputy ...
  std::unordered_set<std::string> spokes;             // spokesman, sprecher, office ...
  std::unordered_set<std::string> org_heads_en;       // ministry, government, department ...
  std::vector<std::string> org_suffixes_de;           // ministerium, regierung, amt, ...
  std::unordered_set<std::string> org_nouns;          // bahn, polizei, konzern, tories, ...
  std::vector<std::string> source_heads;              // umfragen, schätzung, studie, ...
  std::vector<std::string> noun_suffixes_de;          // ung, heit, keit, schaft, tion, ...
  std::unordered_set<std::string> descriptions;       // company, firm, konzern, ... (bodies)
  std::unordered_set<std::string> places;             // Moskau, Kyiv, Russland, ... (bodies)
  std::vector<std::string> role_stems_de;             // generalsekretär, präsident, ...
  std::unordered_set<std::string> role_heads_en;      // president, minister, chief, ...
  // Words of the stages' grammar (quotes, cues, noun phrases, coreference, decision).
  std::unordered_set<std::string> pronouns_m;      // er, ihm, he, him
  std::unordered_set<std::string> pronouns_f;      // sie, ihr, she, her
  std::unordered_set<std::string> pronouns_body;   // it
  std::unordered_set<std::string> colon_pronouns;  // er, sie, he, she, they ("er nannte:")
  std::unordered_set<std::string> backshift_en;    // would, could, might
  std::unordered_set<std::string> new_clause;      // while, und, but, sowie, ...
  std::unordered_set<std::string> coordinators;    // and, but, aber, doch
  std::unordered_set<std::string> so_followers;    // am, im, on, weiter ("…, so X am")
  std::unordered_set<std::string> agencies;        // reuters, dpa, afp, ...
  std::unordered_set<std::string> bare_bodies_en;  // police: a body without article
  std::unordered_set<std::string> finding_verbs;   // ergab, found: cues after a source
  std::unordered_set<std::string> documents_en;    // report, survey: owned by a name before
  std::unordered_set<std::string> subordinators;  // after, weil: a cue after one reports its clause
  std::unordered_set<std::string> konjunktiv_i;   // sei, habe, werde: indirect speech alone
  std::unordered_set<std::string> toll_nouns_de;  // forderte 92 Menschenleben: no demand
  std::unordered_set<std::string> postmodifier_openers;  // des, der, von, aus, im, ...
  std::unordered_set<std::string> finite_de;             // ist, sind, war, wird, wurde, ...
  std::unordered_set<std::string> object_det_de;         // den, dem, einen, einem
  std::unordered_set<std::string> genitive_det_de;       // des, der, eines, einer
  std::unordered_set<std::string> definite;              // the, der, die, das, des, dem, den
  std::unordered_set<std::string> indefinite;            // ein, eine, ..., a, an
  std::unordered_set<std::string> joining_particles;     // von, van, de, al, bin, ... (names)
  std::vector<std::string> description_heads_de;         // konzern, hersteller, unternehmen, ...
  std::unordered_set<std::string> body_modifiers_en;     // defence, foreign, health, ...
  std::unordered_set<std::string> in_phrase_de;      // in, im, bei, beim ("Im Bericht heißt es")
  std::unordered_set<std::string> secretary_of;      // state, defense, defence, war
  std::vector<std::string> nach_heads_de;            // angaben, worten, mitteilung ("nach Angaben")
  std::unordered_set<std::string> summary_nouns_de;  // zahlen, ergebnisse ("Diese Zahlen nannte")
  std::unordered_set<std::string> reportive_de;      // soll, sollen ("soll … gewesen sein")
  std::unordered_set<std::string> perfect_aux_de;    // sein, haben (perfect infinitive)
  std::unordered_set<std::string> gehen_forms;       // geht, gehen, ging, gingen ("geht hervor")
  std::unordered_set<std::string> name_glue;  // für, of, und, der, ... (lower-case in names)
  // Reporting verbs that a final particle turns into another verb ("meldete … an").
  std::unordered_map<std::string, std::vector<std::string>> other_by_particle;

  bool IsVerb(const std::string& low) const {
    return verbs_de.count(low) || verbs_en.count(low) || separable.count(low);
  }
  // The role stem of a token ("nato-generalsekretärin" -> "generalsekretär",
  // "president" -> "president"), "" when the token is no role noun. *female is set for
  // German feminine forms and "spokeswoman".
  std::string RoleStem(const std::string& low, bool* female) const;
  // True for a word that names a body: a listed noun ("bahn", "polizei", "tories"), also
  // with a German genitive/plural ending, or a word ending in an organisation suffix
  // ("statistikamt", "verkehrsministeriums", "hilfswerkes").
  bool IsOrgWord(const std::string& low) const;
  // True for a source that is no speaker: "umfragen", "dna-schätzungen", "firmenangaben",
  // "analysts" (the unnamed list or a listed compound head). With `german_noun`, also a
  // German common noun by its suffix ("erhebung", "untersuchung", "expertise").
  bool IsSourceWord(const std::string& low, bool german_noun) const;

 private:
  struct RoleForm {
    std::string form;  // "generalsekretärin"
    std::string stem;  // "generalsekretär"
    bool female = false;
  };
  std::vector<RoleForm> role_forms_;

  // The positions, in list order, of the entries of a suffix list by their last two bytes:
  // a word can only end in entries of its own bucket, so each lookup compares a handful of
  // entries instead of the whole list (RoleStem runs on every token of an article).
  class SuffixBuckets {
   public:
    void Add(std::string_view entry, uint32_t pos);
    // Entries that may be suffixes of `word` (all of them when the word is shorter than two
    // bytes); null when none.
    const std::vector<uint32_t>* Candidates(std::string_view word) const;

   private:
    static uint16_t Key(std::string_view s) {
      return static_cast<uint16_t>(static_cast<unsigned char>(s[s.size() - 1]) |
                                   static_cast<unsigned char>(s[s.size() - 2]) << 8);
    }
    std::unordered_map<uint16_t, std::vector<uint32_t>> by_key_;
    std::vector<uint32_t> short_;  // entries under two bytes: candidates for every word
  };
  SuffixBuckets role_buckets_, org_suffix_buckets_, source_head_buckets_, noun_suffix_buckets_;

  // The position of the first entry of `list` (in list order) for which `pred` holds, looked
  // up through `buckets` (entries that can end `word`); -1 when none. Defined in the .cpp.
  template <typename List, typename Pred>
  static int FirstEntry(const SuffixBuckets& buckets, const List& list, std::string_view word,
                        const Pred& pred);
};

}  // namespace claimtrack::attribute
