#include "testing.h"

#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <sys/wait.h>

namespace fs = std::filesystem;

namespace l10n::testing {

std::string quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += "'\\''";
    else out += c;
  }
  return out + "'";
}

RunResult run(const std::string& command, const std::string& cwd) {
  std::string line = (cwd.empty() ? "" : "cd " + quote(cwd) + " && ") + command + " 2>&1";
  RunResult r;
  FILE* pipe = popen(line.c_str(), "r");
  if (!pipe) return r;
  std::array<char, 4096> buf;
  for (std::size_t got; (got = fread(buf.data(), 1, buf.size(), pipe)) > 0;) r.output.append(buf.data(), got);
  int status = pclose(pipe);
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

bool have(const std::string& program) { return run("command -v " + quote(program)).status == 0; }

std::string headless_chromium(const std::filesystem::path& profile) {
  for (const char* name : {"chromium", "chromium-browser", "google-chrome"})
    if (have(name))
      return std::string(name) +
             " --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking"
             " --user-data-dir=" + quote(profile.string()) + " ";
  return "";
}

RunResult run_l10n(const std::string& args, const std::string& cwd) {
  // Tests read the English messages, whatever the developer's language.
  return run("env -u LANGUAGE LC_ALL=C.UTF-8 " + quote(L10N_BINARY) + " " + args, cwd);
}

TempDir::TempDir() {
  std::string tmpl = (fs::temp_directory_path() / "l10n-test-XXXXXX").string();
  if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
  path_ = tmpl;
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

std::string TempDir::file(const std::string& name, const std::string& text) const {
  spit(path_ / name, text);
  return (path_ / name).string();
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void spit(const fs::path& p, const std::string& data) {
  fs::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary);
  out << data;
}

fs::path source_dir() { return fs::path(L10N_SOURCE_DIR); }

fs::path corpus_dir() {
  fs::path p = source_dir().parent_path() / "shared" / "corpus";
  return fs::is_directory(p) ? p : fs::path();
}

}  // namespace l10n::testing
