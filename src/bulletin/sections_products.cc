// bulletin/sections_products.cc: product structure (category shares of exports), the 'three
// new' products (value and growth), trade modes and enterprise types.
#include <fmt/format.h>

#include "bulletin/builder_internal.h"

namespace tradestat::bulletin::internal {

namespace {

std::string FlowWord(const std::string& flow, bool zh) {
  if (flow == "X") return zh ? "出口" : "exports";
  if (flow == "M") return zh ? "进口" : "imports";
  return zh ? "进出口" : "trade";
}

struct Share {
  std::string name, value, share;
  query::Derived share_now, share_prev;
  const query::QueryResult* r = nullptr;
};

}  // namespace

core::Status WriteProducts(Builder& b) {
  Section s;
  s.id = "products";
  s.title = b.Title(s.id);
  const bool zh = b.zh;
  const std::string flow = b.spec.product_flow;
  std::vector<Share> shares;
  Table tab;
  tab.title = zh ? fmt::format("{}商品结构（{}）", FlowWord(flow, zh), b.num.MoneyUnit())
                 : fmt::format("Structure of {} ({})", FlowWord(flow, zh), b.num.MoneyUnit());
  tab.headers =
      zh ? std::vector<std::string>{"商品", "本期", "同比", "占比", "上年同期占比"}
         : std::vector<std::string>{"products", "value", "growth", "share", "share a year earlier"};
  Chart c;
  c.kind = Chart::Kind::kBars;
  c.title = zh ? fmt::format("主要商品占{}比重（%）", FlowWord(flow, zh))
               : fmt::format("Shares of {} (%)", FlowWord(flow, zh));
  c.unit = "%";
  c.series.resize(1);
  auto add_row = [&](const Item& item, const query::QueryResult& r) {
    const query::Measures& m = r.total.m;
    query::Derived prev = m.value_prev && r.total_share_base.value_prev
                              ? ShareOf(*m.value_prev, *r.total_share_base.value_prev)
                              : query::Derived{};
    std::string name = Capitalize(item.label.In(b.lang));
    tab.rows.push_back({name, b.num.MoneyNumber(m.value), b.num.Cell(m.growth_pct),
                        b.num.Percent(m.share_pct, false), b.num.Percent(prev, false)});
    c.labels.push_back(name);
    c.series[0].push_back(m.share_pct.present ? m.share_pct.value() : 0);
    c.value_labels.push_back(b.num.Percent(m.share_pct, false));
    return prev;
  };
  for (const Item& item : b.spec.product_shares) {
    query::QueryRequest q = b.Base();
    q.flow = flow;
    q.where = {item.where};
    TRADESTAT_ASSIGN_OR_RETURN(const query::QueryResult* r, b.Run(q));
    if (r->total.m.value == 0 && r->total.m.value_prev.value_or(0) == 0)
      continue;  // not in these data
    Share sh;
    sh.r = r;
    sh.name = item.name.In(b.lang);
    sh.share_now = r->total.m.share_pct;
    sh.share = b.AddPercent(s, "products.share." + item.code, sh.name + (zh ? "占比" : " share"),
                            r->total.m.share_pct, false, q, "total.share_pct");
    sh.value =
        b.AddMoney(s, "products.value." + item.code, sh.name, r->total.m.value, q, "total.value");
    sh.share_prev = add_row(item, *r);
    if (tab.args.empty()) tab.args = Builder::Args(q);
    shares.push_back(sh);
  }
  for (const Item& item : b.spec.product_growth) {
    query::QueryRequest q = b.Base();
    q.flow = flow;
    q.where = {item.where};
    TRADESTAT_ASSIGN_OR_RETURN(const query::QueryResult* r, b.Run(q));
    if (r->total.m.value == 0 && r->total.m.value_prev.value_or(0) == 0) continue;
    add_row(item, *r);
  }
  if (!shares.empty()) {
    // "Shift to technology" only when the first category's share rose and the second's fell.
    std::string lead;
    if (shares.size() >= 2 && shares[0].share_prev.present && shares[1].share_prev.present &&
        shares[0].share_now.value() > shares[0].share_prev.value() &&
        shares[1].share_now.value() < shares[1].share_prev.value())
      lead = zh ? fmt::format(
                      "{}外贸加快从依靠低成本劳动力的粗放型增长向依靠技术、制造的集约型增长转变，",
                      b.ReporterName())
                : fmt::format(
                      "{} has also transitioned from an extensive growth model relying on low-cost "
                      "labor to a model "
                      "focused on technology and manufacturing. ",
                      b.ReporterName());
    std::string t = lead;
    if (zh) {
      for (size_t i = 0; i < shares.size(); ++i)
        t += i == 0 ? fmt::format("{}{}占{}{}总值的{}", shares[i].name, FlowWord(flow, zh),
                                  b.AverageNoun(), FlowWord(flow, zh), shares[i].share)
                    : fmt::format("，{}占{}", shares[i].name, shares[i].share);
      t += "。";
    } else {
      for (size_t i = 0; i < shares.size(); ++i)
        t += i == 0
                 ? fmt::format("{} accounted for {} of the total {} value",
                               Capitalize(shares[i].name), shares[i].share,
                               flow == "X"   ? "export"
                               : flow == "M" ? "import"
                                             : "trade")
                 : fmt::format("{}{} {} accounted for {}", i + 1 == shares.size() ? ", while" : ",",
                               "", shares[i].name, shares[i].share);
      t += ".";
    }
    s.text = t;
  }
  if (tab.rows.empty()) return core::Status::Ok();  // no product data (no HS codes): left out
  s.tables.push_back(std::move(tab));
  s.charts.push_back(std::move(c));
  b.bulletin.sections.push_back(std::move(s));
  return core::Status::Ok();
}

core::Status WriteNew3(Builder& b) {
  Section s;
  s.id = "new3";
  s.title = b.Title(s.id);
  const bool zh = b.zh;
  const std::string flow = b.spec.product_flow;
  Table tab;
  tab.title = zh ? "重点商品（" + b.num.MoneyUnit() + "）"
                 : "Selected products (" + b.num.MoneyUnit() + ")";
  tab.headers = zh ? std::vector<std::string>{"商品", "本期", "上年同期", "同比"}
                   : std::vector<std::string>{"products", "value", "a year earlier", "growth"};
  std::vector<std::string> sentences;
  query::QueryRequest qf = b.Base();
  qf.flow = flow;
  TRADESTAT_ASSIGN_OR_RETURN(const query::QueryResult* all, b.Run(qf));
  bool any_faster = false;
  for (const Item& item : b.spec.product_growth) {
    query::QueryRequest q = b.Base();
    q.flow = flow;
    q.where = {item.where};
    TRADESTAT_ASSIGN_OR_RETURN(const query::QueryResult* r, b.Run(q));
    const query::Measures& m = r->total.m;
    if (m.value == 0 && m.value_prev.value_or(0) == 0) continue;  // not in these data
    const std::string name = item.name.In(b.lang);
    const std::string value =
        b.AddMoney(s, "new3.value." + item.code, name, m.value, q, "total.value");
    b.AddPercent(s, "new3.growth." + item.code, name + (zh ? "增速" : " growth"), m.growth_pct,
                 false, q, "total.growth_pct");
    // "A new growth point" only for products that grow, and faster than all of the flow.
    const bool faster = SignOf(m.growth_pct) > 0 && m.growth_pct.present &&
                        all->total.m.growth_pct.present &&
                        m.growth_pct.value() > all->total.m.growth_pct.value();
    any_faster |= faster;
    const bool strong = m.growth_pct.present && m.growth_pct.value() >= 20;
    if (b.no_compare) {  // the headline says once that there is no comparison
      sentences.push_back(zh ? fmt::format("{}{}{}", name, FlowWord(flow, zh), value)
                             : fmt::format("the {} value of the {} reached {}",
                                           flow == "X"   ? "export"
                                           : flow == "M" ? "import"
                                                         : "trade",
                                           name, value));
    } else if (zh) {
      sentences.push_back(
          fmt::format("{}{}{}，{}", name, FlowWord(flow, zh), value, b.num.Growth(m.growth_pct)));
    } else {
      std::string g = b.num.Growth(m.growth_pct);
      if (strong && SignOf(m.growth_pct) > 0 && g.rfind("an increase", 0) == 0)
        g = "a significant" + g.substr(2);
      sentences.push_back(fmt::format("the {} value of the {} reached {}, {}",
                                      flow == "X"   ? "export"
                                      : flow == "M" ? "import"
                                                    : "trade",
                                      name, value, g));
    }
    tab.rows.push_back({Capitalize(item.label.In(b.lang)), b.num.MoneyNumber(m.value),
                        m.value_prev ? b.num.MoneyNumber(*m.value_prev) : "",
                        b.num.Cell(m.growth_pct)});
    if (tab.args.empty()) tab.args = Builder::Args(q);
  }
  if (tab.rows.empty()) return core::Status::Ok();
  std::string intro = any_faster ? b.spec.growth_intro.In(b.lang) : "";
  if (zh) {
    s.text = intro;
    for (size_t i = 0; i < sentences.size(); ++i) s.text += (i ? "；" : "") + sentences[i];
    if (!sentences.empty()) s.text += "。";
  } else {
    s.text = intro;
    for (size_t i = 0; i < sentences.size(); ++i) {
      std::string x = sentences[i];
      if (i == 0 && !intro.empty()) x = "In particular, " + x;
      s.text += (s.text.empty() ? "" : " ") + Capitalize(x) + ".";
    }
  }
  s.tables.push_back(std::move(tab));
  b.bulletin.sections.push_back(std::move(s));
  return core::Status::Ok();
}

core::Status WriteModes(Builder& b) {
  Section s;
  s.id = "modes";
  s.title = b.Title(s.id);
  const bool zh = b.zh;
  auto clauses = [&](const std::vector<Item>& items, const std::string& prefix, Table& tab,
                     const std::string& subject_en) -> core::Result<std::string> {
    std::vector<std::string> out;
    for (const Item& item : items) {
      query::QueryRequest q = b.Base();
      q.where = {item.where};
      TRADESTAT_ASSIGN_OR_RETURN(const query::QueryResult* r, b.Run(q));
      const query::Measures& m = r->total.m;
      const std::string name = item.name.In(b.lang);
      const std::string id = prefix + item.code;
      std::vector<std::string> parts;
      for (std::string_view what : {"value", "growth", "share"}) {
        if (item.show.find(what) == std::string::npos) continue;
        if (what == "value")
          parts.push_back(b.AddMoney(s, id + ".value", name, m.value, q, "total.value"));
        else if (what == "growth") {
          std::string g = b.AddGrowth(s, id + ".growth", name, m.growth_pct, q, "total.growth_pct");
          if (!b.no_compare) parts.push_back(g);
        } else {
          std::string v =
              b.AddPercent(s, id + ".share", name, m.share_pct, false, q, "total.share_pct");
          parts.push_back(zh ? "占" + v : "accounting for " + v + " of the total");
        }
      }
      std::string c = zh ? name + "进出口" : subject_en + name + " ";
      for (size_t i = 0; i < parts.size(); ++i)
        c += (i ? (zh ? "，" : ", ") : (zh || i ? "" : "amounted to ")) + parts[i];
      out.push_back(c);
      tab.rows.push_back({Capitalize(item.label.In(b.lang)), b.num.MoneyNumber(m.value),
                          b.num.Cell(m.growth_pct), b.num.Percent(m.share_pct, false)});
      if (tab.args.empty()) tab.args = Builder::Args(q);
    }
    std::string joined;
    for (size_t i = 0; i < out.size(); ++i) joined += (i ? "；" : "") + out[i];
    if (!zh) {
      joined.clear();
      for (size_t i = 0; i < out.size(); ++i) joined += (i ? "; " : "") + out[i];
    }
    return joined;
  };
  // A dimension the data lack (all codes empty) is left out, never written as 0.
  auto has_dim = [&](const char* dim) -> core::Result<bool> {
    query::QueryRequest q = b.Base();
    q.by = {dim};
    TRADESTAT_ASSIGN_OR_RETURN(const query::QueryResult* r, b.Run(q));
    for (const query::ResultRow& row : r->rows)
      if (!row.keys.empty() && !row.keys[0].code.empty() && row.m.value != 0) return true;
    return false;
  };
  TRADESTAT_ASSIGN_OR_RETURN(const bool has_modes, has_dim("trade_mode"));
  TRADESTAT_ASSIGN_OR_RETURN(const bool has_firms, has_dim("enterprise_type"));
  std::vector<std::string> headers = zh ? std::vector<std::string>{"", "本期", "同比", "占比"}
                                        : std::vector<std::string>{"", "value", "growth", "share"};
  Table tm{zh ? "贸易方式（" + b.num.MoneyUnit() + "）" : "Trade modes (" + b.num.MoneyUnit() + ")",
           headers,
           {},
           {}};
  Table te{zh ? "企业性质（" + b.num.MoneyUnit() + "）"
              : "Types of enterprise (" + b.num.MoneyUnit() + ")",
           headers,
           {},
           {}};
  TRADESTAT_ASSIGN_OR_RETURN(
      std::string modes,
      clauses(has_modes ? b.spec.trade_modes : std::vector<Item>{}, "modes.trade.", tm, ""));
  TRADESTAT_ASSIGN_OR_RETURN(std::string firms,
                             clauses(has_firms ? b.spec.enterprises : std::vector<Item>{},
                                     "modes.enterprise.", te, "trade by "));
  if (modes.empty() && firms.empty()) return core::Status::Ok();
  std::string t;
  if (!modes.empty()) t += zh ? "从贸易方式看，" + modes + "。" : "By trade mode, " + modes + ".";
  if (!firms.empty())
    t += zh ? "从企业性质看，" + firms + "。"
            : std::string(t.empty() ? "" : " ") + "By type of enterprise, " + firms + ".";
  s.text = t;
  if (!tm.rows.empty()) s.tables.push_back(std::move(tm));
  if (!te.rows.empty()) s.tables.push_back(std::move(te));
  b.bulletin.sections.push_back(std::move(s));
  return core::Status::Ok();
}

}  // namespace tradestat::bulletin::internal
