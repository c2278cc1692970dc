// Faults around the l10n binary: outputs that cannot be written (a directory
// that is a file, a full disk), a source that cannot be read or vanishes
// mid-run, and a run interrupted by SIGINT or SIGTERM. In every case the
// previous outputs stay as they were, no temp file (`.<file>.l10n-tmp.XXXXXX`)
// is left behind, the message says what happened, and the exit status is 2
// (128 + the signal for an interrupt). CI runs as root, for whom a chmod
// stops nothing, so the unwritable places are made of things that fail for
// root too: a file where a directory should be, a sysfs directory, a file
// size limit.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <map>
#include <spawn.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

#include "site/config.h"
#include "commands/extract.h"
#include "commands/merge.h"
#include "testing.h"

using namespace l10n::testing;
namespace fs = std::filesystem;

namespace {

// The example site's pages, `copies` times over, under `root`/content/en,
// with every output of the site (catalogs, content/nl) inside `root`.
void make_site(const fs::path& root, int copies, int keep = 80) {
  spit(root / "l10n.toml", "languages = [\"nl\"]\n[merge]\nkeep = " + std::to_string(keep) + "\n");
  fs::path from = source_dir() / "content/en";
  for (int i = 0; i < copies; ++i) {
    fs::path dir = root / "content/en" / ("copy" + std::to_string(i));
    fs::create_directories(dir);
    for (const auto& entry : fs::directory_iterator(from))
      if (entry.path().extension() == ".md") fs::copy_file(entry.path(), dir / entry.path().filename());
  }
}

// Every file under `root` but the source pages, with its bytes.
std::map<std::string, std::string> outputs(const fs::path& root) {
  std::map<std::string, std::string> out;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    std::string rel = entry.path().lexically_relative(root).generic_string();
    if (entry.is_regular_file() && !rel.starts_with("content/en/")) out[rel] = slurp(entry.path());
  }
  return out;
}

std::vector<std::string> temp_files(const fs::path& root) {
  std::vector<std::string> found;
  for (const auto& entry : fs::recursive_directory_iterator(root))
    if (entry.path().filename().string().find(".l10n-tmp.") != std::string::npos) found.push_back(entry.path().string());
  return found;
}

std::string l10n_args(const std::string& command, const fs::path& root) {
  return command + " --root " + quote(root.string());
}

// Has `pid` installed a handler for `sig`? (The SigCgt mask of /proc/PID/status.)
bool catches(pid_t pid, int sig) {
  std::string status = slurp("/proc/" + std::to_string(pid) + "/status");
  auto pos = status.find("SigCgt:");
  if (pos == std::string::npos) return false;
  unsigned long long mask = std::stoull(status.substr(pos + 7), nullptr, 16);
  return (mask >> (sig - 1)) & 1;
}

// Runs `l10n ARGS…` and sends `sig` as soon as the process can catch it, which
// on a site of thousands of pages is long before it writes anything.
RunResult run_interrupted(const std::vector<std::string>& args, int sig, const fs::path& log) {
  std::vector<std::string> argv_s = {L10N_BINARY};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_s) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  pid_t pid = 0;
  int err = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  RunResult r;
  if (err != 0) return r;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (!catches(pid, sig) && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  kill(pid, sig);
  int status = 0;
  waitpid(pid, &status, 0);
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.output = slurp(log);
  return r;
}

// A page grown by `paragraphs` new paragraphs, so every catalog changes.
std::string grown_page(int paragraphs) {
  std::string page = "---\ntitle: Grown\n---\n";
  for (int i = 0; i < paragraphs; ++i) page += "\nParagraph number " + std::to_string(i) + " of the grown page.\n";
  return page;
}

// A site of `copies` copies of the example pages, extracted (and merged),
// whose outputs are then saved to compare with after a failing run.
struct FaultSite {
  TempDir dir;
  std::map<std::string, std::string> before;

  explicit FaultSite(int copies, int keep, bool merged = false) {
    make_site(dir.path(), copies, keep);
    REQUIRE(run_l10n(l10n_args("extract", dir.path())).status == 0);
    if (merged) REQUIRE(run_l10n(l10n_args("merge", dir.path())).status == 0);
  }
  const fs::path& path() const { return dir.path(); }
  void save_outputs() { before = outputs(dir.path()); }
  // The failure the issue asks for: status 2, the message, nothing changed,
  // no temp file left.
  void expect_failure(const RunResult& r, const std::string& message) const {
    INFO(r.output);
    CHECK(r.status == 2);
    CHECK(r.output.find(message) != std::string::npos);
    expect_untouched();
  }
  void expect_untouched() const {
    CHECK(outputs(dir.path()) == before);
    CHECK(temp_files(dir.path()).empty());
  }
};

}  // namespace

TEST_CASE("an output directory that cannot be made stops extract before any write", "[fault]") {
  FaultSite site(1, 80);
  // A page changes, so the template would be rewritten, but po/nl is now a
  // file: no catalog may change, the template included.
  spit(site.path() / "content/en/copy0/ci.md", "---\ntitle: Changed\n---\n\nA new paragraph.\n");
  fs::rename(site.path() / "po/nl", site.path() / "po/nl.saved");
  fs::rename(site.path() / "po/nl.saved/content.po", site.path() / "po/nl");
  fs::remove(site.path() / "po/nl.saved");
  site.save_outputs();
  site.expect_failure(run_l10n(l10n_args("extract", site.path())), "po/nl/content.po: error: cannot create directory");
}

TEST_CASE("a target directory that cannot be made stops merge before any write", "[fault]") {
  FaultSite site(1, 0);
  spit(site.path() / "content/nl", "a file where the Dutch tree should be\n");
  site.save_outputs();
  site.expect_failure(run_l10n(l10n_args("merge", site.path())), ": error: cannot create directory: a part of the path is not a directory");
}

TEST_CASE("a full disk leaves the previous catalogs intact", "[fault]") {
  FaultSite site(1, 80);
  std::uintmax_t biggest = 0;
  for (const auto& [rel, bytes] : outputs(site.path())) biggest = std::max<std::uintmax_t>(biggest, bytes.size());
  spit(site.path() / "content/en/copy0/ci.md", grown_page(400));
  site.save_outputs();

  // A file size limit (`ulimit -f`, KiB) a little above the largest catalog
  // makes the writes of the grown ones fail as on a full disk, for root too.
  // SIGXFSZ is ignored so that write() returns the error (EFBIG) as it
  // returns ENOSPC, instead of killing the process.
  std::string limit = std::to_string(biggest / 1024 + 4);
  // The template, which fitted, does not change either.
  site.expect_failure(run("trap '' XFSZ; ulimit -f " + limit + "; env -u LANGUAGE LC_ALL=C.UTF-8 " +
                          quote(L10N_BINARY) + " " + l10n_args("extract", site.path())),
                      "error: cannot write: the file is too large");
  // Without the limit the same run writes them.
  REQUIRE(run_l10n(l10n_args("extract", site.path())).status == 0);
  CHECK(outputs(site.path()) != site.before);
}

TEST_CASE("a catalog directory that is a symlink out of the site leaves every catalog as it was", "[fault]") {
  FaultSite site(1, 80);
  // A committed po/nl -> /sys/kernel (where creating a file is refused to
  // root too): the tool neither writes through it nor reads from it.
  REQUIRE(fs::is_directory("/sys/kernel"));
  fs::remove_all(site.path() / "po/nl");
  fs::create_directory_symlink("/sys/kernel", site.path() / "po/nl");
  spit(site.path() / "content/en/copy0/ci.md", grown_page(3));
  site.save_outputs();
  site.expect_failure(run_l10n(l10n_args("extract", site.path())),
                      "po/nl/content.po: error: cannot write: the path leaves the site");
}

TEST_CASE("a symlinked source page is never read: extract and merge leave it out", "[fault]") {
  FaultSite site(1, 0, true);
  site.save_outputs();
  // Before, a page linked to a file outside the site (here a regular file
  // whose read fails with EIO, for root too) was read into the catalogs.
  fs::create_symlink("/proc/self/mem", site.path() / "content/en/copy0/zz-broken.md");
  fs::create_symlink("/etc/hostname", site.path() / "content/en/copy0/zz-outside.md");
  for (const char* command : {"extract", "merge"}) {
    INFO(command);
    RunResult r = run_l10n(l10n_args(command, site.path()));
    INFO(r.output);
    CHECK(r.status == 0);
    site.expect_untouched();
  }
  CHECK_FALSE(fs::exists(site.path() / "content/nl/copy0/zz-outside.md"));
}

TEST_CASE("a source page removed mid-run stops extract and merge before any write", "[fault]") {
  FaultSite site(3, 0, true);
  spit(site.path() / "content/en/copy0/ci.md", grown_page(3));
  site.save_outputs();
  l10n::Config cfg = l10n::load_config(site.dir.str());
  // One thread reads the pages in name order; the last one goes as soon as
  // the first is read, after the listing and before its own read.
  fs::path victim = site.path() / "content/en/copy2/translators.md";
  std::string saved = slurp(victim);
  auto remove_victim = [&](std::size_t done, std::size_t) {
    if (done == 1) fs::remove(victim);
  };
  auto check_failure = [&](const std::vector<l10n::Diagnostic>& errors) {
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].str() == "content/en/copy2/translators.md: error: cannot read: no such file or directory");
    site.expect_untouched();
  };

  l10n::ExtractOptions extract;
  extract.jobs = 1;
  extract.progress = remove_victim;
  check_failure(l10n::run_extract(cfg, extract).errors);

  spit(victim, saved);
  l10n::MergeOptions merge;
  merge.jobs = 1;
  merge.progress = remove_victim;
  check_failure(l10n::run_merge(cfg, merge).errors);
}

TEST_CASE("an interrupted extract or merge changes nothing and exits 128 + signal", "[fault]") {
  FaultSite site(400, 0, true);
  // Both commands now have work to do: a page changed.
  spit(site.path() / "content/en/copy0/ci.md", "---\ntitle: Changed\n---\n\nA new paragraph.\n");
  site.save_outputs();
  fs::path log = site.path().parent_path() / (site.path().filename().string() + ".log");

  SECTION("extract, SIGINT") {
    auto r = run_interrupted({"extract", "--root", site.dir.str()}, SIGINT, log);
    INFO(r.output);
    CHECK(r.status == 130);
    CHECK(r.output.find("error: interrupted by SIGINT; no file was changed") != std::string::npos);
  }
  SECTION("merge, SIGTERM") {
    auto r = run_interrupted({"merge", "--root", site.dir.str()}, SIGTERM, log);
    INFO(r.output);
    CHECK(r.status == 143);
    CHECK(r.output.find("error: interrupted by SIGTERM; no file was changed") != std::string::npos);
  }
  fs::remove(log);
  site.expect_untouched();
}
