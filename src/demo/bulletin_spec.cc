// demo/bulletin_spec.cc: the demo's bulletin spec, embedded from bulletin_spec.toml by CMake.
#include "demo/bulletin_spec.h"

#include "demo/bulletin_spec_toml.h"

namespace tradestat::demo {

std::string_view BulletinSpecToml() { return kBulletinSpecToml; }

}  // namespace tradestat::demo
