// The floors of the house (README "Layout"): a file under src/ includes its
// own folder and the floors below it, naming the folder; commands do not
// include each other, except that import builds on extract. Tests beside the
// code may set things up with any floor. This test keeps
// the picture true: an include that climbs a floor fails it.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

const std::map<std::string, int>& floors() {
  static const std::map<std::string, int> f = {
      {"base", 0},  {"data", 1},     {"po", 1},     {"language", 1}, {"units", 2},
      {"site", 3},  {"commands", 4}, {"report", 5}, {"cli", 6},
  };
  return f;
}

struct Include {
  std::string file;  // relative to src/
  int line = 0;
  std::string target;
};

std::vector<Include> project_includes(const fs::path& src) {
  std::vector<Include> out;
  for (const auto& entry : fs::recursive_directory_iterator(src)) {
    if (!entry.is_regular_file()) continue;
    std::string ext = entry.path().extension().string();
    if (ext != ".h" && ext != ".cpp") continue;
    std::ifstream in(entry.path());
    std::string line;
    for (int n = 1; std::getline(in, line); ++n) {
      static const std::regex include(R"(^\s*#\s*include\s*"([^"]+)\")");
      std::smatch m;
      if (std::regex_search(line, m, include))
        out.push_back({entry.path().lexically_relative(src).generic_string(), n, m[1].str()});
    }
  }
  return out;
}

std::string folder_of(const std::string& path) { return path.substr(0, path.find('/')); }
std::string stem_of(const std::string& path) { return fs::path(path).stem().string(); }
bool is_test(const std::string& path) { return path.ends_with("_test.cpp"); }

// Why this include breaks the rule, or "" when it keeps it.
std::string violation(const Include& inc) {
  const std::string own = folder_of(inc.file);
  if (!floors().count(own)) return "file outside the floors: src/" + own;
  if (inc.target.find('/') == std::string::npos)
    return is_test(inc.file) && inc.target == "testing.h" ? "" : "include does not name its folder";
  const std::string target = folder_of(inc.target);
  auto it = floors().find(target);
  if (it == floors().end()) return "no such floor: " + target;
  if (target == own) {
    bool other_command = own == "commands" && !is_test(inc.file) && stem_of(inc.file) != stem_of(inc.target) &&
                         !(stem_of(inc.file) == "import" && stem_of(inc.target) == "extract");
    return other_command ? "a command includes another command" : "";
  }
  // A test beside its code may set things up with any floor (a corpus site's
  // config for an alignment test); the library itself may not.
  if (it->second >= floors().at(own) && !is_test(inc.file)) return "includes a floor that is not below its own";
  return "";
}

}  // namespace

TEST_CASE("includes never climb a floor", "[layering]") {
  std::vector<Include> includes = project_includes(fs::path(L10N_SOURCE_DIR) / "src");
  REQUIRE(includes.size() > 100);
  for (const Include& inc : includes) {
    INFO("src/" << inc.file << ":" << inc.line << ": #include \"" << inc.target << "\"");
    CHECK(violation(inc) == "");
  }
}

TEST_CASE("the floor rule catches what it should", "[layering]") {
  CHECK(violation({"units/page.cpp", 1, "site/config.h"}) == "includes a floor that is not below its own");
  CHECK(violation({"po/reader.cpp", 1, "language/language_id.h"}) == "includes a floor that is not below its own");
  CHECK(violation({"commands/check.cpp", 1, "commands/merge.h"}) == "a command includes another command");
  CHECK(violation({"commands/import.cpp", 1, "commands/extract.h"}) == "");
  CHECK(violation({"site/layout.cpp", 1, "layout.h"}) == "include does not name its folder");
  CHECK(violation({"cli/main.cpp", 1, "base/error.h"}) == "");
  CHECK(violation({"units/align_test.cpp", 1, "site/config.h"}) == "");
  CHECK(violation({"tools/x.cpp", 1, "base/error.h"}) == "file outside the floors: src/tools");
}
