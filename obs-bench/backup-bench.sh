#!/usr/bin/env bash
# Times an obs backup of a PostgreSQL database against a bare `pg_dump -Fc` to a file, in the same
# run on the same machine, then the restore. obs runs with its defaults: SHA-256 on the stream,
# no encryption, rows counted in the dump's snapshot. Prints the figures and the obs/bare ratio
# (target: at most 1.1).
#
#   obs-bench/backup-bench.sh          # a database of about 1024 MB
#   obs-bench/backup-bench.sh 300      # about 300 MB
#   ROUNDS=3 obs-bench/backup-bench.sh # rounds of (bare, obs) pairs; the median is reported
#
# Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust or PGPASSWORD), pg_dump, pg_restore and
# psql on the PATH, and about three times the database size free under obs-bench/target. It
# creates and drops the databases obs_backup_bench, obs_backup_bench_bare and
# obs_backup_bench_restored.
set -euo pipefail
cd "$(dirname "$0")/.."

size_mb=${1:-1024}
rounds=${ROUNDS:-3}
host=${PGHOST:-127.0.0.1}
port=${PGPORT:-5432}
user=${PGUSER:-postgres}
db=obs_backup_bench
restored=obs_backup_bench_restored
bare_restored=obs_backup_bench_bare
work=obs-bench/target/backup-bench
psql_() { psql -X -q -v ON_ERROR_STOP=1 -h "$host" -p "$port" -U "$user" "$@"; }
now() { date +%s.%N; }

./mvnw -q -B -pl obs-backup -am package -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true
jar=$(ls obs-backup/target/obs-backup-*-cli.jar | head -1)

rm -rf "$work" && mkdir -p "$work/store"
cleanup() {
  psql_ -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" || true
  psql_ -d postgres -c "DROP DATABASE IF EXISTS $restored WITH (FORCE)" || true
  psql_ -d postgres -c "DROP DATABASE IF EXISTS $bare_restored WITH (FORCE)" || true
}
trap cleanup EXIT
cleanup

echo "creating a database of about ${size_mb} MB ..."
psql_ -d postgres -c "CREATE DATABASE $db"
# About 7,000 rows of two tables per MB on disk; the actual size is printed below.
rows=$((size_mb * 5600))
psql_ -d "$db" <<SQL
CREATE TABLE events (id bigint PRIMARY KEY, kind int, at timestamptz, payload text);
INSERT INTO events
  SELECT g, g % 17, timestamptz '2025-01-01' + g * interval '1 second',
         md5(g::text) || md5((g * 7)::text)
  FROM generate_series(1, $rows) g;
CREATE TABLE accounts (id bigint PRIMARY KEY, name text, balance numeric(14,2));
INSERT INTO accounts SELECT g, 'account ' || g, (g % 100000) / 3.0 FROM generate_series(1, $((rows / 4))) g;
VACUUM ANALYZE;
SQL
actual=$(psql_ -d postgres -At -c "SELECT pg_size_pretty(pg_database_size('$db'))")

cat > "$work/obs.properties" <<PROPS
obs.backup.plans=bench
obs.backup.store.path=$PWD/$work/store
obs.backup.plan.bench.sources=db
obs.backup.plan.bench.attempts=1
obs.backup.plan.bench.retention.daily=1
obs.backup.plan.bench.retention.weekly=0
obs.backup.plan.bench.retention.monthly=0
obs.backup.source.db.kind=postgresql
obs.backup.source.db.host=$host
obs.backup.source.db.port=$port
obs.backup.source.db.user=$user
obs.backup.source.db.database=$db
PROPS
cli() { java -jar "$jar" --config "$work/obs.properties" "$@"; }

jvm_start=$( { s=$(now); cli --version >/dev/null; e=$(now); echo "$e - $s" | bc; } )
bare=()
obs=()
inproc=()
for r in $(seq 1 "$rounds"); do
  sync
  s=$(now); pg_dump -Fc -h "$host" -p "$port" -U "$user" -d "$db" -f "$work/bare.dump"; e=$(now)
  bare+=("$(echo "$e - $s" | bc)")
  sync
  s=$(now); cli run --plan bench >"$work/run.log"; e=$(now)
  obs+=("$(echo "$e - $s" | bc)")
  # The run's own duration, as an application embedding obs sees it: no JVM start.
  inproc+=("$(sed -n 's/.* in \([0-9]*\) ms$/\1/p' "$work/run.log" | awk '{printf "%.3f", $1 / 1000}')")
  echo "round $r: bare ${bare[-1]} s, obs ${obs[-1]} s (in-process ${inproc[-1]} s)," \
    "ratio $(echo "scale=3; ${obs[-1]} / ${bare[-1]}" | bc)"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2)}'; }
bare_m=$(median "${bare[@]}")
obs_m=$(median "${obs[@]}")
inproc_m=$(median "${inproc[@]}")

id=$(cli list --plan bench | awk '$4 == "completed" {print $1; exit}')
psql_ -d postgres -c "CREATE DATABASE $bare_restored"
s=$(now); pg_restore -h "$host" -p "$port" -U "$user" --no-owner --exit-on-error -d "$bare_restored" "$work/bare.dump"; e=$(now)
bare_restore=$(echo "$e - $s" | bc)
s=$(now); cli restore "$id" --yes --target "db=$restored" >"$work/restore.log"; e=$(now)
obs_restore=$(echo "$e - $s" | bc)

dump_size=$(stat -c %s "$work/bare.dump")
obs_size=$(du -b "$work"/store/bench/*/db.dump | tail -1 | cut -f1)
{
  echo "date:            $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "commit:          $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "cpus:            $(nproc)"
  echo "database:        $actual ($rows + $((rows / 4)) rows)"
  echo "dump size:       bare $dump_size bytes, obs $obs_size bytes"
  echo "jvm start:       $jvm_start s (java -jar --version; included in the obs times)"
  echo "bare pg_dump -Fc: ${bare[*]} s (median $bare_m s)"
  echo "obs run:         ${obs[*]} s (median $obs_m s)"
  echo "obs in-process:  ${inproc[*]} s (median $inproc_m s)"
  echo "ratio obs/bare:  $(echo "scale=3; $obs_m / $bare_m" | bc) (command line), $(echo "scale=3; $inproc_m / $bare_m" | bc) (in-process)"
  echo "load average:    $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "restore:         bare pg_restore $bare_restore s, obs restore $obs_restore s (verify + pg_restore + row counts)"
} | tee "$work/result.txt"
