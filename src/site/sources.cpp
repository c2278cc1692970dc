#include "site/sources.h"

#include <optional>

#include "base/interrupt.h"
#include "base/parallel.h"
#include "units/page.h"
#include "units/site_strings.h"

namespace l10n {

std::vector<Unit> units_of(const Config& cfg, const SourceFile& file, const SourceText& text) {
  switch (file.kind) {
    case SourceFile::Kind::Page: return read_page(text, cfg).units;
    case SourceFile::Kind::StringTable: return string_table_units(text, file.format);
    case SourceFile::Kind::SiteConfig: return site_config_units(text, file.format, cfg);
    case SourceFile::Kind::Data: return data_file_units(text, file.format, cfg);
  }
  return {};
}

std::vector<SourceUnits> read_sources(const Config& cfg, const std::vector<SourceFile>& files, int jobs,
                                      std::vector<Diagnostic>& errors, const ProgressFn& progress) {
  std::vector<SourceUnits> results(files.size());
  std::vector<std::optional<Diagnostic>> failures(files.size());
  ProgressCounter counter(progress);
  counter.set_items(files.size());
  parallel_for(files.size(), jobs, [&](std::size_t i) {
    if (interrupted()) return;
    const SourceFile& file = files[i];
    results[i].file = file;
    try {
      SourceText text = SourceText::load(on_disk(cfg, file.path), file.path);
      results[i].units = units_of(cfg, file, text);
    } catch (const Error& e) {
      failures[i] = e.diagnostic();
    } catch (const std::exception& e) {
      failures[i] = Diagnostic{file.path, 0, 0, e.what()};
    }
    counter.tick();
  });
  check_interrupt();
  for (auto& f : failures)
    if (f) errors.push_back(std::move(*f));
  return results;
}

}  // namespace l10n
