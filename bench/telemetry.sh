#!/usr/bin/env bash
# Telemetry throughput on this machine: durable enqueue rate (messages committed to the SQLite
# queue, batched) and forward rate (messages acknowledged by a local Mosquitto at QoS 1).
# Needs the Debian package mosquitto. Usage: bench/telemetry.sh [--quick]
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"

COUNT=50000
[ "${1:-}" = "--quick" ] && COUNT=5000
command -v mosquitto >/dev/null || { echo "bench: needs mosquitto (apt-get install mosquitto)" >&2; exit 1; }

bench_setup
pick_port
MQTT_PORT=$PORT
# Mosquitto's defaults, loopback only; 'user' keeps a root run from switching users.
printf 'listener %s 127.0.0.1\nallow_anonymous true\nuser %s\n' "$MQTT_PORT" "$(id -un)" >"$WORK/mosquitto.conf"
mosquitto -c "$WORK/mosquitto.conf" >"$WORK/mosquitto.log" 2>&1 &
MQTT_PID=$!
LOAD_PIDS+=("$MQTT_PID")
sleep 0.5
pick_port

cp -r "$REPO_DIR/runtime-config" "$WORK/config"
cat >"$WORK/config/io.kinglet.telemetry.cfg" <<CFG
broker.url = tcp://127.0.0.1:$MQTT_PORT
device.id = bench
heartbeat.intervalSeconds = 0
queue.quotaBytes = 1073741824
CFG
start_kinglet "$WORK/config" "$WORK/state" "$WORK/kinglet.log"
wait_ready 60 "$WORK/kinglet.log"
shell() { JAVA_HOME=$JAVA_HOME KINGLET_JAR=$KINGLET_JAR "$KINGLET_SCRIPT" shell --state "$WORK/state" "$@"; }
for _ in $(seq 1 100); do
    grep -q "Telemetry: connected" "$WORK/kinglet.log" && break
    sleep 0.1
done

echo "== Kinglet telemetry throughput ($COUNT messages of ~10 bytes, QoS 1)"
machine_line
echo "JDK:       $(jdk_version)"
# warm-up, so the figures are not the JIT's first steps
shell telemetry:publish -n 2000 bench/warm w >/dev/null
shell telemetry:flush -t 60 >/dev/null

shell telemetry:pause >/dev/null
t0=$(now_us)
out=$(shell telemetry:publish -n "$COUNT" bench/t m)
t1=$(now_us)
echo "$out"
t2=$(now_us)
flushed=$(shell telemetry:flush -t 300)
t3=$(now_us)
echo "$flushed"

enqueue=$(( COUNT * 1000000 / (t1 - t0) ))
forward=$(( COUNT * 1000000 / (t3 - t2) ))
echo
echo "RESULTS"
printf '  durable enqueue: %8d msg/s  (%d messages committed in %d ms, batched group commits, synchronous=FULL)\n' \
    "$enqueue" "$COUNT" $(( (t1 - t0) / 1000 ))
printf '  forward, QoS 1:  %8d msg/s  (%d messages acknowledged by Mosquitto in %d ms)\n' \
    "$forward" "$COUNT" $(( (t3 - t2) / 1000 ))
echo "  targets: enqueue >= 20000 msg/s, forward >= 10000 msg/s"
shell telemetry:stats | sed 's/^/  /'
