#include <catch2/catch.hpp>

#include <set>
#include <sstream>
#include <string>

#include "data/parser_messages.h"
#include "testing.h"

using namespace l10n;
using namespace l10n::testing;

namespace {

// The N_("…") lines of `text` between "// <section>:" and the end of its array.
std::set<std::string> listed(const std::string& text, const std::string& section) {
  std::set<std::string> out;
  std::size_t at = text.find("// " + section + ":");
  if (at == std::string::npos) return out;
  std::size_t end = text.find("};", at);
  std::istringstream lines(text.substr(at, end - at));
  for (std::string line; std::getline(lines, line);)
    if (line.find("N_(") != std::string::npos) out.insert(line.substr(line.find("N_(")));
  return out;
}

}  // namespace

TEST_CASE("toml++ messages become templates with their values put back", "[data][i18n]") {
  // Without a catalog, the template is its own translation: the English message.
  CHECK(toml_error_text("Error while parsing value: could not determine value type") ==
        "invalid TOML (value): could not determine value type");
  CHECK(toml_error_text("Error while parsing date: expected month between 1 and 12 (inclusive), saw 13") ==
        "invalid TOML (date): expected month between 1 and 12 (inclusive), saw 13");
  CHECK(toml_error_text("Error while parsing key-value pair: expected '=', saw 'x'") ==
        "invalid TOML (key-value pair): expected '=', saw 'x'");
  // A literal template wins over one with a value that would also fit.
  CHECK(toml_error_text("Error while parsing floating-point: expected decimal digit, saw '.'") ==
        "invalid TOML (floating-point): expected decimal digit, saw '.'");
  CHECK(toml_error_text("Error while parsing table header: cannot redefine existing table 'a.b' as table") ==
        "invalid TOML (table header): cannot redefine existing table 'a.b' as table");
  // A message of another toml++ version is shown as it is.
  CHECK(toml_error_text("Error while parsing value: something new") == "invalid TOML (value): something new");
  CHECK(toml_error_text("no scope") == "invalid TOML: no scope");
}

TEST_CASE("libyaml problems and contexts", "[data][i18n]") {
  CHECK(yaml_error_text("did not find expected key", "while parsing a block mapping") ==
        "invalid YAML: did not find expected key (while parsing a block mapping)");
  CHECK(yaml_error_text("found character that cannot start any token", nullptr) ==
        "invalid YAML: found character that cannot start any token");
  CHECK(yaml_error_text(nullptr, nullptr) == "invalid YAML: syntax error");
}

TEST_CASE("the lists of parser messages match the parsers installed", "[data][i18n]") {
  std::string source = slurp(source_dir() / "src/data/parser_messages.cpp");
  REQUIRE(!source.empty());
  const char* header = "/usr/include/toml++/impl/parser.inl";
  if (std::filesystem::exists(header)) {
    // tools/parser-messages.py reads toml++'s set_error calls afresh.
    RunResult made = run("python3 " + quote((source_dir() / "tools/parser-messages.py").string()));
    REQUIRE(made.status == 0);
    const std::string& fresh = made.output;
    for (const char* section : {"toml templates", "toml scopes", "toml words"}) {
      INFO(section << ": run tools/parser-messages.py and update src/data/parser_messages.cpp");
      std::string marker = std::string("// ") + section + "\n";
      REQUIRE(fresh.find(marker) != std::string::npos);
      std::size_t at = fresh.find(marker) + marker.size();
      std::istringstream lines(fresh.substr(at, fresh.find("\n// ", at) - at));
      std::set<std::string> expected;
      for (std::string line; std::getline(lines, line);)
        if (line.find("N_(") != std::string::npos) expected.insert(line.substr(line.find("N_(")));
      CHECK(listed(source, section) == expected);
    }
  } else {
    WARN("toml++'s parser.inl is absent: its messages are not compared");
  }
  // libyaml's source is not installed; each message listed must be in the library itself.
  std::string lib = run("ldconfig -p | sed -n 's/.*libyaml-0.so.2 (.*) => //p' | head -1").output;
  while (!lib.empty() && lib.back() == '\n') lib.pop_back();
  std::string bytes = lib.empty() || !std::filesystem::exists(lib) ? "" : slurp(lib);
  if (bytes.empty()) {
    WARN("libyaml-0.so.2 not found: its messages are not compared");
    return;
  }
  std::set<std::string> yaml = listed(source, "libyaml");
  CHECK(yaml.size() > 60);
  for (const std::string& line : yaml) {
    std::string text = line.substr(4, line.rfind("\"),") - 4);  // N_("…"),
    INFO(text);
    // The linker may share a string's bytes with the tail of a longer one.
    CHECK(bytes.find(text + '\0') != std::string::npos);
  }
}
