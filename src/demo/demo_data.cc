// demo/demo_data.cc: options, the two-phase generation and the CSV writer (see demo_data.h).
#include "demo/demo_data.h"

#include <set>

#include <fmt/format.h>

#include "core/file.h"
#include "demo/catalog.h"
#include "demo/internal/generator.h"

namespace tradestat::demo {
namespace {

// Append a non-negative integer of 10^-scale units ("12345", 2 -> "123.45"); hot path.
void AppendScaled(int64_t v, int scale, std::string* out) {
  char buf[32];
  int n = 0;
  do {
    buf[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
    if (n == scale) buf[n++] = '.';
  } while (v > 0 || n <= scale);
  if (buf[n - 1] == '.') buf[n++] = '0';
  while (n > 0) out->push_back(buf[--n]);
}

}  // namespace

core::Status DemoOptions::Validate() const {
  if (hunan_records_per_month < 1000 || hunan_records_per_month > 1000000)
    return core::Status::InvalidArgument(fmt::format(
        "demo: hunan_records_per_month must be 1000..1000000, not {}", hunan_records_per_month));
  if (china_rows_per_province_month < 10 || china_rows_per_province_month > 100000)
    return core::Status::InvalidArgument(
        fmt::format("demo: china_rows_per_province_month must be 10..100000, not {}",
                    china_rows_per_province_month));
  if (china_first_month != core::Period::Month(2021, 1) &&
      china_first_month != core::Period::Month(2022, 1))
    return core::Status::InvalidArgument(
        "demo: china_first_month must be 2021-01 or 2022-01, not " + china_first_month.ToString());
  return core::Status::Ok();
}

void DemoDataset::AppendCsv(int year, std::string* out) const {
  out->append(kCsvHeader);
  out->push_back('\n');
  int32_t last_period = -1;
  std::string period_text;
  for (const auto& r : rows) {
    if (year != 0 && r.period / 100 != year) continue;
    if (r.period != last_period) {
      last_period = r.period;
      period_text = fmt::format("{:04d}-{:02d},", r.period / 100, r.period % 100);
    }
    out->append(period_text);
    out->append(r.flow == 0 ? "X," : "M,");
    out->append(reporters[r.reporter]);
    out->push_back(',');
    out->append(partners[r.partner]);
    out->push_back(',');
    out->append(commodities[r.commodity]);
    out->push_back(',');
    out->append(trade_modes[r.trade_mode]);
    out->push_back(',');
    if (r.enterprise > 0) out->push_back(static_cast<char>('0' + r.enterprise));
    out->push_back(',');
    AppendScaled(r.value_cny, 2, out);
    out->push_back(',');
    AppendScaled(r.value_usd, 2, out);
    out->push_back(',');
    if (r.quantity >= 0) AppendScaled(r.quantity, 3, out);
    out->push_back(',');
    out->append(units[r.unit]);
    out->push_back('\n');
  }
}

std::string DemoFingerprint(const DemoOptions& options) {
  return fmt::format(
      "tradestat-demo v{} seed={} hunan_records_per_month={} china_rows={} china_first={}",
      kDemoDataVersion, options.seed, options.hunan_records_per_month,
      options.china_rows_per_province_month, options.china_first_month.ToString());
}

core::Result<DemoData> GenerateDemo(const DemoOptions& options, const DemoReference& ref) {
  TRADESTAT_RETURN_IF_ERROR(options.Validate());
  const Catalog catalog = Catalog::Build(ref.TradingPartners());
  DemoData data;
  TRADESTAT_RETURN_IF_ERROR(internal::GenerateHunan(options, ref, catalog, &data.hunan));
  TRADESTAT_RETURN_IF_ERROR(
      internal::GenerateChina(options, ref, catalog, data.hunan, &data.china));
  return data;
}

core::Status WriteDemoCsv(const DemoOptions& options, const std::string& out_dir,
                          std::vector<std::string>* files) {
  auto ref = MakeBuiltinReference();
  TRADESTAT_ASSIGN_OR_RETURN(DemoData data, GenerateDemo(options, *ref));
  TRADESTAT_RETURN_IF_ERROR(core::MakeDirectories(out_dir));
  for (const DemoDataset* ds : {&data.hunan, &data.china}) {
    std::set<int> years;
    for (const auto& r : ds->rows) years.insert(r.period / 100);
    for (int year : years) {
      std::string text;
      ds->AppendCsv(year, &text);
      const std::string path = fmt::format("{}/{}_{}.csv", out_dir, ds->name, year);
      TRADESTAT_RETURN_IF_ERROR(core::WriteFileDurably(path, text));
      if (files != nullptr) files->push_back(path);
    }
  }
  return core::Status::Ok();
}

}  // namespace tradestat::demo
