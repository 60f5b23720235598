#!/usr/bin/env bash
# OTA figures: push -> committed for a small signed bundle (the probation wait excluded), the service
# gap a client polling the swapped bundle's HTTP endpoint every ms sees, and rollback time after a
# failed verdict; then push -> committed and the gap of /metrics for updates of the health
# implementation. Drives Kinglet through the e2e harness (launcher/e2e), so build first with
# ./mvnw install. Usage: bench/ota.sh [--quick | UPDATES ROLLBACKS [HEALTH_UPDATES]]
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
REPO_DIR=$(cd "$BENCH_DIR/.." && pwd)
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
UPDATES=20
ROLLBACKS=10
HEALTH_UPDATES=10
if [ "${1:-}" = "--quick" ]; then
    UPDATES=3
    ROLLBACKS=2
    HEALTH_UPDATES=2
elif [ $# -ge 2 ]; then
    UPDATES=$1
    ROLLBACKS=$2
    HEALTH_UPDATES=${3:-$HEALTH_UPDATES}
fi

E2E_JAR=$(ls "$REPO_DIR"/launcher/e2e/target/kinglet-e2e-*.jar 2>/dev/null | head -1)
DEMO_JAR=$(ls "$REPO_DIR"/launcher/e2e/fixtures/demo/target/kinglet-fixture-demo-*.jar 2>/dev/null | head -1)
if [ -z "$E2E_JAR" ] || [ -z "$DEMO_JAR" ] || [ ! -f "$REPO_DIR/launcher/target/kinglet.jar" ]; then
    echo "bench: build first (./mvnw install -DskipTests)" >&2
    exit 1
fi
WORK=$(mktemp -d "${TMPDIR:-/tmp}/kinglet-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
(cd "$REPO_DIR" && ./mvnw -q -o dependency:build-classpath -pl launcher/e2e -Dmdep.outputFile="$WORK/cp.txt" >/dev/null)
cp "$REPO_DIR/launcher/target/kinglet.jar" "$WORK/kinglet.jar"

"$JAVA_HOME/bin/java" -cp "$E2E_JAR:$(cat "$WORK/cp.txt")" \
    -Dkinglet.script="$REPO_DIR/launcher/kinglet" -Dkinglet.jar="$WORK/kinglet.jar" \
    -Dkinglet.runtime-config="$REPO_DIR/runtime-config" -Dkinglet.fixture.demo="$DEMO_JAR" \
    ${BENCH_JAVA_OPTS:-} "$BENCH_DIR/OtaBench.java" "$UPDATES" "$ROLLBACKS" "$HEALTH_UPDATES"
