// demo/bulletin_spec.h: what the demo asks of the bulletin: its spec (bulletin_spec.toml,
// compiled in: issuer, date, benchmark, Hunan's sub-regions and its policy and outlook
// paragraphs) and the request that reproduces Changsha Customs' H1 2023 release.
// Plain text and strings, so the demo module does not depend on the bulletin module.
#pragma once

#include <string_view>

namespace tradestat::demo {

/// The TOML text of src/demo/bulletin_spec.toml (docs/bulletin.md).
std::string_view BulletinSpecToml();

/// The bulletin request of the demo.
struct DemoBulletin {
  static constexpr const char* kDataset = "hunan";
  static constexpr const char* kReporter = "430000";
  static constexpr const char* kPeriod = "2023H1";
  static constexpr const char* kBenchmark = "china";
};

}  // namespace tradestat::demo
