#include "claimtrack/report/text_report.h"

#include <fmt/format.h>

#include "claimtrack/base/utf8.h"
#include "claimtrack/report/order.h"

namespace claimtrack::report {

std::string RenderFindingsText(const std::vector<analyze::Finding>& findings,
                               const std::vector<analyze::FindingStatus>* status) {
  std::string out;
  for (size_t i = 0; i < findings.size(); ++i) {
    const analyze::Finding& f = findings[i];
    std::string head = fmt::format("[{}] {}", ToString(f.severity), ToString(f.type));
    if (status && i < status->size()) head += fmt::format(" ({})", ToString((*status)[i]));
    if (f.weak_attribution) head += " weak-attribution";
    head += "  " + f.id;
    out += SanitizeForTerminal(head) + "\n";
    out +=
        "  " +
        SanitizeForTerminal((f.speaker_name.empty() ? "" : f.speaker_name + " · ") + f.key_label) +
        "\n";
    out += "  " + SanitizeForTerminal(f.explanation) + "\n";
    for (const auto& c : f.claims) {
      out += SanitizeForTerminal(fmt::format(
                 "  - {} {}: {} \"{}\" by {} ({} {:.2f}), claim {}", internal::DateLabel(c.date),
                 c.outlet.empty() ? "-" : c.outlet, analyze::FigureText(c), c.figure,
                 c.speaker_name, c.method, c.confidence, c.claim_id)) +
             "\n";
      out += "      " + SanitizeForTerminal(c.sentence) + "\n";
    }
    out += "\n";
  }
  return out;
}

}  // namespace claimtrack::report
