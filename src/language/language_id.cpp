#include "language/language_id.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

// compact_lang_det.h uses FILE without including <cstdio>.
#include <cstdio>
#include <cld2/public/compact_lang_det.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <array>
#include <span>
#include <filesystem>
#include <future>
#include <map>
#include <mutex>
#include <optional>
#include <unordered_map>

#include "base/error.h"
#include "base/source_text.h"
#include "base/files.h"
#include "language/dictionary_image.h"

namespace l10n {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

void blank(std::string& s, std::size_t begin, std::size_t end) {
  for (std::size_t i = begin; i < end && i < s.size(); ++i)
    if (s[i] != '\n') s[i] = ' ';
}

// Masks `open … close` pairs, delimiters included.
void blank_pairs(std::string& s, std::string_view open, std::string_view close) {
  for (std::size_t p = 0; (p = s.find(open, p)) != std::string::npos;) {
    std::size_t e = s.find(close, p + open.size());
    if (e == std::string::npos) break;
    blank(s, p, e + close.size());
    p = e + close.size();
  }
}

void blank_code_spans(std::string& s) {
  for (std::size_t p = 0; (p = s.find('`', p)) != std::string::npos;) {
    std::size_t run = s.find_first_not_of('`', p) - p;
    std::string fence(run, '`');
    std::size_t e = s.find(fence, p + run);
    if (e == std::string::npos) { p += run; continue; }
    blank(s, p, e + run);
    p = e + run;
  }
}

// "](target)" of inline links and images.
void blank_link_targets(std::string& s) {
  for (std::size_t p = 0; (p = s.find("](", p)) != std::string::npos;) {
    int depth = 0;
    std::size_t e = p + 1;
    for (; e < s.size(); ++e) {
      if (s[e] == '(') ++depth;
      else if (s[e] == ')' && --depth == 0) break;
    }
    if (e == s.size()) break;
    blank(s, p, e + 1);
    p = e + 1;
  }
}

void blank_html_tags(std::string& s) {
  for (std::size_t p = 0; (p = s.find('<', p)) != std::string::npos; ++p) {
    if (p + 1 >= s.size()) break;
    char c = s[p + 1];
    if (!(std::isalpha(static_cast<unsigned char>(c)) || c == '/' || c == '!')) continue;
    std::size_t e = s.find('>', p);
    if (e == std::string::npos) break;
    blank(s, p, e + 1);
  }
}

bool is_ascii_alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

// Bytes looked up in a table rather than searched for in a set, which
// costs a call per byte: masking reads every byte of every page.
struct ByteClass {
  bool in[256] = {};
  constexpr explicit ByteClass(std::string_view set) {
    for (char c : set) in[static_cast<unsigned char>(c)] = true;
  }
  constexpr bool operator()(char c) const { return in[static_cast<unsigned char>(c)]; }
};
constexpr ByteClass kTechnical("/\\@=_{}<>~$%0123456789");
constexpr ByteClass kOpening("([{\"'*");
constexpr ByteClass kClosing(")]}\"'*.,;:!?");

// A whitespace-delimited token that is not prose: URLs, paths, e-mail
// addresses, domain names, hashtags, identifiers, numbers.
bool technical_token(std::string_view t) {
  if (t.empty()) return false;
  if (t[0] == '#' || t[0] == '@') return true;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (kTechnical(t[i])) return true;
    bool inner = i > 0 && i + 1 < t.size();
    if (t[i] == ':' && i + 1 < t.size() && t[i + 1] == ':') return true;
    if (inner && (t[i] == '.' || t[i] == ':') && is_ascii_alnum(t[i - 1]) && is_ascii_alnum(t[i + 1])) return true;
  }
  return false;
}

void blank_technical_tokens(std::string& s) {
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && is_space(s[i])) ++i;
    std::size_t b = i;
    while (i < s.size() && !is_space(s[i])) ++i;
    std::size_t e = i;
    // Sentence punctuation and brackets around a token are not part of it.
    while (b < e && kOpening(s[b])) ++b;
    while (e > b && kClosing(s[e - 1])) --e;
    if (technical_token(std::string_view(s).substr(b, e - b))) blank(s, b, e);
  }
}

// Markdown emphasis and brackets: not words, and "**Note:**" must not hide
// the colon from the sentence splitter.
constexpr ByteClass kMarkers("*[]|\\");

void blank_markers(std::string& s) {
  for (char& c : s)
    if (kMarkers(c)) c = ' ';
}

// --- words ----------------------------------------------------------------

void append_utf8(std::string& out, UChar32 c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
    return;
  }
  char buf[4];
  int32_t n = 0;
  UBool err = false;
  U8_APPEND(buf, n, 4, c, err);
  if (!err) out.append(buf, static_cast<std::size_t>(n));
}

// ASCII, most of any page, without a call into ICU.
UChar32 next_code_point(const uint8_t* p, int32_t& i, int32_t n) {
  if (p[i] < 0x80) return p[i++];
  UChar32 c;
  U8_NEXT(p, i, n, c);
  return c;
}

bool is_letter(UChar32 c) {
  if (c < 0x80) return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
  return u_isalpha(c);
}
bool word_char(UChar32 c) { return is_letter(c) || (c >= 0x80 && (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0); }
bool is_upper(UChar32 c) { return c < 0x80 ? c >= 'A' && c <= 'Z' : u_isupper(c); }
UChar32 to_lower(UChar32 c) { return c < 0x80 ? (c >= 'A' && c <= 'Z' ? c | 0x20 : c) : u_tolower(c); }

// Letter runs, with internal apostrophes and hyphens ("don't", "e-mail").
Words split_words(std::string text) {
  Words out;
  out.text = std::move(text);
  std::string_view s = out.text;
  out.lowered.reserve(s.size());
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  int32_t n = static_cast<int32_t>(s.size());
  int32_t i = 0;
  bool initial = true;
  while (i < n) {
    int32_t start = i;
    UChar32 c = next_code_point(p, i, n);
    if (!is_letter(c)) {
      // A parenthesis opens a clause too: "Jane Doe (Chair)" names a role.
      // The period of an initial ("Robert C. Martin") ends no sentence.
      bool after_initial = c == '.' && !out.list.empty() && out.list.back().end == static_cast<std::size_t>(start) &&
                           out.list.back().end - out.list.back().begin == 1 && out.list.back().capitalised;
      if (((c == '.' && !after_initial) || c == '!' || c == '?' || c == ':' || c == ';' || c == '(')) initial = true;
      continue;
    }
    Word w;
    w.begin = static_cast<std::size_t>(start);
    w.lower_begin = out.lowered.size();
    w.initial = initial;
    w.capitalised = is_upper(c) || (c >= 0x80 && u_istitle(c));
    initial = false;
    int32_t j = start;
    while (j < n) {
      // ASCII letters, most of any word, without decoding them.
      if (p[j] < 0x80 && is_letter(p[j])) {
        char ascii = static_cast<char>(p[j++]);
        if (ascii >= 'A' && ascii <= 'Z') ++w.capitals;
        out.lowered += static_cast<char>(ascii | 0x20);
        continue;
      }
      int32_t k = j;
      UChar32 d = next_code_point(p, k, n);
      if (word_char(d)) {
        if (is_upper(d)) ++w.capitals;
        append_utf8(out.lowered, to_lower(d));
        j = k;
        continue;
      }
      // An apostrophe or hyphen joins two letter runs.
      if ((d == '\'' || d == 0x2019 || d == '-') && k < n) {
        int32_t m = k;
        if (word_char(next_code_point(p, m, n))) {
          append_utf8(out.lowered, d == 0x2019 ? '\'' : d);
          j = k;
          continue;
        }
      }
      break;
    }
    w.end = static_cast<std::size_t>(j);
    w.lower_end = out.lowered.size();
    out.list.push_back(w);
    i = j;
  }
  return out;
}

// --- built-in lists ---------------------------------------------------------

// Function words that belong to one of the two languages only: "of", "in",
// "is", "was", "die", "door", "we", "over" are words in both and left out.
const std::unordered_set<std::string>& english_function_words() {
  static const std::unordered_set<std::string> w = {
      "the", "and", "to", "for", "with", "you", "your", "yours", "this", "that", "these", "those", "it", "its",
      "be", "been", "by", "from", "on", "at", "as", "an", "or", "not", "can", "cannot", "can't", "will", "would",
      "should", "could", "have", "has", "do", "does", "did", "don't", "doesn't", "they", "their", "there",
      "which", "what", "when", "where", "who", "whose", "how", "why", "if", "but", "all", "more", "also", "only",
      "about", "into", "than", "then", "our", "my", "any", "some", "such", "other", "new", "use", "using", "used",
      "please", "here", "each", "were", "just", "get", "make", "see", "may", "must", "yes", "up", "out", "one",
      "first", "after", "before", "between", "through", "while", "because", "without", "within", "us", "them",
      "she", "his", "her", "i", "me", "am", "are", "it's", "you're", "we're", "they're", "i'm", "let", "now",
      "very", "most", "many", "much", "every", "both", "few", "own", "same", "again", "once", "under", "until",
      "whether", "though", "although", "however", "via", "via", "read", "learn", "find", "how", "why",
      "following", "above", "below", "easiest", "various", "related", "general", "need", "want", "like"};
  return w;
}

const std::unordered_set<std::string>& dutch_function_words() {
  static const std::unordered_set<std::string> w = {
      "de", "het", "een", "en", "van", "voor", "met", "zijn", "niet", "dat", "deze", "dit", "wordt", "worden",
      "kunt", "kan", "kunnen", "ook", "naar", "bij", "uit", "aan", "als", "maar", "wat", "wij", "u", "uw", "je",
      "jouw", "jij", "hij", "zij", "ze", "er", "hier", "daar", "nog", "al", "meer", "om", "te", "op", "tot",
      "dan", "toe", "zo", "wel", "geen", "moet", "moeten", "heeft", "hebben", "zal", "zullen", "waar",
      "wanneer", "hoe", "welke", "welk", "onze", "ons", "mijn", "hun", "na", "onder", "tussen", "zonder",
      "tegen", "omdat", "dus", "ik", "mee", "jullie", "iets", "alle", "veel", "andere", "nieuwe", "eerst",
      "sinds", "sommige", "elke", "ieder", "iedere", "zoals", "wil", "willen", "gaat", "gaan", "komt", "staat",
      "vindt", "hebt", "bent", "ben", "waren", "werd", "werden", "heb", "nu", "weer", "echter", "enkele",
      "binnen", "buiten", "boven", "tijdens", "terwijl", "daarom", "zelf", "waarom", "wie", "daarna", "verder",
      "alleen", "altijd", "nooit", "misschien", "hiervoor", "hierin", "hierop", "daarvoor", "daarmee",
      "waarmee", "waarin", "waarop", "zich", "jezelf", "uzelf", "mag", "mogen", "zou", "zouden", "doen", "doet",
      "laat", "laten", "bijvoorbeeld", "zie", "klik", "hierboven", "hieronder", "volgende", "graag", "heel",
      "erg", "zeer", "meest", "minder", "beter", "goed", "goede", "eigen", "ander", "anders", "wij", "zowel",
      "tenzij", "zodat", "indien", "hoewel", "net", "ongeveer", "reeds", "steeds", "opnieuw"};
  return w;
}

// English words normal in Dutch IT text: no evidence either way.
const std::unordered_set<std::string>& loanwords() {
  static const std::unordered_set<std::string> w = {
      "download", "downloads", "downloaden", "software", "hardware", "e-mail", "e-mails", "email", "emails",
      "forum", "forums", "website", "websites", "online", "offline", "browser", "browsers", "login", "account",
      "accounts", "chat", "chats", "app", "apps", "desktop", "desktops", "laptop", "server", "servers", "cloud",
      "link", "links", "update", "updates", "upgrade", "upgrades", "bug", "bugs", "feedback", "support",
      "community", "communities", "team", "teams", "blog", "blogs", "web", "internet", "wiki", "tutorial",
      "tutorials", "plugin", "plugins", "plug-in", "plug-ins", "post", "posts", "posten", "interface", "data",
      "database", "databases", "script", "scripts", "tool", "tools", "homepage", "mail", "mails",
      "mailinglist", "mailinglists", "release", "releases", "stream", "streams", "game", "games",
      "multiplayer", "singleplayer", "source", "open", "code", "computer", "computers", "smartphone", "tablet",
      "backup", "backups", "reset", "cookie", "cookies", "spam", "hashtag", "live", "upload", "uploads",
      "uploaden", "podcast", "video", "videos", "audio", "dashboard", "template", "templates", "layout",
      "layouts", "theme", "themes", "content", "shortcode", "shortcodes", "markdown", "icon", "icons", "header",
      "footer", "menu", "menu's", "tag", "tags", "distro", "distro's", "chatten", "gamer", "gamers", "mod",
      "mods", "client", "clients", "workshop", "workshops", "meetup", "meetups", "newsletter", "screenshot",
      "screenshots", "tip", "tips", "site", "sites", "developer", "developers", "design", "framework",
      "frameworks", "toolkit", "toolbar", "widget", "widgets", "snap", "snaps", "repository", "repositories",
      "commit", "commits", "pull", "request", "requests", "issue", "issues", "release-notes", "campaign",
      "gaming", "patch", "patches", "desktopomgeving", "bookmarks", "bookmark", "feed", "feeds", "startpagina",
      "ok", "cd", "dvd", "computing", "partials", "usb", "pc", "wifi", "wi-fi", "bluetooth", "streaming", "stick", "installer",
      "terminal", "shell", "root", "sudo", "kernel", "driver", "drivers", "file", "files", "thumbnail",
      "thumbnails", "token", "tokens", "cache", "storage", "cookiebanner", "lorem", "ipsum", "emoji", "emojis", "analytics"};
  return w;
}

// Words of lorem ipsum filler that are neither English nor Dutch.
const std::unordered_set<std::string>& latin_filler() {
  static const std::unordered_set<std::string> w = {
      "lorem", "ipsum", "dolor", "amet", "consectetur", "adipiscing", "adipisicing", "elit", "eiusmod",
      "tempor", "incididunt", "labore", "dolore", "magna", "aliqua", "enim", "minim", "veniam", "quis",
      "nostrud", "exercitation", "ullamco", "laboris", "nisi", "aliquip", "commodo", "consequat", "duis",
      "aute", "irure", "reprehenderit", "voluptate", "velit", "esse", "cillum", "fugiat", "nulla", "pariatur",
      "excepteur", "sint", "occaecat", "cupidatat", "proident", "sunt", "culpa", "officia", "deserunt",
      "mollit", "anim", "laborum", "sed", "ut", "et", "ea", "ex", "est", "id", "qui", "non", "do", "ad",
      "sit", "in", "vestibulum", "curabitur", "nunc", "mauris", "vitae", "nec", "eget", "quam", "tellus",
      "pellentesque", "habitant", "morbi", "tristique", "senectus", "netus", "malesuada", "fames", "ac",
      "turpis", "egestas", "donec", "integer", "nam", "libero", "justo", "laoreet", "suspendisse", "potenti",
      "viverra", "maecenas", "accumsan", "lacus", "vel", "facilisis", "volutpat", "aenean", "lectus",
      "phasellus", "sapien", "vivamus", "diam", "purus", "ligula", "ante", "fusce", "erat", "sagittis"};
  return w;
}

// Words of both dictionaries that lean to one language in use: counted in
// Debian's Dutch program translations (English msgids, Dutch msgstrs) by
// tools/langid-devset/lean_words.py, which prints this table.
const char* const kLeaningEnglish =
    "a accelerator accept administrator affect age agreement all ampersand append are area artwork aspect at "
    "attachment back background backing bad bar baseline been beep bevel big bin bind blank blink block blue "
    "body bond boot border box brace break browse building bus but button cancel case cc cent center character "
    "chart check class click close code column combine combo common component compound condition constant "
    "construct content copyright corner corrupt cover crypt curve dark data database date descriptor different "
    "directory disc disk do does dot down download draw drive drop due edit elect elf email embedded end "
    "environment error escape event exit expanded extension extract family far feature few field file finish "
    "first fit fix focus folder font force form format franc full future gap get gothic graphic gray green "
    "grip half halt hard hardware hash have hearing held high home homepage icon image import important "
    "increment indicator insert integer interest invert issue jargon job join jump junk just keep keyboard "
    "keyword large last launch least level light like limit limited link list listing load local lock login "
    "long look loop low made mail mailbox major male manage management manager mark marker master match memory "
    "metadata middle mime minimum minor mismatch mixed mode module more most move multiple music musical must "
    "name network never new no non none nor not notebook odd offer office official offset old on open opening "
    "or order out output overflow pack padding page pager pair paper parallel paranoia parse part pass "
    "password people perform personal pixel placement play player playlist policy power present pressing "
    "preview print produce program prompt proper put query queue quote radio random range ratio reading ready "
    "red remote rendering report respect response right romance room row run running safe save scan scanning "
    "scratch screen screensaver search second secret security select separator set setting sheet short "
    "shortcut show single sir skip sleep small socialist song sound source speaker special speed spin split "
    "spreadsheet square stamp stanza start stat state step stepper stock stop stopping stream stretch string "
    "style subject suffix support swap switch system tablet take tape target temp template the these thread "
    "time to token tool top total track traditional trailer transform trash tray tree trigger try turkey turn "
    "up upgrade upper user username view virtual want western white wide wild win without word wow wrap wrong "
    "yes zero zoom ";
const char* const kLeaningDutch =
    "agenda balk basis breed chili commando dag dank dat datum de defect die district dit door echt elk en "
    "envelop er haar heft hoe hun intern knop kop kroon lade laden lang let mag map marge masker meld met "
    "midden mist moment nee nog nu om op oud ounce over pad patroon pictogram pond punt rand recept rood "
    "rooster stand station taken tel ten tint toe tot trad twee typ van vast veld vol wat zee zit ";

WordSet split_words(const char* list) {
  WordSet out;
  std::string_view s(list);
  for (std::size_t b = 0; b < s.size();) {
    std::size_t e = std::min(s.find(' ', b), s.size());
    if (e > b) out.insert(s.substr(b, e - b));
    b = e + 1;
  }
  return out;
}

const WordSet& leaning_words(std::string_view language) {
  static const WordSet en = split_words(kLeaningEnglish), nl = split_words(kLeaningDutch), none;
  return language == "en" ? en : language == "nl" ? nl : none;
}

const std::unordered_set<std::string>& function_words_for(std::string_view language) {
  static const std::unordered_set<std::string> none;
  if (language == "en") return english_function_words();
  if (language == "nl") return dutch_function_words();
  return none;
}


std::string lowercase(std::string_view s) {
  std::string out;
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  int32_t n = static_cast<int32_t>(s.size()), i = 0;
  while (i < n) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) continue;
    append_utf8(out, u_tolower(c));
  }
  return out;
}

std::string replace_all(std::string s, std::string_view from, std::string_view to) {
  for (std::size_t p = 0; (p = s.find(from, p)) != std::string::npos; p += to.size()) s.replace(p, from.size(), to);
  return s;
}

}  // namespace

std::string mask_non_prose(std::string_view text) {
  std::string s(text);
  blank_pairs(s, "{{<", ">}}");
  blank_pairs(s, "{{%", "%}}");
  blank_code_spans(s);
  blank_link_targets(s);
  blank_html_tags(s);
  blank_technical_tokens(s);
  blank_markers(s);
  return s;
}

// What the word lists say of one lowercased word: looked up once per
// worker's memo (IdentifyMemo, kept from page to page), as has() and
// compound() try several endings and splits.
struct WordFacts {
  bool loanword = false, latin = false, title_small = false;
  bool known_t = false, known_s = false;        // in the dictionary
  bool function_t = false, function_s = false;  // a function word
  bool leans_t = false, leans_s = false;        // in both, but leaning one way
  bool compound_t = false, compound_s = false;  // in neither, but a compound
  double orthography_t = 0, orthography_s = 0;
};

void collect_names(std::string_view prose, NameSet& names) { collect_names(words_of(prose, NameSet{}), names); }

void collect_names(const Words& words, NameSet& names) { collect_names(words, {0, words.text.size()}, names); }

void collect_names(const Words& words, Span range, NameSet& names) {
  auto [first, last] = words.within(range);
  for (auto it = first; it != last; ++it)  // the range starts a sentence
    if (it->capitalised && !it->initial && it != first) names.words.insert(words.text_of(*it));
}

void collect_vocabulary(const Words& words, Span range, NameSet& names) {
  auto [first, last] = words.within(range);
  // Identifying asks the vocabulary only of words the target's lists do not
  // know (identify below): the others, most of a page's words, are left out.
  bool looked_up = words.facts_memo && words.facts.size() == words.list.size();
  for (auto it = first; it != last; ++it) {
    if (looked_up) {
      const WordFacts& f = *words.facts[static_cast<std::size_t>(it - words.list.begin())];
      if (f.known_t || f.function_t) continue;
    }
    names.vocabulary.insert(words.lower_of(*it));
  }
}

std::pair<std::vector<Word>::const_iterator, std::vector<Word>::const_iterator> Words::within(Span range) const {
  auto first = std::lower_bound(list.begin(), list.end(), range.begin, [](const Word& w, std::size_t at) { return w.begin < at; });
  auto last = std::lower_bound(first, list.end(), range.end, [](const Word& w, std::size_t at) { return w.end <= at; });
  return {first, last};
}

Words words_of(std::string_view prose, const NameSet& names) { return words_of(std::string(prose), names); }

Words words_of(std::string&& prose, const NameSet& names) {
  std::string text = std::move(prose);
  if (const std::vector<std::string>& phrases = names.all_phrases(); !phrases.empty()) {
    std::string lower = lowercase(text);
    // Byte lengths can differ after lowercasing only outside ASCII; glossary
    // phrases are matched where they do not.
    if (lower.size() == text.size())
      for (const std::string& p : phrases)
        for (std::size_t at = 0; (at = lower.find(p, at)) != std::string::npos; at += p.size()) {
          bool starts = at == 0 || !is_ascii_alnum(lower[at - 1]);
          bool ends = at + p.size() == lower.size() || !is_ascii_alnum(lower[at + p.size()]);
          if (starts && ends) blank(text, at, at + p.size());
        }
  }
  return split_words(std::move(text));
}

bool WordList::has(std::string_view w) const {
  if (words.count(w)) return true;
  static const std::array<std::string_view, 8> en = {"'s", "s", "es", "ed", "d", "ing", "ly", "ies"};
  static const std::array<std::string_view, 9> nl = {"'s", "s", "en", "e", "te", "ten", "de", "den", "t"};
  auto try_endings = [&](auto& endings) {
    for (std::string_view e : endings)
      if (w.size() > e.size() + 2 && w.ends_with(e) && words.count(w.substr(0, w.size() - e.size()))) return true;
    return false;
  };
  if (language == "en") {
    if (try_endings(en)) return true;
    if (w.ends_with("ies") && w.size() > 5 && words.count(std::string(w.substr(0, w.size() - 3)) + "y")) return true;
    // "pricing", "priced" -> "price"; "running" -> "run".
    for (std::string_view ending : {"ing", "ed"}) {
      if (!w.ends_with(ending) || w.size() < ending.size() + 3) continue;
      std::string_view stem = w.substr(0, w.size() - ending.size());
      if (words.count(std::string(stem) + "e")) return true;
      if (stem.size() >= 3 && stem.back() == stem[stem.size() - 2] && words.count(stem.substr(0, stem.size() - 1)))
        return true;
    }
    return false;
  }
  if (language == "nl") {
    if (try_endings(nl)) return true;
    // "vragen" -> "vraag", "herbruikbare" -> "herbruikbaar": a doubled vowel
    // is written single before -e, -en, -er; "lijsten" -> "lijst" too.
    for (std::string_view ending : {"en", "e", "er", "ere"}) {
      if (!w.ends_with(ending) || w.size() < ending.size() + 4) continue;
      std::string_view stem = w.substr(0, w.size() - ending.size());
      char v = stem[stem.size() - 2];
      if (std::string_view("aeou").find(v) != std::string_view::npos) {
        std::string doubled = std::string(stem.substr(0, stem.size() - 1)) + v + stem.back();
        if (words.count(doubled)) return true;
      }
      if (stem.back() == stem[stem.size() - 2] && words.count(stem.substr(0, stem.size() - 1))) return true;
    }
    return false;
  }
  return try_endings(en) || try_endings(nl);
}

bool WordList::compound(std::string_view word) const {
  if (word.size() < 8) return false;
  for (std::size_t i = 4; i + 4 <= word.size(); ++i) {
    std::string_view head = word.substr(0, i);
    bool head_ok = words.count(head) || (head.size() > 4 && (head.back() == 's' || head.back() == 'e') &&
                                         words.count(head.substr(0, head.size() - 1)));
    if (head_ok && has(word.substr(i))) return true;
  }
  return false;
}

bool WordList::leans(std::string_view w) const {
  if (!leaning || leaning->size() == 0) return false;
  if (leaning->count(w)) return true;
  for (std::string_view e : {"s", "es", "en", "'s"})
    if (w.size() > e.size() + 2 && w.ends_with(e) && leaning->count(w.substr(0, w.size() - e.size()))) return true;
  return false;
}

namespace {

// The words of a hunspell .dic file: the first line is the count, then one
// word a line with "/FLAGS" after it. Read in one go and lowercased in
// place: this runs at every start and the Dutch file has 180,000 lines.
constexpr ByteClass kWordEnd("/\t\r");

}  // namespace

WordSet read_dictionary_words(const std::string& path) {
  std::string text = read_file(path, path);
  if (text.size() >= UINT32_MAX / 2) throw Error(path, 0, 0, "a dictionary of 2 GB or more is not read");
  // The lowercased words end to end, kept as the word set's store.
  // Written by index: lowercasing ASCII never makes a word longer.
  std::string lowered(text.size(), '\0');
  std::size_t n = 0;
  std::vector<WordSet::At> spans;
  spans.reserve(text.size() / 8);
  const char* p = static_cast<const char*>(std::memchr(text.data(), '\n', text.size()));
  const char* const end = text.data() + text.size();
  while (p && ++p < end) {
    const char* line = p;
    p = static_cast<const char*>(std::memchr(line, '\n', static_cast<std::size_t>(end - line)));
    const char* eol = p ? p : end;
    // Proper nouns ("Taal", "Google") are names, not words of the language.
    if (line < eol && *line >= 'A' && *line <= 'Z') continue;
    // The word, lowercased as it is copied; it ends at its flags.
    std::size_t from = n;
    bool ascii = true;
    const char* w = line;
    for (; w < eol && !kWordEnd(*w); ++w) {
      char c = *w;
      ascii &= static_cast<unsigned char>(c) < 0x80;
      lowered[n++] = c >= 'A' && c <= 'Z' ? static_cast<char>(c | 0x20) : c;
    }
    for (; w > line && w[-1] == ' '; --w) --n;
    std::string_view word(line, static_cast<std::size_t>(w - line));
    if (word.empty() || word.back() == '-') {
      n = from;
      continue;
    }
    if (!ascii) {
      // The Dutch dictionary spells "ij" as the ligature U+0133.
      std::string l = replace_all(lowercase(word), "\xC4\xB3", "ij");
      // Room for it and for every byte still to come.
      std::size_t room = from + l.size() + static_cast<std::size_t>(end - eol);
      if (room > lowered.size()) lowered.resize(room);
      std::memcpy(lowered.data() + from, l.data(), l.size());
      n = from + l.size();
    }
    spans.push_back({static_cast<std::uint32_t>(from), static_cast<std::uint32_t>(n - from)});
  }
  text = std::string();  // the file, before the set is built
  lowered.resize(n);
  return WordSet::adopt(std::move(lowered), spans);
}

std::string dictionary_file(const std::string& language, const std::string& dict_dir) {
  namespace fs = std::filesystem;
  std::string exact = dict_dir + "/" + language + ".dic";
  if (fs::exists(exact)) return exact;
  std::error_code ec;
  std::vector<std::string> candidates;
  for (const auto& e : fs::directory_iterator(dict_dir, ec)) {
    std::string name = e.path().filename().string();
    if (name.starts_with(language + "_") && name.ends_with(".dic")) candidates.push_back(e.path().string());
  }
  std::sort(candidates.begin(), candidates.end());
  // en_US before en_AU and the like: the first sorted name is arbitrary, so
  // prefer the country code that repeats the language ("nl_NL") or US.
  for (const auto& c : candidates)
    if (c.ends_with("_US.dic") || c.ends_with("_" + std::string(1, static_cast<char>(std::toupper(language[0]))) +
                                                     static_cast<char>(std::toupper(language[1])) + ".dic"))
      return c;
  return candidates.empty() ? "" : candidates.front();
}

namespace {

// The set the program carries for this file (dictionary_image.h), or the
// file read.
WordSet dictionary_words(const std::string& path) {
  if (std::string_view image = embedded_dictionary_image(); !image.empty())
    if (std::optional<WordSet> set = word_set_in_image(image, dictionary_key(path))) return std::move(*set);
  return read_dictionary_words(path);
}

}  // namespace

std::shared_ptr<const WordList> load_word_list(const std::string& language, const std::string& dict_dir) {
  // Every identifier of a run shares the lists; the first caller reads one,
  // later callers wait for it, and two languages load at the same time.
  static std::mutex mutex;
  static std::map<std::string, std::shared_future<std::shared_ptr<const WordList>>> cache;
  std::promise<std::shared_ptr<const WordList>> promise;
  std::shared_future<std::shared_ptr<const WordList>> future;
  bool mine = false;
  {
    std::lock_guard lock(mutex);
    auto [it, inserted] = cache.try_emplace(dict_dir + "\n" + language);
    if (inserted) it->second = promise.get_future().share();
    future = it->second;
    mine = inserted;
  }
  if (mine) {
    try {
      std::shared_ptr<WordList> list;
      if (std::string path = dictionary_file(language, dict_dir); !path.empty()) {
        list = std::make_shared<WordList>();
        list->language = language;
        list->words = dictionary_words(path);
        list->function_words = function_words_for(language);
        list->leaning = &leaning_words(language);
      }
      promise.set_value(std::move(list));
    } catch (...) {
      promise.set_exception(std::current_exception());
    }
  }
  return future.get();
}

LanguageIdentifier::LanguageIdentifier(std::string target, std::string source, const std::string& dict_dir)
    : target_(std::move(target)), source_(std::move(source)) {
  auto source_words = std::async(std::launch::async, [&] { return load_word_list(source_, dict_dir); });
  target_words_ = load_word_list(target_, dict_dir);
  source_words_ = source_words.get();
}

namespace {

// Spelling that, in a word neither dictionary knows, leans one way.
double orthography(std::string_view w, std::string_view language) {
  auto has = [&](std::string_view s) { return w.find(s) != std::string_view::npos; };
  if (language == "nl")
    return (has("ij") || has("aa") || has("uu") || has("oe") || w.ends_with("heid") || w.ends_with("lijk") ||
            w.ends_with("tje") || w.ends_with("isch") || has("sch"))
               ? 0.5
               : 0;
  if (language == "en")
    return (has("th") || has("ck") || w.ends_with("tion") || w.ends_with("ness") || w.ends_with("ly") ||
            has("wh") || w.ends_with("ough"))
               ? 0.5
               : 0;
  return 0;
}

struct Cld2Result {
  std::string language;
  int percent = 0;
  bool reliable = false;
};

Cld2Result cld2_identify(const std::string& text) {
  CLD2::Language lang3[3];
  int percent3[3];
  int text_bytes = 0;
  bool reliable = false;
  CLD2::Language lang = CLD2::DetectLanguageSummary(text.data(), static_cast<int>(text.size()), true, lang3,
                                                    percent3, &text_bytes, &reliable);
  Cld2Result r;
  if (lang == CLD2::UNKNOWN_LANGUAGE) return r;
  r.language = CLD2::LanguageCode(lang);
  r.percent = percent3[0];
  r.reliable = reliable;
  return r;
}

// Languages CLD2 confuses Dutch with on short text; not "another language".
bool close_to(std::string_view a, std::string_view b) {
  auto pair = [&](std::string_view x, std::string_view y) { return (a == x && b == y) || (a == y && b == x); };
  return a == b || pair("nl", "af") || pair("nl", "fy") || pair("nl", "li") || pair("de", "lb");
}

// The memo's maps hash words as word sets do.
struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return static_cast<std::size_t>(WordSet::hash(s)); }
};

}  // namespace

struct IdentifyMemo::Impl {
  std::unordered_map<std::string, WordFacts, StringHash, std::equal_to<>> words;
  std::unordered_map<std::string, Cld2Result, StringHash, std::equal_to<>> cld2;
};

IdentifyMemo::IdentifyMemo() : impl_(std::make_unique<Impl>()) {}
IdentifyMemo::~IdentifyMemo() = default;
void IdentifyMemo::forget_texts() { impl_->cld2.clear(); }

namespace {

// In running text a capital inside a sentence marks a name; in a Title Case
// heading it marks nothing. These words stay small in Title Case.
bool title_small_word(std::string_view w) {
  static constexpr std::string_view small[] = {"a",  "an", "the", "of", "and", "or", "for", "to", "in", "on", "at",
                                               "with", "by", "de", "het", "een", "en", "van", "voor", "met", "op"};
  return std::find(std::begin(small), std::end(small), w) != std::end(small);
}

// Products every IT text names; a page's own names come from the glossary
// and from its running text.
bool product_name(std::string_view w) {
  static constexpr std::string_view products[] = {
      "Windows", "Linux", "Android", "Chrome", "Chromium", "Firefox", "Safari", "Edge", "Explorer", "Opera",
      "Steam", "Discord", "Telegram", "Facebook", "Twitter", "YouTube", "Mastodon", "Reddit", "Ubuntu", "Debian",
      "Matrix", "Element", "Signal", "Office", "Outlook", "Teams"};
  return std::find(std::begin(products), std::end(products), w) != std::end(products);
}

}  // namespace

const WordFacts& LanguageIdentifier::facts(std::string_view lower, IdentifyMemo& memo) const {
  auto& cache = memo.impl_->words;
  if (auto it = cache.find(lower); it != cache.end()) return it->second;
  const WordList* tw = target_words_.get();
  const WordList* sw = source_words_.get();
  std::string key(lower);
  WordFacts f;
  f.loanword = loanwords().count(key) > 0;
  f.latin = latin_filler().count(key) && key.size() > 3 && !f.loanword;
  f.title_small = title_small_word(key);
  f.known_t = tw && tw->has(key);
  f.known_s = sw && sw->has(key);
  f.function_t = tw && tw->function_words.count(key);
  f.function_s = sw && sw->function_words.count(key);
  if (f.known_t && f.known_s) {
    f.leans_t = tw->leans(key);
    f.leans_s = sw->leans(key);
  } else if (!f.known_t && !f.known_s) {
    f.compound_t = tw && tw->compound(key);
    f.compound_s = sw && sw->compound(key);
    f.orthography_t = orthography(key, target_);
    f.orthography_s = orthography(key, source_);
  }
  return cache.emplace(std::move(key), f).first->second;
}

Identification LanguageIdentifier::identify(std::string_view prose, const NameSet& names, IdentifyMemo* memo) const {
  Words words = words_of(prose, names);
  return identify(words, {0, words.text.size()}, names, memo, Depth::full);
}

Identification LanguageIdentifier::identify(const Words& words, Span range, const NameSet& names,
                                            IdentifyMemo* memo) const {
  return identify(words, range, names, memo, Depth::full);
}

Identification LanguageIdentifier::identify_by_word_lists(const Words& words, Span range, const NameSet& names,
                                                          IdentifyMemo* memo) const {
  return identify(words, range, names, memo, has_word_lists() ? Depth::word_lists : Depth::full);
}

bool LanguageIdentifier::has_evidence(const Words& words, Span range, const NameSet& names, IdentifyMemo* memo) const {
  return identify(words, range, names, memo, Depth::any).words > 0;
}

void LanguageIdentifier::look_up(Words& words, IdentifyMemo& memo) const {
  words.facts.clear();
  words.facts.reserve(words.list.size());
  for (const Word& w : words.list) words.facts.push_back(&facts(words.lower_of(w), memo));
  words.facts_memo = &memo;
}

Identification LanguageIdentifier::identify(const Words& all, Span range, const NameSet& names, IdentifyMemo* memo,
                                            Depth depth) const {
  // A memo of its own only for a caller without one: it costs allocations.
  std::optional<IdentifyMemo> local;
  IdentifyMemo& m = memo ? *memo : local.emplace();
  auto [first, last] = all.within(range);
  std::span<const Word> list(first, last);
  std::vector<const WordFacts*> looked_up;
  std::span<const WordFacts* const> facts_of;
  if (all.facts_memo == &m) {
    facts_of = std::span<const WordFacts* const>(all.facts).subspan(static_cast<std::size_t>(first - all.list.begin()),
                                                                      list.size());
  } else {
    looked_up.reserve(list.size());
    for (const Word& w : list) looked_up.push_back(&facts(all.lower_of(w), m));
    facts_of = looked_up;
  }
  int latin = 0, lower_words = 0;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const Word& w = list[i];
    const WordFacts& f = *facts_of[i];
    latin += f.latin;
    lower_words += !w.capitalised && !f.title_small;
  }
  Identification id;
  if (latin >= 2) return id;  // lorem ipsum

  bool title_case = lower_words == 0;
  enum class Role { none, name, evidence };
  auto role = [&](std::size_t i) {
    const Word& w = list[i];
    bool initial = i == 0 || w.initial;  // the range starts a sentence
    const WordFacts& f = *facts_of[i];
    if (f.loanword) return Role::none;
    std::string_view as_written = all.text_of(w);
    if (names.contains(as_written) || w.capitals >= 2 || (w.capitalised && product_name(as_written)) ||
        (w.capitalised && !initial && (!title_case || (!f.known_t && !f.known_s))))
      return Role::name;
    // After the names: "OpenGL" in the page's Dutch sentences is still a
    // name. The page's own words stay evidence for its language.
    if (!f.known_t && !f.function_t && names.in_vocabulary(all.lower_of(w))) return Role::none;
    return Role::evidence;
  };
  double t_score = 0, s_score = 0;
  int target_function_words = 0;
  for (std::size_t i = 0; i < list.size(); ++i) {
    Role r = role(i);
    id.names += r == Role::name;
    if (r != Role::evidence) continue;
    const WordFacts& f = *facts_of[i];
    ++id.words;
    if (depth == Depth::any) return id;
    target_function_words += f.function_t;
    if (f.function_t && !f.function_s) t_score += 2;
    else if (f.function_s && !f.function_t) s_score += 2;
    else if (f.known_t && !f.known_s) t_score += 1;
    else if (f.known_s && !f.known_t) s_score += 1;
    else if (f.known_t && f.known_s) {
      if (f.leans_t) t_score += 1;
      else if (f.leans_s) s_score += 1;
    } else {
      if (f.compound_t != f.compound_s) (f.compound_t ? t_score : s_score) += 1;
      t_score += f.orthography_t;
      s_score += f.orthography_s;
    }
  }
  if (id.words == 0) return id;

  // Word lists: in (-1, 1), positive for the source language.
  double score = (s_score - t_score) / (s_score + t_score + 1.0);
  Cld2Result cld;
  // On sixteen words and more that lean clearly one way CLD2 never changed
  // the outcome on the pages measured (docs/check-evaluation.md), and such
  // text is most of the bytes it would read. Text with few of the target's
  // function words still goes to CLD2: it may be a third language.
  // Nor where CLD2 could not make the text the source language or a third
  // one: what it would add is only how sure the target language is.
  constexpr double kThreshold = 0.35;
  bool third_possible = id.words >= 6 && target_function_words * 5 < id.words;
  double most_cld2_adds = id.words < 4 ? 0.3 : 0.6;
  bool decided = depth == Depth::word_lists ||
                 (has_word_lists() && !third_possible &&
                  ((id.words >= 16 && std::abs(score) >= 0.5) || score + most_cld2_adds <= kThreshold));
  if (!decided) {
    // CLD2 marks short text it recognises as reliable; below four words its
    // unreliable guesses are noise.
    // The evidence words as written, for CLD2: only text that reaches it.
    std::string clean;
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (role(i) != Role::evidence) continue;
      if (!clean.empty()) clean += ' ';
      clean += all.text_of(list[i]);
    }
    auto& cache = m.impl_->cld2;
    if (auto it = cache.find(clean); it != cache.end()) cld = it->second;
    else cld = cache.emplace(clean, cld2_identify(clean)).first->second;
    // Function words outweigh CLD2 when both are at hand: Dutch IT text
    // full of English terms still has Dutch grammar words.
    double weight = cld.percent / 100.0 * (has_word_lists() ? 0.6 : 1.0);
    if (id.words < 4 && has_word_lists()) weight *= cld.reliable ? 0.5 : 0.0;
    else if (!cld.reliable) weight *= 0.5;
    if (cld.language == source_) score += weight;
    else if (close_to(cld.language, target_)) score -= weight;
  }
  id.lean = score;
  if (score > kThreshold) {
    id.language = source_;
    id.confidence = std::min(1.0, 0.5 + score / 2);
  } else if (score < -kThreshold) {
    id.language = target_;
    id.confidence = std::min(1.0, 0.5 - score / 2);
  }
  // A third language: CLD2 is sure, and the target's grammar words, a third
  // or more of the words of real target text, are nearly absent.
  if (!cld.language.empty() && !close_to(cld.language, target_) && cld.language != source_ && cld.reliable &&
      cld.percent >= 80 && id.words >= 6 && target_function_words * 5 < id.words) {
    id.language = cld.language;
    id.confidence = cld.percent / 100.0 * 0.8;
  }
  return id;
}

}  // namespace l10n
