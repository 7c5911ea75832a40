// python/ref_binding.cc: _tradestat.Reference: partner groups, countries and regions as records.
//
// The same lookups as `tradestat ref groups|countries|regions [ITEM] [--at YYYY-MM] --json`, with
// the same field names and messages; tradestat/ref.py turns the record lists into DataFrames.
// _tradestat.builtin_reference() is the compiled-in data; Store.reference() adds the store's files.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <string>

#include <fmt/format.h>

#include "core/period.h"
#include "core/strings.h"
#include "python/binding.h"
#include "refdata/reference.h"

namespace tradestat::python {
namespace {

using refdata::Reference;

std::optional<core::Period> ParseAt(const std::string& at) {
  if (at.empty()) return std::nullopt;
  auto p = core::Period::Parse(at);
  if (!p.ok() || p->is_annual())
    Raise(errors().reference, core::Status::InvalidArgument(fmt::format(
                                  "--at {}: expected a month YYYY-MM, e.g. 2023-06", at)));
  return *p;
}

std::string KindName(refdata::PartnerKind k) {
  switch (k) {
    case refdata::PartnerKind::kIso: return "iso";
    case refdata::PartnerKind::kNonIso: return "non_iso";
    case refdata::PartnerKind::kFormer: return "former";
    case refdata::PartnerKind::kResidual: return "residual";
    case refdata::PartnerKind::kSpecial: return "special";
  }
  return "iso";
}

py::dict CountryRecord(const refdata::Country& c) {
  py::dict d;
  d["code"] = c.code;
  d["alpha2"] = c.alpha2;
  d["numeric"] = c.numeric;
  d["name_en"] = c.name_en;
  d["name_zh"] = c.name_zh;
  d["kind"] = KindName(c.kind);
  d["is_special"] = c.is_special;
  d["customs_codes"] = c.customs_codes;
  d["comtrade_code"] = c.comtrade_code;
  return d;
}

py::dict RegionRecord(const refdata::Region& r) {
  py::dict d;
  d["code"] = r.code;
  d["name_en"] = r.name_en;
  d["name_zh"] = r.name_zh;
  d["level"] = r.level;
  d["parent"] = r.parent;
  return d;
}

bool Matches(const std::string& search, const std::string& code, const std::string& en,
             const std::string& zh) {
  return search.empty() || code.find(core::ToUpper(search)) != std::string::npos ||
         core::ToLower(en).find(core::ToLower(search)) != std::string::npos ||
         zh.find(search) != std::string::npos;
}

class PyReference {
 public:
  explicit PyReference(std::shared_ptr<const Reference> ref) : ref_(std::move(ref)) {}

  // `tradestat ref groups [--search S] [--at M] --json`: one record per group.
  py::list Groups(const std::string& search, const std::string& at_text) const {
    return Guard(errors().reference, [&] {
      auto at = ParseAt(at_text);
      py::list out;
      for (const auto& g : ref_->groups().all()) {
        if (!Matches(search, g.code, g.name_en, g.name_zh)) continue;
        py::dict d;
        d["code"] = g.code;
        d["name_en"] = g.name_en;
        d["name_zh"] = g.name_zh;
        d["members"] = at ? ref_->groups().MembersAt(g.code, *at).size() : g.members.size();
        d["source"] = g.source;
        out.append(d);
      }
      return out;
    });
  }

  // `tradestat ref groups CODE [--at M] --json`: the group and its membership rows.
  py::dict Group(const std::string& code, const std::string& at_text) const {
    return Guard(errors().reference, [&] {
      auto at = ParseAt(at_text);
      const refdata::Group* g = ref_->groups().Find(code);
      if (g == nullptr)
        Raise(errors().reference,
              core::Status::NotFound(fmt::format(
                  "unknown partner group \"{}\": run 'tradestat ref groups' for the list", code)));
      refdata::Date when = at ? refdata::Date::EndOf(*at) : refdata::Date::Max();
      std::vector<const refdata::Membership*> shown;
      for (const auto& m : g->members)
        if (!at || m.ActiveOn(when)) shown.push_back(&m);
      std::stable_sort(shown.begin(), shown.end(),
                       [](auto* a, auto* b) { return a->partner < b->partner; });
      py::list members;
      for (const auto* m : shown) {
        const refdata::Country* c = ref_->countries().Find(m->partner);
        py::dict d;
        d["code"] =
            m->partner;  // the spelling of `tradestat ref groups CODE --json` (refdata/ref_json.h)
        d["name_en"] = c ? c->name_en : "";
        d["name_zh"] = c ? c->name_zh : "";
        d["from"] = m->from == refdata::Date::Min() ? "" : m->from.ToString();
        d["to"] = m->to == refdata::Date::Max() ? "" : m->to.ToString();
        members.append(d);
      }
      py::dict out;
      out["code"] = g->code;
      out["name_en"] = g->name_en;
      out["name_zh"] = g->name_zh;
      out["source"] = g->source;
      out["at"] = at ? when.ToString() : "";
      out["members"] = members;
      return out;
    });
  }

  py::list Countries(const std::string& search) const {
    return Guard(errors().reference, [&] {
      py::list out;
      if (!search.empty()) {
        for (const auto* c : ref_->countries().Search(search)) out.append(CountryRecord(*c));
      } else {
        for (const auto& c : ref_->countries().all()) out.append(CountryRecord(c));
      }
      return out;
    });
  }

  // Any accepted spelling: alpha-3/alpha-2/numeric/name, "customs:116", "comtrade:842".
  py::dict Country(const std::string& item) const {
    return Guard(errors().reference, [&] {
      core::Result<std::string> code =
          core::StartsWith(item, "customs:")    ? ref_->PartnerFromCustomsCode(item.substr(8))
          : core::StartsWith(item, "comtrade:") ? ref_->PartnerFromComtradeCode(item.substr(9))
                                                : ref_->NormalizePartner(item);
      std::string c = Check(std::move(code), errors().reference);
      const refdata::Country* country = ref_->countries().Find(c);
      if (country == nullptr)
        Raise(errors().reference, core::Status::NotFound("unknown partner \"" + item + "\""));
      return CountryRecord(*country);
    });
  }

  py::list Regions(const std::string& search) const {
    return Guard(errors().reference, [&] {
      py::list out;
      for (const auto& r : ref_->regions().all()) {
        if (!search.empty() && !core::StartsWith(r.code, search) &&
            r.name_zh.find(search) == std::string::npos &&
            core::ToLower(r.name_en).find(core::ToLower(search)) == std::string::npos)
          continue;
        out.append(RegionRecord(r));
      }
      return out;
    });
  }

  // A region (code, "43", name) with its province, children and groups.
  py::dict Region(const std::string& item) const {
    return Guard(errors().reference, [&] {
      const auto& regions = ref_->regions();
      std::string code = Check(regions.Normalize(item), errors().reference);
      const refdata::Region* r = regions.Find(code);
      std::vector<std::string> children;
      for (const auto* c : regions.Children(code)) children.push_back(c->code);
      py::dict d;
      d["code"] = code;
      d["name_en"] = r ? r->name_en : "";
      d["name_zh"] = r ? r->name_zh : "";
      d["level"] = r ? r->level : "unlisted";
      d["province"] = refdata::Regions::ProvinceOf(code);
      d["children"] = children;
      d["groups"] = regions.GroupsOf(code);
      return d;
    });
  }

  py::list RegionGroups() const {
    return Guard(errors().reference, [&] {
      py::list out;
      for (const auto& g : ref_->regions().groups()) {
        py::dict d;
        d["code"] = g.code;
        d["name_en"] = g.name_en;
        d["name_zh"] = g.name_zh;
        d["members"] = g.members;
        out.append(d);
      }
      return out;
    });
  }

 private:
  std::shared_ptr<const Reference> ref_;
};

}  // namespace

py::object MakeReference(std::shared_ptr<const refdata::Reference> ref) {
  return py::cast(std::make_shared<PyReference>(std::move(ref)));
}

void RegisterReference(py::module_& m) {
  py::class_<PyReference, std::shared_ptr<PyReference>>(m, "Reference")
      .def("groups", &PyReference::Groups, py::arg("search") = "", py::arg("at") = "")
      .def("group", &PyReference::Group, py::arg("code"), py::arg("at") = "")
      .def("countries", &PyReference::Countries, py::arg("search") = "")
      .def("country", &PyReference::Country, py::arg("item"))
      .def("regions", &PyReference::Regions, py::arg("search") = "")
      .def("region", &PyReference::Region, py::arg("item"))
      .def("region_groups", &PyReference::RegionGroups);
  m.def("builtin_reference", [] {
    return Guard(errors().reference, [] {
      return MakeReference(
          std::shared_ptr<const Reference>(&Reference::Builtin(), [](const Reference*) {}));
    });
  });
}

}  // namespace tradestat::python
