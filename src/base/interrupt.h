// Ctrl-C and SIGTERM. The handler only sets a flag; the pipeline looks at it
// between files and stops before it writes anything, so an interrupted run
// leaves every output as it was and no temp file behind (a signal that kills
// the process in the middle of write_file_atomic would leave one).
#pragma once

namespace l10n {

// Installs the handler for SIGINT and SIGTERM (the CLI does, once).
void install_interrupt_handler();

// The signal that arrived, or 0.
int interrupt_signal();
inline bool interrupted() { return interrupt_signal() != 0; }

// "SIGINT", "SIGTERM".
const char* signal_name(int signal);

// Throws Error("interrupted by SIGINT…") when a signal arrived.
void check_interrupt();

// The exit status of a process stopped by `signal`, as shells report it.
inline int interrupt_exit_status(int signal) { return 128 + signal; }

}  // namespace l10n
