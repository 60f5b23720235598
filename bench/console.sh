#!/usr/bin/env bash
# Web console figures on this machine: the time to serve its pages on loopback (each page's HTML and
# the JSON its script asks for: every two seconds, the Sensors page only for what is new (?since=),
# the LED preview as fast as it gets it) and the runtime's RSS after serving them. The browser's own
# figures (load time, LED preview rate) are printed by WebConsoleTest. Usage: bench/console.sh [--quick]
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"

REQUESTS=200
IDLE_S=30
if [ "${1:-}" = "--quick" ]; then
    REQUESTS=20
    IDLE_S=5
fi

bench_setup
pick_port
cp -r "$REPO_DIR/runtime-config" "$WORK/config"
start_kinglet "$WORK/config" "$WORK/state" "$WORK/kinglet.log"
wait_ready 60 "$WORK/kinglet.log"
password=$(cat "$WORK/state/console/password")
base="http://127.0.0.1:$PORT/system/console"

rss_mib() { awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$KINGLET_PID/status"; }

# time_page PATH: REQUESTS requests after 20 of warm-up; prints median, p90 and max in ms
time_page() {
    local i times=()
    for ((i = 0; i < 20; i++)); do curl -s -o /dev/null -u "admin:$password" "$base$1"; done
    for ((i = 0; i < REQUESTS; i++)); do
        times+=("$(curl -s -o /dev/null -w '%{time_total}' -u "admin:$password" "$base$1" | awk '{ printf "%d", $1 * 1000000 }')")
    done
    printf '%s\n' "${times[@]}" | sort -n | awk -v path="$1" '{ v[NR] = $1 } END {
        printf "  %-36s median %6.1f ms   p90 %6.1f ms   max %6.1f ms\n", path, v[int((NR + 1) / 2)] / 1000,
            v[int(NR * 0.9)] / 1000, v[NR] / 1000 }'
}

echo "== Kinglet web console ($REQUESTS requests a page on loopback, HTTP Basic)"
machine_line
echo "JDK:       $(jdk_version)"
echo
echo "RESULTS"
time_page /kinglet
time_page /kinglet/overview.json
time_page /kinglet-updates
time_page /kinglet-updates/updates.json
time_page /kinglet-sensors
time_page /kinglet-sensors/sensors.json
time_page "/kinglet-sensors/sensors.json?since=$(( $(date +%s) * 1000 ))"
time_page /kinglet-led
time_page /kinglet-led/led.json
time_page /kinglet-services/services.json
sleep "$IDLE_S"
echo "  RSS after those requests and ${IDLE_S} s idle: $(rss_mib) MiB (the console's idle cost: bench/startup.sh"
echo "  with this jar against one without the console)"
