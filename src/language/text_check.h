// Is a text in the language it should be in? The one test that `l10n check`
// applies to every unit and msgstr and `l10n import` to every target unit:
// the text is split into sentences and identified (language_id.h), and a
// sentence or the whole text in another language is a finding.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "language/language_id.h"

namespace l10n {

// Findings within one text in `language` (a unit's or a msgstr's), without
// location: what `check` reports for it.
struct TextFinding {
  std::size_t begin = 0, end = 0;  // byte range of the fragment in the text
  std::string found;
  double confidence = 0;
  bool whole = false;              // the whole text, not one sentence
};
std::vector<TextFinding> check_text(const std::string& text, const std::string& language,
                                    const std::string& source_language = "en",
                                    const std::vector<std::string>& glossary = {});
// The same with an identifier built once, for callers that test many texts
// (import); thread-safe.
std::vector<TextFinding> check_text(const std::string& text, const LanguageIdentifier& ider,
                                    const std::vector<std::string>& glossary = {});

// The same with a splitter and names of the caller's (the page's names, its
// vocabulary), for callers that test a page's units one by one.
std::vector<TextFinding> find_in_text(const std::string& text, const LanguageIdentifier& ider, SentenceSplitter& splitter,
                                      const NameSet& names, IdentifyMemo* memo = nullptr);
// The same for a text already masked (mask_non_prose), split into words and
// into sentences, which a page's checks need more than once.
std::vector<TextFinding> find_in_prose(std::string_view text, const Words& words, const std::vector<Span>& sentences,
                                       const LanguageIdentifier& ider, const NameSet& names, IdentifyMemo* memo);

// A finding of the whole of `text`, the blanks around it left out; none for
// a blank text.
std::optional<TextFinding> whole_text_finding(std::string_view text, std::string found, double confidence);

// Glossary terms as names: never evidence of a language.
NameSet glossary_names(const std::vector<std::string>& glossary);

// The identification says the target language, or nothing at all.
bool in_target_language(const Identification& id, const LanguageIdentifier& ider);

}  // namespace l10n
