#!/usr/bin/env python3
"""Helper of bench/province.sh (docs/province.md). Standard library only;
talks HTTP/1.1 to 127.0.0.1 (the nginx in front of the servers).

  province_client.py prepare URL OUT.lua
      collects item ids (GET /api/v1/items) and files a few applications
      (POST /api/v1/requests) for their tracking codes; writes them as Lua
      tables for bench/province.lua
  province_client.py writes URL RATES SECS
      the open-loop write test: for each rate R of RATES (comma list), R
      applications a second for SECS seconds, each sent at its own time
      whatever happened to the ones before (so a slow server cannot slow
      the offered load down), each on its own connection; prints one line
      per rate: offered, acknowledged (201) within 1 s, later, failed, and
      the p50/p99 of the acknowledged ones' time from their scheduled start.
      Stops after the first rate at which fewer than 95% were acknowledged
      within 1 s.

Applications go through the JSON API, which has no human check (the
form's proof of work is for browsers; docs/throttling.md "Load tests"):
the servers run with --intake-limit 0, and every request carries its own
X-Forwarded-For client address (127.1.x.y) so that no per-address limit
is shared by the whole load.
"""
import asyncio
import json
import random
import resource
import sys
import time
import urllib.parse

AGENCIES = ["035200000", "035201000", "035203000", "035204000", "035205000", "035210000", "035221000"]
PERSON = {"applicant_type": "natural_person", "name": "压力测试申请人", "id_number": "140202199001011234",
          "phone": "13503520001", "email": "bench@example.cn", "address": "大同市平城区测试路8号",
          "description": "压力测试：2025年城区道路改造工程的立项批复", "doc_no": "", "delivery": "email"}


def fake_addr(i):
    return "127.1.%d.%d" % ((i >> 8) & 255, i & 255 or 1)


async def http(host, port, method, path, body=None, xff=None, timeout=10.0):
    """(status, headers dict, body bytes) of one request on its own connection."""
    r, w = await asyncio.wait_for(asyncio.open_connection(host, port), timeout)
    try:
        head = ["%s %s HTTP/1.1" % (method, path), "Host: %s:%d" % (host, port), "Connection: close"]
        if xff:
            head.append("X-Forwarded-For: " + xff)
        data = b""
        if body is not None:
            data = json.dumps(body, ensure_ascii=False).encode()
            head += ["Content-Type: application/json", "Content-Length: %d" % len(data)]
        w.write(("\r\n".join(head) + "\r\n\r\n").encode() + data)
        await w.drain()
        raw = await asyncio.wait_for(r.read(), timeout)
    finally:
        w.close()
    head, _, rest = raw.partition(b"\r\n\r\n")
    lines = head.decode("latin1").split("\r\n")
    status = int(lines[0].split()[1]) if lines and len(lines[0].split()) > 1 else 0
    hdr = {}
    for l in lines[1:]:
        k, _, v = l.partition(":")
        hdr[k.strip().lower()] = v.strip()
    return status, hdr, rest


def application(i):
    return dict(PERSON, agency=AGENCIES[i % len(AGENCIES)])


async def prepare(url, out):
    u = urllib.parse.urlsplit(url)
    # item ids from the first pages and from pages drawn over the whole
    # catalogue, so item pages are not all in the servers' page caches
    ids, pages, last = [], list(range(1, 6)), None
    while pages:
        page = pages.pop(0)
        st, _, body = await http(u.hostname, u.port, "GET", "/api/v1/items?page=%d" % page)
        if st != 200:
            continue
        try:
            j = json.loads(body)
        except ValueError:  # chunked or cut: take what we have
            continue
        ids += [it["id"] for it in j.get("items", [])]
        if last is None:
            per = max(1, j.get("per_page", 20))
            last = max(1, min(j.get("total", 0), 10000) // per)
            pages += random.sample(range(6, last + 1), min(45, max(0, last - 5)))
    codes = []
    for i in range(20):
        st, hdr, body = await http(u.hostname, u.port, "POST", "/api/v1/requests", application(i),
                                   xff=fake_addr(60000 + i))
        if st == 201 and "location" in hdr:
            codes.append(hdr["location"].rsplit("/", 1)[-1])
        elif i == 0:
            sys.exit("prepare: POST /api/v1/requests answered %d: %s" % (st, body[:300]))
    if not ids:
        sys.exit("prepare: no item ids from /api/v1/items")
    with open(out, "w", encoding="utf-8") as f:
        f.write("item_ids = {%s}\n" % ",".join(map(str, ids)))
        f.write("codes = {%s}\n" % ",".join('"%s"' % c for c in codes))
    print("   prepared: %d item ids, %d tracking codes" % (len(ids), len(codes)))


async def writes(url, rates, secs):
    u = urllib.parse.urlsplit(url)
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    cap = max(100, hard - 100)  # requests in flight at most (descriptors)
    seq = [0]
    print("| offered/s | sent | acked <= 1 s | acked later | failed | p50 ms | p99 ms |")
    print("|---|---|---|---|---|---|---|")
    for rate in rates:
        lat, late, failed, why = [], [0], [0], {}
        inflight = [0]

        async def one(t_sched, i):
            if inflight[0] >= cap:
                failed[0] += 1
                why["not sent"] = why.get("not sent", 0) + 1
                return
            inflight[0] += 1
            try:
                st, _, _ = await http(u.hostname, u.port, "POST", "/api/v1/requests", application(i),
                                      xff=fake_addr(i), timeout=5.0)
                dt = time.monotonic() - t_sched
                if st == 201:
                    if dt <= 1.0:
                        lat.append(dt * 1000)
                    else:
                        late[0] += 1
                else:
                    failed[0] += 1
                    why[st] = why.get(st, 0) + 1
            except (OSError, asyncio.TimeoutError, ValueError, IndexError) as e:
                failed[0] += 1
                why[type(e).__name__] = why.get(type(e).__name__, 0) + 1
            finally:
                inflight[0] -= 1

        n = int(rate * secs)
        t0 = time.monotonic() + 0.1
        tasks = []
        for k in range(n):
            t = t0 + k / rate
            d = t - time.monotonic()
            if d > 0:
                await asyncio.sleep(d)
            seq[0] += 1
            tasks.append(asyncio.ensure_future(one(t, seq[0])))
        await asyncio.gather(*tasks)
        lat.sort()
        p = (lambda q: "%.1f" % lat[min(len(lat) - 1, int(q * len(lat)))] if lat else "-")
        print("| %d | %d | %d (%.1f%%) | %d | %d%s | %s | %s |" % (
            rate, n, len(lat), 100.0 * len(lat) / n, late[0], failed[0],
            " (" + ", ".join("%s: %d" % kv for kv in sorted(why.items(), key=str)) + ")" if why else "",
            p(0.5), p(0.99)))
        sys.stdout.flush()
        if len(lat) < 0.95 * n:
            break


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "prepare":
        asyncio.run(prepare(sys.argv[2], sys.argv[3]))
    elif len(sys.argv) == 5 and sys.argv[1] == "writes":
        asyncio.run(writes(sys.argv[2], [int(x) for x in sys.argv[3].split(",")], float(sys.argv[4])))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    random.seed(1)
    main()
