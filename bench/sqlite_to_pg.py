#!/usr/bin/env python3
# Bench tooling, not product code: copies a gongkai SQLite database into an
# EMPTY gongkai PostgreSQL database, so that the province benchmark
# (bench/province.sh, docs/province.md) can run both backends on the same
# catalogue without building a million items through gongkai on PostgreSQL
# (demo there makes ~220 items/s). The PostgreSQL schema must have been made
# by `gongkai init --db ADDRESS` with the same binary: the schema versions are
# compared first.
#
# usage: bench/sqlite_to_pg.py SQLITE_PATH POSTGRESQL_ADDRESS
#
# Every table is sent with COPY ... FROM STDIN (text format) in one psql
# session with session_replication_role = replica, so neither triggers nor
# foreign-key checks fire: the rows that triggers would have made
# (item_changes, agency_items, site_changes ...) are copied as SQLite holds
# them. The rows `gongkai init` itself inserts (SEEDED) are replaced by
# SQLite's. Tables still go in an order that respects foreign keys. Afterwards
# every identity sequence is set to the column's max, the database is
# ANALYZEd, and the row counts of both sides are printed and compared.
# Needs python3 (standard library) and psql on PATH.
import sqlite3
import subprocess
import sys
import time

SKIP_PG_ONLY = {"gk_schema_version"}
# rows the migrations themselves insert (`gongkai init`): replaced by SQLite's
SEEDED = {"site_changes"}


def psql(addr, sql):
    out = subprocess.run(
        ["psql", addr, "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-F", "\t", "-c", sql],
        check=True, capture_output=True, text=True)
    return [line.split("\t") for line in out.stdout.splitlines() if line != ""]


def qi(name):
    return '"' + name.replace('"', '""') + '"'


def fk_order(db, tables):
    deps = {}
    for t in tables:
        refs = {r[2] for r in db.execute(f"PRAGMA foreign_key_list({qi(t)})")}
        deps[t] = {r for r in refs if r in tables and r != t}
    done, order = set(), []
    while len(order) < len(tables):
        ready = sorted(t for t in tables if t not in done and deps[t] <= done)
        if not ready:  # a cycle: replica role makes the order irrelevant
            ready = sorted(t for t in tables if t not in done)
        for t in ready:
            done.add(t)
            order.append(t)
    return order


ESC = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def field(v, is_bytea):
    if v is None:
        return "\\N"
    if isinstance(v, bytes):
        return "\\\\x" + v.hex()
    if is_bytea:  # text stored in a BLOB column
        return "\\\\x" + str(v).encode("utf-8").hex()
    if isinstance(v, float):
        return repr(v)
    if isinstance(v, int):
        return str(v)
    return v.translate(ESC)


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: sqlite_to_pg.py SQLITE_PATH POSTGRESQL_ADDRESS")
    path, addr = sys.argv[1], sys.argv[2]
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    db.text_factory = str

    sv = db.execute("PRAGMA user_version").fetchone()[0]
    pv = int(psql(addr, "SELECT max(version) FROM gk_schema_version")[0][0])
    if sv != pv:
        sys.exit(f"schema versions differ: SQLite {sv}, PostgreSQL {pv}")

    stabs = [r[0] for r in db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    ptabs = [r[0] for r in psql(
        addr, "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1")]
    missing = [t for t in stabs if t not in ptabs]
    if missing:
        sys.exit(f"tables in SQLite but not in PostgreSQL: {missing}")
    extra = [t for t in ptabs if t not in stabs and t not in SKIP_PG_ONLY]
    if extra:
        print(f"(PostgreSQL-only tables left as they are: {extra})")
    nonempty = [t for t in stabs if psql(addr, f"SELECT EXISTS (SELECT 1 FROM {qi(t)})")[0][0] == "t"]
    if [t for t in nonempty if t not in SEEDED]:
        sys.exit(f"the PostgreSQL database is not empty: rows in {nonempty}")

    bytea = {(r[0], r[1]) for r in psql(
        addr, "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE table_schema = current_schema() AND data_type = 'bytea'")}
    pcols = {}
    for t, c in psql(addr, "SELECT table_name, column_name FROM information_schema.columns "
                     "WHERE table_schema = current_schema() AND is_generated = 'NEVER'"):
        pcols.setdefault(t, set()).add(c)

    order = fk_order(db, stabs)
    proc = subprocess.Popen(["psql", addr, "-X", "-q", "-v", "ON_ERROR_STOP=1", "--single-transaction"],
                            stdin=subprocess.PIPE, text=True, encoding="utf-8", bufsize=1 << 20)
    w = proc.stdin
    w.write("SET session_replication_role = replica;\n")
    t0 = time.time()
    counts = {}
    for t in order:
        cols = [r[1] for r in db.execute(f"PRAGMA table_info({qi(t)})")]
        lost = [c for c in cols if c not in pcols.get(t, set())]
        if lost:
            sys.exit(f"{t}: columns not in PostgreSQL (or generated there): {lost}")
        flags = [(t, c) in bytea for c in cols]
        if t in nonempty:
            w.write(f"DELETE FROM {qi(t)};\n")
        w.write(f"COPY {qi(t)} ({', '.join(qi(c) for c in cols)}) FROM STDIN;\n")
        n = 0
        cur = db.execute(f"SELECT {', '.join(qi(c) for c in cols)} FROM {qi(t)}")
        while True:
            rows = cur.fetchmany(5000)
            if not rows:
                break
            w.write("".join("\t".join(field(v, f) for v, f in zip(row, flags)) + "\n" for row in rows))
            n += len(rows)
        w.write("\\.\n")
        counts[t] = n
        print(f"  {t}: {n} rows sent ({time.time() - t0:.0f} s)", flush=True)
    w.close()
    if proc.wait() != 0:
        sys.exit("psql failed: nothing was committed")
    print(f"copied in {time.time() - t0:.0f} s")

    for t, c in psql(addr, "SELECT table_name, column_name FROM information_schema.columns "
                     "WHERE table_schema = current_schema() AND is_identity = 'YES'"):
        if t in counts:
            psql(addr, f"SELECT setval(pg_get_serial_sequence('{qi(t)}', '{c}'), "
                 f"COALESCE(max({qi(c)}), 1), max({qi(c)}) IS NOT NULL) FROM {qi(t)}")
    psql(addr, "ANALYZE")

    bad = 0
    print(f"{'table':32} {'sqlite':>10} {'postgresql':>10}")
    for t in order:
        s = db.execute(f"SELECT count(*) FROM {qi(t)}").fetchone()[0]
        p = int(psql(addr, f"SELECT count(*) FROM {qi(t)}")[0][0])
        mark = "" if s == p else "  MISMATCH"
        bad += s != p
        print(f"{t:32} {s:>10} {p:>10}{mark}")
    if bad:
        sys.exit(f"{bad} table(s) differ")
    print("all row counts equal")


if __name__ == "__main__":
    main()
