#!/usr/bin/env python3
"""Writes OLD.po and NEW.pot for bench/update_bench.sh.

usage: gen_catalogs.py [--vocabulary K] N OUTDIR [SEED]

OLD.po has N sentence-like messages (paragraphs, some headings, some
plurals), mostly translated, some fuzzy, some untranslated. NEW.pot keeps
them in order with 20% of the msgids edited by one word, 1% deleted and 1%
new paragraphs, the shape of a site where a fifth of the paragraphs were
touched since the last update.

--vocabulary K draws every word from the K most common English words
instead (26 for the small-vocabulary pair): every message then looks like
every other, the hard case for a fuzzy search, as any candidate can come
close to the 0.6 threshold.
"""
import argparse
import os
import random

COMMON = ("the of and to a in is you that it for on are with as this be at by from or have an "
          "they which one your all can there use more when will each about how up out them then "
          "many some so these would other into has look two more write go see number no way could "
          "people than first water been call who oil its now find long down day did get come made "
          "may part over new sound take only little work know place year live back give most very "
          "after thing our just name good sentence man think say great where help through much "
          "before line right too mean old any same tell boy follow came want show also around form "
          "three small set put end does another well large must big even such because turn here why "
          "ask went men read need land different home us move try kind hand picture again change off "
          "play spell air away animal house point page letter mother answer found study still learn "
          "should world high every near add food between own below country plant last school father "
          "keep tree never start city earth eye light thought head under story saw left few while "
          "along might close something seem next hard open example begin life always those both paper "
          "together got group often run important until children side feet car mile night walk white "
          "sea began grow took river four carry state once book hear stop without second later miss "
          "idea enough eat face watch far really almost let above girl sometimes mountain cut young "
          "talk soon list song being leave family").split()
TECH = ("server client plugin layer raster vector project install package release download "
        "configure settings window toolbar dialog button symbol label map canvas projection "
        "database query filter expression field attribute table browser panel processing model "
        "algorithm provider network tile style legend print layout report atlas export import "
        "documentation tutorial community developer translation language version bug issue "
        "feature request mailing forum account password security update upgrade platform").split()


SYLLABLES = "ka lo mi ner sta vu pre dor tis gle ban qui ro fen sal mup tor ek ib ult".split()


class Words:
    """Draws the words of the messages: prose-like by default, or only from
    `vocabulary` (then no links either: nothing sets one message apart)."""

    def __init__(self, rng, vocabulary=None):
        self.rng = rng
        self.vocabulary = vocabulary

    def word(self):
        rng = self.rng
        if self.vocabulary:
            return rng.choice(self.vocabulary)
        # Function words, domain words and a long tail of rarer ones, as in prose.
        r = rng.random()
        if r < 0.45:
            return rng.choice(COMMON)
        if r < 0.6:
            return rng.choice(TECH)
        return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))

    def sentence(self):
        rng = self.rng
        words = [self.word() for _ in range(rng.randint(5, 16))]
        words[0] = words[0].capitalize()
        if not self.vocabulary and rng.random() < 0.3:
            words.insert(rng.randint(1, len(words) - 1), "[%s](https://example.org/%s/)" % (
                rng.choice(TECH), rng.choice(TECH)))
        return " ".join(words) + rng.choice(".....?!:")

    def msgid(self, i):
        rng = self.rng
        r = rng.random()
        if r < 0.15:  # headings and short labels
            return " ".join(self.word().capitalize() for _ in range(rng.randint(1, 4))) + " %d" % i
        return " ".join(self.sentence() for _ in range(rng.choice((1, 1, 2, 2, 3))))

    def edit_one_word(self, text):
        words = text.split(" ")
        k = self.rng.randrange(len(words))
        if self.vocabulary:
            words[k] = self.rng.choice([w for w in self.vocabulary if w != words[k]])
        else:
            words[k] = self.word() + ("s" if words[k] in COMMON or words[k] in TECH else "")
        return " ".join(words)


def translate(text):
    # Something that looks like a translation and differs from the msgid.
    return " ".join(w[::-1] for w in text.split(" "))


def quote(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


HEADER_PO = r'''# Dutch translation of the site.
msgid ""
msgstr ""
"Project-Id-Version: site 1.0\n"
"Report-Msgid-Bugs-To: \n"
"POT-Creation-Date: 2024-01-01 00:00+0000\n"
"PO-Revision-Date: 2024-02-01 00:00+0000\n"
"Last-Translator: Jan <jan@example.org>\n"
"Language-Team: Dutch\n"
"Language: nl\n"
"MIME-Version: 1.0\n"
"Content-Type: text/plain; charset=UTF-8\n"
"Content-Transfer-Encoding: 8bit\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\n"
'''
HEADER_POT = HEADER_PO.replace("2024-01-01", "2024-06-01").replace("# Dutch translation of the site.\n", "")


def entry(ref, mid, plural, strs, fuzzy=False):
    out = ["", "#: %s" % ref]
    if fuzzy:
        out.append("#, fuzzy")
    out.append("msgid " + quote(mid))
    if plural is not None:
        out.append("msgid_plural " + quote(plural))
        out += ["msgstr[%d] %s" % (k, quote(s)) for k, s in enumerate(strs)]
    else:
        out.append("msgstr " + quote(strs[0]))
    return "\n".join(out) + "\n"


def main():
    parser = argparse.ArgumentParser(description="Writes OLD.po and NEW.pot for bench/update_bench.sh.")
    parser.add_argument("n", type=int, help="messages in OLD.po")
    parser.add_argument("outdir")
    parser.add_argument("seed", type=int, nargs="?", default=1)
    parser.add_argument("--vocabulary", type=int, metavar="K",
                        help="draw every word from the K most common English words (26: the small-vocabulary pair)")
    args = parser.parse_args()
    n, outdir = args.n, args.outdir
    rng = random.Random(args.seed)
    words = Words(rng, COMMON[:args.vocabulary] if args.vocabulary else None)
    seen = set()
    old, new = [HEADER_PO], [HEADER_POT]
    for i in range(n):
        mid = words.msgid(i)
        if mid in seen:
            continue
        seen.add(mid)
        ref = "content/section%d/page%d.md:%d" % (i % 40, i % 300, i % 97 + 1)
        plural = mid + " (many)" if rng.random() < 0.01 else None
        state = rng.random()
        strs = [translate(mid)] if plural is None else [translate(mid), translate(plural)]
        if state < 0.05:
            strs = [""] * len(strs)
        old.append(entry(ref, mid, plural, strs, fuzzy=0.05 <= state < 0.10))

        change = rng.random()
        if change < 0.01:
            continue  # deleted
        if change < 0.21:
            edited = words.edit_one_word(mid)
            if edited not in seen:
                seen.add(edited)
                mid = edited
        new.append(entry(ref, mid, plural, [""] * (1 if plural is None else 2)))
        if change > 0.99:
            fresh = words.msgid(n + i)
            if fresh not in seen:
                seen.add(fresh)
                new.append(entry("content/new/page%d.md:1" % i, fresh, None, [""]))
    os.makedirs(outdir, exist_ok=True)
    with open(os.path.join(outdir, "OLD.po"), "w", encoding="utf-8") as f:
        f.write("".join(old))
    with open(os.path.join(outdir, "NEW.pot"), "w", encoding="utf-8") as f:
        f.write("".join(new))


if __name__ == "__main__":
    main()
