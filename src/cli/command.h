// What every command's option parsing shares.
#pragma once

#include <boost/program_options.hpp>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "cli/i18n.h"
#include "base/error.h"

namespace l10n::cli {

namespace opt = boost::program_options;

constexpr int kOk = 0, kFindings = 1, kErrors = 2;

// Each command: its options, then a call into the library.
int extract_command(int argc, char** argv);
int update_command(int argc, char** argv);
int merge_command(int argc, char** argv);
int import_command(int argc, char** argv);
int stats_command(int argc, char** argv);
int init_command(int argc, char** argv);
int check_command(int argc, char** argv);

struct CommandInfo {
  const char* name;
  const char* summary;  // marked with N_(), translated where it is shown
  int (*run)(int argc, char** argv);
};

// The commands in the order `l10n --help` lists them.
inline constexpr CommandInfo kCommands[] = {
    {"extract", N_("read the source pages and write the POT and every language's PO"), extract_command},
    {"update", N_("update a PO file from a POT, like msgmerge --previous"), update_command},
    {"merge", N_("write the translated content trees from the PO files"), merge_command},
    {"import", N_("adopt a language's existing hand-made pages into its PO"), import_command},
    {"stats", N_("show how much of each language, catalog and page is translated"), stats_command},
    {"init", N_("scan a Hugo site and write a starting l10n.toml"), init_command},
    {"check", N_("find text left in the source language in pages and PO files"), check_command},
};

struct Command {
  std::string name;   // "extract"
  std::string usage;  // "l10n extract [options]", translated
  opt::options_description options;
  opt::positional_options_description positional;
  opt::variables_map vm;
  // TRANSLATORS: the heading of a command's option list; a colon follows.
  Command(const char* name, std::string usage) : name(name), usage(std::move(usage)), options(_("options")) {
    options.add_options()
        ("help,h", _("show this help and exit"))
        ("version", _("show the version and exit"));
  }
  // Parses argv after the command name; false when --help or --version was
  // shown. `examples` are command lines, one per line.
  bool parse(int argc, char** argv, const char* examples) {
    opt::store(opt::command_line_parser(argc, argv).options(options).positional(positional).run(), vm);
    if (vm.count("help")) {
      std::cout << format(_("usage: %s"), usage.c_str()) << "\n" << summary() << "\n\n"
                << options << "\n" << _("examples:") << "\n";
      for (std::string_view rest = examples; !rest.empty();) {
        std::size_t end = rest.find('\n');
        std::cout << "  " << rest.substr(0, end) << "\n";
        rest.remove_prefix(end == std::string_view::npos ? rest.size() : end + 1);
      }
      return false;
    }
    if (vm.count("version")) {
      std::cout << "l10n " L10N_VERSION "\n";
      return false;
    }
    opt::notify(vm);
    return true;
  }
  bool flag(const char* name) const { return vm.count(name) > 0; }

 private:
  std::string summary() const {
    for (const CommandInfo& c : kCommands)
      if (name == c.name) return gettext(c.summary);
    return "";
  }
};

// What is wrong with the command line, in the user's language: Boost's own
// texts are English.
std::string option_error_text(opt::error& e);

inline int print_errors(const std::vector<Diagnostic>& errors) {
  // TRANSLATORS: the severity in "path:line:col: error: message", as compilers print it.
  for (const auto& d : errors) std::cerr << d.str(_("error")) << "\n";
  return kErrors;
}

}  // namespace l10n::cli
