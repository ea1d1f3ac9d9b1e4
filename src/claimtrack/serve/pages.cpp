#include "claimtrack/serve/pages.h"

#include <fmt/format.h>

#include <algorithm>

#include "claimtrack/report/escape.h"
#include "claimtrack/report/html_style.h"
#include "claimtrack/report/order.h"
#include "claimtrack/report/svg_chart.h"
#include "claimtrack/serve/http.h"

namespace claimtrack::serve::internal {

namespace {

using report::HtmlEscape;

std::string E(std::string_view s) { return HtmlEscape(s); }

// Additions to the report's style sheet: navigation, forms, messages. Inputs use 16 px so a
// phone does not zoom into the form.
constexpr const char* kSiteCss = R"css(
header.site { border-bottom: 1px solid var(--line); background: var(--card); }
header.site nav { max-width: 980px; margin: 0 auto; padding: 8px 16px; display: flex;
  flex-wrap: wrap; gap: 4px 18px; align-items: baseline; }
header.site .brand { font-weight: 700; color: var(--fg); text-decoration: none; }
form.filters { display: flex; flex-wrap: wrap; gap: 8px 12px; align-items: flex-end; margin: 8px 0 16px; }
form.filters label { display: flex; flex-direction: column; font-size: 0.85rem; color: var(--muted); }
form.filters label.check { flex-direction: row; gap: 6px; align-items: center; }
input, select, textarea, button { font: inherit; font-size: 16px; }
input[type=text], select, textarea { padding: 6px 8px; border: 1px solid var(--line); border-radius: 6px;
  background: #fff; color: var(--fg); max-width: 100%; }
form.verdict label { display: block; margin: 10px 0 2px; font-weight: 600; }
form.verdict input[type=text], form.verdict select, form.verdict textarea { width: 100%; }
form.verdict .help { font-weight: 400; color: var(--muted); font-size: 0.85rem; }
button { padding: 8px 16px; border-radius: 6px; border: 1px solid #0b57d0; background: #0b57d0;
  color: #fff; cursor: pointer; margin-top: 12px; }
.message { border: 1px solid var(--line); border-left: 6px solid var(--medium); border-radius: 6px;
  padding: 8px 12px; margin: 12px 0; background: #fff7e6; }
.message.error { border-left-color: var(--high); background: #fef3f2; }
.invalid { border-color: var(--high) !important; }
.this-claim { outline: 2px solid var(--link); }
.context { background: var(--card); border-radius: 6px; padding: 8px 12px; }
.context .sentence { background: #eef4ff; }
.verdicts td { overflow-wrap: anywhere; }
.verdicts tr:target td { background: var(--mark); }
footer { color: var(--muted); font-size: 0.8rem; margin-top: 40px; }
)css";

std::string Link(const std::string& url, const std::string& text) {
  std::string safe = report::SafeUrl(url);
  if (safe.empty()) return E(text);
  return fmt::format("<a href=\"{}\" rel=\"noopener noreferrer\">{}</a>", E(safe), E(text));
}

std::string Day(const std::string& date) { return date.size() >= 10 ? date.substr(0, 10) : date; }

std::string SpeakerName(const Claim& c) {
  if (!c.attribution.speaker_name.empty()) return c.attribution.speaker_name;
  return c.attribution.speaker_id;
}

std::string SpeakerLink(const Claim& c) {
  if (c.attribution.speaker_id.empty() || c.attribution.speaker_id == "unknown") {
    return "<span class=\"muted\">unknown speaker</span>";
  }
  return fmt::format("<a href=\"{}\">{}</a>", E(SpeakerHref(c.attribution.speaker_id)),
                     E(SpeakerName(c)));
}

bool Boundary(const std::string& s, size_t i) {
  return i >= s.size() || (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80;
}

// `text` with the bytes [b, e) marked, every part escaped; the whole text escaped when the
// span is not a valid one.
std::string MarkSpan(const std::string& text, size_t b, size_t e) {
  if (e <= b || e > text.size() || !Boundary(text, b) || !Boundary(text, e)) return E(text);
  return E(std::string_view(text).substr(0, b)) + "<mark>" +
         E(std::string_view(text).substr(b, e - b)) + "</mark>" +
         E(std::string_view(text).substr(e));
}

// A stored claim's sentence with its figure marked (spans are into the article text).
std::string MarkedSentence(const store::StoredClaim& sc) {
  const Claim& c = sc.claim;
  const Span& s = c.sentence_span;
  const Span& q = c.quantity.span;
  if (q.begin < s.begin || q.end > s.end || s.end - s.begin != c.sentence.size()) {
    return E(c.sentence);
  }
  return MarkSpan(c.sentence, q.begin - s.begin, q.end - s.begin);
}

// The sentence in its article: up to `n` bytes before and after, cut at UTF-8 boundaries.
std::string InContext(const store::ClaimDetail& d, size_t n) {
  const std::string& text = d.article_text;
  const Claim& c = d.claim.claim;
  const Span& s = c.sentence_span;
  if (s.end > text.size() || s.end <= s.begin) return MarkedSentence(d.claim);
  size_t from = s.begin > n ? s.begin - n : 0;
  size_t to = std::min(text.size(), s.end + n);
  while (from > 0 && !Boundary(text, from)) --from;
  while (to < text.size() && !Boundary(text, to)) ++to;
  std::string h = from > 0 ? "…" : "";
  h += E(std::string_view(text).substr(from, s.begin - from));
  h += "<span class=\"sentence\">" + MarkedSentence(d.claim) + "</span>";
  h += E(std::string_view(text).substr(s.end, to - s.end));
  if (to < text.size()) h += "…";
  // Paragraph breaks of the article as line breaks (the text is escaped already).
  std::string out;
  for (char ch : h) {
    if (ch == '\n') {
      out += "<br>";
    } else {
      out += ch;
    }
  }
  return out;
}

std::string Badge(std::string_view cls, std::string_view text) {
  return fmt::format("<span class=\"badge {}\">{}</span>", E(cls), E(text));
}

std::string ArticleLine(const store::StoredClaim& c) {
  std::string where = Day(c.date);
  if (!c.outlet.empty()) where += " · " + c.outlet;
  std::string h = E(where);
  if (!report::SafeUrl(c.article_url).empty()) {
    h += " · " + Link(c.article_url, c.article_title.empty() ? "article" : c.article_title);
  } else if (!c.article_title.empty()) {
    h += " · " + E(c.article_title);
  }
  return h;
}

// A claim as a card (queue, side by side).
void StoredClaimCard(std::string& h, const store::StoredClaim& c, bool link) {
  h += "<div class=\"claim\">";
  h += "<div class=\"muted\">" + ArticleLine(c) + "</div>";
  h += "<blockquote>" + MarkedSentence(c) + "</blockquote>";
  h += fmt::format(
      "<div><span class=\"figure\">{}</span> <span class=\"muted\">({}, {})</span></div>",
      E(Describe(c.claim.quantity)), E(c.claim.quantity.text), E(c.claim.claim_type));
  h += "<div class=\"muted\">" + SpeakerLink(c.claim) + " · claim ";
  h += link ? fmt::format("<a href=\"{}\"><code>{}</code></a>", E(ClaimHref(c.id)), E(c.id))
            : "<code>" + E(c.id) + "</code>";
  if (c.superseded) h += " · superseded";
  h += "</div></div>\n";
}

void FindingClaimCard(std::string& h, const analyze::FindingClaim& c, bool self) {
  h += self ? "<div class=\"claim this-claim\">" : "<div class=\"claim\">";
  std::string where = Day(c.date);
  if (!c.outlet.empty()) where += " · " + c.outlet;
  h += "<div class=\"muted\">" + E(where);
  if (!report::SafeUrl(c.url).empty())
    h += " · " + Link(c.url, c.title.empty() ? "article" : c.title);
  h += "</div><blockquote>" +
       report::internal::MarkFigure(c, "<mark>", "</mark>",
                                    [](std::string_view s) { return E(s); }) +
       "</blockquote>";
  h += fmt::format("<div><span class=\"figure\">{}</span> <span class=\"muted\">({})</span></div>",
                   E(analyze::FigureText(c)), E(c.figure));
  h += fmt::format("<div class=\"muted\">{} · {}, confidence {:.2f}{} · ",
                   E(c.speaker_name.empty() ? "unknown speaker" : c.speaker_name), E(c.method),
                   c.confidence, c.weak ? " (weak)" : "");
  h += self ? "this claim"
            : fmt::format("claim <a href=\"{}\"><code>{}</code></a>", E(ClaimHref(c.claim_id)),
                          E(c.claim_id));
  h += "</div></div>\n";
}

std::string SourcesHtml(const std::vector<std::string>& sources) {
  if (sources.empty()) return "<span class=\"muted\">none</span>";
  std::string h;
  for (const std::string& s : sources) {
    if (!h.empty()) h += "<br>";
    h += Link(s, s);
  }
  return h;
}

void VerdictTable(std::string& h, const std::vector<store::Verdict>& list) {
  h += "<div class=\"scroll\"><table class=\"verdicts\"><tr><th>when</th><th>reviewer</th>"
       "<th>rating</th><th>sources</th><th>note</th><th>on</th></tr>\n";
  for (const store::Verdict& v : list) {
    std::string on = "revision " + std::to_string(v.article_revision);
    if (v.previous_id) on += ", replaces #" + std::to_string(*v.previous_id);
    h += fmt::format(
        "<tr id=\"verdict-{}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>"
        "<td class=\"muted\">#{} · claim <a href=\"{}\"><code>{}</code></a> · {}</td></tr>\n",
        v.id, E(v.created_at.substr(0, 16)), E(v.reviewer), Badge("", v.rating),
        SourcesHtml(v.sources), E(v.note), v.id, E(ClaimHref(v.claim_id)), E(v.claim_id), E(on));
  }
  h += "</table></div>\n";
}

std::string Option(std::string_view value, std::string_view label, std::string_view selected) {
  return fmt::format("<option value=\"{}\"{}>{}</option>", E(value),
                     value == selected ? " selected" : "", E(label));
}

}  // namespace

std::string ClaimHref(std::string_view claim_id) { return "/claim/" + PercentEncode(claim_id); }
std::string SpeakerHref(std::string_view speaker_id) {
  return "/speaker/" + PercentEncode(speaker_id);
}

std::string Page(std::string_view title, std::string_view body, std::string_view version) {
  std::string h;
  h.reserve(body.size() + 8192);
  h += "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
       "<meta name=\"referrer\" content=\"same-origin\">\n";
  h += "<title>" + E(title) + " · claimtrack desk</title>\n<style>";
  h += report::internal::kReportCss;
  h += kSiteCss;
  h += "</style>\n</head>\n<body>\n<header class=\"site\"><nav><a class=\"brand\" href=\"/\">"
       "claimtrack desk</a><a href=\"/\">Queue</a><a href=\"/speakers\">Speakers</a>"
       "<a href=\"/report\">Latest report</a><a href=\"/reports/\">Reports</a></nav></header>\n"
       "<main>\n";
  h += body;
  h += "<footer>claimtrack " + E(version) + " · local review page (docs/serve.md)</footer>\n";
  h += "</main>\n</body>\n</html>\n";
  return h;
}

std::string ErrorBody(std::string_view heading, std::string_view message, std::string_view hint) {
  std::string h =
      "<h1>" + E(heading) + "</h1>\n<div class=\"message error\"><p>" + E(message) + "</p>";
  if (!hint.empty()) h += "<p class=\"muted\">" + E(hint) + "</p>";
  h += "</div>\n<p><a href=\"/\">Back to the queue</a></p>\n";
  return h;
}

std::string QueueBody(const QueueView& v) {
  std::string h = "<h1>Review queue</h1>\n";
  h += "<form class=\"filters\" method=\"get\" action=\"/\">";
  h += "<label>speaker<input type=\"text\" name=\"speaker\" list=\"speakers\" value=\"" +
       E(v.speaker) + "\"></label>";
  h += "<datalist id=\"speakers\">";
  for (const auto& n : v.speaker_names) h += "<option value=\"" + E(n) + "\">";
  h += "</datalist>";
  h += "<label>type<select name=\"type\">" + Option("", "any", v.type);
  bool type_listed = v.type.empty();
  for (const auto& t : v.types) {
    h += Option(t, t, v.type);
    type_listed = type_listed || t == v.type;
  }
  if (!type_listed) h += Option(v.type, v.type, v.type);
  h += "</select></label>";
  h += "<label>severity<select name=\"severity\">" + Option("", "any", v.severity) +
       Option("high", "high", v.severity) + Option("medium", "medium", v.severity) +
       Option("low", "low", v.severity) + "</select></label>";
  h += fmt::format(
      "<label class=\"check\"><input type=\"checkbox\" name=\"all\" value=\"1\"{}> also "
      "reviewed</label>",
      v.all ? " checked" : "");
  h += "<button type=\"submit\">Filter</button></form>\n";
  if (!v.notice.empty()) h += "<div class=\"message\">" + E(v.notice) + "</div>\n";
  h += fmt::format("<p class=\"muted\">{} claims to review{}</p>\n", v.items.size(),
                   v.limit > 0 && v.items.size() == v.limit
                       ? fmt::format(" (the first {}; add <code>limit=0</code> for all)", v.limit)
                       : "");
  if (v.items.empty() && v.no_check_yet) {
    h += "<div class=\"message\">No <code>claimtrack check</code> has run on this database yet; "
         "the queue is built from its findings.</div>\n";
  }
  for (const pipeline::QueueItem& i : v.items) {
    const std::string sev = i.severity;
    h += fmt::format("<article class=\"finding {}\">\n<h4>", E(sev));
    h += Badge(sev, sev);
    if (i.reason == pipeline::QueueReason::kFinding) {
      h += Badge("", i.finding_type);
      if (i.other_findings > 0) h += Badge("", fmt::format("+{} more", i.other_findings));
    } else if (i.reason == pipeline::QueueReason::kRule) {
      h += Badge("", "review: true");
    } else {
      h += Badge("", std::string(pipeline::ToString(i.reason)) + " since reviewed");
    }
    h += " " + SpeakerLink(i.claim.claim);
    if (!i.key_label.empty()) h += " · " + E(i.key_label);
    h += "</h4>\n";
    if (!i.explanation.empty()) h += "<p class=\"explanation\">" + E(i.explanation) + "</p>\n";
    h += "<div class=\"claims\">\n";
    StoredClaimCard(h, i.claim, true);
    for (const auto& o : i.others) StoredClaimCard(h, o, true);
    h += "</div>\n<p>";
    h += fmt::format("<a href=\"{}\"><strong>Review claim {}</strong></a>",
                     E(ClaimHref(i.claim.id)), E(i.claim.id));
    if (i.reviewed) {
      h += " <span class=\"muted\">· was " + E(i.reviewed->rating) + " (" +
           E(i.reviewed->reviewer) + ", " + E(Day(i.reviewed->created_at)) + ")</span>";
    }
    if (!i.known.empty()) {
      h +=
          fmt::format(" <span class=\"muted\">· {} earlier verdicts on this speaker and key</span>",
                      i.known.size());
    }
    h += "</p>\n</article>\n";
  }
  return h;
}

std::string ClaimBody(const ClaimView& v) {
  const store::StoredClaim& sc = v.detail.claim;
  const Claim& c = sc.claim;
  std::string h = fmt::format("<h1>{} <span class=\"muted\">· {}</span></h1>\n",
                              E(Describe(c.quantity)), E(SpeakerName(c)));
  h += "<p class=\"meta\">" + ArticleLine(sc) + "</p>\n";
  h += fmt::format(
      "<p class=\"meta\">claim <code>{}</code> · {} · rule <code>{}</code> · revision {}{} · "
      "speaker {} ({}, confidence {:.2f}{})</p>\n",
      E(sc.id), E(c.claim_type), E(c.rule_id), sc.article_revision,
      sc.superseded ? " · <strong>superseded</strong> (no longer in the current article)" : "",
      SpeakerLink(c), E(ToString(c.attribution.method)), c.attribution.confidence,
      c.attribution.evidence.empty() ? "" : ", cue “" + E(c.attribution.evidence) + "”");
  h += "<h2>In context</h2>\n<div class=\"context\">" + InContext(v.detail, 400) + "</div>\n";
  h += fmt::format("<p class=\"muted\">figure as written: “{}”; read as {} ({})</p>\n",
                   E(c.quantity.text), E(Describe(c.quantity)), E(ToString(c.quantity.kind)));

  if (v.changed) {
    const store::Verdict& r = v.changed->verdict;
    h += "<div class=\"message\"><p><strong>Changed since reviewed.</strong> The article was "
         "revised (now revision " +
         std::to_string(v.changed->current_revision) + "); a verdict '" + E(r.rating) +
         "' was given on revision " + std::to_string(r.article_revision) +
         " to this sentence:</p><blockquote>" + E(r.sentence) + "</blockquote>" +
         "<p>Now it reads:</p><blockquote>" + MarkedSentence(sc) + "</blockquote></div>\n";
  }

  h += fmt::format("<h2>Findings ({})</h2>\n", v.findings.size());
  if (v.findings.empty()) {
    h += "<p class=\"muted\">No open finding names this claim.</p>\n";
  }
  for (const FindingOfClaim& fc : v.findings) {
    const analyze::Finding& f = fc.finding;
    const std::string sev(ToString(f.severity));
    h += fmt::format("<article class=\"finding {}\">\n<h4>", E(sev));
    h += Badge(sev, sev) + Badge("", ToString(f.type)) + Badge("", fc.status);
    if (f.weak_attribution) h += Badge("weak", "weak attribution");
    h += " " + E(f.key_label) + "</h4>\n";
    h += "<p class=\"explanation\">" + E(f.explanation) + "</p>\n<div class=\"claims\">\n";
    for (const analyze::FindingClaim& c2 : f.claims) FindingClaimCard(h, c2, c2.claim_id == sc.id);
    h += "</div>\n";
    if (!fc.known.empty()) {
      h += "<h3>Known about this speaker and key</h3>\n";
      VerdictTable(h, fc.known);
    }
    h += "<p class=\"muted\">finding <code>" + E(f.id) + "</code></p>\n</article>\n";
  }

  if (!v.detail.other_rows.empty()) {
    h += "<h2>Other rows of this claim</h2>\n<ul>\n";
    for (const store::StoredClaim& o : v.detail.other_rows) {
      h += fmt::format("<li>revision {}: {} by {} ({}){}</li>\n", o.article_revision,
                       E(Describe(o.claim.quantity)), E(SpeakerName(o.claim)),
                       E(ToString(o.claim.attribution.method)), o.superseded ? ", superseded" : "");
    }
    h += "</ul>\n";
  }

  h += fmt::format("<h2 id=\"history\">Verdict history ({})</h2>\n", v.history.size());
  if (v.history.empty()) {
    h += "<p class=\"muted\">No verdict on this figure yet.</p>\n";
  } else {
    VerdictTable(h, v.history);
  }

  const VerdictForm& f = v.form;
  h += "<h2 id=\"verdict\">Record a verdict</h2>\n";
  if (!f.error.empty()) {
    h += "<div class=\"message error\" role=\"alert\"><p><strong>Not recorded:</strong> " +
         E(f.error) + "</p>";
    if (!f.hint.empty()) h += "<p class=\"muted\">" + E(f.hint) + "</p>";
    h += "</div>\n";
  }
  auto invalid = [&](std::string_view field) {
    return f.field == field ? std::string(" class=\"invalid\"") : std::string();
  };
  h += fmt::format("<form class=\"verdict\" method=\"post\" action=\"{}/verdict\">\n",
                   E(ClaimHref(sc.id)));
  h += "<input type=\"hidden\" name=\"csrf\" value=\"" + E(v.csrf_token) + "\">\n";
  h += "<label for=\"rating\">Rating</label><select id=\"rating\" name=\"rating\"" +
       invalid("rating") + ">" + Option("", "choose…", f.rating);
  for (const char* r : store::kRatings) h += Option(r, r, f.rating);
  h += "</select>\n";
  h += "<label for=\"sources\">Sources <span class=\"help\">one http(s) URL a line; required "
       "unless unverifiable</span></label><textarea id=\"sources\" name=\"sources\" rows=\"3\"" +
       invalid("source") + ">" + E(f.sources) + "</textarea>\n";
  h += "<label for=\"note\">Note <span class=\"help\">what was checked and found</span></label>"
       "<textarea id=\"note\" name=\"note\" rows=\"4\"" +
       invalid("note") + ">" + E(f.note) + "</textarea>\n";
  h += "<label for=\"reviewer\">Reviewer <span class=\"help\">remembered in this browser</span>"
       "</label><input type=\"text\" id=\"reviewer\" name=\"reviewer\" maxlength=\"" +
       std::to_string(store::kMaxReviewerBytes) + "\" value=\"" + E(f.reviewer) + "\"" +
       invalid("reviewer") + ">\n";
  h += "<button type=\"submit\">Record verdict</button>\n</form>\n";
  h += "<p class=\"muted\">Verdicts are appended, never changed: a new verdict replaces the "
       "latest one in the history and names it.</p>\n";
  return h;
}

std::string SpeakerBody(const SpeakerView& v) {
  std::string h = "<h1>" + E(v.name.empty() ? v.id : v.name) + "</h1>\n";
  h += fmt::format("<p class=\"meta\">speaker <code>{}</code> · {} current claims</p>\n", E(v.id),
                   v.claim_count);
  h += fmt::format("<h2>Figure timelines ({})</h2>\n", v.timelines.size());
  if (!v.keys_loaded) {
    h += "<p class=\"muted\">Timelines need the claim-key vocabulary (rules/keys.yaml).</p>\n";
  } else if (v.timelines.empty()) {
    h += "<p class=\"muted\">No key with two or more dated figures of this speaker.</p>\n";
  }
  for (const analyze::Timeline& t : v.timelines) {
    h += "<h3>" + E(t.key_label) + "</h3>\n";
    h += report::internal::TimelineSvg(t, v.finding_claims);
    h += "<p class=\"muted\">";
    for (size_t k = 0; k < t.points.size(); ++k) {
      const analyze::TimelinePoint& p = t.points[k];
      if (k > 0) h += " · ";
      h += fmt::format("<a href=\"{}\">{} {}</a>", E(ClaimHref(p.claim_id)), E(p.date),
                       E(p.figure_text));
    }
    h += "</p>\n";
  }
  h += fmt::format("<h2>Claims (newest {} of {})</h2>\n", v.claims.size(), v.claim_count);
  h += "<div class=\"scroll\"><table><tr><th>date</th><th>figure</th><th>type</th>"
       "<th>sentence</th><th>outlet</th><th>verdict</th></tr>\n";
  for (size_t k = 0; k < v.claims.size(); ++k) {
    const store::StoredClaim& c = v.claims[k];
    const std::string& rating = k < v.rating_of.size() ? v.rating_of[k] : std::string();
    h += fmt::format(
        "<tr><td>{}</td><td><a href=\"{}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td>"
        "<td>{}</td></tr>\n",
        E(Day(c.date)), E(ClaimHref(c.id)), E(Describe(c.claim.quantity)), E(c.claim.claim_type),
        MarkedSentence(c), E(c.outlet), rating.empty() ? "" : Badge("", rating));
  }
  h += "</table></div>\n";
  return h;
}

std::string SpeakersBody(const std::vector<store::SpeakerSummary>& speakers) {
  std::string h = fmt::format("<h1>Speakers ({})</h1>\n", speakers.size());
  h += "<div class=\"scroll\"><table><tr><th>speaker</th><th class=\"num\">claims</th>"
       "<th class=\"num\">articles</th><th>first</th><th>last</th><th>top types</th></tr>\n";
  for (const store::SpeakerSummary& s : speakers) {
    std::string types;
    for (const auto& [t, n] : s.top_claim_types) {
      types += (types.empty() ? "" : ", ") + E(t) + " " + std::to_string(n);
    }
    h += fmt::format(
        "<tr><td><a href=\"{}\">{}</a></td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
        "<td>{}</td><td>{}</td><td>{}</td></tr>\n",
        E(SpeakerHref(s.id)), E(s.name.empty() ? s.id : s.name), s.claim_count, s.article_count,
        E(Day(s.first_seen)), E(Day(s.last_seen)), types);
  }
  h += "</table></div>\n";
  return h;
}

std::string ReportsBody(const std::vector<ReportEntry>& entries, std::string_view root) {
  std::string h = "<h1>Reports</h1>\n<p class=\"meta\">from <code>" + E(root) + "</code></p>\n";
  if (entries.empty()) {
    h += "<p class=\"muted\">No report yet: <code>claimtrack report</code> writes one.</p>\n";
    return h;
  }
  h += "<ul>\n";
  for (const ReportEntry& e : entries) {
    h += "<li>" + E(e.folder.empty() ? "." : e.folder) + ": ";
    for (size_t k = 0; k < e.files.size(); ++k) {
      std::string href = "/reports/";
      if (!e.folder.empty()) href += PercentEncode(e.folder) + "/";
      href += PercentEncode(e.files[k]);
      h += (k > 0 ? " · " : "") + fmt::format("<a href=\"{}\">{}</a>", E(href), E(e.files[k]));
    }
    h += "</li>\n";
  }
  h += "</ul>\n";
  return h;
}

}  // namespace claimtrack::serve::internal
