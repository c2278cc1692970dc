#include "base/tr.h"

#include <cstdarg>
#include <cstdio>
#include <libintl.h>

namespace l10n {

const char* tr(const char* msgid) { return dgettext("l10n", msgid); }

const char* tr_n(const char* singular, const char* plural, unsigned long n) {
  return dngettext("l10n", singular, plural, n);
}

std::string counted(const char* singular, const char* plural, std::size_t n) {
  return format(tr_n(singular, plural, n), n);
}

std::string format(const char* fmt, ...) {
  va_list args;
  va_start(args, fmt);
  va_list again;
  va_copy(again, args);
  int size = std::vsnprintf(nullptr, 0, fmt, args);
  va_end(args);
  std::string out;
  if (size > 0) {
    out.resize(static_cast<std::size_t>(size));
    std::vsnprintf(out.data(), out.size() + 1, fmt, again);
  }
  va_end(again);
  return out;
}

}  // namespace l10n
