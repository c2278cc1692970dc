#include "site/links.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "base/ascii.h"
#include "base/files.h"
#include "base/siphash.h"
#include "data/structured.h"
#include "site/layout.h"

namespace l10n {

namespace {

bool web_address(std::string_view s) { return s.starts_with("https://") || s.starts_with("http://"); }

// Every byte but the unreserved ones and '/' as %XX: a path from the
// repository may hold spaces, '#' or '?'.
std::string percent_encoded(std::string_view s, bool keep_slash) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' || (keep_slash && c == '/')) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

std::string filled(std::string tmpl, std::string_view name, std::string_view value) {
  for (std::size_t at = tmpl.find(name); at != std::string::npos; at = tmpl.find(name, at + value.size()))
    tmpl.replace(at, name.size(), value);
  return tmpl;
}

}  // namespace

std::string site_base_url(const Config& cfg) {
  if (!cfg.links.base_url.empty()) return cfg.links.base_url;
  for (const SourceFile& f : source_files(cfg)) {
    if (f.kind != SourceFile::Kind::SiteConfig || !readable_in_site(cfg, f.path)) continue;
    try {
      SourceText text(f.path, read_file(on_disk(cfg, f.path), f.path));
      for (const DataLeaf& leaf : parse_data(text, f.format))
        if (leaf.path.size() == 1 && ascii_lower(leaf.path[0]) == "baseurl" && web_address(leaf.value))
          return leaf.value;
    } catch (const Error&) {
      // A site config that cannot be read gives no address; extract says why.
    }
  }
  return "";
}

std::string page_url(const Config& cfg, std::string_view base_url, std::string_view lang, std::string_view rel) {
  if (base_url.empty()) return "";
  std::string dir = cfg.layout == Layout::Directory ? cfg.target_dir_for(lang) : cfg.source_dir;
  std::string_view path = rel;
  if (!dir.empty() && dir != ".") {
    if (!path.starts_with(dir + "/")) return "";
    path.remove_prefix(dir.size() + 1);
  }
  std::string p(path);
  if (p.ends_with(".md")) p.resize(p.size() - 3);
  if (cfg.layout == Layout::Filename) {
    std::string suffix = "." + std::string(lang);
    if (!p.ends_with(suffix)) return "";
    p.resize(p.size() - suffix.size());
  }
  std::size_t slash = p.rfind('/');
  std::string_view name = std::string_view(p).substr(slash == std::string::npos ? 0 : slash + 1);
  if (name == "index" || name == "_index") p.resize(slash == std::string::npos ? 0 : slash);
  std::string url(base_url);
  if (!url.ends_with('/')) url += '/';
  url += hugo_language(lang) + "/";
  if (!p.empty()) url += percent_encoded(ascii_lower(p), true) + "/";
  return url;
}

std::string repository_url(const ReportLinks& links, std::string_view path, int line) {
  if (links.repository.empty()) return "";
  return filled(filled(links.repository, "{path}", percent_encoded(path, true)), "{line}", std::to_string(line));
}

std::string weblate_url(const ReportLinks& links, std::string_view lang, std::string_view domain,
                        std::string_view msgid, std::string_view msgctxt) {
  if (links.weblate.empty()) return "";
  // Weblate's id of a message of a bilingual file: SipHash-2-4 of its
  // source then its context, keyed "Weblate Sip Hash", in hex.
  std::string data(msgid);
  data += msgctxt;
  char hex[17];
  std::snprintf(hex, sizeof hex, "%llx", static_cast<unsigned long long>(siphash24("Weblate Sip Hash", data)));
  std::string url = filled(links.weblate, "{lang}", percent_encoded(lang, false));
  url = filled(url, "{domain}", percent_encoded(domain, false));
  return filled(url, "{checksum}", hex);
}

}  // namespace l10n
