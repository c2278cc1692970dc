"""Prints the words of both hunspell dictionaries (en_US and nl) that Debian's
Dutch program translations show to lean to one language: at least 3 uses and
4 times as many on one side (English msgids, Dutch msgstrs) as on the other.
The output is the kLeaning table in src/language/language_id.cpp."""
import collections
import re
import sys

sys.path.insert(0, __file__.rsplit("/", 1)[0])
import mo_pairs  # noqa: E402


def words(s):
    return [w.lower() for w in re.findall(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", s)]


def dictionary(path):
    out = set()
    with open(path, encoding="utf-8") as f:
        for line in f.read().split("\n")[1:]:
            w = line.split("/")[0].strip()
            if w and not w[0].isupper():
                out.add(w.replace("ĳ", "ij").lower())
    return out


def main():
    both = dictionary("/usr/share/hunspell/en_US.dic") & dictionary("/usr/share/hunspell/nl.dic")
    en, nl = collections.Counter(), collections.Counter()
    for domain in mo_pairs.domains():
        for msgid, msgstr in mo_pairs.pairs(domain):
            en.update(words(msgid))
            nl.update(words(msgstr))
    for lang, mine, theirs in (("en", en, nl), ("nl", nl, en)):
        lean = sorted(w for w in both if mine[w] >= 3 and mine[w] >= 4 * (theirs[w] + 1))
        print(f'// {lang}: {len(lean)} words')
        line = '    "'
        for w in lean:
            if len(line) + len(w) > 110:
                print(line + '"')
                line = '    "'
            line += w + " "
        print(line + '"')


if __name__ == "__main__":
    main()
