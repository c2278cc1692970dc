// The one exception type of the library: a diagnostic that names file:line:col.
#pragma once

#include <stdexcept>
#include <string>
#include <system_error>

namespace l10n {

struct Diagnostic {
  std::string path;  // as given by the caller, usually relative to the site root
  int line = 0;      // 1-based; 0 when the problem is about the whole file
  int col = 0;       // 1-based, in Unicode code points; 0 when unknown
  std::string message;

  // "path:line:col: error: message", leaving out what is unknown.
  std::string str(std::string_view severity = "error") const;
};

class Error : public std::runtime_error {
 public:
  explicit Error(Diagnostic d);
  Error(std::string path, int line, int col, std::string message);
  const Diagnostic& diagnostic() const { return diag_; }

 private:
  Diagnostic diag_;
};

// What the system said went wrong (an errno value), in the user's language:
// the usual file errors are l10n's own messages, since the C library's
// translations may be missing; strerror() for the rest.
std::string system_error_text(int err);
std::string system_error_text(const std::error_code& ec);

}  // namespace l10n
