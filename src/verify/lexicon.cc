// verify/lexicon.cc: subject names from reference data plus release vocabulary.
#include "verify/lexicon.h"

#include <algorithm>
#include <cctype>
#include <unordered_set>

#include "core/strings.h"
#include "verify/release.h"

namespace tradestat::verify {
namespace {

struct Term {
  const char* text;
  SubjectKind kind;
  const char* code;
};

// Release vocabulary that reference names do not spell out. Codes are reference codes; an entry
// whose code the reference lacks is skipped.
constexpr Term kTerms[] = {
    {"three new products", SubjectKind::kCategory, "NEW3"},
    {"three new", SubjectKind::kCategory, "NEW3"},
    {"new three", SubjectKind::kCategory, "NEW3"},
    {"新三样", SubjectKind::kCategory, "NEW3"},
    {"high-tech products", SubjectKind::kCategory, "HITECH"},
    {"high and new technology products", SubjectKind::kCategory, "HITECH"},
    {"高新技术产品", SubjectKind::kCategory, "HITECH"},
    {"agricultural products", SubjectKind::kCategory, "AGRI"},
    {"农产品", SubjectKind::kCategory, "AGRI"},
    {"mechanical and electrical products", SubjectKind::kCategory, "ME"},
    {"electromechanical products", SubjectKind::kCategory, "ME"},
    {"机电产品", SubjectKind::kCategory, "ME"},
    {"labor-intensive products", SubjectKind::kCategory, "LABOR"},
    {"劳动密集型产品", SubjectKind::kCategory, "LABOR"},
    {"processing trade", SubjectKind::kTradeMode, "14,15"},
    {"加工贸易", SubjectKind::kTradeMode, "14,15"},
    {"general trade", SubjectKind::kTradeMode, "10"},
    {"一般贸易", SubjectKind::kTradeMode, "10"},
    {"bonded logistics", SubjectKind::kTradeModeClass, "bonded_logistics"},
    {"保税物流", SubjectKind::kTradeModeClass, "bonded_logistics"},
    {"cross-border e-commerce", SubjectKind::kTradeModeClass, "cross_border_ecommerce"},
    {"跨境电商", SubjectKind::kTradeModeClass, "cross_border_ecommerce"},
    {"national", SubjectKind::kNational, ""},
    {"nationwide", SubjectKind::kNational, ""},
    {"全国", SubjectKind::kNational, ""},
    {"provincial average", SubjectKind::kScope, ""},
    {"全省平均", SubjectKind::kScope, ""},
    {"south korea", SubjectKind::kPartner, "KOR"},
    {"russia", SubjectKind::kPartner, "RUS"},
    {"vietnam", SubjectKind::kPartner, "VNM"},
    {"taiwan", SubjectKind::kPartner, "TWN"},
    {"台湾", SubjectKind::kPartner, "TWN"},
    {"iran", SubjectKind::kPartner, "IRN"},
    {"laos", SubjectKind::kPartner, "LAO"},
    {"the uk", SubjectKind::kPartner, "GBR"},
    {"britain", SubjectKind::kPartner, "GBR"},
};

bool IsAsciiAlnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

bool HasDigitOrSemicolon(std::string_view s) {
  for (char c : s)
    if (std::isdigit(static_cast<unsigned char>(c)) || c == ';') return true;
  return false;
}

bool CodeKnown(const refdata::Reference& ref, SubjectKind kind, std::string_view code) {
  switch (kind) {
    case SubjectKind::kCategory: return ref.categories().Find(code) != nullptr;
    case SubjectKind::kPartner: return ref.countries().Find(code) != nullptr;
    case SubjectKind::kTradeMode: {
      for (std::string_view c : core::Split(code, ','))
        if (ref.trade_modes().Find(c) == nullptr) return false;
      return true;
    }
    default: return true;
  }
}

}  // namespace

std::string_view SubjectKindName(SubjectKind kind) {
  switch (kind) {
    case SubjectKind::kScope: return "scope";
    case SubjectKind::kNational: return "benchmark";
    case SubjectKind::kRegion: return "region";
    case SubjectKind::kRegionGroup: return "region_group";
    case SubjectKind::kPartner: return "partner";
    case SubjectKind::kPartnerGroup: return "partner_group";
    case SubjectKind::kCategory: return "category";
    case SubjectKind::kTradeMode: return "trade_mode";
    case SubjectKind::kTradeModeClass: return "trade_mode_class";
    case SubjectKind::kEnterprise: return "enterprise_type";
  }
  return "";
}

void Lexicon::Add(std::string_view name, SubjectKind kind, const std::string& code) {
  std::string alias = Normalize(name);
  if (alias.starts_with("the ")) alias.erase(0, 4);
  while (!alias.empty() && (alias.back() == ',' || alias.back() == ' ')) alias.pop_back();
  if (alias.size() < 2) return;
  // Words too general to name anything ("other" trade modes, 其他 enterprises).
  for (std::string_view generic :
       {"other", "others", "\u5176\u4ed6", "\u5176\u5b83", "total", "world"})
    if (alias == generic) return;
  for (const Entry& e : entries_)
    if (e.alias == alias) return;  // first definition wins
  entries_.push_back(Entry{alias, Subject{kind, code, std::string(core::Trim(name))}});
}

void Lexicon::AddForms(std::string_view name, SubjectKind kind, const std::string& code,
                       bool strip_zh_suffix) {
  name = core::Trim(name);
  if (name.empty()) return;
  // "Base (Inner)" / "Base（Inner）": the base, and the inner part when it is a short name.
  std::string base;
  std::vector<std::string> inner;
  for (size_t i = 0; i < name.size();) {
    size_t open = std::string_view::npos, open_len = 0;
    if (name[i] == '(') {
      open = i;
      open_len = 1;
    } else if (name.compare(i, 3, "\uff08") == 0) {
      open = i;
      open_len = 3;
    }
    if (open == std::string_view::npos) {
      base += name[i++];
      continue;
    }
    size_t close = name.find(')', open);
    size_t close_fw = name.find("\uff09", open);
    size_t close_len = 1;
    if (close_fw != std::string_view::npos &&
        (close == std::string_view::npos || close_fw < close)) {
      close = close_fw;
      close_len = 3;
    }
    if (close == std::string_view::npos) {
      base += name.substr(i);
      break;
    }
    std::string_view in = core::Trim(name.substr(open + open_len, close - open - open_len));
    if (!in.empty() && in.size() <= 30 && !HasDigitOrSemicolon(in)) inner.emplace_back(in);
    i = close + close_len;
  }
  std::vector<std::string> forms = {std::string(name), std::string(core::Trim(base))};
  for (auto& s : inner) forms.push_back(s);
  std::vector<std::string> more;
  for (const std::string& f : forms) {
    std::string lower = core::ToLower(f);
    if (lower.starts_with("greater ")) more.push_back(f.substr(8));
    if (strip_zh_suffix) {
      for (std::string_view suffix :
           {"\u5730\u533a", "\u7701", "\u5e02", "\u81ea\u6cbb\u5dde"})  // 地区 省 市 自治州
        if (f.size() >= suffix.size() + 6 && f.ends_with(suffix))
          more.push_back(f.substr(0, f.size() - suffix.size()));
      if (lower.ends_with(" autonomous prefecture")) more.push_back(f.substr(0, f.find(' ')));
    }
  }
  for (auto& s : more) forms.push_back(s);
  for (const std::string& f : forms) Add(f, kind, code);
}

Lexicon Lexicon::Build(const refdata::Reference& ref) {
  Lexicon lx;
  for (const Term& t : kTerms)
    if (CodeKnown(ref, t.kind, t.code)) lx.Add(t.text, t.kind, t.code);
  for (const refdata::Group& g : ref.groups().all()) {
    lx.AddForms(g.name_en, SubjectKind::kPartnerGroup, g.code, false);
    lx.AddForms(g.name_zh, SubjectKind::kPartnerGroup, g.code, false);
    bool plain = true;
    for (char c : g.code) plain &= IsAsciiAlnum(c);
    if (plain) lx.Add(g.code, SubjectKind::kPartnerGroup, g.code);
  }
  for (const refdata::RegionGroup& g : ref.regions().groups()) {
    lx.AddForms(g.name_en, SubjectKind::kRegionGroup, g.code, true);
    lx.AddForms(g.name_zh, SubjectKind::kRegionGroup, g.code, true);
  }
  for (const refdata::Region& r : ref.regions().all()) {
    lx.AddForms(r.name_en, SubjectKind::kRegion, r.code, true);
    lx.AddForms(r.name_zh, SubjectKind::kRegion, r.code, true);
  }
  for (int pass = 0; pass < 2; ++pass)  // default categories first, then opt-in ones
    for (const refdata::Category& c : ref.categories().all()) {
      if (c.opt_in != (pass == 1)) continue;
      lx.AddForms(c.name_en, SubjectKind::kCategory, c.code, false);
      lx.AddForms(c.name_zh, SubjectKind::kCategory, c.code, false);
      for (const std::string& n : {c.name_en, c.name_zh}) {
        size_t colon = n.find(':');
        if (colon == std::string::npos) colon = n.find("\uff1a");
        if (colon == std::string::npos) continue;
        size_t skip = n.compare(colon, 1, ":") == 0 ? 1 : 3;
        if (c.parent.empty())
          lx.AddForms(n.substr(0, colon), SubjectKind::kCategory, c.code, false);
        lx.AddForms(n.substr(colon + skip), SubjectKind::kCategory, c.code, false);
      }
    }
  for (const refdata::TradeMode& m : ref.trade_modes().all()) {
    if (m.supervision || !m.counted) continue;
    lx.AddForms(m.name_en, SubjectKind::kTradeMode, m.code, false);
    lx.AddForms(m.name_zh_short, SubjectKind::kTradeMode, m.code, false);
  }
  for (const refdata::EnterpriseGroup& g : ref.enterprise_types().groups()) {
    if (g.code == "OTHER") continue;  // "other" is no name
    lx.AddForms(g.name_en, SubjectKind::kEnterprise, g.code, false);
    lx.AddForms(g.name_zh, SubjectKind::kEnterprise, g.code, false);
  }
  for (const refdata::Country& c : ref.countries().all()) {
    if (c.is_special) continue;
    for (const std::string& n : {c.name_en, c.official_name_en, c.name_zh, c.name_zh_iso}) {
      lx.AddForms(n, SubjectKind::kPartner, c.code, false);
      size_t comma = n.find(", ");
      if (comma != std::string::npos)
        lx.AddForms(n.substr(0, comma), SubjectKind::kPartner, c.code, false);
    }
  }
  std::stable_sort(lx.entries_.begin(), lx.entries_.end(),
                   [](const Entry& a, const Entry& b) { return a.alias.size() > b.alias.size(); });
  return lx;
}

std::vector<Mention> Lexicon::Find(std::string_view s) const {
  std::vector<char> taken(s.size(), 0);
  std::vector<Mention> out;
  for (const Entry& e : entries_) {
    const std::string& a = e.alias;
    for (size_t p = s.find(a); p != std::string_view::npos; p = s.find(a, p + 1)) {
      const size_t end = p + a.size();
      if (IsAsciiAlnum(a.front()) && p > 0 && IsAsciiAlnum(s[p - 1])) continue;
      if (IsAsciiAlnum(a.back()) && end < s.size() && IsAsciiAlnum(s[end])) {
        // allow an English plural ("exports" is no subject, but "enterprises" ends in s anyway)
        continue;
      }
      bool free = true;
      for (size_t i = p; i < end && free; ++i) free = !taken[i];
      if (!free) continue;
      std::string_view after = s.substr(end);
      if (after.starts_with(" customs") || after.starts_with("\u6d77\u5173")) {  // issuer: ...海关
        for (size_t i = p; i < end; ++i) taken[i] = 1;
        continue;
      }
      for (size_t i = p; i < end; ++i) taken[i] = 1;
      out.push_back(Mention{p, end, e.subject});
    }
  }
  std::sort(out.begin(), out.end(),
            [](const Mention& a, const Mention& b) { return a.begin < b.begin; });
  return out;
}

}  // namespace tradestat::verify
