#!/usr/bin/env bash
# Runs HistoryBenchmark (the request path with history off and on, in the same run) and prints
# the median time per request of each and their ratio. About 40 seconds.
#
#   obs-bench/history-bench.sh             # 1 thread
#   THREADS=2 obs-bench/history-bench.sh   # 2 threads
set -euo pipefail
cd "$(dirname "$0")/.."

./mvnw -q -B -pl obs-bench -am package -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true

out=obs-bench/target
threads=${THREADS:-1}
java -jar obs-bench/target/benchmarks.jar -t "$threads" -jvmArgsAppend "-Xms1g -Xmx1g" -prof gc \
  -rf json -rff "$out/jmh-history-t$threads.json" 'HistoryBenchmark' | tee "$out/jmh-history-t$threads.log"

python3 - "$out/jmh-history-t$threads.json" <<'PY'
import json, statistics, sys
rows = {}
for r in json.load(open(sys.argv[1])):
    it = [x for fork in r["primaryMetric"]["rawData"] for x in fork]
    alloc = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score", float("nan"))
    rows[r["params"]["history"]] = (statistics.median(it), min(it), float(alloc))
off, on = rows["off"], rows["on"]
print(f"history off: median {off[0]:.1f} ns/op (best {off[1]:.1f}), {off[2]:.1f} B/op")
print(f"history on:  median {on[0]:.1f} ns/op (best {on[1]:.1f}), {on[2]:.1f} B/op")
print(f"ratio on/off: median {on[0] / off[0]:.3f}, best {on[1] / off[1]:.3f}")
PY
