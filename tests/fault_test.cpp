// Faults around the l10n binary: outputs that cannot be written (a directory
// that is a file, a full disk), a source that cannot be read or vanishes
// mid-run, and a run interrupted by SIGINT or SIGTERM. In every case the
// previous outputs stay as they were, no temp file (`<file>.l10n-tmp.<pid>`)
// is left behind, the message says what happened, and the exit status is 2
// (128 + the signal for an interrupt). CI runs as root, for whom a chmod
// stops nothing, so the unwritable places are made of things that fail for
// root too.
#include <catch2/catch.hpp>

#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <map>
#include <spawn.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

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

// A small tmpfs, unmounted by the destructor; unavailable without the right to mount.
struct SmallDisk {
  fs::path dir;
  bool mounted = false;
  SmallDisk(fs::path d, const std::string& size) : dir(std::move(d)) {
    fs::create_directories(dir);
    mounted = run("mount -t tmpfs -o size=" + size + " l10n-test " + quote(dir.string())).status == 0;
  }
  ~SmallDisk() {
    if (mounted) run("umount " + quote(dir.string()));
  }
};

}  // namespace

TEST_CASE("an output directory that cannot be made stops extract before any write", "[fault]") {
  TempDir site;
  make_site(site.path(), 1);
  REQUIRE(run_l10n(l10n_args("extract", site.path())).status == 0);
  // A page changes, so the template would be rewritten, but po/nl is now a
  // file: no catalog may change, the template included.
  spit(site.path() / "content/en/copy0/ci.md", "---\ntitle: Changed\n---\n\nA new paragraph.\n");
  fs::rename(site.path() / "po/nl", site.path() / "po/nl.saved");
  fs::rename(site.path() / "po/nl.saved/content.po", site.path() / "po/nl");
  fs::remove(site.path() / "po/nl.saved");
  auto before = outputs(site.path());

  auto r = run_l10n(l10n_args("extract", site.path()));
  INFO(r.output);
  CHECK(r.status == 2);
  CHECK(r.output.find("po/nl/content.po: error: cannot create directory") != std::string::npos);
  CHECK(outputs(site.path()) == before);
  CHECK(temp_files(site.path()).empty());
}

TEST_CASE("a target directory that cannot be made stops merge before any write", "[fault]") {
  TempDir site;
  make_site(site.path(), 1, 0);
  REQUIRE(run_l10n(l10n_args("extract", site.path())).status == 0);
  spit(site.path() / "content/nl", "a file where the Dutch tree should be\n");
  auto before = outputs(site.path());

  auto r = run_l10n(l10n_args("merge", site.path()));
  INFO(r.output);
  CHECK(r.status == 2);
  CHECK(r.output.find(": error: cannot create directory: Not a directory") != std::string::npos);
  CHECK(outputs(site.path()) == before);
  CHECK(temp_files(site.path()).empty());
}

TEST_CASE("a full disk leaves the previous catalogs intact", "[fault]") {
  TempDir site;
  make_site(site.path(), 1);
  REQUIRE(run_l10n(l10n_args("extract", site.path())).status == 0);
  // The catalogs move to a disk with room for them and not much more.
  SmallDisk disk(site.path() / "disk", "512k");
  if (!disk.mounted) {
    WARN("cannot mount a tmpfs (not root, or no CAP_SYS_ADMIN): disk-full case skipped");
    return;
  }
  fs::copy(site.path() / "po", disk.dir / "po", fs::copy_options::recursive);
  fs::remove_all(site.path() / "po");
  spit(site.path() / "l10n.toml", "languages = [\"nl\"]\n[catalogs]\ndir = \"disk/po\"\n");
  std::string filler(512 * 1024, 'x');
  spit(disk.dir / "filler", filler);  // the write stops at the disk's end
  // Enough new text that the template no longer fits.
  std::string page = "---\ntitle: Grown\n---\n";
  for (int i = 0; i < 400; ++i) page += "\nParagraph number " + std::to_string(i) + " of the grown page.\n";
  spit(site.path() / "content/en/copy0/ci.md", page);
  auto before = outputs(site.path());

  auto r = run_l10n(l10n_args("extract", site.path()));
  INFO(r.output);
  CHECK(r.status == 2);
  CHECK(r.output.find("error: cannot write: No space left on device") != std::string::npos);
  before.erase("disk/filler");
  auto after = outputs(site.path());
  after.erase("disk/filler");
  CHECK(after == before);
  CHECK(temp_files(site.path()).empty());
}

TEST_CASE("a source page that cannot be read stops extract and merge", "[fault]") {
  TempDir site;
  make_site(site.path(), 1, 0);
  REQUIRE(run_l10n(l10n_args("extract", site.path())).status == 0);
  REQUIRE(run_l10n(l10n_args("merge", site.path())).status == 0);
  auto before = outputs(site.path());
  // A regular file whose read fails with EIO, for root too: the reading
  // process's own memory at address 0.
  fs::create_symlink("/proc/self/mem", site.path() / "content/en/copy0/zz-broken.md");

  for (const char* command : {"extract", "merge"}) {
    auto r = run_l10n(l10n_args(command, site.path()));
    INFO(command << ": " << r.output);
    CHECK(r.status == 2);
    CHECK(r.output.find("content/en/copy0/zz-broken.md: error: cannot read: Input/output error") != std::string::npos);
    CHECK(outputs(site.path()) == before);
    CHECK(temp_files(site.path()).empty());
  }
}

TEST_CASE("a source page removed mid-run fails cleanly or is not seen", "[fault]") {
  TempDir site;
  make_site(site.path(), 400);
  REQUIRE(run_l10n(l10n_args("extract", site.path())).status == 0);
  auto before = outputs(site.path());
  // Pages are read in name order, so the last one is the likeliest to go
  // after the listing and before its read; when the race goes the other way
  // the run must simply succeed.
  std::vector<std::string> args = {"extract", "--root", site.str()};
  std::string argv = L10N_BINARY;
  for (const auto& a : args) argv += " " + quote(a);
  fs::path victim = site.path() / "content/en/copy99/translators.md";
  RunResult r;
  std::thread remover([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    fs::remove(victim);
  });
  r = run(argv);
  remover.join();
  INFO(r.output);
  CHECK(temp_files(site.path()).empty());
  if (r.status == 2) {
    CHECK(r.output.find("copy99/translators.md: error: cannot read: No such file or directory") != std::string::npos);
    CHECK(outputs(site.path()) == before);
  } else {
    CHECK(r.status == 0);
  }
}

TEST_CASE("an interrupted extract or merge changes nothing and exits 128 + signal", "[fault]") {
  TempDir site;
  make_site(site.path(), 400, 0);
  REQUIRE(run_l10n(l10n_args("extract", site.path())).status == 0);
  REQUIRE(run_l10n(l10n_args("merge", site.path())).status == 0);
  // Both commands now have work to do: a page changed.
  spit(site.path() / "content/en/copy0/ci.md", "---\ntitle: Changed\n---\n\nA new paragraph.\n");
  auto before = outputs(site.path());
  fs::path log = site.path().parent_path() / (site.path().filename().string() + ".log");

  SECTION("extract, SIGINT") {
    auto r = run_interrupted({"extract", "--root", site.str()}, SIGINT, log);
    INFO(r.output);
    CHECK(r.status == 130);
    CHECK(r.output.find("error: interrupted by SIGINT; no file was changed") != std::string::npos);
  }
  SECTION("merge, SIGTERM") {
    auto r = run_interrupted({"merge", "--root", site.str()}, SIGTERM, log);
    INFO(r.output);
    CHECK(r.status == 143);
    CHECK(r.output.find("error: interrupted by SIGTERM; no file was changed") != std::string::npos);
  }
  fs::remove(log);
  CHECK(outputs(site.path()) == before);
  CHECK(temp_files(site.path()).empty());
}
