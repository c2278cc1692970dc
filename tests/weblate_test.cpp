// End-to-end: a PO file as Weblate writes it, through translate-toolkit,
// and `l10n extract` after it. Weblate's commits must not be answered by a
// reformatting commit: an entry extract does not change keeps its bytes.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <string>

#include "base/source_text.h"
#include "po/catalog.h"
#include "po/reader.h"
#include "testing.h"

using namespace l10n;
using namespace l10n::testing;
namespace fs = std::filesystem;

namespace {

// Debian's python3-translate is installed for the system Python; the
// python3 on PATH may be another one without it.
const char* const kPython = "/usr/bin/python3";

bool have_translate_toolkit() {
  return run(std::string(kPython) + " -c 'import translate.storage.po' 2>&1").status == 0;
}

// What Weblate does when it commits translations (weblate/trans/models/
// translation.py, update_units; weblate/formats/ttkit.py): load the file
// with translate-toolkit's pofile, set the targets and states of the units
// translators changed, update the header, serialize. Here every untranslated
// unit gets a translation, the translations of texts with a URL, a Markdown
// link or much text are edited, two others are marked "needs editing" and
// fuzzy ones are approved.
// WIDTH is Weblate's "Long lines wrapping" (77, 65535, or -1: none).
const char* const kWeblateCommit = R"PY(
import sys
from translate.storage.po import pofile

path, width = sys.argv[1], int(sys.argv[2])
with open(path, "rb") as handle:
    store = pofile(handle)
store.wrapper.width = width

def approve(unit):
    unit.markfuzzy(False)
    unit.prev_msgid = []
    unit.prev_msgid_plural = []
    unit.prev_msgctxt = []

marked = 0
for unit in store.units:
    if unit.isheader() or unit.isobsolete():
        continue
    source = unit.source
    if not unit.target:
        unit.target = "NL " + source.replace("the ", "de ")
        approve(unit)
    elif "](" in source or "://" in source or len(source) > 160:
        unit.target = unit.target + " Bijgewerkt."
        approve(unit)
    elif unit.isfuzzy():
        approve(unit)
    elif marked < 2 and len(source) > 100:
        unit.markfuzzy(True)
        marked += 1

headers = {
    "add": True,
    "last_translator": "Jan Jansen <jan@example.org>",
    "plural_forms": "nplurals=2; plural=n != 1;",
    "language": "nl",
    "PO_Revision_Date": "2024-06-01 12:00+0000",
    "language_team": "Dutch <https://hosted.weblate.org/projects/l10n-docs/content/nl/>",
    "x_generator": "Weblate 5.7",
}
current = store.parseheader()
if "Content-Type" not in current or "charset=CHARSET" in current["Content-Type"]:
    headers["Content_Type"] = "text/plain; charset=UTF-8"
store.updateheader(**headers)
with open(path, "wb") as handle:
    store.serialize(handle)
)PY";

// The example site with its Dutch catalog, in a temp dir.
void copy_example_site(const fs::path& to) {
  for (const char* item :
       {"content", "config", "i18n", "layouts", "hugo.toml", "l10n.toml", "po/content.pot", "po/nl"}) {
    fs::create_directories((to / item).parent_path());
    fs::copy(source_dir() / item, to / item, fs::copy_options::recursive);
  }
}

void weblate_commit(const TempDir& site, const fs::path& po, int width) {
  std::string script = site.file("weblate_commit.py", kWeblateCommit);
  auto r = run(std::string(kPython) + " " + quote(script) + " " + quote(po.string()) + " " + std::to_string(width) +
               " 2>&1");
  INFO(r.output);
  REQUIRE(r.status == 0);
}

// Each entry's bytes, by its identity ("" is the header).
std::map<std::string, std::string> entry_bytes(const std::string& text,
                                               std::map<std::string, Message>* messages = nullptr) {
  SourceText src("content.po", text);
  EntrySpans spans;
  Catalog cat = parse_po(src, PoContent::Everything, &spans);
  auto bytes = [&](const Span& s) { return std::string(src.bytes().substr(s.begin, s.size())); };
  std::map<std::string, std::string> out;
  if (spans.header) {
    out[""] = bytes(*spans.header);
    // The header as a message of its own, for same_content.
    Message header;
    header.msgstr = {cat.header};
    header.edit_extras().translator_comments = cat.header_comments;
    header.fuzzy = cat.header_fuzzy;
    if (messages) (*messages)[""] = header;
  }
  for (std::size_t i = 0; i < cat.messages.size(); ++i) {
    const Message& m = cat.messages[i];
    std::string key = (m.obsolete ? "~" : "") + m.msgctxt.value_or("") + "\x04" + m.msgid;
    out[key] = bytes(spans.messages[i]);
    if (messages) (*messages)[key] = m;
  }
  return out;
}

// At a given time: a template whose messages change gets that time as its
// POT-Creation-Date, which would not move within one minute.
RunResult extract(const TempDir& site, const std::string& epoch = "1700000000") {
  return run("SOURCE_DATE_EPOCH=" + epoch + " env -u LANGUAGE LC_ALL=C.UTF-8 " + quote(L10N_BINARY) +
             " extract --root " + quote(site.str()));
}

}  // namespace

TEST_CASE("extract after a Weblate commit changes no byte of the PO file", "[e2e][weblate]") {
  if (!have_translate_toolkit()) {
    WARN(std::string(kPython) + " lacks translate-toolkit (Debian: python3-translate): skipped");
    return;
  }
  const int width = GENERATE(77, 65535, -1);
  INFO("Weblate's line wrapping: " << width);
  TempDir site;
  copy_example_site(site.path());
  auto first = extract(site);
  INFO(first.output);
  REQUIRE(first.status == 0);
  const fs::path po = site.path() / "po/nl/content.po";
  weblate_commit(site, po, width);
  const std::string weblate = slurp(po);
  // Not gettext's layout, or the test would prove nothing.
  auto msgcat = run("msgcat " + quote(po.string()));
  REQUIRE(msgcat.status == 0);
  REQUIRE(msgcat.output != weblate);
  REQUIRE(weblate.find("X-Generator: Weblate 5.7") != std::string::npos);

  auto again = extract(site, "1700086400");
  INFO(again.output);
  REQUIRE(again.status == 0);
  CHECK(slurp(po) == weblate);
  CHECK(again.output.find(" 0 files written") != std::string::npos);
  // And what it read is what translate-toolkit wrote.
  Catalog cat = read_po(po.string(), "content.po");
  CHECK(cat.header_field("Last-Translator") == std::optional<std::string>("Jan Jansen <jan@example.org>"));
  for (const Message& m : cat.messages)
    if (!m.obsolete) CHECK(!m.msgstr.at(0).empty());
}

TEST_CASE("a page edited after a Weblate commit: only the entries extract changes are rewritten", "[e2e][weblate]") {
  if (!have_translate_toolkit()) {
    WARN(std::string(kPython) + " lacks translate-toolkit (Debian: python3-translate): skipped");
    return;
  }
  TempDir site;
  copy_example_site(site.path());
  REQUIRE(extract(site).status == 0);
  const fs::path po = site.path() / "po/nl/content.po";
  weblate_commit(site, po, 77);
  const std::string weblate = slurp(po);

  const fs::path page = site.path() / "content/en/reviewers.md";
  std::string text = slurp(page);
  const std::string before = "makes that job shorter", after = "makes that job a lot shorter";
  REQUIRE(text.find(before) != std::string::npos);
  spit(page, text.replace(text.find(before), before.size(), after));
  auto r = extract(site, "1700086400");
  INFO(r.output);
  REQUIRE(r.status == 0);

  const std::string updated = slurp(po);
  auto gettext = run("msgcat " + quote(po.string()));
  REQUIRE(gettext.status == 0);
  std::map<std::string, Message> old_messages, new_messages;
  auto old_entries = entry_bytes(weblate, &old_messages);
  auto new_entries = entry_bytes(updated, &new_messages);
  auto gettext_entries = entry_bytes(gettext.output);
  REQUIRE(new_entries.size() == gettext_entries.size());
  int kept = 0, kept_unlike_gettext = 0, rewritten = 0;
  bool edited_rewritten = false;
  for (const auto& [key, bytes] : new_entries) {
    INFO(bytes);
    auto old = old_messages.find(key);
    const bool unchanged = old != old_messages.end() && same_content(old->second, new_messages[key]);
    if (unchanged) {
      CHECK(bytes == old_entries[key]);
      ++kept;
      kept_unlike_gettext += bytes != gettext_entries[key];
    } else {
      CHECK(bytes == gettext_entries[key]);
      ++rewritten;
      edited_rewritten |= key.find(after) != std::string::npos;
    }
  }
  CHECK(edited_rewritten);
  // The header (a new POT-Creation-Date) and the edited paragraph.
  CHECK(rewritten == 2);
  CHECK(kept > 100);
  CHECK(kept_unlike_gettext > 10);
  // The edited paragraph became a fuzzy translation with its previous msgid.
  auto edited = std::find_if(new_messages.begin(), new_messages.end(),
                             [&](const auto& e) { return e.first.find(after) != std::string::npos; });
  REQUIRE(edited != new_messages.end());
  CHECK(edited->second.fuzzy);
  CHECK(edited->second.extras().prev_msgid.value_or("").find(before) != std::string::npos);

  SECTION("and the run after it changes nothing") {
    REQUIRE(extract(site, "1700172800").status == 0);
    CHECK(slurp(po) == updated);
  }
}
