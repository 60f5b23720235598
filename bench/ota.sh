#!/usr/bin/env bash
# OTA figures: push -> committed for a small signed bundle (the probation wait excluded), the service
# gap a client polling the swapped bundle's HTTP endpoint every ms sees, and rollback time after a
# failed verdict; then push -> committed and the gap of /metrics for updates of the health
# implementation. Drives Kinglet through the e2e harness (launcher/e2e), so build first with
# ./mvnw install. Usage: bench/ota.sh [--quick | UPDATES ROLLBACKS [HEALTH_UPDATES]]
set -euo pipefail
# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"
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

DEMO_JAR=$(find "$REPO_DIR/launcher/e2e/fixtures/demo/target" -maxdepth 1 -name 'kinglet-fixture-demo-*.jar' 2>/dev/null | head -n 1)
if [ -z "$DEMO_JAR" ]; then
    echo "bench: build first (./mvnw install -DskipTests)" >&2
    exit 1
fi
bench_setup
HARNESS_PROPERTIES=(-Dkinglet.fixture.demo="$DEMO_JAR")
run_harness OtaBench.java "$UPDATES" "$ROLLBACKS" "$HEALTH_UPDATES"
