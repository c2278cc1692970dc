// SipHash-2-4, the keyed hash Weblate names its units by: a link to a unit
// in Weblate carries siphash("Weblate Sip Hash", msgid + msgctxt) in hex.
// Written here rather than taken from a crypto library: it is thirty lines,
// and a link is all it is used for.
#pragma once

#include <cstdint>
#include <string_view>

namespace l10n {

// `key` must be 16 bytes.
std::uint64_t siphash24(std::string_view key, std::string_view data);

}  // namespace l10n
