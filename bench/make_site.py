#!/usr/bin/env python3
"""Builds a synthetic Hugo site for tools/bench.sh from real pages.

usage: make_site.py [--languages nl,de,...] OUT PAGES [SOURCE_PAGE...]

Writes OUT/content/en/sNNN/<n>-<name>.md, PAGES pages in all, and OUT/l10n.toml
(target languages: --languages, or Dutch alone).
Each page is one real page (front matter and body) followed by the bodies of
the next real pages until it holds 3 KB or more (5 KB on average), the size of a typical
documentation page, so 10,000 pages are about 50 MB of Markdown. Copy N of a
page starts the first line of each paragraph with "PN ", so that msgids are
mostly unique, as on a real site, instead of collapsing into a few hundred
entries with thousands of references. Lines inside front matter, fenced code
and shortcode calls are left alone. Nothing is random: the same arguments give
the same bytes.
"""
import os
import re
import sys

TARGET_BYTES = 3000
FRONT = re.compile(r"\A(\ufeff?)(---|\+\+\+)\n.*?\n(---|\.\.\.|\+\+\+)\n", re.S)
OPEN_CALL = re.compile(r"\{\{[<%]")
CLOSE_CALL = re.compile(r"[>%]\}\}")

CONFIG = """languages = [%s]
[frontMatter]
keys = ["title", "linkTitle", "subtitle", "description", "summary", "menu.*.name"]
[shortcodes]
button = ["text"]
rich-list = ["listTitle"]
steps-bar = [0, 1, 2, 3, 4]
[merge]
keep = 0
"""


def split_page(text):
    m = FRONT.match(text)
    return (text[: m.end()], text[m.end():]) if m else ("", text)


def tag_paragraphs(body, tag):
    out, fence, in_call, prev_blank = [], None, 0, True
    for line in body.split("\n"):
        stripped = line.lstrip()
        if fence:
            if stripped.startswith(fence):
                fence = None
        elif stripped.startswith("```") or stripped.startswith("~~~"):
            fence = stripped[:3]
        elif in_call == 0 and prev_blank and line[:1].isalpha():
            line = tag + line
        in_call = max(0, in_call + len(OPEN_CALL.findall(line)) - len(CLOSE_CALL.findall(line)))
        prev_blank = not stripped
        out.append(line)
    return "\n".join(out)


def main():
    args = sys.argv[1:]
    languages = ["nl"]
    if args and args[0].startswith("--languages="):
        languages = args.pop(0).split("=", 1)[1].split(",")
    out, pages, sources = args[0], int(args[1]), args[2:]
    texts = []
    for path in sources:
        with open(path, encoding="utf-8", newline="") as f:
            texts.append((os.path.basename(path), split_page(f.read())))
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "l10n.toml"), "w") as f:
        f.write(CONFIG % ", ".join('"%s"' % l for l in languages))
    total = 0
    for n in range(pages):
        name, (front, body) = texts[n % len(texts)]
        tag = "P%d " % n
        parts = [front, tag_paragraphs(body, tag)]
        k, size = n + 1, len(front) + len(body)
        while size < TARGET_BYTES and k < n + len(texts):
            extra = texts[k % len(texts)][1][1]
            parts.append("\n\n" + tag_paragraphs(extra, tag))
            size += len(extra)
            k += 1
        page = "".join(parts)
        if not page.endswith("\n"):
            page += "\n"
        directory = os.path.join(out, "content", "en", "s%03d" % (n // 100))
        os.makedirs(directory, exist_ok=True)
        data = page.encode("utf-8")
        with open(os.path.join(directory, "%d-%s" % (n, name)), "wb") as f:
            f.write(data)
        total += len(data)
    print("%d pages, %.1f MB of Markdown in %s" % (pages, total / 1e6, out))


if __name__ == "__main__":
    main()
