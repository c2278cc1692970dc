#include <catch2/catch.hpp>

#include <unicode/brkiter.h>
#include <unicode/utext.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "language/language_id.h"
#include "testing.h"

using namespace l10n;

namespace {

// The sentences ICU's own iterator finds, blanks trimmed as split() trims
// them: what the splitter must give, whichever way it splits.
struct IcuSentences {
  explicit IcuSentences(const char* language) {
    UErrorCode status = U_ZERO_ERROR;
    it.reset(icu::BreakIterator::createSentenceInstance(icu::Locale(language), status));
    REQUIRE(U_SUCCESS(status));
  }
  std::vector<std::string> operator()(const std::string& text) {
    UErrorCode status = U_ZERO_ERROR;
    UText* ut = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
    it->setText(ut, status);
    std::vector<std::string> out;
    int32_t begin = it->first();
    for (int32_t end = it->next(); end != icu::BreakIterator::DONE; begin = end, end = it->next()) {
      std::string s = text.substr(static_cast<std::size_t>(begin), static_cast<std::size_t>(end - begin));
      std::size_t b = s.find_first_not_of(" \t\n\r"), e = s.find_last_not_of(" \t\n\r");
      if (b != std::string::npos) out.push_back(s.substr(b, e + 1 - b));
    }
    utext_close(ut);
    return out;
  }
  std::unique_ptr<icu::BreakIterator> it;
};

std::vector<std::string> sentences(SentenceSplitter& splitter, const std::string& text) {
  std::vector<std::string> out;
  for (const Span& s : splitter.split(text)) out.push_back(text.substr(s.begin, s.size()));
  return out;
}

}  // namespace

TEST_CASE("the splitter's sentences are ICU's, on text made to try every rule", "[langid][sentences]") {
  SentenceSplitter splitter("nl");
  IcuSentences icu("nl");
  for (std::string text :
       {"Dit is het. En dit.", "Versie 3.4 is uit.", "U.S.A. is een land.", "Zie e.g. dit. Of dat.", "Wat?! Nee.",
        "Hij zei: \"Ja.\" Toen ging hij.", "(Zie hier.) Dan daar.", "Eind. ", "a.b", "A.B", "a. b", "a. B", "a.) b",
        "a.) B", "a. , b", "a.\n", "a.\r\nB", "a\rb", "a\n\nb", "een… twee", "‘Klaar.’ Ja", "Ĳs. Ĳzer.", "Ja。Nee",
        "Nee‼ Ja", "a\u00a0. b", "a.\u2028b", "a\u0085b", "e\u0301. E", "a\u00ad. B", "\xff. A", "", " ", "...",
        "a... b", "a... B", "1. Eerst 2. Dan"}) {
    INFO(text);
    CHECK(sentences(splitter, text) == icu(text));
  }
}

TEST_CASE("the splitter's sentences are ICU's, on random text of letters, marks and breaks", "[langid][sentences]") {
  SentenceSplitter splitter("nl");
  IcuSentences icu("nl");
  const std::vector<std::string> pieces = {
      "a",  "b",  "Z",  "Q",  "1",  "9",    ".",  "!",  "?",  ")",  "(",  "\"", "'",  ",",
      "-",  ":",  ";",  " ",  " ",  "\t",   "\n", "\r", "é",  "É",  "’",  "“",  "”",  "…",
      "。", "‼",  "ß",  "ĳ",  "Ĳ",  "e.g.", "3.5", "\u00a0", "\u2028", "\u0301", "[", "]", "/", "x"};
  std::mt19937 random(16);
  for (int n = 0; n < 60000; ++n) {
    std::string text;
    for (int i = static_cast<int>(random() % 24); i > 0; --i) text += pieces[random() % pieces.size()];
    INFO(text);
    REQUIRE(sentences(splitter, text) == icu(text));
  }
}

TEST_CASE("the splitter's sentences are ICU's on every paragraph of the corpus", "[langid][sentences]") {
  namespace fs = std::filesystem;
  if (testing::corpus_dir().empty()) {
    WARN("../shared/corpus is absent");
    return;
  }
  SentenceSplitter splitter("nl");
  IcuSentences icu("nl");
  int paragraphs = 0;
  for (const auto& e : fs::recursive_directory_iterator(testing::corpus_dir())) {
    if (!e.is_regular_file() || e.path().extension() != ".md") continue;
    std::ifstream in(e.path(), std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    std::string page = bytes.str();
    for (std::size_t b = 0; b < page.size();) {
      std::size_t e2 = std::min(page.find("\n\n", b), page.size());
      std::string text = mask_non_prose(page.substr(b, e2 - b));
      INFO(e.path().string() << ": " << text);
      REQUIRE(sentences(splitter, text) == icu(text));
      ++paragraphs;
      b = e2 + 2;
    }
  }
  CHECK(paragraphs > 1000);
}

TEST_CASE("a language with sentence rules of its own is split by ICU", "[langid][sentences]") {
  CHECK(SentenceSplitter("nl").splits_by_rules());
  CHECK(SentenceSplitter("en").splits_by_rules());
  CHECK_FALSE(SentenceSplitter("el").splits_by_rules());  // ';' ends a question
  CHECK_FALSE(SentenceSplitter("nl@ss=standard").splits_by_rules());
  for (const char* language : {"el", "en", "ja"}) {
    SentenceSplitter splitter(language);
    IcuSentences icu(language);
    for (std::string text : {"Τι είναι; Τίποτα. Ναι;", "Is it; yes. No", "これは。あれ"}) {
      INFO(language << ": " << text);
      CHECK(sentences(splitter, text) == icu(text));
    }
  }
}
