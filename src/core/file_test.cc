// core/file_test.cc: durable writes replace atomically; mmap sees the bytes.
#include "core/file.h"

#include <cstdlib>
#include <filesystem>

#include "core/testing/status_matchers.h"

namespace tradestat::core {
namespace {

std::string TempDir() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "tradestat-core-XXXXXX").string();
  return ::mkdtemp(tmpl.data());
}

TEST(FileTest, DurableWriteReplacesAndMmapReads) {
  std::string dir = TempDir();
  std::string path = dir + "/f";
  ASSERT_OK(WriteFileDurably(path, "first"));
  ASSERT_OK(WriteFileDurably(path, "second"));
  ASSERT_OK_AND_ASSIGN(std::string s, ReadFileToString(path));
  EXPECT_EQ(s, "second");
  EXPECT_FALSE(PathExists(path + ".tmp"));
  ASSERT_OK_AND_ASSIGN(MappedFile m, MappedFile::Open(path));
  EXPECT_EQ(m.view(), "second");
  EXPECT_THAT(WriteNewFile(path, "x"),
              testing::StatusIs(StatusCode::kIo, ::testing::HasSubstr(path)));
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace tradestat::core
