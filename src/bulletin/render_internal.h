// bulletin/render_internal.h: pieces shared by the renderers.
#pragma once

#include <string>
#include <vector>

#include "bulletin/bulletin.h"

namespace tradestat::bulletin::internal {

/// "tradestat query STORE --dataset NAME ..." with shell quoting where needed.
std::string QueryCommand(const std::string& store, const std::vector<std::string>& args);
/// A self-contained page: narrative, tables, inline SVG charts; no scripts, no network.
std::string RenderHtml(const Bulletin& b);
/// One chart as an inline <svg> element (svg.cc).
std::string ChartSvg(const Chart& chart);
std::string HtmlEscape(std::string_view s);

}  // namespace tradestat::bulletin::internal
