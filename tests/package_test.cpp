// What l10n installs, and the Debian package made from it (cmake/package.cmake):
// `cmake --install` into another prefix gives a binary that runs and finds its
// message catalogs; `cpack -G DEB` makes l10n_VERSION_ARCH.deb (the name the
// sites' workflows download) holding the binary, the manual page, the CLI's
// translations and the bash completion; its Depends names the package of
// every shared library the binary loads; and the binary unpacked from it
// runs the example site's job.
#include <catch2/catch.hpp>

#include <set>
#include <sstream>

#include "testing.h"

using namespace l10n::testing;
namespace fs = std::filesystem;

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

fs::path build_dir() { return fs::path(L10N_BINARY).parent_path(); }

std::string trimmed(std::string s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  std::size_t start = 0;
  while (start < s.size() && std::isspace(static_cast<unsigned char>(s[start]))) ++start;
  return s.substr(start);
}

// The languages of po/cli/*.po: each is a message catalog the install must hold.
std::vector<std::string> cli_languages() {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(source_dir() / "po/cli"))
    if (e.path().extension() == ".po") out.push_back(e.path().stem().string());
  REQUIRE_FALSE(out.empty());
  return out;
}

// The installed binary, run from where it was installed: its version, and
// Dutch help from the catalogs installed beside it (../share/locale).
void check_runs(const fs::path& binary) {
  INFO(binary.string());
  REQUIRE(fs::exists(binary));
  RunResult version = run("env -u LANGUAGE LC_ALL=C.UTF-8 " + quote(binary.string()) + " --version");
  CHECK(version.status == 0);
  CHECK(version.output == "l10n " L10N_VERSION "\n");
  RunResult dutch = run("env -u LC_ALL -u LC_MESSAGES -u LANG LANGUAGE=nl " + quote(binary.string()) + " --help");
  CHECK(dutch.status == 0);
  CHECK(contains(dutch.output, "gebruik: l10n <opdracht> [opties]"));
}

// The package names of a Depends field: "a (>= 1), b | c" gives a, b, c.
std::set<std::string> depended_on(const std::string& field) {
  std::set<std::string> out;
  std::string clause;
  std::istringstream in(field);
  while (std::getline(in, clause, ',')) {
    std::istringstream alternatives(clause);
    for (std::string alt; std::getline(alternatives, alt, '|');) {
      std::string name = trimmed(alt.substr(0, alt.find('(')));
      out.insert(name.substr(0, name.find(':')));
    }
  }
  return out;
}

// The Debian package that holds a library `ldd` resolved. On a merged-/usr
// system ldd names /lib/… where dpkg may have recorded /usr/lib/… (and the
// other way round), or a symlink to the versioned file.
std::string owner_of(const std::string& library) {
  std::vector<std::string> candidates = {library};
  if (library.starts_with("/usr/")) candidates.push_back(library.substr(4));
  else candidates.push_back("/usr" + library);
  std::error_code ec;
  fs::path real = fs::canonical(library, ec);
  if (!ec) candidates.push_back(real.string());
  for (const std::string& path : candidates) {
    RunResult r = run("dpkg -S " + quote(path));
    if (r.status == 0) {
      std::string name = r.output.substr(0, r.output.find(": "));
      return name.substr(0, name.find(':'));  // libc6:amd64
    }
  }
  return "";
}

// Every library the binary loads: "libx.so.1 => /lib/…/libx.so.1 (0x…)" and
// the loader "/lib64/ld-linux-x86-64.so.2 (0x…)"; not the kernel's vDSO.
std::vector<std::string> loaded_libraries(const fs::path& binary) {
  RunResult ldd = run("ldd " + quote(binary.string()));
  REQUIRE(ldd.status == 0);
  std::vector<std::string> out;
  std::istringstream lines(ldd.output);
  for (std::string line; std::getline(lines, line);) {
    std::istringstream words(line);
    std::string first, arrow, path;
    words >> first >> arrow >> path;
    if (arrow == "=>") {
      INFO(line);
      CHECK(path.starts_with("/"));  // "not found" would be a library missing here
      out.push_back(path);
    } else if (first.starts_with("/")) {
      out.push_back(first);
    }
  }
  return out;
}

}  // namespace

TEST_CASE("cmake --install into another prefix gives an l10n that runs with its translations", "[package]") {
  TempDir dest;
  fs::path prefix = dest.path() / "opt/l10n";
  RunResult install = run("cmake --install " + quote(build_dir().string()) + " --prefix " + quote(prefix.string()));
  INFO(install.output);
  REQUIRE(install.status == 0);
  check_runs(prefix / "bin/l10n");
  for (const std::string& lang : cli_languages())
    CHECK(fs::exists(prefix / "share/locale" / lang / "LC_MESSAGES/l10n.mo"));
  CHECK(fs::exists(prefix / "share/man/man1/l10n.1.gz"));
  CHECK(fs::exists(prefix / "share/bash-completion/completions/l10n"));
  // The manual page is the one in docs/, compressed.
  if (have("gzip")) CHECK(run("gzip -dc " + quote((prefix / "share/man/man1/l10n.1.gz").string())).output ==
                          slurp(source_dir() / "docs/l10n.1"));
}

TEST_CASE("cpack makes a Debian package with l10n, its data and its library dependencies", "[package]") {
  for (const char* tool : {"cpack", "dpkg-deb", "dpkg-shlibdeps", "file", "dpkg"}) {
    if (!have(tool)) {
      WARN(tool << " is not installed: the Debian package is not tested (tools/install-deps.sh installs it)");
      return;
    }
  }
  TempDir out;
  RunResult cpack = run("cpack -G DEB --config " + quote((build_dir() / "CPackConfig.cmake").string()) + " -B " +
                            quote(out.str()),
                        build_dir().string());
  INFO(cpack.output);
  REQUIRE(cpack.status == 0);
  std::string arch = trimmed(run("dpkg --print-architecture").output);
  // The name the sites' workflows download (.github/workflows/example-site.yml).
  fs::path deb = out.path() / ("l10n_" L10N_VERSION "_" + arch + ".deb");
  REQUIRE(fs::exists(deb));

  auto field = [&](const std::string& name) {
    return trimmed(run("dpkg-deb --field " + quote(deb.string()) + " " + name).output);
  };
  CHECK(field("Package") == "l10n");
  CHECK(field("Version") == L10N_VERSION);
  CHECK(field("Architecture") == arch);
  CHECK_FALSE(field("Maintainer").empty());
  CHECK(contains(field("Recommends"), "hunspell-en-us"));
  CHECK(run("dpkg-deb --info " + quote(deb.string())).status == 0);

  // What the binary needs at run time, all under /usr (never /usr/local).
  RunResult contents = run("dpkg-deb --contents " + quote(deb.string()));
  REQUIRE(contents.status == 0);
  std::set<std::string> files;
  std::istringstream lines(contents.output);
  for (std::string line; std::getline(lines, line);) {
    std::string path = line.substr(line.rfind(' ') + 1);
    if (!path.ends_with("/")) files.insert(path);
  }
  std::set<std::string> expected = {"./usr/bin/l10n", "./usr/share/man/man1/l10n.1.gz",
                                    "./usr/share/bash-completion/completions/l10n"};
  for (const std::string& lang : cli_languages()) expected.insert("./usr/share/locale/" + lang + "/LC_MESSAGES/l10n.mo");
  // The program carries the word lists of the dictionaries installed at build
  // time (L10N_EMBED_DICTIONARIES): their licences go with it.
  for (const char* dict : {"hunspell-nl", "hunspell-en-us"})
    if (fs::exists(std::string("/usr/share/doc/") + dict + "/copyright"))
      expected.insert(std::string("./usr/share/doc/l10n/copyright.") + dict);
  CHECK(files == expected);

  // Unpacked as dpkg would install it (under a staging root): it runs, finds
  // its translations, and does the example site's job.
  TempDir root;
  REQUIRE(run("dpkg-deb -x " + quote(deb.string()) + " " + quote(root.str())).status == 0);
  fs::path binary = root.path() / "usr/bin/l10n";
  check_runs(binary);
  TempDir site;
  for (const char* item : {"content", "i18n", "config", "po", "layouts", "hugo.toml", "l10n.toml"})
    fs::copy(source_dir() / item, site.path() / item, fs::copy_options::recursive);
  std::string l10n = "env -u LANGUAGE LC_ALL=C.UTF-8 " + quote(binary.string());
  CHECK(run(l10n + " extract --quiet", site.str()).status == 0);
  CHECK(run(l10n + " merge --quiet", site.str()).status == 0);
  RunResult check = run(l10n + " check --quiet --format json", site.str());
  CHECK((check.status == 0 || check.status == 1));
  CHECK(contains(check.output, "\"tool\": \"l10n check\""));

  // Depends: dpkg-shlibdeps's list, which must name the package of every
  // library the packaged binary loads here. A library no package owns (one
  // built by hand into /usr/local, say) could not be declared at all.
  std::string depends = field("Depends");
  std::set<std::string> declared = depended_on(depends);
  std::set<std::string> owners;
  for (const std::string& library : loaded_libraries(binary)) {
    std::string owner = owner_of(library);
    INFO(library << " belongs to " << (owner.empty() ? "no Debian package" : owner) << "; Depends: " << depends);
    CHECK_FALSE(owner.empty());
    if (!owner.empty()) CHECK(declared.count(owner));
    owners.insert(owner);
  }
  CHECK(owners.count("libc6"));
  CHECK(owners.size() >= 10);  // ICU, cmark-gfm, libyaml, Boost, gettext, CLD2, …
}
