#include "commands/init.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <tuple>

#include "base/ascii.h"
#include "units/page.h"
#include "site/layout.h"
#include "data/structured.h"
#include "base/glob.h"
#include "base/tr.h"

namespace fs = std::filesystem;

namespace l10n {

namespace {

bool has_letter(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) {
    auto u = static_cast<unsigned char>(c);
    return std::isalpha(u) || u >= 0x80;
  });
}

std::vector<std::string_view> tokens(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    std::size_t start = i;
    while (i < s.size() && !std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    if (i > start) out.push_back(s.substr(start, i - start));
  }
  return out;
}

// URLs, site paths, anchors, e-mail addresses and Go templates.
bool is_reference(std::string_view s) {
  return s.find("://") != std::string_view::npos || s.starts_with("/") || s.starts_with("./") ||
         s.starts_with("../") || s.starts_with("#") || s.starts_with("mailto:") || s.find("{{") != std::string_view::npos;
}

// "btn btn-primary", "fas fa-download": lower-case tokens with dashes.
bool is_class_list(const std::vector<std::string_view>& words) {
  bool dash = false;
  for (std::string_view w : words) {
    for (char c : w)
      if (!(std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '-' ||
            c == '_'))
        return false;
    dash = dash || w.find('-') != std::string_view::npos;
  }
  return dash;
}

// "en", "pt-br", "zh-hans", "nl_NL".
bool looks_like_language(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size() && std::islower(static_cast<unsigned char>(s[i]))) ++i;
  if (i < 2 || i > 3) return false;
  if (i == s.size()) return true;
  if (s[i] != '-' && s[i] != '_') return false;
  std::string_view rest = s.substr(i + 1);
  return rest.size() >= 2 && rest.size() <= 4 &&
         std::all_of(rest.begin(), rest.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)); });
}

// A content mount: Hugo reads the pages of `lang` (every language when
// empty) from `source`.
struct Mount {
  std::string source, target, lang;
};

// What the site config says about languages. Hugo reads keys without regard to case.
struct SiteLanguages {
  std::string default_language, default_file, language_code, content_dir;
  std::vector<std::string> languages;               // in the order the config names them
  std::map<std::string, std::string> content_dirs;  // language -> contentDir
  std::set<std::string> disabled;
  std::set<std::string> taxonomies = {"tags", "categories"};  // Hugo's default when the config names none
  bool taxonomies_seen = false;
  std::string languages_file;
  std::vector<Mount> mounts;  // those with target "content", in config order
  std::string mounts_file;
  // hugo-gettext reads its section with case-sensitive keys: paths as written, without "i18n".
  std::vector<DataLeaf> i18n;
  std::string i18n_file;
  std::vector<std::string> files;
};

void add_language(SiteLanguages& site, const std::string& lang, const std::string& file) {
  if (std::find(site.languages.begin(), site.languages.end(), lang) == site.languages.end()) site.languages.push_back(lang);
  if (site.languages_file.empty()) site.languages_file = file;
}

// One leaf of a language's table: languages.<lang>.<key>.
void read_language_leaf(SiteLanguages& site, const std::string& lang, const std::string& key, const DataLeaf& leaf,
                        const std::string& file) {
  add_language(site, lang, file);
  if (key == "contentdir" && leaf.is_string) site.content_dirs[lang] = leaf.value;
  if (key == "disabled" && leaf.value == "true") site.disabled.insert(lang);
}

// The leaves only say "[]" for a list item; the item's index is in path_string.
int mount_index(const DataLeaf& leaf) {
  std::string path = ascii_lower(leaf.path_string);
  std::size_t at = path.find("mounts[");
  return at == std::string::npos ? -1 : std::atoi(path.c_str() + at + 7);
}

void read_mount_leaf(std::map<int, Mount>& mounts, const std::string& key, const DataLeaf& leaf) {
  Mount& m = mounts[mount_index(leaf)];
  if (key == "source") m.source = fs::path(leaf.value).lexically_normal().generic_string();
  else if (key == "target") m.target = fs::path(leaf.value).lexically_normal().generic_string();
  else if (key == "lang") m.lang = ascii_lower(leaf.value);
}

// `path` in lower case, with the key a config/_default/<key>.toml file stands for.
void read_config_leaf(SiteLanguages& site, const std::vector<std::string>& path, const DataLeaf& leaf,
                      const std::string& rel, std::map<int, Mount>& mounts) {
  if (path.size() >= 3 && path[0] == "languages") {
    read_language_leaf(site, path[1], path[2], leaf, rel);
  } else if (path.size() == 4 && path[0] == "module" && path[1] == "mounts" && path[2] == "[]") {
    read_mount_leaf(mounts, path[3], leaf);
  } else if (path.size() >= 2 && path[0] == "i18n") {
    DataLeaf own = leaf;
    own.path.erase(own.path.begin(), own.path.end() - static_cast<std::ptrdiff_t>(path.size() - 1));
    site.i18n.push_back(std::move(own));
    site.i18n_file = rel;
  } else if (path.size() == 2 && path[0] == "taxonomies" && leaf.is_string) {
    if (!site.taxonomies_seen) site.taxonomies.clear(), site.taxonomies_seen = true;
    site.taxonomies.insert(ascii_lower(leaf.value));
  } else if (path.size() == 1 && leaf.is_string) {
    if (path[0] == "defaultcontentlanguage") site.default_language = ascii_lower(leaf.value), site.default_file = rel;
    else if (path[0] == "languagecode") site.language_code = ascii_lower(leaf.value);
    else if (path[0] == "contentdir") site.content_dir = leaf.value;
  }
}

// Hugo's config files: the root file, or config/_default/ where a file
// named after a top-level key (languages.toml, module.toml) holds that key.
std::vector<std::string> config_candidates() {
  std::vector<std::string> out;
  for (const char* dir : {"", "config/_default/"})
    for (const char* base : {"hugo", "config", "languages", "module", "i18n"})
      for (const char* ext : {".toml", ".yaml", ".yml", ".json"})
        if (*dir || std::string_view(base) == "hugo" || std::string_view(base) == "config")
          out.push_back(std::string(dir) + base + ext);
  return out;
}

void read_config_file(SiteLanguages& site, const std::string& root, const std::string& rel) {
  site.files.push_back(rel);
  SourceText src = SourceText::load((fs::path(root) / rel).string(), rel);
  std::string stem = fs::path(rel).stem().string();
  bool key_file = stem != "hugo" && stem != "config";
  std::map<int, Mount> mounts;
  for (const DataLeaf& leaf : parse_data(src, *data_format_of(rel))) {
    std::vector<std::string> path;
    if (key_file) path.push_back(stem);
    for (const auto& seg : leaf.path) path.push_back(ascii_lower(seg));
    read_config_leaf(site, path, leaf, rel, mounts);
  }
  for (auto& [index, m] : mounts)
    if (m.target == "content" && !m.source.empty()) site.mounts.push_back(std::move(m)), site.mounts_file = rel;
}

SiteLanguages read_site_languages(const std::string& root) {
  SiteLanguages site;
  for (const std::string& rel : config_candidates())
    if (fs::is_regular_file(fs::path(root) / rel)) read_config_file(site, root, rel);
  std::erase_if(site.languages, [&](const std::string& l) { return site.disabled.count(l) > 0; });
  return site;
}

std::vector<std::string> subdirectories(const fs::path& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return out;
  for (const auto& entry : fs::directory_iterator(dir, ec))
    if (entry.is_directory()) out.push_back(entry.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

bool has_markdown(const fs::path& dir) {
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); it != fs::recursive_directory_iterator(); it.increment(ec))
    if (ec) return false;
    else if (it->is_regular_file() && it->path().extension() == ".md") return true;
  return false;
}

// page.nl.md names its language between the stem and the extension.
std::set<std::string> filename_languages(const fs::path& dir) {
  std::set<std::string> out;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) break;
    if (!it->is_regular_file() || it->path().extension() != ".md") continue;
    std::string lang = fs::path(it->path().stem()).extension().string();
    if (lang.size() > 1 && looks_like_language(lang.substr(1))) out.insert(ascii_lower(lang.substr(1)));
  }
  return out;
}

// "content/nl" for "nl" -> "content/{lang}"; empty when the language is not a path segment.
std::string lang_pattern(const std::string& dir, const std::string& lang) {
  std::string out;
  bool found = false;
  for (const auto& seg : fs::path(dir).lexically_normal()) {
    std::string s = seg.string();
    if (s.empty()) continue;
    if (ascii_lower(s) == lang) s = "{lang}", found = true;
    out += (out.empty() ? "" : "/") + s;
  }
  return found ? out : "";
}

void add_unique(std::vector<std::string>& v, const std::string& s) {
  if (std::find(v.begin(), v.end(), s) == v.end()) v.push_back(s);
}

// The source language reads its pages from its first mount; a target
// language whose first mount is a tree of its own ("content-translated/nl",
// before "content" as the fallback) gives the target pattern. Sets `content`
// to the source mount for the guesses that follow when the mounts name no
// target pattern.
bool layout_from_mounts(SiteScan& scan, const SiteLanguages& site, std::string& content) {
  auto source = std::find_if(site.mounts.begin(), site.mounts.end(),
                             [&](const Mount& m) { return m.lang.empty() || m.lang == scan.source; });
  if (source == site.mounts.end()) return false;
  content = source->source;
  std::string pattern;
  std::set<std::string> seen;
  for (const Mount& m : site.mounts) {
    if (m.lang.empty() || m.lang == scan.source || !seen.insert(m.lang).second || m.source == content) continue;
    std::string p = lang_pattern(m.source, m.lang);
    if (p.empty() || (!pattern.empty() && p != pattern)) return false;
    pattern = p;
  }
  if (pattern.empty()) return false;
  scan.layout = Layout::Directory;
  scan.source_dir = content;
  scan.target_dir = pattern;
  scan.layout_note = format(tr("module.mounts in %s: %s/ for %s, %s"), site.mounts_file.c_str(), content.c_str(),
                             scan.source.c_str(), pattern.c_str());
  return true;
}

void choose_languages_and_layout(SiteScan& scan, const SiteLanguages& site) {
  const fs::path root(scan.root);
  if (!site.default_language.empty()) {
    scan.source = site.default_language;
    scan.source_note = format(tr("defaultContentLanguage in %s"), site.default_file.c_str());
  } else if (!site.languages.empty()) {
    scan.source = std::find(site.languages.begin(), site.languages.end(), "en") != site.languages.end()
                      ? "en" : site.languages.front();
    scan.source_note = tr("no defaultContentLanguage; Hugo's default is \"en\"");
  } else if (!site.language_code.empty() && looks_like_language(site.language_code.substr(0, site.language_code.find_first_of("-_")))) {
    // A single-language site says what language it is written in only here.
    scan.source = site.language_code.substr(0, site.language_code.find_first_of("-_"));
    scan.source_note = format(tr("languageCode \"%s\" of a single-language site"), site.language_code.c_str());
  } else {
    scan.source_note = tr("the site config names no language; Hugo's default");
  }
  for (const auto& l : site.languages)
    if (l != scan.source) scan.languages.push_back(l);
  if (!scan.languages.empty()) scan.languages_note = format(tr("the other languages in %s"), site.languages_file.c_str());

  std::string content = site.content_dir.empty() ? "content" : site.content_dir;
  auto own_dir = site.content_dirs.find(scan.source);
  if (!site.mounts.empty()) {
    // Content mounts replace contentDir: QGIS names content-translated/en, which does not exist.
    if (layout_from_mounts(scan, site, content)) return;
  } else if (own_dir != site.content_dirs.end()) {
    scan.layout = Layout::Directory;
    scan.source_dir = fs::path(own_dir->second).lexically_normal().generic_string();
    scan.target_dir = lang_pattern(scan.source_dir, scan.source);
    for (const auto& [lang, dir] : site.content_dirs)
      if (lang != scan.source && lang_pattern(dir, lang) != scan.target_dir) scan.target_dir.clear();
    if (scan.target_dir.empty()) scan.target_dir = content + "/{lang}";
    scan.layout_note = format(tr("each language has its contentDir in %s"), site.languages_file.c_str());
    return;
  }
  if (fs::is_directory(root / content / scan.source)) {
    scan.layout = Layout::Directory;
    scan.source_dir = content + "/" + scan.source;
    scan.target_dir = content + "/{lang}";
    scan.layout_note = format(tr("%s/ holds the %s pages"), scan.source_dir.c_str(), scan.source.c_str());
    for (const auto& d : subdirectories(root / content))
      if (d != scan.source && looks_like_language(d) && has_markdown(root / content / d)) add_unique(scan.languages, d);
    return;
  }
  scan.source_dir = content;
  // A tree per translated language beside the source tree, as QGIS has
  // content-translated/<lang>/.
  static const std::set<std::string> hugo_dirs = {"archetypes", "assets", "config", "data", "i18n", "layouts",
                                                  "public", "resources", "static", "themes", "po", "node_modules"};
  for (const auto& top : subdirectories(root)) {
    if (top == content || top.starts_with(".") || hugo_dirs.count(top)) continue;
    std::vector<std::string> langs;
    for (const auto& d : subdirectories(root / top))
      if (d != scan.source && looks_like_language(d) && has_markdown(root / top / d)) langs.push_back(d);
    if (langs.empty()) continue;
    scan.layout = Layout::Directory;
    scan.target_dir = top + "/{lang}";
    scan.layout_note = format(tr("the translated pages are in %s/<lang>/"), top.c_str());
    for (const auto& l : langs) add_unique(scan.languages, l);
    if (scan.languages_note.empty()) scan.languages_note = format(tr("the directories in %s/"), top.c_str());
    return;
  }
  scan.layout = Layout::Filename;
  std::set<std::string> named = filename_languages(root / content);
  named.erase(scan.source);
  for (const auto& l : named) add_unique(scan.languages, l);
  if (scan.languages_note.empty() && !named.empty()) scan.languages_note = format(tr("the page.<lang>.md files in %s/"), content.c_str());
  scan.layout_note = named.empty() ? tr("one content tree; translations will be written beside the pages as page.<lang>.md")
                                   : tr("translations are page.<lang>.md files beside the pages");
}

// Keys and parameters that hold URLs, classes, identifiers and switches by
// their name, whatever their values look like ("fas users" is an icon).
bool technical_name(std::string name) {
  static const std::set<std::string> names = {
      "alias", "aliases", "align", "anchor", "audio", "avatar", "background", "class", "classes", "color", "colour",
      "date", "draft", "email", "file", "height", "href", "icon", "icons", "id", "image", "images", "img", "lang",
      "language", "layout", "link", "logo", "path", "ref", "rel", "size", "slug", "src", "style", "target", "theme",
      "thumbnail", "type", "url", "urls", "video", "weight", "width"};
  return names.count(ascii_lower(std::move(name))) > 0;
}

// Keys that name people: "Mark Dumay" reads as two words of prose, but a
// name is not translated.
bool person_name(std::string name) {
  static const std::set<std::string> names = {"author", "authors", "contributor", "contributors", "credit",
                                              "credits", "maintainer", "photographer"};
  return names.count(ascii_lower(std::move(name))) > 0;
}

// frontMatter.keys pattern of a leaf: menu names are per menu, a list of
// strings is selected by its key.
std::string key_pattern(std::vector<std::string> path) {
  while (!path.empty() && path.back() == "[]") path.pop_back();
  if (path.size() >= 3 && path[0] == "menu") path[1] = "*";
  std::string out;
  for (const auto& seg : path) out += seg == "[]" ? seg : (out.empty() ? "" : ".") + seg;
  return out;
}

void count_value(ValueCounts& c, const std::string& value, bool is_string) {
  if (is_string && value.empty()) {
    ++c.empty;
    return;
  }
  ++c.values;
  if (!is_string) return;
  c.text += is_text(value);
  c.prose += is_prose(value);
}

template <typename T>
void sort_uses(std::vector<T>& uses) {
  std::stable_sort(uses.begin(), uses.end(), [](const T& a, const T& b) { return a.counts.values > b.counts.values; });
}

std::string toml_string(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string toml_key(std::string_view s) {
  bool bare = !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
  });
  return bare ? std::string(s) : toml_string(s);
}

std::string toml_array(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ", ") + toml_string(s);
  return "[" + out + "]";
}

std::string param_label(const ParamSpec& p) { return p.name.empty() ? std::to_string(p.position) : p.name; }

// TRANSLATORS: "3 values, 2 prose, 3 text": of a key's values, how many
// read as prose (several words) and how many as text at all.
std::string counts_text(const ValueCounts& c) {
  return counted("%zu value", "%zu values", c.values) + ", " + format(tr("%zu prose, %zu text"), c.prose, c.text);
}

// "3", or "2 empty" for a key that is always empty.
std::string values_text(const ValueCounts& c) {
  return c.values == 0 ? format(tr("%zu empty"), c.empty) : std::to_string(c.values);
}

// The counts of each parameter of a shortcode; when the hugo-gettext config
// names them all, that once, and the counts of those the pages use.
std::string params_evidence(const std::vector<const ParamUse*>& uses) {
  const std::string& first = uses.front()->configured;
  bool configured = !first.empty() && std::all_of(uses.begin(), uses.end(),
                                                  [&](const ParamUse* p) { return p->configured == first; });
  std::string out = configured ? format(tr("from %s"), first.c_str()) : "";
  for (const ParamUse* p : uses) {
    if (configured && p->counts.values == 0) continue;
    std::string source = configured || p->configured.empty() ? "" : format(tr("from %s"), p->configured.c_str()) + ", ";
    out += (out.empty() ? "" : "; ") + param_label(p->param) + ": " + source + counts_text(p->counts);
  }
  return out;
}

// "# Left out: a (3), b (2), …" wrapped at 100 columns.
void left_out(std::string& out, const std::vector<std::string>& items) {
  if (items.empty()) return;
  std::string line = "# " + std::string(tr("Left out (values that do not read as prose, or by name):"));
  for (std::size_t i = 0; i < items.size(); ++i) {
    std::string item = " " + items[i] + (i + 1 < items.size() ? "," : "");
    if (line.size() + item.size() > 100) out += line + "\n", line = "#  ";
    line += item;
  }
  out += line + "\n";
}

// hugo-gettext's [i18n] section. One setting is a top-level key, or
// "shortcodes.params.<shortcode>" and "content.<domain>.<key>", with its
// string values; `converted` when l10n.toml now says the same, else why not.
struct GettextSetting {
  std::vector<std::string> key;
  std::vector<std::string> values;
  bool list = false;
  bool converted = false;
  std::string unconverted;
  std::string name() const {
    std::string out;
    for (const auto& seg : key) out += (out.empty() ? "" : ".") + toml_key(seg);
    return out;
  }
};

std::vector<GettextSetting> gettext_settings(const std::vector<DataLeaf>& leaves) {
  std::vector<GettextSetting> out;
  for (const DataLeaf& leaf : leaves) {
    std::vector<std::string> path;
    bool list = false;
    for (const auto& seg : leaf.path)
      if (seg == "[]") list = true;
      else path.push_back(seg);
    if (path.empty()) continue;
    std::size_t depth = (path[0] == "shortcodes" || path[0] == "content") && path.size() >= 3 ? 3
                        : path[0] == "data" && path.size() >= 2                             ? 2
                                                                                             : 1;
    path.resize(depth);
    auto it = std::find_if(out.begin(), out.end(), [&](const GettextSetting& s) { return s.key == path; });
    if (it == out.end()) it = out.insert(out.end(), GettextSetting{path, {}, false, false, ""});
    it->values.push_back(leaf.value);
    it->list = it->list || list;
  }
  return out;
}

GettextSetting* find_setting(std::vector<GettextSetting>& settings, const std::vector<std::string>& key) {
  auto it = std::find_if(settings.begin(), settings.end(), [&](const GettextSetting& s) { return s.key == key; });
  return it == settings.end() ? nullptr : &*it;
}

// `"messages"` or `["a", "b"]`, cut short for a line of output.
std::string setting_value(const GettextSetting& s) {
  std::string out;
  for (const auto& v : s.values) out += (out.empty() ? "" : ", ") + toml_string(v);
  if (s.list) out = "[" + out + "]";
  return out.size() > 60 ? out.substr(0, 57) + "..." : out;
}

void not_converted(GettextSetting& s, const std::string& why) {
  s.unconverted = why;
}

void convert_catalog(SiteScan& scan, std::vector<GettextSetting>& settings) {
  // hugo-gettext names the default domain after the package unless defaultDomain says otherwise,
  // and writes the package as Project-Id-Version.
  if (GettextSetting* package = find_setting(settings, {"package"})) {
    scan.domain = scan.project = package->values.front();
    package->converted = true;
  }
  if (GettextSetting* domain = find_setting(settings, {"defaultDomain"})) {
    scan.domain = domain->values.front();
    domain->converted = true;
  }
  // hugo-gettext writes a page once more than half of it is translated.
  scan.keep = 50;
}

// hugo-gettext writes the translations to <genDir>/<lang>/ when genToOtherDir
// is set. Hugo's config has the last word, as it is what the site is built
// from; a site whose Hugo config shows no layout takes hugo-gettext's.
void convert_layout(SiteScan& scan, std::vector<GettextSetting>& settings) {
  GettextSetting* other = find_setting(settings, {"genToOtherDir"});
  GettextSetting* src = find_setting(settings, {"srcDir"});
  GettextSetting* gen = find_setting(settings, {"genDir"});
  if (!other || other->values.front() != "true") return;
  std::string src_dir = src ? src->values.front() : "content";
  std::string target = (gen ? gen->values.front() : "content-trans") + "/{lang}";
  if (src_dir != scan.source_dir) return;
  if (scan.layout == Layout::Filename) {
    scan.layout = Layout::Directory;
    scan.target_dir = target;
    scan.layout_note = tr("i18n.genDir in the site config: hugo-gettext writes the translations there");
  } else if (scan.target_dir != target) {
    return;
  }
  for (GettextSetting* s : {other, src, gen})
    if (s) s->converted = true;
}

// hugo-gettext's paths start at the site root; l10n's at sourceDir. Its
// globs are Python's, where "**" is one directory level like "*": the
// converted "**" reaches any depth, so "content/**/**/*.md" is "**/*.md".
std::string any_depth_glob(std::string glob) {
  for (auto at = glob.find("**/**/"); at != std::string::npos; at = glob.find("**/**/")) glob.erase(at, 3);
  return glob;
}

std::string relative_glob(const std::string& path, const std::string& source_dir) {
  return any_depth_glob(path.substr(source_dir.size() + 1));
}

void convert_paths(SiteScan& scan, GettextSetting* s, std::vector<std::string>& out) {
  if (!s) return;
  bool inside = true;
  for (const auto& path : s->values)
    if (path.starts_with(scan.source_dir + "/")) add_unique(out, relative_glob(path, scan.source_dir));
    else inside = false;
  if (inside) s->converted = true;
  else not_converted(*s, format(tr("paths outside sourceDir \"%s\""), scan.source_dir.c_str()));
}

// One hugo-gettext content domain's files: its globs and files (a file the
// globs already take would only be a duplicate), and what it excludes.
std::pair<std::vector<std::string>, std::vector<std::string>> domain_files(SiteScan& scan,
                                                                          std::vector<GettextSetting>& settings,
                                                                          const std::string& domain) {
  std::vector<std::string> globs, files, exclude;
  convert_paths(scan, find_setting(settings, {"content", domain, "globs"}), globs);
  convert_paths(scan, find_setting(settings, {"content", domain, "files"}), files);
  convert_paths(scan, find_setting(settings, {"content", domain, "excludedGlobs"}), exclude);
  convert_paths(scan, find_setting(settings, {"content", domain, "excludedFiles"}), exclude);
  for (const auto& f : files)
    if (!any_glob_matches(globs, f)) globs.push_back(f);
  return {globs, exclude};
}

// [i18n.content.default] chooses the pages of the main catalog; every other
// [i18n.content.<domain>] becomes a [[catalogs.group]] with its own catalog.
// hugo-gettext extracts no page that no domain names, so with domains but no
// default one the main catalog takes no page.
void convert_content_files(SiteScan& scan, std::vector<GettextSetting>& settings) {
  std::vector<std::string> domains;
  for (const GettextSetting& s : settings)
    if (s.key.size() == 3 && s.key[0] == "content" && std::find(domains.begin(), domains.end(), s.key[1]) == domains.end())
      domains.push_back(s.key[1]);
  if (domains.empty()) return;
  scan.include.clear();
  for (const std::string& domain : domains) {
    auto [include, exclude] = domain_files(scan, settings, domain);
    if (domain == "default") {
      scan.include = include;
      scan.exclude = exclude;
    } else if (!include.empty()) {
      bool plain = domain.find_first_of("/\\") == std::string::npos && domain.front() != '.';
      if (plain) scan.groups.push_back({domain, include, exclude});
      for (GettextSetting& s : settings)
        if (s.key.size() == 3 && s.key[0] == "content" && s.key[1] == domain && !plain)
          not_converted(s, tr("the domain is not a plain file name"));
    }
  }
}

// hugo-gettext's [i18n.data] and excludedDataKeys: its paths start at the
// site root, as l10n's data.files do; an excluded key is one at any depth.
// Exclusions l10n.toml cannot hold are applied now, to the files on disk.
void convert_data_files(SiteScan& scan, std::vector<GettextSetting>& settings) {
  std::vector<std::string> globs, excluded;
  for (GettextSetting& s : settings) {
    if (s.key.empty() || s.key[0] != "data" || s.key.size() != 2) continue;
    bool include = s.key[1] == "globs" || s.key[1] == "files";
    bool exclude = s.key[1] == "excludedGlobs" || s.key[1] == "excludedFiles";
    if (!include && !exclude) continue;
    bool inside = true;
    for (const std::string& path : s.values)
      if (path.starts_with("data/") && path.find("..") == std::string::npos)
        add_unique(include ? globs : excluded, any_depth_glob(path));
      else inside = false;
    if (inside) s.converted = true;
    else not_converted(s, tr("paths outside data/"));
  }
  if (excluded.empty()) {
    scan.data_files = globs;
  } else {
    Config site;
    site.root = scan.root;
    site.languages = scan.languages;
    for (std::string& rel : data_files_matching(site, globs))
      if (!any_glob_matches(excluded, rel)) scan.data_files.push_back(std::move(rel));
  }
  if (GettextSetting* keys = find_setting(settings, {"excludedDataKeys"})) {
    for (const std::string& v : keys->values)
      for (std::string_view k : tokens(v)) add_unique(scan.data_exclude_keys, "**." + std::string(k));
    keys->converted = true;
  }
}

// Before the pages are read: what decides which pages those are.
void convert_site_settings(SiteScan& scan, std::vector<GettextSetting>& settings) {
  convert_catalog(scan, settings);
  convert_layout(scan, settings);
  convert_content_files(scan, settings);
  convert_data_files(scan, settings);
}

// hugo-gettext translates every front matter string but these keys; l10n
// keeps its list of prose keys and leaves these out of it.
void convert_excluded_keys(SiteScan& scan, std::vector<GettextSetting>& settings) {
  static const std::set<std::string> builtin = {"aliases", "date", "i18n_configs", "layout", "publishDate", "type", "url"};
  std::set<std::string> excluded;
  if (GettextSetting* keys = find_setting(settings, {"excludedKeys"})) {
    for (const auto& v : keys->values)
      for (std::string_view k : tokens(v)) excluded.insert(std::string(k));
    keys->converted = true;
  }
  for (KeyUse& k : scan.front_matter) {
    std::string first = k.key.substr(0, k.key.find_first_of(".["));
    if (excluded.count(first)) k.excluded = tr("in i18n.excludedKeys");
    else if (builtin.count(first) && k.excluded.empty()) k.excluded = tr("never translated by hugo-gettext");
  }
}

ParamSpec param_spec(const std::string& value) {
  bool position = !value.empty() && std::all_of(value.begin(), value.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
  return position ? ParamSpec{"", std::atoi(value.c_str())} : ParamSpec{value, -1};
}

void configure_param(SiteScan& scan, const std::string& shortcode, const std::string& value) {
  ParamSpec spec = param_spec(value);
  for (ParamUse& p : scan.shortcode_params)
    if (p.shortcode == shortcode && p.param.name == spec.name && p.param.position == spec.position) {
      p.configured = "i18n.shortcodes.params";
      return;
    }
  scan.shortcode_params.push_back({shortcode, spec, {}, "", "i18n.shortcodes.params"});
}

// "*" = ["title"]: that parameter of every shortcode, which l10n.toml says
// the same way; the calls it covers need no line of their own.
void convert_wildcard(SiteScan& scan, GettextSetting& s) {
  for (const auto& v : s.values) configure_param(scan, "*", v);
  for (ParamUse& p : scan.shortcode_params)
    if (p.shortcode != "*" && p.configured.empty() && !p.param.name.empty() &&
        std::find(s.values.begin(), s.values.end(), p.param.name) != s.values.end())
      p.excluded = tr("covered by \"*\"");
  s.converted = true;
}

// The section's shortcode lists are what its translators translate today:
// they replace the guesses.
void convert_shortcodes(SiteScan& scan, std::vector<GettextSetting>& settings) {
  GettextSetting* wildcard = nullptr;
  bool any = false;
  for (GettextSetting& s : settings) {
    if (s.key.size() != 3 || s.key[0] != "shortcodes" || s.key[1] != "params") continue;
    any = true;
    if (s.key[2] == "*") {
      wildcard = &s;
      continue;
    }
    for (const auto& v : s.values) configure_param(scan, s.key[2], v);
    s.converted = true;
  }
  if (wildcard) convert_wildcard(scan, *wildcard);
  if (!any) return;
  for (ParamUse& p : scan.shortcode_params)
    if (p.configured.empty() && p.excluded.empty()) p.excluded = tr("not in i18n.shortcodes.params");
}

std::string unconverted_reason(const GettextSetting& s) {
  const std::string& key = s.key.front();
  if (key == "genToOtherDir" || key == "srcDir" || key == "genDir")
    return tr("l10n.toml follows the Hugo config, which says otherwise (see sourceDir, targetDir)");
  if (key == "others")
    return tr("l10n always extracts the site config's title, description and menu names and the i18n/ strings");
  if (key == "langs") return tr("l10n.toml takes its languages from the Hugo config");
  if (key == "customs") return tr("Python functions; l10n runs none");
  return tr("l10n.toml has no setting for it");
}

// After the pages are read: the keys and parameters, then a line for each
// setting left, in the order of the section.
void convert_unit_settings(SiteScan& scan, std::vector<GettextSetting>& settings) {
  convert_excluded_keys(scan, settings);
  convert_shortcodes(scan, settings);
  for (GettextSetting& s : settings) {
    if (!s.converted && s.unconverted.empty()) s.unconverted = unconverted_reason(s);
    if (!s.unconverted.empty()) scan.not_converted.push_back("i18n." + s.name() + " = " + setting_value(s) + ": " + s.unconverted);
  }
}

}  // namespace

bool is_prose(std::string_view value) {
  if (is_reference(value)) return false;
  std::vector<std::string_view> words = tokens(value);
  if (std::count_if(words.begin(), words.end(), [](std::string_view w) { return has_letter(w); }) < 2) return false;
  return !is_class_list(words);
}

bool is_text(std::string_view value) {
  if (is_prose(value)) return true;
  std::vector<std::string_view> words = tokens(value);
  if (words.empty() || is_reference(value) || !has_letter(value)) return false;
  // A word or two are text when capitalised like a title ("Downloads", "Tab 1"),
  // not when they look like an identifier, a file name or a number.
  auto first = static_cast<unsigned char>(words[0][0]);
  if (!std::isupper(first) && first < 0x80) return false;
  return std::none_of(words.begin(), words.end(), [](std::string_view w) {
    // "Mapping." is a title; the final punctuation does not make it a file name.
    while (w.size() > 1 && std::string_view(".,:;!?").find(w.back()) != std::string_view::npos) w.remove_suffix(1);
    return w.find_first_of("/._:@#=\\{}<>") != std::string_view::npos;
  });
}

SiteScan scan_site(const std::string& root) {
  SiteScan scan;
  scan.root = root;
  SiteLanguages site = read_site_languages(root);
  scan.config_files = site.files;
  choose_languages_and_layout(scan, site);
  std::vector<GettextSetting> gettext = gettext_settings(site.i18n);
  if (!gettext.empty()) {
    scan.migrated_from = "hugo-gettext's [i18n] in " + site.i18n_file;
    convert_site_settings(scan, gettext);
  }

  Config cfg;
  cfg.root = root;
  cfg.source = scan.source;
  cfg.languages = scan.languages;
  cfg.layout = scan.layout;
  cfg.source_dir = scan.source_dir;
  cfg.target_dir = scan.target_dir.empty() ? scan.source_dir : scan.target_dir;
  cfg.include = scan.include;
  cfg.exclude = scan.exclude;
  cfg.catalog_groups = scan.groups;
  std::vector<std::string> pages = source_pages(cfg);
  scan.pages = pages.size();

  std::map<std::string, ValueCounts> keys;
  std::map<std::tuple<std::string, std::string, int>, ValueCounts> params;
  for (const std::string& rel : pages) {
    try {
      SourceText src = SourceText::load((fs::path(root) / rel).string(), rel);
      Page page = read_page(src, cfg);
      if (page.front_matter)
        for (const DataLeaf& leaf : page.front_matter->leaves)
          if (!leaf.no_translate) count_value(keys[key_pattern(leaf.path)], leaf.value, leaf.is_string);
      for (const Shortcode& call : page.shortcodes.calls)
        for (const ShortcodeParam& p : call.params)
          count_value(params[{call.name, p.name, p.position}], p.value, true);
    } catch (const Error& e) {
      scan.skipped.push_back(e.diagnostic());
    }
  }
  for (auto& [key, counts] : keys) {
    std::string last = key.substr(key.find_last_of(".]") + 1);
    std::string why = site.taxonomies.count(ascii_lower(key)) ? tr("a taxonomy")
                      : technical_name(last)            ? tr("a technical name")
                      : person_name(last)               ? tr("a person's name")
                                                        : "";
    scan.front_matter.push_back({key, counts, why});
  }
  for (auto& [id, counts] : params) {
    const auto& [shortcode, name, position] = id;
    // A positional parameter is named by its shortcode: {{< icon "fas users" >}}.
    bool technical = technical_name(name.empty() ? shortcode : name);
    scan.shortcode_params.push_back({shortcode, ParamSpec{name, position}, counts, technical ? tr("a technical name") : "", ""});
  }
  if (!gettext.empty()) convert_unit_settings(scan, gettext);
  sort_uses(scan.front_matter);
  sort_uses(scan.shortcode_params);
  return scan;
}

// A TOML comment of one or more lines: "# " before each line of `text`.
std::string comment(std::string_view text) {
  std::string out;
  while (true) {
    std::size_t end = text.find('\n');
    out += "# " + std::string(text.substr(0, end)) + "\n";
    if (end == std::string_view::npos) return out;
    text.remove_prefix(end + 1);
  }
}

std::string render_config(const SiteScan& scan) {
  // TRANSLATORS: the comment at the top of the l10n.toml that 'l10n init'
  // writes; keep the lines short (each becomes a comment line) and the
  // names in quotes as they are.
  std::string out = comment(format(tr_n("l10n.toml written by 'l10n init' from what the site looks like now. Review it,\n"
                                 "then run 'l10n extract'. Counts: how many values each key or parameter has in the\n"
                                 "%zu source page, how many of them are prose (several words) and how many read\n"
                                 "as text at all.",
                                 "l10n.toml written by 'l10n init' from what the site looks like now. Review it,\n"
                                 "then run 'l10n extract'. Counts: how many values each key or parameter has in the\n"
                                 "%zu source pages, how many of them are prose (several words) and how many read\n"
                                 "as text at all.",
                                 scan.pages),
                                   scan.pages));
  if (!scan.config_files.empty()) {
    std::string files;
    for (const auto& f : scan.config_files) files += " " + f;
    out += comment(format(tr("Site config read:%s"), files.c_str()));
  }
  for (const auto& d : scan.skipped) out += comment(format(tr("Not scanned: %s"), d.str(tr("error")).c_str()));
  if (!scan.migrated_from.empty()) {
    out += comment(format(scan.not_converted.empty() ? tr("Converted from %s.") : tr("Converted from %s; not converted:"),
                          scan.migrated_from.c_str()));
    for (const auto& line : scan.not_converted) out += "#   " + line + "\n";
  }
  auto note = [](const std::string& n) { return n.empty() ? std::string() : "  # " + n; };
  out += "\nsource = " + toml_string(scan.source) + note(scan.source_note) + "\n";
  out += "languages = [";
  for (std::size_t i = 0; i < scan.languages.size(); ++i) out += (i ? ", " : "") + toml_string(scan.languages[i]);
  out += "]" + (scan.languages.empty() ? note(tr("none found: add the languages to translate into")) : note(scan.languages_note)) + "\n";
  out += "layout = " + toml_string(scan.layout == Layout::Directory ? "directory" : "filename") + note(scan.layout_note) + "\n";
  out += "sourceDir = " + toml_string(scan.source_dir) + "\n";
  if (!scan.target_dir.empty()) out += "targetDir = " + toml_string(scan.target_dir) + "\n";
  if (!scan.project.empty()) out += "project = " + toml_string(scan.project) + "\n";
  out += "include = " + toml_array(scan.include) + "\nexclude = " + toml_array(scan.exclude) + "\n";

  out += "\n[frontMatter]\n";
  std::vector<const KeyUse*> keys;
  std::vector<std::string> others;
  for (const KeyUse& k : scan.front_matter)
    if (k.proposed()) keys.push_back(&k);
    else others.push_back(k.key + " (" + values_text(k.counts) + (k.excluded.empty() ? "" : ", " + k.excluded) + ")");
  if (keys.empty())
    out += comment(tr("No key holds prose; l10n then extracts title, linkTitle, subtitle, description, summary, "
                      "menu.*.name."));
  std::size_t width = 0;
  for (const KeyUse* k : keys) width = std::max(width, toml_string(k->key).size());
  out += "keys = [\n";
  for (const KeyUse* k : keys) {
    std::string item = toml_string(k->key) + ",";
    out += "  " + item + std::string(width + 3 - item.size(), ' ') + "# " + counts_text(k->counts) + "\n";
  }
  out += "]\n";
  left_out(out, others);

  out += "\n[shortcodes]\n";
  others.clear();
  std::map<std::string, std::vector<const ParamUse*>> by_shortcode;
  for (const ParamUse& p : scan.shortcode_params)
    if (p.proposed()) by_shortcode[p.shortcode].push_back(&p);
    else others.push_back(p.shortcode + "." + param_label(p.param) + " (" + values_text(p.counts) +
                          (p.excluded.empty() ? "" : ", " + p.excluded) + ")");
  if (by_shortcode.empty()) out += comment(tr("No shortcode parameter holds prose."));
  for (const auto& [name, uses] : by_shortcode) {
    std::string values;
    for (const ParamUse* p : uses)
      values += (values.empty() ? "" : ", ") + (p->param.name.empty() ? param_label(p->param) : toml_string(p->param.name));
    std::string comment = params_evidence(uses);
    out += toml_key(name) + " = [" + values + "]  # " + comment + "\n";
  }
  left_out(out, others);

  out += "\n[catalogs]\ndir = " + toml_string(scan.catalog_dir) + "\ndomain = " + toml_string(scan.domain) +
         "\nsplit = \"site\"\n";
  for (const CatalogGroup& g : scan.groups)
    out += "\n[[catalogs.group]]  # i18n.content." + toml_key(g.domain) + "\ndomain = " + toml_string(g.domain) +
           "\ninclude = " + toml_array(g.include) + "\nexclude = " + toml_array(g.exclude) + "\n";
  if (!scan.data_files.empty() || !scan.data_exclude_keys.empty())
    out += "\n[data]  # i18n.data\nfiles = " + toml_array(scan.data_files) +
           "\nexcludeKeys = " + toml_array(scan.data_exclude_keys) + "\n";
  out += "\n[merge]\nkeep = " + std::to_string(scan.keep) + "  # " +
         (scan.migrated_from.empty()
              // xgettext:no-c-format
              ? tr("% of a page's text translated before its translation is written")
              // xgettext:no-c-format
              : tr("% of a page's text translated before its translation is written; hugo-gettext's threshold is 50")) +
         "\n";
  return out;
}

}  // namespace l10n
