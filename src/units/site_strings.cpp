#include "units/site_strings.h"

#include <algorithm>
#include <map>

#include "units/markdown.h"

namespace l10n {
namespace {

Unit data_unit(UnitKind kind, const DataLeaf& leaf, DataFormat format, std::string comment) {
  Unit u;
  u.kind = kind;
  u.text = leaf.value;
  u.span = leaf.span;
  u.line = leaf.line;
  u.comment = std::move(comment);
  u.format = format;
  u.style = leaf.style;
  u.indent = leaf.indent;
  u.margin = leaf.margin;
  u.in_flow = leaf.in_flow;
  return u;
}

bool is_plural_category(std::string_view s) {
  return s == "zero" || s == "one" || s == "two" || s == "few" || s == "many" || s == "other";
}

// "items[3].translation" -> "items[3]": leaves of one go-i18n record share it.
std::string record_of(const DataLeaf& leaf) {
  auto dot = leaf.path_string.rfind('.');
  return dot == std::string::npos ? std::string() : leaf.path_string.substr(0, dot);
}

}  // namespace

std::vector<Unit> string_table_units(const SourceText& src, DataFormat format) {
  std::vector<DataLeaf> leaves = parse_data(src, format);
  // go-i18n's list form: [{"id": "readMore", "translation": "Read more"}].
  std::map<std::string, std::string> ids;
  for (const DataLeaf& leaf : leaves)
    if (leaf.path.size() >= 2 && leaf.path[leaf.path.size() - 2] == "[]" && leaf.path.back() == "id")
      ids[record_of(leaf)] = leaf.value;
  std::vector<Unit> out;
  for (const DataLeaf& leaf : leaves) {
    if (!leaf.is_string || leaf.path.empty() || !has_translatable_text(leaf.value)) continue;
    const auto& path = leaf.path;
    std::string id, form;
    if (path.size() == 1) {
      id = path[0];  // key = "text"
    } else if (path.size() == 2 && (is_plural_category(path[1]) || path[1] == "translation")) {
      id = path[0];  // [key] other = "text"
      form = path[1];
    } else if (path.size() >= 2 && path[path.size() - 2] == "[]" && path.back() == "translation") {
      auto it = ids.find(record_of(leaf));
      if (it == ids.end()) continue;
      id = it->second;
    } else {
      continue;
    }
    Unit u = data_unit(UnitKind::StringTable, leaf, format, "i18n string: " + id);
    u.context = (form.empty() || form == "other" || form == "translation") ? id : id + "[" + form + "]";
    out.push_back(std::move(u));
  }
  return out;
}

std::vector<Unit> site_config_units(const SourceText& src, DataFormat format, const UnitRules& rules) {
  const std::string lang = "languages." + rules.source + ".";
  const std::vector<std::string> patterns = {
      "title", "params.description", "menu.*[].name", "menus.*[].name", "*[].name",
      lang + "title", lang + "params.description", lang + "menu.*[].name", lang + "menus.*[].name",
  };
  std::vector<Unit> out;
  for (const DataLeaf& leaf : parse_data(src, format)) {
    if (!leaf.is_string || leaf.no_translate || !has_translatable_text(leaf.value)) continue;
    auto match = std::find_if(patterns.begin(), patterns.end(),
                              [&](const std::string& p) { return path_matches(p, leaf.path); });
    if (match == patterns.end()) continue;
    // "*[].name" is for menus.en.toml, whose top level is the menu names.
    if (*match == "*[].name" && src.path().find("menus") == std::string::npos) continue;
    out.push_back(data_unit(UnitKind::SiteConfig, leaf, format, "site config: " + leaf.path_string));
  }
  return out;
}

}  // namespace l10n
