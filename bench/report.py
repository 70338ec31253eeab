#!/usr/bin/env python3
"""Summarize a bench/run TSV: medians, ranges, ratios and the issue's goals."""
import statistics
import sys
from collections import defaultdict


def main(path):
    rows = defaultdict(list)
    meta = {}
    notes = {}
    sizes = []
    with open(path, encoding="utf-8") as f:
        next(f)
        for line in f:
            p = line.rstrip("\n").split("\t")
            size, bench = int(p[0]), p[1]
            if size not in sizes:
                sizes.append(size)
            if bench.startswith("meta"):
                meta[(size, bench)] = dict(kv.split("=") for kv in p[7].split())
                continue
            wall, user, sys_, rss = float(p[3]), float(p[4]), float(p[5]), int(p[6])
            rows[(size, bench)].append((wall, user + sys_, rss))
            notes[(size, bench)] = p[7]

    def stat(size, bench, i):
        v = [r[i] for r in rows.get((size, bench), [])]
        if not v:
            return None
        return statistics.median(v), min(v), max(v), len(v)

    for size in sizes:
        m = meta.get((size, "meta"), {})
        npages = int(m.get("pages", "0"))
        nlang = int(m.get("langs", "0"))
        print("## %d pages x %d languages (+ English): %d HTML pages, %s cmark body files"
              % (size, nlang, npages, m.get("bodies", "?")))
        print()
        print("| benchmark | runs | wall s median (min–max) | CPU s (user+sys) median (min–max) | peak RSS MB median | pages/s (wall) | how |")
        print("|---|---|---|---|---|---|---|")
        for b in ("kitgen_full", "hugo_full", "cmark_batched", "cmark_per_file",
                  "kitgen_incr", "hugo_incr", "kitgen_xu", "po4a_xu"):
            w, c, r = stat(size, b, 0), stat(size, b, 1), stat(size, b, 2)
            if not w:
                continue
            pps = "%.0f" % (npages / w[0]) if b.endswith(("full", "incr")) and w[0] > 0 else ""
            print("| %s | %d | %.2f (%.2f–%.2f) | %.2f (%.2f–%.2f) | %.0f | %s | %s |" % (
                b, w[3], w[0], w[1], w[2], c[0], c[1], c[2], r[0] / 1024, pps, notes[(size, b)]))
        print()

        def ratio(a, b, i):
            sa, sb = stat(size, a, i), stat(size, b, i)
            if not sa or not sb or sa[0] == 0:
                return None
            return sb[0] / sa[0]

        goals = []
        full_w = ratio("kitgen_full", "hugo_full", 0)
        full_c = ratio("kitgen_full", "hugo_full", 1)
        if full_w:
            goals.append(("full build: kitgen pages/s ÷ Hugo pages/s", "≥ 5×",
                          "%.2f× wall, %.2f× CPU" % (full_w, full_c), full_w >= 5 and full_c >= 5,
                          full_w >= 5 or full_c >= 5))
        fl_w = ratio("cmark_batched", "kitgen_full", 0)
        fl_c = ratio("cmark_batched", "kitgen_full", 1)
        if fl_w:
            goals.append(("full build: kitgen time ÷ cmark floor (batched)", "≤ 2×",
                          "%.2f× wall, %.2f× CPU" % (fl_w, fl_c), fl_w <= 2 and fl_c <= 2,
                          fl_w <= 2 or fl_c <= 2))
        mem = ratio("hugo_full", "kitgen_full", 2)
        if mem:
            goals.append(("peak memory: kitgen ÷ Hugo", "≤ 1/3 (0.33)", "%.3f" % mem, mem <= 1 / 3, mem <= 1 / 3))
        inc_w = ratio("kitgen_incr", "hugo_incr", 0)
        inc_c = ratio("kitgen_incr", "hugo_incr", 1)
        if inc_w:
            goals.append(("one-page rebuild: Hugo time ÷ kitgen time", "> 1× (faster)",
                          "%.2f× wall, %.2f× CPU" % (inc_w, inc_c), inc_w > 1 and inc_c > 1,
                          inc_w > 1 or inc_c > 1))
        xu_w, xu_c = stat(size, "kitgen_xu", 0), stat(size, "kitgen_xu", 1)
        p4_w, p4_c = stat(size, "po4a_xu", 0), stat(size, "po4a_xu", 1)
        if xu_w and p4_w:
            mp = meta.get((size, "meta_po4a"), {})
            scale = int(mp.get("of", "1")) / max(1, int(mp.get("pages", "1")))
            sw, sc = p4_w[0] * scale / xu_w[0], p4_c[0] * scale / xu_c[0]
            extra = "" if scale == 1 else " (po4a measured on %s of %s pages, scaled ×%.2f)" % (
                mp.get("pages"), mp.get("of"), scale)
            goals.append(("extract+update: po4a+msgmerge time ÷ kitgen time", "≥ 10×",
                          "%.1f× wall, %.1f× CPU%s" % (sw, sc, extra), sw >= 10 and sc >= 10,
                          sw >= 10 or sc >= 10))
        print("| goal (%d × %d) | target | measured (ratio of medians) | status |" % (size, nlang))
        print("|---|---|---|---|")
        for name, target, val, both, either in goals:
            status = "met" if both else ("met on one measure only" if either else "missed")
            print("| %s | %s | %s | %s |" % (name, target, val, status))
        print()
    print("PDF vs WeasyPrint: **not measured: kitgen has no PDF output yet.**")
    print()


if __name__ == "__main__":
    main(sys.argv[1])
