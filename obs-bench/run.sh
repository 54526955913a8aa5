#!/usr/bin/env bash
# Builds obs-bench and runs the request-path suite at 1 and then 2 threads, then prints the
# figures and the target ratios (ratios.py). About 10 minutes on 2 cores.
#
#   obs-bench/run.sh                      # the request-path suite (docs/performance.md)
#   obs-bench/run.sh 'MetricsBenchmark'   # arguments go to JMH instead, e.g. a benchmark regex
#   obs-bench/run.sh '.*'                 # every benchmark in the module
#   JMH_T1='-f 1 -wi 1 -i 2' JMH_T2='-f 1 -wi 1 -i 2' obs-bench/run.sh   # a quick, rough run
#
# At 1 thread one fork gives steady figures. At 2 threads each fork settles in a faster or a slower
# state for the same code (how the two cores' writes to the shared meters interleave), so that run
# takes 3 forks.
set -euo pipefail
cd "$(dirname "$0")/.."

# Only the class jars are needed: skip javadoc and source jars.
./mvnw -q -B -pl obs-bench -am package -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true

if [ $# -eq 0 ]; then
  set -- 'dev\.obs\.bench\.(CalibrationBenchmark|MetricsBenchmark|FilterBenchmark)\.'
fi

out=obs-bench/target
t1=${JMH_T1:--f 1 -wi 3 -w 1s -i 6 -r 1s}
t2=${JMH_T2:--f 3 -wi 2 -w 1s -i 4 -r 1s}
{
  echo "date:    $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "commit:  $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD 2>/dev/null || echo ' + local changes')"
  echo "cpus:    $(nproc) x $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
  echo "memory:  $(free -g | awk '/^Mem:/ {print $2 " GiB"}')"
  echo "java:    $(java -version 2>&1 | head -n 2 | paste -sd ';' | sed 's/;/; /')"
  echo "load:    $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) before the run"
} | tee "$out/jmh-machine.txt"

for threads in 1 2; do
  if [ "$threads" = 1 ]; then times=$t1; else times=$t2; fi
  # shellcheck disable=SC2086 # $times holds several JMH options
  java -jar obs-bench/target/benchmarks.jar \
    $times -t "$threads" \
    -jvmArgsAppend "-Xms1g -Xmx1g" \
    -prof gc \
    -rf json -rff "$out/jmh-result-t$threads.json" \
    "$@" | tee "$out/jmh-t$threads.log"
done
echo "load:    $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) after the run" | tee -a "$out/jmh-machine.txt"

python3 obs-bench/ratios.py "$out/jmh-result-t1.json" "$out/jmh-result-t2.json" | tee "$out/jmh-ratios.md"
