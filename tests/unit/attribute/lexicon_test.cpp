// The attribution vocabulary (lexicon.h), read from the embedded lexicon.yaml.

#include "claimtrack/attribute/lexicon.h"

#include <catch2/catch.hpp>

namespace claimtrack::attribute {
namespace {

TEST_CASE("the embedded lexicon loads with the words of both languages", "[attribute][lexicon]") {
  Lexicon lex;
  CHECK(lex.IsVerb("sagte"));
  CHECK(lex.IsVerb("said"));
  CHECK(lex.IsVerb("teilte"));               // separable: "teilte … mit"
  CHECK(lex.verbs_de.count("räumte") == 0);  // only as a separable verb ("räumte … ein")
  REQUIRE(lex.separable.count("teilte"));
  CHECK(lex.separable.at("teilte") == std::vector<std::string>{"mit"});
  CHECK(lex.pronouns_m.count("er"));
  CHECK(lex.pronouns_f.count("she"));
  CHECK(lex.konjunktiv.count("sei"));
  CHECK(lex.unnamed.count("experten"));
  CHECK(lex.unnamed.count("umfragen"));  // the list is read whole, not only its first part
}

TEST_CASE("role stems come from the lexicon's German stems and English heads",
          "[attribute][lexicon]") {
  Lexicon lex;
  bool female = false;
  CHECK(lex.RoleStem("bundeskanzlerin", &female) == "kanzler");
  CHECK(female);
  CHECK(lex.RoleStem("regierungssprecher", &female) == "sprecher");  // role_canonical_de
  CHECK_FALSE(female);
  CHECK(lex.RoleStem("spokeswoman", &female) == "spokes");
  CHECK(female);
  CHECK(lex.RoleStem("haus", &female).empty());
  // Words shorter than any form, one byte, and the first form in list order wins:
  // "generalsekretärs" ends in "sekretärs" too, but "generalsekretär" comes first.
  CHECK(lex.RoleStem("r", &female).empty());
  CHECK(lex.RoleStem("", &female).empty());
  CHECK(lex.RoleStem("generalsekretärs", &female) == "generalsekretär");
  CHECK(lex.RoleStem("polizeisprecherin", &female) == "sprecher");
  CHECK(female);
}

TEST_CASE("a suffix lookup by the word's last two bytes finds what a scan of the list finds",
          "[attribute][lexicon]") {
  Lexicon lex;
  // Every role form, organisation suffix and source head, as a word of its own and inside a
  // compound, against the plain definition (a scan in list order).
  auto scan_role = [&](const std::string& w) {
    for (const auto& stem : lex.role_stems_de) {
      for (std::string_view suf : {"innen", "in", "en", "es", "n", "s", "r", ""}) {
        std::string form = stem + std::string(suf);
        if (w.size() >= form.size() && w.compare(w.size() - form.size(), form.size(), form) == 0)
          return true;
      }
    }
    return false;
  };
  std::vector<std::string> words;
  for (const auto& s : lex.role_stems_de) words.push_back("bundes" + s + "in");
  for (const auto& s : lex.org_suffixes_de) words.push_back("landes" + s);
  for (const auto& s : lex.source_heads) words.push_back("firmen" + s);
  words.insert(words.end(), {"haus", "a", "", "xx", "straße", "panzerung"});
  for (const auto& w : words) {
    bool female = false;
    CAPTURE(w);
    CHECK(!lex.RoleStem(w, &female).empty() == scan_role(w));
  }
  CHECK(lex.IsOrgWord("landesamt"));
  CHECK(lex.IsOrgWord("bundesministeriums"));
  CHECK(lex.IsSourceWord("firmenschätzungen", false));
  CHECK_FALSE(lex.IsOrgWord("xx"));
}

TEST_CASE("organisation and source words are told apart", "[attribute][lexicon]") {
  Lexicon lex;
  CHECK(lex.IsOrgWord("polizei"));
  CHECK(lex.IsOrgWord("verkehrsministeriums"));
  CHECK_FALSE(lex.IsOrgWord("panzer"));
  CHECK(lex.IsSourceWord("firmenangaben", false));
  CHECK(lex.IsSourceWord("bewertung", true));  // a German noun by its suffix
  CHECK_FALSE(lex.IsSourceWord("bewertung", false));
}

}  // namespace
}  // namespace claimtrack::attribute
