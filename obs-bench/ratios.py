#!/usr/bin/env python3
"""Turns JMH JSON results (one file per thread count) into the tables of docs/performance.md.

Usage: ratios.py jmh-result-t1.json jmh-result-t2.json

Time per op is the median of the measurement iterations (robust to a noisy neighbour stealing
one iteration); JMH's mean and 99.9% error are shown beside it. B/op is gc.alloc.rate.norm.
Targets are judged on medians; the ratio of the best (least disturbed) iterations is shown too.
"""
import json
import statistics
import sys

ORDER = [
    "CalibrationBenchmark.empty",
    "CalibrationBenchmark.nanoTime",
    "CalibrationBenchmark.longAdder",
    "MetricsBenchmark.timerRecord",
    "MetricsBenchmark.obsRecord",
    "MetricsBenchmark.micrometerBuilder",
    "FilterBenchmark.noopChain",
    "FilterBenchmark.obsFilter",
    "FilterBenchmark.obsFilterGeneratedId",
    "FilterBenchmark.obsFilterContextPath",
    "FilterBenchmark.springFilter",
]
ZERO_BYTES = 1.0  # below one byte per op nothing is allocated per request (an object is >= 16 B)


def load(paths):
    results = {}
    for path in paths:
        with open(path) as f:
            for r in json.load(f):
                name = ".".join(r["benchmark"].split(".")[-2:])
                routes = r.get("params", {}).get("routes", "-")
                pm = r["primaryMetric"]
                iterations = [x for fork in pm["rawData"] for x in fork]
                alloc = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {})
                results[(name, routes, r["threads"])] = {
                    "median": statistics.median(iterations),
                    "best": min(iterations),
                    "mean": float(pm["score"]),
                    "error": float(pm["scoreError"]),  # "NaN" when too few iterations
                    "bytes": float(alloc.get("score", "nan")),
                }
    return results


def ns(v):
    if v != v:
        return "?"
    return f"{v:,.1f}" if v < 100 else f"{v:,.0f}"


def main(paths):
    res = load(paths)
    keys = sorted({(n, r) for (n, r, _) in res}, key=lambda k: (ORDER.index(k[0]) if k[0] in ORDER else 99, k[1].zfill(3)))
    threads = sorted({t for (_, _, t) in res})

    head = "| benchmark | routes |"
    rule = "|---|---:|"
    for t in threads:
        head += f" {t} thr: ns/op median (mean ± err) | {t} thr: B/op |"
        rule += "---:|---:|"
    if len(threads) == 2:
        head += f" {threads[1]}/{threads[0]} thr |"
        rule += "---:|"
    print(head)
    print(rule)
    for name, routes in keys:
        row = f"| {name} | {routes} |"
        for t in threads:
            r = res.get((name, routes, t))
            if r is None:
                row += " – | – |"
            else:
                b = r["bytes"]
                row += f" {ns(r['median'])} ({ns(r['mean'])} ± {ns(r['error'])}) | {0 if b < ZERO_BYTES else round(b)} |"
        if len(threads) == 2:
            a, b = res.get((name, routes, threads[0])), res.get((name, routes, threads[1]))
            row += f" {b['median'] / a['median']:.2f}× |" if a and b else " – |"
        print(row)

    print()
    print("| target | routes | threads | measured (medians) | limit | result | best iterations |")
    print("|---|---:|---:|---:|---:|---|---:|")
    misses = 0

    def check(label, routes, t, value, limit, shown, best=""):
        nonlocal misses
        ok = value <= limit
        misses += not ok
        unit = "" if "B/op" in label else "×"
        print(f"| {label} | {routes} | {t} | {shown} | {limit:g}{unit} | {'PASS' if ok else 'MISS'} | {best} |")

    def med(name, routes, t, stat="median"):
        r = res.get((name, routes, t))
        return r[stat] if r else None

    def ratio(a, b, routes, ta, tb=None):
        x, y = med(a, routes, ta), med(b, routes, tb or ta)
        bx, by = med(a, routes, ta, "best"), med(b, routes, tb or ta, "best")
        return (x / y, f"{bx / by:.2f}×") if x and y else (None, "")

    for routes in sorted({r for (_, r) in keys if r != "-"}, key=lambda r: r.zfill(3)):
        for t in threads:
            for a, b, limit in (
                ("MetricsBenchmark.obsRecord", "MetricsBenchmark.timerRecord", 1.2),
                ("MetricsBenchmark.obsRecord", "MetricsBenchmark.micrometerBuilder", 0.5),
                ("FilterBenchmark.obsFilter", "FilterBenchmark.springFilter", 0.3),
            ):
                value, best = ratio(a, b, routes, t)
                if value is not None:
                    label = f"{a.split('.')[1]} / {b.split('.')[1]}"
                    check(label, routes, t, value, limit, f"{value:.2f}×", best)
            r = res.get(("MetricsBenchmark.obsRecord", routes, t))
            if r:
                zero = 0 if r["bytes"] < ZERO_BYTES else r["bytes"]
                check("obsRecord B/op (metrics path)", routes, t, zero, 0, f"{r['bytes']:.3f}")
        if len(threads) == 2:
            for name in ("MetricsBenchmark.obsRecord", "FilterBenchmark.obsFilter"):
                value, best = ratio(name, name, routes, threads[1], threads[0])
                if value is not None:
                    label = f"{name.split('.')[1]} {threads[1]} thr / {threads[0]} thr"
                    check(label, routes, f"{threads[1]} vs {threads[0]}", value, 1.3, f"{value:.2f}×", best)
    print()
    print(f"{misses} target(s) missed." if misses else "All targets met.")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])
