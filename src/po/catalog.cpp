#include "po/catalog.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <map>
#include <new>

namespace l10n {

SharedName::SharedName(std::string_view text) {
  if (text.empty()) return;
  void* at = ::operator new(sizeof(Rep) + text.size());
  rep_ = new (at) Rep{.size = text.size()};
  std::memcpy(static_cast<char*>(at) + sizeof(Rep), text.data(), text.size());
}

void SharedName::release() {
  rep_->~Rep();
  ::operator delete(rep_);
}

bool Message::translated() const {
  return !fuzzy && !msgstr.empty() &&
         std::all_of(msgstr.begin(), msgstr.end(), [](const std::string& s) { return !s.empty(); });
}

const MessageExtras Message::kNoExtras;

bool same_content(const Message& a, const Message& b) {
  return a.msgctxt == b.msgctxt && a.msgid == b.msgid && a.msgstr == b.msgstr &&
         a.extracted_comments == b.extracted_comments && a.references == b.references && a.fuzzy == b.fuzzy &&
         a.obsolete == b.obsolete && a.extras() == b.extras();
}

// ---------------------------------------------------------------------------
// Header fields

namespace {

// The [begin, end) range of the "Name: value\n" line for `name`, or npos.
std::pair<std::size_t, std::size_t> find_header_line(std::string_view header, std::string_view name) {
  std::size_t pos = 0;
  while (pos < header.size()) {
    std::size_t eol = header.find('\n', pos);
    std::size_t end = eol == std::string_view::npos ? header.size() : eol + 1;
    std::string_view line = header.substr(pos, end - pos);
    if (line.size() > name.size() && line.compare(0, name.size(), name) == 0 && line[name.size()] == ':')
      return {pos, end};
    pos = end;
  }
  return {std::string_view::npos, std::string_view::npos};
}

}  // namespace

std::optional<std::string> Catalog::header_field(std::string_view name) const {
  auto [begin, end] = find_header_line(header, name);
  if (begin == std::string::npos) return std::nullopt;
  std::string_view value = std::string_view(header).substr(begin + name.size() + 1, end - begin - name.size() - 1);
  if (!value.empty() && value.back() == '\n') value.remove_suffix(1);
  while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  return std::string(value);
}

void Catalog::set_header_field(std::string_view name, std::string_view value) {
  std::string line = std::string(name) + ": " + std::string(value) + "\n";
  auto [begin, end] = find_header_line(header, name);
  if (begin != std::string::npos) {
    header.replace(begin, end - begin, line);
  } else {
    if (!header.empty() && header.back() != '\n') header += '\n';
    header += line;
  }
}

// ---------------------------------------------------------------------------
// Plural forms, from gettext's table (gettext-tools/src/plural-table.c).

std::string plural_forms_for(std::string_view lang) {
  static const std::map<std::string_view, std::string_view> table = {
      {"ja", "nplurals=1; plural=0;"},
      {"vi", "nplurals=1; plural=0;"},
      {"ko", "nplurals=1; plural=0;"},
      {"zh", "nplurals=1; plural=0;"},
      {"th", "nplurals=1; plural=0;"},
      {"id", "nplurals=1; plural=0;"},
      {"ms", "nplurals=1; plural=0;"},
      {"tr", "nplurals=2; plural=(n != 1);"},
      {"fa", "nplurals=2; plural=(n > 1);"},
      {"fr", "nplurals=2; plural=(n > 1);"},
      {"pt_BR", "nplurals=2; plural=(n > 1);"},
      {"lv", "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n != 0 ? 1 : 2);"},
      {"ga", "nplurals=3; plural=n==1 ? 0 : n==2 ? 1 : 2;"},
      {"ro", "nplurals=3; plural=n==1 ? 0 : (n==0 || (n%100 > 0 && n%100 < 20)) ? 1 : 2;"},
      {"lt", "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && (n%100<10 || n%100>=20) ? 1 : 2);"},
      {"ru",
       "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"},
      {"uk",
       "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"},
      {"be",
       "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"},
      {"sr",
       "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"},
      {"hr",
       "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"},
      {"cs", "nplurals=3; plural=(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2;"},
      {"sk", "nplurals=3; plural=(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2;"},
      {"pl", "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"},
      {"sl", "nplurals=4; plural=(n%100==1 ? 0 : n%100==2 ? 1 : n%100==3 || n%100==4 ? 2 : 3);"},
      {"ar",
       "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5;"},
  };
  if (auto it = table.find(lang); it != table.end()) return std::string(it->second);
  // "zh_CN", "pt_PT", "de-AT": fall back to the language without the region.
  std::string_view base = lang.substr(0, lang.find_first_of("_-@."));
  if (base != lang)
    if (auto it = table.find(base); it != table.end()) return std::string(it->second);
  return "nplurals=2; plural=(n != 1);";
}

bool has_header(const Catalog& cat) { return !cat.header.empty() || !cat.header_comments.empty() || cat.header_fuzzy; }

std::string_view declared_charset(const Catalog& cat) {
  std::string_view header;
  if (has_header(cat)) {
    header = cat.header;
  } else {
    for (const auto& m : cat.messages)
      if (!m.obsolete && !m.msgctxt && m.msgid.empty()) {
        if (!m.msgstr.empty()) header = m.msgstr[0];
        break;
      }
  }
  std::size_t p = header.find("charset=");
  if (p == std::string_view::npos) return {};
  std::string_view cs = header.substr(p + 8);
  return cs.substr(0, cs.find_first_of(" \t\n"));
}

bool needs_isolates(std::string_view file, bool has_line) {
  // A loop, not find_first_of: that calls memchr once per byte of the name.
  bool blank = std::any_of(file.begin(), file.end(), [](char c) { return c == ' ' || c == '\t'; });
  return blank || (!has_line && file.ends_with('\\'));
}

}  // namespace l10n
