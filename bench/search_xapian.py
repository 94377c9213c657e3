#!/usr/bin/python3
"""Search benchmark peer: Xapian with CJK n-grams, as Alaveteli searches.

Reads the corpus of bench/search_corpus.py in DIR and the truth of
`search_bench truth`, builds a Xapian database of the normalised items
(DIR/xapian, removed at the end) and writes DIR/xapian.tsv and
DIR/xapian.meta in the format of bench/search_bench.c. Positions are not
indexed (the queries never use them). Only the search call (parse,
get_mset) is timed, with time.perf_counter.
"""
import array
import json
import os
import re
import shutil
import sys
import time

# Xapian writes its changes to disk every 10,000 documents by default; a
# bulk build is faster with fewer, larger flushes (the peer's best setting,
# as its documentation advises for bulk indexing). Memory stays within a
# few GB at this threshold.
os.environ.setdefault("XAPIAN_FLUSH_THRESHOLD", "100000")

import xapian  # noqa: E402 (after the environment it reads)

PAGE, COUNT_CAP = 10, 10000


# full-width ASCII to ASCII, ASCII to lower case; runs of blanks (space,
# tab, U+3000, controls but newline) to one space
FOLD = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
FOLD.update({c: c + 32 for c in range(ord("A"), ord("Z") + 1)})
FOLD.update({c + 0xFEE0: c + 32 for c in range(ord("A"), ord("Z") + 1)})
BLANKS = re.compile("[\x00-\x09\x0b-\x1f \x7f\u3000]+")


def normalize(s):
    """As gk_catalogue_normalize matches (and search_bench.c repeats)."""
    return BLANKS.sub(" ", s.translate(FOLD))


def main():
    d = sys.argv[1]
    agencies = {}
    with open(os.path.join(d, "agencies.tsv"), encoding="utf-8") as f:
        for line in f:
            code, _, name = line.rstrip("\n").split("\t")
            agencies[code] = name
    items = []
    text_bytes = 0
    with open(os.path.join(d, "items.jsonl"), encoding="utf-8") as f:
        for line in f:
            it = json.loads(line)
            fields = [it["title"], it["doc_no"], agencies.get(it["agency"], it["agency"]), it["body"]]
            text_bytes += sum(len(x.encode("utf-8")) for x in fields)
            items.append([normalize(x) for x in fields])
    queries = []
    with open(os.path.join(d, "queries.tsv"), encoding="utf-8") as f:
        for line in f:
            kind, q = line.rstrip("\n").split("\t", 1)
            queries.append((kind, q))
    truth = []
    with open(os.path.join(d, "truth.bin"), "rb") as f:
        for _ in queries:
            n = array.array("I")
            n.fromfile(f, 1)
            ids = array.array("I")
            ids.fromfile(f, n[0])
            truth.append(ids)

    path = os.path.join(d, "xapian")
    shutil.rmtree(path, ignore_errors=True)
    t0, c0 = time.perf_counter(), time.process_time()
    db = xapian.WritableDatabase(path, xapian.DB_CREATE_OR_OVERWRITE)
    tg = xapian.TermGenerator()
    tg.set_flags(xapian.TermGenerator.FLAG_CJK_NGRAM)
    for i, fields in enumerate(items):
        doc = xapian.Document()
        tg.set_document(doc)
        for x in fields:
            # no positions: the CJK n-gram queries are ANDs of terms
            # and never use them (docs/search-bench.md)
            tg.index_text_without_positions(x)
            tg.increase_termpos()  # no phrase across fields
        db.replace_document(i + 1, doc)  # docid = item id
    db.commit()
    build, build_cpu = time.perf_counter() - t0, time.process_time() - c0
    disk = sum(os.path.getsize(os.path.join(path, f)) for f in os.listdir(path))
    del items

    qp = xapian.QueryParser()
    qp.set_database(db)
    qp.set_default_op(xapian.Query.OP_AND)
    flags = xapian.QueryParser.FLAG_DEFAULT | xapian.QueryParser.FLAG_CJK_NGRAM
    enquire = xapian.Enquire(db)
    every = xapian.Enquire(db)
    every.set_weighting_scheme(xapian.BoolWeight())
    every.set_docid_order(xapian.Enquire.ASCENDING)
    ndocs = db.get_doccount()

    def parse(q):
        try:
            return qp.parse_query(q, flags)
        except xapian.QueryParserError:  # operators in the text: take it as words
            return qp.parse_query(q, xapian.QueryParser.FLAG_CJK_NGRAM)

    out = open(os.path.join(d, "xapian.tsv"), "w", encoding="utf-8")
    for n, (kind, raw) in enumerate(queries[:5] + queries):
        q = normalize(raw)
        c0, t0 = time.thread_time(), time.perf_counter()
        query = parse(q)
        enquire.set_query(query)
        mset = enquire.get_mset(0, PAGE, COUNT_CAP)
        secs, cpu = time.perf_counter() - t0, time.thread_time() - c0
        if n < 5:
            continue
        page = [m.docid for m in mset]
        capped = mset.get_matches_lower_bound() >= COUNT_CAP
        total = COUNT_CAP if capped else mset.get_matches_estimated()
        every.set_query(query)
        found = [m.docid for m in every.get_mset(0, ndocs)]
        true = set(truth[n - 5])
        tp = sum(1 for x in found if x in true)
        ptp = sum(1 for x in page if x in true)
        out.write("%s\t%.9f\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%.9f\n" % (
            kind, secs, total, int(capped), len(found), tp, len(true), len(page), ptp, cpu))
    out.close()
    db.close()
    shutil.rmtree(path, ignore_errors=True)
    with open(os.path.join(d, "xapian.meta"), "w") as m:
        m.write("items=%d\nbuild_s=%.3f\nbuild_cpu_s=%.3f\ntext_bytes=%d\ndisk_bytes=%d\n"
                "index_bytes=%d\n" % (ndocs, build, build_cpu, text_bytes, disk, disk))


if __name__ == "__main__":
    main()
