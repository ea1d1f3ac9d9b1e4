// The desk's verdict rules (store::CheckVerdict), shared by `review verdict` and the verdict
// form of `serve`: what may be recorded, and the field and hint of what may not.

#include <catch2/catch.hpp>

#include "claimtrack/store/reviews.h"

namespace claimtrack::store {
namespace {

VerdictInput Good() {
  return {"false", {"https://www.destatis.de/figures"}, "Destatis: 1.2 Mio.", "anna"};
}

std::string FieldOf(const VerdictInput& in) {
  auto p = CheckVerdict(in);
  return p ? p->field : "";
}

TEST_CASE("a complete verdict passes the desk's rules", "[store][reviews]") {
  CHECK_FALSE(CheckVerdict(Good()));
  VerdictInput u = Good();
  u.rating = "unverifiable";
  u.sources.clear();
  CHECK_FALSE(CheckVerdict(u));  // only 'unverifiable' may come without a source
}

TEST_CASE("verdict rules name the field and suggest a fix", "[store][reviews]") {
  VerdictInput in = Good();
  in.rating = "fals";
  auto p = CheckVerdict(in);
  REQUIRE(p);
  CHECK(p->field == "rating");
  CHECK(p->message == "unknown rating 'fals'");
  CHECK(p->hint.find("did you mean 'false'?") == 0);

  in = Good();
  in.sources = {"javascript:alert(1)"};
  CHECK(FieldOf(in) == "source");
  in.sources = {"https://example.org/a b"};
  CHECK(FieldOf(in) == "source");
  in.sources.clear();
  CHECK(FieldOf(in) == "source");

  in = Good();
  in.note = " \n\t";
  CHECK(FieldOf(in) == "note");

  in = Good();
  in.reviewer = "";
  CHECK(FieldOf(in) == "reviewer");
  in.reviewer = "anna\nbob";
  CHECK(FieldOf(in) == "reviewer");
  in.reviewer = std::string(kMaxReviewerBytes + 1, 'a');
  CHECK(FieldOf(in) == "reviewer");
  in.reviewer = std::string(kMaxReviewerBytes, 'a');
  CHECK(FieldOf(in).empty());
}

TEST_CASE("only absolute http(s) URLs without spaces or controls are sources", "[store][reviews]") {
  CHECK(IsHttpUrl("https://www.destatis.de/x"));
  CHECK(IsHttpUrl("http://example.org/a?b=c"));
  CHECK_FALSE(IsHttpUrl("ftp://example.org/x"));
  CHECK_FALSE(IsHttpUrl("https://"));
  CHECK_FALSE(IsHttpUrl("https://example.org/\x01"));
  CHECK_FALSE(IsHttpUrl("https://example.org/a\tb"));
}

}  // namespace
}  // namespace claimtrack::store
