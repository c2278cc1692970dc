// Aligning the units of a source page with those of its hand-made
// translation: which target unit translates which source unit. Translation
// changes the words but leaves much alone (link targets, code, numbers,
// shortcode calls, heading levels, table shape), so units are compared on
// that, and a sequence alignment in the style of Gale–Church (1:1, 1:0, 0:1,
// 2:1, 1:2 moves) pairs them in order, tolerating units added, dropped, split
// or merged on one side; on huge pages only near the diagonal. Tables are
// aligned row by row in any order.
// docs/import.md explains the scoring.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "units/rules.h"
#include "units/page.h"
#include "base/source_text.h"
#include "units/unit.h"

namespace l10n {

// What of a unit survives translation, computed once per unit.
struct UnitShape {
  UnitKind kind = UnitKind::Paragraph;
  std::string role;                  // the unit's comment: "heading h2", "shortcode block: title"
  std::string text;                  // the unit's text, for the identity check
  std::vector<std::string> anchors;  // sorted: link targets, URLs, code spans, numbers, shortcode calls
  std::vector<std::string> names;    // sorted: acronyms and CamelCase words ("QGIS", "OpenGL")
  std::vector<std::string> words;    // sorted, unique, ASCII-lowercased
  std::vector<std::uint32_t> trigrams;  // sorted, unique: byte trigrams of the lowercased words
  std::array<int, 5> markup{};       // strong, links, images, HTML tags, shortcode calls
  double length = 0;                 // code points of prose (anchors left out)
  double position = 0;               // index among the page's units / count, in [0, 1)
  int table = -1;                    // table cells: which table of the page
  int row = -1;                      // table cells: the row's line
  int column = -1;                   // table cells: 0-based column
};

// The shapes of a page's units, in order.
std::vector<UnitShape> unit_shapes(const Page& page, const SourceText& src, const UnitRules& rules);

// How well `t` fits as a translation of `s`, in [0, 1]; 0 when their roles
// rule it out (a shortcode's title never translates a paragraph).
double pair_score(const UnitShape& s, const UnitShape& t);

// Scores at or above this make a 1:1 pair a translation; below, fuzzy.
constexpr double kConfidentScore = 0.6;
// ... or at or above this one when the units before and after are linked
// 1:1 too: the pair is held in place by its neighbours.
constexpr double kAnchoredScore = 0.5;
// Pairs scoring below this are not linked at all.
constexpr double kLinkScore = 0.4;

// One step of the alignment: indices into the source and target units.
// 1:1, 2:1 (two source units merged into one target unit), 1:2 (split),
// 1:0 (source only), 0:1 (target only).
struct Link {
  std::vector<std::size_t> source, target;
  double score = 0;  // pair_score of the (joined) units; 0 for 1:0 and 0:1
  bool anchored = false;  // 1:1 in the body, between two other 1:1 links
  bool confident() const {
    return source.size() == 1 && target.size() == 1 && (score >= kConfidentScore || (anchored && score >= kAnchoredScore));
  }
};

// How much of the alignment matrix is searched. A page of ordinary size is
// aligned over the whole matrix; a huge one only near its diagonal, which
// keeps time and memory linear in the page's size (docs/import.md).
struct AlignLimits {
  // Source items × target items up to which every cell is searched.
  std::size_t exact_cells = std::size_t{1} << 21;
  // Half-width of the band around the diagonal: the first one tried, and the
  // widest it grows to while the best path leans on the band's edge.
  std::size_t band = 32;
  std::size_t max_band = 512;
  // Row pairs up to which a table pair scores every row against every row;
  // beyond, a row is scored against the rows within `row_window` of its
  // place and the rows sharing an uncommon anchor with it.
  std::size_t exact_row_pairs = std::size_t{1} << 16;
  std::size_t row_window = 16;
};

// Aligns two pages' units. Front matter values pair by key; the body aligns
// in order, except table rows, which pair in any order within a table pair.
// Every source and every target index appears in exactly one link; links
// come in source order, target-only links where they fall.
std::vector<Link> align_units(const std::vector<UnitShape>& source, const std::vector<UnitShape>& target,
                               const AlignLimits& limits = {});

}  // namespace l10n
