#include "claimtrack/report/markdown_report.h"

#include <fmt/format.h>

#include <algorithm>

#include "claimtrack/report/escape.h"
#include "claimtrack/report/order.h"

namespace claimtrack::report {

namespace {

using analyze::FindingSeverity;
using analyze::FindingStatus;
using internal::Count;
using internal::DateLabel;

std::string M(std::string_view s) { return MarkdownEscape(s); }

// An id in a code span (backticks would end it).
std::string Code(std::string_view s) {
  std::string out = "`";
  for (char c : s) {
    if (c != '`' && c != '\n') out += c;
  }
  return out + "`";
}

std::string Link(const std::string& url, const std::string& text) {
  std::string safe = SafeUrl(url);
  if (safe.empty()) return M(text);
  // Parentheses would end the link target early.
  std::string target;
  for (char c : safe)
    target += c == '(' ? std::string("%28") : c == ')' ? std::string("%29") : std::string(1, c);
  return "[" + M(text) + "](" + target + ")";
}

void Finding(std::string& md, const ReportFinding& rf) {
  const analyze::Finding& f = rf.finding;
  md += fmt::format("#### {} · {}{}{}\n\n", M(internal::TypeLabel(f.type)),
                    f.speaker_name.empty() ? "" : M(f.speaker_name) + " · ", M(f.key_label),
                    f.weak_attribution ? " · ⚠ weak attribution" : "");
  md += M(f.explanation) + "\n\n";
  for (const auto& c : f.claims) {
    std::string where = DateLabel(c.date) + (c.outlet.empty() ? "" : ", " + c.outlet);
    md += "> " + internal::MarkFigure(c, "**", "**", [](std::string_view s) { return M(s); }) +
          "\n>\n";
    md += fmt::format("> — {} ({}, {:.2f}), {}", M(c.speaker_name), M(c.method), c.confidence,
                      M(where));
    if (!SafeUrl(c.url).empty()) md += " · " + Link(c.url, "article");
    md += fmt::format(" · {} · claim {}\n\n", M(analyze::FigureText(c)), Code(c.claim_id));
  }
  md += fmt::format("<sub>{} · id {}{}</sub>\n\n", std::string(ToString(rf.status)), Code(f.id),
                    rf.first_seen.empty() ? "" : " · first seen " + M(rf.first_seen));
}

void Section(std::string& md, const ReportData& data, FindingStatus status,
             const std::string& title) {
  auto list = internal::FindingsWith(data, status);
  md += fmt::format("## {} ({})\n\n", title, list.size());
  if (list.empty()) {
    md += "None.\n\n";
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
    md += fmt::format("### {} ({})\n\n", name, n);
    for (const ReportFinding* f : full) {
      if (f->finding.severity == sev) Finding(md, *f);
    }
  }
  if (shown < list.size()) {
    md += fmt::format(
        "### Not shown in full ({})\n\nThis report shows at most {} new and open findings in "
        "full, new first, then the most severe (`--max-findings`); the JSON report and "
        "`claimtrack check` list every one.\n\n| severity | type | findings |\n|---|---|---:|\n",
        Count(static_cast<int64_t>(list.size() - shown)), data.max_findings);
    for (const internal::RestCount& r : internal::CountRest(list, shown)) {
      md += fmt::format("| {} | {} | {} |\n", ToString(r.severity), M(internal::TypeLabel(r.type)),
                        Count(static_cast<int64_t>(r.count)));
    }
    md += "\n";
  }
}

}  // namespace

std::string RenderMarkdown(const ReportData& data) {
  const Generation& g = data.generation;
  const internal::Summary s = internal::Summarize(data);
  std::string md;
  md += "# " + M(g.title) + (g.as_of.empty() ? "" : " — " + M(g.as_of)) + "\n\n";
  md += (g.since.empty() ? std::string("First report.") : "Changes since " + M(g.since) + ".") +
        fmt::format(
            " {} articles and {} claims ingested since the last report; in the "
            "database {} articles, {} claims, {} speakers.\n\n",
            Count(data.counts.articles_since), Count(data.counts.claims_since),
            Count(data.counts.articles_total), Count(data.counts.claims_total),
            Count(data.counts.speakers_total));
  md += "## Summary\n\n| findings | high | medium | low |\n|---|---:|---:|---:|\n";
  for (FindingStatus st : {FindingStatus::kNew, FindingStatus::kOpen, FindingStatus::kGone}) {
    const auto& row = s.counts[static_cast<size_t>(st)];
    md += fmt::format("| {} | {} | {} | {} |\n", ToString(st), row[0], row[1], row[2]);
  }
  md += "\nNew and open by type: ";
  for (size_t i = 0; i < s.by_type.size(); ++i) {
    std::string label = s.by_type[i].first;
    std::replace(label.begin(), label.end(), '_', ' ');
    md += fmt::format("{}{} {}", i ? ", " : "", label, s.by_type[i].second);
  }
  md += ".\n\n";
  Section(md, data, FindingStatus::kNew, "New findings");
  Section(md, data, FindingStatus::kOpen, "Still open");

  auto gone = internal::FindingsWith(data, FindingStatus::kGone);
  md += fmt::format("## Gone since the last report ({})\n\n", gone.size());
  if (gone.empty()) md += "None.\n\n";
  const size_t gone_shown = internal::ShownInFull(data, FindingStatus::kGone);
  for (size_t i = 0; i < gone_shown; ++i) {
    const ReportFinding* f = gone[i];
    md += fmt::format("- {} · {}{} · id {}{}\n", M(internal::TypeLabel(f->finding.type)),
                      f->finding.speaker_name.empty() ? "" : M(f->finding.speaker_name) + " · ",
                      M(f->finding.key_label), Code(f->finding.id),
                      f->first_seen.empty() ? "" : " · first seen " + M(f->first_seen));
  }
  if (gone_shown < gone.size()) {
    md += fmt::format("- and {} more (see the JSON report)\n",
                      Count(static_cast<int64_t>(gone.size() - gone_shown)));
  }
  if (!gone.empty()) md += "\n";

  md += "## Speakers\n\n";
  if (data.timelines.empty()) md += "No speaker has two dated figures on one key yet.\n\n";
  std::string current;
  for (const auto& t : data.timelines) {
    if (t.speaker_id != current) {
      current = t.speaker_id;
      md += "### " + M(t.speaker_name) + "\n\n";
    }
    md += "- " + M(t.key_label) + ": ";
    for (size_t i = 0; i < t.points.size(); ++i) {
      const auto& p = t.points[i];
      md += fmt::format("{}{} {}{}", i ? "; " : "", p.date, M(p.figure_text),
                        p.outlet.empty() ? "" : " (" + M(p.outlet) + ")");
    }
    md += "\n";
  }
  if (!data.timelines.empty()) md += "\n";

  auto coverage = internal::SortedCoverage(data);
  md += fmt::format("## Rule coverage ({} rules)\n\n", coverage.size());
  if (coverage.empty()) {
    md += "No claims stored.\n\n";
  } else {
    md += "| rule | claims | since the last report |\n|---|---:|---:|\n";
    for (const RuleCount& r : coverage) {
      md += fmt::format("| {} | {} | {} |\n", Code(r.rule_id), Count(r.claims_total),
                        Count(r.claims_since));
    }
    md += "\n";
  }
  md += "## How this report was made\n\n";
  auto item = [&](const std::string& k, const std::string& v) {
    if (!v.empty()) md += "- " + M(k) + ": " + M(v) + "\n";
  };
  item("as of", g.as_of);
  item("since", g.since.empty() ? "first report" : g.since);
  item("claimtrack", g.tool_version);
  item("rule set", g.rule_set);
  item("keys", g.keys_version);
  item("database", g.database);
  for (const auto& [k, v] : g.parameters) item(k, v);
  return md;
}

}  // namespace claimtrack::report
