#!/usr/bin/env python3
"""Compares the schema of a SQLite database with that of a PostgreSQL one,
both built by the migrations (src/store/migrations.c), and prints every
difference; exits 1 if there is any, 0 if none, 2 on a usage or tool error.

    scripts/compare-schemas.py [--ignore TABLE]... FILE.db POSTGRES-ADDRESS

FILE.db is read with the sqlite3 command, POSTGRES-ADDRESS (a libpq address,
e.g. postgresql:///gk?host=/tmp/x/sock&port=5432) with psql, in its current
schema. --ignore names a table one side keeps for its own bookkeeping.

Compared, table by table: the columns (name, order, type family, NOT NULL,
default), the primary key, UNIQUE constraints, foreign keys (with ON
DELETE), CHECK constraints, the indexes (name, uniqueness, columns with
their order, partial WHERE) and the triggers (name, timing, event, UPDATE OF
columns, WHEN). Expressions (CHECK, WHERE, WHEN, defaults) are compared
after a normalisation of what PostgreSQL prints back differently (casts,
= ANY (ARRAY[…]) for IN, BETWEEN, IS DISTINCT FROM, parentheses and spaces
dropped), so a difference only in grouping would pass. Not compared: the
triggers' bodies (a behaviour, tested by running them), the identity of a
key (an INTEGER PRIMARY KEY is a rowid on SQLite, an identity or a plain
key on PostgreSQL) and the nullability of primary-key columns (SQLite
allows NULL in a non-integer one; PostgreSQL never does).

Python's standard library only."""

import json
import re
import subprocess
import sys

# --- reading both databases -------------------------------------------------


def sqlite_rows(path, sql):
    out = subprocess.run(
        ["sqlite3", "-readonly", "-json", path, sql],
        check=True, capture_output=True, text=True).stdout
    return json.loads(out) if out.strip() else []


def pg_rows(address, sql):
    """Rows of SQL as dicts: the query is wrapped in json_agg."""
    wrapped = "SELECT COALESCE(json_agg(q), '[]') FROM (%s) q" % sql
    out = subprocess.run(
        ["psql", "-X", "-A", "-t", "-q", "-v", "ON_ERROR_STOP=1", "-d", address,
         "-c", wrapped],
        check=True, capture_output=True, text=True).stdout
    return json.loads(out)


# --- expressions ------------------------------------------------------------

STRING = re.compile(r"'(?:[^']|'')*'")


def norm_expr(e):
    """An expression in a form both databases' texts reduce to."""
    if e is None:
        return None
    # keep string literals as they are, lower-case the rest
    parts, last = [], 0
    for m in STRING.finditer(e):
        parts.append(e[last:m.start()].lower())
        parts.append(m.group(0))
        last = m.end()
    parts.append(e[last:].lower())
    e = "".join(parts)
    e = re.sub(r"::[a-z ]+(\[\])?", "", e)  # casts PostgreSQL adds
    e = re.sub(r"\bpublic\.", "", e)
    # x = ANY (ARRAY[a, b]) -> x IN (a, b)
    e = re.sub(r"(\w+) = any \(array\[(.*?)\]\)", r"\1 in (\2)", e)
    # x BETWEEN a AND b -> x >= a AND x <= b
    e = re.sub(r"(\w+) between (\S+) and (\S+)", r"\1 >= \2 and \1 <= \3", e)
    e = e.replace("!=", "<>")
    # SQLite's IS / IS NOT between values are PostgreSQL's IS [NOT] DISTINCT FROM
    e = re.sub(r"\bis not (?!null\b|distinct\b)", "is distinct from ", e)
    e = re.sub(r"\bis (?!not\b|null\b|distinct\b)", "is not distinct from ", e)
    e = re.sub(r"[()\s]", "", e)
    return e


def norm_default(d):
    if d is None:
        return None
    return norm_expr(d)


def balanced(s, i):
    """The text inside the parenthesis that opens at S[I], and the index past it."""
    depth, j = 0, i
    while j < len(s):
        c = s[j]
        if c == "'":
            m = STRING.match(s, j)
            j = m.end()
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return s[i + 1:j], j + 1
        j += 1
    raise ValueError("unbalanced parentheses in: " + s)


def sqlite_checks(sql):
    """The CHECK expressions of a CREATE TABLE text."""
    out, i = [], 0
    upper = sql.upper()
    while True:
        m = re.compile(r"\bCHECK\s*\(").search(upper, i)
        if not m:
            return out
        inner, i = balanced(sql, m.end() - 1)
        out.append(inner)


def family(t):
    t = (t or "").lower()
    if "int" in t:
        return "integer"
    if "char" in t or "text" in t or "clob" in t:
        return "text"
    if "blob" in t or "bytea" in t or t == "":
        return "bytes"
    if "real" in t or "floa" in t or "doub" in t or "numeric" in t:
        return "number"
    return t


TRIGGER = re.compile(
    r"create\s+trigger\s+(?:if\s+not\s+exists\s+)?(\w+)\s+"
    r"(before|after|instead\s+of)?\s*"
    r"(insert|delete|update)(?:\s+of\s+([\w\s,]+?))?\s+on\s+(?:\w+\.)?(\w+)(.*)$",
    re.I | re.S)


def parse_trigger(sql, pg):
    m = TRIGGER.match(sql.strip())
    if not m:
        raise ValueError("cannot read trigger: " + sql)
    name, timing, event, cols, table, rest = m.groups()
    timing = re.sub(r"\s+", " ", (timing or "before").lower())
    cols = tuple(sorted(c.strip().lower() for c in cols.split(","))) if cols else ()
    when = None
    if pg:
        w = re.search(r"\bwhen\s*\(", rest, re.I)
        if w:
            when, _ = balanced(rest, w.end() - 1)
    else:
        w = re.match(r"\s*(?:for\s+each\s+row\s+)?when\s+(.*?)\s+begin\b", rest, re.I | re.S)
        if w:
            when = w.group(1)
    return {"table": table, "timing": timing, "event": event.lower(), "columns": cols,
            "when": norm_expr(when)}


INDEX = re.compile(
    r"create\s+(unique\s+)?index\s+(?:if\s+not\s+exists\s+)?(\w+)\s+on\s+(?:\w+\.)?(\w+)\s*"
    r"(?:using\s+\w+\s*)?\(", re.I | re.S)


def parse_index(sql):
    m = INDEX.match(sql.strip())
    if not m:
        raise ValueError("cannot read index: " + sql)
    cols, end = balanced(sql.strip(), m.end() - 1)
    rest = sql.strip()[end:]
    where = re.match(r"\s*where\s+(.*)$", rest, re.I | re.S)
    return {"unique": bool(m.group(1)), "table": m.group(3),
            "columns": tuple(norm_col(c) for c in split_top(cols)),
            "where": norm_expr(where.group(1)) if where else None}


def split_top(s):
    out, depth, cur = [], 0, ""
    for c in s:
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        if c == "," and depth == 0:
            out.append(cur)
            cur = ""
        else:
            cur += c
    out.append(cur)
    return out


def norm_col(c):
    c = re.sub(r"\s+", " ", c.strip().lower())
    c = re.sub(r" asc$", "", c)
    return c


# --- the two schemas in one shape -------------------------------------------


def sqlite_schema(path):
    s = {"tables": {}, "indexes": {}, "triggers": {}}
    tables = sqlite_rows(path, "SELECT name, sql FROM sqlite_schema WHERE type = 'table'"
                         " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")
    for t in tables:
        name = t["name"]
        cols = sqlite_rows(path, "SELECT * FROM pragma_table_info('%s') ORDER BY cid" % name)
        pk = tuple(c["name"] for c in sorted((c for c in cols if c["pk"]), key=lambda c: c["pk"]))
        uniques = set()
        for il in sqlite_rows(path, "SELECT * FROM pragma_index_list('%s')" % name):
            if il["origin"] == "u":
                ic = sqlite_rows(path, "SELECT name FROM pragma_index_info('%s') ORDER BY seqno"
                                 % il["name"])
                uniques.add(tuple(c["name"] for c in ic))
        fks = {}
        for f in sqlite_rows(path, "SELECT * FROM pragma_foreign_key_list('%s') ORDER BY id, seq"
                             % name):
            k = fks.setdefault(f["id"], {"from": [], "to": [], "table": f["table"],
                                         "on_delete": f["on_delete"].lower()})
            k["from"].append(f["from"])
            k["to"].append(f["to"])
        s["tables"][name] = {
            "columns": [{"name": c["name"], "family": family(c["type"]),
                         "notnull": bool(c["notnull"]), "default": norm_default(c["dflt_value"])}
                        for c in cols],
            "pk": pk,
            "uniques": uniques,
            "fks": sorted((tuple(k["from"]), k["table"], tuple(k["to"]), k["on_delete"])
                          for k in fks.values()),
            "checks": sorted(norm_expr(c) for c in sqlite_checks(t["sql"])),
        }
    for i in sqlite_rows(path, "SELECT name, sql FROM sqlite_schema WHERE type = 'index'"
                         " AND sql IS NOT NULL"):
        s["indexes"][i["name"]] = parse_index(i["sql"])
    for t in sqlite_rows(path, "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger'"):
        s["triggers"][t["name"]] = parse_trigger(t["sql"], False)
    return s


PG_DELETE = {"a": "no action", "r": "restrict", "c": "cascade", "n": "set null",
             "d": "set default"}


def pg_schema(address):
    s = {"tables": {}, "indexes": {}, "triggers": {}}
    cols = pg_rows(address, """
        SELECT table_name AS t, column_name AS name, data_type AS type,
               is_nullable = 'NO' AS notnull, column_default AS dflt
        FROM information_schema.columns c
        WHERE table_schema = current_schema()
          AND table_name IN (SELECT tablename FROM pg_tables WHERE schemaname = current_schema())
        ORDER BY table_name, ordinal_position""")
    for c in cols:
        t = s["tables"].setdefault(c["t"], {"columns": [], "pk": (), "uniques": set(),
                                            "fks": [], "checks": []})
        t["columns"].append({"name": c["name"], "family": family(c["type"]),
                             "notnull": c["notnull"], "default": norm_default(c["dflt"])})
    cons = pg_rows(address, """
        SELECT r.relname AS t, c.contype AS kind, pg_get_constraintdef(c.oid) AS def,
               ARRAY(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(n, o)
                     JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n
                     ORDER BY k.o) AS cols,
               f.relname AS ref,
               ARRAY(SELECT a.attname FROM unnest(c.confkey) WITH ORDINALITY k(n, o)
                     JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n
                     ORDER BY k.o) AS refcols,
               c.confdeltype AS del
        FROM pg_constraint c JOIN pg_class r ON r.oid = c.conrelid
        LEFT JOIN pg_class f ON f.oid = c.confrelid
        WHERE r.relnamespace = current_schema()::regnamespace""")
    for c in cons:
        t = s["tables"].get(c["t"])
        if t is None:
            continue
        if c["kind"] == "p":
            t["pk"] = tuple(c["cols"])
        elif c["kind"] == "u":
            t["uniques"].add(tuple(c["cols"]))
        elif c["kind"] == "f":
            t["fks"].append((tuple(c["cols"]), c["ref"], tuple(c["refcols"]),
                             PG_DELETE.get(c["del"], c["del"])))
        elif c["kind"] == "c":
            m = re.match(r"CHECK\s*\((.*)\)\s*(NOT VALID)?$", c["def"], re.S)
            t["checks"].append(norm_expr(m.group(1) if m else c["def"]))
    for t in s["tables"].values():
        t["fks"].sort()
        t["checks"].sort()
    # indexes that no constraint made (those are compared as constraints)
    for i in pg_rows(address, """
        SELECT x.relname AS name, pg_get_indexdef(x.oid) AS def
        FROM pg_index i JOIN pg_class x ON x.oid = i.indexrelid
        WHERE x.relnamespace = current_schema()::regnamespace
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid
                          AND c.contype IN ('p', 'u', 'x'))"""):
        s["indexes"][i["name"]] = parse_index(i["def"])
    for t in pg_rows(address, """
        SELECT g.tgname AS name, pg_get_triggerdef(g.oid) AS def
        FROM pg_trigger g JOIN pg_class r ON r.oid = g.tgrelid
        WHERE NOT g.tgisinternal AND r.relnamespace = current_schema()::regnamespace"""):
        s["triggers"][t["name"]] = parse_trigger(t["def"], True)
    return s


# --- the comparison ---------------------------------------------------------


def compare(a, b, ignore):
    """Differences between A (SQLite) and B (PostgreSQL), as lines."""
    d = []
    for name in sorted(set(a["tables"]) | set(b["tables"])):
        if name in ignore:
            continue
        ta, tb = a["tables"].get(name), b["tables"].get(name)
        if ta is None:
            d.append("table %s: only on PostgreSQL" % name)
            continue
        if tb is None:
            d.append("table %s: missing on PostgreSQL" % name)
            continue
        ca = [c["name"] for c in ta["columns"]]
        cb = [c["name"] for c in tb["columns"]]
        for c in ca:
            if c not in cb:
                d.append("table %s: column %s missing on PostgreSQL" % (name, c))
        for c in cb:
            if c not in ca:
                d.append("table %s: column %s only on PostgreSQL" % (name, c))
        common_a = [c for c in ca if c in cb]
        common_b = [c for c in cb if c in ca]
        if common_a != common_b:
            d.append("table %s: column order %s on SQLite, %s on PostgreSQL"
                     % (name, common_a, common_b))
        colb = {c["name"]: c for c in tb["columns"]}
        for c in ta["columns"]:
            o = colb.get(c["name"])
            if o is None:
                continue
            where = "table %s column %s" % (name, c["name"])
            if c["family"] != o["family"]:
                d.append("%s: type %s on SQLite, %s on PostgreSQL" % (where, c["family"],
                                                                      o["family"]))
            if c["notnull"] != o["notnull"] and c["name"] not in ta["pk"]:
                d.append("%s: NOT NULL %s on SQLite, %s on PostgreSQL" % (where, c["notnull"],
                                                                          o["notnull"]))
            if c["default"] != o["default"]:
                d.append("%s: default %s on SQLite, %s on PostgreSQL" % (where, c["default"],
                                                                         o["default"]))
        for key, what in (("pk", "primary key"), ("uniques", "UNIQUE constraints"),
                          ("fks", "foreign keys"), ("checks", "CHECK constraints")):
            if ta[key] != tb[key]:
                d.append("table %s: %s differ:\n  SQLite:     %s\n  PostgreSQL: %s"
                         % (name, what, fmt(ta[key]), fmt(tb[key])))
    for kind in ("indexes", "triggers"):
        for name in sorted(set(a[kind]) | set(b[kind])):
            xa, xb = a[kind].get(name), b[kind].get(name)
            if (xa or xb)["table"] in ignore:
                continue
            if xa is None:
                d.append("%s %s: only on PostgreSQL" % (kind[:-2 if kind == "indexes" else -1],
                                                        name))
            elif xb is None:
                d.append("%s %s: missing on PostgreSQL" % (kind[:-2 if kind == "indexes" else -1],
                                                           name))
            elif xa != xb:
                d.append("%s %s differs:\n  SQLite:     %s\n  PostgreSQL: %s"
                         % (kind[:-2 if kind == "indexes" else -1], name, xa, xb))
    return d


def fmt(v):
    return sorted(v) if isinstance(v, set) else v


def main(argv):
    ignore, args = set(), []
    it = iter(argv)
    for x in it:
        if x == "--ignore":
            ignore.add(next(it, ""))
        elif x.startswith("-"):
            args = []
            break
        else:
            args.append(x)
    if len(args) != 2:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    try:
        a = sqlite_schema(args[0])
        b = pg_schema(args[1])
    except subprocess.CalledProcessError as e:
        print("compare-schemas: %s failed: %s" % (e.cmd[0], e.stderr.strip()), file=sys.stderr)
        return 2
    except (OSError, ValueError) as e:
        print("compare-schemas: %s" % e, file=sys.stderr)
        return 2
    diffs = compare(a, b, ignore)
    for line in diffs:
        print(line)
    n = len(a["tables"]) - len(ignore & set(a["tables"]))
    print("%d difference(s); %d tables, %d indexes, %d triggers on SQLite"
          % (len(diffs), n, len(a["indexes"]), len(a["triggers"])))
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
