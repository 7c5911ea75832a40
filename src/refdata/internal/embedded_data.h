// refdata/internal/embedded_data.h: the data/refdata/*.csv files compiled into the binary.
//
// embedded_data.cc is generated at build time by embed_files.cmake (see CMakeLists.txt): the
// binary never reads data/refdata/ at run time.
#pragma once

#include <span>
#include <string_view>

namespace tradestat::refdata::internal {

struct EmbeddedFile {
  std::string_view name;     // file name under data/refdata/, e.g. "partner_groups.csv"
  std::string_view content;  // the file's text
};

std::span<const EmbeddedFile> EmbeddedFiles();

/// Content of an embedded file, or an empty view if there is none by that name.
inline std::string_view EmbeddedFileContent(std::string_view name) {
  for (const EmbeddedFile& f : EmbeddedFiles())
    if (f.name == name) return f.content;
  return {};
}

}  // namespace tradestat::refdata::internal
