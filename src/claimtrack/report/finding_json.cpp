#include "claimtrack/report/finding_json.h"

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "claimtrack/report/finding_json_value.h"

namespace claimtrack::report {

namespace {

using nlohmann::json;

json Num(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }
std::optional<double> OptNum(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return std::nullopt;
  return it->get<double>();
}
std::string Str(const json& j, const char* key) {
  auto it = j.find(key);
  return it == j.end() || it->is_null() ? std::string() : it->get<std::string>();
}

}  // namespace

namespace internal {

json FindingJsonValue(const analyze::Finding& f, std::string_view status,
                      std::string_view first_seen) {
  json claims = json::array();
  for (const auto& c : f.claims) {
    claims.push_back({{"claim_id", c.claim_id},
                      {"article_id", c.article_id},
                      {"outlet", c.outlet},
                      {"url", c.url},
                      {"title", c.title},
                      {"date", c.date},
                      {"speaker_id", c.speaker_id},
                      {"speaker_name", c.speaker_name},
                      {"method", c.method},
                      {"confidence", c.confidence},
                      {"weak", c.weak},
                      {"text", c.figure},
                      {"figure", analyze::FigureText(c)},
                      {"kind", c.kind},
                      {"value", Num(c.value)},
                      {"range_low", Num(c.range_low)},
                      {"range_high", Num(c.range_high)},
                      {"low", Num(c.low)},
                      {"high", Num(c.high)},
                      {"qualifier", c.qualifier},
                      {"unit", c.unit},
                      {"period", c.period},
                      {"sentence", c.sentence},
                      {"span", {c.span_begin, c.span_end}},
                      {"rule", c.rule_id}});
  }
  json j = {{"id", f.id},
            {"type", analyze::ToString(f.type)},
            {"severity", analyze::ToString(f.severity)},
            {"speaker", {{"id", f.speaker_id}, {"name", f.speaker_name}}},
            {"group", f.group},
            {"scope", f.scope},
            {"key", f.key},
            {"key_label", f.key_label},
            {"claims", claims},
            {"explanation", f.explanation},
            {"weak_attribution", f.weak_attribution},
            {"relative_gap", f.relative_gap},
            {"days_apart", f.days_apart}};
  if (!status.empty()) j["status"] = status;
  if (!first_seen.empty()) j["first_seen"] = first_seen;
  return j;
}

}  // namespace internal

std::string FindingToJson(const analyze::Finding& f, std::string_view status,
                          std::string_view first_seen) {
  std::string text;
  if (internal::FindingJsonText(f, status, first_seen, &text)) return text;
  return internal::FindingJsonValue(f, status, first_seen)
      .dump(-1, ' ', false, json::error_handler_t::replace);
}

analyze::Finding FindingFromJson(std::string_view text) {
  analyze::Finding fast;
  if (internal::FindingFromJsonText(text, &fast)) return fast;
  json j = json::parse(text, nullptr, false);
  if (!j.is_object()) throw std::runtime_error("stored finding is not a JSON object");
  analyze::Finding f;
  f.id = Str(j, "id");
  if (!analyze::ParseFindingType(Str(j, "type"), &f.type) ||
      !analyze::ParseFindingSeverity(Str(j, "severity"), &f.severity))
    throw std::runtime_error("stored finding " + f.id + " has an unknown type or severity");
  if (auto it = j.find("speaker"); it != j.end() && it->is_object()) {
    f.speaker_id = Str(*it, "id");
    f.speaker_name = Str(*it, "name");
  }
  f.group = Str(j, "group");
  f.scope = Str(j, "scope");
  f.key = Str(j, "key");
  f.key_label = Str(j, "key_label");
  f.explanation = Str(j, "explanation");
  f.weak_attribution = j.value("weak_attribution", false);
  f.relative_gap = j.value("relative_gap", 0.0);
  f.days_apart = j.value("days_apart", -1);
  for (const auto& c : j.value("claims", json::array())) {
    analyze::FindingClaim fc;
    fc.claim_id = Str(c, "claim_id");
    fc.article_id = Str(c, "article_id");
    fc.outlet = Str(c, "outlet");
    fc.url = Str(c, "url");
    fc.title = Str(c, "title");
    fc.date = Str(c, "date");
    fc.speaker_id = Str(c, "speaker_id");
    fc.speaker_name = Str(c, "speaker_name");
    fc.method = Str(c, "method");
    fc.confidence = c.value("confidence", 0.0);
    fc.weak = c.value("weak", false);
    fc.figure = Str(c, "text");
    fc.kind = Str(c, "kind");
    fc.value = OptNum(c, "value");
    fc.range_low = OptNum(c, "range_low");
    fc.range_high = OptNum(c, "range_high");
    fc.low = OptNum(c, "low");
    fc.high = OptNum(c, "high");
    fc.qualifier = Str(c, "qualifier");
    fc.unit = Str(c, "unit");
    fc.period = Str(c, "period");
    fc.sentence = Str(c, "sentence");
    if (auto sp = c.find("span"); sp != c.end() && sp->is_array() && sp->size() == 2) {
      fc.span_begin = (*sp)[0].get<size_t>();
      fc.span_end = (*sp)[1].get<size_t>();
    }
    fc.rule_id = Str(c, "rule");
    f.claims.push_back(std::move(fc));
  }
  return f;
}

}  // namespace claimtrack::report
