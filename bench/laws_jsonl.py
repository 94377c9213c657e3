#!/usr/bin/env python3
"""Real Chinese text for the import benchmark: the laws of
/work/shared/data/cn-laws cut into catalogue items of a few articles each,
written as JSON Lines for `gongkai import items` (fields as in the API),
for the demo city's agencies. Deterministic.

usage: laws_jsonl.py [--items N] [--laws DIR] [--csv FILE] > items.jsonl
--csv also writes the same rows as CSV (the sqlite3 .import peer's input).
Prints "N items, BYTES bytes of text (title + body)" on stderr."""
import argparse
import csv
import json
import os
import re
import sys

AGENCIES = ["035200001", "035200000", "035201000", "035202000", "035203000",
            "035204000", "035205000", "035206000", "035207000", "035208000",
            "035210000", "035211000", "035212000", "035213000", "035221000",
            "035221200", "035222000", "035223000", "035224000", "035225000",
            "035226000", "035227000"]
TOPICS = ["2.1", "5.1", "6.1", "13.1", "10.3", "9.4", "9.2", "2.4", "5.5", "8.5"]
GENRES = ["notice", "opinion", "decision", "circular", "announcement", "reply", "letter"]
FIELDS = ["index_no", "agency", "title", "topic", "genre", "published", "keywords",
          "summary", "body", "status"]
ARTICLE = re.compile(r"^第[一二三四五六七八九十百千零〇两]+条")
DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def laws(root):
    for dirpath, _, files in sorted(os.walk(root)):
        for f in sorted(files):
            if f.endswith(".md") and not f.startswith("_") and f not in ("法律法规模版.md", "README.md"):
                yield os.path.join(dirpath, f)


def chunks(path, size):
    """(law title, date, [(part title, text)]) of one file: its articles in
    groups of about SIZE bytes, each group titled by its first article."""
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    lines = [l.strip() for l in text.split("\n")]
    title = next((l[2:].strip() for l in lines if l.startswith("# ")), "")
    if not title:
        return title, None, []
    m = DATE.search(os.path.basename(path))
    body = text.split("<!-- INFO END -->", 1)[-1].split("\n")
    parts, cur, cur_len, head = [], [], 0, ""
    for l in body:
        l = l.strip()
        if not l or l.startswith("<!--"):
            continue
        if l.startswith("#"):
            l = l.lstrip("#").strip()
        if ARTICLE.match(l) and cur_len >= size:
            parts.append((head, "\n".join(cur)))
            cur, cur_len = [], 0
        if not cur:
            a = ARTICLE.match(l)
            head = a.group(0) if a else re.sub(r"\s+", " ", l[:20])
        cur.append(l)
        cur_len += len(l.encode())
    if cur:
        parts.append((head, "\n".join(cur)))
    return title, m.groups() if m else None, parts


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--items", type=int, default=100000)
    ap.add_argument("--laws", default="/work/shared/data/cn-laws")
    ap.add_argument("--size", type=int, default=300, help="bytes of text per item, about")
    ap.add_argument("--csv", help="also write the rows as CSV to this file")
    a = ap.parse_args()
    cw = None
    if a.csv:
        cf = open(a.csv, "w", encoding="utf-8", newline="")
        cw = csv.writer(cf)
        cw.writerow(FIELDS)
    n, text_bytes = 0, 0
    serial = {}
    out = sys.stdout
    files = list(laws(a.laws))
    rounds = 0
    while n < a.items:
        for fi, path in enumerate(files):
            title, date, parts = chunks(path, a.size)
            for pi, (head, body) in enumerate(parts):
                if n >= a.items:
                    break
                agency = AGENCIES[(fi + pi) % len(AGENCIES)]
                if date:
                    y, mo, d = int(date[0]), int(date[1]), int(date[2])
                else:
                    y, mo, d = 2000 + (fi * 7 + rounds) % 25, 1 + fi % 12, 1 + fi % 28
                y = min(max(y + rounds, 1990), 2030)
                if rounds:
                    d = min(d, 28)  # 29 February moved to another year
                key = (agency, y)
                serial[key] = serial.get(key, 0) + 1
                t = f"{title}（{head}）" if len(parts) > 1 else title
                if rounds:
                    t = f"{t}（{rounds + 1}）"
                row = {
                    "index_no": f"{agency}/{y}-{serial[key]:05d}",
                    "agency": agency,
                    "title": t[:300],
                    "topic": TOPICS[fi % len(TOPICS)],
                    "genre": GENRES[(fi + pi) % len(GENRES)],
                    "published": f"{y:04d}-{mo:02d}-{d:02d} {9 + pi % 8:02d}:{(fi + pi) % 60:02d}",
                    "keywords": title[:20],
                    "summary": body.split("\n", 1)[0][:120],
                    "body": body,
                    "status": "published",
                }
                if cw:
                    cw.writerow([row[f] for f in FIELDS])
                out.write(json.dumps(row, ensure_ascii=False))
                out.write("\n")
                text_bytes += len(row["title"].encode()) + len(body.encode())
                n += 1
            if n >= a.items:
                break
        rounds += 1
    if cw:
        cf.close()
    print(f"{n} items, {text_bytes} bytes of text (title + body)", file=sys.stderr)


if __name__ == "__main__":
    main()
