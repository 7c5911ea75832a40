// bulletin/svg.cc: the bulletin's charts as inline SVG, drawn here (no chart library, no script):
// a two-series line chart (month by month, this year against last), horizontal value bars and
// growth bars around zero with the average marked.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "bulletin/render_internal.h"

namespace tradestat::bulletin::internal {
namespace {

constexpr int kWidth = 560;
const char* kColors[] = {"#c0392b", "#7f8c8d", "#2471a3", "#28b463"};

double NiceMax(double v) {
  if (v <= 0) return 1;
  double p = std::pow(10.0, std::floor(std::log10(v)));
  for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
    if (m * p >= v) return m * p;
  return 10 * p;
}

std::string Num(double v) {
  std::string s = fmt::format("{:.1f}", v);
  if (s.size() > 2 && s.substr(s.size() - 2) == ".0") s.resize(s.size() - 2);
  return s;
}

std::string Open(int height, const std::string& title) {
  return fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 {0} {1}\" "
      "width=\"{0}\" height=\"{1}\" "
      "role=\"img\" aria-label=\"{2}\" font-family=\"sans-serif\" font-size=\"12\">"
      "<text x=\"0\" y=\"16\" font-size=\"14\" font-weight=\"bold\">{2}</text>",
      kWidth, height, HtmlEscape(title));
}

std::string Lines(const Chart& c) {
  const int top = 50, left = 50, right = 20, plot_h = 200, height = top + plot_h + 40;
  const int plot_w = kWidth - left - right;
  double vmax = 0;
  for (const auto& s : c.series)
    for (double v : s) vmax = std::max(vmax, v);
  vmax = NiceMax(vmax);
  std::string out = Open(height, c.title);
  const size_t n = c.labels.size();
  auto x = [&](size_t i) { return left + (n <= 1 ? plot_w / 2.0 : plot_w * (i + 0.5) / n); };
  auto y = [&](double v) { return top + plot_h - plot_h * v / vmax; };
  for (int k = 0; k <= 4; ++k) {
    double v = vmax * k / 4;
    out += fmt::format("<line x1=\"{}\" x2=\"{}\" y1=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"#ddd\"/>",
                       left, left + plot_w, y(v), y(v));
    out += fmt::format("<text x=\"{}\" y=\"{:.1f}\" text-anchor=\"end\" fill=\"#555\">{}</text>",
                       left - 6, y(v) + 4, Num(v));
  }
  for (size_t i = 0; i < n; ++i)
    out += fmt::format("<text x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\" fill=\"#555\">{}</text>",
                       x(i), top + plot_h + 18, HtmlEscape(c.labels[i]));
  for (size_t s = 0; s < c.series.size(); ++s) {
    std::string pts;
    for (size_t i = 0; i < c.series[s].size() && i < n; ++i)
      pts += fmt::format("{:.1f},{:.1f} ", x(i), y(c.series[s][i]));
    const char* color = kColors[s % 4];
    out += fmt::format("<polyline fill=\"none\" stroke=\"{}\" stroke-width=\"{}\" points=\"{}\"/>",
                       color, s == 0 ? 3 : 2, pts);
    for (size_t i = 0; i < c.series[s].size() && i < n; ++i)
      out += fmt::format("<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"3.5\" fill=\"{}\"/>", x(i),
                         y(c.series[s][i]), color);
    if (s == 0)
      for (size_t i = 0; i < c.series[s].size() && i < n; ++i)
        out += fmt::format(
            "<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\" font-size=\"10\" "
            "fill=\"{}\">{}</text>",
            x(i), y(c.series[s][i]) - 8, color, Num(c.series[s][i]));
    const std::string name = s < c.series_names.size() ? c.series_names[s] : "";
    out += fmt::format(
        "<rect x=\"{}\" y=\"28\" width=\"14\" height=\"4\" fill=\"{}\"/><text x=\"{}\" "
        "y=\"34\">{}</text>",
        left + 100 * s, color, left + 100 * s + 18, HtmlEscape(name));
  }
  out += fmt::format("<text x=\"{}\" y=\"34\" text-anchor=\"end\" fill=\"#555\">{}</text>",
                     kWidth - right, HtmlEscape(c.unit));
  return out + "</svg>";
}

// Horizontal bars; growth bars may be negative and show the reference line.
std::string Bars(const Chart& c, bool growth) {
  const int top = 34, row_h = 22, label_w = 150, right = 60;
  const size_t n = c.labels.size();
  const int height = top + static_cast<int>(n) * row_h + (growth ? 28 : 10);
  const std::vector<double> values = c.series.empty() ? std::vector<double>() : c.series[0];
  double vmax = 0, vmin = 0;
  for (double v : values) vmax = std::max(vmax, v), vmin = std::min(vmin, v);
  if (growth) vmax = std::max(vmax, c.reference), vmin = std::min(vmin, c.reference);
  const double span = (vmax - vmin) > 0 ? (vmax - vmin) : 1;
  const int plot_w = kWidth - label_w - right - (vmin < 0 ? 40 : 0);
  const double x0 = label_w + (vmin < 0 ? 40 : 0) + plot_w * (-vmin) / span;
  auto xs = [&](double v) { return x0 + plot_w * v / span; };
  std::string out = Open(height, c.title);
  for (size_t i = 0; i < n && i < values.size(); ++i) {
    const double v = values[i];
    const double y = top + i * row_h;
    const double xa = std::min(xs(0), xs(v)), w = std::fabs(xs(v) - xs(0));
    const char* color = growth ? (v >= c.reference ? "#c0392b"
                                  : v >= 0         ? "#e59866"
                                                   : "#7f8c8d")
                               : "#2471a3";
    out += fmt::format("<text x=\"{}\" y=\"{:.1f}\" text-anchor=\"end\">{}</text>", label_w - 6,
                       y + 15, HtmlEscape(c.labels[i]));
    out +=
        fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{}\" fill=\"{}\"/>",
                    xa, y + 3, std::max(w, 1.0), row_h - 6, color);
    const std::string label = i < c.value_labels.size() ? c.value_labels[i] : Num(v);
    if (v >= 0)
      out += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"11\">{}</text>", xs(v) + 4,
                         y + 15, HtmlEscape(label));
    else
      out += fmt::format(
          "<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"11\" text-anchor=\"end\">{}</text>",
          xs(v) - 4, y + 15, HtmlEscape(label));
  }
  const double bottom = top + n * row_h;
  out += fmt::format("<line x1=\"{:.1f}\" x2=\"{:.1f}\" y1=\"{}\" y2=\"{:.1f}\" stroke=\"#333\"/>",
                     xs(0), xs(0), top, bottom);
  if (growth) {
    out += fmt::format(
        "<line x1=\"{0:.1f}\" x2=\"{0:.1f}\" y1=\"{1}\" y2=\"{2:.1f}\" stroke=\"#222\" "
        "stroke-dasharray=\"4 3\"/>",
        xs(c.reference), top - 4, bottom + 4);
    out += fmt::format(
        "<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\" font-size=\"11\">{}</text>",
        xs(c.reference), bottom + 18, HtmlEscape(c.reference_label));
  }
  return out + "</svg>";
}

}  // namespace

std::string HtmlEscape(std::string_view s) {
  std::string out;
  for (char ch : s) {
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += ch;
    }
  }
  return out;
}

std::string ChartSvg(const Chart& chart) {
  switch (chart.kind) {
    case Chart::Kind::kLines: return Lines(chart);
    case Chart::Kind::kBars: return Bars(chart, false);
    case Chart::Kind::kGrowthBars: return Bars(chart, true);
  }
  return "";
}

}  // namespace tradestat::bulletin::internal
