#!/usr/bin/env python3
"""Summarize a bench/run TSV: medians, ranges, ratios and the issue's goals.

Rows: size, bench, run, wall_s, user_s, sys_s, maxrss_kb, note.  `size` is
the page count of a corpus (1000, 5000, ...) or `pdfN` for the PDF kit of N
pages.  Rows whose bench starts with `meta` carry key=value words in note.
The kitgen_server_incr and hugo_server_* rows hold the server's
self-reported rebuild time as wall_s and the server's CPU ticks over the
rebuild as user_s (sys_s 0).
"""
import statistics
import sys
from collections import defaultdict

MAIN = ("kitgen_full", "kitgen_full_j1", "kitgen_full_share_images", "floor", "floor_j2", "hugo_full", "cmark_batched", "cmark_per_file",
        "kitgen_incr", "hugo_incr", "kitgen_server_incr", "hugo_server_incr", "hugo_server_full",
        "kitgen_xu", "po4a_xu")
PDF = ("kitgen_pdf_on", "kitgen_pdf_off", "weasyprint_pdf", "weasyprint_start")


def load(path):
    rows = defaultdict(list)
    meta = defaultdict(list)
    notes = {}
    sizes = []
    with open(path, encoding="utf-8") as f:
        next(f)
        for line in f:
            p = line.rstrip("\n").split("\t")
            size, bench = p[0], p[1]
            if size not in sizes:
                sizes.append(size)
            if bench.startswith("meta"):
                meta[(size, bench)].append(dict(kv.split("=", 1) for kv in p[7].split()))
                continue
            wall, user, sys_, rss = float(p[3]), float(p[4]), float(p[5]), int(p[6])
            rows[(size, bench)].append((wall, user + sys_, rss))
            notes[(size, bench)] = p[7]
    return rows, meta, notes, sizes


def main(path):
    rows, meta, notes, sizes = load(path)

    def stat(size, bench, i):
        v = [r[i] for r in rows.get((size, bench), [])]
        if not v:
            return None
        return statistics.median(v), min(v), max(v), len(v)

    def med(size, bench, i):
        s = stat(size, bench, i)
        return s[0] if s else None

    def one_meta(size, name):
        m = meta.get((size, name))
        return m[-1] if m else {}

    def table(size, benches, pages_per_s=None):
        print("| benchmark | runs | wall s median (min–max) | CPU s (user+sys) median (min–max) | peak RSS MB median | pages/s (wall) | how |")
        print("|---|---|---|---|---|---|---|")
        for b in benches:
            w, c, r = stat(size, b, 0), stat(size, b, 1), stat(size, b, 2)
            if not w:
                continue
            pps = ""
            if pages_per_s and b.endswith("_full") and not b.startswith("hugo_server") and w[0] > 0:
                pps = "%.0f" % (pages_per_s / w[0])
            print("| %s | %d | %.2f (%.2f–%.2f) | %.2f (%.2f–%.2f) | %.0f | %s | %s |" % (
                b, w[3], w[0], w[1], w[2], c[0], c[1], c[2], r[0] / 1024, pps, notes[(size, b)]))
        print()

    def floor_goals(size, goals, bound):
        """kitgen ÷ the file-writing floor (bench/floor.c), -j 2 ÷ -j 1 and
        the context switches of one more run of each under perf stat."""
        k, f = med(size, "kitgen_full", 0), med(size, "floor", 0)
        if k and f:
            r = k / f
            goals.append(("full build: kitgen wall ÷ file-writing floor wall", "≤ %g× (goal 1.5×)" % bound,
                          "%.2f× (%.2f s ÷ %.2f s)" % (r, k, f), r <= bound, r <= bound))
        k1 = med(size, "kitgen_full_j1", 0)
        if k and k1:
            r = k1 / k
            goals.append(("full build: -j 1 wall ÷ -j 2 wall", "≥ 1.6×", "%.2f× (%.2f s ÷ %.2f s)" % (r, k1, k),
                          r >= 1.6, r >= 1.6))
        f2 = med(size, "floor_j2", 0)
        if f and f2:
            goals.append(("the floor itself: one thread ÷ two threads (folders first)", "(context)",
                          "%.2f×" % (f / f2), True, True))
        cs = [one_meta(size, "meta_ctx_" + n) for n in ("kitgen_full", "floor")]
        if cs[0] or cs[1]:
            goals.append(("context switches, one run under perf stat: kitgen / floor", "(context)",
                          "%s / %s (CPU migrations %s / %s)" % (cs[0].get("cs", "—"), cs[1].get("cs", "—"),
                                                                cs[0].get("migrations", "—"), cs[1].get("migrations", "—")),
                          True, True))
        mf = one_meta(size, "meta_floor")
        if mf:
            print("The floor wrote the %s files (%.1f MB) of kitgen's output, same paths and sizes."
                  % (mf.get("files", "?"), int(mf.get("bytes", "0")) / 1e6))
            print()

    def print_goals(size, label, goals):
        if goals:
            print("| goal (%s) | target | measured (ratio of medians) | status |" % label)
            print("|---|---|---|---|")
            for name, target, val, both, either in goals:
                status = "met" if both else ("met on one measure only" if either else "missed")
                print("| %s | %s | %s | %s |" % (name, target, val, status))
            print()

    for size in sizes:
        if size.startswith("pdf"):
            pdf_section(size, stat, med, one_meta, meta, table)
            pdf_pairs(size, rows, meta)
            continue
        if size == "bundled":
            print("## The bundled kit, HTML only (kit.yaml `handouts: false`, `downloads: false`, "
                  "`share_images: false`)")
            print()
            table(size, MAIN)
            goals = []
            floor_goals(size, goals, 2)
            print_goals(size, "bundled kit, HTML only", goals)
            continue
        m = one_meta(size, "meta")
        npages = int(m.get("pages", "0"))
        nlang = int(m.get("langs", "0"))
        print("## %s pages x %d languages (+ English): %d HTML pages, %s cmark body files"
              % (size, nlang, npages, m.get("bodies", "?")))
        print()
        if m.get("kit") == "html-only":
            print("kitgen: kit.yaml `handouts: false`, `downloads: false`, `share_images: false` (HTML only, "
                  "like Hugo); kitgen_full_share_images is one build with share images on.")
        mi = one_meta(size, "meta_incr")
        if mi.get("pages", "0") != "0":
            print("kitgen_incr re-rendered %d of %s pages (%s unchanged, kept from the previous output)."
                  % (int(mi["pages"]) - int(mi.get("unchanged", 0)), mi["pages"], mi.get("unchanged")))
        if stat(size, "kitgen_server_incr", 0):
            print("kitgen_server_incr: wall = `kitgen serve`'s own \"rebuilt N pages in X ms\" (the build "
                  "inside the server, continuing its build session, without the watcher's 150 ms debounce; "
                  "not /usr/bin/time); CPU = the "
                  "server process's user+sys over the rebuild; RSS = the server's peak since start.")
        if stat(size, "hugo_server_incr", 0) or stat(size, "hugo_server_full", 0):
            print("hugo_server_*: wall = Hugo's own \"Total in N ms\" (not /usr/bin/time); CPU = the "
                  "server process's user+sys over the rebuild; RSS = the server's peak since start.")
        print()
        table(size, MAIN, npages)

        def ratio(a, b, i):
            sa, sb = med(size, a, i), med(size, b, i)
            if not sa or not sb:
                return None
            return sb / sa

        goals = []
        full_w = ratio("kitgen_full", "hugo_full", 0)
        full_c = ratio("kitgen_full", "hugo_full", 1)
        if full_w:
            goals.append(("full build: kitgen pages/s ÷ Hugo pages/s", "≥ 3.5× (goal 5×)",
                          "%.2f× wall, %.2f× CPU" % (full_w, full_c), full_w >= 3.5 and full_c >= 3.5,
                          full_w >= 3.5 or full_c >= 3.5))
        floor_goals(size, goals, 2)
        fl_w = ratio("cmark_batched", "kitgen_full", 0)
        fl_c = ratio("cmark_batched", "kitgen_full", 1)
        if fl_w:
            goals.append(("full build: kitgen time ÷ cmark floor (batched)", "≤ 2×",
                          "%.2f× wall, %.2f× CPU" % (fl_w, fl_c), fl_w <= 2 and fl_c <= 2,
                          fl_w <= 2 or fl_c <= 2))
        mem = ratio("hugo_full", "kitgen_full", 2)
        if mem:
            goals.append(("peak memory: kitgen ÷ Hugo", "≤ 0.1", "%.3f" % mem, mem <= 0.1, mem <= 0.1))
        # kitgen_incr against every Hugo rebuild; kitgen_server_incr
        # against the Hugo servers, each server by its own count (ms shown).
        for kit, hugo, label in (
                ("kitgen_incr", "hugo_incr", "vs second `hugo` run"),
                ("kitgen_incr", "hugo_server_incr", "vs `hugo server` (Fast Render), Hugo's own time"),
                ("kitgen_server_incr", "hugo_server_incr",
                 "`kitgen serve` vs `hugo server` (Fast Render), each server's own time"),
                ("kitgen_incr", "hugo_server_full", "vs `hugo server --disableFastRender`, Hugo's own time"),
                ("kitgen_server_incr", "hugo_server_full",
                 "`kitgen serve` vs `hugo server --disableFastRender`, each server's own time")):
            inc_w = ratio(kit, hugo, 0)
            inc_c = ratio(kit, hugo, 1)
            if not inc_w:
                continue
            ms = ""
            if kit == "kitgen_server_incr":
                ms = " (Hugo %.0f ms ÷ kitgen %.0f ms)" % (med(size, hugo, 0) * 1000, med(size, kit, 0) * 1000)
            goals.append(("one-page rebuild: Hugo time ÷ kitgen time (%s)" % label, "> 1× (faster)",
                          "%.2f× wall%s, %s CPU" % (inc_w, ms, "%.2f×" % inc_c if inc_c else "—"),
                          inc_w > 1 and bool(inc_c) and inc_c > 1, inc_w > 1 or bool(inc_c) and inc_c > 1))
        xu_w, xu_c = med(size, "kitgen_xu", 0), med(size, "kitgen_xu", 1)
        p4_w, p4_c = med(size, "po4a_xu", 0), med(size, "po4a_xu", 1)
        if xu_w and p4_w:
            mp = one_meta(size, "meta_po4a")
            scale = int(mp.get("of", "1")) / max(1, int(mp.get("pages", "1")))
            sw, sc = p4_w * scale / xu_w, p4_c * scale / xu_c
            extra = "" if scale == 1 else " (po4a measured on %s of %s pages, scaled ×%.2f)" % (
                mp.get("pages"), mp.get("of"), scale)
            goals.append(("extract+update: po4a+msgmerge time ÷ kitgen time", "≥ 10×",
                          "%.1f× wall, %.1f× CPU%s" % (sw, sc, extra), sw >= 10 and sc >= 10,
                          sw >= 10 or sc >= 10))
        print_goals(size, "%s × %d" % (size, nlang), goals)
    # Memory flat in the number of pages: the largest size's peak RSS
    # against the smallest's (the output manifest grows with the pages).
    numeric = sorted((int(x) for x in sizes if x.isdigit()))
    if len(numeric) >= 2:
        lo, hi = str(numeric[0]), str(numeric[-1])
        a, b = med(lo, "kitgen_full", 2), med(hi, "kitgen_full", 2)
        if a and b:
            print_goals("memory", "memory", [("peak RSS at %s ÷ at %s pages" % (hi, lo), "≤ 1.2× (+ the manifest)",
                                             "%.2f× (%.0f MB ÷ %.0f MB)" % (b / a, b / 1024, a / 1024),
                                             b / a <= 1.2, b / a <= 1.2)])


def pdf_section(size, stat, med, one_meta, meta, table):
    m = one_meta(size, "meta_pdf")
    print("## PDF handouts: %s pages x %s, a handout for every page" % (m.get("pages", "?"), m.get("langs", "?")))
    print()
    print("kitgen: %s PDFs, %s PDF pages (standard and large print in every language, bilingual in the "
          "translations); WeasyPrint: %s PDFs, %s PDF pages (one print document per kitgen handout, "
          "same text and variant)." % (m.get("kitgen_pdfs", "?"), m.get("kitgen_pdf_pages", "?"),
                                        m.get("weasy_pdfs", "?"), m.get("weasy_pdf_pages", "?")))
    print()
    table(size, PDF)
    kp = int(m.get("kitgen_pdf_pages", "0") or 0)
    wp = int(m.get("weasy_pdf_pages", "0") or 0)
    lines = []

    def per_page(on, off, pages, i):
        a, b = med(size, on, i), med(size, off, i)
        if a is None or b is None or not pages:
            return None
        return (a - b) / pages

    k_w, k_c = per_page("kitgen_pdf_on", "kitgen_pdf_off", kp, 0), per_page("kitgen_pdf_on", "kitgen_pdf_off", kp, 1)
    w_w, w_c = per_page("weasyprint_pdf", "weasyprint_start", wp, 0), per_page("weasyprint_pdf", "weasyprint_start", wp, 1)
    if k_w is not None:
        lines.append(("kitgen", "handouts on − handouts off", kp, k_w, k_c))
    if w_w is not None:
        lines.append(("WeasyPrint", "render − start-up", wp, w_w, w_c))
    if lines:
        print("| tool | time counted | PDF pages | wall ms per PDF page | CPU ms per PDF page |")
        print("|---|---|---|---|---|")
        for tool, how, pages, w, c in lines:
            print("| %s | %s | %d | %.1f | %.1f |" % (tool, how, pages, w * 1000, c * 1000))
        print()
    if k_w and w_w and k_w > 0 and k_c > 0:
        print("**WeasyPrint s per PDF page ÷ kitgen s per PDF page: %.1f× wall, %.1f× CPU.**" % (w_w / k_w, w_c / k_c))
        print()
    # by language: kitgen from kits with en alone and en + one language,
    # WeasyPrint from its per-document CPU times
    klangs = {l["lang"]: l for l in meta.get((size, "meta_pdf_kitgen_lang"), [])}
    wlangs = {l["lang"]: l for l in meta.get((size, "meta_pdf_lang"), [])}

    def kitgen_cpu(lang, one=""):
        """one="1": the builds at -j 1 (one process, no PDF worker)."""
        on, off = med(size, "kitgen_pdf_on%s_%s" % (one, lang), 1), med(size, "kitgen_pdf_off%s_%s" % (one, lang), 1)
        if on is None or off is None:
            return None
        if lang == "en":
            return on - off
        base = kitgen_cpu("en", one)
        return None if base is None else on - off - base

    order = [l for l in ["en"] + sorted(set(klangs) | set(wlangs)) if l in klangs or l in wlangs]
    order = list(dict.fromkeys(order))
    if order:
        print("By language, CPU only. kitgen: the kit with en + that language, handouts on − off, minus "
              "the same for en alone (so one run's noise can make a small figure negative), built as by "
              "default (a thread per core, PDFs drawn by worker processes, whose start-up and fonts are "
              "counted) and with `-j 1` (one process, as WeasyPrint); WeasyPrint: each document's render "
              "timed inside the process.")
        print()
        print("| language | kitgen PDF pages | kitgen CPU s | kitgen CPU ms per PDF page | WeasyPrint PDF pages "
              "| WeasyPrint CPU s | WeasyPrint CPU ms per PDF page | WeasyPrint ÷ kitgen "
              "| kitgen `-j 1` CPU ms per PDF page | WeasyPrint ÷ kitgen `-j 1` |")
        print("|---|---|---|---|---|---|---|---|---|---|")
        groups = {"all but CJK": [0, 0.0, 0, 0.0, True, 0.0, True], "all": [0, 0.0, 0, 0.0, True, 0.0, True]}

        def cell(x, fmt):
            return fmt % x if x is not None else "—"

        for lang in order:
            kl, wl = klangs.get(lang), wlangs.get(lang)
            kpages = int(kl["pages"]) if kl else None
            kc = kitgen_cpu(lang) if kl else None
            wpages = int(wl["pages"]) if wl else None
            wc = float(wl["cpu"]) if wl else None
            kpp = kc / kpages if kc is not None and kpages else None
            wpp = wc / wpages if wc is not None and wpages else None
            r = wpp / kpp if kpp and wpp and kpp > 0 else None
            kc1 = kitgen_cpu(lang, "1") if kl else None
            kpp1 = kc1 / kpages if kc1 is not None and kpages else None
            r1 = wpp / kpp1 if kpp1 and wpp and kpp1 > 0 else None
            print("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
                lang, cell(kpages, "%d"), cell(kc, "%.2f"), cell(kpp and kpp * 1000, "%.1f"),
                cell(wpages, "%d"), cell(wc, "%.1f"), cell(wpp and wpp * 1000, "%.0f"), cell(r, "%.0f×"),
                cell(kpp1 and kpp1 * 1000, "%.1f"), cell(r1, "%.0f×")))
            cjk = lang.split("-")[0] in ("zh", "ja", "ko")
            for g in ("all", "all but CJK"):
                if g == "all but CJK" and cjk:
                    continue
                acc = groups[g]
                if None in (kpages, kc, wpages, wc):
                    acc[4] = False
                    continue
                acc[0] += kpages
                acc[1] += kc
                acc[2] += wpages
                acc[3] += wc
                if kc1 is None:
                    acc[6] = False
                else:
                    acc[5] += kc1
        for g in ("all but CJK", "all"):
            kp_, kc_, wp_, wc_, ok, kc1_, ok1 = groups[g]
            has_cjk = any(l.split("-")[0] in ("zh", "ja", "ko") for l in order)
            if ok and kp_ and wp_ and kc_ > 0 and (g == "all" or has_cjk):
                one = ("%.1f | **%.0f×**" % (1000 * kc1_ / kp_, (wc_ / wp_) / (kc1_ / kp_))
                       if ok1 and kc1_ > 0 else "— | —")
                print("| **%s** | %d | %.2f | %.1f | %d | %.1f | %.0f | **%.0f×** | %s |" % (
                    g, kp_, kc_, 1000 * kc_ / kp_, wp_, wc_, 1000 * wc_ / wp_, (wc_ / wp_) / (kc_ / kp_), one))
        print()


def pdf_pairs(size, rows, meta):
    """The paired rounds by language (bench/run: kitgen's builds of a
    language and WeasyPrint drawing its documents one right after the
    other): each round's WeasyPrint ÷ kitgen per PDF page, CPU, and the
    median of the rounds."""
    pairs = meta.get((size, "meta_pdf_pair"), [])
    kpages = {l["lang"]: int(l["pages"]) for l in meta.get((size, "meta_pdf_kitgen_lang"), [])}
    if not pairs:
        return

    def cpu(name, r):
        v = rows.get((size, name), [])
        return v[r - 1][1] if len(v) >= r else None

    def kitgen(lang, r, one):
        on, off = cpu("pair_on%s_%s" % (one, lang), r), cpu("pair_off%s_%s" % (one, lang), r)
        if on is None or off is None:
            return None
        if lang == "en":
            return on - off
        enon, enoff = cpu("pair_enon%s_%s" % (one, lang), r), cpu("pair_enoff%s_%s" % (one, lang), r)
        return None if enon is None or enoff is None else on - off - (enon - enoff)

    by_lang = defaultdict(list)
    for p in pairs:
        lang, r = p["lang"], int(p["round"])
        wpp = float(p["cpu"]) / int(p["pages"]) if int(p["pages"]) else None
        row = [r, wpp]
        for one in ("", "1"):
            k = kitgen(lang, r, one)
            kpp = k / kpages[lang] if k is not None and kpages.get(lang) else None
            row += [kpp, wpp / kpp if wpp and kpp and kpp > 0 else None]
        by_lang[lang].append(row)

    def spread(v, fmt):
        v = [x for x in v if x is not None]
        if not v:
            return "—"
        return (fmt + " (" + fmt + "–" + fmt + ")") % (statistics.median(v), min(v), max(v))

    print("Paired by language, CPU only: in each round kitgen's builds of the language (en + it, and en "
          "alone, handouts on and off) and WeasyPrint drawing that language's documents in a process of "
          "its own ran one right after the other (the order swapped every round), so both saw the "
          "machine at the same speed. Each round's ratio, then the median of the rounds (min–max).")
    print()
    print("| language | rounds | WeasyPrint CPU ms per PDF page | kitgen CPU ms per PDF page | WeasyPrint ÷ kitgen "
          "| kitgen `-j 1` CPU ms per PDF page | WeasyPrint ÷ kitgen `-j 1` |")
    print("|---|---|---|---|---|---|---|")
    for lang in sorted(by_lang, key=lambda l: (l != "en", l)):
        v = by_lang[lang]
        col = lambda i, scale=1.0: [x[i] * scale if x[i] is not None else None for x in v]
        print("| %s | %d | %s | %s | **%s** | %s | **%s** |" % (
            lang, len(v), spread(col(1, 1000), "%.0f"), spread(col(2, 1000), "%.1f"),
            spread(col(3), "%.0f×"), spread(col(4, 1000), "%.1f"), spread(col(5), "%.0f×")))
    print()


if __name__ == "__main__":
    main(sys.argv[1])
