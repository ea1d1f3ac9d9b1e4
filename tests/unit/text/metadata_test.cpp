// Dates and the language guess.

#include <catch2/catch.hpp>
#include <string>

#include "claimtrack/text/article_reader.h"

using claimtrack::text::GuessLanguage;
using claimtrack::text::NormalizeDate;

TEST_CASE("dates normalise to ISO 8601", "[text]") {
  struct Case {
    const char* in;
    const char* out;
  };
  const Case cases[] = {
      {"2025-03-05", "2025-03-05"},
      {" 2025-03-05 ", "2025-03-05"},
      {"2025-03-05T10:00:00Z", "2025-03-05T10:00:00Z"},
      {"2025-03-05T10:00Z", "2025-03-05T10:00:00Z"},
      {"2025-03-05T10:00:00.123+01:00", "2025-03-05T10:00:00+01:00"},
      {"2025-03-05T10:00:00+0100", "2025-03-05T10:00:00+01:00"},
      {"2025-03-05 10:00:00", "2025-03-05T10:00:00"},
      {"2025/03/05", "2025-03-05"},
      {"05.03.2025", "2025-03-05"},
      {"5.3.2025", "2025-03-05"},
      {"05.03.25", "2025-03-05"},
      {"05.03.2025, 10:15 Uhr", "2025-03-05T10:15:00"},
      {"5. März 2025", "2025-03-05"},
      {"5. Maerz 2025", "2025-03-05"},
      {"5. Jänner 2025", "2025-01-05"},
      {"Mittwoch, 5. März 2025", "2025-03-05"},
      {"05. Dez. 2024", "2024-12-05"},
      {"March 5, 2025", "2025-03-05"},
      {"Mar. 5, 2025", "2025-03-05"},
      {"March 5th, 2025", "2025-03-05"},
      {"5 March 2025", "2025-03-05"},
      {"5th March 2025", "2025-03-05"},
      {"Wed, 05 Mar 2025 10:00:00 GMT", "2025-03-05T10:00:00Z"},
      {"Wed, 05 Mar 2025 10:00:00 +0100", "2025-03-05T10:00:00+01:00"},
      {"05 Mar 2025 10:00 EST", "2025-03-05T10:00:00-05:00"},
      {"29.02.2024", "2024-02-29"},
  };
  for (const auto& c : cases) {
    INFO(c.in);
    CHECK(NormalizeDate(c.in) == c.out);
  }
}

TEST_CASE("unknown or impossible dates become empty", "[text]") {
  for (const char* in : {"", "gestern", "heute 16:36 Uhr", "2025-13-01", "2025-02-30", "29.02.2025",
                         "31.04.2025", "5. Foo 2025", "March 32, 2025", "2025-03-05T25:00:00Z",
                         "2025-03-05T10:00:00 XYZT", "12345", "Wed, 05 Mar 2025 10:00:00 +9999"}) {
    INFO(in);
    CHECK(NormalizeDate(in).empty());
  }
  CHECK(NormalizeDate(std::string(100000, '1')).empty());
}

TEST_CASE("language guess tells German from English", "[text]") {
  CHECK(GuessLanguage("Die Regierung hat am Mittwoch mitgeteilt, dass die Zahl der Toten "
                      "auf 300 gestiegen ist.") == "de");
  CHECK(GuessLanguage("The ministry said on Wednesday that the death toll has risen to 300, "
                      "according to officials.") == "en");
  CHECK(GuessLanguage("Grüße aus Österreich über München") == "de");
  CHECK(GuessLanguage("").empty());
  CHECK(GuessLanguage("12 345 678").empty());
  CHECK(GuessLanguage("NATO").empty());
  // One-sentence texts (headlines, feed items): where the language is unknown, "5.000"
  // cannot be read (five or five thousand), so a short German sentence must be German.
  CHECK(GuessLanguage("Bis 2030 sollen in Wien 5.000 neue Gemeindewohnungen entstehen.") == "de");
  CHECK(GuessLanguage("Laut Ministerium kamen seit Jänner mehr als 900 Menschen.") == "de");
  CHECK(GuessLanguage("By 2030, 5,000 new council homes will be built in Vienna.") != "de");
}
