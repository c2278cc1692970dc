#include "language/text_check.h"

#include <algorithm>

#include "base/ascii.h"

namespace l10n {

namespace {

// A short sentence inside a longer unit is only reported on strong evidence:
// "Zie ook: Getting Started." names a page, it does not leave text untranslated.
bool reportable_sentence(const Identification& id) { return id.words >= 4 || id.confidence >= 0.9; }

// One word of evidence among more names is too little: "OpenGL 3.3+ or
// Vulkan 1.1+" lists products, while "Download for Linux" is a heading.
bool enough_evidence(const Identification& id) { return id.words >= 2 || id.words >= id.names; }

}  // namespace

std::optional<TextFinding> whole_text_finding(std::string_view text, std::string found, double confidence) {
  std::size_t b = text.find_first_not_of(" \t\n"), e = text.find_last_not_of(" \t\n");
  if (b == std::string_view::npos) return std::nullopt;
  return TextFinding{b, e + 1, std::move(found), confidence, true};
}

NameSet glossary_names(const std::vector<std::string>& glossary) {
  NameSet names;
  for (const std::string& term : glossary) {
    names.phrases.push_back(ascii_lower(term));
    names.words.insert(term);
  }
  return names;
}

bool in_target_language(const Identification& id, const LanguageIdentifier& ider) {
  return id.language.empty() || id.language == ider.target();
}

std::vector<TextFinding> find_in_text(const std::string& text, const LanguageIdentifier& ider, SentenceSplitter& splitter,
                                      const NameSet& names, IdentifyMemo* memo) {
  std::string prose = mask_non_prose(text);
  std::vector<Span> sentences = splitter.split(prose);
  Words words = words_of(std::move(prose), names);
  return find_in_prose(text, words, sentences, ider, names, memo);
}

std::vector<TextFinding> find_in_prose(std::string_view text, const Words& words, const std::vector<Span>& sentences,
                                       const LanguageIdentifier& ider, const NameSet& names, IdentifyMemo* memo) {
  std::string_view prose = words.text;
  std::vector<TextFinding> out;
  bool any_target = false;
  if (sentences.size() > 1) {
    for (const Span& s : sentences) {
      Identification id = ider.identify(words, s, names, memo);
      if (id.language == ider.target()) any_target = true;
      if (!in_target_language(id, ider) && reportable_sentence(id)) out.push_back({s.begin, s.end, id.language, id.confidence, false});
    }
  }
  // A sentence in the target language: the unit is translated, and only
  // its other sentences can be findings.
  if (any_target) return out;
  Identification whole = ider.identify(words, {0, prose.size()}, names, memo);
  if (!in_target_language(whole, ider) && enough_evidence(whole)) {
    // The whole unit: one finding, whatever its sentences said. (Masking
    // only blanks bytes, so the text's ends hold the prose's.)
    std::optional<TextFinding> f = whole_text_finding(text, whole.language, whole.confidence);
    return f ? std::vector<TextFinding>{*f} : std::vector<TextFinding>{};
  }
  return out;
}

std::vector<TextFinding> check_text(const std::string& text, const std::string& language,
                                    const std::string& source_language, const std::vector<std::string>& glossary) {
  LanguageIdentifier ider(language, source_language);
  return check_text(text, ider, glossary);
}

std::vector<TextFinding> check_text(const std::string& text, const LanguageIdentifier& ider,
                                    const std::vector<std::string>& glossary) {
  SentenceSplitter splitter(ider.target());
  return find_in_text(text, ider, splitter, glossary_names(glossary));
}

}  // namespace l10n
