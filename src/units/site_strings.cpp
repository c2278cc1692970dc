#include "units/site_strings.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>

#include "base/ascii.h"
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
  u.lead = leaf.lead;
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

// A leaf's path with the indices of its sequence items: "menu.main[0].name"
// -> menu, main, 0, name (indices as "#0").
std::vector<std::string> steps_of(const std::string& path_string) {
  std::vector<std::string> steps;
  std::string key;
  for (std::size_t i = 0; i < path_string.size(); ++i) {
    char c = path_string[i];
    if (c == '.' || c == '[') {
      if (!key.empty()) steps.push_back(std::move(key)), key.clear();
      if (c == '[') {
        std::size_t close = path_string.find(']', i);
        steps.push_back("#" + path_string.substr(i + 1, close - i - 1));
        i = close;
      }
    } else {
      key += c;
    }
  }
  if (!key.empty()) steps.push_back(std::move(key));
  return steps;
}

std::string toml_key(const std::string& key) {
  bool bare = !key.empty() && std::all_of(key.begin(), key.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '_' || c == '-';
  });
  return bare ? key : encode_scalar(DataFormat::Toml, ScalarStyle::DoubleQuoted, key, 0);
}

bool is_toml_number(std::string_view v) {
  std::size_t i = v.starts_with('-') || v.starts_with('+') ? 1 : 0;
  bool digits = false, dot = false;
  for (; i < v.size(); ++i) {
    if (std::isdigit(static_cast<unsigned char>(v[i]))) digits = true;
    else if (v[i] == '.' && !dot && digits) dot = true;
    else return false;
  }
  return digits && !v.ends_with('.');
}

// A value that is not a string, as TOML writes it: TOML's own literal as
// written; numbers and booleans of YAML and JSON; nullopt for a null, which
// TOML cannot hold. Anything else is written as the string it reads as.
std::optional<std::string> toml_literal(const SourceText& src, DataFormat format, const DataLeaf& leaf) {
  if (format == DataFormat::Toml) return std::string(src.bytes().substr(leaf.span.begin, leaf.span.size()));
  std::string v = leaf.value;
  std::string lower = ascii_lower(v);
  if (lower == "null" || lower == "~" || lower.empty()) return std::nullopt;
  if (lower == "true" || lower == "yes" || lower == "on") return "true";
  if (lower == "false" || lower == "no" || lower == "off") return "false";
  if (is_toml_number(v)) return v;
  return encode_scalar(DataFormat::Toml, ScalarStyle::DoubleQuoted, v, 0);
}

// One value of the language's config: where it goes, and its TOML text.
struct ConfigValue {
  std::vector<std::string> steps;  // under languages.<lang>: "title"; "params", "description"; "menus", "main", "#0", "name"
  std::string text;
};

// Writes values that share their steps up to the last as TOML: top-level
// keys, then tables, then each menu entry as [[menus.NAME]] with its nested
// tables after it.
std::string write_toml(const std::vector<ConfigValue>& values) {
  std::string top, tables;
  std::map<std::string, std::vector<const ConfigValue*>> by_table;  // "params" -> values
  std::vector<std::string> table_order;
  // menus: name -> entry index -> sub-table ("" for the entry's own keys) -> values
  std::map<std::string, std::map<int, std::map<std::string, std::vector<const ConfigValue*>>>> menus;
  std::vector<std::string> menu_order;
  for (const ConfigValue& v : values) {
    const auto& st = v.steps;
    if (st.size() == 1) {
      top += toml_key(st[0]) + " = " + v.text + "\n";
    } else if (st[0] == "menus" && st.size() >= 4 && st[2].starts_with('#')) {
      if (!menus.count(st[1])) menu_order.push_back(st[1]);
      std::string sub;
      for (std::size_t i = 3; i + 1 < st.size(); ++i) sub += (sub.empty() ? "" : ".") + toml_key(st[i]);
      menus[st[1]][std::stoi(st[2].substr(1))][sub].push_back(&v);
    } else {
      std::string table;
      for (std::size_t i = 0; i + 1 < st.size(); ++i) table += (table.empty() ? "" : ".") + toml_key(st[i]);
      if (!by_table.count(table)) table_order.push_back(table);
      by_table[table].push_back(&v);
    }
  }
  for (const std::string& table : table_order) {
    tables += "\n[" + table + "]\n";
    for (const ConfigValue* v : by_table[table]) tables += toml_key(v->steps.back()) + " = " + v->text + "\n";
  }
  for (const std::string& name : menu_order)
    for (const auto& [index, subs] : menus[name]) {
      std::string entry = "menus." + toml_key(name);
      tables += "\n[[" + entry + "]]\n";
      for (const auto& [sub, vals] : subs) {
        if (!sub.empty()) tables += "[" + entry + "." + sub + "]\n";
        for (const ConfigValue* v : vals) tables += toml_key(v->steps.back()) + " = " + v->text + "\n";
      }
    }
  return top + tables;
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
      "title", "params.description", "menu.*[].name", "menus.*[].name",
      lang + "title", lang + "params.description", lang + "menu.*[].name", lang + "menus.*[].name",
  };
  // A file of config/_default/ other than the main config holds one root
  // key, which its name says: menus.en.toml is "menus", params.toml "params".
  // Of those only menus and params have text a language shows.
  std::string_view name = src.path();
  name.remove_prefix(name.rfind('/') == std::string_view::npos ? 0 : name.rfind('/') + 1);
  std::string key(name.substr(0, name.find('.')));
  bool main = src.path().find('/') == std::string::npos || key == "hugo" || key == "config";
  if (!main && key != "menus" && key != "params") return {};
  std::vector<Unit> out;
  for (const DataLeaf& leaf : parse_data(src, format)) {
    if (!leaf.is_string || leaf.no_translate || !has_translatable_text(leaf.value)) continue;
    std::vector<std::string> path = leaf.path;
    if (!main) path.insert(path.begin(), key);
    if (std::none_of(patterns.begin(), patterns.end(), [&](const std::string& p) { return path_matches(p, path); }))
      continue;
    out.push_back(data_unit(UnitKind::SiteConfig, leaf, format, "site config: " + leaf.path_string));
  }
  return out;
}

std::vector<Unit> data_file_units(const SourceText& src, DataFormat format, const UnitRules& rules) {
  auto any_match = [](const std::vector<std::string>& patterns, const DataLeaf& leaf) {
    return std::any_of(patterns.begin(), patterns.end(), [&](const std::string& p) { return path_matches(p, leaf.path); });
  };
  std::vector<Unit> out;
  for (const DataLeaf& leaf : parse_data(src, format)) {
    if (!leaf.is_string || leaf.no_translate || !has_translatable_text(leaf.value) || looks_like_url(leaf.value)) continue;
    if (!rules.data_keys.empty() && !any_match(rules.data_keys, leaf)) continue;
    if (any_match(rules.data_exclude_keys, leaf)) continue;
    out.push_back(data_unit(UnitKind::DataFile, leaf, format, "data: " + leaf.path_string));
  }
  return out;
}

std::string language_config(const SourceText& src, DataFormat format, const UnitRules& rules,
                            const std::vector<Unit>& units,
                            const std::vector<std::optional<std::string_view>>& translations, std::string_view lang) {
  std::map<std::size_t, std::size_t> unit_at;  // span.begin -> index in units
  for (std::size_t i = 0; i < units.size(); ++i) unit_at.emplace(units[i].span.begin, i);
  // Values under languages.<source> are what the source language shows, so
  // they win over the site-wide ones; a language's menus replace the site's.
  std::vector<ConfigValue> site, scoped;
  for (const DataLeaf& leaf : parse_data(src, format)) {
    std::vector<std::string> steps = steps_of(leaf.path_string);
    bool in_source = steps.size() > 2 && steps[0] == "languages" && steps[1] == rules.source;
    if (in_source) steps.erase(steps.begin(), steps.begin() + 2);
    else if (!steps.empty() && steps[0] == "languages") continue;
    if (steps.empty()) continue;
    if (steps[0] == "menu") steps[0] = "menus";
    auto unit = unit_at.find(leaf.span.begin);
    bool is_unit = unit != unit_at.end();
    bool wanted = steps[0] == "menus" || (is_unit && (steps.size() == 1 || steps[0] == "params"));
    if (!wanted) continue;
    std::optional<std::string> text;
    if (is_unit && translations[unit->second])
      text = encode_scalar(DataFormat::Toml, ScalarStyle::DoubleQuoted, *translations[unit->second], 0);
    else if (leaf.is_string)
      text = encode_scalar(DataFormat::Toml, ScalarStyle::DoubleQuoted, leaf.value, 0);
    else
      text = toml_literal(src, format, leaf);
    if (text) (in_source ? scoped : site).push_back({std::move(steps), std::move(*text)});
  }
  auto shadowed = [&](const ConfigValue& v) {
    return std::any_of(scoped.begin(), scoped.end(), [&](const ConfigValue& s) {
      return v.steps[0] == "menus" ? s.steps[0] == "menus" : s.steps == v.steps;
    });
  };
  std::vector<ConfigValue> values;
  for (ConfigValue& v : site)
    if (!shadowed(v)) values.push_back(std::move(v));
  for (ConfigValue& v : scoped) values.push_back(std::move(v));
  return "# Written by 'l10n merge' from " + src.path() + " for '" + std::string(lang) +
         "': Hugo merges it under languages." + std::string(lang) + ".\n" + write_toml(values);
}

}  // namespace l10n
