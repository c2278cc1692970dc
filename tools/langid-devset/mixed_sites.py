#!/usr/bin/env python3
"""Evaluates `l10n check` on synthetic mixed pages made from the corpus's
hand-translated sites (docs/check-evaluation.md).

For each site with English source pages and hand-made Dutch pages, in a
temporary copy holding just the page pairs:
  1. `l10n import --lang nl` aligns the Dutch pages into po/nl/content.po
     (English msgid, the translator's Dutch msgstr);
  2. the PO entries a translator translated (a msgstr that replaces some
     word of the msgid) are dealt into FOLDS folds with a fixed seed; in round k the
     msgstrs of fold k are blanked, so `l10n merge --fuzzy --keep 0` writes
     those units in English, the rest in the translator's Dutch: a partly
     translated site;
  3. `l10n check --format json` runs on the merged site and its findings are
     matched to the units through their `fix` (the PO entry) and page.

Labels come from the data, not from the tool: a unit the merged page shows
as its msgid where a translator replaced words is "en"; a unit showing the
translator's msgstr is "nl"; a unit with no such translation (untranslated
by import, a msgstr that keeps every word of the msgid, no letters) is "skip"
and not counted. Units are page occurrences of PO entries,
counted once per round.

The Dutch-only Ubuntu-NL pages are checked as Dutch pages as well: every
finding there is a false alarm.

Usage: tools/langid-devset/mixed_sites.py [--corpus DIR] [--l10n BINARY]
           [--seed N] [--folds N] [--json] [--verbose]
"""
import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

# (name, root in the corpus, English dir, Dutch dir, split). The config is
# tests/corpus/NAME.toml. QGIS was looked at while tuning the detector.
SITES = [
    ("qgis-website", "qgis-website", "content", "content-translated/nl", "tuning"),
    ("wz2100.net", "wz2100.net", "content/en", "content/nl", "test"),
    ("hinode", "hinode/exampleSite", "content/en", "content/nl", "test"),
]
DUTCH_ONLY = [("ubuntu-nl-hugo", "ubuntu-nl-hugo/content")]
KINDS = ["heading", "paragraph", "list item", "table cell", "front matter", "shortcode parameter", "other"]
LENGTHS = ["1-3 words", "4+ words"]


# --- PO files -------------------------------------------------------------

def _unquote(s):
    body = s.strip()[1:-1]
    esc = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}
    return re.sub(r'\\(.)', lambda m: esc.get(m.group(1), m.group(1)), body)


def read_po(path):
    """Entries of a PO file: dicts with msgid, msgstr, fuzzy, comments (#.),
    refs ([(file, line)]), first/last line (1-based, comments included) and
    msgstr_lines (the range of the msgstr block). The header is left out."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    entries, cur, field = [], None, None

    def close(end):
        if cur is not None and "msgid" in cur:
            cur["last"] = end
            if cur["msgid"] and not cur.get("obsolete"):
                entries.append(cur)

    for n, line in enumerate(lines, 1):
        if not line.strip():
            close(n - 1)
            cur, field = None, None
            continue
        if cur is None:
            cur = {"first": n, "comments": [], "refs": [], "fuzzy": False, "msgstr": ""}
        if line.startswith("#~"):
            cur["obsolete"] = True
        elif line.startswith("#."):
            cur["comments"].append(line[2:].strip())
        elif line.startswith("#:"):
            for ref in line[2:].split():
                file, _, ln = ref.rpartition(":")
                cur["refs"].append((file, int(ln)))
        elif line.startswith("#,"):
            cur["fuzzy"] = cur["fuzzy"] or "fuzzy" in [f.strip() for f in line[2:].split(",")]
        elif line.startswith("#"):
            pass
        elif line.startswith("msgctxt "):
            field, cur["msgctxt"] = "msgctxt", _unquote(line[8:])
        elif line.startswith("msgid_plural "):
            field = "msgid_plural"
        elif line.startswith("msgid "):
            field, cur["msgid"] = "msgid", _unquote(line[6:])
        elif line.startswith("msgstr"):
            field = "msgstr"
            cur.setdefault("msgstr_lines", [n, n])
            cur["msgstr_lines"][1] = n
            if line.startswith("msgstr[0] ") or line.startswith("msgstr "):
                cur["msgstr"] = _unquote(line.split(" ", 1)[1])
        elif line.startswith('"'):
            if field in ("msgid", "msgctxt"):
                cur[field] += _unquote(line)
            elif field == "msgstr":
                cur["msgstr_lines"][1] = n
                cur["msgstr"] += _unquote(line)
    close(len(lines))
    return entries


def key(entry):
    return (entry.get("msgctxt"), entry["msgid"])


def write_blanked(path, entries, blank):
    """Rewrites the PO file with the msgstr of the entries in `blank` emptied."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    drop = {}
    for e in entries:
        if id(e) in blank:
            a, b = e["msgstr_lines"]
            drop[a] = b
    out, n = [], 1
    while n <= len(lines):
        if n in drop:
            out.append('msgstr ""')
            n = drop[n] + 1
        else:
            out.append(lines[n - 1])
            n += 1
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out))


# --- Units ----------------------------------------------------------------

NON_PROSE = re.compile(r"\{\{[<%].*?[>%]\}\}|`[^`]*`|\]\([^)]*\)|<[^>]*>|https?://\S+|\S+@\S+\.\S+", re.S)
WORD = re.compile(r"[^\W\d_]+")


def prose(text):
    return NON_PROSE.sub(" ", text)


def prose_words(text):
    return sum(1 for w in prose(text).split() if re.search(r"[^\W\d_]", w))


def length_of(text):
    return "1-3 words" if prose_words(text) <= 3 else "4+ words"


def kept_words(msgid, msgstr):
    """The translator kept every word of the msgid (names, numbers, a Latin
    placeholder, a loanword): the source text is no English to find."""
    return set(WORD.findall(prose(msgid).lower())) <= set(WORD.findall(prose(msgstr).lower()))


def kind_of_comment(c):
    """The report's unit kind of an extracted comment, or None."""
    if c.startswith("heading"):
        return "heading"
    if c in ("paragraph", "list item"):
        return c
    if c in ("table cell", "table header cell"):
        return "table cell"
    if c.startswith("front matter"):
        return "front matter"
    if c.startswith("shortcode "):
        return "shortcode parameter"
    if c.startswith("block quote") or c.startswith("image"):
        return "other"
    return None


def kind_of_finding(unit):
    return unit if unit in KINDS else "other"


def kind_of_line(site_dir, file, line, msgid):
    """What the source line of a reference looks like, to tell the
    occurrences of a msgid that has several kinds apart."""
    try:
        with open(os.path.join(site_dir, file), encoding="utf-8") as f:
            lines = f.read().split("\n")
    except OSError:
        return None
    if lines and lines[0].strip() in ("---", "+++"):
        for n in range(1, len(lines)):
            if lines[n].strip() == lines[0].strip():
                if line <= n + 1:
                    return "front matter"
                break
    s = lines[line - 1].strip() if 0 < line <= len(lines) else ""
    if "{{" in s and ('"' + msgid + '"') in s:
        return "shortcode parameter"
    if s.startswith("#"):
        return "heading"
    if re.match(r"([-*+]|\d+[.)])\s", s):
        return "list item"
    if s.startswith("|"):
        return "table cell"
    if s.startswith(">"):
        return "other"
    return "paragraph"


def occurrences(site_dir, entry):
    """(page, source line, kind) of each reference of a PO entry."""
    kinds = [k for k in (kind_of_comment(c) for c in entry["comments"]) if k]
    out = []
    for file, line in entry["refs"]:
        if len(set(kinds)) == 1:
            kind = kinds[0]
        else:
            seen = kind_of_line(site_dir, file, line, entry["msgid"])
            kind = seen if seen in kinds else (kinds[0] if kinds else "other")
        out.append((file, line, kind))
    return out


# --- Running the tool -----------------------------------------------------

def run(cmd, cwd, ok=(0,)):
    env = dict(os.environ, LC_ALL="C.UTF-8")
    env.pop("LANGUAGE", None)
    p = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if p.returncode not in ok:
        sys.exit(f"{' '.join(cmd)} (in {cwd}) exited {p.returncode}:\n{p.stderr}{p.stdout[-2000:]}")
    return p


def pages_under(base):
    out = []
    for d, dirs, files in os.walk(base):
        dirs.sort()
        for f in sorted(files):
            if f.endswith(".md"):
                out.append(os.path.relpath(os.path.join(d, f), base))
    return sorted(out)


def make_site(corpus, work, name, root, en_dir, nl_dir):
    """A copy of the site's page pairs (Dutch page and its English source)."""
    site = os.path.join(work, name)
    src = os.path.join(corpus, root)
    for page in pages_under(os.path.join(src, nl_dir)):
        english = os.path.join(src, en_dir, page)
        if not os.path.exists(english):
            continue
        for d, from_path in ((en_dir, english), (nl_dir, os.path.join(src, nl_dir, page))):
            to = os.path.join(site, d, page)
            os.makedirs(os.path.dirname(to), exist_ok=True)
            shutil.copyfile(from_path, to)
    shutil.copyfile(os.path.join(ROOT, "tests", "corpus", name + ".toml"), os.path.join(site, "l10n.toml"))
    return site


def target_page(source, en_dir, nl_dir):
    return nl_dir + source[len(en_dir):]


def evaluate_site(l10n, corpus, work, name, root, en_dir, nl_dir, seed, folds):
    site = make_site(corpus, work, name, root, en_dir, nl_dir)
    run([l10n, "import", "--lang", "nl", "--quiet"], site)
    shutil.rmtree(os.path.join(site, nl_dir))  # the merged pages take their place
    po_path = os.path.join(site, "po", "nl", "content.po")
    with open(po_path, encoding="utf-8") as f:
        imported = f.read()
    entries = read_po(po_path)
    # Entries a translator translated, replacing words of the source: the
    # ones that can be shown in English or in Dutch.
    eligible = [e for e in entries if e["msgstr"] and re.search(r"[^\W\d_]", prose(e["msgid"]))
                and not kept_words(e["msgid"], e["msgstr"])]
    order = list(range(len(eligible)))
    random.Random(f"{seed}:{name}").shuffle(order)
    fold_of = {id(eligible[i]): k % folds for k, i in enumerate(order)}
    units, strays, po_false, refusals = [], [], [], set()
    for rnd in range(folds):
        with open(po_path, "w", encoding="utf-8") as f:
            f.write(imported)
        blank = {ident for ident, k in fold_of.items() if k == rnd}
        write_blanked(po_path, entries, blank)
        merged = run([l10n, "merge", "--fuzzy", "--keep", "0"], site)
        # A translation merge refuses leaves that occurrence in English.
        refused = set()
        for m in re.finditer(r"^po/nl/content\.po:\d+: warning: translation not used in (\S+):(\d+):",
                             merged.stdout + merged.stderr, re.M):
            refused.add((m.group(1), int(m.group(2))))
        report = json.loads(run([l10n, "check", "--lang", "nl", "--format", "json", "--quiet"], site,
                                ok=(0, 1)).stdout)
        # Lines of the PO as merge and check read it (blanking moved them).
        entry_of = {key(e): e for e in entries}
        by_line = {}
        for e in read_po(po_path):
            for n in range(e["first"], e["last"] + 1):
                by_line[n] = entry_of[key(e)]
        # Findings on pages, by (page, entry).
        found = {}
        for f in report["findings"]:
            if f["kind"] in ("po-msgstr", "po-identical"):
                e = by_line.get(f["line"])
                if e is not None and id(e) in fold_of and id(e) not in blank:
                    po_false.append({"round": rnd, "kind": f["kind"], "text": f["text"]})
                continue
            if f["kind"] not in ("unit", "sentence"):
                continue
            fix = f.get("fix") or {}
            e = by_line.get(fix.get("line")) if fix.get("path") == "po/nl/content.po" else None
            if e is None:
                strays.append({"round": rnd, "page": f["path"], "line": f["line"],
                               "kind": kind_of_finding(f["unit"]), "length": length_of(f["text"]),
                               "text": f["text"], "fragment": f["fragment"]})
                continue
            found.setdefault((f["path"], id(e)), []).append(f)
        for e in entries:
            occ = occurrences(site, e)
            pages = sorted({p for p, _, _ in occ})
            for page in pages:
                mine = sorted((o for o in occ if o[0] == page), key=lambda o: o[1])
                target = target_page(page, en_dir, nl_dir)
                fs = found.get((target, id(e)), [])
                # Each finding flags an occurrence of its unit kind; more
                # occurrences of a kind than findings leave the rest unflagged.
                flagged_lines = {}
                for f in fs:
                    flagged_lines.setdefault(kind_of_finding(f["unit"]), set()).add(f["line"])
                left = dict((k, len(v)) for k, v in flagged_lines.items())
                spare = 0
                for k, n in left.items():
                    spare += max(0, n - sum(1 for o in mine if o[2] == k))
                for _, line, kind in mine:
                    in_english = id(e) in blank or not e["msgstr"] or (page, line) in refused
                    if (page, line) in refused:
                        refusals.add((page, line))
                    # A refused translation is English in every round; it
                    # counts in its own round only.
                    if id(e) not in fold_of or (in_english and id(e) not in blank and e["msgstr"]
                                                and fold_of[id(e)] != rnd):
                        label = "skip"
                    else:
                        label = "en" if in_english else "nl"
                    flagged = False
                    if left.get(kind, 0) > 0:
                        left[kind] -= 1
                        flagged = True
                    elif spare > 0:
                        spare -= 1
                        flagged = True
                    units.append({"site": name, "round": rnd, "page": target, "source": f"{page}:{line}",
                                  "kind": kind, "length": length_of(e["msgid"]), "label": label,
                                  "flagged": flagged, "msgid": e["msgid"],
                                  "shown": e["msgid"] if in_english else e["msgstr"], "translation": e["msgstr"],
                                  "findings": [{"kind": f["kind"], "fragment": f["fragment"]} for f in fs]})
    return {"units": units, "strays": strays, "po_false_alarms": po_false,
            "entries": len(entries), "eligible": len(eligible),
            "refused": sorted(f"{p}:{n}" for p, n in refusals)}


def evaluate_dutch_only(l10n, corpus, name, path):
    base = os.path.join(corpus, path)
    report = json.loads(run([l10n, "check", "--lang", "nl", "--source", "en", "--format", "json", "--quiet", base],
                            corpus, ok=(0, 1)).stdout)
    pages_with = sorted({f["path"] for f in report["findings"]})
    return {"site": name, "pages": len(report["pages"]), "units": sum(p["units"] for p in report["pages"]),
            "findings": [{"page": os.path.relpath(f["path"], base), "line": f["line"], "kind": f["unit"],
                          "fragment": f["fragment"]} for f in report["findings"]],
            "pages_with_findings": len(pages_with)}


# --- Report ---------------------------------------------------------------

def counts(units):
    tp = sum(1 for u in units if u["label"] == "en" and u["flagged"])
    fn = sum(1 for u in units if u["label"] == "en" and not u["flagged"])
    fp = sum(1 for u in units if u["label"] == "nl" and u["flagged"])
    tn = sum(1 for u in units if u["label"] == "nl" and not u["flagged"])
    return {"tp": tp, "fp": fp, "fn": fn, "tn": tn,
            "precision": round(tp / (tp + fp), 3) if tp + fp else None,
            "recall": round(tp / (tp + fn), 3) if tp + fn else None}


def add_strays(c, strays):
    """Findings on text that is no PO entry of the page: false alarms."""
    c = dict(c)
    c["fp"] += len(strays)
    c["precision"] = round(c["tp"] / (c["tp"] + c["fp"]), 3) if c["tp"] + c["fp"] else None
    return c


def table(results):
    rows = []
    groups = [(s, [s]) for s in results["sites"]] + [("test sites", [n for n, _, _, _, split in SITES
                                                                      if split == "test"])]
    for title, names in groups:
        units = [u for n in names for u in results["sites"][n]["units"]]
        strays = [s for n in names for s in results["sites"][n]["strays"]]
        split = "test" if title == "test sites" else results["sites"][title]["split"]
        rows.append((title, split, "all", "all", add_strays(counts(units), strays)))
        for kind in KINDS:
            for length in LENGTHS:
                sel = [u for u in units if u["kind"] == kind and u["length"] == length and u["label"] != "skip"]
                st = [s for s in strays if s["kind"] == kind and s["length"] == length]
                if sel or st:
                    rows.append((title, split, kind, length, add_strays(counts(sel), st)))
        for length in LENGTHS:
            sel = [u for u in units if u["length"] == length]
            st = [s for s in strays if s["length"] == length]
            rows.append((title, split, "all", length, add_strays(counts(sel), st)))
    return rows


def fmt(x):
    return "–" if x is None else f"{x:.3f}"


def print_text(results, verbose):
    print(f"l10n check on mixed pages (tools/langid-devset/mixed_sites.py, seed {results['seed']}, "
          f"{results['folds']} rounds, {results['binary_version']})")
    print()
    print("| site | split | kind | length | TP | FP | FN | TN | precision | recall |")
    print("|---|---|---|---|--:|--:|--:|--:|--:|--:|")
    for site, split, kind, length, c in results["table"]:
        bold = "**" if site == "test sites" and kind == "all" and length == "all" else ""
        print(f"| {bold}{site}{bold} | {split} | {kind} | {length} | {c['tp']} | {c['fp']} | {c['fn']} | {c['tn']} "
              f"| {fmt(c['precision'])} | {fmt(c['recall'])} |")
    print()
    for name, s in results["sites"].items():
        skip = [u for u in s["units"] if u["label"] == "skip"]
        print(f"{name}: {s['entries']} PO entries, {s['eligible']} translated replacing words; "
              f"{len(s['units'])} unit occurrences over {results['folds']} rounds, {len(skip)} skipped "
              f"({sum(u['flagged'] for u in skip)} of them flagged); {len(s['strays'])} findings on no PO entry; "
              f"{len(s['po_false_alarms'])} PO findings on Dutch msgstrs; "
              f"{len(s['refused'])} units whose translation merge refuses (shown in English)")
    for d in results["dutch_only"]:
        print(f"{d['site']} (all Dutch): {d['pages']} pages, {d['units']} units, {len(d['findings'])} findings "
              f"on {d['pages_with_findings']} pages")
    if verbose:
        print()
        for name, s in results["sites"].items():
            for u in s["units"]:
                if u["label"] == "en" and not u["flagged"]:
                    print(f"miss  {name} r{u['round']} {u['source']} [{u['kind']}]: {u['shown']}  "
                          f"(translated: {u['translation']})")
                elif u["label"] == "nl" and u["flagged"]:
                    print(f"false {name} r{u['round']} {u['source']} [{u['kind']}]: {u['shown']}  "
                          f"<- {[f['fragment'] for f in u['findings']]}")
            for st in s["strays"]:
                print(f"stray {name} r{st['round']} {st['page']}:{st['line']} [{st['kind']}]: {st['fragment']}")
            for p in s["po_false_alarms"]:
                print(f"po    {name} r{p['round']} {p['kind']}: {p['text']}")
        for d in results["dutch_only"]:
            for f in d["findings"]:
                print(f"false {d['site']} {f['page']}:{f['line']} [{f['kind']}]: {f['fragment']}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", default=os.path.join(ROOT, "..", "shared", "corpus"))
    ap.add_argument("--l10n", default=os.path.join(ROOT, "build", "l10n"))
    ap.add_argument("--seed", type=int, default=16)
    ap.add_argument("--folds", type=int, default=3, help="rounds; each blanks one fold of the translated entries")
    ap.add_argument("--json", action="store_true", help="the counts and every unit as JSON")
    ap.add_argument("--verbose", action="store_true", help="list misses and false alarms")
    args = ap.parse_args()
    l10n = os.path.abspath(args.l10n)
    corpus = os.path.abspath(args.corpus)
    results = {"seed": args.seed, "folds": args.folds, "sites": {}, "dutch_only": [],
               "binary_version": run([l10n, "--version"], ROOT).stdout.strip().split("\n")[0]}
    with tempfile.TemporaryDirectory(prefix="l10n-mixed-") as work:
        for name, root, en_dir, nl_dir, split in SITES:
            r = evaluate_site(l10n, corpus, work, name, root, en_dir, nl_dir, args.seed, args.folds)
            r["split"] = split
            results["sites"][name] = r
    for name, path in DUTCH_ONLY:
        results["dutch_only"].append(evaluate_dutch_only(l10n, corpus, name, path))
    results["table"] = table(results)
    if args.json:
        out = dict(results)
        out["table"] = [{"site": s, "split": sp, "kind": k, "length": ln, **c} for s, sp, k, ln, c in results["table"]]
        json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        print_text(results, args.verbose)


if __name__ == "__main__":
    main()
