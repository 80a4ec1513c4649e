#!/usr/bin/env bash
# Benchmarks: throughput vs a plain producer, requests per job, rate-limited throughput, memory,
# latency. Figures go to stdout (FIGURE lines) and target/bench/results.md. Takes ~8 minutes.
#
#   ./bench.sh                          # everything, rate-limited part for 2 minutes
#   ./bench.sh --rate-minutes 10        # the long form of the rate-limited part
#   ./bench.sh --only pipeline,memory   # some parts: sim, pipeline, memory, efficiency, latency, rate
#   ./bench.sh --only budget            # skewed load vs the limits, 2/4 tasks, 1/2 workers (~15 min)
#   ./bench.sh --only scale [--scale-specs 10000,100000]   # specs on the control topic, -Xmx512m worker
#   ./bench.sh --memory-rows 300000 --pipeline-rows 100000 --buffer 5000
set -euo pipefail
cd "$(dirname "$0")"
mvn -q -B -DskipTests -Dspotless.check.skip=true package
mkdir -p target/bench
mvn -q -B dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench/classpath.txt
exec java -Xmx3g -cp "$PWD/target/test-classes:$PWD/target/classes:$(cat target/bench/classpath.txt)" \
  co.igscraper.kafka.connect.bench.BenchmarkMain "$@"
