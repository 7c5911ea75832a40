// store/types.cc: names of the record dimensions.
#include "store/types.h"

#include "core/strings.h"

namespace tradestat::store {

namespace {

constexpr FlowInfo kFlows[kFlowCount] = {
    {"X", Flow::kExport, "exports"},
    {"M", Flow::kImport, "imports"},
    {"RX", Flow::kExport, "re-exports"},
    {"RM", Flow::kImport, "re-imports"},
    {"DX", Flow::kExport, "domestic exports"},
    {"FM", Flow::kImport, "foreign imports"},
    {"XIP", Flow::kExport, "exports after inward processing"},
    {"XOP", Flow::kExport, "exports for outward processing"},
    {"MIP", Flow::kImport, "imports for inward processing"},
    {"MOP", Flow::kImport, "imports after outward processing"},
    {"XTP", Flow::kExport, "exports on a temporary basis"},
    {"MTP", Flow::kImport, "imports on a temporary basis"},
    {"XIF", Flow::kExport, "exports (Comtrade Plus XIF)"},
    {"MIF", Flow::kImport, "imports (Comtrade Plus MIF)"},
    {"XG", Flow::kExport, "exports (Comtrade Plus XG)"},
    {"MG", Flow::kImport, "imports (Comtrade Plus MG)"},
};

}  // namespace

const FlowInfo& FlowInfoOf(Flow f) {
  const auto i = static_cast<size_t>(f);
  return kFlows[i < kFlowCount ? i : 0];
}

std::optional<Flow> FlowFromText(std::string_view text) {
  std::string t = core::ToUpper(core::Trim(text));
  for (int i = 0; i < kFlowCount; ++i) {
    if (t == kFlows[i].code || t == core::ToUpper(kFlows[i].name)) return static_cast<Flow>(i);
    // singular names: "re-export", "import"
    std::string n = core::ToUpper(kFlows[i].name);
    if (!n.empty() && n.back() == 'S' && t == n.substr(0, n.size() - 1))
      return static_cast<Flow>(i);
  }
  if (t == "E" || t == "EXPORT" || t == "出口") return Flow::kExport;
  if (t == "I" || t == "IMPORT" || t == "进口") return Flow::kImport;
  if (t == "复出口") return Flow::kReExport;
  if (t == "复进口") return Flow::kReImport;
  return std::nullopt;
}

std::string FlowCodeList() {
  std::string out;
  for (int i = 0; i < kFlowCount; ++i) {
    if (i) out += ", ";
    out += kFlows[i].code;
  }
  return out;
}

std::optional<Dim> DimFromName(std::string_view name) {
  for (int i = 0; i < kDimCount; ++i)
    if (kDimNames[i] == name) return static_cast<Dim>(i);
  return std::nullopt;
}

}  // namespace tradestat::store
