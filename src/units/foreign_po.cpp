#include "units/foreign_po.h"

#include <cctype>
#include <optional>

#include "base/error.h"
#include "base/source_text.h"
#include "base/tr.h"
#include "units/shortcode.h"

namespace l10n {
namespace {

std::optional<ShortcodeScan> calls_of(std::string_view text) {
  try {
    SourceText src("msgid", std::string(text));
    return scan_shortcodes(src, 0, src.bytes().size());
  } catch (const Error&) {
    return std::nullopt;
  }
}

const ShortcodeParam* same_param(const Shortcode& call, const ShortcodeParam& p) {
  for (const ShortcodeParam& q : call.params)
    if (q.name == p.name && q.position == p.position) return &q;
  return nullptr;
}

// Why `theirs` is not `ours` translated: another call, or a parameter that
// is not text changed or gone; "" when it is.
std::string call_problem(const Shortcode& ours, const Shortcode& theirs, const UnitRules& rules) {
  if (ours.name != theirs.name || ours.closing != theirs.closing || ours.markdown != theirs.markdown)
    return format(tr("the msgstr calls '%s' where the msgid calls '%s'"), theirs.name.c_str(), ours.name.c_str());
  if (ours.params.size() != theirs.params.size())
    return format(tr("the msgstr's call '%s' has other parameters"), ours.name.c_str());
  for (const ShortcodeParam& p : ours.params) {
    const ShortcodeParam* q = same_param(theirs, p);
    if (!q) return format(tr("the msgstr's call '%s' has other parameters"), ours.name.c_str());
    if (!rules.is_text_param(ours.name, p.name, p.position) && q->value != p.value)
      return format(tr("the msgstr changes parameter '%s' of '%s', which is not text"),
                    (p.name.empty() ? std::to_string(p.position) : p.name).c_str(), ours.name.c_str());
  }
  return "";
}

}  // namespace

ForeignPairs foreign_pairs(std::string_view msgid, std::string_view msgstr, const UnitRules& rules) {
  ForeignPairs out;
  out.pairs.push_back({std::string(msgid), std::string(msgstr)});
  std::optional<ShortcodeScan> ours = calls_of(msgid), theirs = calls_of(msgstr);
  if (!ours || ours->calls.empty()) return out;
  if (!theirs) {
    out.problem = tr("a shortcode call in the msgstr is broken");
    return out;
  }
  if (ours->calls.size() != theirs->calls.size()) {
    out.problem = tr("the msgstr has other shortcode calls than the msgid");
    return out;
  }
  std::vector<CarriedPair> params;
  for (std::size_t i = 0; i < ours->calls.size(); ++i) {
    const Shortcode& a = ours->calls[i];
    const Shortcode& b = theirs->calls[i];
    if (std::string why = call_problem(a, b, rules); !why.empty()) {
      out.problem = why;
      return out;
    }
    for (const ShortcodeParam& p : a.params)
      if (rules.is_text_param(a.name, p.name, p.position)) params.push_back({p.value, same_param(b, p)->value});
  }
  for (CarriedPair& pair : params)
    if (!pair.msgid.empty()) out.pairs.push_back(std::move(pair));
  return out;
}

std::string spaced_text(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::string loose_text(std::string_view text) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
  // A heading or list marker that the other tool kept in its msgid: "## ",
  // "- ", "* ", "+ ", "1. ".
  if (i < text.size() && text[i] == '#') {
    std::size_t h = i;
    while (h < text.size() && text[h] == '#') ++h;
    if (h < text.size() && text[h] == ' ') i = h + 1;
  }
  std::size_t m = i;
  while (m < text.size() && std::isdigit(static_cast<unsigned char>(text[m]))) ++m;
  if (m > i && m + 1 < text.size() && (text[m] == '.' || text[m] == ')') && text[m + 1] == ' ') i = m + 2;
  else if (i + 1 < text.size() && (text[i] == '-' || text[i] == '*' || text[i] == '+') && text[i + 1] == ' ') i += 2;
  bool space = false;
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = true;
      continue;
    }
    if (c == '\\' && i + 1 < text.size() && std::ispunct(static_cast<unsigned char>(text[i + 1]))) c = text[++i];
    else if (c == '*' || c == '_') continue;  // emphasis, however the other tool wrote it
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

}  // namespace l10n
