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
