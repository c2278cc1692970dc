// Helpers for tests that run the l10n binary and other programs on real trees.
#pragma once

#include <filesystem>
#include <string>

namespace l10n::testing {

struct RunResult {
  int status = -1;     // exit status
  std::string output;  // stdout and stderr together
};

// Runs a shell command line; `cwd` empty means the current directory.
RunResult run(const std::string& command, const std::string& cwd = "");
// Runs the l10n binary under test with `args` (already shell-quoted).
RunResult run_l10n(const std::string& args, const std::string& cwd = "");
std::string quote(const std::string& s);

// Whether `program` is on PATH.
bool have(const std::string& program);

// A headless Chromium's command line, to be followed by its other flags and a
// URL: no network, a fresh profile in `profile`, no sandbox (CI runs tests as
// root). "" when no Chromium is installed.
std::string headless_chromium(const std::filesystem::path& profile);

// A fresh directory under the system temp dir, removed by the destructor.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::string str() const { return path_.string(); }
  // The path of `name` inside, as a string.
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }
  // Writes `text` to `name` inside and returns its path.
  std::string file(const std::string& name, const std::string& text) const;

 private:
  std::filesystem::path path_;
};

std::string slurp(const std::filesystem::path& p);
void spit(const std::filesystem::path& p, const std::string& data);

// ../shared/corpus beside the checkout, or empty when absent.
std::filesystem::path corpus_dir();
std::filesystem::path source_dir();

}  // namespace l10n::testing
