// The web encodings the review page reads requests with (serve/http.h).

#include "claimtrack/serve/http.h"

#include <catch2/catch.hpp>

namespace claimtrack::serve {
namespace {

TEST_CASE("percent-decoding reads escapes and refuses broken ones", "[serve]") {
  CHECK(PercentDecode("%41b+c", true) == "Ab c");
  CHECK(PercentDecode("%41b+c", false) == "Ab+c");
  CHECK(PercentDecode("%2e%2E", false) == "..");
  CHECK_FALSE(PercentDecode("%4", false));
  CHECK_FALSE(PercentDecode("%zz", false));
  CHECK_FALSE(PercentDecode("abc%", false));
  CHECK(PercentEncode("Anna Prüfer/x") == "Anna%20Pr%C3%BCfer%2Fx");
  CHECK(PercentDecode(PercentEncode("a b&c=d/é"), false) == "a b&c=d/é");
}

TEST_CASE("form bodies and query strings keep order and repeated names", "[serve]") {
  auto f = ParseUrlEncoded(
      "rating=false&sources=https%3A%2F%2Fa.org%2Fx%0Ahttps%3A%2F%2Fb.org&x&note=a+b");
  REQUIRE(f);
  CHECK(FieldValue(*f, "rating") == "false");
  CHECK(FieldValue(*f, "sources") == "https://a.org/x\nhttps://b.org");
  CHECK(FieldValue(*f, "note") == "a b");
  CHECK(FieldValue(*f, "x").empty());
  CHECK(FieldValue(*f, "missing").empty());
  auto r = ParseUrlEncoded("a=1&a=2");
  REQUIRE(r);
  CHECK(FieldValues(*r, "a") == std::vector<std::string>{"1", "2"});
  CHECK_FALSE(ParseUrlEncoded("a=%G1"));
}

TEST_CASE("cookies, UTF-8 and secrets", "[serve]") {
  CHECK(CookieValue("a=1; ct_reviewer=Anna%20P; b=2", "ct_reviewer") == "Anna%20P");
  CHECK(CookieValue("xct_reviewer=1", "ct_reviewer").empty());
  CHECK(IsValidUtf8("Prüfer €"));
  CHECK_FALSE(IsValidUtf8("\xC3"));
  CHECK_FALSE(IsValidUtf8("\xC0\xAF"));      // overlong '/'
  CHECK_FALSE(IsValidUtf8("\xED\xA0\x80"));  // a surrogate
  CHECK(ConstantTimeEquals("abc", "abc"));
  CHECK_FALSE(ConstantTimeEquals("abc", "abd"));
  CHECK_FALSE(ConstantTimeEquals("abc", "abcd"));
}

}  // namespace
}  // namespace claimtrack::serve
