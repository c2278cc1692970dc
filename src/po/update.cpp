#include "po/update.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <optional>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include "base/ascii.h"
#include "base/error.h"
#include "base/tr.h"
#include "base/parallel.h"
#include "base/source_text.h"
#include "base/files.h"
#include "base/key_index.h"
#include "po/fuzzy.h"

namespace l10n {

namespace {

// ---------------------------------------------------------------------------
// Merging one message, as msgmerge's message_merge does.

bool has_translation(const Message& m) { return !m.msgstr.empty() && !m.msgstr[0].empty(); }

// Exact matches are made in slices of this many messages on every core.
constexpr std::size_t kUpdateSlice = 4096;
// Fuzzy searches, some a thousand times dearer than others, in small slices
// so that the cores finish together.
constexpr std::size_t kFuzzySlice = 8;

// The template's side of a message, copied from it, or taken (`Ref` a
// Message&&) when the template is let go after this update.
template <class Ref>
Message untranslated(Ref&& ref, std::size_t nplurals) {
  Message r;
  r.msgctxt = std::forward<Ref>(ref).msgctxt;
  r.msgid = std::forward<Ref>(ref).msgid;
  r.extracted_comments = std::forward<Ref>(ref).extracted_comments;
  r.references = std::forward<Ref>(ref).references;
  if (const MessageExtras& x = ref.extras(); x.msgid_plural || !x.flags.empty()) {
    MessageExtras& e = r.edit_extras();
    e.msgid_plural = x.msgid_plural;
    e.flags = x.flags;
  }
  r.msgstr.assign(r.extras().msgid_plural ? nplurals : 1, "");
  return r;
}

template <class Ref>
Message merge_message(const Message& def, Ref&& ref, bool force_fuzzy, std::size_t nplurals) {
  // What describes the source comes from the template, what describes the
  // translation from the old catalog.
  Message r = untranslated(std::forward<Ref>(ref), nplurals);
  const MessageExtras& d = def.extras();
  if (!d.translator_comments.empty()) r.edit_extras().translator_comments = d.translator_comments;

  const std::string& first = def.msgstr.empty() ? std::string() : def.msgstr[0];
  const bool plural = r.extras().msgid_plural.has_value();
  const bool plural_changed = plural != d.msgid_plural.has_value();
  if (plural && !d.msgid_plural) r.msgstr.assign(nplurals, first);
  else if (!plural && d.msgid_plural) r.msgstr = {first};
  else r.msgstr = def.msgstr.empty() ? std::vector<std::string>{""} : def.msgstr;

  r.fuzzy = has_translation(r) && (def.fuzzy || force_fuzzy || plural_changed);
  if (r.fuzzy) {
    // An entry that was fuzzy already keeps its previous msgid (or its lack
    // of one): that is the text its translation was made for.
    if (def.fuzzy) {
      if (d.prev_msgctxt || d.prev_msgid || d.prev_msgid_plural) {
        MessageExtras& e = r.edit_extras();
        e.prev_msgctxt = d.prev_msgctxt;
        e.prev_msgid = d.prev_msgid;
        e.prev_msgid_plural = d.prev_msgid_plural;
      }
    } else if (force_fuzzy || plural_changed) {
      MessageExtras& e = r.edit_extras();
      e.prev_msgctxt = def.msgctxt;
      e.prev_msgid = def.msgid;
      e.prev_msgid_plural = d.msgid_plural;
    }
  }
  return r;
}

std::size_t nplurals_of(const Catalog& cat) {
  auto pf = cat.header_field("Plural-Forms");
  if (!pf) return 2;
  std::size_t p = pf->find("nplurals=");
  if (p == std::string::npos) return 2;
  int n = std::atoi(pf->c_str() + p + 9);
  return n >= 1 && n <= 16 ? static_cast<std::size_t>(n) : 2;
}

// The header as msgmerge's message_merge rewrites it: the old header's
// fields, the ten it knows in gettext's order (whatever the case of their
// names, a repeated one counting once, with its last value), then the others
// in their order; Report-Msgid-Bugs-To and POT-Creation-Date from the
// template. `language` fills a missing or empty Language (msgmerge's --lang).
class HeaderFields {
 public:
  explicit HeaderFields(std::string_view header) {
    for (std::size_t pos = 0; pos < header.size();) {
      std::size_t eol = header.find('\n', pos);
      std::size_t end = eol == std::string_view::npos ? header.size() : eol + 1;
      std::string line(header.substr(pos, end - pos));
      if (line.back() != '\n') line += '\n';
      if (auto k = known(line)) values_[*k] = line.substr(kKnown[*k].size());
      else others_ += line;
      pos = end;
    }
  }

  // From the template: msgmerge looks for the name anywhere in its header.
  void take_from(std::string_view pot_header, std::size_t field) {
    std::size_t at = pot_header.find(kKnown[field]);
    if (at == std::string_view::npos) return;
    at += kKnown[field].size();
    std::size_t eol = pot_header.find('\n', at);
    values_[field] = std::string(pot_header.substr(at, eol == std::string_view::npos ? eol : eol - at + 1));
    if (values_[field]->back() != '\n') *values_[field] += '\n';
  }

  void fill_language(std::string_view language) {
    auto& v = values_[kLanguage];
    const bool empty = !v || v->find_first_not_of(" \t\n") == std::string::npos;
    if (empty && !language.empty()) {
      v.emplace(" ");
      v->append(language).append("\n");
    }
  }

  std::string text() const {
    std::string out;
    for (std::size_t k = 0; k < kKnown.size(); ++k)
      if (values_[k]) out += std::string(kKnown[k]) + *values_[k];
    return out + others_;
  }

  static constexpr std::size_t kReportMsgidBugsTo = 1, kPotCreationDate = 2, kLanguage = 6;

 private:
  static constexpr std::array<std::string_view, 10> kKnown = {
      "Project-Id-Version:", "Report-Msgid-Bugs-To:", "POT-Creation-Date:", "PO-Revision-Date:",
      "Last-Translator:",    "Language-Team:",        "Language:",          "MIME-Version:",
      "Content-Type:",       "Content-Transfer-Encoding:"};

  static std::optional<std::size_t> known(std::string_view line) {
    for (std::size_t k = 0; k < kKnown.size(); ++k)
      if (line.size() >= kKnown[k].size() &&
          std::equal(kKnown[k].begin(), kKnown[k].end(), line.begin(),
                     [](char a, char b) { return ascii_lower(a) == ascii_lower(b); }))
        return k;
    return std::nullopt;
  }

  std::array<std::optional<std::string>, 10> values_;
  std::string others_;
};

void merge_header(const Catalog& old_po, const Catalog& pot, const UpdateOptions& opt, Catalog& out) {
  const bool old_has_header = !old_po.header.empty();
  const Catalog& base = old_has_header ? old_po : pot;
  out.header = base.header;
  out.header_comments = base.header_comments;
  out.header_fuzzy = base.header_fuzzy;
  if (old_has_header) {
    HeaderFields fields(old_po.header);
    const std::string as_before = fields.text();
    fields.take_from(pot.header, HeaderFields::kReportMsgidBugsTo);
    fields.take_from(pot.header, HeaderFields::kPotCreationDate);
    fields.fill_language(opt.language);
    // A header whose fields did not change keeps its order (Weblate's, say),
    // as the entries a run does not change keep their bytes (po/keep.h).
    if (fields.text() != as_before) out.header = fields.text();
  } else if (auto lang = out.header_field("Language"); (!lang || lang->empty()) && !opt.language.empty()) {
    // No old header: msgmerge copies the template's; we name the language.
    out.set_header_field("Language", opt.language);
  }

  auto lang = out.header_field("Language");
  auto plural = out.header_field("Plural-Forms");
  if ((!plural || plural->find("INTEGER") != std::string::npos) && lang && !lang->empty())
    out.set_header_field("Plural-Forms", plural_forms_for(*lang));
}

// Changed msgids: each takes the closest translated message of the old
// catalog (its file order is msgmerge's candidate order), or else of the
// other catalogs, which win only with a strictly higher goal, as
// msgmerge's compendia do. The searches are independent: they run on every
// core, each writing only its own result, so the output does not depend on
// the number of threads.
void fuzzy_matches(const Catalog& old_po, const std::vector<const Catalog*>& others, const UpdateOptions& opt,
                   const std::vector<std::size_t>& pending, std::vector<Message>& out, std::vector<unsigned char>& used,
                   std::size_t nplurals) {
  if (pending.empty()) return;
  std::vector<const Message*> own, foreign;
  std::unordered_map<const Message*, std::size_t> old_index;
  for (std::size_t i = 0; i < old_po.messages.size(); ++i)
    if (has_translation(old_po.messages[i])) {
      old_index.emplace(&old_po.messages[i], i);
      own.push_back(&old_po.messages[i]);
    }
  for (const Catalog* other : others)
    for (const Message& m : other->messages)
      if (has_translation(m)) foreign.push_back(&m);
  const FuzzyIndex own_index(std::move(own));
  const FuzzyIndex foreign_index(std::move(foreign));

  std::vector<const Message*> found(pending.size(), nullptr);
  const std::size_t slices = (pending.size() + kFuzzySlice - 1) / kFuzzySlice;
  parallel_for(slices, opt.jobs, [&](std::size_t slice) {
    for (std::size_t i = slice * kFuzzySlice; i < std::min(pending.size(), (slice + 1) * kFuzzySlice); ++i) {
      const Message& ref = out[pending[i]];
      FuzzyIndex::Match match = own_index.search(ref, opt.fuzzy_threshold);
      found[i] = match.message;
      if (foreign_index.empty()) continue;
      FuzzyIndex::Match other = foreign_index.search(ref, match.message ? match.goal : opt.fuzzy_threshold);
      if (other.message) found[i] = other.message;
    }
  });
  for (std::size_t i = 0; i < pending.size(); ++i) {
    if (!found[i]) continue;
    if (auto it = old_index.find(found[i]); it != old_index.end()) used[it->second] = 1;
    out[pending[i]] = merge_message(*found[i], std::move(out[pending[i]]), true, nplurals);
  }
}

// update_catalog for a template it copies from (`Pot` const Catalog) or
// takes from (Catalog).
template <class Pot>
Catalog update(const Catalog& old_po, Pot& pot, const UpdateOptions& opt,
               const std::vector<const Catalog*>& same_language_others) {
  constexpr bool take = !std::is_const_v<Pot>;
  auto from_template = [](auto& m) -> decltype(auto) {
    if constexpr (take) return std::move(m);
    else return static_cast<const Message&>(m);
  };
  Catalog out;
  merge_header(old_po, pot, opt, out);
  const std::size_t nplurals = nplurals_of(out);

  // The first old message of each key, by the key's number in old_by_key.
  KeyIndex<MessageKey, MessageKeyHash> old_by_key(old_po.messages.size());
  std::vector<std::size_t> old_of_key;
  old_of_key.reserve(old_po.messages.size());
  for (std::size_t i = 0; i < old_po.messages.size(); ++i)
    if (old_by_key.insert(MessageKey(old_po.messages[i])).second) old_of_key.push_back(i);
  std::unordered_map<MessageKey, const Message*, MessageKeyHash> other_by_key;
  for (const Catalog* other : same_language_others)
    for (const Message& m : other->messages)
      if (has_translation(m)) other_by_key.emplace(MessageKey(m), &m);

  // Exact matches are independent of each other. Each template message
  // matches at most one old one, so no two threads mark the same `used` byte.
  std::vector<decltype(&pot.messages[0])> refs;
  if constexpr (take) {
    // Each message is made in the place of the template's whose strings it
    // takes: a second array as long as the template's, beside it, was a
    // tenth of the peak memory of an extract at one language.
    std::erase_if(pot.messages, [](const Message& m) { return m.obsolete; });
    out.messages = std::move(pot.messages);
    refs.reserve(out.messages.size());
    for (auto& ref : out.messages) refs.push_back(&ref);
  } else {
    refs.reserve(pot.messages.size());
    for (auto& ref : pot.messages)
      if (!ref.obsolete) refs.push_back(&ref);
    out.messages.resize(refs.size());
  }
  std::vector<unsigned char> used(old_po.messages.size(), 0);
  std::vector<unsigned char> matched(refs.size(), 0);
  parallel_for((refs.size() + kUpdateSlice - 1) / kUpdateSlice, opt.jobs, [&](std::size_t slice) {
    for (std::size_t i = slice * kUpdateSlice; i < std::min(refs.size(), (slice + 1) * kUpdateSlice); ++i) {
      auto& ref = *refs[i];
      MessageKey key(ref);  // views the template's strings: used before they are taken
      if (auto number = old_by_key.find(key)) {
        const std::size_t old = old_of_key[*number];
        used[old] = 1;
        out.messages[i] = merge_message(old_po.messages[old], from_template(ref), false, nplurals);
        matched[i] = 1;
      } else if (auto ot = other_by_key.find(key); ot != other_by_key.end()) {
        out.messages[i] = merge_message(*ot->second, from_template(ref), false, nplurals);
        matched[i] = 1;
      } else {
        out.messages[i] = untranslated(from_template(ref), nplurals);
      }
    }
  });
  std::vector<std::size_t> pending;  // indexes into out.messages waiting for a fuzzy match
  for (std::size_t i = 0; i < refs.size(); ++i)
    if (!matched[i]) pending.push_back(i);

  fuzzy_matches(old_po, same_language_others, opt, pending, out.messages, used, nplurals);

  if (opt.keep_obsolete) {
    for (std::size_t i = 0; i < old_po.messages.size(); ++i) {
      const Message& def = old_po.messages[i];
      if (used[i] || !has_translation(def)) continue;
      Message r = def;
      r.obsolete = true;
      r.references.clear();
      r.extracted_comments.clear();
      r.line = 0;
      out.messages.push_back(std::move(r));
    }
  }
  return out;
}

}  // namespace

Catalog update_catalog(const Catalog& old_po, const Catalog& pot, const UpdateOptions& opt,
                       const std::vector<const Catalog*>& same_language_others) {
  return update(old_po, pot, opt, same_language_others);
}

Catalog update_catalog(const Catalog& old_po, Catalog&& pot, const UpdateOptions& opt,
                       const std::vector<const Catalog*>& same_language_others) {
  Catalog out = update(old_po, pot, opt, same_language_others);
  pot = Catalog{};
  return out;
}

namespace {

std::string normalized_language(std::string_view lang) {
  std::string out;
  for (char c : lang) out += c == '-' ? '_' : ascii_lower(c);
  return out;
}

// The file line of the header's "Language:" field: the first line that
// starts a string with it, as the header comes first.
int language_line(const std::string& fs_path, const std::string& display_path) {
  std::string text = read_file(fs_path, display_path);
  int line = 1;
  for (std::size_t pos = 0; pos < text.size(); ++line) {
    std::size_t eol = text.find('\n', pos);
    if (eol == std::string::npos) eol = text.size();
    std::string_view l(text.data() + pos, eol - pos);
    if (l.find("\"Language:") != std::string_view::npos) return line;
    pos = eol + 1;
  }
  return 1;
}

}  // namespace

void check_language(const Catalog& po, const std::string& fs_path, const std::string& display_path,
                    std::string_view lang) {
  auto language = po.header_field("Language");
  if (!language || language->empty() || normalized_language(*language) == normalized_language(lang)) return;
  throw Error(display_path, language_line(fs_path, display_path), 0,
              format(tr("the header says Language: %s, but this is the catalog for '%s'"), language->c_str(),
                     std::string(lang).c_str()));
}

namespace {

std::string header_without_creation_date(const Catalog& c) {
  Catalog copy;
  copy.header = c.header;
  copy.set_header_field("POT-Creation-Date", "");
  return copy.header;
}

}  // namespace

bool same_messages(const Catalog& a, const Catalog& b) {
  return a.header_comments == b.header_comments && a.header_fuzzy == b.header_fuzzy &&
         header_without_creation_date(a) == header_without_creation_date(b) &&
         std::equal(a.messages.begin(), a.messages.end(), b.messages.begin(), b.messages.end(), same_content);
}

}  // namespace l10n
