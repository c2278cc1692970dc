// The GitHub workflows in .github/workflows: each parses as YAML, and every
// `l10n COMMAND [options]` in a `run:` step of the example site's workflow
// names a real command and real options, and works when it is run, in the
// workflow's order, on a copy of the example site.
#include <catch2/catch.hpp>

#include <set>
#include <sstream>

#include "base/source_text.h"
#include "data/structured.h"
#include "testing.h"

using namespace l10n;
using namespace l10n::testing;
namespace fs = std::filesystem;

namespace {

struct Step {
  std::string job;
  int line = 0;  // of the step's `run:` value
  std::string run;
};

std::vector<DataLeaf> parse_workflow(const std::string& name) {
  fs::path path = source_dir() / ".github/workflows" / name;
  REQUIRE(fs::exists(path));
  return parse_data(SourceText::load(path.string(), ".github/workflows/" + name), DataFormat::Yaml);
}

std::string value_of(const std::vector<DataLeaf>& leaves, const std::string& path) {
  for (const auto& leaf : leaves)
    if (leaf.path_string == path) return leaf.value;
  return "(absent)";
}

// jobs.<job>.steps[].run, in file order.
std::vector<Step> run_steps(const std::vector<DataLeaf>& leaves) {
  std::vector<Step> out;
  for (const auto& leaf : leaves)
    if (leaf.path.size() == 5 && leaf.path[0] == "jobs" && leaf.path[2] == "steps" && leaf.path[4] == "run")
      out.push_back({leaf.path[1], leaf.line, leaf.value});
  return out;
}

// The l10n command lines in a shell script: "l10n" as a word of its own at
// the start of a command, up to the end of that command (; | & > ) } or the
// line's end). "$RUNNER_TEMP/l10n" and "l10n bot" in a quoted string are not
// commands.
std::vector<std::vector<std::string>> l10n_commands(const std::string& script) {
  std::vector<std::vector<std::string>> out;
  std::istringstream lines(script);
  for (std::string line; std::getline(lines, line);) {
    for (std::size_t at = line.find("l10n "); at != std::string::npos; at = line.find("l10n ", at + 1)) {
      if (at > 0 && std::string_view(" \t{(;|&").find(line[at - 1]) == std::string_view::npos) continue;
      std::size_t end = line.find_first_of(";|&>)}", at);
      std::istringstream words(line.substr(at, end == std::string::npos ? end : end - at));
      std::vector<std::string> command;
      for (std::string w; words >> w;) command.push_back(w);
      out.push_back(command);
    }
  }
  return out;
}

bool help_names_option(const std::string& help, const std::string& option) {
  for (std::size_t at = help.find(option); at != std::string::npos; at = help.find(option, at + 1)) {
    std::size_t after = at + option.size();
    if (after == help.size() || !(std::isalnum(static_cast<unsigned char>(help[after])) || help[after] == '-'))
      return true;
  }
  return false;
}

void copy_example(const fs::path& to) {
  for (const char* item : {"content", "i18n", "config", "po", "layouts", "hugo.toml", "l10n.toml"})
    fs::copy(source_dir() / item, to / item, fs::copy_options::recursive);
}

}  // namespace

TEST_CASE("the project's CI workflow runs .ci/run beside an optional corpus", "[workflow]") {
  std::vector<DataLeaf> ci = parse_workflow("ci.yml");
  CHECK(value_of(ci, "jobs.build-and-test.container") == "debian:bookworm");
  std::vector<Step> steps = run_steps(ci);
  REQUIRE_FALSE(steps.empty());
  CHECK(steps.back().run == "bash .ci/run");
  // The checkout goes to main/ so that ../shared is beside it, as tests/testing.h expects.
  CHECK(value_of(ci, "jobs.build-and-test.steps[1].with.path") == "main");
  CHECK(value_of(ci, "jobs.build-and-test.steps[2].with.path") == "shared");
  CHECK(value_of(ci, "jobs.build-and-test.steps[3].working-directory") == "main");
  CHECK(fs::exists(source_dir() / ".ci/run"));
}

TEST_CASE("the example site's workflow runs l10n commands that exist and work", "[workflow][e2e]") {
  std::vector<DataLeaf> wf = parse_workflow("example-site.yml");
  CHECK(value_of(wf, "on.push.branches[0]") == "main");
  CHECK(value_of(wf, "jobs.check.steps[8].with.sarif_file") == "l10n.sarif");
  CHECK(value_of(wf, "jobs.check.steps[8].uses").starts_with("github/codeql-action/upload-sarif@"));
  CHECK(value_of(wf, "jobs.check.steps[6].with.path") == "report.html");

  std::string usage = run_l10n("--help").output;
  TempDir site;
  copy_example(site.path());
  std::set<std::string> seen;
  for (const Step& step : run_steps(wf)) {
    for (const auto& command : l10n_commands(step.run)) {
      INFO(".github/workflows/example-site.yml:" << step.line << " (job " << step.job << ")");
      REQUIRE(command.size() >= 2);
      const std::string& name = command[1];
      CHECK(usage.find("  " + name + " ") != std::string::npos);
      std::string help = run_l10n(name + " --help").output;
      std::string args;
      for (std::size_t i = 1; i < command.size(); ++i) {
        if (command[i].starts_with("--")) CHECK(help_names_option(help, command[i]));
        args += " " + quote(command[i]);
      }
      auto r = run_l10n(args.substr(1), site.str());
      INFO(args << "\n" << r.output);
      // `check` exits 1 for findings, which the workflow handles; 2 is an error.
      if (name == "check") CHECK((r.status == 0 || r.status == 1));
      else CHECK(r.status == 0);
      seen.insert(step.job + ": " + args.substr(1));
    }
    if (step.run == "hugo --minify" && run("command -v hugo").status == 0) {
      auto r = run("hugo --minify --quiet -d " + quote((site.path() / "public").string()), site.str());
      INFO(r.output);
      CHECK(r.status == 0);
      CHECK(fs::exists(site.path() / "public/nl/index.html"));
    }
  }
  CHECK(seen.count("extract: 'extract' '--quiet'"));
  CHECK(seen.count("check: 'merge' '--quiet'"));
  CHECK(seen.count("check: 'stats'"));
  CHECK(seen.count("check: 'check' '--quiet' '--format' 'html' '--output' 'report.html'"));
  CHECK(seen.count("check: 'check' '--format' 'sarif' '--output' 'l10n.sarif'"));
  CHECK(seen.count("deploy: 'merge'"));
  // What the upload steps pick up.
  CHECK(slurp(site.path() / "report.html").find("<html") != std::string::npos);
  CHECK(slurp(site.path() / "l10n.sarif").find("\"version\": \"2.1.0\"") != std::string::npos);
  CHECK(fs::exists(site.path() / "content/nl/translators.md"));
}

TEST_CASE("l10n commands are found in shell lines", "[workflow]") {
  auto found = l10n_commands(
      "git clone x \"$RUNNER_TEMP/l10n\"\n"
      "l10n check --quiet --format html --output report.html || test $? -eq 1\n"
      "{ echo '```'; l10n stats; echo '```'; } >> \"$GITHUB_STEP_SUMMARY\"\n"
      "git -c user.name=\"l10n bot\" commit\n");
  REQUIRE(found.size() == 2);
  CHECK(found[0] == std::vector<std::string>{"l10n", "check", "--quiet", "--format", "html", "--output", "report.html"});
  CHECK(found[1] == std::vector<std::string>{"l10n", "stats"});
}
