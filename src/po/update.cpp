#include "po/update.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <unordered_map>
#include <vector>

#include "base/error.h"
#include "base/tr.h"
#include "base/parallel.h"
#include "base/source_text.h"
#include "base/files.h"

namespace l10n {

// ---------------------------------------------------------------------------
// Similarity: gettext's fstrcmp. Both count byte edits (insertions and
// deletions) of a shortest edit script; we find it with Myers' O(ND)
// algorithm and stop as soon as the edit count rules out `lower_bound`.

double similarity(std::string_view a, std::string_view b, double lower_bound) {
  const std::size_t total = a.size() + b.size();
  if (total == 0) return 1.0;
  long max_d = static_cast<long>(total);
  if (lower_bound > 0) max_d = static_cast<long>(std::floor(static_cast<double>(total) * (1.0 - lower_bound) + 1e-9));

  std::size_t pre = 0;
  while (pre < a.size() && pre < b.size() && a[pre] == b[pre]) ++pre;
  std::size_t suf = 0;
  while (suf < a.size() - pre && suf < b.size() - pre && a[a.size() - 1 - suf] == b[b.size() - 1 - suf]) ++suf;
  const std::string_view x = a.substr(pre, a.size() - pre - suf);
  const std::string_view y = b.substr(pre, b.size() - pre - suf);
  const long n = static_cast<long>(x.size()), m = static_cast<long>(y.size());

  // Cheap bounds first: the length difference, then the bytes in common.
  if (std::labs(n - m) > max_d) return 0.0;
  std::array<int, 256> count{};
  for (unsigned char c : x) ++count[c];
  long common = 0;
  for (unsigned char c : y)
    if (count[c] > 0) --count[c], ++common;
  if (n + m - 2 * common > max_d) return 0.0;

  std::vector<long> v(static_cast<std::size_t>(2 * max_d + 3), 0);
  const long off = max_d + 1;
  for (long d = 0; d <= max_d; ++d) {
    for (long k = -d; k <= d; k += 2) {
      long xx = (k == -d || (k != d && v[off + k - 1] < v[off + k + 1])) ? v[off + k + 1] : v[off + k - 1] + 1;
      long yy = xx - k;
      while (xx < n && yy < m && x[xx] == y[yy]) ++xx, ++yy;
      v[off + k] = xx;
      if (xx >= n && yy >= m) return static_cast<double>(total - d) / static_cast<double>(total);
    }
  }
  return 0.0;
}

namespace {

// ---------------------------------------------------------------------------
// The fuzzy index. msgmerge compares a changed msgid with every translated
// old msgid that shares a character 4-gram with it, which for prose is
// nearly all of them. We rank candidates by the rarity of what they share
// (words, plus character trigrams for short msgids, where one edited word is
// a large part of the text), and run the exact similarity only on the best
// few. A one-word edit keeps almost all rare words, so the right candidate
// ranks first; the test suite checks the decisions against msgmerge.

// How hard to look: a short msgid's best match is often not the one sharing
// its rarest word ("Plant 12" vs "plant 7"), so short ones get a wider search.
struct SearchLimits {
  std::size_t max_exact;       // exact similarity on at most this many candidates
  double score_fraction;       // ... that score at least this fraction of the best
  std::size_t posting_budget;  // postings visited per query
};
constexpr std::size_t kShortMsgid = 64;  // msgids up to this long are searched by trigrams too
// ... among candidates up to this long: longer ones cannot reach the threshold.
constexpr std::size_t kLongestTrigramCandidate = 150;
constexpr SearchLimits kLongLimits{8, 0.3, 20000};
constexpr SearchLimits kShortLimits{48, 0.0, 200000};

bool word_byte(unsigned char c) { return c >= 0x80 || std::isalnum(c); }

// Calls f(text, is_trigram) for each feature of `s`, repeats included.
template <class F>
void for_each_feature(std::string_view s, std::size_t trigrams_up_to, F&& f) {
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && !word_byte(static_cast<unsigned char>(s[i]))) ++i;
    std::size_t start = i;
    while (i < s.size() && word_byte(static_cast<unsigned char>(s[i]))) ++i;
    if (i > start) f(s.substr(start, i - start), false);
  }
  if (s.size() <= trigrams_up_to)
    for (std::size_t j = 0; j + 3 <= s.size(); ++j) f(s.substr(j, 3), true);
}

struct FeatureKey {
  std::string_view text;
  bool trigram;
  friend bool operator==(const FeatureKey&, const FeatureKey&) = default;
};
struct FeatureHash {
  std::size_t operator()(const FeatureKey& k) const {
    return std::hash<std::string_view>()(k.text) * 2 + (k.trigram ? 1 : 0);
  }
};

class FuzzyIndex {
 public:
  // Candidates in priority order: on equal similarity the earlier one wins.
  explicit FuzzyIndex(std::vector<const Message*> candidates) : cands_(std::move(candidates)) {
    for (std::size_t c = 0; c < cands_.size(); ++c) {
      for_each_feature(cands_[c]->msgid, kLongestTrigramCandidate, [&](std::string_view t, bool tri) {
        auto [it, inserted] = ids_.try_emplace(FeatureKey{t, tri}, static_cast<int>(postings_.size()));
        if (inserted) postings_.emplace_back();
        auto& list = postings_[static_cast<std::size_t>(it->second)];
        if (list.empty() || list.back() != static_cast<int>(c)) list.push_back(static_cast<int>(c));
      });
    }
    score_.assign(cands_.size(), 0.0);
  }

  // The best candidate for `ref` as msgmerge would weigh it, or nullptr.
  const Message* search(const Message& ref, double threshold) {
    std::vector<int> features;
    for_each_feature(ref.msgid, kShortMsgid, [&](std::string_view t, bool tri) {
      if (auto it = ids_.find(FeatureKey{t, tri}); it != ids_.end()) features.push_back(it->second);
    });
    std::sort(features.begin(), features.end());
    features.erase(std::unique(features.begin(), features.end()), features.end());
    // Rare features first; stop once the common ones would cost too much.
    std::sort(features.begin(), features.end(), [&](int p, int q) {
      return postings_[static_cast<std::size_t>(p)].size() < postings_[static_cast<std::size_t>(q)].size();
    });
    const SearchLimits& limits = ref.msgid.size() <= kShortMsgid ? kShortLimits : kLongLimits;
    std::vector<int> touched;
    std::size_t visited = 0;
    const double n = static_cast<double>(cands_.size());
    for (int f : features) {
      const auto& list = postings_[static_cast<std::size_t>(f)];
      if (visited > 0 && visited + list.size() > limits.posting_budget) break;
      visited += list.size();
      double weight = std::log(1.0 + n / static_cast<double>(list.size()));
      for (int c : list) {
        if (score_[static_cast<std::size_t>(c)] == 0.0) touched.push_back(c);
        score_[static_cast<std::size_t>(c)] += weight;
      }
    }
    auto by_score = [&](int p, int q) {
      double sp = score_[static_cast<std::size_t>(p)], sq = score_[static_cast<std::size_t>(q)];
      return sp != sq ? sp > sq : p < q;
    };
    // Lengths alone bound the similarity: 2 * min / (sum) must reach the threshold.
    const double len = static_cast<double>(ref.msgid.size());
    std::erase_if(touched, [&](int c) {
      double other = static_cast<double>(cands_[static_cast<std::size_t>(c)]->msgid.size());
      bool too_far = 2.0 * std::min(len, other) / (len + other) < threshold - 0.0001;
      if (too_far) score_[static_cast<std::size_t>(c)] = 0.0;
      return too_far;
    });
    std::size_t keep = std::min(limits.max_exact, touched.size());
    std::partial_sort(touched.begin(), touched.begin() + static_cast<std::ptrdiff_t>(keep), touched.end(), by_score);
    std::vector<int> shortlist;
    for (std::size_t i = 0; i < keep; ++i) {
      int c = touched[i];
      if (score_[static_cast<std::size_t>(c)] >= limits.score_fraction * score_[static_cast<std::size_t>(touched[0])])
        shortlist.push_back(c);
    }
    for (int c : touched) score_[static_cast<std::size_t>(c)] = 0.0;

    // msgmerge's fuzzy_search_goal_function: a tiny bonus when the context
    // cannot be wrong, and a strict "better than the best so far" in
    // candidate order. The best-scored candidate goes first: its (usually
    // high) similarity then bounds the others, which makes them cheap.
    int best = -1;
    double best_weight = threshold;
    for (int c : shortlist) {
      const Message* cand = cands_[static_cast<std::size_t>(c)];
      double bonus = (!cand->msgctxt || (ref.msgctxt && *ref.msgctxt == *cand->msgctxt)) ? 0.00001 : 0.0;
      double weight = similarity(ref.msgid, cand->msgid, best_weight - bonus * 1.01);
      if (weight <= 0.0) continue;
      weight += bonus;
      if (weight > best_weight || (best >= 0 && weight == best_weight && c < best)) {
        best_weight = weight;
        best = c;
      }
    }
    return best < 0 ? nullptr : cands_[static_cast<std::size_t>(best)];
  }

 private:
  std::vector<const Message*> cands_;
  std::unordered_map<FeatureKey, int, FeatureHash> ids_;
  std::vector<std::vector<int>> postings_;
  std::vector<double> score_;
};

// ---------------------------------------------------------------------------
// Merging one message, as msgmerge's message_merge does.

bool has_translation(const Message& m) { return !m.msgstr.empty() && !m.msgstr[0].empty(); }

// Exact matches are made in slices of this many messages on every core.
constexpr std::size_t kUpdateSlice = 4096;

Message untranslated(const Message& ref, std::size_t nplurals) {
  Message r;
  r.msgctxt = ref.msgctxt;
  r.msgid = ref.msgid;
  r.msgid_plural = ref.msgid_plural;
  r.extracted_comments = ref.extracted_comments;
  r.references = ref.references;
  r.flags = ref.flags;
  r.msgstr.assign(ref.msgid_plural ? nplurals : 1, "");
  return r;
}

Message merge_message(const Message& def, const Message& ref, bool force_fuzzy, std::size_t nplurals) {
  // What describes the source comes from the template, what describes the
  // translation from the old catalog.
  Message r = untranslated(ref, nplurals);
  r.translator_comments = def.translator_comments;

  const std::string& first = def.msgstr.empty() ? std::string() : def.msgstr[0];
  const bool plural_changed = ref.msgid_plural.has_value() != def.msgid_plural.has_value();
  if (ref.msgid_plural && !def.msgid_plural) r.msgstr.assign(nplurals, first);
  else if (!ref.msgid_plural && def.msgid_plural) r.msgstr = {first};
  else r.msgstr = def.msgstr.empty() ? std::vector<std::string>{""} : def.msgstr;

  r.fuzzy = has_translation(r) && (def.fuzzy || force_fuzzy || plural_changed);
  if (r.fuzzy) {
    // An entry that was fuzzy already keeps its previous msgid (or its lack
    // of one): that is the text its translation was made for.
    if (def.fuzzy) {
      r.prev_msgctxt = def.prev_msgctxt;
      r.prev_msgid = def.prev_msgid;
      r.prev_msgid_plural = def.prev_msgid_plural;
    } else if (force_fuzzy || plural_changed) {
      r.prev_msgctxt = def.msgctxt;
      r.prev_msgid = def.msgid;
      r.prev_msgid_plural = def.msgid_plural;
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

void merge_header(const Catalog& old_po, const Catalog& pot, const UpdateOptions& opt, Catalog& out) {
  const bool old_has_header = !old_po.header.empty();
  const Catalog& base = old_has_header ? old_po : pot;
  out.header = base.header;
  out.header_comments = base.header_comments;
  out.header_fuzzy = base.header_fuzzy;
  // msgmerge takes these two from the template: they describe the sources.
  for (const char* field : {"Report-Msgid-Bugs-To", "POT-Creation-Date"})
    if (auto v = pot.header_field(field)) out.set_header_field(field, *v);

  auto lang = out.header_field("Language");
  if ((!lang || lang->empty()) && !opt.language.empty()) {
    out.set_header_field("Language", opt.language);
    lang = opt.language;
  }
  auto plural = out.header_field("Plural-Forms");
  if ((!plural || plural->find("INTEGER") != std::string::npos) && lang && !lang->empty())
    out.set_header_field("Plural-Forms", plural_forms_for(*lang));
}

}  // namespace

Catalog update_catalog(const Catalog& old_po, const Catalog& pot, const UpdateOptions& opt,
                       const std::vector<const Catalog*>& same_language_others) {
  Catalog out;
  merge_header(old_po, pot, opt, out);
  const std::size_t nplurals = nplurals_of(out);

  std::unordered_map<MessageKey, std::size_t, MessageKeyHash> old_by_key(old_po.messages.size());
  for (std::size_t i = 0; i < old_po.messages.size(); ++i) old_by_key.emplace(MessageKey(old_po.messages[i]), i);
  std::unordered_map<MessageKey, const Message*, MessageKeyHash> other_by_key;
  for (const Catalog* other : same_language_others)
    for (const Message& m : other->messages)
      if (has_translation(m)) other_by_key.emplace(MessageKey(m), &m);

  // Exact matches are independent of each other. Each template message
  // matches at most one old one, so no two threads mark the same `used` byte.
  std::vector<const Message*> refs;
  refs.reserve(pot.messages.size());
  for (const Message& ref : pot.messages)
    if (!ref.obsolete) refs.push_back(&ref);
  out.messages.resize(refs.size());
  std::vector<unsigned char> used(old_po.messages.size(), 0);
  std::vector<unsigned char> matched(refs.size(), 0);
  parallel_for((refs.size() + kUpdateSlice - 1) / kUpdateSlice, 0, [&](std::size_t slice) {
    for (std::size_t i = slice * kUpdateSlice; i < std::min(refs.size(), (slice + 1) * kUpdateSlice); ++i) {
      const Message& ref = *refs[i];
      MessageKey key(ref);
      if (auto it = old_by_key.find(key); it != old_by_key.end()) {
        used[it->second] = 1;
        out.messages[i] = merge_message(old_po.messages[it->second], ref, false, nplurals);
        matched[i] = 1;
      } else if (auto ot = other_by_key.find(key); ot != other_by_key.end()) {
        out.messages[i] = merge_message(*ot->second, ref, false, nplurals);
        matched[i] = 1;
      } else {
        out.messages[i] = untranslated(ref, nplurals);
      }
    }
  });
  std::vector<std::size_t> pending;  // indexes into out.messages waiting for a fuzzy match
  for (std::size_t i = 0; i < refs.size(); ++i)
    if (!matched[i]) pending.push_back(i);

  if (!pending.empty()) {
    // Old catalog first (active, then obsolete: its file order), then the others.
    std::vector<const Message*> cands;
    std::unordered_map<const Message*, std::size_t> old_index;
    for (std::size_t i = 0; i < old_po.messages.size(); ++i)
      if (has_translation(old_po.messages[i])) {
        old_index.emplace(&old_po.messages[i], i);
        cands.push_back(&old_po.messages[i]);
      }
    for (const Catalog* other : same_language_others)
      for (const Message& m : other->messages)
        if (has_translation(m)) cands.push_back(&m);
    FuzzyIndex index(std::move(cands));
    for (std::size_t p : pending) {
      Message& target = out.messages[p];
      if (const Message* def = index.search(target, opt.fuzzy_threshold)) {
        if (auto it = old_index.find(def); it != old_index.end()) used[it->second] = 1;
        target = merge_message(*def, target, true, nplurals);
      }
    }
  }

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

namespace {

std::string normalized_language(std::string_view lang) {
  std::string out;
  for (char c : lang) out += c == '-' ? '_' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
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
