// The l10n command line: picks the command; src/cli/ parses its options and
// calls the library.
#include <iostream>
#include <new>
#include <string>

#include "cli/command.h"
#include "cli/i18n.h"
#include "base/interrupt.h"

using namespace l10n;
using namespace l10n::cli;

namespace {

void print_usage(std::ostream& out) {
  out << _("usage: l10n <command> [options]") << "\n\n" << _("commands:") << "\n";
  for (const CommandInfo& c : kCommands) out << format("  %-9s %s\n", c.name, gettext(c.summary));
  out << "\n"
      << _("Run 'l10n <command> --help' for a command's options and examples, 'man l10n' for the manual.") << "\n";
}

int run_command(const std::string& cmd, int argc, char** argv) {
  try {
    for (const CommandInfo& c : kCommands)
      if (cmd == c.name) return c.run(argc - 1, argv + 1);
    if (cmd == "--help" || cmd == "-h" || cmd == "help") {
      print_usage(std::cout);
      return kOk;
    }
    if (cmd == "--version") {
      std::cout << "l10n " L10N_VERSION "\n";
      return kOk;
    }
    std::cerr << format(_("l10n: unknown command '%s'"), cmd.c_str()) << "\n\n";
    print_usage(std::cerr);
    return kErrors;
  } catch (const Error& e) {
    std::cerr << e.diagnostic().str(_("error")) << "\n";
  } catch (opt::error& e) {
    std::cerr << format(_("l10n %s: error: %s"), cmd.c_str(), option_error_text(e).c_str()) << "\n"
              << format(_("Run 'l10n %s --help' for its options."), cmd.c_str()) << "\n";
  } catch (const std::bad_alloc&) {
    std::cerr << format(_("l10n %s: error: %s"), cmd.c_str(), _("out of memory")) << "\n";
  } catch (const std::exception& e) {
    std::cerr << format(_("l10n %s: error: %s"), cmd.c_str(), e.what()) << "\n";
  }
  return kErrors;
}

}  // namespace

int main(int argc, char** argv) {
  init_messages(argv[0]);
  if (argc < 2) {
    print_usage(std::cerr);
    return kErrors;
  }
  std::string cmd = argv[1];
  // The commands that write files stop cleanly on Ctrl-C; the others may die.
  if (cmd == "extract" || cmd == "update" || cmd == "merge" || cmd == "import") install_interrupt_handler();
  int status = run_command(cmd, argc, argv);
  if (int sig = interrupt_signal()) {
    if (status != kErrors)  // the signal came while the outputs were being written; they were finished
      std::cerr << format(_("l10n %s: interrupted by %s after its files were written"), cmd.c_str(),
                          signal_name(sig))
                << "\n";
    return interrupt_exit_status(sig);
  }
  return status;
}
