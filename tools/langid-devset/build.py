#!/usr/bin/env python3
"""Builds the labelled development set of the
language identifier behind `l10n check` (docs/check-report.md).

Rows: split, label, provenance, text. Sources:
  * units of the Dutch pages of the corpus (../shared/corpus), labelled nl,
    except units that appear verbatim in the page's English source page
    (QGIS keeps untranslated paragraphs in its Dutch pages): labelled en;
  * units of English pages of the corpus, labelled en;
  * Debian's Dutch program translations (/usr/share/locale/nl/LC_MESSAGES):
    msgid labelled en, msgstr labelled nl;
  * overrides.tsv: labels set by hand (provenance -> label, or "skip").
The split is by file: a page or a message domain is either in "dev" (used to
tune) or in "heldout" (the unseen pages the targets are measured on).

Usage: tools/langid-devset/build.py [CORPUS_DIR] > devset.tsv
The test "precision and recall on the labelled development set" runs it into a
temporary directory: the rows are third-party text and stay out of the repo.
"""
import hashlib
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mo_pairs  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CORPUS = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "..", "shared", "corpus")

DUTCH = [
    ("ubuntu-nl-hugo/content", None),
    ("wz2100.net/content/nl", "wz2100.net/content/en"),
    ("hinode/exampleSite/content/nl", "hinode/exampleSite/content/en"),
    ("qgis-website/content-translated/nl", "qgis-website/content"),
]
ENGLISH = ["wz2100.net/content/en", "hinode/exampleSite/content/en", "qgis-website/content",
           "qgis-hugo-website-theme/exampleSite/content"]
PER_ENGLISH_PAGE = 8
PER_DOMAIN = 16
MAX_CHARS = 300


def split_of(key):
    return "heldout" if int(hashlib.md5(key.encode()).hexdigest(), 16) % 3 == 0 else "dev"


SHORTCODE = re.compile(r"\{\{[<%].*?[>%]\}\}", re.S)


def units(path):
    """(line, text) of a Markdown page: front matter title/description, headings,
    paragraphs, list items, table cells. Cruder than the tool's own reader,
    which is fine for labelling text."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    # Shortcode calls may span lines; blank them but keep the line count.
    text = SHORTCODE.sub(lambda m: " " + "\n" * m.group(0).count("\n"), text)
    lines = text.split("\n")
    out = []
    i = 0
    if lines and lines[0].strip() == "---":
        i = 1
        while i < len(lines) and lines[i].strip() not in ("---", "..."):
            m = re.match(r"\s*(title|description|subtitle):\s*['\"]?(.*?)['\"]?\s*$", lines[i])
            if m and m.group(2):
                out.append((i + 1, m.group(2)))
            i += 1
        i += 1
    para, start, fence = [], 0, False
    def flush():
        if para:
            out.append((start, " ".join(para)))
            para.clear()
    for n in range(i, len(lines)):
        line = lines[n]
        s = line.strip()
        if s.startswith("```") or s.startswith("~~~"):
            flush()
            fence = not fence
            continue
        if fence:
            continue
        if not s:
            flush()
            continue
        if s.startswith("#"):
            flush()
            out.append((n + 1, s.lstrip("#").strip()))
        elif re.match(r"([-*+]|\d+\.)\s+", s):
            flush()
            out.append((n + 1, re.sub(r"^([-*+]|\d+\.)\s+", "", s)))
        elif s.startswith("|"):
            flush()
            if not re.match(r"^\|[\s|:-]+\|?$", s):
                for cell in s.strip("|").split("|"):
                    if cell.strip():
                        out.append((n + 1, cell.strip()))
        else:
            if not para:
                start = n + 1
            para.append(s.lstrip("> ").strip())
    flush()
    return [(ln, t) for ln, t in out if re.search(r"[^\W\d_]{2}", t) and len(t) <= MAX_CHARS]


def pages(folder):
    base = os.path.join(CORPUS, folder)
    for d, _, files in sorted(os.walk(base)):
        for f in sorted(files):
            if f.endswith(".md"):
                yield os.path.relpath(os.path.join(d, f), CORPUS)


# English units that hold no English to find: names, loanwords normal in Dutch
# IT text, code. The check must not report them, so they are no positives.
LOANWORDS = {"download", "downloads", "software", "support", "blog", "team", "forum", "forums", "website",
             "websites", "e-mail", "email", "webchat", "online", "community", "feedback", "chat", "menu",
             "server", "desktop", "cookies", "widget", "demo", "type", "info", "nexus", "lightbox", "home",
             "tags", "docs", "faq", "news", "links", "link", "download", "mods", "games", "game", "updates"}
CODE = re.compile(r"`[^`]*`|\]\([^)]*\)|https?://\S+|\S+@\S+|\S*\d\S*")


def english_dictionary():
    words = set()
    with open("/usr/share/hunspell/en_US.dic", encoding="utf-8") as f:
        for line in f.read().split("\n")[1:]:
            w = line.split("/")[0].strip()
            if w and not w[0].isupper():
                words.add(w.lower())
    return words


EN_WORDS = english_dictionary()


def only_names(text):
    words = re.findall(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", CODE.sub(" ", text))
    def name(w):
        caps = sum(c.isupper() for c in w)
        return caps >= 2 or (w[0].isupper() and w.lower() not in EN_WORDS and w.lower().rstrip("s") not in EN_WORDS)
    return all(name(w) or w.lower() in LOANWORDS for w in words)


def clean(text):
    return re.sub(r"\s+", " ", text.replace("\t", " ")).strip()


def main():
    overrides = {}
    with open(os.path.join(HERE, "overrides.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                prov, label = line.rstrip("\n").split("\t")[:2]
                overrides[prov] = label
    rows = []
    for folder, english in DUTCH:
        for page in pages(folder):
            source_texts = set()
            if english:
                src = os.path.join(CORPUS, english, os.path.relpath(page, folder))
                if os.path.exists(src):
                    source_texts = {clean(t) for _, t in units(src)}
            for line, text in units(os.path.join(CORPUS, page)):
                text = clean(text)
                if only_names(text):
                    continue
                label = "en" if text in source_texts and len(text.split()) >= 2 else "nl"
                rows.append((split_of(page), label, f"{page}:{line}", text))
    for folder in ENGLISH:
        for page in pages(folder):
            for line, text in units(os.path.join(CORPUS, page))[:PER_ENGLISH_PAGE]:
                if not only_names(text):
                    rows.append((split_of(page), "en", f"{page}:{line}", clean(text)))
    for domain in mo_pairs.domains():
        name = os.path.basename(domain)
        if name.startswith("iso_"):
            continue  # place, currency and language names: endonyms, not English prose
        picked = 0
        for k, (msgid, msgstr) in enumerate(mo_pairs.pairs(domain)):
            if picked >= PER_DOMAIN:
                break
            if msgid.strip().lower() == msgstr.strip().lower() or "\n" in msgid or len(msgid) > MAX_CHARS:
                continue
            if not re.search(r"[^\W\d_]{3}", msgid) or re.search(r"%|\{|\$|<|--", msgid + msgstr):
                continue
            picked += 1
            if not only_names(msgid):
                rows.append((split_of(name), "en", f"mo:nl/{name}#{k}:msgid", clean(msgid)))
            rows.append((split_of(name), "nl", f"mo:nl/{name}#{k}:msgstr", clean(msgstr)))
    print("# split\tlabel\tprovenance\ttext  (built by tools/langid-devset/build.py)")
    for split, label, prov, text in rows:
        label = overrides.get(prov, label)
        if label != "skip" and text:
            print(f"{split}\t{label}\t{prov}\t{text}")


if __name__ == "__main__":
    main()
