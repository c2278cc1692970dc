// The one exception type of the library: a diagnostic that names file:line:col.
#pragma once

#include <stdexcept>
#include <string>

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

}  // namespace l10n
