// demo/demo_data.h: the deterministic demo datasets `hunan` (record level, Hunan's 14
// prefectures) and `china` (31 provinces x partners x HS chapters x months), calibrated so that
// the H1 2023 bulletin reproduces Changsha Customs' release (docs/demo.md).
//
// Generation is a pure function of DemoOptions and the reference data: same options, same bytes,
// on every machine (own PRNG, own exp/log, fixed operation order, single thread). The output is
// canonical CSV (docs/formats/trade_csv.md) that `tradestat load` ingests:
//   period,flow,reporter,partner,commodity,trade_mode,enterprise_type,value_cny,value_usd,quantity,unit
// `china` leaves trade_mode, enterprise_type, quantity and unit empty (not given) and writes
// 2-digit chapter codes as commodity. docs/demo.md explains the method and the caveats.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/period.h"
#include "core/status.h"
#include "demo/demo_reference.h"

namespace tradestat::demo {

struct DemoOptions {
  uint64_t seed = 20230719;             // the release date; any value gives a calibrated dataset
  int hunan_records_per_month = 80000;  // average; Spring Festival months get fewer
  /// Records of the national benchmark per province-month-flow at the largest province.
  int china_rows_per_province_month = 3000;
  /// First month of `china`: 2021-01 (coarse national history, default) or 2022-01. `hunan`
  /// always covers 2022-01..2023-06 (the calibration windows are H1 2022 and H1 2023).
  core::Period china_first_month = core::Period::Month(2021, 1);

  static DemoOptions Defaults() { return DemoOptions(); }
  /// InvalidArgument naming the option that is out of range.
  core::Status Validate() const;
};

/// One row of a demo dataset. Dimension fields index the dataset's dictionaries.
struct DemoRow {
  int32_t period = 0;      // core::Period key (202306)
  uint8_t flow = 0;        // 0 = X (export), 1 = M (import)
  uint8_t enterprise = 0;  // 1..9, 0 = not given
  uint16_t reporter = 0;
  uint16_t partner = 0;
  uint16_t trade_mode = 0;  // index into trade_modes; 0 = "" (not given)
  uint16_t unit = 0;        // index into units; 0 = "" (not given)
  uint32_t commodity = 0;
  int64_t value_cny = 0;  // fen
  int64_t value_usd = 0;  // cents
  int64_t quantity = -1;  // thousandths of the unit; -1 = not given
};

struct DemoDataset {
  std::string name;  // "hunan", "china"
  std::vector<std::string> reporters, partners, commodities, trade_modes, units;
  std::vector<DemoRow> rows;  // ordered by period, then generation order

  /// Append the CSV text (header + rows) of the rows with period year `year` (0 = all).
  void AppendCsv(int year, std::string* out) const;
};

struct DemoData {
  DemoDataset hunan;
  DemoDataset china;
};

/// Generate both datasets in memory. Internal if the calibration cannot be met with these
/// reference definitions (a group changed so the published figures no longer fit).
core::Result<DemoData> GenerateDemo(const DemoOptions& options, const DemoReference& ref);

/// Generate with the built-in reference and write `out_dir`/hunan_YYYY.csv and china_YYYY.csv
/// (one file per calendar year, created or replaced). `files` receives the paths written, hunan
/// first. Io on write failure, InvalidArgument for bad options.
core::Status WriteDemoCsv(const DemoOptions& options, const std::string& out_dir,
                          std::vector<std::string>* files);

/// Identifies the generated data: changes whenever the generator (kDemoDataVersion) or an
/// option that affects the output changes. The demo command keeps it beside the demo store and
/// rebuilds the store when it differs ("reused if present and current").
inline constexpr int kDemoDataVersion = 1;
std::string DemoFingerprint(const DemoOptions& options);

/// The canonical CSV header line (without newline).
inline constexpr const char* kCsvHeader =
    "period,flow,reporter,partner,commodity,trade_mode,enterprise_type,value_cny,value_usd,"
    "quantity,unit";

}  // namespace tradestat::demo
