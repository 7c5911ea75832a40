// server/params.cc: URL parameters -> QueryRequest, with UN Comtrade-style aliases.
#include "server/params.h"

#include <arpa/inet.h>

#include <algorithm>
#include <charconv>

#include <fmt/format.h>

namespace tradestat::server {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string DecodeComponent(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out += ' ';
    } else if (s[i] == '%' && i + 2 < s.size() && HexValue(s[i + 1]) >= 0 &&
               HexValue(s[i + 2]) >= 0) {
      out += static_cast<char>(HexValue(s[i + 1]) * 16 + HexValue(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

// Alias -> canonical parameter name.
const std::map<std::string, std::string>& Aliases() {
  static const std::map<std::string, std::string> kAliases = {
      {"reporterCode", "reporter"},   {"flowCode", "flow"},   {"maxRecords", "top"},
      {"partnerCode", "partnerCode"}, {"cmdCode", "cmdCode"}, {"breakdown", "by"},
  };
  return kAliases;
}

const std::set<std::string>& QueryNames() {
  static const std::set<std::string> kNames = {
      "dataset", "period",   "compare",        "reporter",    "flow", "where", "by",
      "units",   "currency", "benchmark",      "top",         "sort", "lang",  "partnerCode",
      "cmdCode", "measure",  "products_level", "products_min"};
  return kNames;
}

bool Repeatable(const std::string& name) {
  return name == "where" || name == "by" || name == "units" || name == "measure";
}

std::string AcceptedList(const std::set<std::string>& names) {
  std::string s;
  for (const auto& n : names) s += (s.empty() ? "" : ", ") + n;
  return s;
}

// Comtrade flow codes: X and M (also accepted by the engine); "exports"/"imports" pass through.
std::string FlowValue(const std::string& v) { return v; }

}  // namespace

bool ParseQueryParams(const ParamList& params, const std::set<std::string>& extra,
                      query::QueryRequest& out, std::map<std::string, std::string>& extra_values,
                      HttpError& error) {
  std::set<std::string> seen;
  std::set<std::string> accepted = QueryNames();
  accepted.insert(extra.begin(), extra.end());
  for (const auto& [raw_name, value] : params) {
    std::string name = raw_name;
    if (auto a = Aliases().find(raw_name); a != Aliases().end()) name = a->second;
    if (!accepted.count(name)) {
      std::set<std::string> shown = accepted;
      for (const auto& [alias, _] : Aliases()) shown.insert(alias);
      error = BadParameter(raw_name,
                           fmt::format("unknown parameter; accepted: {}", AcceptedList(shown)));
      return false;
    }
    if (!Repeatable(name) && name != "partnerCode" && name != "cmdCode" &&
        !seen.insert(name).second) {
      error =
          BadParameter(raw_name, "given more than once; only where, by and units may be repeated");
      return false;
    }
    if (extra.count(name)) {
      extra_values[name] = value;
    } else if (name == "dataset") {
      out.dataset = value;
    } else if (name == "period") {
      out.period = value;
    } else if (name == "compare") {
      out.compare = value;
    } else if (name == "reporter") {
      out.reporter = value;
    } else if (name == "flow") {
      out.flow = FlowValue(value);
    } else if (name == "where") {
      out.where.push_back(value);
    } else if (name == "partnerCode") {
      out.where.push_back("partner=" + value);
    } else if (name == "cmdCode") {
      out.where.push_back("commodity=" + value);
    } else if (name == "by") {
      out.by.push_back(value);
    } else if (name == "units") {
      out.units.push_back(value);
    } else if (name == "measure") {
      out.measures.push_back(value);
    } else if (name == "currency") {
      out.currency = value;
    } else if (name == "benchmark") {
      out.benchmark = value;
    } else if (name == "top") {
      int top = 0;
      auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), top);
      if (ec != std::errc() || p != value.data() + value.size() || top < 0) {
        error = BadParameter(raw_name, fmt::format("\"{}\"; accepted: a whole number >= 0", value));
        return false;
      }
      out.top = top;
    } else if (name == "sort") {
      out.sort = value;
    } else if (name == "lang") {
      out.lang = value;
    } else if (name == "products_level") {
      out.products_level = value;
    } else if (name == "products_min") {
      out.products_min = value;
    }
  }
  if (out.period.empty()) {
    error = BadParameter("period", "required; e.g. period=2023-06, 2023H1, 2023-06:ytd");
    return false;
  }
  return true;
}

bool ParseSimpleParams(const ParamList& params, const std::set<std::string>& allowed,
                       std::map<std::string, std::string>& out, HttpError& error) {
  for (const auto& [name, value] : params) {
    if (!allowed.count(name)) {
      error = BadParameter(name, allowed.empty()
                                     ? "unknown parameter; this endpoint takes none"
                                     : "unknown parameter; accepted: " + AcceptedList(allowed));
      return false;
    }
    if (!out.emplace(name, value).second) {
      error = BadParameter(name, "given more than once");
      return false;
    }
  }
  return true;
}

bool ParseBulletinParams(const ParamList& params, BulletinParams& out, HttpError& error) {
  std::map<std::string, std::string> v;
  std::set<std::string> allowed = {"dataset",   "period", "reporter", "reporterCode",
                                   "benchmark", "lang",   "format",   "allow_partial"};
  if (!ParseSimpleParams(params, allowed, v, error)) return false;
  if (v.count("reporterCode") && v.count("reporter")) {
    error = BadParameter("reporterCode", "give reporter or reporterCode, not both");
    return false;
  }
  if (v.count("reporterCode")) v["reporter"] = v["reporterCode"];
  auto opt = [&](const char* k) {
    return v.count(k) ? std::optional<std::string>(v[k]) : std::nullopt;
  };
  out.dataset = opt("dataset");
  out.period = opt("period");
  out.reporter = opt("reporter");
  out.benchmark = opt("benchmark");
  if (v.count("lang")) out.lang = v["lang"];
  if (v.count("format")) out.format = v["format"];
  if (v.count("allow_partial")) {
    if (v["allow_partial"] != "true" && v["allow_partial"] != "false") {
      error = BadParameter("allow_partial",
                           fmt::format("\"{}\"; accepted: true, false", v["allow_partial"]));
      return false;
    }
    out.allow_partial = v["allow_partial"] == "true";
  }
  if (out.lang != "en" && out.lang != "zh") {
    error = BadParameter("lang", fmt::format("\"{}\"; accepted: en, zh", out.lang));
    return false;
  }
  if (out.format != "json" && out.format != "html" && out.format != "md") {
    error = BadParameter("format", fmt::format("\"{}\"; accepted: json, html, md", out.format));
    return false;
  }
  for (const char* k : {"dataset", "period", "reporter"})
    if (v.count(k) && v[k].empty()) {
      error = BadParameter(k, "empty; leave the parameter out to use the default");
      return false;
    }
  return true;
}

std::string HostName(std::string_view host) {
  std::string h;
  if (!host.empty() && host.front() == '[') {
    size_t close = host.find(']');
    h = std::string(host.substr(0, close == std::string_view::npos ? host.size() : close + 1));
  } else {
    size_t colon = host.rfind(':');
    h = std::string(host.substr(0, colon));
  }
  std::transform(h.begin(), h.end(), h.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (!h.empty() && h.back() == '.') h.pop_back();
  return h;
}

bool HostAllowed(std::string_view host_header, const std::vector<std::string>& allowed) {
  if (host_header.empty()) return true;
  std::string h = HostName(host_header);
  if (h == "localhost") return true;
  unsigned char buf[16];
  if (h.size() > 2 && h.front() == '[' && h.back() == ']') {
    std::string inner = h.substr(1, h.size() - 2);
    if (::inet_pton(AF_INET6, inner.c_str(), buf) == 1) return true;
  } else if (::inet_pton(AF_INET, h.c_str(), buf) == 1) {
    return true;
  }
  for (const auto& a : allowed)
    if (HostName(a) == h) return true;
  return false;
}

ParamList ParseQueryString(std::string_view target) {
  ParamList out;
  size_t q = target.find('?');
  if (q == std::string_view::npos) return out;
  std::string_view rest = target.substr(q + 1);
  size_t hash = rest.find('#');
  if (hash != std::string_view::npos) rest = rest.substr(0, hash);
  while (!rest.empty()) {
    size_t amp = rest.find('&');
    std::string_view part = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
    if (part.empty()) continue;
    size_t eq = part.find('=');
    if (eq == std::string_view::npos)
      out.emplace_back(DecodeComponent(part), "");
    else
      out.emplace_back(DecodeComponent(part.substr(0, eq)), DecodeComponent(part.substr(eq + 1)));
  }
  return out;
}

std::string Excerpt(std::string_view value, size_t max) {
  if (value.size() <= max) return std::string(value);
  size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0) == 0x80) --cut;
  return std::string(value.substr(0, cut)) + "...";
}

}  // namespace tradestat::server
