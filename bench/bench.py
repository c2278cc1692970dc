#!/usr/bin/env python3
"""The speed benchmark behind tools/bench.sh: l10n against po4a and
translate-toolkit on the same synthetic site (bench/make_site.py).

usage: bench.py L10N_BINARY WORKDIR [--pages 1000,10000] [--runs 3]
                [--po4a-pages 1000] [--ttk-pages 1000] [--check-runs 1]
       bench.py L10N_BINARY WORKDIR --scale [10000x17,50000x1] [--runs 3]
                [--baseline OTHER_L10N_BINARY]

--scale runs bench/scale.py instead: l10n alone on large multilingual sites.

For each tool the steady state of a site under translation is timed: the
catalogs exist and are fully translated (msgstr = "[nl] " + msgid), then
  extract: read every page, rebuild the template, update the Dutch PO;
  merge:   write every translated page (the output tree is removed first);
  check:   l10n check on the written tree (l10n only: the others have none).
Every figure is the median of --runs runs (wall and CPU time), with the peak
resident memory of the largest run (/usr/bin/time). po4a and translate-toolkit take minutes per
thousand pages, so they run on the first --po4a-pages / --ttk-pages pages of
the same site and their time is scaled per page to the full size; the output
says where it did so.
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def sh(cmd, cwd=None, check=True, ok=(0,), env=None):
    r = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                       env=None if env is None else dict(os.environ, **env))
    if check and r.returncode not in ok:
        sys.exit("failed: %s\n%s" % (" ".join(cmd), r.stdout[-3000:]))
    return r


def timed(cmd, cwd=None, prepare=None, runs=3, ok=(0,), env=None):
    """Median wall time (s), median CPU time (user + system, s) and peak RSS
    (MB) of `runs` runs of cmd. CPU time is the steadier figure on a shared
    machine; l10n's wall time also gains from its threads, the others run on
    one core."""
    times, cpus, peak = [], [], 0
    for _ in range(runs):
        if prepare:
            prepare()
        start = time.monotonic()
        r = sh(["/usr/bin/time", "-f", "@@%M %U %S"] + cmd, cwd=cwd, ok=ok, env=env)
        times.append(time.monotonic() - start)
        rss, user, system = re.findall(r"@@(\d+) ([\d.]+) ([\d.]+)", r.stdout)[-1]
        cpus.append(float(user) + float(system))
        peak = max(peak, int(rss) / 1024)
    return statistics.median(times), statistics.median(cpus), peak


def source_pages():
    pages = []
    for base in (os.path.join(ROOT, "..", "shared", "corpus"), os.path.join(ROOT, "content")):
        for d, _, files in os.walk(base):
            pages += [os.path.join(d, f) for f in files if f.endswith(".md") and f != "README.md"]
    return sorted(pages)


def readable_pages(l10n, work, pages):
    """The pages l10n reads without an error (a few corpus pages have broken shortcodes)."""
    stage = os.path.join(work, "stage")
    shutil.rmtree(stage, ignore_errors=True)
    os.makedirs(os.path.join(stage, "content", "en"))
    with open(os.path.join(stage, "l10n.toml"), "w") as f:
        f.write('languages = ["nl"]\n')
    for i, p in enumerate(pages):
        shutil.copy(p, os.path.join(stage, "content", "en", "%d.md" % i))
    r = sh([l10n, "extract", "--root", stage, "--quiet"], check=False)
    bad = {int(m) for m in re.findall(r"content/en/(\d+)\.md:", r.stdout)}
    shutil.rmtree(stage)
    return [p for i, p in enumerate(pages) if i not in bad], len(bad)


def set_aside(path, site):
    """Moves a previous output tree out of the way (into SITE/TRASH)
    instead of deleting it. On ext4, creating thousands of files seconds after
    deleting thousands makes the kernel scan past every recently freed inode
    (recently_deleted()), which took a quarter of l10n's merge time and is no
    part of any tool's work. The trash goes with the site at the end."""
    if not os.path.exists(path):
        return
    trash = os.path.join(site, "TRASH")
    os.makedirs(trash, exist_ok=True)
    os.rename(path, os.path.join(trash, str(len(os.listdir(trash)))))


def make_site(out, n, pages, languages=("nl",)):
    shutil.rmtree(out, ignore_errors=True)
    r = sh([sys.executable, os.path.join(HERE, "make_site.py"), "--languages=" + ",".join(languages), out, str(n)] + pages)
    return r.stdout.strip()


def markdown_bytes(site):
    total = 0
    for d, _, files in os.walk(os.path.join(site, "content", "en")):
        total += sum(os.path.getsize(os.path.join(d, f)) for f in files)
    return total


def translate_po(path):
    """msgstr = "[nl] " + msgid for every entry but the header: a translation
    no tool refuses (same shortcodes, links and code) that changes every unit."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    out = []
    for block in text.split("\n\n"):
        m = re.search(r'^msgid ((?:".*"\n?)+)^msgstr ""\s*$', block + "\n", re.M)
        if not m or m.group(1).strip() == '""' or block.lstrip().startswith("#~"):
            out.append(block)
            continue
        lines = m.group(1).rstrip("\n").split("\n")
        first = next(i for i, l in enumerate(lines) if l != '""')
        lines[first] = '"[nl] ' + lines[first][1:]
        new = block[: m.start()] + "msgid " + m.group(1) + "msgstr " + "\n".join(lines)
        out.append(new.rstrip("\n"))
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n\n".join(out))


class Result:
    def __init__(self, tool, step, pages, seconds, cpu, mb, full_pages):
        self.tool, self.step, self.pages, self.seconds, self.cpu, self.mb = tool, step, pages, seconds, cpu, mb
        self.input_mb = 0.0
        self.scaled = seconds * full_pages / pages
        self.scaled_cpu = cpu * full_pages / pages
        self.extrapolated = pages != full_pages


def catalog_mb(site):
    po = os.path.join(site, "po")
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(po) for f in fs) / 1e6


def bench_l10n(l10n, site, n, runs, check_runs):
    sh([l10n, "extract", "--root", site, "--quiet"])
    translate_po(os.path.join(site, "po", "nl", "content.po"))
    out = os.path.join(site, "content", "nl")
    clean = lambda: set_aside(out, site)
    res = [Result("l10n", "extract", n, *timed([l10n, "extract", "--root", site, "--quiet"], runs=runs), n)]
    res.append(Result("l10n", "merge", n, *timed([l10n, "merge", "--root", site, "--quiet"], prepare=clean, runs=runs), n))
    if check_runs > 0 and sh([l10n, "check", "--help"], check=False).returncode == 0:
        clean()
        sh([l10n, "merge", "--root", site, "--quiet"])
        report = os.path.join(site, "check.txt")
        res.append(Result("l10n", "check", n,
                          *timed([l10n, "check", "--root", site, "--output", report], runs=check_runs, ok=(0, 1)), n))
    return res


def bench_po4a(site, n, full, runs):
    pages = []
    for d, _, files in os.walk(os.path.join(site, "content", "en")):
        pages += [os.path.relpath(os.path.join(d, f), site) for f in files]
    with open(os.path.join(site, "po4a.cfg"), "w") as f:
        f.write("[po4a_langs] nl\n[po4a_paths] po4a/site.pot $lang:po4a/$lang.po\n"
                "[options] --keep 0 --master-charset UTF-8 --localized-charset UTF-8\n")
        for p in sorted(pages):
            out = p.replace("content/en/", "po4a-out/$lang/", 1)
            f.write('[type: text] %s $lang:%s opt:"-o markdown -o yfm_lenient -o yfm_keys=title,linkTitle,description"\n' % (p, out))
    sh(["po4a", "--force", "--no-translations", "po4a.cfg"], cwd=site)
    translate_po(os.path.join(site, "po4a", "nl.po"))
    clean = lambda: set_aside(os.path.join(site, "po4a-out"), site)
    return [Result("po4a", "extract", n, *timed(["po4a", "--force", "--no-translations", "po4a.cfg"], cwd=site, runs=runs), full),
            Result("po4a", "merge", n, *timed(["po4a", "--force", "--no-update", "po4a.cfg"], cwd=site, prepare=clean, runs=runs), full)]


def ttk_converters():
    """md2po/po2md where translate-toolkit has them (3.9 and later); Debian 12
    ships 3.8.4, whose closest converters are txt2po/po2txt (paragraphs)."""
    return ("md2po", "po2md") if shutil.which("md2po") and shutil.which("po2md") else ("txt2po", "po2txt")


def bench_ttk(site, n, full, runs):
    to_po, from_po = ttk_converters()
    src = os.path.join(site, "content", "en")
    if to_po == "txt2po":
        # po2txt finds the template of x.po only as x.txt: give it .txt names.
        txt = os.path.join(site, "ttk-src")
        for d, _, files in os.walk(src):
            out_dir = os.path.join(txt, os.path.relpath(d, src))
            os.makedirs(out_dir, exist_ok=True)
            for f in files:
                os.symlink(os.path.join(d, f), os.path.join(out_dir, f[:-3] + ".txt"))
        src = txt
    pot, po, new, out = (os.path.join(site, d) for d in ("ttk-pot", "ttk-po", "ttk-po-new", "ttk-out"))
    q = ["--progress=none"]
    sh([to_po, "-P"] + q + [src, pot])
    sh(["pot2po"] + q + [pot, po])
    for d, _, files in os.walk(po):
        for f in files:
            translate_po(os.path.join(d, f))
    # Extract = the template from the pages, then the PO updated from it
    # (translate-toolkit's msgmerge); the script runs both as one step.
    script = os.path.join(site, "ttk-extract.sh")
    with open(script, "w") as f:
        f.write("set -e\nrm -rf '%s' '%s'\n%s -P --progress=none '%s' '%s'\npot2po --progress=none -t '%s' '%s' '%s'\n"
                % (pot, new, to_po, src, pot, po, pot, new))
    clean = lambda: set_aside(out, site)
    res = [Result("translate-toolkit", "extract", n, *timed(["sh", script], runs=runs), full),
           Result("translate-toolkit", "merge", n,
                  *timed([from_po, "--progress=none", "-t", src, po, out], prepare=clean, runs=runs), full)]
    written = sum(len(files) for _, _, files in os.walk(out))
    if written != n:
        sys.exit("translate-toolkit wrote %d of %d pages" % (written, n))
    return res


def require_tools():
    missing = [t for t in ("po4a", "pot2po", ttk_converters()[0], "/usr/bin/time") if not shutil.which(t)]
    if missing:
        sys.exit("missing: %s (tools/install-deps.sh installs po4a, translate-toolkit and time)" % ", ".join(missing))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("l10n")
    ap.add_argument("work")
    ap.add_argument("--pages", default="1000,10000")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--po4a-pages", type=int, default=1000)
    ap.add_argument("--ttk-pages", type=int, default=1000)
    ap.add_argument("--check-runs", type=int, default=1, help="l10n check is slower: fewer runs (0: skip)")
    ap.add_argument("--scale", nargs="?", const="10000x17,50000x1",
                    help="PAGESxLANGUAGES,...: the scale benchmark (bench/scale.py) instead")
    ap.add_argument("--baseline", help="--scale: another l10n binary timed beside, on the same files")
    a = ap.parse_args()
    if a.scale:
        import scale
        os.makedirs(a.work, exist_ok=True)
        pages, dropped = readable_pages(a.l10n, a.work, source_pages())
        print("source pages: %d real pages (%d left out: l10n rejects them)" % (len(pages), dropped))
        scale.main(a.l10n, a.work, a.scale, a.runs, pages, a.baseline)
        return
    require_tools()
    sizes = [int(s) for s in a.pages.split(",")]
    full = max(sizes)
    os.makedirs(a.work, exist_ok=True)
    pages, dropped = readable_pages(a.l10n, a.work, source_pages())
    print("source pages: %d real pages (%d left out: l10n rejects them)" % (len(pages), dropped))

    results, mbytes, catalogs = [], {}, {}
    for n in sizes:
        site = os.path.join(a.work, "site-%d" % n)
        print(make_site(site, n, pages), flush=True)
        mbytes[n] = markdown_bytes(site) / 1e6
        for r in bench_l10n(a.l10n, site, n, a.runs, a.check_runs):
            r.input_mb = mbytes[n]
            results.append(r)
        catalogs[n] = catalog_mb(site)
        shutil.rmtree(site)
    for tool, n, fn in (("po4a", a.po4a_pages, bench_po4a), ("translate-toolkit", a.ttk_pages, bench_ttk)):
        n = min(n, full)
        site = os.path.join(a.work, "site-%s-%d" % (tool, n))
        make_site(site, n, pages)
        print("%s on %d pages" % (tool, n), flush=True)
        for r in fn(site, n, full, a.runs):
            r.input_mb = markdown_bytes(site) / 1e6
            results.append(r)
        shutil.rmtree(site)

    print("\n%-18s %-8s %6s %9s %9s %10s %10s %7s %8s" % (
        "tool", "step", "pages", "wall s", "cpu s", "wall @%d" % full, "cpu @%d" % full, "MB/s", "peak MB"))
    for r in results:
        note = " *" if r.extrapolated else ""
        print("%-18s %-8s %6d %9.2f %9.2f %10.1f %10.1f %7.1f %8.0f%s" % (
            r.tool, r.step, r.pages, r.seconds, r.cpu, r.scaled, r.scaled_cpu, r.input_mb / r.seconds, r.mb, note))
    print("medians of %d runs (l10n check: %d); MB/s = Markdown read per wall second" % (a.runs, a.check_runs))
    if any(r.extrapolated for r in results):
        print("* timed on the first pages of the same site (po4a: %d, translate-toolkit: %d, with %s)"
              " and scaled per page to %d pages" % (min(a.po4a_pages, full), min(a.ttk_pages, full),
                                                    "/".join(ttk_converters()), full))

    at = {(r.tool, r.step): r for r in results if r.tool != "l10n" or r.pages == full}
    ours = at[("l10n", "extract")].scaled + at[("l10n", "merge")].scaled
    ours_cpu = at[("l10n", "extract")].scaled_cpu + at[("l10n", "merge")].scaled_cpu
    print("\nextract + merge at %d pages (%.0f MB): l10n %.2f s wall, %.2f s cpu" % (full, mbytes[full], ours, ours_cpu))
    for tool, target in (("po4a", 100), ("translate-toolkit", 20)):
        theirs = at[(tool, "extract")].scaled + at[(tool, "merge")].scaled
        theirs_cpu = at[(tool, "extract")].scaled_cpu + at[(tool, "merge")].scaled_cpu
        print("  %-18s %8.1f s wall, %8.1f s cpu: l10n is %5.0fx faster (cpu %5.0fx; target %dx)" % (
            tool, theirs, theirs_cpu, theirs / ours, theirs_cpu / ours_cpu, target))
    if ("l10n", "check") in at:
        # Issue 16's bar: check costs at most twice the CPU of extract on the same pages.
        check, extract = at[("l10n", "check")], at[("l10n", "extract")]
        print("check at %d pages: %.2f s cpu, %.1fx the cpu of extract (target: at most 2x)" % (
            full, check.scaled_cpu, check.scaled_cpu / extract.scaled_cpu))
    for n in sizes:
        peak = max(r.mb for r in results if r.tool == "l10n" and r.pages == n and r.step != "check")
        print("l10n at %d pages: catalogs %.0f MB (POT + PO), peak memory of extract/merge %.0f MB" % (
            n, catalogs[n], peak))
    if len(sizes) > 1:
        small, big = min(sizes), full
        print("growth %d -> %d pages (x%.0f input):" % (small, big, mbytes[big] / mbytes[small]))
        for step in ("extract", "merge", "check"):
            t = {r.pages: r for r in results if r.tool == "l10n" and r.step == step}
            if small in t and big in t:
                print("  %-8s wall x%.1f, cpu x%.1f, peak memory %.0f -> %.0f MB" % (
                    step, t[big].seconds / t[small].seconds, t[big].cpu / t[small].cpu, t[small].mb, t[big].mb))


if __name__ == "__main__":
    main()
