#pragma once
// Internal to report/ and serve/ (the review page builds on it): the style sheet inlined into
// every HTML report. One column on a phone, claims side by side from about 640 px; severities
// by colour and by word (never colour only).

namespace claimtrack::report::internal {

inline constexpr const char* kReportCss = R"css(
:root { --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --bg: #ffffff; --card: #f6f8fa;
  --high: #b42318; --medium: #b54708; --low: #475467; --mark: #fff3b0; --link: #0b57d0; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: var(--fg); background: var(--bg); }
main { max-width: 980px; margin: 0 auto; padding: 12px 16px 48px; }
h1 { font-size: 1.5rem; margin: 8px 0 4px; }
h2 { font-size: 1.25rem; margin: 32px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.05rem; margin: 20px 0 8px; }
a { color: var(--link); }
.meta, .muted { color: var(--muted); font-size: 0.9rem; }
nav ul { display: flex; flex-wrap: wrap; gap: 4px 16px; padding: 0; list-style: none; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(140px, 1fr)); gap: 8px; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 8px 12px; }
.card .n { font-size: 1.6rem; font-weight: 600; }
.finding { border: 1px solid var(--line); border-left: 6px solid var(--low); border-radius: 8px;
  padding: 10px 14px; margin: 12px 0; }
.finding.high { border-left-color: var(--high); }
.finding.medium { border-left-color: var(--medium); }
.finding h4 { margin: 0 0 4px; font-size: 1rem; }
.badge { display: inline-block; font-size: 0.75rem; font-weight: 600; padding: 1px 8px;
  border-radius: 999px; border: 1px solid currentColor; margin-right: 4px; white-space: nowrap; }
.badge.high { color: var(--high); } .badge.medium { color: var(--medium); } .badge.low { color: var(--low); }
.badge.weak { color: var(--medium); background: #fff7e6; }
.explanation { margin: 6px 0 10px; }
.claims { display: grid; grid-template-columns: repeat(auto-fit, minmax(260px, 1fr)); gap: 10px; }
.claim { background: var(--card); border-radius: 6px; padding: 8px 10px; }
.claim blockquote { margin: 4px 0; font-size: 0.95rem; }
.claim .figure { font-weight: 600; }
mark { background: var(--mark); padding: 0 2px; border-radius: 2px; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.scroll { overflow-x: auto; }
svg.chart { width: 100%; max-width: 720px; height: auto; display: block; margin: 4px 0 8px; }
svg .plot { fill: #fbfcfd; stroke: var(--line); }
svg .grid { stroke: #e6eaef; }
svg .tick, svg .label, svg .count { font: 14px system-ui, sans-serif; fill: var(--muted); }
svg .label { fill: var(--fg); }
svg .trend { fill: none; stroke: #9aa4b2; stroke-width: 1.5; stroke-dasharray: 4 3; }
svg .range { stroke-width: 2.5; } svg .cap { stroke-width: 2; }
svg .bar { fill: #2563eb; }
details summary { cursor: pointer; }
code { font-size: 0.85rem; word-break: break-all; }
@media (max-width: 480px) { body { font-size: 15px; } main { padding: 8px 10px 32px; } }
)css";

}  // namespace claimtrack::report::internal
