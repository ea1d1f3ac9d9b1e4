// Tokens of a sentence (tokens.h), the input of every later stage.

#include "claimtrack/attribute/tokens.h"

#include <catch2/catch.hpp>

#include "stage_util.h"

namespace claimtrack::attribute {
namespace {

TEST_CASE("the tokenizer keeps numbers with separators and splits off a possessive",
          "[attribute][tokens]") {
  const std::string text = "Zelensky's office counted 10.000 soldiers, 77,7 percent.";
  auto toks = Tokenize(text, 0, text.size());
  REQUIRE(toks.size() >= 7);
  CHECK(toks[0].low == "zelensky");
  CHECK(toks[0].full_low == "zelensky's");
  CHECK(toks[0].possessive);
  CHECK(toks[0].cap);
  CHECK(text.substr(toks[0].b, toks[0].name_e - toks[0].b) == "Zelensky");
  CHECK(testing::TokenIndex(toks, "10.000") < toks.size());
  CHECK(testing::TokenIndex(toks, "77,7") < toks.size());
  size_t comma = testing::TokenIndex(toks, ",");
  REQUIRE(comma < toks.size());
  CHECK_FALSE(toks[comma].word);
}

TEST_CASE("role stems are found on German and English role nouns", "[attribute][tokens]") {
  const std::string text = "Die NATO-Generalsekretärin und der spokesman";
  auto toks = testing::RoleTokens(text, 0, text.size());
  size_t gs = testing::TokenIndex(toks, "nato-generalsekretärin");
  REQUIRE(gs < toks.size());
  CHECK(toks[gs].role == "generalsekretär");
  CHECK(toks[gs].role_female);
  size_t sp = testing::TokenIndex(toks, "spokesman");
  REQUIRE(sp < toks.size());
  CHECK(toks[sp].role == "spokes");
  CHECK_FALSE(toks[sp].role_female);
}

TEST_CASE("an all-capitals word is an acronym", "[attribute][tokens]") {
  const std::string text = "WHO und Nato";
  auto toks = Tokenize(text, 0, text.size());
  REQUIRE(toks.size() == 3);
  CHECK(IsAllCaps(text, toks[0]));
  CHECK_FALSE(IsAllCaps(text, toks[2]));
}

}  // namespace
}  // namespace claimtrack::attribute
