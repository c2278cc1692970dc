#include <filesystem>
#include <iostream>

#include "cli/command.h"
#include "commands/init.h"
#include "base/source_text.h"
#include "base/files.h"

namespace l10n::cli {

int init_command(int argc, char** argv) {
  Command c("init", _("l10n init [options]"));
  std::string root;
  c.options.add_options()
      ("root", opt::value(&root)->default_value(".")->value_name(_("DIR")), _("the Hugo site to scan"))
      ("dry-run,n", _("print the proposed l10n.toml instead of writing it"))
      ("quiet,q", _("print nothing but errors"));
  if (!c.parse(argc, argv, "l10n init --dry-run\nl10n init --root my-site\n")) return kOk;
  std::filesystem::path target = std::filesystem::path(root) / "l10n.toml";
  bool dry_run = c.flag("dry-run");
  // Checked before the scan: an existing config is someone's work.
  if (!dry_run && std::filesystem::exists(target))
    throw Error(target.string(), 0, 0,
                _("already exists; 'l10n init' never overwrites it (use --dry-run to see a proposal)"));
  SiteScan scan = scan_site(root);
  std::string text = render_config(scan);
  if (dry_run) {
    std::cout << text;
    return kOk;
  }
  write_file_atomic(target.string(), text);
  if (c.flag("quiet")) return kOk;
  std::size_t keys = 0, params = 0;
  for (const auto& k : scan.front_matter) keys += k.counts.proposed();
  for (const auto& p : scan.shortcode_params) params += p.counts.proposed() || !p.configured.empty();
  // TRANSLATORS: e.g. "wrote l10n.toml: source 'en', 2 target languages, 5 front matter keys and
  // 1 shortcode parameter proposed from 40 pages; review it, then run 'l10n extract'".
  std::cout << format(_("wrote %s: source '%s', %s, %s and %s proposed from %s; review it, then run 'l10n extract'"),
                      target.string().c_str(), scan.source.c_str(),
                      counted("%zu target language", "%zu target languages", scan.languages.size()).c_str(),
                      counted("%zu front matter key", "%zu front matter keys", keys).c_str(),
                      counted("%zu shortcode parameter", "%zu shortcode parameters", params).c_str(),
                      counted("%zu page", "%zu pages", scan.pages).c_str())
            << "\n";
  for (const auto& line : scan.not_converted) std::cout << format(_("not converted: %s"), line.c_str()) << "\n";
  return kOk;
}

}  // namespace l10n::cli
