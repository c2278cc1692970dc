// A progress line for long runs: "l10n extract [######--------------] 120/400 files, 85 files/s",
// redrawn in place on stderr. Only people at a terminal want it: on a pipe, in
// a log file or in CI it would be noise, so the CLI asks progress_wanted().
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <ostream>
#include <string>
#include <utility>

namespace l10n {

// What extract and merge call as files are done, from any of their threads.
using ProgressFn = std::function<void(std::size_t done, std::size_t total)>;

// Counts items finished by parallel workers and reports each to a ProgressFn.
// Each item is counted once per pass (merge reads every file, then renders it
// once per language).
class ProgressCounter {
 public:
  explicit ProgressCounter(ProgressFn fn, std::size_t passes = 1) : fn_(std::move(fn)), passes_(passes) {}
  void set_items(std::size_t items) { total_ = items * passes_; }
  void tick() {
    std::size_t done = ++done_;
    if (fn_) fn_(done, total_);
  }

 private:
  ProgressFn fn_;
  std::size_t passes_;
  std::size_t total_ = 0;
  std::atomic<std::size_t> done_{0};
};

// Stderr is a terminal and the CI variable is not set.
bool progress_wanted();

class ProgressBar {
 public:
  // Draws on `out`, at most once per `interval` (and always for the last item).
  ProgressBar(std::string label, std::ostream& out,
              std::chrono::milliseconds interval = std::chrono::milliseconds(100));
  ~ProgressBar();  // erases the line
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  void update(std::size_t done, std::size_t total);  // thread-safe
  ProgressFn callback() { return [this](std::size_t done, std::size_t total) { update(done, total); }; }

 private:
  using Clock = std::chrono::steady_clock;
  std::string label_;
  std::ostream& out_;
  std::chrono::milliseconds interval_;
  Clock::time_point start_ = Clock::now(), last_draw_{};
  bool drawn_ = false;
  std::mutex mutex_;
};

// A bar on stderr when progress_wanted() and not `quiet`, else nullptr.
std::unique_ptr<ProgressBar> terminal_progress(const std::string& label, bool quiet);

}  // namespace l10n
