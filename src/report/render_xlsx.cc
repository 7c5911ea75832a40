// report/render_xlsx.cc: a real spreadsheet via libxlsxwriter: money as numbers in currency
// units, percentages as fractions with a percent format, one header row, a notes sheet.
//
// libxlsxwriter opens its output by name (and its scratch files through tmpfile or `tmpdir`), so
// every workbook is built in a fresh private directory (PrivateDir): no name is ever shared with
// another writer, nobody else can plant a file or symlink there, and the directory goes away on
// every path, error or not.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <vector>

#include <fmt/format.h>

#include "core/file.h"
#include "query/measures.h"
#include "report/table.h"

namespace tradestat::report {
namespace {

// A directory made by mkdtemp (mode 0700, unique among all processes), removed with whatever it
// holds when this goes out of scope.
class PrivateDir {
 public:
  // `parent` must exist; `what` names the operation in messages ("--out PATH", "export").
  static core::Result<PrivateDir> Make(const std::string& parent, const std::string& what) {
    std::string pattern = (parent.empty() ? std::string(".") : parent) + "/.tradestat-xlsx-XXXXXX";
    std::vector<char> buf(pattern.begin(), pattern.end());
    buf.push_back('\0');
    if (::mkdtemp(buf.data()) == nullptr)
      return core::Status::Io(
          fmt::format("{}: cannot create a private directory in {} ({}); check that it "
                      "exists and is writable",
                      what, parent.empty() ? "." : parent, std::strerror(errno)));
    return PrivateDir(buf.data());
  }
  PrivateDir(PrivateDir&& o) noexcept : path_(std::move(o.path_)) { o.path_.clear(); }
  PrivateDir& operator=(PrivateDir&&) = delete;
  ~PrivateDir() {
    if (path_.empty()) return;
    std::error_code ec;  // best effort: nothing to report from a destructor
    std::filesystem::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }

 private:
  explicit PrivateDir(std::string path) : path_(std::move(path)) {}
  std::string path_;
};

std::string ParentOf(const std::string& path) {
  size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

std::string TempRoot() {
  const char* t = std::getenv("TMPDIR");
  return t != nullptr && *t != '\0' ? std::string(t) : std::string("/tmp");
}

core::Status Fsync(const std::string& file, const std::string& what) {
  int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0 || ::fsync(fd) != 0) {
    int e = errno;
    if (fd >= 0) ::close(fd);
    return core::Status::Io(
        fmt::format("{}: cannot sync the workbook ({})", what, std::strerror(e)));
  }
  ::close(fd);
  return core::Status::Ok();
}

// Builds the workbook at `file` (inside `dir`, which also takes libxlsxwriter's scratch files).
core::Status BuildWorkbook(const query::QueryResult& r, const std::string& file,
                           const std::string& dir, const std::string& what) {
  std::vector<char> tmpdir(dir.begin(), dir.end());
  tmpdir.push_back('\0');
  lxw_workbook_options options{};
  options.tmpdir = tmpdir.data();
  lxw_workbook* wb = workbook_new_opt(file.c_str(), &options);
  if (!wb) return core::Status::Io(fmt::format("{}: cannot create the workbook", what));
  lxw_worksheet* ws = workbook_add_worksheet(wb, "query");
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  lxw_format* money = workbook_add_format(wb);
  format_set_num_format(money, "#,##0.00");
  lxw_format* pct = workbook_add_format(wb);
  format_set_num_format(pct, "0.0%");
  lxw_format* pp = workbook_add_format(wb);
  format_set_num_format(pp, "0.0");
  double unit = 1;
  for (int i = 0; i < r.money_scale; ++i) unit *= 10;

  std::vector<const query::MeasureDef*> cols;  // every applicable registered measure
  for (const auto& def : query::MeasureRegistry())
    if (query::MeasureApplies(def, r, false, query::MeasureWriter::kCsv)) cols.push_back(&def);
  std::vector<std::string> headers = r.by;
  headers.push_back("name");
  for (const auto* def : cols) headers.emplace_back(def->key);
  for (size_t c = 0; c < headers.size(); ++c)
    worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), headers[c].c_str(), bold);

  auto write_row = [&](lxw_row_t row, const std::vector<std::string>& keys, const std::string& name,
                       const query::Measures& m, bool total) {
    lxw_col_t c = 0;
    for (const auto& k : keys) worksheet_write_string(ws, row, c++, k.c_str(), nullptr);
    worksheet_write_string(ws, row, c++, name.c_str(), total ? bold : nullptr);
    using K = query::MeasureKind;
    using T = query::MeasureValue::Type;
    for (const auto* def : cols) {
      const lxw_col_t col = c++;
      if ((def->scope == query::MeasureScope::kRowsOnly && total) ||
          (def->scope == query::MeasureScope::kTotalOnly && !total))
        continue;
      query::MeasureValue v = def->get(m, r);
      if (v.type == T::kNull) continue;
      if (v.type == T::kText) {
        worksheet_write_string(ws, row, col, v.text.c_str(), nullptr);
      } else if (v.type == T::kBool) {
        worksheet_write_boolean(ws, row, col, v.flag, nullptr);
      } else if (v.type == T::kMoney) {
        worksheet_write_number(
            ws, row, col, static_cast<double>(static_cast<long double>(v.exact) / unit), money);
      } else if (v.type == T::kQuantity) {
        worksheet_write_number(
            ws, row, col, static_cast<double>(static_cast<long double>(v.exact) / 1000), money);
      } else if (v.type == T::kDerived) {
        const bool percent = def->kind == K::kGrowthPct || def->kind == K::kSharePct;
        worksheet_write_number(ws, row, col, v.derived.value() / (percent ? 100 : 1),
                               percent                   ? pct
                               : def->kind == K::kPoints ? pp
                                                         : money);
      } else {
        worksheet_write_number(ws, row, col, static_cast<double>(v.integer), nullptr);
      }
    }
  };
  lxw_row_t row = 1;
  for (const auto& rr : r.rows) {
    std::vector<std::string> keys;
    std::string name;
    for (const auto& k : rr.keys) {
      keys.push_back(k.code);
      if (!name.empty()) name += " / ";
      name += k.name.empty() ? k.code : k.name;
    }
    write_row(row++, keys, name, rr.m, false);
  }
  write_row(row, std::vector<std::string>(r.by.size()), "TOTAL", r.total.m, true);
  worksheet_set_column(ws, 0, static_cast<lxw_col_t>(headers.size()), 14, nullptr);

  lxw_worksheet* notes = workbook_add_worksheet(wb, "about");
  Table t = QueryTable(r);
  worksheet_write_string(notes, 0, 0, t.title.c_str(), bold);
  for (size_t i = 0; i < t.notes.size(); ++i)
    worksheet_write_string(notes, static_cast<lxw_row_t>(i + 1), 0, t.notes[i].c_str(), nullptr);
  lxw_error err = workbook_close(wb);
  if (err != LXW_NO_ERROR) return core::Status::Io(fmt::format("{}: {}", what, lxw_strerror(err)));
  return core::Status::Ok();
}

}  // namespace

core::Status WriteXlsx(const query::QueryResult& r, const std::string& path) {
  const std::string what = "--out " + path;
  // Beside the target, so the final rename stays on one file system and is atomic.
  TRADESTAT_ASSIGN_OR_RETURN(PrivateDir dir, PrivateDir::Make(ParentOf(path), what));
  const std::string file = dir.path() + "/workbook.xlsx";
  TRADESTAT_RETURN_IF_ERROR(BuildWorkbook(r, file, dir.path(), what));
  TRADESTAT_RETURN_IF_ERROR(Fsync(file, what));
  if (::rename(file.c_str(), path.c_str()) != 0)
    return core::Status::Io(
        fmt::format("{}: cannot put the workbook in place ({})", what, std::strerror(errno)));
  // The new name must survive a crash too, as for every file the store writes.
  return core::SyncDirectory(ParentOf(path)).WithContext(what);
}

core::Result<std::string> XlsxBytes(const query::QueryResult& r) {
  const std::string what = "export";
  TRADESTAT_ASSIGN_OR_RETURN(PrivateDir dir, PrivateDir::Make(TempRoot(), what));
  const std::string file = dir.path() + "/workbook.xlsx";
  TRADESTAT_RETURN_IF_ERROR(BuildWorkbook(r, file, dir.path(), what));
  return core::ReadFileToString(file);
}

}  // namespace tradestat::report
