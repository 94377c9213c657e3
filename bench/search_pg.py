#!/usr/bin/env python3
"""Helper of bench/search_pg.sh (docs/search-postgres.md): Chinese search
on PostgreSQL against gongkai's own index, on the corpus and queries of
bench/search_corpus.py. Standard library only; PostgreSQL is reached
through the psql scripts this writes, gongkai through its CLI.

  search_pg.py prep DIR        DIR/pg_items.tsv (COPY text format) and
                               DIR/pg_queries.tsv (normalised words)
  search_pg.py sql DIR         DIR/sql/*.sql: the truth, and per method
                               the page statements and the full sets
  search_pg.py gk DIR BIN DB   runs `BIN search --db DB --json Q` per query
                               into DIR/gk.tsv
  search_pg.py report DIR      the tables, from DIR/out/*

Matching is gongkai's (src/core/catalogue_index.h): text and query are
normalised (full-width ASCII to ASCII, ASCII to lower case, runs of blanks
to one space); an item matches when every word is a substring of one of
its fields (title, 文号, 索引号, agency name, body), never across two. The
fields are stored joined by newlines (no word holds one), so a plain
`txt LIKE '%w%'` per word is the rule, and a sequential scan of it, run
before any index exists, is the truth.
"""
import json
import os
import re
import subprocess
import sys
import time

PAGE, CAP = 10, 10000
# full-width ASCII to ASCII, ASCII to lower case; runs of blanks (space,
# tab, U+3000, controls but newline) to one space: as gk_catalogue_normalize
FOLD = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
FOLD.update({c: c + 32 for c in range(ord("A"), ord("Z") + 1)})
FOLD.update({c + 0xFEE0: c + 32 for c in range(ord("A"), ord("Z") + 1)})
BLANKS = re.compile("[\x00-\x09\x0b-\x1f \x7f\u3000]+")
METHODS = ["bigram_phrase", "bigram_and", "trgm"]


def normalize(s):
    return BLANKS.sub(" ", s.translate(FOLD))


def words(q):
    """The query's words as gongkai splits them: at spaces, with "quoted
    phrases" kept whole and quotes never searched for."""
    out, phrase = [], False
    for i, part in enumerate(normalize(q).split('"')):
        if i:
            phrase = not phrase
        if phrase:
            if part:
                out.append(part)
        else:
            out += [w for w in part.split(" ") if w]
    return out


def copy_field(s):
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def lexeme(s):
    return "'" + s.replace("\\", "\\\\").replace("'", "''") + "'"


def bigram_tsvector(txt):
    """Every pair of adjacent characters with its position (the offset of
    its first character, plus one): 'ab':1 'bc':2 …; pairs holding a space
    or a newline are left out (no word holds either), so positions jump
    there and a phrase of pairs never joins two fields."""
    pos = {}
    for i in range(len(txt) - 1):
        g = txt[i:i + 2]
        if " " in g or "\n" in g:
            continue
        p = pos.setdefault(g, [])
        if len(p) < 256 and i < 16383:  # tsvector's limits
            p.append(i + 1)
    return " ".join("%s:%s" % (lexeme(g), ",".join(map(str, p))) for g, p in pos.items())


def prep(d):
    agencies = {}
    with open(os.path.join(d, "agencies.tsv"), encoding="utf-8") as f:
        for line in f:
            code, _, name = line.rstrip("\n").split("\t")
            agencies[code] = name
    text_bytes, t_gram = 0, 0.0
    with open(os.path.join(d, "items.jsonl"), encoding="utf-8") as f, \
            open(os.path.join(d, "pg_items.tsv"), "w", encoding="utf-8") as out:
        for i, line in enumerate(f, 1):
            it = json.loads(line)
            fields = [it["title"], it["doc_no"], it["index_no"], agencies.get(it["agency"], it["agency"]),
                      it["body"]]
            fields = [normalize(x).replace("\n", " ") if k < 4 else normalize(x) for k, x in enumerate(fields)]
            ta = fields[0] + "\n" + fields[1]
            txt = "\n".join(fields)
            text_bytes += len(txt.encode("utf-8"))
            t0 = time.process_time()
            tsv = bigram_tsvector(txt)
            t_gram += time.process_time() - t0
            out.write("\t".join([str(i), it["published"], copy_field(it["index_no"]), copy_field(ta),
                                 copy_field(txt), copy_field(tsv)]) + "\n")
    with open(os.path.join(d, "queries.tsv"), encoding="utf-8") as f, \
            open(os.path.join(d, "pg_queries.tsv"), "w", encoding="utf-8") as out:
        for line in f:
            kind, q = line.rstrip("\n").split("\t", 1)
            out.write("\t".join([kind, q] + words(q)) + "\n")
    with open(os.path.join(d, "prep.meta"), "w") as f:
        f.write("text_bytes=%d\nitems=%d\ngram_cpu_s=%.3f\n" % (text_bytes, i, t_gram))


def queries(d):
    out = []
    with open(os.path.join(d, "pg_queries.tsv"), encoding="utf-8") as f:
        for line in f:
            v = line.rstrip("\n").split("\t")
            out.append((v[0], v[1], v[2:]))
    return out


def sql_str(s):
    return "'" + s.replace("'", "''") + "'"


def like(col, w):
    return "%s LIKE %s" % (col, sql_str("%" + re.sub(r"([\\%_])", r"\\\1", w) + "%"))


def tsquery(ws, op):
    parts = []
    for w in ws:
        grams = [w[i:i + 2] for i in range(len(w) - 1)]
        if grams:
            parts.append("(" + op.join(lexeme(g) for g in grams) + ")")
    return " & ".join(parts)


def cond(method, ws):
    c = " AND ".join(like("txt", w) for w in ws)
    if method.startswith("bigram"):
        q = tsquery(ws, " <-> " if method == "bigram_phrase" else " & ")
        if q:  # words of one character: the LIKE alone
            c = "tsv @@ %s::tsquery AND %s" % (sql_str(q), c)
    return c


def write_sql(d):
    qs = queries(d)
    os.makedirs(os.path.join(d, "sql"), exist_ok=True)
    os.makedirs(os.path.join(d, "out"), exist_ok=True)
    warm = "\\o /dev/null\n"
    for m in ["truth"] + METHODS:
        full = ["\\timing on", "\\o %s" % os.path.join(d, "out", m + ".ids")]
        for qi, (_, _, ws) in enumerate(qs):
            c = cond(m if m != "truth" else "like", ws)
            full.append("\\echo @@ %d" % qi)
            full.append("COPY (SELECT %d, id FROM items WHERE %s) TO STDOUT;" % (qi, c))
        with open(os.path.join(d, "sql", m + "_full.sql"), "w", encoding="utf-8") as f:
            f.write("\n".join(full) + "\n")
        if m == "truth":
            continue
        # a search page: the total counted up to CAP, and the first page
        # ranked as gongkai ranks (every word in title or 文号 first, then
        # newest first); the first five queries once more as a warm-up
        page = ["\\timing on", warm.strip()]
        for qi, (_, _, ws) in enumerate(qs[:5] + qs):
            c = cond(m, ws)
            a = " AND ".join(like("ta", w) for w in ws)
            page.append("\\echo @@ %d" % (qi - 5))
            page.append("SELECT count(*) FROM (SELECT 1 FROM items WHERE %s LIMIT %d) s;" % (c, CAP + 1))
            page.append("SELECT id FROM items WHERE %s ORDER BY (%s) DESC, published DESC, id DESC LIMIT %d;"
                        % (c, a, PAGE))
        with open(os.path.join(d, "sql", m + "_page.sql"), "w", encoding="utf-8") as f:
            f.write("\n".join(page) + "\n")
        with open(os.path.join(d, "sql", m + "_explain.sql"), "w", encoding="utf-8") as f:
            for qi, (kind, _, ws) in enumerate(qs):
                if qi in first_of_kind(qs):
                    f.write("\\echo @@ %d %s\nEXPLAIN (ANALYZE, COSTS OFF) SELECT count(*) FROM (SELECT 1 FROM items "
                            "WHERE %s LIMIT %d) s;\n" % (qi, kind, cond(m, ws), CAP + 1))
    # the floor: two trivial statements per query through the same psql
    # (the round trips any PostgreSQL search pays)
    floor = ["\\timing on", warm.strip()]
    for qi in range(-5, len(qs)):
        floor += ["\\echo @@ %d" % qi, "SELECT count(*) FROM (SELECT 1 FROM items WHERE id = 1) s;",
                  "SELECT id FROM items WHERE id = 1;"]
    with open(os.path.join(d, "sql", "floor_page.sql"), "w", encoding="utf-8") as f:
        f.write("\n".join(floor) + "\n")


def first_of_kind(qs):
    seen, out = set(), set()
    for qi, (kind, _, _) in enumerate(qs):
        if kind not in seen:
            seen.add(kind)
            out.add(qi)
    return out


def gk(d, binary, db):
    """gongkai's own search through its CLI, as a person would run it: the
    wall time of each call includes starting the process and mapping the
    saved index."""
    qs = queries(d)
    with open(os.path.join(d, "gk.tsv"), "w", encoding="utf-8") as out:
        for qi, (kind, q, _) in enumerate(qs[:5] + qs):
            t0 = time.perf_counter()
            r = subprocess.run([binary, "search", "--db", db, "--json", q], capture_output=True)
            ms = (time.perf_counter() - t0) * 1000
            if qi < 5:
                continue
            if r.returncode:
                out.write("%d\t%.3f\t-1\t0\t\n" % (qi - 5, ms))
                continue
            j = json.loads(r.stdout)
            page = [it.get("index_no", "") for it in j.get("items", [])]
            out.write("%d\t%.3f\t%d\t%d\t%s\n" % (qi - 5, ms, j.get("total", -1), 1 if j.get("total_capped") else 0,
                                                  ",".join(page)))


# --- report ---------------------------------------------------------------

def pct(v, p):
    v = sorted(v)
    return v[min(len(v) - 1, int(p / 100 * len(v)))] if v else float("nan")


def parse_times(path, n):
    """Per query: the sum of its statements' times (ms), and whether one
    of them was stopped (statement_timeout) or failed."""
    ms, bad = [0.0] * n, [False] * n
    qi = None
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            if line.startswith("@@ "):
                qi = int(line.split()[1])
            elif qi is not None and qi >= 0:
                m = re.search(r"Time: ([\d.]+) ms", line)
                if m:
                    ms[qi] += float(m.group(1))
                if "ERROR" in line:
                    bad[qi] = True
    return ms, bad


def load_ids(path, n):
    sets = [set() for _ in range(n)]
    if os.path.exists(path):
        with open(path) as f:
            for line in f:
                a, b = line.split("\t")
                sets[int(a)].add(int(b))
    return sets


def meta(path):
    m = {}
    if os.path.exists(path):
        with open(path) as f:
            for line in f:
                if "=" in line:
                    k, v = line.strip().split("=", 1)
                    try:
                        m[k] = float(v)
                    except ValueError:
                        m[k] = v
    return m


def fmt(x, nd=1):
    if x is None or x != x:
        return "-"
    if abs(x) < 1 and nd < 3:
        nd = 3
    return ("%." + str(nd) + "f") % x


def report(d):
    qs = queries(d)
    n = len(qs)
    kinds = []
    for k, _, _ in qs:
        if k not in kinds:
            kinds.append(k)
    o = os.path.join(d, "out")
    pm, mm = meta(os.path.join(d, "prep.meta")), meta(os.path.join(o, "pg.meta"))
    truth = load_ids(os.path.join(o, "truth.ids"), n)
    t_ms, _ = parse_times(os.path.join(o, "truth_full.log"), n)
    rows = {}
    # PostgreSQL methods: page latency, and exactness of the full set
    for m in METHODS:
        if not os.path.exists(os.path.join(o, m + "_page.log")):
            continue
        ms, bad = parse_times(os.path.join(o, m + "_page.log"), n)
        full = load_ids(os.path.join(o, m + ".ids"), n)
        _, fbad = parse_times(os.path.join(o, m + "_full.log"), n)
        exact = [not fbad[i] and full[i] == truth[i] for i in range(n)]
        rows[m] = dict(ms=ms, stopped=[bad[i] or fbad[i] for i in range(n)], exact=exact)
    # the hybrid the issue names: trigrams for words of three characters
    # or more, bigram terms when a word is shorter (per query, from the
    # two measured runs; its index is both indexes)
    if "trgm" in rows and "bigram_phrase" in rows:
        pick = ["bigram_phrase" if min(len(w) for w in ws) < 3 else "trgm" for _, _, ws in qs]
        rows["hybrid"] = {k: [rows[pick[i]][k][i] for i in range(n)] for k in ("ms", "stopped", "exact")}
    if os.path.exists(os.path.join(o, "floor_page.log")):
        ms, _ = parse_times(os.path.join(o, "floor_page.log"), n)
        rows["floor"] = dict(ms=ms, stopped=[False] * n, exact=[None] * n)
    # sequential LIKE scan (the truth's own run: the full set, no index)
    rows["seq_like"] = dict(ms=t_ms, stopped=[False] * n, exact=[True] * n)
    # gongkai: CLI wall time (process start, index mapped, query, page
    # drawn from SQLite); exact = total equal to the truth's count (or
    # 10000+ when it is at least that) and the first page within it
    gkp = os.path.join(d, "gk.tsv")
    if os.path.exists(gkp):
        id_of = {}
        with open(os.path.join(d, "pg_items.tsv"), encoding="utf-8") as f:
            for line in f:
                v = line.split("\t", 3)
                id_of[v[2]] = int(v[0])
        ms, ex = [0.0] * n, [False] * n
        with open(gkp, encoding="utf-8") as f:
            for line in f:
                qi, t, total, capped, page = line.rstrip("\n").split("\t")
                qi, total, capped = int(qi), int(total), int(capped)
                ms[qi] = float(t)
                true = len(truth[qi])
                ok_total = (capped and true >= CAP) or (not capped and total == true)
                ids = [id_of.get(x) for x in page.split(",") if x]
                ex[qi] = ok_total and all(i in truth[qi] for i in ids) and len(ids) == min(PAGE, true)
        rows["gongkai_cli"] = dict(ms=ms, stopped=[False] * n, exact=ex)
    inproc = os.path.join(d, "ours.tsv")
    if os.path.exists(inproc):
        ms, ex = [], []
        with open(inproc) as f:
            for line in f:
                v = line.split("\t")
                ms.append(float(v[1]) * 1000)
                ex.append(v[5] == v[6] == v[4])  # found = true positives = true (its own truth)
        if len(ms) == n:
            rows["gongkai_index"] = dict(ms=ms, stopped=[False] * n, exact=ex)
    names = [("gongkai_index", "gongkai index, in process (search_bench ours)"),
             ("gongkai_cli", "gongkai search CLI (whole process)"),
             ("bigram_phrase", "PG bigram tsvector, <-> + LIKE"),
             ("bigram_and", "PG bigram tsvector, & + LIKE"),
             ("trgm", "PG pg_trgm GIN, LIKE"),
             ("hybrid", "PG trgm (>=3 chars) / bigram (2)"),
             ("seq_like", "PG sequential LIKE (truth, full set)"),
             ("floor", "PG floor: 2 trivial statements")]
    base = "gongkai_index" if "gongkai_index" in rows else "gongkai_cli"
    print("\n%d items, %.1f MB of normalised text; %d queries" % (pm.get("items", 0), pm.get("text_bytes", 0) / 1e6, n))
    print("\nIndex and build (PostgreSQL figures from pg_relation_size and \\timing):")
    print("| what | size MB | x text | build s |")
    print("|---|---|---|---|")
    tb = pm.get("text_bytes", 1)
    for label, size, build in [
            ("text (normalised, UTF-8)", tb, None),
            ("PG table heap+TOAST, with tsvector", mm.get("heap_bytes"), mm.get("copy_s")),
            ("PG tsvector column (pg_column_size)", mm.get("tsv_bytes"), pm.get("gram_cpu_s")),
            ("PG GIN on bigram tsvector", mm.get("gin_bigram_bytes"), mm.get("gin_bigram_s")),
            ("PG GIN pg_trgm on text", mm.get("gin_trgm_bytes"), mm.get("gin_trgm_s")),
            ("gongkai .catalogue file (holds its text)", mm.get("gk_catalogue_bytes"), mm.get("gk_index_s")),
            ("gongkai SQLite import (items)", mm.get("gk_db_bytes"), mm.get("gk_import_s"))]:
        if size is None:
            continue
        print("| %s | %.1f | %.2f | %s |" % (label, size / 1e6, size / tb, fmt(build)))
    print("(tsvector build: Python CPU seconds to make the literals; table build: COPY of all columns)")
    print("\nLatency of one search page (total up to 10,000 + first 10), ms; exact = same set as the truth:")

    def line(sel, label):
        b = rows.get(base)
        cells = []
        for key, _ in names:
            r = rows.get(key)
            if not r:
                continue
            ms = [r["ms"][i] for i in sel]
            p50, p99 = pct(ms, 50), pct(ms, 99)
            bm = [b["ms"][i] for i in sel]
            ex = [r["exact"][i] for i in sel if r["exact"][i] is not None]
            st = sum(1 for i in sel if r["stopped"][i])
            cells.append("%s / %s (x%s) %s%s" % (
                fmt(p50, 2), fmt(p99, 1), fmt(p50 / pct(bm, 50) if pct(bm, 50) else None, 0).replace("0.", "0."),
                "%d/%d" % (sum(1 for e in ex if e), len(ex)) if ex else "n/a",
                " %d stopped" % st if st else ""))
        print("| %s | %d | %s |" % (label, len(sel), " | ".join(cells)))

    heads = [lab for key, lab in names if key in rows]
    print("| kind | n | " + " | ".join(heads) + " |")
    print("|---|---|" + "---|" * len(heads))
    print("(each cell: p50 / p99 ms (p50 as a multiple of %s's) exact/queries)" % base)
    for k in kinds:
        line([i for i in range(n) if qs[i][0] == k], k)
    line(list(range(n)), "all")


def main():
    cmd = sys.argv[1] if len(sys.argv) > 1 else ""
    if cmd == "prep":
        prep(sys.argv[2])
    elif cmd == "sql":
        write_sql(sys.argv[2])
    elif cmd == "gk":
        gk(sys.argv[2], sys.argv[3], sys.argv[4])
    elif cmd == "report":
        report(sys.argv[2])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
