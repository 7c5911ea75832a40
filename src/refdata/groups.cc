// refdata/groups.cc: parsing partner-group files and answering dated membership questions.
#include "refdata/groups.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "core/strings.h"
#include "refdata/countries.h"
#include "refdata/internal/csv_table.h"

namespace tradestat::refdata {

using internal::CsvTable;

namespace {

bool ValidGroupCode(std::string_view code) {
  if (code.empty() || code.size() > 32) return false;
  for (char c : code)
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return code[0] >= 'A' && code[0] <= 'Z';
}

}  // namespace

const Group* Groups::Find(std::string_view code) const {
  auto it = index_.find(core::ToUpper(core::Trim(code)));
  return it == index_.end() ? nullptr : &groups_[it->second];
}

std::vector<std::string> Groups::MembersAt(std::string_view group, Date date) const {
  std::vector<std::string> out;
  const Group* g = Find(group);
  if (g == nullptr) return out;
  for (const Membership& m : g->members)
    if (m.ActiveOn(date)) out.push_back(m.partner);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<std::string> Groups::MembersAt(std::string_view group, core::Period period) const {
  return MembersAt(group, Date::EndOf(period));
}

bool Groups::IsMember(std::string_view group, std::string_view partner, Date date) const {
  const Group* g = Find(group);
  if (g == nullptr) return false;
  for (const Membership& m : g->members)
    if (m.partner == partner && m.ActiveOn(date)) return true;
  return false;
}

bool Groups::IsMember(std::string_view group, std::string_view partner, core::Period period) const {
  return IsMember(group, partner, Date::EndOf(period));
}

core::Result<ComparisonMembers> Groups::ForComparison(std::string_view group, core::Period current,
                                                      core::Period base,
                                                      MembershipRule rule) const {
  if (Find(group) == nullptr)
    return core::Status::NotFound(
        fmt::format("unknown partner group \"{}\"", core::MessageExcerpt(group)));
  ComparisonMembers out;
  out.current = MembersAt(group, current);
  out.base = rule == MembershipRule::kCurrentPeriodEnd ? out.current : MembersAt(group, base);
  return out;
}

core::Result<std::vector<Group>> Groups::ParseCsv(std::string_view csv, std::string_view file_name,
                                                  const Countries& countries) {
  TRADESTAT_ASSIGN_OR_RETURN(CsvTable t, CsvTable::Parse(csv, file_name));
  // "iso3" is the historical column name; "partner" is accepted as well.
  int partner = t.Column("iso3") >= 0 ? t.Column("iso3") : t.Column("partner");
  if (partner < 0) {
    TRADESTAT_RETURN_IF_ERROR(t.RequireColumns({"group_code", "iso3", "member_from", "member_to"}));
  }
  TRADESTAT_RETURN_IF_ERROR(t.RequireColumns({"group_code", "member_from", "member_to"}));
  int code = t.Column("group_code"), en = t.Column("group_name_en"), zh = t.Column("group_name_zh"),
      from = t.Column("member_from"), to = t.Column("member_to"), note = t.Column("note");
  std::vector<Group> groups;
  std::unordered_map<std::string, size_t> index;
  for (const auto& row : t.rows()) {
    std::string gc = core::ToUpper(t.Get(row, code));
    if (!ValidGroupCode(gc))
      return t.ErrorAt(
          row, code,
          fmt::format("\"{}\" is not a group code: use A-Z, 0-9 and _, starting with a letter",
                      core::MessageExcerpt(t.Get(row, code))));
    auto [it, added] = index.emplace(gc, groups.size());
    if (added) {
      Group g;
      g.code = gc;
      g.source = std::string(file_name);
      groups.push_back(std::move(g));
    }
    Group& g = groups[it->second];
    for (auto [col, field] : {std::pair{en, &g.name_en}, std::pair{zh, &g.name_zh}}) {
      std::string_view v = t.Get(row, col);
      if (v.empty()) continue;
      if (field->empty()) {
        *field = v;
      } else if (*field != v) {
        return t.ErrorAt(row, col,
                         fmt::format("group {} was named \"{}\" on an earlier row", gc,
                                     core::MessageExcerpt(*field)));
      }
    }
    Membership m;
    auto p = countries.Normalize(t.Get(row, partner));
    if (!p.ok()) return t.ErrorAt(row, partner, p.status().message());
    m.partner = *p;
    if (!t.Get(row, from).empty()) {
      auto d = Date::Parse(t.Get(row, from));
      if (!d.ok()) return t.ErrorAt(row, from, d.status().message());
      m.from = *d;
    }
    if (!t.Get(row, to).empty()) {
      auto d = Date::Parse(t.Get(row, to));
      if (!d.ok()) return t.ErrorAt(row, to, d.status().message());
      m.to = *d;
    }
    if (m.to < m.from)
      return t.ErrorAt(
          row, to,
          fmt::format("member_to {} is before member_from {}", m.to.ToString(), m.from.ToString()));
    for (const Membership& other : g.members) {
      if (other.partner == m.partner && other.from <= m.to && m.from <= other.to)
        return t.ErrorAt(
            row, partner,
            fmt::format("{} is already a member of {} on an overlapping period", m.partner, gc));
    }
    m.note = t.Get(row, note);
    g.members.push_back(std::move(m));
  }
  for (const Group& g : groups) {
    if (g.name_en.empty())
      return core::Status::Parse(
          fmt::format("{}: group {} has no group_name_en on any row", file_name, g.code));
  }
  return groups;
}

void Groups::Merge(std::vector<Group> groups) {
  for (Group& g : groups) {
    auto it = index_.find(g.code);
    if (it != index_.end()) {
      groups_[it->second] = std::move(g);
    } else {
      index_.emplace(g.code, groups_.size());
      groups_.push_back(std::move(g));
    }
  }
}

}  // namespace tradestat::refdata
