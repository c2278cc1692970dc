// What every command's option parsing shares.
#pragma once

#include <boost/program_options.hpp>
#include <iostream>
#include <string>
#include <vector>

#include "error.h"

namespace l10n::cli {

namespace po = boost::program_options;

constexpr int kOk = 0, kFindings = 1, kErrors = 2;

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
  bool flag(const char* name) const { return vm.count(name) > 0; }
};

inline int print_errors(const std::vector<Diagnostic>& errors) {
  for (const auto& d : errors) std::cerr << d.str() << "\n";
  return kErrors;
}

// Each command: its options, then a call into the library.
int extract_command(int argc, char** argv);
int update_command(int argc, char** argv);
int merge_command(int argc, char** argv);
int import_command(int argc, char** argv);
int stats_command(int argc, char** argv);
int init_command(int argc, char** argv);
int check_command(int argc, char** argv);

}  // namespace l10n::cli
