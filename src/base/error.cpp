#include "base/error.h"

namespace l10n {

std::string Diagnostic::str(std::string_view severity) const {
  std::string out = path;
  if (line > 0) {
    out += ':' + std::to_string(line);
    if (col > 0) out += ':' + std::to_string(col);
  }
  if (!out.empty()) out += ": ";
  out += severity;
  out += ": ";
  out += message;
  return out;
}

Error::Error(Diagnostic d) : std::runtime_error(d.str()), diag_(std::move(d)) {}

Error::Error(std::string path, int line, int col, std::string message)
    : Error(Diagnostic{std::move(path), line, col, std::move(message)}) {}

}  // namespace l10n
