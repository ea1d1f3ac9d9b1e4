#include "claimtrack/report/json_report.h"

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <string_view>

#include "claimtrack/report/finding_json_value.h"
#include "claimtrack/report/order.h"

namespace claimtrack::report {

namespace {

using Json = nlohmann::ordered_json;

Json Opt(const std::optional<double>& v) { return v ? Json(*v) : Json(nullptr); }

// A finding as finding_json.h writes it (the check and store contract), as a JSON value
// (its keys in the same, alphabetical order).
Json FindingJson(const ReportFinding& f) {
  std::string status(ToString(f.status));
  return Json(internal::FindingJsonValue(
      f.finding, status, f.status == analyze::FindingStatus::kNew ? "" : f.first_seen));
}

// The findings array as Dump(j, 2) writes it at the top level of the report, in the order
// new, open, gone; false (and `text` unusable) when a string in them is not UTF-8.
bool FindingsText(const ReportData& data, std::string* text) {
  std::string& out = *text;
  out = "[";
  out.reserve(data.findings.size() * 4096);  // about 3 KB each, indented
  bool any = false;
  for (auto st : {analyze::FindingStatus::kNew, analyze::FindingStatus::kOpen,
                  analyze::FindingStatus::kGone}) {
    for (const ReportFinding* f : internal::FindingsWith(data, st)) {
      out += any ? ",\n    " : "\n    ";
      any = true;
      std::string status(ToString(f->status));
      if (!internal::FindingJsonText(f->finding, status,
                                     f->status == analyze::FindingStatus::kNew ? "" : f->first_seen,
                                     &out, 2)) {
        return false;
      }
    }
  }
  out += any ? "\n  ]" : "]";
  return true;
}

// Invalid UTF-8 (never produced by claimtrack, but a caller may pass anything) is replaced,
// not thrown about.
std::string Dump(const Json& j, int indent) {
  return j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

std::string RenderJson(const ReportData& data) {
  const Generation& g = data.generation;
  Json j;
  j["format"] = "claimtrack-report";
  j["version"] = 1;
  Json gen;
  gen["title"] = g.title;
  gen["as_of"] = g.as_of;
  gen["since"] = g.since.empty() ? Json(nullptr) : Json(g.since);
  gen["tool_version"] = g.tool_version;
  gen["rule_set"] = g.rule_set;
  gen["keys_version"] = g.keys_version;
  gen["database"] = g.database;
  Json params = Json::array();
  for (const auto& [k, v] : g.parameters) params.push_back({{"name", k}, {"value", v}});
  gen["parameters"] = std::move(params);
  j["generation"] = std::move(gen);
  j["counts"] = {{"articles_since", data.counts.articles_since},
                 {"claims_since", data.counts.claims_since},
                 {"articles_total", data.counts.articles_total},
                 {"claims_total", data.counts.claims_total},
                 {"speakers_total", data.counts.speakers_total}};
  const internal::Summary s = internal::Summarize(data);
  Json summary;
  for (auto st : {analyze::FindingStatus::kNew, analyze::FindingStatus::kOpen,
                  analyze::FindingStatus::kGone}) {
    const auto& row = s.counts[static_cast<size_t>(st)];
    summary[std::string(ToString(st))] = {
        {"high", row[0]}, {"medium", row[1]}, {"low", row[2]}, {"total", row[0] + row[1] + row[2]}};
  }
  Json by_type;
  for (const auto& [type, n] : s.by_type) by_type[type] = n;
  summary["by_type"] = std::move(by_type);
  j["summary"] = std::move(summary);
  // The findings (most of a large report) are written as text (FindingsText) into the
  // place of an empty array, unless a string in them is not UTF-8.
  std::string findings_text;
  const bool as_text = FindingsText(data, &findings_text);
  Json findings = Json::array();
  if (!as_text) {
    for (auto st : {analyze::FindingStatus::kNew, analyze::FindingStatus::kOpen,
                    analyze::FindingStatus::kGone}) {
      for (const ReportFinding* f : internal::FindingsWith(data, st)) {
        findings.push_back(FindingJson(*f));
      }
    }
  }
  j["findings"] = std::move(findings);
  Json timelines = Json::array();
  for (const auto& t : data.timelines) {
    Json tj;
    tj["speaker"] = {{"id", t.speaker_id}, {"name", t.speaker_name}};
    tj["group"] = t.group;
    tj["key_label"] = t.key_label;
    tj["unit"] = t.unit;
    Json points = Json::array();
    for (const auto& p : t.points) {
      points.push_back({{"date", p.date},
                        {"claim_id", p.claim_id},
                        {"article_id", p.article_id},
                        {"outlet", p.outlet},
                        {"url", p.url},
                        {"figure", p.figure},
                        {"figure_text", p.figure_text},
                        {"value", Opt(p.value)},
                        {"low", Opt(p.low)},
                        {"high", Opt(p.high)},
                        {"weak", p.weak}});
    }
    tj["points"] = std::move(points);
    timelines.push_back(std::move(tj));
  }
  j["timelines"] = std::move(timelines);
  Json coverage = Json::array();
  for (const RuleCount& r : internal::SortedCoverage(data)) {
    coverage.push_back(
        {{"rule", r.rule_id}, {"claims_total", r.claims_total}, {"claims_since", r.claims_since}});
  }
  j["rule_coverage"] = std::move(coverage);
  std::string out = Dump(j, 2);
  if (as_text) {
    // A top-level key is the only text after a line break and two spaces.
    static constexpr std::string_view kEmpty = "\n  \"findings\": []";
    const size_t at = out.find(kEmpty);
    if (at == std::string::npos) throw std::logic_error("JSON report without findings");
    out.replace(at + kEmpty.size() - 2, 2, findings_text);
  }
  out += '\n';
  return out;
}

}  // namespace claimtrack::report
