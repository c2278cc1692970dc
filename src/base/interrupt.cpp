#include "base/interrupt.h"

#include <atomic>
#include <csignal>
#include <cstring>
#include <string>

#include "base/error.h"
#include "base/tr.h"

namespace l10n {
namespace {

// Global because a signal handler can reach nothing else; atomic because any
// thread may take the signal while the workers read the flag.
std::atomic<int> g_signal{0};
static_assert(std::atomic<int>::is_always_lock_free, "the handler must not take a lock");

void on_signal(int sig) { g_signal = sig; }

}  // namespace

void install_interrupt_handler() {
  struct sigaction sa;
  std::memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESTART;  // a read or write in progress finishes; the next check stops
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
}

int interrupt_signal() { return g_signal; }

const char* signal_name(int sig) { return sig == SIGINT ? "SIGINT" : sig == SIGTERM ? "SIGTERM" : tr("a signal"); }

void check_interrupt() {
  if (int sig = g_signal) throw Error("", 0, 0, format(tr("interrupted by %s; no file was changed"), signal_name(sig)));
}

}  // namespace l10n
