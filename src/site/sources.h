// How a site becomes units: the one path from a source file to the units it
// holds, for every command that reads the sources (extract, merge, stats).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "base/error.h"
#include "base/progress.h"
#include "base/source_text.h"
#include "site/config.h"
#include "site/layout.h"
#include "units/unit.h"

namespace l10n {

// One source file's units, in source order.
struct SourceUnits {
  SourceFile file;
  std::vector<Unit> units;
};

// The units of one source file already read: a page's, a string table's
// entries, a site config's title, description and menu names.
std::vector<Unit> units_of(const Config& cfg, const SourceFile& file, const SourceText& text);

// Reads every file of `files` (in parallel) into units, in the order of
// `files`. A file that cannot be read or parsed adds a Diagnostic to
// `errors` and leaves its entry without units.
std::vector<SourceUnits> read_sources(const Config& cfg, const std::vector<SourceFile>& files, int jobs,
                                      std::vector<Diagnostic>& errors, const ProgressFn& progress = {});

// read_sources for a caller that folds the units as they come: hands each
// file's units to `take`, from the calling thread and in the order of
// `files`, reading a window of files at a time on every core, so that only
// that window's units are in memory. Once a file fails, `take` sees no more
// (what it made is for nothing: the run stops on the errors).
void read_sources_in_order(const Config& cfg, const std::vector<SourceFile>& files, int jobs,
                           std::vector<Diagnostic>& errors, const ProgressFn& progress,
                           const std::function<void(SourceUnits&)>& take);

}  // namespace l10n
