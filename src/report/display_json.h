// report/display_json.h: the query JSON with display text from the display module (display.h).
//
// `tradestat query --format json --display` and `/api/v1/query?...&display=true` write the
// query JSON (query/json.h) unchanged, plus a `"display"` object as the last key of every row,
// of `total` and of the result (docs/query.md "Display text"), so a client (the dashboard)
// shows the figures exactly as the bulletin and the query tables write them, in the request's
// language, without any formatting rules of its own:
//   result  "display":{"lang":"en","scale":"billion","unit":"billion yuan"}
//           scale/unit: the one unit of the money cells, from the largest |value| of the rows
//           (of the total when there are no rows), as a table column;
//   row     "display":{"value":"1,234.57", ...every measure key the row carries...,
//                      "value_text":"1234.57 billion yuan","growth_text":"up 7.6%"}
//           money measures: the number in the result's unit, fixed decimals, thousands
//           separators; growth "+7.6%", share "31.7%", points "+5.5 pp" (1 decimal, half away
//           from zero from the exact ratio); other kinds as the query table prints them; null
//           when the measure is absent. value_text: the value in its own scale as a sentence
//           writes it; growth_text: "up 7.6%" / "down 0.1%" / "flat" (持平), null when absent.
#pragma once

#include <string>

#include "query/result.h"

namespace tradestat::report {

/// The query JSON plus display text (the same bytes as query::ToJson up to the added keys).
std::string ToJsonWithDisplay(const query::QueryResult& result);

}  // namespace tradestat::report
