#!/usr/bin/env bash
# Serves a status page with 90 days of history for 10 components (StatusPageServer) on loopback
# and measures it with wrk as a browser asks for it (Accept-Encoding: gzip): a 5 s warm-up, then
# 15 s at 8 connections, for /status and /status.json. Bounded: about 45 seconds in all. Results go to obs-bench/target/status-wrk.txt.
#
#   obs-bench/status-wrk.sh
set -euo pipefail
cd "$(dirname "$0")/.."

./mvnw -q -B -pl obs-bench -am package -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true

out=obs-bench/target
log=$out/status-server.log
java -Xms512m -Xmx512m -cp obs-bench/target/benchmarks.jar dev.obs.bench.StatusPageServer 0 >"$log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT

port=
for _ in $(seq 1 600); do
  port=$(sed -n 's/^ready \([0-9]*\)$/\1/p' "$log")
  [ -n "$port" ] && break
  if ! kill -0 "$server" 2>/dev/null; then
    cat "$log"
    exit 1
  fi
  sleep 0.1
done
[ -n "$port" ] || { echo "the status page server did not start within 60 s" >&2; exit 1; }

base=http://127.0.0.1:$port
{
  echo "date:    $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "commit:  $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "load:    $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) before the run"
  echo "page:    $(curl -s -o /dev/null -w '%{size_download} bytes' "$base/status"), gzip $(curl -s -o /dev/null -H 'Accept-Encoding: gzip' -w '%{size_download} bytes' "$base/status")"
  for path in /status /status.json; do
    wrk -t1 -c8 -d5s -H "Accept-Encoding: gzip" "$base$path" >/dev/null
    echo "== $path"
    wrk -t1 -c8 -d15s --latency -H "Accept-Encoding: gzip" "$base$path"
  done
} | tee "$out/status-wrk.txt"
