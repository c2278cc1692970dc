#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "base/error.h"
#include "base/files.h"

using namespace l10n;
namespace fs = std::filesystem;

namespace {

struct Dir {
  fs::path path;
  Dir() {
    std::string tmpl = (fs::temp_directory_path() / "l10n-files-XXXXXX").string();
    path = ::mkdtemp(tmpl.data());
  }
  ~Dir() { fs::remove_all(path); }
  std::size_t entries() const { return static_cast<std::size_t>(std::distance(fs::directory_iterator(path), {})); }
};

std::string text_of(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("a temp file written in pieces holds them in order, beside its target, hidden", "[files]") {
  Dir dir;
  const std::string target = (dir.path / "out.po").string();
  TempFile temp(target);
  temp.write("msgid ");
  temp.write("");
  temp.write("\"x\"\n");
  const std::string name = temp.finish();
  CHECK(fs::path(name).parent_path() == dir.path);
  CHECK(is_temp_name(fs::path(name).filename().string()));
  CHECK(text_of(name) == "msgid \"x\"\n");
  CHECK_FALSE(fs::exists(target));
  commit_temp_files({{name, target}});
  CHECK(text_of(target) == "msgid \"x\"\n");
  CHECK(dir.entries() == 1);
}

TEST_CASE("a temp file not finished is removed, and none is made over a symlink", "[files]") {
  Dir dir;
  const std::string target = (dir.path / "out.po").string();
  {
    TempFile temp(target);
    temp.write("half");
    CHECK(dir.entries() == 1);
  }
  CHECK(dir.entries() == 0);
  fs::create_symlink("/etc/passwd", target);
  CHECK_THROWS_AS(TempFile(target), Error);
  CHECK(dir.entries() == 1);
}

TEST_CASE("a file read a block at a time gives each range, shorter only at the end", "[files]") {
  Dir dir;
  const std::string path = (dir.path / "content.pot").string();
  std::string bytes;
  for (int i = 0; i < 100000; ++i) bytes += static_cast<char>('a' + i % 26);
  write_file_atomic(path, bytes);
  FileReader file(path, "po/content.pot");
  CHECK(file.size() == bytes.size());
  std::string block;
  file.read(0, 10, block);
  CHECK(block == bytes.substr(0, 10));
  file.read(65530, 20000, block);
  CHECK(block == bytes.substr(65530, 20000));
  file.read(bytes.size() - 5, 100, block);
  CHECK(block == bytes.substr(bytes.size() - 5));
  file.read(bytes.size() + 7, 3, block);
  CHECK(block.empty());
  FileReader moved(std::move(file));
  moved.read(26, 3, block);
  CHECK(block == "abc");
  try {
    FileReader missing((dir.path / "none.po").string(), "po/none.po");
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.diagnostic().path == "po/none.po");
  }
}

TEST_CASE("bytes set aside come back as they went, from threads at once, with no file left to see", "[files]") {
  Dir dir;
  for (const std::string& where : {dir.path.string(), (dir.path / "absent").string()}) {
    ScratchFile scratch(where);
    CHECK(scratch.in_memory() == (where != dir.path.string()));
    std::vector<std::vector<std::pair<std::size_t, std::string>>> appended(2);
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < appended.size(); ++t)
      threads.emplace_back([&, t] {
        for (int i = 0; i < 500; ++i) {
          std::string bytes(static_cast<std::size_t>(i % 37), static_cast<char>('a' + t));
          bytes += std::to_string(i);
          appended[t].emplace_back(scratch.append(bytes), bytes);
        }
      });
    for (auto& th : threads) th.join();
    std::string out;
    for (const auto& list : appended)
      for (const auto& [at, bytes] : list) {
        scratch.read(at, bytes.size(), out);
        CHECK(out == bytes);
      }
    // An unnamed file: the directory shows nothing.
    CHECK(dir.entries() == 0);
  }
}
