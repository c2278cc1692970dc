// Translatable messages. The library marks the texts a user reads (config,
// file and PO errors) with tr(); the CLI binds the "l10n" text domain at
// start-up, and until something does, tr() returns its argument unchanged.
// Messages with values are printf formats so translators see whole
// sentences and msgfmt -c checks their placeholders.
#pragma once

#include <cstddef>
#include <string>

// Marks a text that is translated later, with tr(), for xgettext: a table
// of texts cannot call tr() where it is defined.
#define N_(msgid) msgid

namespace l10n {

// The translation of `msgid` in the "l10n" domain.
const char* tr(const char* msgid) __attribute__((format_arg(1)));

// The singular or plural form of a message for `n`, in the "l10n" domain;
// a printf format that takes n and whatever else the message names.
const char* tr_n(const char* singular, const char* plural, unsigned long n) __attribute__((format_arg(1)))
__attribute__((format_arg(2)));

// "3 pages": the form of `singular`/`plural` for n, which they print with %zu.
std::string counted(const char* singular, const char* plural, std::size_t n);

// printf into a std::string; pass std::string arguments as .c_str().
std::string format(const char* fmt, ...) __attribute__((format(printf, 1, 2)));

}  // namespace l10n
