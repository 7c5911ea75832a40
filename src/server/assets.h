// server/assets.h: the dashboard's static files, embedded into the binary at build time.
//
// src/server/CMakeLists.txt runs `npm ci` from web/package-lock.json, copies web/src/* and the
// npm packages' browser builds into the build directory and compiles them in with `.incbin`
// (assets_embedded.cc, generated). The server serves only these files under `/`: nothing is
// read from the file system at run time, so no request path can reach another file.
#pragma once

#include <string_view>

namespace tradestat::server {

struct Asset {
  std::string_view path;          // "/index.html", "/vendor/echarts.min.js"
  std::string_view content_type;  // "text/html; charset=utf-8"
  std::string_view data;
};

/// The embedded file at exactly `path`, or nullptr.
const Asset* FindAsset(std::string_view path);

/// False when the build had no npm: then `/` explains how to build the dashboard.
bool DashboardBuilt();

}  // namespace tradestat::server
