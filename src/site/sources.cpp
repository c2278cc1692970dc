#include "site/sources.h"

#include <algorithm>
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

namespace {

// Files [begin, end) of `files` into results[i - begin], on every core.
void read_window(const Config& cfg, const std::vector<SourceFile>& files, std::size_t begin, std::size_t end,
                 int jobs, std::vector<SourceUnits>& results, std::vector<std::optional<Diagnostic>>& failures,
                 ProgressCounter& counter) {
  parallel_for(end - begin, jobs, [&](std::size_t k) {
    if (interrupted()) return;
    const SourceFile& file = files[begin + k];
    results[k].file = file;
    try {
      SourceText text = SourceText::load(on_disk(cfg, file.path), file.path);
      results[k].units = units_of(cfg, file, text);
    } catch (const Error& e) {
      failures[begin + k] = e.diagnostic();
    } catch (const std::exception& e) {
      failures[begin + k] = Diagnostic{file.path, 0, 0, e.what()};
    }
    counter.tick();
  });
}

void report_failures(std::vector<std::optional<Diagnostic>>& failures, std::vector<Diagnostic>& errors) {
  for (auto& f : failures)
    if (f) errors.push_back(std::move(*f));
}

}  // namespace

std::vector<SourceUnits> read_sources(const Config& cfg, const std::vector<SourceFile>& files, int jobs,
                                      std::vector<Diagnostic>& errors, const ProgressFn& progress) {
  std::vector<SourceUnits> results(files.size());
  std::vector<std::optional<Diagnostic>> failures(files.size());
  ProgressCounter counter(progress);
  counter.set_items(files.size());
  read_window(cfg, files, 0, files.size(), jobs, results, failures, counter);
  check_interrupt();
  report_failures(failures, errors);
  return results;
}

void read_sources_in_order(const Config& cfg, const std::vector<SourceFile>& files, int jobs,
                           std::vector<Diagnostic>& errors, const ProgressFn& progress,
                           const std::function<void(SourceUnits&)>& take) {
  // Large enough to keep every core busy, small enough that the units of a
  // window weigh little beside what `take` builds from them.
  constexpr std::size_t kWindow = 512;
  std::vector<std::optional<Diagnostic>> failures(files.size());
  ProgressCounter counter(progress);
  counter.set_items(files.size());
  bool failed = false;
  std::vector<SourceUnits> window;
  for (std::size_t begin = 0; begin < files.size(); begin += kWindow) {
    std::size_t end = std::min(files.size(), begin + kWindow);
    window.assign(end - begin, SourceUnits{});
    read_window(cfg, files, begin, end, jobs, window, failures, counter);
    check_interrupt();
    for (std::size_t i = begin; i < end && !failed; ++i) {
      failed = failures[i].has_value();
      if (!failed) take(window[i - begin]);
    }
  }
  window.clear();
  report_failures(failures, errors);
}

}  // namespace l10n
