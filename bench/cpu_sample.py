#!/usr/bin/env python3
# Bench tooling (docs/province.md): CPU time used per program name, from
# /proc/PID/stat (utime + stime of live processes), sampled every SECS
# seconds: `cpu_sample.py SECS OUT` appends "time pid name cpu_seconds" lines
# until killed. The difference between two samples of one name is the CPU
# that program's processes used in between (a process that exits in
# between takes its time with it: gongkai's servers, their PostgreSQL
# backends, nginx and wrk all live for the whole measured window).
# `cpu_sample.py windows OUT [FROM [TO]]` prints, for every stretch of
# samples during which wrk ran (bench/province.sh's 3 s warm-up, then its
# measured run), the CPU seconds per program in the last 15 s of it (the
# measured run) and their share of the machine's cores.
import os
import sys
import time


def windows(path, t_from=0.0, t_to=1e18, last=15.0):
    samples = {}
    for line in open(path):
        t, pid, name, v = line.rstrip("\n").split("\t")
        if t_from <= float(t) <= t_to:
            samples.setdefault(float(t), {})[(pid, name)] = float(v)
    times = sorted(samples)
    runs, cur = [], []
    for t in times:  # a new wrk process restarts its counter from ~0
        if any(k[1] == "wrk" for k in samples[t]):
            cur.append(t)
        else:
            if len(cur) > 1:
                runs.append(cur)
            cur = []
    if len(cur) > 1:
        runs.append(cur)
    cores = os.cpu_count()
    for r in runs:  # the last `last` seconds: the measured run, not the warm-up
        r = [t for t in r if t >= r[-1] - last - 0.5]
        a, b = samples[r[0]], samples[r[-1]]
        span = r[-1] - r[0]
        use = {}
        for k in b:  # per process: those that exited in between are lost
            name = "kworker (kernel)" if k[1].startswith("kworker") else k[1]
            use[name] = use.get(name, 0.0) + b[k] - a.get(k, 0.0)
        top = sorted(((v, k) for k, v in use.items() if v > 0.05), reverse=True)
        total = sum(v for v, _ in top)
        print(f"window {span:.1f} s ({r[0]:.0f}-{r[-1]:.0f}): {total:.1f} CPU s of {span * cores:.1f} available")
        for v, k in top:
            print(f"  {k:16} {v:7.2f} s  {100 * v / (span * cores):5.1f}% of {cores} cores")


if len(sys.argv) >= 3 and sys.argv[1] == "windows":
    windows(sys.argv[2], *(float(x) for x in sys.argv[3:5]))
    sys.exit(0)
secs, out = float(sys.argv[1]), sys.argv[2]
tick = os.sysconf("SC_CLK_TCK")
while True:
    tot = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/stat") as f:
                s = f.read()
        except OSError:
            continue
        name = s[s.index("(") + 1:s.rindex(")")]
        f = s[s.rindex(")") + 2:].split()
        tot.append((pid, name, int(f[11]) + int(f[12])))
    now = time.time()
    with open(out, "a") as f:
        for pid, name, v in tot:
            f.write(f"{now:.1f}\t{pid}\t{name}\t{v / tick:.2f}\n")
    time.sleep(secs)
