// The report renderers: golden files (approve with CLAIMTRACK_APPROVE=1), byte-identical
// output for the same data in any order, escaping of hostile article text, self-contained
// HTML, and the JSON contracts (findings as finding_json.h writes them for check).

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <sstream>

#include "claimtrack/report/finding_json.h"
#include "claimtrack/report/finding_json_value.h"
#include "claimtrack/report/html_report.h"
#include "claimtrack/report/json_report.h"
#include "claimtrack/report/markdown_report.h"
#include "claimtrack/report/text_report.h"
#include "report_fixture.h"

using namespace claimtrack;
using namespace claimtrack::report;
using namespace claimtrack::report::testing;

namespace {

std::string Golden(const std::string& name) {
  return std::string(CLAIMTRACK_SOURCE_DIR) + "/tests/data/report/golden/" + name;
}

// Compares `actual` with the golden file; with CLAIMTRACK_APPROVE=1 rewrites it instead.
void CheckGolden(const std::string& name, const std::string& actual) {
  const std::string path = Golden(name);
  const char* approve = std::getenv("CLAIMTRACK_APPROVE");
  if (approve && std::string(approve) == "1") {
    std::filesystem::create_directories(std::filesystem::path(path).parent_path());
    std::ofstream(path, std::ios::binary) << actual;
    WARN("approved " << path);
    return;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) FAIL("no golden file " << path << " (run with CLAIMTRACK_APPROVE=1 to create it)");
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string expected = ss.str();
  if (expected != actual) {
    size_t at = 0;
    while (at < expected.size() && at < actual.size() && expected[at] == actual[at]) ++at;
    FAIL(name << " differs from the golden file at byte " << at << ":\n  expected: "
              << expected.substr(at, 120) << "\n  actual:   " << actual.substr(at, 120)
              << "\n(review the change, then run with CLAIMTRACK_APPROVE=1)");
  }
}

size_t Occurrences(const std::string& s, const std::string& what) {
  size_t n = 0;
  for (size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("the fixture has every kind of finding and status", "[report]") {
  ReportData data = FixtureReport();
  std::set<std::string> types;
  for (const auto& f : data.findings) types.insert(std::string(ToString(f.finding.type)));
  CHECK(types == std::set<std::string>{"value_conflict", "scale_slip", "outlet_disagreement",
                                       "timeline_anomaly"});
  CHECK(data.timelines.size() >= 3);
}

TEST_CASE("the HTML report matches its golden file", "[report]") {
  CheckGolden("report.html", RenderHtml(FixtureReport()));
}

TEST_CASE("the Markdown report matches its golden file", "[report]") {
  CheckGolden("report.md", RenderMarkdown(FixtureReport()));
}

TEST_CASE("the JSON report matches its golden file", "[report]") {
  CheckGolden("report.json", RenderJson(FixtureReport()));
}

TEST_CASE("findings as JSON lines and as text match their golden files", "[report]") {
  ReportData data = FixtureReport();
  std::string lines, text_in;
  std::vector<analyze::Finding> findings;
  for (const auto& f : data.findings) {
    if (f.status == analyze::FindingStatus::kGone) continue;
    lines += FindingToJson(f.finding, ToString(f.status), f.first_seen) + "\n";
    findings.push_back(f.finding);
  }
  CheckGolden("findings.jsonl", lines);
  CheckGolden("findings.txt", RenderFindingsText(findings));
}

TEST_CASE("the same data gives byte-identical reports in any order", "[report]") {
  ReportData data = FixtureReport();
  const std::string html = RenderHtml(data), md = RenderMarkdown(data), json = RenderJson(data);
  std::mt19937 rng(3);
  for (int i = 0; i < 4; ++i) {
    ReportData shuffled = data;
    std::shuffle(shuffled.findings.begin(), shuffled.findings.end(), rng);
    std::shuffle(shuffled.coverage.begin(), shuffled.coverage.end(), rng);
    CHECK(RenderHtml(shuffled) == html);
    CHECK(RenderMarkdown(shuffled) == md);
    CHECK(RenderJson(shuffled) == json);
  }
}

TEST_CASE("article text cannot inject markup or script into the HTML report", "[report]") {
  const std::string html = RenderHtml(FixtureReport());
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;") != std::string::npos);
  CHECK(html.find("<img") == std::string::npos);
  CHECK(html.find("<b>") == std::string::npos);
  CHECK(html.find("javascript:") == std::string::npos);
  CHECK(html.find("Alpha &lt;b&gt;Zeitung&lt;/b&gt;") != std::string::npos);
  CHECK(html.find("Beta &quot;Blatt&quot;") != std::string::npos);
  CHECK(html.find("Menschen &amp; mehr") != std::string::npos);
}

TEST_CASE("the HTML report is self-contained and readable on a phone", "[report]") {
  const std::string html = RenderHtml(FixtureReport());
  CHECK(html.rfind("<!doctype html>", 0) == 0);
  CHECK(html.find("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">") !=
        std::string::npos);
  CHECK(Occurrences(html, "<style>") == 1);
  // No external resources, no script.
  CHECK(html.find(" src=") == std::string::npos);
  CHECK(html.find("<link") == std::string::npos);
  CHECK(html.find("@import") == std::string::npos);
  CHECK(html.find("url(") == std::string::npos);
  CHECK(html.find("<script") == std::string::npos);
  // Charts: a bar chart and one chart per timeline, inline.
  ReportData data = FixtureReport();
  CHECK(Occurrences(html, "<svg") == 1 + data.timelines.size());
  CHECK(Occurrences(html, "<svg") == Occurrences(html, "</svg>"));
  CHECK(Occurrences(html, "<article") == Occurrences(html, "</article>"));
  CHECK(Occurrences(html, "<section") == Occurrences(html, "</section>"));
  CHECK(Occurrences(html, "<details>") == Occurrences(html, "</details>"));
  // The sentences side by side, the figure marked.
  CHECK(html.find("<mark>rund 20.000</mark>") != std::string::npos);
  CHECK(html.find("<mark>28.000</mark>") != std::string::npos);
}

TEST_CASE("the Markdown report escapes article text", "[report]") {
  const std::string md = RenderMarkdown(FixtureReport());
  CHECK(md.find("<script") == std::string::npos);
  CHECK(md.find("&lt;script&gt;") != std::string::npos);
  CHECK(md.find("javascript:") == std::string::npos);
  CHECK(md.find("**rund 20.000**") != std::string::npos);
}

TEST_CASE("report findings are written with the check contract of finding_json.h", "[report]") {
  ReportData data = FixtureReport();
  REQUIRE(!data.findings.empty());
  const ReportFinding& open = data.findings[1];
  const std::string line = FindingToJson(open.finding, ToString(open.status), open.first_seen);
  CHECK(line.find('\n') == std::string::npos);
  auto j = nlohmann::json::parse(line);
  for (const char* k : {"id", "type", "severity", "status", "first_seen", "speaker", "key",
                        "claims", "explanation", "weak_attribution"}) {
    CHECK(j.contains(k));
  }
  REQUIRE(j["claims"].size() == 2);
  for (const char* k : {"claim_id", "article_id", "outlet", "date", "value", "low", "high",
                        "qualifier", "unit", "text", "span"}) {
    CHECK(j["claims"][0].contains(k));
  }
  auto all = nlohmann::json::parse(RenderJson(data));
  CHECK(all["format"] == "claimtrack-report");
  CHECK(all["findings"].size() == data.findings.size());
  // The report embeds exactly what check prints for the same finding.
  bool same = false;
  for (const auto& f : all["findings"]) same = same || f == j;
  CHECK(same);
  CHECK(all["summary"]["gone"]["total"] == 1);
}

TEST_CASE("an empty report renders every section", "[report]") {
  ReportData empty;
  empty.generation.as_of = "2025-12-04";
  const std::string html = RenderHtml(empty);
  for (const char* id : {"summary", "new", "open", "gone", "speakers", "coverage", "generation"}) {
    CHECK(html.find("<section id=\"" + std::string(id) + "\">") != std::string::npos);
  }
  CHECK(RenderMarkdown(empty).find("## New findings (0)") != std::string::npos);
  CHECK(nlohmann::json::parse(RenderJson(empty))["findings"].empty());
}

TEST_CASE("HTML and Markdown show at most max_findings in full and count the rest; JSON has all",
          "[report]") {
  ReportData data = FixtureReport();
  size_t fresh = 0, open = 0;
  for (const ReportFinding& f : data.findings) {
    fresh += f.status == analyze::FindingStatus::kNew;
    open += f.status == analyze::FindingStatus::kOpen;
  }
  REQUIRE(fresh >= 1);
  REQUIRE(open >= 1);
  data.max_findings = 1;
  // The one finding shown in full is the most severe new one.
  const auto shown = FindingsShownInFull(data);
  REQUIRE(shown.size() == 1);
  CHECK(shown[0]->status == analyze::FindingStatus::kNew);
  const std::string html = RenderHtml(data);
  CHECK(html.find("<h2>Still open (" + std::to_string(open) + ")</h2>") != std::string::npos);
  CHECK(html.find("<h3>Not shown in full (" + std::to_string(open) + ")</h3>") !=
        std::string::npos);
  CHECK(html.find("id=\"finding-" + shown[0]->finding.id) != std::string::npos);
  const std::string md = RenderMarkdown(data);
  CHECK(md.find("### Not shown in full (" + std::to_string(open) + ")") != std::string::npos);
  CHECK(md.find("`--max-findings`") != std::string::npos);
  auto all = nlohmann::json::parse(RenderJson(data));
  CHECK(all["findings"].size() == data.findings.size());
  // No cap: every new and open finding in full, the output as before.
  data.max_findings = 0;
  CHECK(FindingsShownInFull(data).size() == fresh + open);
  CHECK(RenderHtml(data).find("Not shown in full") == std::string::npos);
}

TEST_CASE("findings written directly are nlohmann's text of the same JSON value", "[report]") {
  // Compact (check, the store) and indented (the JSON report).
  ReportData data = FixtureReport();
  REQUIRE(data.findings.size() >= 2);
  auto dump = [](const analyze::Finding& f, std::string_view status, std::string_view seen) {
    return internal::FindingJsonValue(f, status, seen)
        .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  };
  std::vector<analyze::Finding> cases;
  for (const ReportFinding& rf : data.findings) cases.push_back(rf.finding);
  analyze::Finding hostile = data.findings[0].finding;
  hostile.explanation = std::string("quote \" backslash \\ tab \t nl \n cr \r ff \f bs \b ") +
                        '\x01' + '\x1f' + '\x7f' + " ä € 😀";
  hostile.key_label = "";
  hostile.relative_gap = 1e-7;
  hostile.days_apart = -1;
  hostile.claims[0].confidence = 0.1 + 0.2;
  hostile.claims[0].value = 1e21;
  hostile.claims[0].low = -2.5e-300;
  hostile.claims[0].high = std::numeric_limits<double>::infinity();
  hostile.claims[0].range_low = std::numeric_limits<double>::quiet_NaN();
  hostile.claims[0].range_high = 20000.0;
  hostile.claims[1].value.reset();
  hostile.claims[1].span_begin = 4000000000u;
  cases.push_back(hostile);
  analyze::Finding invalid = hostile;  // not UTF-8: nlohmann's replacement characters
  invalid.claims[1].sentence = "caf\xe9 \xc0\xaf \xed\xa0\x80 \xf4\x90\x80\x80 \xe2\x82";
  cases.push_back(invalid);
  for (const analyze::Finding& f : cases) {
    for (std::string_view status : {"", "new"}) {
      for (std::string_view seen : {"", "2025-12-07T05:30:00Z"}) {
        CHECK(FindingToJson(f, status, seen) == dump(f, status, seen));
        std::string pretty;  // as the JSON report writes it, here at the top level
        if (internal::FindingJsonText(f, status, seen, &pretty, 0)) {
          CHECK(pretty == internal::FindingJsonValue(f, status, seen).dump(2));
        }
      }
    }
  }
  std::string text;
  CHECK(internal::FindingJsonText(hostile, "", "", &text));
  CHECK(!internal::FindingJsonText(invalid, "", "", &text));
}

TEST_CASE("stored findings are read without a JSON tree when they have check's shape", "[report]") {
  ReportData data = FixtureReport();
  REQUIRE(!data.findings.empty());
  analyze::Finding odd = data.findings[0].finding;
  odd.explanation = "quote \" backslash \\ tab \t ä € 😀";
  odd.claims[0].value.reset();
  odd.claims[0].range_low = 1e21;
  odd.claims[0].high = std::numeric_limits<double>::infinity();  // written as null
  odd.days_apart = -1;
  std::vector<analyze::Finding> cases = {odd};
  for (const ReportFinding& rf : data.findings) cases.push_back(rf.finding);
  for (const analyze::Finding& f : cases) {
    const std::string text = FindingToJson(f, "open", "2025-12-01");
    analyze::Finding read;
    REQUIRE(internal::FindingFromJsonText(text, &read));
    CHECK(FindingToJson(read) == FindingToJson(f));
    CHECK(FindingToJson(FindingFromJson(text)) == FindingToJson(f));
  }
  // Other shapes go through the tree: the same result, or the same error.
  const std::string head = R"({"type":"value_conflict","severity":"high",)";
  analyze::Finding f;
  for (const std::string& text :
       {head + R"("id":"a","extra":{"x":[1]},"claims":[]})", head + R"("id":"x","id":"a"})",
        head + R"("id":"a","claims":[{"span":[-1,2]}]})", head + R"("id":"a"} trailing)"}) {
    CHECK(!internal::FindingFromJsonText(text, &f));
  }
  CHECK(FindingFromJson(head + R"("id":"x","id":"a"})").id == "a");
  CHECK(FindingFromJson(head + R"("id":"a","extra":{"x":[1]},"claims":[]})").id == "a");
  CHECK(FindingFromJson(head + R"("id":"a","claims":[{"span":[1,2,3],"unit":"%"}]})")
            .claims.at(0)
            .unit == "%");
  REQUIRE(internal::FindingFromJsonText(head + R"("id":null,"speaker":{"id":"s"},"x":1})", &f));
  CHECK(f.id.empty());
  CHECK(f.speaker_id == "s");
  CHECK_THROWS(FindingFromJson(head + R"("id":5})"));
  CHECK_THROWS(FindingFromJson(R"({"id":"a","type":"nonsense","severity":"high"})"));
  CHECK_THROWS(FindingFromJson("[1,2]"));
}
