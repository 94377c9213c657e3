#!/usr/bin/env python3
"""Prints the search benchmark's table from DIR/{ours,fts5,xapian}.{tsv,meta}
(written by bench/search_bench.c and bench/search_xapian.py)."""
import os
import sys

ENGINES = [("ours", "ours (catalogue_index)"), ("fts5", "SQLite FTS5 trigram"),
           ("xapian", "Xapian CJK n-gram")]
CAP = 10000


def pct(v, p):
    v = sorted(v)
    return v[min(len(v) - 1, int(p / 100 * len(v)))] if v else float("nan")


def load(d, name):
    tsv, meta = os.path.join(d, name + ".tsv"), os.path.join(d, name + ".meta")
    if not (os.path.exists(tsv) and os.path.exists(meta)):
        return None
    rows = []
    with open(tsv) as f:
        for line in f:
            v = line.rstrip("\n").split("\t")
            k, secs, total, capped, found, tp, true, npage, ptp = v[:9]
            cpu = float(v[9]) * 1000 if len(v) > 9 else None
            rows.append(dict(kind=k, ms=float(secs) * 1000, cpu=cpu, total=int(total), capped=int(capped),
                             found=int(found), tp=int(tp), true=int(true), npage=int(npage),
                             ptp=int(ptp)))
    m = {}
    with open(meta) as f:
        for line in f:
            k, v = line.strip().split("=", 1)
            m[k] = float(v)
    return rows, m


def stats(rows):
    ms = [r["ms"] for r in rows]
    cpu = [r["cpu"] for r in rows if r["cpu"] is not None]
    stopped = sum(1 for r in rows if r["capped"] < 0)
    rows = [r for r in rows if r["capped"] >= 0]
    found = sum(r["found"] for r in rows)
    tp = sum(r["tp"] for r in rows)
    true = sum(r["true"] for r in rows)
    npage = sum(r["npage"] for r in rows)
    ptp = sum(r["ptp"] for r in rows)
    right = sum(1 for r in rows if (r["capped"] and r["true"] >= CAP) or
                (not r["capped"] and r["total"] == r["true"]))
    return dict(cpu50=pct(cpu, 50) if cpu else None, cpu95=pct(cpu, 95) if cpu else None,
                cpu99=pct(cpu, 99) if cpu else None, stopped=stopped, p50=pct(ms, 50), p95=pct(ms, 95), p99=pct(ms, 99),
                precision=tp / found if found else 1.0, recall=tp / true if true else 1.0,
                page_precision=ptp / npage if npage else 1.0, right=right, n=len(rows) + stopped,
                exact=sum(1 for r in rows if r["tp"] == r["true"] == r["found"]))


def ratio(s, base, k):
    """S's percentile K over BASE's: CPU time when both have it."""
    c = {"p50": "cpu50", "p95": "cpu95", "p99": "cpu99"}[k]
    if s[c] is not None and base[c] is not None:
        return s[c] / base[c] if base[c] > 0 else float("nan")
    return s[k] / base[k] if base[k] > 0 else float("nan")


def main():
    d, wanted = sys.argv[1], sys.argv[2:] or [name for name, _ in ENGINES]
    res = [(name, label, load(d, name)) for name, label in ENGINES if name in wanted]
    res = [(n, l, r) for n, l, r in res if r]
    if not res:
        sys.exit("search_report: no results in " + d)
    rows0, meta0 = res[0][2]
    mb = 1024 * 1024
    print("   %d queries, %d items, %.0f MB of text (title, 文号, agency name, body)" % (
        len(rows0), meta0.get("items", 0), meta0["text_bytes"] / mb))
    base = {}
    print()
    hdr = "%-22s %6s %6s %8s %8s %7s %7s %7s %7s %7s %7s %9s %7s %7s %7s %7s"
    print(hdr % ("engine", "build", "build", "disk", "memory", "p50", "p95", "p99", "p50", "p95",
                 "p99", "precision", "recall", "page", "totals", "p50"))
    print(hdr % ("", "MB/s", "cpu", "MB+text", "MB+text", "ms", "ms", "ms", "cpu ms", "cpu ms",
                 "cpu ms", "", "", "ok", "right", "vs ours"))
    for name, label, (rows, m) in res:
        s = stats(rows)
        if name == "ours":
            base = s
        text = m["text_bytes"]
        if name == "ours":
            disk = "%.0f" % ((m["disk_bytes"] - text) / mb)
            mem = "%.0f" % ((m["mem_bytes"] - text) / mb)
        else:
            disk = "%.0f" % (m["index_bytes"] / mb)
            mem = "-"
        r50 = "%.1fx" % ratio(s, base, "p50") if base else "-"
        rate = text / mb / m["build_cpu_s"] if m.get("build_cpu_s") else None
        cpu = ("%.1f" if rate >= 1 else "%.2f") % rate if rate else "-"
        wall = text / mb / m["build_s"]
        c = ["%.2f" % s[k] if s[k] is not None else "-" for k in ("cpu50", "cpu95", "cpu99")]
        print("%-22s %6s %6s %8s %8s %7.2f %7.2f %7.2f %7s %7s %7s %9.4f %7.4f %7.4f %3d/%-3d %7s" % (
            label[:22], ("%.1f" if wall >= 1 else "%.2f") % wall, cpu, disk, mem, s["p50"], s["p95"], s["p99"],
            c[0], c[1], c[2], s["precision"], s["recall"], s["page_precision"], s["right"], s["n"],
            r50))
    if res[0][0] == "ours":
        o_rows, o = res[0][2]
        os_ = stats(o_rows)
        for name, label, (rows, m) in res[1:]:
            st = stats(rows)
            cpu = ("build CPU %.1fx, " % (m["build_cpu_s"] / o["build_cpu_s"])
                   if m.get("build_cpu_s") and o.get("build_cpu_s") else "")
            print("   %s vs ours: build %.1fx the time, %sindex beyond the text %.1fx the size "
                  "(ours on disk), p50 %.1fx, p95 %.1fx, p99 %.1fx" % (
                      label, m["build_s"] / o["build_s"], cpu,
                      m["index_bytes"] / max(1, o["disk_bytes"] - o["text_bytes"]),
                      ratio(st, os_, "p50"), ratio(st, os_, "p95"), ratio(st, os_, "p99")))
    for name, label, (rows, m) in res:
        if name == "ours":
            print("   ours: build %.1f s, save %.2f s, load %.3f s (mmap), saved file %.0f MB, heap %.0f MB"
                  % (m["build_s"], m["save_s"], m["load_s"], m["disk_bytes"] / mb,
                     m["mem_bytes"] / mb))
        elif name == "fts5":
            print("   fts5: build %.1f s, database %.0f MB (content table %.0f MB, index %.0f MB)"
                  % (m["build_s"], m["disk_bytes"] / mb, m["content_bytes"] / mb,
                     m["index_bytes"] / mb))
        else:
            print("   xapian: build %.1f s, database %.0f MB (no text stored, no positions)"
                  % (m["build_s"], m["disk_bytes"] / mb))

    kinds = []
    for r in rows0:
        if r["kind"] not in kinds:
            kinds.append(r["kind"])
    print()
    print("per query kind: p50 ms wall, cpu / recall / precision")
    print("%-8s %5s %9s " % ("kind", "n", "true avg") +
          " ".join("%-33s" % label[:33] for _, label, _ in res))
    for k in kinds:
        cells = []
        for name, label, (rows, m) in res:
            s = stats([r for r in rows if r["kind"] == k])
            c50 = "%.2f" % s["cpu50"] if s["cpu50"] is not None else "-"
            cells.append("%7.2f %7s / %.4f / %.4f" % (s["p50"], c50, s["recall"], s["precision"]))
        sub = [r for r in rows0 if r["kind"] == k]
        print("%-8s %5d %9.0f " % (k, len(sub), sum(r["true"] for r in sub) / len(sub)) +
              " ".join("%-33s" % c for c in cells))
    print()
    for name, label, (rows, m) in res:
        st = stats(rows)
        if st["stopped"]:
            print("%s: %d queries stopped at the time limit (they scan the table); their time counts"
                  % (label, st["stopped"]))
            print("  in the percentiles as spent, they are left out of precision, recall and totals.")
    print("build MB/s: text bytes (title, 文号, agency name, body as UTF-8) per second of building")
    print("  the index (ours: puts + compact; FTS5: inserts into the FTS table + optimize, not")
    print("  the content table; Xapian: add documents + commit); cpu: per second of process CPU.")
    print("disk/memory MB+text: index size beyond the text itself (ours: saved file or heap growth")
    print("  minus the text; FTS5: its data, idx, docsize and config tables; Xapian: all of it,")
    print("  it stores no text).")
    print("p50/p95/p99: one ranked first page of 10 plus its total, counted up to %d (ours:" % CAP)
    print("  count_cap; FTS5: LIMIT %d; Xapian: check_at_least %d), per query, after a" % (CAP + 1, CAP))
    print("  warm-up of five queries; wall clock, and CPU time of the querying thread (what")
    print("  the machine's other load does not inflate). Ratios to ours use CPU time when both")
    print("  engines have it.")
    print("precision: of every hit an engine reports for a query (its full, uncapped answer),")
    print("  the share that truly matches; recall: of the true matches, the share it reports;")
    print("  both summed over all queries. Truth: each query word is a substring of the title,")
    print("  文号, agency name or body after normalisation (full-width ASCII to ASCII, ASCII")
    print("  lower case). page ok: first-page hits that truly match.")
    print("totals right: first-page totals equal to the true count, or reported as capped")
    print("  (%d+) when the true count is at least %d." % (CAP, CAP))


if __name__ == "__main__":
    main()
