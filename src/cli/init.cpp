#include <filesystem>
#include <iostream>

#include "cli/command.h"
#include "init.h"
#include "source_text.h"

namespace l10n::cli {

int init_command(int argc, char** argv) {
  Command c("l10n init [options]");
  std::string root;
  c.options.add_options()
      ("root", po::value(&root)->default_value("."), "the Hugo site to scan")
      ("dry-run,n", "print the proposed l10n.toml instead of writing it");
  if (!c.parse(argc, argv, "examples:\n  l10n init --dry-run\n  l10n init --root my-site\n")) return kOk;
  std::filesystem::path target = std::filesystem::path(root) / "l10n.toml";
  bool dry_run = c.flag("dry-run");
  // Checked before the scan: an existing config is someone's work.
  if (!dry_run && std::filesystem::exists(target))
    throw Error(target.string(), 0, 0, "already exists; 'l10n init' never overwrites it (use --dry-run to see a proposal)");
  SiteScan scan = scan_site(root);
  std::string text = render_config(scan);
  if (dry_run) {
    std::cout << text;
    return kOk;
  }
  write_file_atomic(target.string(), text);
  std::size_t keys = 0, params = 0;
  for (const auto& k : scan.front_matter) keys += k.counts.proposed();
  for (const auto& p : scan.shortcode_params) params += p.counts.proposed();
  std::cout << "wrote " << target.string() << ": source '" << scan.source << "', " << scan.languages.size()
            << " target languages, " << keys << " front matter keys and " << params
            << " shortcode parameters proposed from " << scan.pages << " pages; review it, then run 'l10n extract'\n";
  return kOk;
}

}  // namespace l10n::cli
