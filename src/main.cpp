// The l10n command line: picks the command; src/cli/ parses its options and
// calls the library.
#include <iostream>
#include <string>

#include "cli/command.h"
#include "interrupt.h"

using namespace l10n;
using namespace l10n::cli;

namespace {

const char* const kUsage =
    "usage: l10n <command> [options]\n"
    "\n"
    "commands:\n"
    "  extract   read the source pages and write the POT and every language's PO\n"
    "  update    update a PO file from a POT, like msgmerge --previous\n"
    "  merge     write the translated content trees from the PO files\n"
    "  import    adopt a language's existing hand-made pages into its PO\n"
    "  stats     show how much of each language, catalog and page is translated\n"
    "  init      scan a Hugo site and write a starting l10n.toml\n"
    "  check     find text left in the source language in pages and PO files\n"
    "\n"
    "Run 'l10n <command> --help' for a command's options.\n";


int run_command(const std::string& cmd, int argc, char** argv) {
  try {
    if (cmd == "extract") return extract_command(argc - 1, argv + 1);
    if (cmd == "update") return update_command(argc - 1, argv + 1);
    if (cmd == "merge") return merge_command(argc - 1, argv + 1);
    if (cmd == "import") return import_command(argc - 1, argv + 1);
    if (cmd == "stats") return stats_command(argc - 1, argv + 1);
    if (cmd == "init") return init_command(argc - 1, argv + 1);
    if (cmd == "check") return check_command(argc - 1, argv + 1);
    if (cmd == "--help" || cmd == "-h" || cmd == "help") {
      std::cout << kUsage;
      return kOk;
    }
    if (cmd == "--version") {
      std::cout << "l10n " L10N_VERSION "\n";
      return kOk;
    }
    std::cerr << "l10n: unknown command '" << cmd << "'\n" << kUsage;
    return kErrors;
  } catch (const Error& e) {
    std::cerr << e.diagnostic().str() << "\n";
  } catch (const po::error& e) {
    std::cerr << "l10n " << cmd << ": error: " << e.what() << "\n";
  } catch (const std::exception& e) {
    std::cerr << "l10n " << cmd << ": error: " << e.what() << "\n";
  }
  return kErrors;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << kUsage;
    return kErrors;
  }
  std::string cmd = argv[1];
  // The commands that write files stop cleanly on Ctrl-C; the others may die.
  if (cmd == "extract" || cmd == "update" || cmd == "merge" || cmd == "import") install_interrupt_handler();
  int status = run_command(cmd, argc, argv);
  if (int sig = interrupt_signal()) {
    if (status != kErrors)  // the signal came while the outputs were being written; they were finished
      std::cerr << "l10n " << cmd << ": interrupted by " << signal_name(sig) << " after its files were written\n";
    return interrupt_exit_status(sig);
  }
  return status;
}
