"""The scale benchmark behind `tools/bench.sh --scale` (issue 18): l10n alone
on sites the size of a real multilingual one, by default 10,000 pages with 17
target languages and 50,000 pages with one.

For each site, in one run:
  extract (new):  the first extract, which makes every PO file (one run);
  extract:        the steady state: every PO file exists and is translated;
  merge (first):  every language's pages written into empty trees;
  cp -r:          the same trees copied with cp -r, right after, as the
                  yardstick of what creating that many files costs here;
  merge (again):  a re-run whose outputs are all unchanged.
With --baseline BINARY, that binary (an older l10n) runs each step too,
alternating run by run, on the same files: as it starts ("base") and, for
one that restarts itself with glibc's huge-page tunable (before issue 18),
with L10N_NO_HUGE_PAGES=1 ("base-nohuge"), which measures that restart.
Every figure is the median of --runs runs (wall and CPU = user + sys), with
the peak resident memory of the largest run. md MB/cpu s is Markdown per CPU
second (for merge: the pages read once per language written); peak/cat is the
peak memory over the bytes of the catalogs (extract: all it writes; merge:
the largest language's).
"""
import os
import shutil

from bench import catalog_mb, make_site, markdown_bytes, set_aside, sh, timed, translate_po

LANGUAGES = "nl de fr es it pt ja zh ko ru pl sv da fi cs tr uk".split()
ENVS = {"l10n": {}, "base": {"L10N_NO_HUGE_PAGES": ""}, "base-nohuge": {"L10N_NO_HUGE_PAGES": "1"}}


def parse_sizes(spec):
    """"10000x17,50000x1" -> [(10000, 17), (50000, 1)]"""
    sizes = []
    for part in spec.split(","):
        pages, _, langs = part.partition("x")
        sizes.append((int(pages), int(langs or 1)))
    return sizes


def translate_all(site, languages):
    """Translates the first language's PO (bench.translate_po) and gives its
    entries to the others, with their own Language header: one slow Python
    pass instead of one per language."""
    first = os.path.join(site, "po", languages[0], "content.po")
    translate_po(first)
    with open(first, encoding="utf-8") as f:
        text = f.read()
    for lang in languages[1:]:
        with open(os.path.join(site, "po", lang, "content.po"), "w", encoding="utf-8") as f:
            f.write(text.replace('"Language: %s\\n"' % languages[0], '"Language: %s\\n"' % lang, 1))


def language_catalog_mb(site, lang):
    d = os.path.join(site, "po", lang)
    return sum(os.path.getsize(os.path.join(d, f)) for f in os.listdir(d)) / 1e6


class Row:
    def __init__(self, site, step, variant, measured, md_mb, catalog_mb):
        self.site, self.step, self.variant = site, step, variant
        self.wall, self.cpu, self.peak = measured
        self.md_mb, self.catalog_mb = md_mb, catalog_mb


def timed_variants(cmd, variants, runs, prepare=None):
    """timed() of cmd(binary) for each variant (name -> binary), under its
    environment, alternating run by run so that all see the same machine."""
    samples = {v: [] for v in variants}
    for _ in range(runs):
        for v, binary in variants.items():
            samples[v].append(timed(cmd(binary), prepare=prepare, runs=1, env=ENVS[v]))
    out = {}
    for v, s in samples.items():
        walls, cpus, peaks = zip(*s)
        out[v] = (sorted(walls)[len(walls) // 2], sorted(cpus)[len(cpus) // 2], max(peaks))
    return out


def bench_site(work, n, nlang, sources, runs, variants):
    languages = LANGUAGES[:nlang]
    site = os.path.join(work, "scale-%dx%d" % (n, nlang))
    print(make_site(site, n, sources, languages), flush=True)
    name = "%dx%d" % (n, nlang)
    md = markdown_bytes(site) / 1e6
    trees = [os.path.join(site, "content", lang) for lang in languages]
    extract = lambda binary: [binary, "extract", "--root", site, "--quiet"]
    merge = lambda binary: [binary, "merge", "--root", site, "--quiet"]
    first, ours = next(iter(variants.items()))
    rows = [Row(name, "extract (new)", first, timed(extract(ours), runs=1, env=ENVS[first]), md, 0)]
    translate_all(site, languages)
    sh(extract(ours))  # settles the translated catalogs: the timed runs write nothing
    catalogs = catalog_mb(site)
    rows[0].catalog_mb = catalogs
    largest = max(language_catalog_mb(site, lang) for lang in languages)
    for v, m in timed_variants(extract, variants, runs).items():
        rows.append(Row(name, "extract", v, m, md, catalogs))

    def clear_trees():
        for t in trees:
            set_aside(t, site)

    copy = os.path.join(site, "copy")

    def clear_copy():
        set_aside(copy, site)
        os.makedirs(copy)

    for v, m in timed_variants(merge, variants, runs, prepare=clear_trees).items():
        rows.append(Row(name, "merge (first)", v, m, md * nlang, largest))
    # The yardstick: the trees merge just wrote, copied as fresh files.
    rows.append(Row(name, "cp -r", "-", timed(["cp", "-r"] + trees + [copy], runs=runs, prepare=clear_copy),
                    md * nlang, 0))
    for v, m in timed_variants(merge, variants, runs).items():
        rows.append(Row(name, "merge (again)", v, m, md * nlang, largest))
    shutil.rmtree(site)
    return rows, md, catalogs, largest


def report(rows, sites, runs):
    print("\n%-9s %-14s %-11s %8s %8s %8s %13s %8s %9s" % (
        "site", "step", "run", "wall s", "cpu s", "peak MB", "md MB/cpu s", "ms/page", "peak/cat"))
    for r in rows:
        pages = int(r.site.split("x")[0])
        per_page = r.cpu * 1000 / pages
        ratio = "%9.2f" % (r.peak / r.catalog_mb) if r.catalog_mb else "%9s" % "-"
        print("%-9s %-14s %-11s %8.2f %8.2f %8.0f %13.1f %8.3f %s" % (
            r.site, r.step, r.variant, r.wall, r.cpu, r.peak, r.md_mb / r.cpu if r.cpu else 0, per_page, ratio))
    print("medians of %d runs (extract (new): one); base: the --baseline binary, base-nohuge: the same"
          " with L10N_NO_HUGE_PAGES=1" % runs)
    for name, (md, catalogs, largest) in sites.items():
        at = {(r.step, r.variant): r for r in rows if r.site == name}
        print("\n%s: %.0f MB of Markdown, catalogs %.0f MB (largest language %.0f MB)" % (name, md, catalogs, largest))
        for step in ("extract", "merge (first)", "merge (again)"):
            if (step, "base") in at and (step, "base-nohuge") in at:
                on, off = at[(step, "base")], at[(step, "base-nohuge")]
                print("  base huge pages, %-13s cpu %.2f vs %.2f s (x%.2f), wall %.2f vs %.2f s, peak %.0f vs %.0f MB" % (
                    step + ":", on.cpu, off.cpu, on.cpu / off.cpu, on.wall, off.wall, on.peak, off.peak))
        for step in ("extract", "merge (first)", "merge (again)"):
            if (step, "base") in at and (step, "l10n") in at:
                new, old = at[(step, "l10n")], at[(step, "base")]
                print("  vs baseline, %-13s cpu %.2f vs %.2f s (x%.2f), wall %.2f vs %.2f s, peak %.0f vs %.0f MB" % (
                    step + ":", new.cpu, old.cpu, new.cpu / old.cpu, new.wall, old.wall, new.peak, old.peak))
        cp = at.get(("cp -r", "-"))
        for (step, v), r in sorted(at.items()):
            if step == "extract":
                print("  extract [%s]: %.1f MB of Markdown per cpu s (target >= 40), peak %.2fx the catalogs"
                      " written (target <= 3)" % (v, r.md_mb / r.cpu, r.peak / catalogs))
            elif step == "merge (first)":
                print("  merge (first) [%s]: peak %.0f MB = largest catalog + %.0f MB; %.2fx the cpu and %.2fx"
                      " the wall time of cp -r (%.2f s cpu, %.2f s wall)" % (
                          v, r.peak, r.peak - largest, r.cpu / cp.cpu, r.wall / cp.wall, cp.cpu, cp.wall))


def main(l10n, work, spec, runs, sources, baseline=None):
    variants = {"l10n": l10n}
    if baseline:
        variants.update({"base": baseline, "base-nohuge": baseline})
    rows, sites = [], {}
    for n, nlang in parse_sizes(spec):
        site_rows, md, catalogs, largest = bench_site(work, n, nlang, sources, runs, variants)
        rows += site_rows
        sites["%dx%d" % (n, nlang)] = (md, catalogs, largest)
    report(rows, sites, runs)
