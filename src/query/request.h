// query/request.h: QueryRequest, the options of `tradestat query` as a plain struct.
//
// The CLI, the bulletin and the HTTP server all fill this struct with the option texts the user
// gave; query::Execute parses and validates them, so every caller gets the same errors
// (InvalidArgument naming the option and the accepted forms) and the same results.
#pragma once

#include <string>
#include <vector>

namespace tradestat::query {

struct QueryRequest {
  std::string dataset;          // --dataset; empty = the store's only dataset (an error if several)
  std::string period;           // --period (required): 2023-06, 2023H1, 2023-06:ytd, ...
  std::string compare = "yoy";  // --compare yoy|prev|none
  std::string reporter;         // --reporter CODE|GROUP; empty = the whole dataset
  std::string flow = "total";   // --flow total|X|M
  std::vector<std::string> where;  // --where DIM=V[,V...] (repeatable, ANDed)
  std::vector<std::string> by;     // --by DIM[,DIM...] (repeatable)
  std::vector<std::string> units;  // --units GROUP[,GROUP...]: blocs ranked as partners
  std::string currency;            // --currency; empty = the dataset's first currency
  std::string benchmark;           // --benchmark DATASET[:REPORTER]
  int top = 0;                     // --top N; 0 = all rows
  std::string sort;                // --sort FIELD[:asc|desc]; empty = default order
  std::string lang = "en";         // --lang en|zh: names in results
  std::vector<std::string>
      measures;                // --measure M[,M...] (repeatable): value, quantity, unit_value...
  std::string products_level;  // --products-level hs2|hs4|hs6|hs8 (products_exported); empty = hs6
  std::string products_min;    // --products-min AMOUNT in currency units; empty = 0 (exports > 0)

  static QueryRequest Defaults() { return QueryRequest(); }
};

}  // namespace tradestat::query
