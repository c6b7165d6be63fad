#!/usr/bin/env python3
"""Load generator of bench/run load (test tooling, not part of kam).

Runs `kam --sla NAME` as separate processes from CLIENTS concurrent
clients, client i logging in as login PREFIX<i> (every person logs in as
themselves, as in a real deployment), and prints one line:

    lookups N errors N seconds S rate R p50 MS p99 MS

--rate R: open loop. Lookup k is due at start + k / R, whatever the
others do (the schedule is by the clock, not back to back); lookup k
belongs to client k mod CLIENTS, and its latency counts from when it was
due, so a client that falls behind shows it in the figures instead of
offering less load.
--rate 0: saturation. Every client runs lookups back to back for the
given seconds; latency counts from each start.

The connection comes from the environment (PGHOST, PGPORT, PGDATABASE);
errors (a non-zero exit) are counted by their first line of stderr and
the most common are printed to stderr.
"""

import argparse
import collections
import os
import subprocess
import sys
import threading
import time


def percentile(sorted_values, p):
    if not sorted_values:
        return 0.0
    k = min(len(sorted_values) - 1, max(0, round(p / 100 * len(sorted_values) + 0.5) - 1))
    return sorted_values[k]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--kam', required=True)
    ap.add_argument('--clients', type=int, default=200)
    ap.add_argument('--rate', type=float, default=100.0)
    ap.add_argument('--seconds', type=float, default=30.0)
    ap.add_argument('--prefix', default='load')
    ap.add_argument('names', nargs='+')
    a = ap.parse_args()

    lock = threading.Lock()
    latencies = []
    errors = collections.Counter()
    base_env = dict(os.environ)

    def lookup(client, k):
        env = dict(base_env, PGUSER='%s%d' % (a.prefix, client + 1))
        name = a.names[k % len(a.names)]
        p = subprocess.run([a.kam, '--sla', name], env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        return p.returncode, p.stderr.decode('utf-8', 'replace')

    def record(ms, status, err):
        with lock:
            if status == 0:
                latencies.append(ms)
            else:
                first = (err.strip().splitlines() or ['exit %d' % status])[0]
                errors['exit %d: %s' % (status, first[:120])] += 1

    start = time.monotonic() + 0.5  # every thread started before the first

    def open_loop(client):
        total = int(a.rate * a.seconds)
        for k in range(client, total, a.clients):
            due = start + k / a.rate
            delay = due - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            status, err = lookup(client, k)
            record((time.monotonic() - due) * 1000, status, err)

    def closed_loop(client):
        end = start + a.seconds
        k = client
        delay = start - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        while time.monotonic() < end:
            t = time.monotonic()
            status, err = lookup(client, k)
            record((time.monotonic() - t) * 1000, status, err)
            k += a.clients

    work = open_loop if a.rate > 0 else closed_loop
    threads = [threading.Thread(target=work, args=(i,)) for i in range(a.clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - start

    latencies.sort()
    n = len(latencies) + sum(errors.values())
    print('lookups %d errors %d seconds %.1f rate %.1f p50 %.1f p99 %.1f' % (
        n, sum(errors.values()), elapsed, len(latencies) / elapsed,
        percentile(latencies, 50), percentile(latencies, 99)))
    for what, count in errors.most_common(5):
        print('load: %d x %s' % (count, what), file=sys.stderr)


if __name__ == '__main__':
    main()
