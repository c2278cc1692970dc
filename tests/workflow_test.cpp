// The GitHub workflows in .github/workflows. The example site's workflow is
// the one content/en/ci.md shows, byte for byte; it installs the released
// Debian package in every job (no build), every `l10n COMMAND [options]` in
// it names a real command and real options, and its `run:` steps, job by
// job, work on a Git copy of the example site as GitHub would run them:
// the first run writes the baseline, later runs use it, a pull request that
// adds a finding fails, and the site builds.
#include <catch2/catch.hpp>

#include <functional>
#include <map>
#include <regex>
#include <sstream>

#include "base/source_text.h"
#include "data/structured.h"
#include "testing.h"

using namespace l10n;
using namespace l10n::testing;
namespace fs = std::filesystem;

namespace {

struct Step {
  int line = 0;  // of the step's `run:` value, or of its first key
  std::string name, run, uses, condition;
  std::map<std::string, std::string> with;
  std::string param(const std::string& key) const {  // with.<key>
    auto it = with.find(key);
    return it == with.end() ? "(absent)" : it->second;
  }
};

struct Workflow {
  std::string file;
  std::vector<DataLeaf> leaves;
  std::vector<std::string> jobs;  // in file order
  std::map<std::string, std::vector<Step>> steps;

  std::string value(const std::string& path) const {
    for (const auto& leaf : leaves)
      if (leaf.path_string == path) return leaf.value;
    return "(absent)";
  }
  // The workflow's `env:` that the shell sees as it is (not ${{ expressions }}).
  std::map<std::string, std::string> plain_env() const {
    std::map<std::string, std::string> out;
    for (const auto& leaf : leaves)
      if (leaf.path.size() == 2 && leaf.path[0] == "env" && leaf.value.find("${{") == std::string::npos)
        out[leaf.path[1]] = leaf.value;
    return out;
  }
  const Step* step(const std::string& job, const std::string& name) const {
    for (const Step& s : steps.at(job))
      if (s.name == name) return &s;
    return nullptr;
  }
};

Workflow parse_workflow(const std::string& name) {
  fs::path path = source_dir() / ".github/workflows" / name;
  REQUIRE(fs::exists(path));
  Workflow wf;
  wf.file = ".github/workflows/" + name;
  wf.leaves = parse_data(SourceText::load(path.string(), wf.file), DataFormat::Yaml);
  for (const auto& leaf : wf.leaves) {
    if (leaf.path.size() < 2 || leaf.path[0] != "jobs") continue;
    const std::string& job = leaf.path[1];
    if (!wf.steps.count(job)) wf.jobs.push_back(job);
    auto& steps = wf.steps[job];
    // jobs.<job>.steps[<i>].<key>…: the index is in the path string only.
    std::string prefix = "jobs." + job + ".steps[";
    if (leaf.path.size() < 5 || leaf.path[2] != "steps" || !leaf.path_string.starts_with(prefix)) continue;
    std::size_t i = std::stoul(leaf.path_string.substr(prefix.size()));
    if (steps.size() <= i) steps.resize(i + 1);
    Step& s = steps[i];
    if (s.line == 0) s.line = leaf.line;
    const std::string& key = leaf.path[4];
    if (key == "run") s.run = leaf.value, s.line = leaf.line;
    else if (key == "name") s.name = leaf.value;
    else if (key == "uses") s.uses = leaf.value;
    else if (key == "if") s.condition = leaf.value;
    else if (key == "with" && leaf.path.size() == 6) s.with[leaf.path[5]] = leaf.value;
  }
  return wf;
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

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The steps a job runs here: every `run:` step but those that install
// packages, which need root and the network (and are checked on their own).
bool installs(const Step& s) { return s.name.starts_with("Install "); }

// ---- Running a job's steps on a Git copy of the example site ----------------

class Sandbox {
 public:
  Sandbox() {
    fs::create_directories(dir_.path() / "home");
    fs::create_directories(dir_.path() / "bin");
    fs::create_symlink(L10N_BINARY, dir_.path() / "bin/l10n");
  }
  // A command with the sandbox's HOME (git's global config goes there, never
  // to the developer's) and l10n under test first on PATH.
  std::string env() const {
    return "env -u LANGUAGE LC_ALL=C.UTF-8 GIT_CONFIG_NOSYSTEM=1 HOME=" + quote(dir_ / "home") +
           " PATH=" + quote(dir_ / "bin") + ":\"$PATH\" ";
  }
  RunResult git(const std::string& args, const fs::path& cwd) const {
    return run(env() + "git -c user.name=test -c user.email=test@example.org " + args, cwd.string());
  }
  fs::path path(const std::string& name) const { return dir_.path() / name; }

 private:
  TempDir dir_;
};

struct JobRun {
  std::map<std::string, int> status;  // by step name; a step after a failing one is not run
  std::string summary;                // $GITHUB_STEP_SUMMARY
  std::string output;
  fs::path work;
};

// Clones origin into a fresh workspace and runs the job's steps there as
// GitHub's `shell: bash` does (bash --noprofile --norc -eo pipefail), with
// the workflow's env, in order, stopping at the first that fails.
JobRun run_job(const Sandbox& box, const Workflow& wf, const std::string& job, const std::string& name,
               const std::function<void(const fs::path&)>& before = {}) {
  JobRun r;
  r.work = box.path(name);
  RunResult clone = box.git("clone -q " + quote(box.path("origin.git")) + " " + quote(r.work), box.path("").string());
  REQUIRE(clone.status == 0);
  if (before) before(r.work);
  fs::path summary = box.path(name + ".summary"), temp = box.path(name + ".tmp");
  fs::create_directories(temp);
  std::string env = box.env() + "CI=true GITHUB_EVENT_NAME=" + (job == "check" ? "pull_request" : "push") +
                    " GITHUB_WORKSPACE=" + quote(r.work) + " RUNNER_TEMP=" + quote(temp) +
                    " GITHUB_STEP_SUMMARY=" + quote(summary);
  for (const auto& [key, value] : wf.plain_env()) env += " " + key + "=" + quote(value);
  bool hugo = have("hugo");
  for (const Step& s : wf.steps.at(job)) {
    if (s.run.empty() || installs(s)) continue;
    if (s.run.starts_with("hugo ") && !hugo) {
      WARN("hugo is not installed: the step '" << s.name << "' is not run (tools/install-deps.sh installs it)");
      continue;
    }
    fs::path script = box.path(name + ".step.sh");
    spit(script, s.run);
    RunResult step = run(env + " bash --noprofile --norc -eo pipefail " + quote(script), r.work.string());
    r.output += "--- " + s.name + " (" + wf.file + ":" + std::to_string(s.line) + ")\n" + step.output;
    r.status[s.name] = step.status;
    if (step.status != 0) break;
  }
  r.summary = slurp(summary);
  return r;
}

// A one-sentence message of the site's Dutch catalog, as `msgid "…"\nmsgstr "…"`
// on one line each, with a translation: its English text and the entry.
struct Entry {
  std::string msgid, block;
};
std::vector<Entry> one_line_entries(const std::string& po) {
  static const std::regex entry("\nmsgid \"([A-Z][a-z]+( [a-z]+){5,}[.])\"\nmsgstr \"[^\"]+\"\n");
  std::vector<Entry> out;
  for (std::sregex_iterator it(po.begin(), po.end(), entry), end; it != end; ++it)
    out.push_back({(*it)[1].str(), (*it)[0].str()});
  return out;
}

// Leaves the English text as the translation: a finding for `l10n check`.
void untranslate(const fs::path& site, const Entry& e) {
  fs::path po = site / "po/nl/content.po";
  std::string text = slurp(po);
  std::size_t at = text.find(e.block);
  REQUIRE(at != std::string::npos);
  text.replace(at, e.block.size(), "\nmsgid \"" + e.msgid + "\"\nmsgstr \"" + e.msgid + "\"\n");
  spit(po, text);
}

std::string head_of(const Sandbox& box) {
  return box.git("rev-parse main", box.path("origin.git")).output;
}

}  // namespace

TEST_CASE("the project's CI workflow runs .ci/run beside an optional corpus", "[workflow]") {
  Workflow ci = parse_workflow("ci.yml");
  CHECK(ci.value("jobs.build-and-test.container") == "debian:bookworm");
  const auto& steps = ci.steps.at("build-and-test");
  REQUIRE_FALSE(steps.empty());
  CHECK(steps.back().run == "bash .ci/run");
  // The checkout goes to main/ so that ../shared is beside it, as tests/testing.h expects.
  CHECK(ci.value("jobs.build-and-test.steps[1].with.path") == "main");
  CHECK(ci.value("jobs.build-and-test.steps[2].with.path") == "shared");
  CHECK(ci.value("jobs.build-and-test.steps[3].working-directory") == "main");
  CHECK(fs::exists(source_dir() / ".ci/run"));
}

TEST_CASE("content/en/ci.md shows the example site's workflow byte for byte", "[workflow]") {
  std::string page = slurp(source_dir() / "content/en/ci.md");
  std::string workflow = slurp(source_dir() / ".github/workflows/example-site.yml");
  const std::string open = "\n```yaml\n", close = "\n```\n";
  std::size_t start = page.find(open);
  REQUIRE(start != std::string::npos);
  CHECK(page.find(open, start + 1) == std::string::npos);  // one workflow, not a second excerpt
  start += open.size();
  std::size_t end = page.find(close, start);
  REQUIRE(end != std::string::npos);
  std::string shown = page.substr(start, end + 1 - start);
  // A message that shows where they part, rather than two whole files.
  std::size_t same = 0;
  while (same < shown.size() && same < workflow.size() && shown[same] == workflow[same]) ++same;
  INFO("content/en/ci.md and .github/workflows/example-site.yml differ from line "
       << 1 + std::count(workflow.begin(), workflow.begin() + same, '\n') << " of the workflow:\n  ci.md:    "
       << shown.substr(same, 60) << "\n  workflow: " << workflow.substr(same, 60));
  CHECK((shown == workflow));  // (not expanded: the message above says where)
}

TEST_CASE("the example site's workflow installs the released package and nothing to build with", "[workflow]") {
  Workflow wf = parse_workflow("example-site.yml");
  CHECK(wf.value("on.push.branches[0]") == "main");
  CHECK(wf.value("defaults.run.shell") == "bash");
  CHECK(std::regex_match(wf.value("env.L10N_VERSION"), std::regex("[0-9]+\\.[0-9]+\\.[0-9]+")));
  CHECK(wf.value("env.L10N_BASELINE") == "l10n-baseline.json");
  CHECK(wf.jobs == std::vector<std::string>{"extract", "check", "deploy"});

  // Every job: Debian 12, the system the package is built for, and the same
  // first step, which downloads the pinned release's package (the name
  // cpack gives it, tests/package_test.cpp) and lets apt-get install it with
  // its dependencies.
  const Step& install = wf.steps.at("extract").at(0);
  CHECK(install.name == "Install l10n");
  CHECK(contains(install.run, "deb=\"l10n_${L10N_VERSION}_$(dpkg --print-architecture).deb\"\n"));
  CHECK(contains(install.run, "\"$L10N_REPO/releases/download/v$L10N_VERSION/$deb\""));
  CHECK(contains(install.run, "apt-get install -y -qq --no-install-recommends \"/tmp/$deb\" $L10N_DICTIONARIES\n"));
  for (const std::string& job : wf.jobs) {
    INFO("job " << job);
    CHECK(wf.value("jobs." + job + ".runs-on") == "ubuntu-latest");
    CHECK(wf.value("jobs." + job + ".container") == "debian:bookworm");
    CHECK(wf.steps.at(job).at(0).run == install.run);
    for (const Step& s : wf.steps.at(job)) {
      INFO(wf.file << ":" << s.line);
      // Nothing is built, and no expression is pasted into a script (where a
      // branch name or a title could run as shell code): env carries values.
      for (const char* build : {"cmake", "ninja", "make ", "g++", "git clone", "-dev", "build-essential", "install-deps"})
        CHECK_FALSE(contains(s.run, build));
      CHECK_FALSE(contains(s.run, "${{"));
      if (installs(s)) CHECK(s.run.find("apt-get install") != std::string::npos);
    }
  }

  // The check step counts what the baseline does not list, and a step before
  // it writes the baseline when the repository has none (the first run).
  const Step* check = wf.step("check", "Check the translations");
  REQUIRE(check);
  CHECK(check->run == "l10n check --format sarif --output l10n.sarif --baseline \"$L10N_BASELINE\"");
  CHECK(wf.step("check", "Baseline on the first run"));
  CHECK(wf.step("extract", "Write the baseline on the first run"));
  CHECK(contains(wf.step("extract", "Commit the catalogs")->run, "git add po \"$L10N_BASELINE\"\n"));

  // SARIF upload: skipped for pull requests from forks, whose token cannot
  // have security-events: write, and when the check wrote no file.
  const Step* upload = nullptr;
  for (const Step& s : wf.steps.at("check"))
    if (s.uses.starts_with("github/codeql-action/upload-sarif@")) upload = &s;
  REQUIRE(upload);
  CHECK(upload->param("sarif_file") == "l10n.sarif");
  CHECK(contains(upload->condition, "github.event.pull_request.head.repo.full_name == github.repository"));
  CHECK(contains(upload->condition, "hashFiles('l10n.sarif') != ''"));
  CHECK(contains(upload->condition, "!cancelled()"));
  CHECK(wf.value("jobs.check.permissions.security-events") == "write");
  for (const Step& s : wf.steps.at("check"))
    if (s.uses.starts_with("actions/upload-artifact@")) CHECK(s.param("path") == "report.html");
}

TEST_CASE("the release workflow builds the package in Debian 12 and attaches it to the tag's release", "[workflow]") {
  Workflow wf = parse_workflow("release.yml");
  CHECK(wf.value("on.push.tags[0]") == "v*");
  CHECK(wf.value("jobs.package.container") == "debian:bookworm");
  CHECK(wf.value("jobs.try.container") == "debian:bookworm");
  CHECK(wf.value("jobs.try.needs") == "package");
  CHECK(wf.value("jobs.publish.needs") == "try");
  CHECK(wf.value("jobs.publish.permissions.contents") == "write");
  std::string all;
  for (const auto& [job, steps] : wf.steps)
    for (const Step& s : steps) all += s.run + "\n";
  CHECK(contains(all, "bash tools/install-deps.sh --build\n"));
  CHECK(contains(all, "-DCMAKE_INSTALL_PREFIX=/usr"));
  CHECK(contains(all, "cpack -G DEB\n"));
  // The asset is named as the sites' workflow downloads it: l10n_X.Y.Z_ARCH.deb of tag vX.Y.Z.
  CHECK(contains(all, "deb=\"l10n_${GITHUB_REF_NAME#v}_$(dpkg --print-architecture).deb\"\n"));
  CHECK(contains(all, "gh release upload \"$GITHUB_REF_NAME\" dist/*.deb"));
  CHECK(contains(all, "apt-get install -y -qq --no-install-recommends ./dist/l10n_*.deb"));
  CHECK_FALSE(contains(all, "${{"));
}

TEST_CASE("the example site's workflow runs l10n commands that exist", "[workflow]") {
  Workflow wf = parse_workflow("example-site.yml");
  std::string usage = run_l10n("--help").output;
  int commands = 0;
  for (const std::string& job : wf.jobs) {
    for (const Step& s : wf.steps.at(job)) {
      for (const auto& command : l10n_commands(s.run)) {
        INFO(wf.file << ":" << s.line << " (job " << job << "): " << s.run);
        REQUIRE(command.size() >= 2);
        const std::string& name = command[1];
        ++commands;
        if (name.starts_with("--")) {  // l10n --version
          CHECK(run_l10n(name).status == 0);
          continue;
        }
        CHECK(contains(usage, "  " + name + " "));
        std::string help = run_l10n(name + " --help").output;
        for (std::size_t i = 2; i < command.size(); ++i)
          if (command[i].starts_with("--")) CHECK(help_names_option(help, command[i]));
      }
    }
  }
  CHECK(commands >= 10);
}

TEST_CASE("the example site's workflow runs, job by job, on a Git copy of the example site", "[workflow][e2e]") {
  if (!have("git")) {
    WARN("git is not installed: skipped (tools/install-deps.sh installs it)");
    return;
  }
  Workflow wf = parse_workflow("example-site.yml");
  Sandbox box;
  // The site's repository: the example site with one translation left in
  // English (a finding that the first run's baseline accepts), on main.
  fs::path seed = box.path("seed");
  fs::create_directories(seed);
  for (const char* item : {"content", "i18n", "config", "po", "layouts", "hugo.toml", "l10n.toml", ".gitignore"})
    fs::copy(source_dir() / item, seed / item, fs::copy_options::recursive);
  std::vector<Entry> entries = one_line_entries(slurp(seed / "po/nl/content.po"));
  REQUIRE(entries.size() >= 2);
  const Entry &accepted = entries[0], &added = entries[1];
  untranslate(seed, accepted);
  REQUIRE(box.git("init -q -b main", seed).status == 0);
  REQUIRE(box.git("add -A", seed).status == 0);
  REQUIRE(box.git("commit -q -m site", seed).status == 0);
  REQUIRE(box.git("clone -q --bare " + quote(seed) + " origin.git", box.path("")).status == 0);
  auto all_passed = [](const JobRun& r, std::size_t steps) {
    INFO(r.output);
    CHECK(r.status.size() == steps);
    for (const auto& [name, status] : r.status) {
      INFO(name);
      CHECK(status == 0);
    }
  };
  auto run_steps = [&](const std::string& job) {
    std::size_t n = 0;
    for (const Step& s : wf.steps.at(job)) n += !s.run.empty() && !installs(s);
    return n;
  };

  SECTION("a pull request before there is a baseline accepts its own findings") {
    JobRun r = run_job(box, wf, "check", "pr-first");
    all_passed(r, run_steps("check"));
    CHECK(contains(r.summary, "No l10n-baseline.json in the repository yet"));
    CHECK(contains(r.summary, "```\nnl: "));  // l10n stats
    CHECK(contains(slurp(r.work / "l10n-baseline.json"), accepted.msgid));
    CHECK(contains(slurp(r.work / "report.html"), "<html"));
    std::string sarif = slurp(r.work / "l10n.sarif");
    CHECK(contains(sarif, "\"version\": \"2.1.0\""));
    CHECK_FALSE(contains(sarif, accepted.msgid));
  }

  SECTION("the first push writes and commits the baseline; later runs use it") {
    std::string before = head_of(box);
    JobRun first = run_job(box, wf, "extract", "main-first");
    all_passed(first, run_steps("extract"));
    CHECK(contains(first.summary, "Wrote l10n-baseline.json"));
    std::string after = head_of(box);
    CHECK(after != before);
    RunResult committed = box.git("show main:l10n-baseline.json", box.path("origin.git"));
    REQUIRE(committed.status == 0);
    CHECK(contains(committed.output, "\"tool\": \"l10n check\""));
    CHECK(contains(committed.output, accepted.msgid));
    CHECK(box.git("log -1 --format=%an:%s main", box.path("origin.git")).output ==
          "l10n bot:Update translation catalogs\n");

    // The next push: the baseline is kept, and there is nothing to commit.
    JobRun again = run_job(box, wf, "extract", "main-again");
    all_passed(again, run_steps("extract"));
    CHECK_FALSE(contains(again.summary, "Wrote"));
    CHECK(head_of(box) == after);

    // A pull request with nothing new passes; the finding the baseline
    // accepts is not reported.
    JobRun pr = run_job(box, wf, "check", "pr-clean");
    all_passed(pr, run_steps("check"));
    CHECK_FALSE(contains(pr.summary, "No l10n-baseline.json"));
    CHECK_FALSE(contains(slurp(pr.work / "l10n.sarif"), accepted.msgid));

    // A pull request that leaves another message in English fails the check
    // step, and the SARIF file shows that finding only.
    JobRun bad = run_job(box, wf, "check", "pr-bad", [&](const fs::path& work) { untranslate(work, added); });
    INFO(bad.output);
    CHECK(bad.status["Check the translations"] == 1);
    for (const auto& [name, status] : bad.status)
      if (name != "Check the translations") CHECK(status == 0);
    std::string sarif = slurp(bad.work / "l10n.sarif");
    CHECK(contains(sarif, added.msgid));
    CHECK_FALSE(contains(sarif, accepted.msgid));
    CHECK(contains(slurp(bad.work / "report.html"), added.msgid));
  }

  SECTION("the deploy job writes the Dutch pages and builds the site") {
    JobRun r = run_job(box, wf, "deploy", "deploy");
    bool hugo = have("hugo");
    all_passed(r, run_steps("deploy") - (hugo ? 0 : 1));
    CHECK(fs::exists(r.work / "content/nl/translators.md"));
    if (hugo) CHECK(fs::exists(r.work / "public/nl/index.html"));
    // The published tree has the upload step's path.
    const Step* upload = nullptr;
    for (const Step& s : wf.steps.at("deploy"))
      if (s.uses.starts_with("actions/upload-pages-artifact@")) upload = &s;
    REQUIRE(upload);
    CHECK(upload->param("path") == "public");
  }
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
