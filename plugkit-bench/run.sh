#!/usr/bin/env bash
# Runs one benchmark of docs/performance.md from the repository root: plugkit-bench/run.sh <benchmark> [--name=value…]
# Build first (once): mvn -B -Pbench -pl plugkit-jetty-demo,plugkit-bench -am package -DskipTests
set -euo pipefail
cd "$(dirname "$0")/.."
exec java ${BENCH_JAVA_OPTS:-} -jar plugkit-bench/target/plugkit-bench.jar "$@"
