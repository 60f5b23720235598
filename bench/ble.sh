#!/usr/bin/env bash
# BLE provisioner figures against a private D-Bus with the python-dbusmock stand-ins for bluetoothd and
# NetworkManager (dbus-daemon and python3-dbusmock installed): the idle cost of the runtime with the
# provisioner registered and advertising against the same runtime without it (CPU share, RSS, threads),
# then the time from the Wi-Fi settings write to the "provisioned" notification, the NetworkManager
# mock connecting at once so that NetworkManager's own connect time is left out; then 10,000 random
# packets over D-Bus with the live heap before and after. Drives Kinglet
# through the e2e harness (launcher/e2e), so build first with ./mvnw install -DskipTests.
# Usage: bench/ble.sh [--quick | PROVISIONINGS IDLE_SECONDS FUZZ_PACKETS]   (200, 60, 10000: about 4 min)
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
REPO_DIR=$(cd "$BENCH_DIR/.." && pwd)
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
PROVISIONINGS=200
IDLE_SECONDS=60
FUZZ_PACKETS=10000
if [ "${1:-}" = "--quick" ]; then
    PROVISIONINGS=5
    IDLE_SECONDS=2
    FUZZ_PACKETS=100
elif [ $# -ge 2 ]; then
    PROVISIONINGS=$1
    IDLE_SECONDS=$2
    FUZZ_PACKETS=${3:-$FUZZ_PACKETS}
fi

E2E_JAR=$(ls "$REPO_DIR"/launcher/e2e/target/kinglet-e2e-*.jar 2>/dev/null | grep -v tests | head -1)
if [ -z "$E2E_JAR" ] || [ ! -f "$REPO_DIR/launcher/target/kinglet.jar" ]; then
    echo "bench: build first (./mvnw install -DskipTests)" >&2
    exit 1
fi
WORK=$(mktemp -d "${TMPDIR:-/tmp}/kinglet-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
(cd "$REPO_DIR" && ./mvnw -q -o dependency:build-classpath -pl launcher/e2e -Dmdep.outputFile="$WORK/cp.txt" >/dev/null)
cp "$REPO_DIR/launcher/target/kinglet.jar" "$WORK/kinglet.jar"

echo "$("$JAVA_HOME/bin/java" -version 2>&1 | head -1); $(nproc) CPUs; load $(cut -d' ' -f1-3 /proc/loadavg)"
"$JAVA_HOME/bin/java" -cp "$E2E_JAR:$(cat "$WORK/cp.txt")" \
    -Dkinglet.script="$REPO_DIR/launcher/kinglet" -Dkinglet.jar="$WORK/kinglet.jar" \
    -Dkinglet.runtime-config="$REPO_DIR/runtime-config" \
    ${BENCH_JAVA_OPTS:-} "$BENCH_DIR/BleBench.java" "$PROVISIONINGS" "$IDLE_SECONDS" "$FUZZ_PACKETS"
