#!/usr/bin/env bash
# One command, no Docker: builds the connector, then runs the igscraper API simulator, a Kafka broker
# (KRaft) and a Connect worker in one JVM, deploys config/quickstart-followers.json through the
# worker's REST API and shows the rows as they arrive. Ctrl-C stops everything.
#   ./quickstart.sh                        run until Ctrl-C
#   ./quickstart.sh --exit-after-rows 100  stop after 100 rows (CI)
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

echo "building (the first run downloads the dependencies) ..."
mvn -q -B -DskipTests package dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/quickstart.classpath

exec java -Xmx768m \
  -Dlog4j2.configurationFile=target/test-classes/log4j2-quickstart.xml \
  -cp "target/test-classes:target/classes:$(cat target/quickstart.classpath)" \
  co.igscraper.kafka.connect.quickstart.Quickstart "$@"
