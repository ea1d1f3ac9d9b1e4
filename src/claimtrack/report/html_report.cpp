#include "claimtrack/report/html_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <tuple>

#include "claimtrack/report/escape.h"
#include "claimtrack/report/html_style.h"
#include "claimtrack/report/order.h"
#include "claimtrack/report/svg_chart.h"

namespace claimtrack::report {

namespace {

using analyze::FindingClaim;
using analyze::FindingSeverity;
using analyze::FindingStatus;
using internal::Count;
using internal::DateLabel;

std::string E(std::string_view s) { return HtmlEscape(s); }

std::string Link(const std::string& url, const std::string& text) {
  std::string safe = SafeUrl(url);
  if (safe.empty()) return E(text);
  return fmt::format("<a href=\"{}\" rel=\"noopener noreferrer\">{}</a>", E(safe), E(text));
}

// Speaker ids that have a timeline section (for links from findings).
std::map<std::string, std::string> SpeakerAnchors(const ReportData& data) {
  std::map<std::string, std::string> out;
  for (const auto& t : data.timelines) out.emplace(t.speaker_id, Slug("speaker", t.speaker_id));
  return out;
}

void Claim(std::string& h, const FindingClaim& c) {
  h += "<div class=\"claim\">";
  std::string where = DateLabel(c.date);
  if (!c.outlet.empty()) where += " · " + c.outlet;
  h += "<div class=\"muted\">" + E(where);
  if (!SafeUrl(c.url).empty()) h += " · " + Link(c.url, c.title.empty() ? "article" : c.title);
  h += "</div>";
  h += "<blockquote>" +
       internal::MarkFigure(c, "<mark>", "</mark>", [](std::string_view s) { return E(s); }) +
       "</blockquote>";
  h += fmt::format("<div><span class=\"figure\">{}</span> <span class=\"muted\">({})</span></div>",
                   E(analyze::FigureText(c)), E(c.figure));
  h += fmt::format("<div class=\"muted\">{} · {}, confidence {:.2f}{} · claim <code>{}</code>",
                   E(c.speaker_name.empty() ? "unknown speaker" : c.speaker_name), E(c.method),
                   c.confidence, c.weak ? " (weak)" : "", E(c.claim_id));
  if (!c.rule_id.empty()) h += " · rule <code>" + E(c.rule_id) + "</code>";
  h += "</div></div>\n";
}

void FindingCard(std::string& h, const ReportFinding& rf,
                 const std::map<std::string, std::string>& anchors) {
  const analyze::Finding& f = rf.finding;
  const std::string sev(ToString(f.severity));
  h += fmt::format("<article class=\"finding {}\" id=\"{}\">\n<h4>", sev, E("finding-" + f.id));
  h += fmt::format("<span class=\"badge {0}\">{0}</span><span class=\"badge\">{1}</span>", sev,
                   E(internal::TypeLabel(f.type)));
  if (f.weak_attribution) h += "<span class=\"badge weak\">weak attribution</span>";
  std::string who;
  if (!f.speaker_name.empty()) {
    auto it = anchors.find(f.speaker_id);
    who = it == anchors.end()
              ? E(f.speaker_name)
              : fmt::format("<a href=\"#{}\">{}</a>", E(it->second), E(f.speaker_name));
    who += " · ";
  }
  h += " " + who + E(f.key_label) + "</h4>\n";
  h += "<p class=\"explanation\">" + E(f.explanation) + "</p>\n<div class=\"claims\">\n";
  for (const FindingClaim& c : f.claims) Claim(h, c);
  h += "</div>\n";
  h += fmt::format("<p class=\"muted\">{} · key <code>{}</code> · id <code>{}</code>{}</p>\n",
                   E(std::string(ToString(rf.status))), E(f.key), E(f.id),
                   rf.first_seen.empty() ? "" : " · first seen " + E(rf.first_seen));
  h += "</article>\n";
}

void FindingSection(std::string& h, const ReportData& data, FindingStatus status,
                    const std::string& title, const std::string& anchor,
                    const std::map<std::string, std::string>& anchors) {
  auto list = internal::FindingsWith(data, status);
  h += fmt::format("<section id=\"{}\">\n<h2>{} ({})</h2>\n", anchor, E(title), list.size());
  if (list.empty()) {
    h += "<p class=\"muted\">None.</p>\n</section>\n";
    return;
  }
  const size_t shown = internal::ShownInFull(data, status);
  const auto full = std::vector<const ReportFinding*>(list.begin(), list.begin() + shown);
  for (FindingSeverity sev :
       {FindingSeverity::kHigh, FindingSeverity::kMedium, FindingSeverity::kLow}) {
    size_t n = std::count_if(full.begin(), full.end(),
                             [&](const ReportFinding* f) { return f->finding.severity == sev; });
    if (n == 0) continue;
    std::string name(ToString(sev));
    name[0] = static_cast<char>(name[0] - 32);
    h += fmt::format("<h3>{} ({})</h3>\n", name, n);
    for (const ReportFinding* f : full) {
      if (f->finding.severity == sev) FindingCard(h, *f, anchors);
    }
  }
  if (shown < list.size()) {
    h += fmt::format(
        "<h3>Not shown in full ({})</h3>\n<p class=\"muted\">This report shows at most {} new "
        "and open findings in full, new first, then the most severe (<code>--max-findings</code>); "
        "the JSON report and <code>claimtrack check</code> list every one.</p>\n"
        "<div class=\"scroll\"><table>\n<tr><th>severity</th><th>type</th><th>findings</th></tr>\n",
        Count(static_cast<int64_t>(list.size() - shown)), data.max_findings);
    for (const internal::RestCount& r : internal::CountRest(list, shown)) {
      h += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td></tr>\n", ToString(r.severity),
                       E(internal::TypeLabel(r.type)), Count(static_cast<int64_t>(r.count)));
    }
    h += "</table></div>\n";
  }
  h += "</section>\n";
}

void Summary(std::string& h, const ReportData& data) {
  const internal::Summary s = internal::Summarize(data);
  const auto& n = s.counts[static_cast<size_t>(FindingStatus::kNew)];
  h += "<section id=\"summary\">\n<h2>Summary</h2>\n<div class=\"cards\">\n";
  auto card = [&](const std::string& value, const std::string& label) {
    h += fmt::format(
        "<div class=\"card\"><div class=\"n\">{}</div><div class=\"muted\">{}</div></div>\n",
        E(value), E(label));
  };
  card(std::to_string(n[0]), "new, high");
  card(std::to_string(n[1]), "new, medium");
  card(std::to_string(n[2]), "new, low");
  card(std::to_string(s.Total(FindingStatus::kOpen)), "still open");
  card(std::to_string(s.Total(FindingStatus::kGone)), "gone since the last report");
  card(Count(data.counts.articles_since), "articles ingested since the last report");
  card(Count(data.counts.claims_since), "claims stored since the last report");
  h += "</div>\n";
  h += fmt::format("<p class=\"muted\">In the database: {} articles, {} claims, {} speakers.</p>\n",
                   Count(data.counts.articles_total), Count(data.counts.claims_total),
                   Count(data.counts.speakers_total));
  std::vector<std::pair<std::string, int>> rows;
  for (const auto& [type, count] : s.by_type) {
    std::string label = type;
    std::replace(label.begin(), label.end(), '_', ' ');
    rows.emplace_back(label, count);
  }
  h += "<h3>New and open findings by type</h3>\n";
  h += internal::BarChartSvg(rows, "New and open findings by type");
  h += "</section>\n";
}

void Gone(std::string& h, const ReportData& data) {
  auto list = internal::FindingsWith(data, FindingStatus::kGone);
  h +=
      fmt::format("<section id=\"gone\">\n<h2>Gone since the last report ({})</h2>\n", list.size());
  if (list.empty()) {
    h += "<p class=\"muted\">None.</p>\n</section>\n";
    return;
  }
  h += "<p class=\"muted\">Findings of the last report that no longer hold (a claim was "
       "corrected, re-attributed or removed).</p>\n<div class=\"scroll\"><table>\n"
       "<tr><th>type</th><th>speaker</th><th>key</th><th>first seen</th><th>id</th></tr>\n";
  const size_t shown = internal::ShownInFull(data, FindingStatus::kGone);
  for (size_t i = 0; i < shown; ++i) {
    const ReportFinding* f = list[i];
    h += fmt::format(
        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td><code>{}</code></td></tr>\n",
        E(internal::TypeLabel(f->finding.type)), E(f->finding.speaker_name),
        E(f->finding.key_label), E(f->first_seen), E(f->finding.id));
  }
  h += "</table></div>\n";
  if (shown < list.size()) {
    h += fmt::format("<p class=\"muted\">And {} more (see the JSON report).</p>\n",
                     Count(static_cast<int64_t>(list.size() - shown)));
  }
  h += "</section>\n";
}

void Speakers(std::string& h, const ReportData& data) {
  h += fmt::format("<section id=\"speakers\">\n<h2>Speakers ({})</h2>\n", [&] {
    std::vector<std::string> ids;
    for (const auto& t : data.timelines) ids.push_back(t.speaker_id);
    std::sort(ids.begin(), ids.end());
    return std::unique(ids.begin(), ids.end()) - ids.begin();
  }());
  if (data.timelines.empty()) {
    h += "<p class=\"muted\">No speaker has two dated figures on one key yet.</p>\n</section>\n";
    return;
  }
  h += "<p class=\"muted\">Each chart shows one speaker's figures on one key by article date: a "
       "dot per figure, a bar for the interval a hedge or range allows (an arrow: open on that "
       "side), a hollow dot for a weak attribution, red for figures in a finding.</p>\n";
  const std::vector<std::string> marked = internal::FindingClaimIds(data);
  // Timelines come sorted by speaker, then key (analyze::BuildTimelines); keep that order but
  // group by speaker even if a caller passes them otherwise.
  std::vector<const analyze::Timeline*> order;
  for (const auto& t : data.timelines) order.push_back(&t);
  std::stable_sort(order.begin(), order.end(), [](const auto* a, const auto* b) {
    return std::tie(a->speaker_name, a->speaker_id) < std::tie(b->speaker_name, b->speaker_id);
  });
  std::string current;
  for (const analyze::Timeline* t : order) {
    if (t->speaker_id != current || current.empty()) {
      current = t->speaker_id;
      h += fmt::format("<h3 id=\"{}\">{} <span class=\"muted\">({})</span></h3>\n",
                       E(Slug("speaker", t->speaker_id)), E(t->speaker_name), E(t->speaker_id));
    }
    h += "<h4>" + E(t->key_label) + "</h4>\n";
    h += internal::TimelineSvg(*t, marked);
    h += "<details><summary>figures</summary><div class=\"scroll\"><table>\n"
         "<tr><th>date</th><th>figure</th><th>as written</th><th>source</th></tr>\n";
    for (const auto& p : t->points) {
      std::string source = p.outlet.empty() ? p.article_id : p.outlet;
      h += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n", E(p.date),
                       E(p.figure_text), E(p.figure),
                       Link(p.url, source + (p.title.empty() ? "" : ": " + p.title)));
    }
    h += "</table></div></details>\n";
  }
  h += "</section>\n";
}

void Coverage(std::string& h, const ReportData& data) {
  auto rows = internal::SortedCoverage(data);
  h += fmt::format("<section id=\"coverage\">\n<h2>Rule coverage ({} rules)</h2>\n", rows.size());
  if (rows.empty()) {
    h += "<p class=\"muted\">No claims stored.</p>\n</section>\n";
    return;
  }
  h += "<div class=\"scroll\"><table>\n<tr><th>rule</th><th class=\"num\">claims</th>"
       "<th class=\"num\">since the last report</th></tr>\n";
  for (const RuleCount& r : rows) {
    h += fmt::format(
        "<tr><td><code>{}</code></td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>\n",
        E(r.rule_id), Count(r.claims_total), Count(r.claims_since));
  }
  h += "</table></div>\n</section>\n";
}

void GenerationTable(std::string& h, const ReportData& data) {
  const Generation& g = data.generation;
  h += "<section id=\"generation\">\n<h2>How this report was made</h2>\n<div "
       "class=\"scroll\"><table>\n";
  auto row = [&](const std::string& k, const std::string& v) {
    if (!v.empty()) h += "<tr><th>" + E(k) + "</th><td>" + E(v) + "</td></tr>\n";
  };
  row("as of", g.as_of);
  row("since", g.since.empty() ? "first report" : g.since);
  row("claimtrack", g.tool_version);
  row("rule set", g.rule_set);
  row("keys", g.keys_version);
  row("database", g.database);
  for (const auto& [k, v] : g.parameters) row(k, v);
  h += "</table></div>\n<p class=\"muted\">Finding types, keys and tolerances: docs/findings.md. "
       "A finding says why its claims were compared; one on a weak attribution must be checked "
       "before it is called a contradiction.</p>\n</section>\n";
}

}  // namespace

std::string RenderHtml(const ReportData& data) {
  const Generation& g = data.generation;
  const auto anchors = SpeakerAnchors(data);
  std::string h;
  h.reserve(64 * 1024);
  h += "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
       "<meta name=\"color-scheme\" content=\"light\">\n";
  h += "<title>" + E(g.title + (g.as_of.empty() ? "" : " — " + g.as_of)) + "</title>\n";
  h += std::string("<style>") + internal::kReportCss + "</style>\n</head>\n<body>\n<main>\n";
  h += "<header>\n<h1>" + E(g.title) + "</h1>\n";
  h += "<p class=\"meta\">as of " + E(g.as_of.empty() ? "(no date)" : g.as_of) +
       (g.since.empty() ? " · first report" : " · changes since " + E(g.since)) + "</p>\n";
  h += "<nav><ul><li><a href=\"#summary\">Summary</a></li><li><a href=\"#new\">New</a></li>"
       "<li><a href=\"#open\">Still open</a></li><li><a href=\"#gone\">Gone</a></li>"
       "<li><a href=\"#speakers\">Speakers</a></li><li><a href=\"#coverage\">Rule coverage</a>"
       "</li><li><a href=\"#generation\">About</a></li></ul></nav>\n</header>\n";
  Summary(h, data);
  FindingSection(h, data, FindingStatus::kNew, "New findings", "new", anchors);
  FindingSection(h, data, FindingStatus::kOpen, "Still open", "open", anchors);
  Gone(h, data);
  Speakers(h, data);
  Coverage(h, data);
  GenerationTable(h, data);
  h += "</main>\n</body>\n</html>\n";
  return h;
}

}  // namespace claimtrack::report
