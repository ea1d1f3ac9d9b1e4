#include "claimtrack/report/nightly.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>

#include "claimtrack/report/finding_json.h"

namespace claimtrack::report {

std::string HtmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

namespace {

const char* kCss = R"(
:root{--fg:#1b1f24;--muted:#5b6470;--line:#d8dde3;--bg:#fff;--high:#b42318;--medium:#b54708;--low:#175cd3;--new:#027a48}
*{box-sizing:border-box}body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg);margin:0 auto;max-width:1100px;padding:1rem}
h1{font-size:1.6rem;margin:.2rem 0}h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid var(--line)}h3{font-size:1.05rem;margin:.2rem 0}
.meta{color:var(--muted);font-size:.9rem}.cards{display:flex;flex-wrap:wrap;gap:.6rem;margin:1rem 0}
.card{border:1px solid var(--line);border-radius:8px;padding:.5rem .8rem;min-width:8rem}.card b{display:block;font-size:1.4rem}
.finding{border:1px solid var(--line);border-left:6px solid var(--line);border-radius:8px;padding:.8rem;margin:1rem 0}
.finding.high{border-left-color:var(--high)}.finding.medium{border-left-color:var(--medium)}.finding.low{border-left-color:var(--low)}
.badge{display:inline-block;font-size:.75rem;font-weight:600;text-transform:uppercase;border-radius:4px;padding:0 .4rem;margin-right:.3rem;color:#fff;background:var(--muted)}
.badge.high{background:var(--high)}.badge.medium{background:var(--medium)}.badge.low{background:var(--low)}.badge.new{background:var(--new)}
.weak{background:#fff4e5;border:1px solid #f5c27a;border-radius:4px;padding:.2rem .5rem;font-size:.9rem;margin:.4rem 0}
.side{display:flex;flex-wrap:wrap;gap:.6rem}.claim{flex:1 1 300px;border:1px solid var(--line);border-radius:6px;padding:.5rem;font-size:.92rem}
.claim .fig{font-size:1.15rem;font-weight:600}mark{background:#fde68a;padding:0 .1rem}
table{border-collapse:collapse;width:100%;font-size:.9rem}td,th{border-bottom:1px solid var(--line);padding:.25rem .4rem;text-align:left;vertical-align:top}td.n{text-align:right}
svg{max-width:100%;height:auto}svg text{font:11px system-ui,sans-serif;fill:var(--muted)}
a{color:#175cd3}footer{margin-top:2rem;color:var(--muted);font-size:.8rem}
@media (max-width:600px){body{padding:.5rem}.claim{flex-basis:100%}}
)";

std::string Num(double v) {
  if (std::fabs(v) >= 1e9) return fmt::format("{:.3g} bn", v / 1e9);
  if (std::fabs(v) >= 1e6) return fmt::format("{:.3g} m", v / 1e6);
  if (std::fabs(v - std::round(v)) < 1e-9) return fmt::format("{:.0f}", v);
  return fmt::format("{:.4g}", v);
}

// The sentence with the figure marked, escaped.
std::string MarkedSentence(const analyze::FindingClaim& c) {
  const std::string& s = c.sentence;
  if (c.span_end > c.span_begin && c.span_end <= s.size()) {
    return HtmlEscape(s.substr(0, c.span_begin)) + "<mark>" +
           HtmlEscape(s.substr(c.span_begin, c.span_end - c.span_begin)) + "</mark>" +
           HtmlEscape(s.substr(c.span_end));
  }
  return HtmlEscape(s);
}

// A bar chart of findings by type (inline SVG).
std::string TypeChart(const ReportData& d) {
  std::map<std::string, int> counts;
  for (const auto& f : d.findings) counts[std::string(analyze::ToString(f.finding.type))]++;
  if (counts.empty()) return "";
  int max = 1;
  for (const auto& [_, n] : counts) max = std::max(max, n);
  const int row = 24, label = 150, width = 560;
  std::string svg = fmt::format(
      "<svg role=\"img\" aria-label=\"findings by type\" viewBox=\"0 0 {} {}\" width=\"{}\" "
      "height=\"{}\" xmlns=\"http://www.w3.org/2000/svg\">",
      width, row * static_cast<int>(counts.size()) + 8, width,
      row * static_cast<int>(counts.size()) + 8);
  int y = 4;
  for (const auto& [type, n] : counts) {
    int w = (width - label - 40) * n / max;
    svg += fmt::format(
        "<text x=\"0\" y=\"{}\">{}</text><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"16\" "
        "fill=\"#175cd3\"/><text x=\"{}\" y=\"{}\">{}</text>",
        y + 13, HtmlEscape(type), label, y, std::max(w, 2), label + std::max(w, 2) + 4, y + 13, n);
    y += row;
  }
  return svg + "</svg>";
}

// The claims of a finding on a time line: one column per claim in date order, the interval
// the figure asserts as a bar, the point value as a dot.
std::string TimelineChart(const analyze::Finding& f) {
  std::vector<const analyze::FindingClaim*> cs;
  for (const auto& c : f.claims) cs.push_back(&c);
  double lo = INFINITY, hi = -INFINITY;
  auto consider = [&](const std::optional<double>& v) {
    if (v && std::isfinite(*v)) {
      lo = std::min(lo, *v);
      hi = std::max(hi, *v);
    }
  };
  for (const auto* c : cs) {
    consider(c->value);
    consider(c->low);
    consider(c->high);
    consider(c->range_low);
    consider(c->range_high);
  }
  if (!std::isfinite(lo) || !std::isfinite(hi)) return "";
  bool log_scale = f.type == analyze::FindingType::kScaleSlip && lo > 0;
  auto tr = [&](double v) { return log_scale ? std::log10(std::max(v, 1e-12)) : v; };
  double a = tr(lo), b = tr(hi);
  if (b - a < 1e-12) {
    a -= 1;
    b += 1;
  }
  const int w = 520, h = 150, left = 70, top = 10, bottom = 30;
  const int plot_w = w - left - 10, plot_h = h - top - bottom;
  auto ypos = [&](double v) { return top + plot_h - (tr(v) - a) / (b - a) * plot_h; };
  std::string svg = fmt::format(
      "<svg role=\"img\" aria-label=\"figures over time\" viewBox=\"0 0 {} {}\" width=\"{}\" "
      "height=\"{}\" xmlns=\"http://www.w3.org/2000/svg\"><line x1=\"{}\" y1=\"{}\" x2=\"{}\" "
      "y2=\"{}\" stroke=\"#d8dde3\"/><text x=\"0\" y=\"{}\">{}</text><text x=\"0\" "
      "y=\"{}\">{}</text>",
      w, h, w, h, left, top + plot_h, left + plot_w, top + plot_h, top + 10, HtmlEscape(Num(hi)),
      top + plot_h, HtmlEscape(Num(lo)));
  const size_t n = cs.size();
  for (size_t i = 0; i < n; ++i) {
    const auto* c = cs[i];
    double x = left + (n == 1 ? plot_w / 2.0
                              : 20 + (plot_w - 40.0) * static_cast<double>(i) /
                                         static_cast<double>(n - 1));
    std::optional<double> l = c->low ? c->low : c->range_low;
    std::optional<double> u = c->high ? c->high : c->range_high;
    if (l && u && std::isfinite(*l) && std::isfinite(*u)) {
      svg += fmt::format(
          "<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"#b54708\" "
          "stroke-width=\"6\" stroke-opacity=\"0.35\"/>",
          x, ypos(*l), x, ypos(*u));
    }
    if (c->value && std::isfinite(*c->value)) {
      svg += fmt::format("<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"5\" fill=\"#b42318\"/>", x,
                         ypos(*c->value));
    }
    svg += fmt::format("<text x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\">{}</text>", x, h - 8,
                       HtmlEscape(c->date.substr(0, 10)));
  }
  return svg + "</svg>";
}

std::string Link(const analyze::FindingClaim& c) {
  std::string label = HtmlEscape(c.title.empty() ? c.article_id : c.title);
  if (c.url.rfind("http://", 0) == 0 || c.url.rfind("https://", 0) == 0) {
    return "<a href=\"" + HtmlEscape(c.url) + "\">" + label + "</a>";
  }
  return label;
}

}  // namespace

std::string RenderHtml(const ReportData& d) {
  std::map<std::string, int> by_sev;
  int fresh = 0;
  for (const auto& f : d.findings) {
    by_sev[std::string(analyze::ToString(f.finding.severity))]++;
    fresh += f.status == "new";
  }
  std::string h;
  h += "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">";
  h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">";
  h += "<title>" + HtmlEscape(d.title) + " — " + HtmlEscape(d.as_of.substr(0, 10)) + "</title>";
  h += "<style>" + std::string(kCss) + "</style></head><body>\n";
  h += "<header><h1>" + HtmlEscape(d.title) + "</h1><p class=\"meta\">as of " +
       HtmlEscape(d.as_of) + (d.since.empty() ? "" : " · new since " + HtmlEscape(d.since)) +
       " · database " + HtmlEscape(d.database) + "</p></header>\n";
  h += "<section class=\"cards\">";
  h +=
      fmt::format("<div class=\"card\"><b>{}</b>findings ({} new)</div>", d.findings.size(), fresh);
  for (const char* s : {"high", "medium", "low"}) {
    h += fmt::format("<div class=\"card\"><b>{}</b>{} severity</div>", by_sev[s], s);
  }
  h += fmt::format("<div class=\"card\"><b>{}</b>articles in ({} in all)</div>", d.articles_since,
                   d.articles_total);
  h += fmt::format("<div class=\"card\"><b>{}</b>claims in ({} in all)</div>", d.claims_since,
                   d.claims_total);
  h += "</section>\n";
  if (!d.findings.empty())
    h += "<section><h2>Findings by type</h2>" + TypeChart(d) + "</section>\n";
  h += "<section><h2>Findings</h2>\n";
  if (d.findings.empty()) h += "<p>No figures disagree.</p>\n";
  for (const auto& rf : d.findings) {
    const analyze::Finding& f = rf.finding;
    std::string sev(analyze::ToString(f.severity));
    h += "<article class=\"finding " + sev + "\" id=\"f-" + HtmlEscape(f.id) + "\">";
    h += "<h3><span class=\"badge " + sev + "\">" + sev + "</span>";
    if (rf.status == "new") h += "<span class=\"badge new\">new</span>";
    h += HtmlEscape(std::string(analyze::ToString(f.type))) + " · " +
         HtmlEscape(f.speaker_name.empty() ? "several speakers" : f.speaker_name) + "</h3>";
    h += "<p class=\"meta\">" + HtmlEscape(f.key_label.empty() ? f.key : f.key_label) +
         " · first seen " + HtmlEscape(rf.first_seen.substr(0, 10)) + " · id " + HtmlEscape(f.id) +
         "</p>";
    h += "<p>" + HtmlEscape(f.explanation) + "</p>";
    if (f.weak_attribution) {
      h += "<p class=\"weak\">Built on a weak attribution (carry-over or low confidence): "
           "verify who said it before treating this as a contradiction.</p>";
    }
    h += "<div class=\"side\">";
    for (const auto& c : f.claims) {
      h += "<div class=\"claim\"><div class=\"fig\">" + HtmlEscape(analyze::FigureText(c)) +
           "</div><div class=\"meta\">" + HtmlEscape(c.date.substr(0, 10)) + " · " +
           HtmlEscape(c.outlet) + " · " + Link(c) + "</div><div class=\"meta\">" +
           HtmlEscape(c.speaker_name.empty() ? c.speaker_id : c.speaker_name) + " (" +
           HtmlEscape(c.method) + fmt::format(", {:.2f})", c.confidence) + "</div><p>" +
           MarkedSentence(c) + "</p></div>";
    }
    h += "</div>" + TimelineChart(f) + "</article>\n";
  }
  h += "</section>\n";
  if (!d.gone.empty()) {
    h += fmt::format(
        "<section><h2>Gone since the last check</h2><p>{} finding(s) no longer "
        "found: ",
        d.gone.size());
    for (size_t i = 0; i < d.gone.size(); ++i) h += (i ? ", " : "") + HtmlEscape(d.gone[i]);
    h += "</p></section>\n";
  }
  h += "<section><h2>Claims by type</h2><table><tr><th>claim type</th><th>claims</th></tr>";
  for (const auto& [t, n] : d.by_type)
    h += "<tr><td>" + HtmlEscape(t) + fmt::format("</td><td class=\"n\">{}</td></tr>", n);
  h += "</table></section>\n";
  h += "<section><h2>Rule coverage</h2><table><tr><th>rule</th><th>claims</th></tr>";
  for (const auto& [r, n] : d.by_rule)
    h += "<tr><td>" + HtmlEscape(r) + fmt::format("</td><td class=\"n\">{}</td></tr>", n);
  h += "</table></section>\n";
  h += "<footer>Generated by claimtrack from " + HtmlEscape(d.database) +
       ". Figures are as written in the articles; a finding is a lead to check, not a "
       "verdict.</footer>\n</body></html>\n";
  return h;
}

std::string RenderMarkdown(const ReportData& d) {
  std::string m = "# " + d.title + "\n\n";
  m += "As of " + d.as_of + (d.since.empty() ? "" : ", new since " + d.since) + ". ";
  m += fmt::format(
      "{} findings; {} articles and {} claims came in ({} articles, {} claims in "
      "all).\n\n",
      d.findings.size(), d.articles_since, d.claims_since, d.articles_total, d.claims_total);
  if (d.findings.empty()) m += "No figures disagree.\n";
  for (const auto& rf : d.findings) {
    const auto& f = rf.finding;
    m +=
        fmt::format("## {} {} — {}{}\n\n", analyze::ToString(f.severity), analyze::ToString(f.type),
                    f.speaker_name.empty() ? "several speakers" : f.speaker_name,
                    rf.status == "new" ? " (new)" : "");
    m += f.explanation + "\n\n";
    if (f.weak_attribution)
      m += "> Built on a weak attribution: verify who said it before using this.\n\n";
    for (const auto& c : f.claims) {
      m += "- **" + analyze::FigureText(c) + "** — " + c.date.substr(0, 10) + ", " + c.outlet +
           (c.url.empty() ? "" : " (" + c.url + ")") + ": “" + c.sentence + "”\n";
    }
    m += "\n";
  }
  if (!d.gone.empty())
    m += fmt::format("{} finding(s) gone since the last check.\n\n", d.gone.size());
  m += "## Rule coverage\n\n| rule | claims |\n| --- | ---: |\n";
  for (const auto& [r, n] : d.by_rule) m += fmt::format("| {} | {} |\n", r, n);
  return m;
}

std::string RenderJson(const ReportData& d) {
  nlohmann::json j;
  j["title"] = d.title;
  j["as_of"] = d.as_of;
  j["since"] = d.since;
  j["database"] = d.database;
  j["totals"] = {
      {"articles", d.articles_total}, {"claims", d.claims_total}, {"speakers", d.speakers_total}};
  j["delta"] = {{"articles", d.articles_since}, {"claims", d.claims_since}};
  nlohmann::json fs = nlohmann::json::array();
  for (const auto& rf : d.findings) {
    fs.push_back(nlohmann::json::parse(FindingToJson(rf.finding, rf.status, rf.first_seen)));
  }
  j["findings"] = fs;
  j["gone"] = d.gone;
  nlohmann::json rules = nlohmann::json::array();
  for (const auto& [r, n] : d.by_rule) rules.push_back({{"rule", r}, {"claims", n}});
  j["rule_coverage"] = rules;
  nlohmann::json types = nlohmann::json::array();
  for (const auto& [t, n] : d.by_type) types.push_back({{"claim_type", t}, {"claims", n}});
  j["claims_by_type"] = types;
  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace claimtrack::report
