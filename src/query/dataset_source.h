// query/dataset_source.h: where the engine gets a dataset's dictionaries and segments.
//
// DatasetSource hides the store so the engine can be tested over vectors (testing/
// memory_dataset.h) and run over a store::DatasetSnapshot (store_source.h). Catalog resolves
// dataset names (the queried one and a --benchmark one).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/period.h"
#include "core/status.h"
#include "query/cube.h"
#include "store/dictionary.h"
#include "store/segment_view.h"
#include "store/types.h"

namespace tradestat::query {

class DatasetSource {
 public:
  virtual ~DatasetSource() = default;
  virtual const std::string& name() const = 0;
  virtual const std::vector<std::string>& currencies() const = 0;
  /// Decimals of the stored money values (store::DatasetMeta::money_scale).
  virtual int money_scale() const { return store::kMoneyScale; }
  virtual const store::Dictionary& dictionary(store::Dim d) const = 0;
  /// Distinct periods present, ascending.
  virtual std::vector<core::Period> Periods() const = 0;
  /// Segments whose period lies in [from, to] (annual segments match their year); the views
  /// stay valid while *this lives. `columns` is a store::ColumnMask of the columns needed.
  virtual core::Result<std::vector<store::SegmentView>> Segments(core::Period from, core::Period to,
                                                                 uint64_t columns) const = 0;
  /// Sum the cube `spec` over `segments` (as returned by Segments()). The default scans them
  /// in this process (ScanCube); a backend that computes elsewhere (clickhouse/) overrides it
  /// and may return views that carry only `period` and `rows` (their `flow` is then an
  /// identity token, never data).
  virtual core::Result<Cube> Scan(const CubeSpec& spec,
                                  const std::vector<store::SegmentView>& segments) const {
    return ScanCube(spec, segments);
  }
};

class Catalog {
 public:
  virtual ~Catalog() = default;
  /// The dataset used when the request names none: the only one; NotFound if the store is
  /// empty, InvalidArgument listing them when there are several.
  virtual core::Result<std::string> DefaultDataset() const = 0;
  /// NotFound naming the dataset and listing the ones present.
  virtual core::Result<std::shared_ptr<const DatasetSource>> Open(
      const std::string& name) const = 0;
};

}  // namespace tradestat::query
