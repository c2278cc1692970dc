#!/usr/bin/env python3
"""Compares the decisions of two updates of the same catalog (l10n update
and msgmerge --previous) entry by entry.

usage: po_decisions.py OURS.po THEIRS.po [--show N]

Each entry of either output is keyed by msgctxt and msgid (obsolete ones
apart) and classed by what the update did with it:
  exact        a translation kept from the same msgid
  fuzzy <id>   a fuzzy translation from the old message <id> (its "#|" msgid)
  untranslated no translation found
  obsolete     a message that left the template, kept as "#~"
An entry agrees when both outputs class it the same and carry the same
translation. Prints the agreement and the first N disagreements (default 10).
"""
import argparse
import ast
import sys


def unquote(s):
    return ast.literal_eval(s) if s.startswith('"') else ""


def entries(path):
    """Yields (obsolete, fields) for each entry; fields maps keywords
    ("msgid", "msgstr[0]", "prev msgid", "fuzzy", ...) to their values."""
    fields, last = {}, None
    obsolete = False
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    for raw in lines + [""]:
        line = raw
        if not line.strip():
            if "msgid" in fields:
                yield obsolete, fields
            fields, last, obsolete = {}, None, False
            continue
        prefix = ""
        if line.startswith("#~"):
            obsolete = True
            line = line[2:].lstrip(" ")
        if line.startswith("#|"):
            prefix, line = "prev ", line[2:].lstrip(" ")
        if line.startswith("#,"):
            if "fuzzy" in [flag.strip() for flag in line[2:].split(",")]:
                fields["fuzzy"] = True
            continue
        if line.startswith("#"):
            continue
        if line.startswith('"'):
            fields[last] += unquote(line)
            continue
        keyword, _, value = line.partition(" ")
        last = prefix + keyword
        fields[last] = unquote(value)


def decision(obsolete, fields):
    translation = tuple(v for k, v in sorted(fields.items()) if k.startswith("msgstr"))
    if obsolete:
        return ("obsolete", translation)
    if not any(translation):
        return ("untranslated",)
    if fields.get("fuzzy"):
        return ("fuzzy", fields.get("prev msgctxt"), fields.get("prev msgid"), translation)
    return ("exact", translation)


def decisions(path):
    out = {}
    for obsolete, fields in entries(path):
        if fields["msgid"] == "" and "msgctxt" not in fields:
            continue  # the header
        out[(obsolete, fields.get("msgctxt"), fields["msgid"])] = decision(obsolete, fields)
    return out


def describe(d):
    if d is None:
        return "(no entry)"
    if d[0] == "fuzzy":
        return "fuzzy from %r" % (d[2][:60],)
    return d[0]


def main():
    parser = argparse.ArgumentParser(description="Compares the decisions of two catalog updates.")
    parser.add_argument("ours")
    parser.add_argument("theirs")
    parser.add_argument("--show", type=int, default=10, metavar="N")
    args = parser.parse_args()
    ours, theirs = decisions(args.ours), decisions(args.theirs)
    keys = sorted(set(ours) | set(theirs), key=lambda k: (k[0], k[1] or "", k[2]))
    differ = [k for k in keys if ours.get(k) != theirs.get(k)]
    same = len(keys) - len(differ)
    print("%d of %d entries decided alike (%.2f%%), %d differ" % (
        same, len(keys), 100.0 * same / max(1, len(keys)), len(differ)))
    for k in differ[:args.show]:
        print("  %s%r: ours %s, theirs %s" % ("#~ " if k[0] else "", k[2][:60], describe(ours.get(k)),
                                            describe(theirs.get(k))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
