// SentenceSplitter (language_id.h): sentence boundaries by Unicode's rules
// (UAX #29), as ICU's break iterator draws them. That iterator cost `check`
// as much as identifying the text it split, so text is split here by the
// same rules, with the characters' classes from ICU, whenever the language's
// ICU rules are the root ones. ICU still splits what the rules here leave
// out: text with format or combining characters (rule SB5), invalid UTF-8,
// and languages with rules of their own.
#include "language/language_id.h"

#include <unicode/brkiter.h>
#include <unicode/udata.h>
#include <unicode/ures.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>

#include "base/error.h"

namespace l10n {

namespace {

using Class = std::uint8_t;  // a USentenceBreak value
constexpr Class kUnhandled = 0xFF;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool para_sep(Class c) { return c == U_SB_SEP || c == U_SB_CR || c == U_SB_LF; }
bool sa_term(Class c) { return c == U_SB_ATERM || c == U_SB_STERM; }

// The class of a code point, or kUnhandled for those of rule SB5.
Class class_of(UChar32 c) {
  int32_t sb = u_getIntPropertyValue(c, UCHAR_SENTENCE_BREAK);
  return sb == U_SB_EXTEND || sb == U_SB_FORMAT ? kUnhandled : static_cast<Class>(sb);
}

std::unique_ptr<icu::BreakIterator> sentence_instance(const icu::Locale& locale) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> it(icu::BreakIterator::createSentenceInstance(locale, status));
  if (U_FAILURE(status)) throw Error("", 0, 0, std::string("ICU sentence break iterator: ") + u_errorName(status));
  return it;
}

// The compiled rules ICU's sentence iterator takes for `locale`, as named in
// its break iterator data ("sent.brk" at the root, "sent_el.brk" for
// Greek); empty if they cannot be told. Looked up, not loaded: a splitter is
// made for every text `import` tests.
std::string sentence_rules(const char* locale) {
  constexpr const char* kData = U_ICUDATA_NAME U_TREE_SEPARATOR_STRING "brkitr";
  UErrorCode status = U_ZERO_ERROR;
  UResourceBundle* bundle = ures_open(kData, locale, &status);
  // No data for the locale or its parents: ICU's iterator takes the root's,
  // where ures_open would take the default locale's.
  if (status == U_USING_DEFAULT_WARNING) {
    ures_close(bundle);
    status = U_ZERO_ERROR;
    bundle = ures_open(kData, "root", &status);
  }
  UResourceBundle* boundaries = ures_getByKey(bundle, "boundaries", nullptr, &status);
  int32_t length = 0;
  const UChar* name = ures_getStringByKey(boundaries, "sentence", &length, &status);
  std::string out;
  if (U_SUCCESS(status))
    for (int32_t i = 0; i < length; ++i) out += static_cast<char>(name[i] < 0x80 ? name[i] : '?');
  ures_close(boundaries);
  ures_close(bundle);
  return out;
}

// Whether ICU splits `language` by its root rules, which are the ones
// below. A locale with keywords ("@ss=standard") may filter them.
bool root_rules(const std::string& language) {
  if (language.find('@') != std::string::npos) return false;
  std::string rules = sentence_rules(language.c_str());
  return !rules.empty() && rules == sentence_rules("root");
}

// What precedes a boundary as far as rules SB8 to SB11 look: a terminator
// (ATerm or STerm), Close* and Sp* after it. Kept up to date one code point
// at a time, as masked text has long runs of blanks.
struct Context {
  Class term = kUnhandled;  // the terminator, or kUnhandled when there is none
  bool spaces = false;      // Sp after it
  void add(Class c) {
    if (sa_term(c)) term = c, spaces = false;
    else if (c == U_SB_SP) spaces = true;
    else if (c != U_SB_CLOSE || spaces) term = kUnhandled;
  }
};

// SB8: after ATerm Close* Sp*, no break if a lowercase letter comes next,
// past anything but letters, separators and terminators. Remembers where it
// looked last: the boundaries asked about only move forward.
template <typename Classes>
class LowerAhead {
 public:
  explicit LowerAhead(const Classes& cls) : cls_(cls) {}
  bool from(std::size_t k) {
    if (k > stop_ || !looked_) {
      auto stops = [](Class c) {
        return c == U_SB_OLETTER || c == U_SB_UPPER || c == U_SB_LOWER || para_sep(c) || sa_term(c);
      };
      for (stop_ = k; stop_ < cls_.size() && !stops(cls_[stop_]);) ++stop_;
      looked_ = true;
    }
    return stop_ < cls_.size() && cls_[stop_] == U_SB_LOWER;
  }

 private:
  const Classes& cls_;
  std::size_t stop_ = 0;
  bool looked_ = false;
};

// Whether a sentence ends between code points k - 1 and k: UAX #29's rules
// SB3 to SB11 in their order (SB5 never applies to the text taken here).
template <typename Classes>
bool breaks_at(const Classes& cls, std::size_t k, const Context& context, LowerAhead<Classes>& lower) {
  Class before = cls[k - 1], after = cls[k];
  if (before == U_SB_CR && after == U_SB_LF) return false;  // SB3
  if (para_sep(before)) return true;                        // SB4
  if (before == U_SB_ATERM && after == U_SB_NUMERIC) return false;  // SB6
  if (before == U_SB_ATERM && after == U_SB_UPPER && k >= 2 && (cls[k - 2] == U_SB_UPPER || cls[k - 2] == U_SB_LOWER))
    return false;                                                          // SB7
  if (context.term == kUnhandled) return false;                           // SB998
  if (context.term == U_SB_ATERM && lower.from(k)) return false;          // SB8
  if (after == U_SB_SCONTINUE || sa_term(after)) return false;            // SB8a
  if (!context.spaces && after == U_SB_CLOSE) return false;               // SB9
  if (after == U_SB_SP || para_sep(after)) return false;                  // SB9, SB10
  return true;                                                            // SB11
}

// [begin, end) without the blanks at its ends, if anything is left.
void add_sentence(std::string_view text, std::size_t begin, std::size_t end, std::vector<Span>& out) {
  while (begin < end && is_space(text[begin])) ++begin;
  while (end > begin && is_space(text[end - 1])) --end;
  if (begin < end) out.push_back({begin, end});
}

// The classes of ASCII text, a byte each: most text, read in place.
struct AsciiClasses {
  std::string_view text;
  const std::array<Class, 128>& table;
  std::size_t size() const { return text.size(); }
  Class operator[](std::size_t k) const { return table[static_cast<unsigned char>(text[k])]; }
  std::size_t offset(std::size_t k) const { return k; }
};

// The classes of other text, decoded, with where each code point starts.
struct DecodedClasses {
  const std::vector<Class>& cls;
  const std::vector<std::size_t>& at;
  std::size_t size() const { return cls.size(); }
  Class operator[](std::size_t k) const { return cls[k]; }
  std::size_t offset(std::size_t k) const { return at[k]; }
};

template <typename Classes>
std::vector<Span> split_by_rules(std::string_view text, const Classes& cls) {
  std::vector<Span> out;
  std::size_t start = 0;
  Context context;
  LowerAhead<Classes> lower(cls);
  for (std::size_t k = 1; k < cls.size(); ++k) {
    Class before = cls[k - 1];
    context.add(before);
    // Most boundaries: neither after a separator nor after a terminator.
    if (context.term == kUnhandled && !para_sep(before)) continue;
    if (breaks_at(cls, k, context, lower)) {
      add_sentence(text, cls.offset(start), cls.offset(k), out);
      start = k;
    }
  }
  add_sentence(text, cls.offset(start), text.size(), out);
  return out;
}

}  // namespace

struct SentenceSplitter::Impl {
  std::string language;
  std::unique_ptr<icu::BreakIterator> it;  // made when first needed
  bool by_rules = false;  // the language's rules are the root ones
  std::array<Class, 128> ascii{};
  // Each code point's class and where it starts, kept from text to text.
  std::vector<Class> cls;
  std::vector<std::size_t> at;

  bool ascii_only(std::string_view text) const;
  bool classify(std::string_view text);
  std::vector<Span> split_by_icu(std::string_view text);
};

bool SentenceSplitter::Impl::ascii_only(std::string_view text) const {
  return std::all_of(text.begin(), text.end(), [&](char c) {
    auto u = static_cast<unsigned char>(c);
    return u < 0x80 && ascii[u] != kUnhandled;
  });
}

// Fills cls and at; false if the text has what the rules here leave to ICU.
bool SentenceSplitter::Impl::classify(std::string_view text) {
  cls.clear();
  at.clear();
  const auto* p = reinterpret_cast<const uint8_t*>(text.data());
  int32_t n = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < n;) {
    at.push_back(static_cast<std::size_t>(i));
    Class c;
    if (p[i] < 0x80) {
      c = ascii[p[i++]];
    } else {
      UChar32 cp;
      U8_NEXT(p, i, n, cp);
      c = cp < 0 ? kUnhandled : class_of(cp);
    }
    if (c == kUnhandled) return false;
    cls.push_back(c);
  }
  at.push_back(text.size());
  return true;
}

std::vector<Span> SentenceSplitter::Impl::split_by_icu(std::string_view text) {
  if (!it) it = sentence_instance(icu::Locale(language.c_str()));
  UErrorCode status = U_ZERO_ERROR;
  UText* ut = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
  if (U_FAILURE(status)) return {{0, text.size()}};
  it->setText(ut, status);
  std::vector<Span> out;
  int32_t begin = it->first();
  for (int32_t end = it->next(); end != icu::BreakIterator::DONE; begin = end, end = it->next())
    add_sentence(text, static_cast<std::size_t>(begin), static_cast<std::size_t>(end), out);
  utext_close(ut);
  return out;
}

SentenceSplitter::SentenceSplitter(const std::string& language) : impl_(std::make_unique<Impl>()) {
  impl_->language = language;
  impl_->by_rules = root_rules(language);
  for (UChar32 c = 0; c < 0x80; ++c) impl_->ascii[static_cast<std::size_t>(c)] = class_of(c);
}

SentenceSplitter::~SentenceSplitter() = default;

bool SentenceSplitter::splits_by_rules() const { return impl_->by_rules; }

std::vector<Span> SentenceSplitter::split(std::string_view text) {
  Impl& impl = *impl_;
  if (impl.by_rules && impl.ascii_only(text)) return split_by_rules(text, AsciiClasses{text, impl.ascii});
  if (impl.by_rules && impl.classify(text)) return split_by_rules(text, DecodedClasses{impl.cls, impl.at});
  return impl.split_by_icu(text);
}

}  // namespace l10n
