// Where a finding is on the web: the page on the site, the PO entry in the
// repository's web view, the unit in Weblate. What the templates of
// `[report]` in l10n.toml become for one finding; an empty result is no link.
#pragma once

#include <string>
#include <string_view>

#include "site/config.h"

namespace l10n {

// `[report] baseURL`, else the baseURL of the Hugo site config (hugo.toml,
// config.yaml, config/_default/…), else empty. Only an http(s) address is
// taken: the site config is as untrusted as the pages.
std::string site_base_url(const Config& cfg);

// The address Hugo gives the target page `rel` (a path from the site root)
// of `lang`: its language's folder under `base_url`, then its path with
// .md, index.md and _index.md dropped, lowercased as Hugo does by default.
// Front matter `url` and `slug` are not read: the link is the default one.
std::string page_url(const Config& cfg, std::string_view base_url, std::string_view lang, std::string_view rel);

// `links.repository` for `path` (from the site root) at `line`.
std::string repository_url(const ReportLinks& links, std::string_view path, int line);

// `links.weblate` for a message of the catalog `domain` of `lang`.
std::string weblate_url(const ReportLinks& links, std::string_view lang, std::string_view domain,
                        std::string_view msgid, std::string_view msgctxt);

}  // namespace l10n
