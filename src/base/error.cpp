#include "base/error.h"

#include <cerrno>
#include <cstring>

#include "base/tr.h"

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

std::string system_error_text(int err) {
  static constexpr std::pair<int, const char*> kTexts[] = {
      {ENOENT, N_("no such file or directory")},
      {EACCES, N_("permission denied")},
      {EPERM, N_("operation not permitted")},
      {EEXIST, N_("the file exists")},
      {ENOTDIR, N_("a part of the path is not a directory")},
      {EISDIR, N_("it is a directory")},
      {ENOTEMPTY, N_("the directory is not empty")},
      {ENOSPC, N_("no space left on the device")},
      {EDQUOT, N_("the disk quota is used up")},
      {EFBIG, N_("the file is too large")},
      {EROFS, N_("the file system is read-only")},
      {ELOOP, N_("too many levels of symbolic links")},
      {ENAMETOOLONG, N_("the name is too long")},
      {EMFILE, N_("too many open files")},
      {ENFILE, N_("too many open files in the system")},
      {EXDEV, N_("the paths are on different file systems")},
      {EBUSY, N_("the device or file is busy")},
      {ETXTBSY, N_("the file is busy")},
      {EIO, N_("input/output error")},
      {ENOMEM, N_("out of memory")},
      {EINVAL, N_("invalid argument")},
      {EAGAIN, N_("the resource is temporarily unavailable")},
      {EINTR, N_("interrupted")},
  };
  for (const auto& [value, text] : kTexts)
    if (value == err) return tr(text);
  return std::strerror(err);
}

std::string system_error_text(const std::error_code& ec) {
  if (ec.category() == std::generic_category() || ec.category() == std::system_category())
    return system_error_text(ec.value());
  return ec.message();
}

}  // namespace l10n
