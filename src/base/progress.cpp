#include "base/progress.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <unistd.h>

#include "base/tr.h"

namespace l10n {

bool progress_wanted() {
  // GitHub Actions, GitLab CI, Travis and most others set CI; their logs
  // keep every carriage return as a new line.
  const char* ci = std::getenv("CI");
  if (ci && *ci && std::string_view(ci) != "false") return false;
  return isatty(STDERR_FILENO) == 1;
}

ProgressBar::ProgressBar(std::string label, std::ostream& out, std::chrono::milliseconds interval)
    : label_(std::move(label)), out_(out), interval_(interval) {}

ProgressBar::~ProgressBar() {
  // "\r" then erase to the end of the line, so the next output starts clean.
  if (drawn_) out_ << "\r\x1b[K" << std::flush;
}

void ProgressBar::update(std::size_t done, std::size_t total) {
  std::lock_guard lock(mutex_);
  Clock::time_point now = Clock::now();
  if (drawn_ && done < total && now - last_draw_ < interval_) return;
  last_draw_ = now;
  drawn_ = true;
  double seconds = std::chrono::duration<double>(now - start_).count();
  // A 20-cell bar, then the counts: "l10n merge [#######-------------] 35/100 files, 120 files/s".
  constexpr std::size_t cells = 20;
  std::size_t filled = total == 0 ? cells : std::min(cells, done * cells / total);
  out_ << "\r\x1b[K" << label_ << " [" << std::string(filled, '#') << std::string(cells - filled, '-') << "] "
       << format(tr_n("%zu/%zu file", "%zu/%zu files", total), done, total);
  // TRANSLATORS: the speed of a progress bar, after the count of files.
  if (seconds >= 0.05) out_ << format(tr(", %.0f files/s"), static_cast<double>(done) / seconds);
  out_ << std::flush;
}

std::unique_ptr<ProgressBar> terminal_progress(const std::string& label, bool quiet) {
  if (quiet || !progress_wanted()) return nullptr;
  return std::make_unique<ProgressBar>(label, std::cerr);
}

}  // namespace l10n
