#!/usr/bin/env bash
# Rebuilds, runs every benchmark and rewrites the table in docs/performance.md and docs/images/performance.png.
# Needs the PostgreSQL server the tests use; the benchmarks use their own database `bench` on it, created if absent
# (PLUGKIT_BENCH_POSTGRES_URL overrides jdbc:postgresql://127.0.0.1:5432/bench?user=postgres)
# and wrk (Debian package `wrk`; without it the connect figure comes from the in-JVM loader and says so).
# QUICK=1 runs everything small (seconds, not the published sizes), for checking the scripts.
# SKIP_BUILD=1 uses the jars already built.
set -euo pipefail
cd "$(dirname "$0")/.."
[ "${SKIP_BUILD:-0}" = 1 ] || mvn -B -q -Pbench -pl plugkit-jetty-demo,plugkit-bench -am package -DskipTests
rm -rf plugkit-bench/target/results
run() { plugkit-bench/run.sh "$@"; }
if [ "${QUICK:-0}" = 1 ]; then
  run connect --seconds=3
  run callback --callbacks=500
  run accounts --sizes=1000,10000 --samples=100
  run refresh --accounts=2000
  run refresh --accounts=2000 --concurrency=8 --tag=concurrency8
  run webhooks --events=500
  run startup --runs=1
  run jmh --seconds=1 --iterations=1
else
  run connect --seconds=15
  run callback --callbacks=5000
  run accounts --sizes=1000,10000,100000 --samples=1000
  run refresh --accounts=100000
  run refresh --accounts=20000 --concurrency=8 --tag=concurrency8
  run webhooks --events=5000
  run startup --runs=3
  run jmh --seconds=2 --iterations=3
fi
run report
