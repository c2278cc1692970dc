// The CLI's own messages: Dutch with LANGUAGE=nl whatever the locale, English
// without it; --help and --version on every command; the translation covers
// the template and the template the sources; the bash completion.
#include <catch2/catch.hpp>

#include <map>
#include <sstream>
#include <tuple>
#include <vector>

#include "po/catalog.h"
#include "testing.h"
#include "po/reader.h"

using namespace l10n;
using namespace l10n::testing;
namespace fs = std::filesystem;

namespace {

// Runs the binary with a chosen language environment: `env` is what goes
// between `env -u …` and the binary, e.g. "LANGUAGE=nl LC_ALL=C".
RunResult run_in(const std::string& env, const std::string& args, const std::string& cwd = "") {
  return run("env -u LANGUAGE -u LC_ALL -u LC_MESSAGES -u LANG " + env + " " + quote(L10N_BINARY) + " " + args, cwd);
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

using Key = std::tuple<std::string, std::string, std::string>;  // msgctxt, msgid, msgid_plural

std::map<Key, const Message*> by_key(const Catalog& cat) {
  std::map<Key, const Message*> out;
  for (const Message& m : cat.messages)
    if (!m.obsolete) out[{m.msgctxt.value_or(""), m.msgid, m.extras().msgid_plural.value_or("")}] = &m;
  return out;
}

std::string describe(const Key& k) { return "msgid \"" + std::get<1>(k) + "\""; }

struct CommandLine {
  std::string name, summary;
};

// The commands `l10n --help` lists, with their one-line summaries.
std::vector<CommandLine> listed_commands() {
  std::istringstream help(run_in("", "--help").output);
  std::vector<CommandLine> out;
  bool in_list = false;
  for (std::string line; std::getline(help, line);) {
    if (line == "commands:") in_list = true;
    else if (line.empty()) in_list = false;
    else if (in_list) {
      std::istringstream words(line);
      CommandLine c;
      words >> c.name >> std::ws;
      std::getline(words, c.summary);
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace

TEST_CASE("LANGUAGE=nl gives Dutch help and errors, in the C locale too", "[cli][i18n]") {
  for (std::string env : {"LANGUAGE=nl", "LANGUAGE=nl LC_ALL=C", "LANGUAGE=nl LANG=C.UTF-8"}) {
    INFO(env);
    RunResult help = run_in(env, "--help");
    CHECK(help.status == 0);
    CHECK(contains(help.output, "gebruik: l10n <opdracht> [opties]"));
    CHECK(contains(help.output, "de vertaalde inhoudsmappen schrijven vanuit de PO-bestanden"));

    RunResult merge = run_in(env, "merge --help");
    CHECK(merge.status == 0);
    CHECK(contains(merge.output, "gebruik: l10n merge [opties]"));
    CHECK(contains(merge.output, "ook onzekere vertalingen gebruiken"));
    CHECK(contains(merge.output, "voorbeelden:\n  l10n merge\n"));
  }
  TempDir dir;
  RunResult missing = run_in("LANGUAGE=nl LC_ALL=C", "extract --config missing.toml", dir.str());
  CHECK(missing.status == 2);
  CHECK(contains(missing.output, "missing.toml: fout: kan niet lezen: "));

  // A library error (config.cpp) and a CLI one (an option value).
  spit(dir.path() / "l10n.toml", "source = \"en\"\nlanguages = [\"nl\"]\nbogus = 1\n");
  RunResult unknown = run_in("LANGUAGE=nl", "stats", dir.str());
  CHECK(unknown.status == 2);
  CHECK(contains(unknown.output, "l10n.toml:3:1: fout: onbekende sleutel 'bogus'"));
  RunResult keep = run_in("LANGUAGE=nl", "merge --keep 120", dir.str());
  CHECK(keep.status == 2);
  CHECK(contains(keep.output, "--keep: fout: moet een percentage van 0 tot en met 100 zijn"));
}

TEST_CASE("without LANGUAGE the messages are English", "[cli][i18n]") {
  for (std::string env : {"", "LC_ALL=C", "LANG=C.UTF-8"}) {
    INFO(env);
    RunResult help = run_in(env, "--help");
    CHECK(help.status == 0);
    CHECK(contains(help.output, "usage: l10n <command> [options]"));
    TempDir dir;
    RunResult missing = run_in(env, "extract --config missing.toml", dir.str());
    CHECK(missing.status == 2);
    CHECK(contains(missing.output, "missing.toml: error: cannot read: "));
  }
  // A language without a catalog falls back to English.
  CHECK(contains(run_in("LANGUAGE=xx", "--help").output, "usage: l10n <command> [options]"));
}

TEST_CASE("every command has --help with examples and --version", "[cli][i18n]") {
  CHECK(run_in("", "--version").output == "l10n " L10N_VERSION "\n");
  std::vector<CommandLine> commands = listed_commands();
  REQUIRE(commands.size() == 7);
  for (const CommandLine& c : commands) {
    const std::string& name = c.name;
    INFO(name);
    RunResult version = run_in("", name + " --version");
    CHECK(version.status == 0);
    CHECK(version.output == "l10n " L10N_VERSION "\n");

    RunResult help = run_in("", name + " --help");
    CHECK(help.status == 0);
    CHECK(help.output.starts_with("usage: l10n " + name));
    CHECK(contains(help.output, "\n" + c.summary + "\n"));
    CHECK(contains(help.output, "  --version "));
    CHECK(contains(help.output, "\nexamples:\n  l10n " + name));
    CHECK(run_in("", name + " -h").output == help.output);
    // The manual and the completion know the command.
    CHECK(contains(slurp(source_dir() / "docs/l10n.1"), ".SS \"l10n " + name));
    CHECK(contains(slurp(source_dir() / "tools/completion/l10n.bash"), "    " + name + ") options="));
  }
  RunResult bad = run_in("", "merge --no-such-option");
  CHECK(bad.status == 2);
  CHECK(contains(bad.output, "l10n merge: error: "));
  CHECK(contains(bad.output, "Run 'l10n merge --help' for its options."));
}

TEST_CASE("the bash completion parses and completes commands, options and values", "[cli][i18n]") {
  std::string script = (source_dir() / "tools/completion/l10n.bash").string();
  RunResult syntax = run("bash -n " + quote(script));
  INFO(syntax.output);
  REQUIRE(syntax.status == 0);

  TempDir dir;
  spit(dir.path() / "l10n.toml", "source = \"en\"\nlanguages = [\"nl\", \"de\"]\n");
  // `complete` calls _l10n with COMP_WORDS and COMP_CWORD set; so does this.
  auto complete = [&](const std::string& words) {
    std::string body = "source " + quote(script) + "; COMP_WORDS=(" + words +
                       "); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _l10n; echo \"${COMPREPLY[*]}\"";
    return run("bash -c " + quote(body), dir.str()).output;
  };
  CHECK(complete("l10n ''") == "extract update merge import stats init check --help --version\n");
  CHECK(complete("l10n ex") == "extract\n");
  CHECK(complete("l10n check --format ''") == "text json sarif html\n");
  CHECK(complete("l10n stats -f ''") == "text json\n");
  CHECK(complete("l10n merge --lang ''") == "nl de\n");
  CHECK(complete("l10n init --") == "--root --dry-run --quiet --help --version\n");
}

TEST_CASE("po/cli/nl.po translates every message of po/cli/l10n.pot", "[cli][i18n]") {
  fs::path dir = source_dir() / "po/cli";
  Catalog pot = read_po((dir / "l10n.pot").string(), "po/cli/l10n.pot");
  Catalog nl = read_po((dir / "nl.po").string(), "po/cli/nl.po");
  CHECK(nl.header_field("Language") == "nl");
  CHECK(nl.header_field("Plural-Forms") == "nplurals=2; plural=(n != 1);");
  auto translations = by_key(nl);
  REQUIRE(pot.messages.size() > 100);
  for (const auto& [key, m] : by_key(pot)) {
    INFO(describe(key));
    auto it = translations.find(key);
    REQUIRE(it != translations.end());
    const Message& t = *it->second;
    CHECK(t.translated());
    CHECK(t.msgstr.size() == (m->extras().msgid_plural ? 2u : 1u));
    for (const auto& form : t.msgstr) CHECK(!form.empty());
  }
  CHECK(translations.size() == by_key(pot).size());  // no translation of a message the template dropped

  if (have("msgfmt")) {
    RunResult check = run("msgfmt -c -o /dev/null " + quote((dir / "nl.po").string()));
    INFO(check.output);
    CHECK(check.status == 0);
  }
}

TEST_CASE("po/cli/l10n.pot has the messages the sources mark", "[cli][i18n]") {
  if (!have("xgettext")) {
    WARN("xgettext is absent: the template's freshness is not checked");
    return;
  }
  TempDir tmp;
  fs::path fresh = tmp.path() / "l10n.pot";
  RunResult made = run("bash tools/update-cli-po.sh --pot " + quote(fresh.string()), source_dir().string());
  INFO(made.output);
  REQUIRE(made.status == 0);
  auto expected = by_key(read_po(fresh.string(), "fresh l10n.pot"));
  auto actual = by_key(read_po((source_dir() / "po/cli/l10n.pot").string(), "po/cli/l10n.pot"));
  std::string missing, extra;
  for (const auto& [key, m] : expected)
    if (!actual.count(key)) missing += describe(key) + "\n";
  for (const auto& [key, m] : actual)
    if (!expected.count(key)) extra += describe(key) + "\n";
  INFO("run tools/update-cli-po.sh, then translate po/cli/nl.po");
  CHECK(missing == "");
  CHECK(extra == "");
}
