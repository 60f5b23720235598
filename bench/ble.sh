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
# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"
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

bench_setup
echo "$(jdk_version); $(machine_line)"
run_harness BleBench.java "$PROVISIONINGS" "$IDLE_SECONDS" "$FUZZ_PACKETS"
