#include "claimtrack/report/svg_chart.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "claimtrack/analyze/finding.h"
#include "claimtrack/report/escape.h"

namespace claimtrack::report::internal {

namespace {

// A narrow canvas, so that its 14-px text stays legible when a phone scales it down.
constexpr double kWidth = 520, kHeight = 230;
constexpr double kLeft = 92, kRight = 14, kTop = 14, kBottom = 36;
constexpr const char* kNormal = "#2563eb";
constexpr const char* kAlert = "#dc2626";

// Days since 1970-01-01 of "YYYY-MM-DD" (0 when it is not one).
int Day(std::string_view s) {
  if (s.size() < 10) return 0;
  int y = std::atoi(std::string(s.substr(0, 4)).c_str());
  int m = std::atoi(std::string(s.substr(5, 2)).c_str());
  int d = std::atoi(std::string(s.substr(8, 2)).c_str());
  if (m < 1 || m > 12 || d < 1 || d > 31) return 0;
  y -= m <= 2;
  int era = (y >= 0 ? y : y - 399) / 400;
  int yoe = y - era * 400;
  int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

std::string F(double v) { return fmt::format("{:.1f}", v); }

// A round step (1, 2 or 5 times a power of ten) giving about `target` intervals.
double NiceStep(double range, int target) {
  double raw = range / target;
  double mag = std::pow(10.0, std::floor(std::log10(raw)));
  double f = raw / mag;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
}

}  // namespace

std::string TimelineSvg(const analyze::Timeline& t,
                        const std::vector<std::string>& finding_claims) {
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (const auto& p : t.points) {
    for (const auto& v : {p.value, p.low, p.high}) {
      if (v && std::isfinite(*v)) {
        lo = std::min(lo, *v);
        hi = std::max(hi, *v);
      }
    }
  }
  if (!std::isfinite(lo)) return "";
  const bool log = lo > 0 && hi / lo > 100;
  double y0, y1;
  if (log) {
    y0 = std::floor(std::log10(lo));
    y1 = std::ceil(std::log10(hi));
    if (y1 <= y0) y1 = y0 + 1;
  } else {
    double pad = hi > lo ? (hi - lo) * 0.12 : std::max(std::fabs(lo) * 0.1, 1.0);
    y0 = lo - pad;
    y1 = hi + pad;
    if (lo >= 0 && y0 < 0) y0 = 0;
    const double step = NiceStep(y1 - y0, 4);
    y0 = std::floor(y0 / step) * step;
    y1 = std::ceil(y1 / step) * step;
  }
  const double plot_w = kWidth - kLeft - kRight, plot_h = kHeight - kTop - kBottom;
  auto Y = [&](double v) {
    double u = log ? (std::log10(std::max(v, 1e-300)) - y0) / (y1 - y0) : (v - y0) / (y1 - y0);
    return kTop + plot_h * (1 - std::clamp(u, 0.0, 1.0));
  };
  int d0 = Day(t.points.front().date), d1 = Day(t.points.back().date);
  std::vector<double> xs;
  for (size_t i = 0; i < t.points.size(); ++i) {
    double u = d1 > d0
                   ? static_cast<double>(Day(t.points[i].date) - d0) / (d1 - d0)
                   : (t.points.size() == 1 ? 0.5 : static_cast<double>(i) / (t.points.size() - 1));
    double x = kLeft + 12 + (plot_w - 24) * u;
    // Figures of one day side by side.
    if (i > 0 && t.points[i].date == t.points[i - 1].date) x = std::max(x, xs.back() + 10);
    xs.push_back(x);
  }

  const std::string label =
      fmt::format("{}: {} ({} figures)", t.speaker_name, t.key_label, t.points.size());
  std::string svg = fmt::format(
      "<svg class=\"chart\" viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"{}\" "
      "xmlns=\"http://www.w3.org/2000/svg\">\n<title>{}</title>\n",
      kWidth, kHeight, HtmlEscape(label), HtmlEscape(label));
  // Axes, grid and labels.
  svg += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" class=\"plot\"/>\n",
                     F(kLeft), F(kTop), F(plot_w), F(plot_h));
  std::vector<double> ticks;
  if (log) {
    for (double e = y0; e <= y1 + 1e-9; ++e) ticks.push_back(std::pow(10.0, e));
  } else {
    const double step = NiceStep(y1 - y0, 4);
    for (double v = y0; v <= y1 + step * 1e-6; v += step) {
      ticks.push_back(std::fabs(v) < step * 1e-9 ? 0 : v);
    }
  }
  for (double v : ticks) {
    svg += fmt::format(
        "<line x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\" class=\"grid\"/><text x=\"{}\" y=\"{}\" "
        "class=\"tick\" text-anchor=\"end\">{}</text>\n",
        F(kLeft), F(kLeft + plot_w), F(Y(v)), F(Y(v)), F(kLeft - 6), F(Y(v) + 4),
        HtmlEscape(analyze::HumanNumber(v)));
  }
  auto date_label = [&](size_t i, const char* anchor) {
    svg += fmt::format("<text x=\"{}\" y=\"{}\" class=\"tick\" text-anchor=\"{}\">{}</text>\n",
                       F(xs[i]), F(kHeight - 12), anchor, HtmlEscape(t.points[i].date));
  };
  date_label(0, t.points.size() == 1 ? "middle" : "start");
  if (t.points.size() > 1 && t.points.back().date != t.points.front().date) {
    date_label(t.points.size() - 1, "end");
  }
  // The figures in date order, joined.
  std::string line;
  for (size_t i = 0; i < t.points.size(); ++i) {
    const auto& p = t.points[i];
    std::optional<double> v = p.value;
    if (!v && p.low && p.high) v = (*p.low + *p.high) / 2;
    if (v) line += fmt::format("{}{},{}", line.empty() ? "" : " ", F(xs[i]), F(Y(*v)));
  }
  if (line.find(' ') != std::string::npos) {
    svg += "<polyline class=\"trend\" points=\"" + line + "\"/>\n";
  }
  // Intervals and dots.
  for (size_t i = 0; i < t.points.size(); ++i) {
    const auto& p = t.points[i];
    const bool alert = std::binary_search(finding_claims.begin(), finding_claims.end(), p.claim_id);
    const char* color = alert ? kAlert : kNormal;
    std::string tip = fmt::format("{} · {} ({}) · {}", p.date, p.figure_text, p.figure,
                                  p.outlet.empty() ? "no outlet" : p.outlet);
    if (alert) tip += " · part of a finding";
    if (p.weak) tip += " · weak attribution";
    svg += "<g>";
    svg += "<title>" + HtmlEscape(tip) + "</title>";
    const double x = xs[i];
    const double top = p.high ? Y(*p.high) : kTop;
    const double bottom = p.low ? Y(*p.low) : kTop + plot_h;
    if (!p.low || !p.high || std::fabs(top - bottom) > 1.5) {
      svg += fmt::format(
          "<line x1=\"{0}\" x2=\"{0}\" y1=\"{1}\" y2=\"{2}\" stroke=\"{3}\" "
          "class=\"range\"/>",
          F(x), F(top), F(bottom), color);
      auto end = [&](double y, bool open, int dir) {
        if (open) {  // an arrow: the figure is unbounded on this side
          svg += fmt::format("<path d=\"M{} {} l-4 {} h8 z\" fill=\"{}\"/>", F(x), F(y), 6 * dir,
                             color);
        } else {
          svg += fmt::format(
              "<line x1=\"{0}\" x2=\"{1}\" y1=\"{2}\" y2=\"{2}\" stroke=\"{3}\" "
              "class=\"cap\"/>",
              F(x - 4), F(x + 4), F(y), color);
        }
      };
      end(top, !p.high, 1);
      end(bottom, !p.low, -1);
    }
    if (p.value) {
      svg += fmt::format("<circle cx=\"{}\" cy=\"{}\" r=\"4.5\" stroke=\"{}\" fill=\"{}\"/>", F(x),
                         F(Y(*p.value)), color, p.weak ? "#ffffff" : color);
    }
    svg += "</g>\n";
  }
  svg += "</svg>\n";
  return svg;
}

std::string BarChartSvg(const std::vector<std::pair<std::string, int>>& rows,
                        std::string_view title) {
  constexpr double kRow = 28, kLabel = 180, kW = 440;
  int max = 1;
  for (const auto& [label, n] : rows) max = std::max(max, n);
  const double h = kRow * static_cast<double>(rows.size()) + 8;
  std::string svg = fmt::format(
      "<svg class=\"chart bars\" viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"{}\" "
      "xmlns=\"http://www.w3.org/2000/svg\">\n<title>{}</title>\n",
      kW, F(h), HtmlEscape(title), HtmlEscape(title));
  for (size_t i = 0; i < rows.size(); ++i) {
    const auto& [label, n] = rows[i];
    const double y = 4 + kRow * static_cast<double>(i);
    const double w = (kW - kLabel - 40) * n / max;
    svg += fmt::format(
        "<g><title>{0}: {1}</title><text x=\"{2}\" y=\"{3}\" class=\"label\" "
        "text-anchor=\"end\">{0}</text><rect x=\"{4}\" y=\"{5}\" width=\"{6}\" height=\"16\" "
        "class=\"bar\"/><text x=\"{7}\" y=\"{3}\" class=\"count\">{1}</text></g>\n",
        HtmlEscape(label), n, F(kLabel - 8), F(y + 14), F(kLabel), F(y + 1), F(w),
        F(kLabel + w + 6));
  }
  svg += "</svg>\n";
  return svg;
}

}  // namespace claimtrack::report::internal
