#include "cli/i18n.h"

#include <clocale>
#include <cstdlib>
#include <cstring>
#include <filesystem>

namespace fs = std::filesystem;

namespace l10n::cli {

namespace {

bool holds_catalogs(const fs::path& dir) {
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    if (fs::exists(it->path() / "LC_MESSAGES" / "l10n.mo", ec)) return true;
  return false;
}

fs::path executable_dir(const char* argv0) {
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) exe = fs::absolute(argv0, ec);
  return exe.parent_path();
}

// The build tree's catalogs first, so a binary being developed never shows an
// older installed translation; then an install moved to another prefix; then
// the prefix the binary was configured for.
fs::path locale_dir(const char* argv0) {
  fs::path exe = executable_dir(argv0);
  for (const fs::path& dir : {exe / "locale", exe.parent_path() / "share" / "locale"})
    if (holds_catalogs(dir)) return dir;
  return L10N_LOCALEDIR;
}

bool is_c_locale(const char* name) { return !name || !std::strcmp(name, "C") || !std::strcmp(name, "POSIX"); }

}  // namespace

void init_messages(const char* argv0) {
  // Only the categories that choose and print messages: the numbers, dates and
  // collation the library reads and writes must not depend on the user's locale.
  std::setlocale(LC_CTYPE, "");
  std::setlocale(LC_MESSAGES, "");
  // gettext ignores LANGUAGE in the C locale, which is what a machine without
  // the user's locale installed (or with LANG unset) runs in; C.UTF-8 is not
  // "C" to gettext, so LANGUAGE=nl still gives Dutch there.
  const char* language = std::getenv("LANGUAGE");
  if (language && *language && is_c_locale(std::setlocale(LC_MESSAGES, nullptr)) &&
      std::setlocale(LC_MESSAGES, "C.UTF-8"))
    std::setlocale(LC_CTYPE, "C.UTF-8");
  bindtextdomain("l10n", locale_dir(argv0).c_str());
  bind_textdomain_codeset("l10n", "UTF-8");
  textdomain("l10n");
}

}  // namespace l10n::cli
