// bench/query_bench.cc: the bulletin workload (shared/bench/workload.json, Q1-Q7) on tradestat,
// printing the peer-harness lines of shared/bench/README.md ("Adding the C++ engine as a peer").
//
//   query_bench --csv trade-10000000-s42.csv [--reps 3] [--store DIR] [--threads N]
//
// LOAD loads the gen_trade.py CSV into a fresh store (tradestat's own loader, committed to
// disk). Each query runs through query::Execute, exactly as `tradestat query` would, and its
// result is printed in the harness's canonical text so report.py can check it against DuckDB,
// ClickHouse, pandas and SQLite. Sums are exact integers; growth and shares are computed from
// them as the SQL does (CAST(a - b AS DOUBLE) / b).
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "core/decimal.h"
#include "core/parallel.h"
#include "ingest/loader.h"
#include "query/engine.h"
#include "query/refdata_lookup.h"
#include "query/store_source.h"
#include "refdata/reference.h"
#include "store/store.h"

namespace ts = tradestat;

namespace {

using ts::query::QueryRequest;
using ts::query::QueryResult;

double Now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// Money of the workload is whole yuan: minor units / 100, printed in full.
std::string I(__int128 minor) { return ts::core::Int128ToString(minor / 100); }
std::string F(double v) { return fmt::format("{:.6f}", v); }
std::string G(__int128 a, __int128 b) {  // CAST(a - b AS DOUBLE) / b
  return F(static_cast<double>(static_cast<int64_t>((a - b) / 100)) /
           static_cast<double>(static_cast<int64_t>(b / 100)));
}

// Rows as "key:value:value_prev:growth" joined by "|" (Q2 partners, Q4 regions).
std::string KeyValuePrevGrowth(const QueryResult& res) {
  std::string out;
  for (const auto& row : res.rows)
    out += fmt::format("{}{}:{}:{}:{}", out.empty() ? "" : "|", row.keys[0].code, I(row.m.value),
                       I(*row.m.value_prev), G(row.m.value, *row.m.value_prev));
  return out;
}

struct Query {
  std::string id;
  QueryRequest request;
  std::function<std::string(const QueryResult&)> canonical;
};

std::vector<Query> Workload() {
  std::vector<Query> qs;
  QueryRequest base;
  base.dataset = "trade";
  base.period = "2023H1";
  {
    QueryRequest r = base;
    r.by = {"flow"};
    qs.push_back({"Q1", r, [](const QueryResult& res) {
                    __int128 x = 0, m = 0, xp = 0, mp = 0;
                    for (const auto& row : res.rows) {
                      (row.keys[0].code == "X" ? x : m) = row.m.value;
                      (row.keys[0].code == "X" ? xp : mp) = *row.m.value_prev;
                    }
                    __int128 t = res.total.m.value, tp = *res.total.m.value_prev;
                    return fmt::format("{}:{}:{}:{}:{}:{}:{}:{}:{}", I(t), I(x), I(m), I(tp), I(xp),
                                       I(mp), G(t, tp), G(x, xp), G(m, mp));
                  }});
  }
  {
    QueryRequest r = base;
    r.by = {"partner"};
    r.top = 10;
    qs.push_back({"Q2", r, KeyValuePrevGrowth});
  }
  {
    QueryRequest r = base;
    r.where = {"partner_group=ASEAN"};
    qs.push_back({"Q3", r, [](const QueryResult& res) {
                    const auto& m = res.total.m;
                    return fmt::format("{}:{}:{}", I(m.value), I(*m.value_prev),
                                       G(m.value, *m.value_prev));
                  }});
  }
  {
    QueryRequest r = base;
    r.by = {"reporter"};
    r.sort = "reporter";
    qs.push_back({"Q4", r, KeyValuePrevGrowth});
  }
  {
    QueryRequest r = base;
    r.flow = "X";
    r.compare = "none";
    r.where = {"commodity=84,85"};
    qs.push_back({"Q5", r, [](const QueryResult& res) {
                    __int128 me = res.total.m.value, all = res.total_share_base.value;
                    return fmt::format("{}:{}:{}", I(me), I(all),
                                       F(static_cast<double>(static_cast<int64_t>(me / 100)) /
                                         static_cast<double>(static_cast<int64_t>(all / 100))));
                  }});
  }
  {
    QueryRequest r = base;
    r.flow = "X";
    r.where = {"commodity=850760,854142,854143,870380"};
    r.by = {"hs6"};
    r.sort = "hs6";
    qs.push_back({"Q6", r, [](const QueryResult& res) {
                    std::string out;
                    for (const auto& row : res.rows)
                      out += fmt::format("{}{}:{}:{}", out.empty() ? "" : "|", row.keys[0].code,
                                         I(row.m.value), I(*row.m.value_prev));
                    return out;
                  }});
  }
  {
    QueryRequest r = base;
    r.compare = "none";
    qs.push_back(
        {"Q7", r, [](const QueryResult& res) { return std::to_string(*res.total.m.partners); }});
  }
  return qs;
}

int Usage() {
  std::fprintf(stderr, "usage: query_bench --csv FILE [--reps N] [--store DIR] [--threads N]\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::string csv, store_dir;
  int reps = 3, threads = 0;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (a == "--csv")
      csv = next();
    else if (a == "--reps")
      reps = std::max(1, std::atoi(next().c_str()));
    else if (a == "--store")
      store_dir = next();
    else if (a == "--threads")
      threads = std::atoi(next().c_str());
    else
      return Usage();
  }
  if (csv.empty()) return Usage();
  bool own_store = store_dir.empty();
  if (own_store) store_dir = fmt::format("/tmp/tradestat-bench-{}", ::getpid());
  std::error_code ec;
  std::filesystem::remove_all(store_dir, ec);
  const auto& reference = ts::refdata::Reference::Builtin();
  int nthreads = threads > 0 ? threads : ts::core::DefaultThreads();
  std::printf("peer=cpp info engine=tradestat version=0.1.0 threads=%d\n", nthreads);

  double t0 = Now();
  if (auto st = ts::store::Store::Create(store_dir); !st.ok()) {
    std::fprintf(stderr, "query_bench: %s\n", st.message().c_str());
    return 1;
  }
  ts::ingest::LoadOptions load;
  load.store_path = store_dir;
  load.dataset = "trade";
  load.files = {csv};
  auto report = ts::ingest::LoadFiles(load, reference);
  if (!report.ok()) {
    std::fprintf(stderr, "query_bench: %s\n", report.status().message().c_str());
    return 1;
  }
  double load_s = Now() - t0;
  std::printf("peer=cpp step=LOAD seconds=%.4f runs=%.4f result=%llu\n", load_s, load_s,
              static_cast<unsigned long long>(report->rows));
  std::fflush(stdout);

  auto store = ts::store::Store::Open(store_dir);
  if (!store.ok()) {
    std::fprintf(stderr, "query_bench: %s\n", store.status().message().c_str());
    return 1;
  }
  ts::query::RefdataLookup lookup(reference);
  ts::query::StoreCatalog catalog(*store);
  ts::query::ExecuteOptions options;
  options.threads = threads;
  for (const Query& q : Workload()) {
    std::vector<double> runs;
    std::string text;
    for (int r = 0; r < reps; ++r) {
      double s = Now();
      auto result = ts::query::Execute(q.request, catalog, lookup, options);
      double e = Now() - s;
      if (!result.ok()) {
        std::fprintf(stderr, "query_bench: %s: %s\n", q.id.c_str(),
                     result.status().message().c_str());
        return 1;
      }
      text = q.canonical(*result);
      runs.push_back(e);
    }
    std::vector<double> sorted = runs;
    std::sort(sorted.begin(), sorted.end());
    std::string list;
    for (double r : runs) list += fmt::format("{}{:.4f}", list.empty() ? "" : ",", r);
    std::printf("peer=cpp step=%s seconds=%.4f runs=%s result=%s\n", q.id.c_str(),
                sorted[sorted.size() / 2], list.c_str(), text.c_str());
    std::fflush(stdout);
  }
  if (auto bytes = store->DiskBytes(); bytes.ok())
    std::printf("peer=cpp info storage_bytes=%llu\n", static_cast<unsigned long long>(*bytes));
  if (own_store) std::filesystem::remove_all(store_dir, ec);
  return 0;
}
