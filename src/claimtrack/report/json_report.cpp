#include "claimtrack/report/json_report.h"

#include <nlohmann/json.hpp>

#include "claimtrack/report/order.h"

namespace claimtrack::report {

namespace {

using Json = nlohmann::ordered_json;

Json Opt(const std::optional<double>& v) { return v ? Json(*v) : Json(nullptr); }

Json ClaimJson(const analyze::FindingClaim& c) {
  Json j;
  j["claim_id"] = c.claim_id;
  j["article_id"] = c.article_id;
  j["outlet"] = c.outlet;
  j["url"] = c.url;
  j["title"] = c.title;
  j["date"] = c.date;
  j["speaker"] = {{"id", c.speaker_id},
                  {"name", c.speaker_name},
                  {"method", c.method},
                  {"confidence", c.confidence}};
  j["figure"] = c.figure;
  j["kind"] = c.kind;
  j["value"] = Opt(c.value);
  j["low"] = Opt(c.low);
  j["high"] = Opt(c.high);
  j["range_low"] = Opt(c.range_low);
  j["range_high"] = Opt(c.range_high);
  j["qualifier"] = c.qualifier.empty() ? Json(nullptr) : Json(c.qualifier);
  j["unit"] = c.unit;
  j["period"] = c.period.empty() ? Json(nullptr) : Json(c.period);
  j["text"] = c.sentence;
  j["span"] = {c.span_begin, c.span_end};
  j["rule"] = c.rule_id;
  j["weak"] = c.weak;
  return j;
}

Json FindingJson(const analyze::Finding& f, std::optional<analyze::FindingStatus> status,
                 std::string_view first_seen) {
  Json j;
  j["id"] = f.id;
  j["type"] = std::string(ToString(f.type));
  j["severity"] = std::string(ToString(f.severity));
  if (status) j["status"] = std::string(ToString(*status));
  if (status && status != analyze::FindingStatus::kNew) j["first_seen"] = first_seen;
  j["speaker"] = {{"id", f.speaker_id}, {"name", f.speaker_name}};
  j["key"] = f.key;
  j["key_label"] = f.key_label;
  j["group"] = f.group;
  j["scope"] = f.scope;
  j["explanation"] = f.explanation;
  j["weak_attribution"] = f.weak_attribution;
  j["relative_gap"] = f.relative_gap;
  j["days_apart"] = f.days_apart < 0 ? Json(nullptr) : Json(f.days_apart);
  Json claims = Json::array();
  for (const auto& c : f.claims) claims.push_back(ClaimJson(c));
  j["claims"] = std::move(claims);
  return j;
}

// Invalid UTF-8 (never produced by claimtrack, but a caller may pass anything) is replaced,
// not thrown about.
std::string Dump(const Json& j, int indent) {
  return j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

std::string FindingToJson(const analyze::Finding& finding,
                          std::optional<analyze::FindingStatus> status,
                          std::string_view first_seen) {
  return Dump(FindingJson(finding, status, first_seen), -1);
}

std::string FindingsToJson(const std::vector<analyze::Finding>& findings) {
  Json a = Json::array();
  for (const auto& f : findings) a.push_back(FindingJson(f, std::nullopt, {}));
  return Dump(a, 2) + "\n";
}

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
  Json findings = Json::array();
  for (auto st : {analyze::FindingStatus::kNew, analyze::FindingStatus::kOpen,
                  analyze::FindingStatus::kGone}) {
    for (const ReportFinding* f : internal::FindingsWith(data, st)) {
      findings.push_back(FindingJson(f->finding, f->status, f->first_seen));
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
  return Dump(j, 2) + "\n";
}

}  // namespace claimtrack::report
