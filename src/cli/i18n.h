// The CLI's own messages in the user's language (gettext, text domain "l10n").
#pragma once

#include <libintl.h>

#include "base/tr.h"

// gettext's conventional marker, a name xgettext looks for (N_() is in
// base/tr.h): _() translates now.
#define _(msgid) gettext(msgid)

namespace l10n::cli {

// Picks the user's language from the environment (LC_ALL, LC_MESSAGES, LANG,
// LANGUAGE) and binds the text domain to the compiled catalogs.
void init_messages(const char* argv0);

}  // namespace l10n::cli
