#!/usr/bin/env bash
# hawkBit client figures against the real hawkBit 1.0.4 server in ../shared/hawkbit: for each rollout of
# a signed bundle, assignment -> fetched by the device (the poll wait), fetched -> committed on the
# device minus the probation window, and fetched -> success feedback on the server; then the client's
# idle CPU per poll and the runtime's RSS with the client polling every second and off. Drives Kinglet
# through the e2e harness (launcher/e2e), so build first with ./mvnw install -DskipTests.
# Usage: bench/hawkbit.sh [--quick | ROLLOUTS IDLE_SECONDS]   (10, 60: about 3 min)
set -euo pipefail
# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"
ROLLOUTS=10
IDLE_SECONDS=60
if [ "${1:-}" = "--quick" ]; then
    ROLLOUTS=2
    IDLE_SECONDS=5
elif [ $# -ge 2 ]; then
    ROLLOUTS=$1
    IDLE_SECONDS=$2
fi
HAWKBIT_DIR=${KINGLET_HAWKBIT_DIR:-$REPO_DIR/../shared/hawkbit}
DEMO_JAR=$(find "$REPO_DIR/launcher/e2e/fixtures/demo/target" -maxdepth 1 -name 'kinglet-fixture-demo-*.jar' 2>/dev/null | head -n 1)
if [ -z "$DEMO_JAR" ]; then
    echo "bench: build first (./mvnw install -DskipTests)" >&2
    exit 1
fi
bench_setup
echo "$(jdk_version); $(machine_line)"
HARNESS_PROPERTIES=(-Dkinglet.fixture.demo="$DEMO_JAR" -Dkinglet.hawkbit.dir="$HAWKBIT_DIR")
run_harness HawkbitBench.java "$ROLLOUTS" "$IDLE_SECONDS"
