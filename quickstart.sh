#!/usr/bin/env bash
# One command, no Docker: builds the connector and its plugin archive, then runs the igscraper API
# simulator, a Kafka broker (KRaft) and a stock Connect worker (each its own process) with the
# archive on the worker's plugin.path, deploys config/quickstart-followers.json through the worker's
# REST API and prints the records as they arrive. Ctrl-C stops everything; the records stay.
#   ./quickstart.sh                        run until Ctrl-C
#   ./quickstart.sh --exit-after-rows 100  stop after 100 rows, or when every job is done (CI)
#   ./quickstart.sh --print [TOPIC ...]    print every record of the last run again
#   IGSCRAPER_API_KEY=... ./quickstart.sh  use the real API instead of the simulator (spends credits)
set -euo pipefail
cd "$(dirname "$0")"

for tool in java mvn; do
  command -v "$tool" >/dev/null 2>&1 || { echo "quickstart needs $tool (JDK 17+, Maven 3.8+)" >&2; exit 1; }
done
java_major=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
if [ "${java_major%%.*}" -lt 17 ] 2>/dev/null; then
  echo "quickstart needs Java 17 or later (found $java_major)" >&2
  exit 1
fi

# --print reads what a run left behind: it needs no new build once one exists.
if [ "${1:-}" != "--print" ] || [ ! -f target/quickstart.classpath ]; then
  echo "building (the first run downloads the dependencies; log in target/quickstart-build.log) ..."
  mkdir -p target
  if ! mvn -q -B -DskipTests -Dspotless.check.skip=true package dependency:build-classpath \
      -Dmdep.includeScope=test -Dmdep.outputFile=target/quickstart.classpath \
      >target/quickstart-build.log 2>&1; then
    cat target/quickstart-build.log >&2
    echo "the build failed; see above" >&2
    exit 1
  fi
fi

exec java -Xmx512m \
  -Dlog4j2.configurationFile=target/test-classes/log4j2-quickstart.xml \
  -cp "target/test-classes:target/classes:$(cat target/quickstart.classpath)" \
  co.igscraper.kafka.connect.quickstart.Quickstart "$@"
