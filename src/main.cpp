// The l10n command line: parses options and calls the library.
#include <boost/program_options.hpp>
#include <filesystem>
#include <iostream>

#include "catalog.h"
#include "config.h"
#include "error.h"
#include "extract.h"
#include "po_update.h"

namespace po = boost::program_options;
using namespace l10n;

namespace {

constexpr int kOk = 0, kErrors = 2;

const char* const kUsage =
    "usage: l10n <command> [options]\n"
    "\n"
    "commands:\n"
    "  extract   read the source pages and write the POT and every language's PO\n"
    "  update    update a PO file from a POT, like msgmerge --previous\n"
    "\n"
    "Run 'l10n <command> --help' for a command's options.\n";

struct Command {
  po::options_description options;
  po::positional_options_description positional;
  po::variables_map vm;
  explicit Command(const std::string& caption) : options(caption) {
    options.add_options()("help,h", "show this help");
  }
  // Parses argv after the command name; false when --help was shown.
  bool parse(int argc, char** argv, const char* examples) {
    po::store(po::command_line_parser(argc, argv).options(options).positional(positional).run(), vm);
    if (vm.count("help")) {
      std::cout << options << "\n" << examples;
      return false;
    }
    po::notify(vm);
    return true;
  }
};

int print_errors(const std::vector<Diagnostic>& errors) {
  for (const auto& d : errors) std::cerr << d.str() << "\n";
  return kErrors;
}

int cmd_extract(int argc, char** argv) {
  Command c("l10n extract [options]");
  std::string root;
  int jobs = 0;
  c.options.add_options()
      ("root", po::value(&root)->default_value("."), "the site root (where l10n.toml is)")
      ("jobs,j", po::value(&jobs)->default_value(0), "parallel jobs (0: one per core)")
      ("no-obsolete", "drop entries whose text left the source instead of keeping them as #~")
      ("quiet,q", "print nothing but errors");
  if (!c.parse(argc, argv, "examples:\n  l10n extract\n  l10n extract --root site --jobs 4\n")) return kOk;
  Config cfg = load_config(root);
  ExtractOptions options;
  options.jobs = jobs;
  options.keep_obsolete = !c.vm.count("no-obsolete");
  ExtractReport report = run_extract(cfg, options);
  if (!report.errors.empty()) return print_errors(report.errors);
  if (!c.vm.count("quiet")) {
    for (const auto& cat : report.catalogs)
      std::cout << cat.pot_path << ": " << cat.messages << " messages, " << cat.references << " references\n";
    std::cout << report.pages << " pages, " << report.units << " units; " << report.written.size()
              << " files written, " << report.unchanged.size() << " unchanged\n";
  }
  return kOk;
}

int cmd_update(int argc, char** argv) {
  Command c("l10n update OLD.po NEW.pot -o OUT.po [options]");
  std::string old_path, pot_path, out_path, lang;
  c.options.add_options()
      ("old", po::value(&old_path)->required(), "the PO file with the translations")
      ("pot", po::value(&pot_path)->required(), "the new template")
      ("output,o", po::value(&out_path)->required(), "where to write the updated PO (may be OLD.po)")
      ("lang", po::value(&lang), "the language, when the PO's header does not say")
      ("no-obsolete", "drop entries no longer in the template");
  c.positional.add("old", 1).add("pot", 1);
  if (!c.parse(argc, argv, "examples:\n  l10n update nl.po messages.pot -o nl.po\n")) return kOk;
  Catalog old_po = read_po(old_path, old_path);
  Catalog pot = read_po(pot_path, pot_path);
  UpdateOptions options;
  options.language = lang.empty() ? old_po.header_field("Language").value_or("") : lang;
  options.keep_obsolete = !c.vm.count("no-obsolete");
  write_po(out_path, update_catalog(old_po, pot, options));
  return kOk;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << kUsage;
    return kErrors;
  }
  std::string cmd = argv[1];
  try {
    if (cmd == "extract") return cmd_extract(argc - 1, argv + 1);
    if (cmd == "update") return cmd_update(argc - 1, argv + 1);
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
