// Which language a piece of page text is in: CLD2's character statistics,
// which are good on sentences, combined with word lists (function words and
// Debian's hunspell dictionaries), which carry headings and labels of one to
// three words where CLD2 has too little to go on. docs/check-report.md gives the
// measured precision and recall on the labelled development set.
#pragma once

#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "base/source_text.h"
#include "language/word_set.h"

namespace l10n {

// What is set aside before identifying: code spans, shortcode calls, URLs,
// e-mail addresses, HTML tags, link targets and Markdown markers become
// spaces, so offsets into the result are offsets into `text`.
std::string mask_non_prose(std::string_view text);

// Words that are never evidence of a language: product and proper names
// (glossary terms, names seen elsewhere on the page or in the source unit).
// The sets are WordSets: every word of every identification is looked up in
// them, and a page adds each of its names and words to them.
struct NameSet {
  WordSet words;                                // exact, case-sensitive: "Discourse"
  std::vector<std::string> phrases;             // lowercased glossary terms, maybe several words
  // Lowercased words the page uses inside sentences of its own language
  // ("internationale mailing lists"): not evidence elsewhere on the page.
  WordSet vocabulary;
  // A set looked up after this one: a unit's own names over its page's,
  // without copying the page's for every unit.
  const NameSet* base = nullptr;
  // An empty set is not hashed into: a unit's own sets mostly are.
  bool contains(std::string_view word) const {
    return (!words.empty() && words.count(word) > 0) || (base && base->contains(word));
  }
  bool in_vocabulary(std::string_view word) const {
    return (!vocabulary.empty() && vocabulary.count(word) > 0) || (base && base->in_vocabulary(word));
  }
  const std::vector<std::string>& all_phrases() const { return base && phrases.empty() ? base->all_phrases() : phrases; }
};

struct WordFacts;
class IdentifyMemo;

// A word of a text: letters, with inner apostrophes and hyphens ("don't").
struct Word {
  std::size_t begin = 0, end = 0;              // in Words::text
  std::size_t lower_begin = 0, lower_end = 0;  // in Words::lowered
  bool capitalised = false;
  int capitals = 0;
  bool initial = false;  // first word of its sentence (or clause after ':')
};

// A text split into words once, to identify it and its sentences without
// splitting it again; the lowercased words lie in one buffer, as a page has
// tens of thousands of words.
struct Words {
  std::string text;  // the masked prose, glossary phrases blanked
  std::string lowered;
  std::vector<Word> list;
  std::string_view text_of(const Word& w) const { return std::string_view(text).substr(w.begin, w.end - w.begin); }
  std::string_view lower_of(const Word& w) const {
    return std::string_view(lowered).substr(w.lower_begin, w.lower_end - w.lower_begin);
  }
  // The words that lie within `range` of the text.
  std::pair<std::vector<Word>::const_iterator, std::vector<Word>::const_iterator> within(Span range) const;
  // What the word lists say of each word, as looked up once in `memo`
  // (LanguageIdentifier::look_up) for the many identifications of a unit.
  std::vector<const WordFacts*> facts;
  const IdentifyMemo* facts_memo = nullptr;
};

// The words of masked prose, the glossary phrases of `names` set aside.
Words words_of(std::string_view prose, const NameSet& names);
Words words_of(std::string&& prose, const NameSet& names);  // keeps the prose's bytes

// Capitalised words that stand in the middle of a sentence of `prose`
// (already masked): in running text those are names.
void collect_names(std::string_view prose, NameSet& names);
void collect_names(const Words& words, NameSet& names);
void collect_names(const Words& words, Span range, NameSet& names);  // of one sentence
// The words of a sentence (lowercased) into names.vocabulary; when `words`
// were looked up (LanguageIdentifier::look_up), only those the target
// language's word lists do not know, the only ones identifying asks it of.
void collect_vocabulary(const Words& words, Span range, NameSet& names);

struct Identification {
  std::string language;   // "en", "nl", …; empty when the text gives no evidence
  double confidence = 0;  // in [0, 1]
  int words = 0;          // words that counted (names, loanwords, numbers left out)
  int names = 0;          // words set aside as names
  double lean = 0;        // the evidence weighed: > 0 for the source language, < 0 for the target
};

// The word list of one language: lowercased dictionary words and its
// function words.
struct WordList {
  std::string language;
  WordSet words;
  std::unordered_set<std::string> function_words;
  // Words the other language's dictionary has too, but which are far more
  // often this language's.
  const WordSet* leaning = nullptr;
  bool has(std::string_view word) const;    // tries a few inflection endings too
  bool leans(std::string_view word) const;  // the same for `leaning`
  // Two words of the list written as one ("communicatiekanalen"), as Dutch
  // and German write compounds.
  bool compound(std::string_view word) const;
};

// What identifying learns about words and texts, kept for the next call:
// the same words come back in unit after unit and page after page, and the
// same sentence is identified for the page's vocabulary, then as part of its
// unit. For one identifier; not thread-safe: one per thread.
class IdentifyMemo {
 public:
  IdentifyMemo();
  ~IdentifyMemo();
  IdentifyMemo(const IdentifyMemo&) = delete;
  IdentifyMemo& operator=(const IdentifyMemo&) = delete;
  // Forgets the texts, keeps the words: what the word lists say of a word
  // serves every page, while a page's sentences would only add up.
  void forget_texts();

 private:
  friend class LanguageIdentifier;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

class LanguageIdentifier {
 public:
  // `target` is the language the text should be in, `source` the one it was
  // translated from. Word lists come from <dict_dir>/<lang>.dic or
  // <lang>_*.dic when there is one.
  LanguageIdentifier(std::string target, std::string source, const std::string& dict_dir = "/usr/share/hunspell");

  const std::string& target() const { return target_; }
  const std::string& source() const { return source_; }
  bool has_word_lists() const { return target_words_ && source_words_; }

  // Identifies masked prose (mask_non_prose) with `names` set aside.
  // Thread-safe, given a memo of the caller's thread.
  Identification identify(std::string_view prose, const NameSet& names, IdentifyMemo* memo = nullptr) const;
  // Looks up every word of `words` in the word lists once, through `memo`,
  // for the identifications of its parts that follow.
  void look_up(Words& words, IdentifyMemo& memo) const;
  // The part of `words` within `range` (a sentence), as if it were all.
  Identification identify(const Words& words, Span range, const NameSet& names, IdentifyMemo* memo = nullptr) const;
  // Whether any word of the range is evidence of a language, names and
  // loanwords left out (identify(…).words > 0), found without weighing the
  // others or deciding which language.
  bool has_evidence(const Words& words, Span range, const NameSet& names, IdentifyMemo* memo = nullptr) const;
  // By the word lists alone, without CLD2 (which reads every byte again):
  // enough to tell a page's own sentences, whose words are its vocabulary.
  Identification identify_by_word_lists(const Words& words, Span range, const NameSet& names,
                                        IdentifyMemo* memo = nullptr) const;

 private:
  const WordFacts& facts(std::string_view lower, IdentifyMemo& memo) const;
  enum class Depth { any, word_lists, full };  // any: up to the first evidence word
  Identification identify(const Words& words, Span range, const NameSet& names, IdentifyMemo* memo,
                          Depth depth) const;

  std::string target_, source_;
  std::shared_ptr<const WordList> target_words_, source_words_;
};

// Sentence boundaries (ICU's, UAX #29), as byte ranges of `text`. Not
// thread-safe: one per thread.
class SentenceSplitter {
 public:
  explicit SentenceSplitter(const std::string& language);
  ~SentenceSplitter();
  SentenceSplitter(const SentenceSplitter&) = delete;
  SentenceSplitter& operator=(const SentenceSplitter&) = delete;
  std::vector<Span> split(std::string_view text);
  // Whether the language's sentences are split by the rules of
  // sentence_splitter.cpp, as ICU's root rules split them, rather than by
  // ICU's iterator, which costs as much as identifying what it splits.
  bool splits_by_rules() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Word lists read from a hunspell .dic file (affix flags stripped), with
// built-in function words for English and Dutch. nullptr when no dictionary
// exists for `language`.
std::shared_ptr<const WordList> load_word_list(const std::string& language, const std::string& dict_dir);

// The hunspell file load_word_list reads for `language`: <lang>.dic, else a
// <lang>_*.dic; empty if there is none.
std::string dictionary_file(const std::string& language, const std::string& dict_dir);
// The words of that file as load_word_list has them (lowercased, proper
// nouns left out), read from the file: for the tool that makes the image the
// program carries (dictionary_image.h).
WordSet read_dictionary_words(const std::string& path);

}  // namespace l10n
