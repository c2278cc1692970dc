// The progress line: what it draws, and that the long commands draw it on a
// terminal (a pty made by util-linux `script`) and never on a pipe, in CI or
// with --quiet.
#include <catch2/catch.hpp>

#include <regex>
#include <sstream>

#include "base/progress.h"
#include "testing.h"

using namespace l10n;
using namespace l10n::testing;
namespace fs = std::filesystem;

namespace {

// A copy of the example site (the repository's own documentation).
void copy_example(const fs::path& to) {
  for (const char* item : {"content", "i18n", "config", "po", "layouts", "hugo.toml", "l10n.toml"})
    fs::copy(source_dir() / item, to / item, fs::copy_options::recursive);
}

bool have_script() { return run("command -v script").status == 0; }

// Runs l10n on a pseudo-terminal, with the CI variable removed or set.
RunResult run_on_terminal(const std::string& args, bool ci = false) {
  std::string env = ci ? "env CI=true " : "env -u CI ";
  std::string command = env + quote(L10N_BINARY) + " " + args;
  return run("script -qec " + quote(command) + " /dev/null");
}

// The done/total of the last progress line drawn, or {0, 0}.
std::pair<int, int> last_progress(const std::string& output) {
  static const std::regex line(R"(\] (\d+)/(\d+) files)");
  std::pair<int, int> last{0, 0};
  for (std::sregex_iterator it(output.begin(), output.end(), line), end; it != end; ++it)
    last = {std::stoi((*it)[1]), std::stoi((*it)[2])};
  return last;
}

std::size_t count(const std::string& s, std::string_view what) {
  std::size_t n = 0;
  for (std::size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("the progress line redraws in place and is erased at the end", "[progress]") {
  std::ostringstream out;
  {
    ProgressBar bar("l10n extract", out, std::chrono::milliseconds(0));
    ProgressCounter counter(bar.callback(), 2);
    counter.set_items(5);
    for (int i = 0; i < 10; ++i) counter.tick();
  }
  std::string s = out.str();
  CHECK(count(s, "\r\x1b[K") == 11);  // ten draws and the erase
  CHECK(s.find("l10n extract [##------------------] 1/10 files") != std::string::npos);
  CHECK(s.find("l10n extract [####################] 10/10 files") != std::string::npos);
  CHECK(s.find('\n') == std::string::npos);
  CHECK(s.ends_with("\r\x1b[K"));
}

TEST_CASE("the progress line is drawn at most once per interval but always for the last file", "[progress]") {
  std::ostringstream out;
  {
    ProgressBar bar("l10n merge", out, std::chrono::hours(1));
    for (std::size_t i = 1; i <= 100; ++i) bar.update(i, 100);
  }
  std::string s = out.str();
  CHECK(count(s, "\r\x1b[K") == 3);  // the first file, the last one, the erase
  CHECK(s.find(" 1/100 files") != std::string::npos);
  CHECK(s.find(" 100/100 files") != std::string::npos);
}

TEST_CASE("a bar that never drew writes nothing", "[progress]") {
  std::ostringstream out;
  { ProgressBar bar("l10n check", out); }
  CHECK(out.str().empty());
}

TEST_CASE("long commands show progress on a terminal only", "[progress][e2e]") {
  if (!have_script()) {
    WARN("util-linux 'script' is not installed: terminal progress test skipped");
    return;
  }
  TempDir site;
  copy_example(site.path());
  std::string root = " --root " + quote(site.str());
  for (std::string command : {"extract", "merge", "check", "import --lang nl --dry-run"}) {
    INFO(command);
    // check exits 1 when it has findings; only 2 (errors) is a failure here.
    auto tty = run_on_terminal(command + root);
    INFO(tty.output);
    CHECK((tty.status == 0 || tty.status == 1));
    std::string label = "l10n " + command.substr(0, command.find(' ')) + " [";
    CHECK(tty.output.find("\r\x1b[K" + label) != std::string::npos);
    auto [done, total] = last_progress(tty.output);
    CHECK(total >= 7);  // at least the example's seven pages
    CHECK(done == total);

    auto pipe = run_l10n(command + root);
    CHECK((pipe.status == 0 || pipe.status == 1));
    CHECK(pipe.output.find('\r') == std::string::npos);
    CHECK(pipe.output.find(label) == std::string::npos);

    auto ci = run_on_terminal(command + root, true);
    CHECK(ci.output.find(label) == std::string::npos);
    auto quiet = run_on_terminal(command + " --quiet" + root);
    CHECK(quiet.output.find(label) == std::string::npos);
  }
}
