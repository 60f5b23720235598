#!/usr/bin/env bash
# Watchdog benchmark: what petting costs, and how exactly the grace period is kept.
#
#   bench/watchdog.sh            60 s of CPU per setting, 3 grace-period trials (about 4 min)
#   bench/watchdog.sh --quick    10 s and 1 trial: only checks that the script works
#
# Kinglet runs as systemd would run it: NOTIFY_SOCKET names a unix datagram socket this script owns
# (python3 receives it and stamps each datagram), WATCHDOG_USEC is 30 s, and a plain file stands in
# for /dev/watchdog. Cost: CPU seconds (utime + stime of the java process, /proc/PID/stat) per minute
# of idle, with the watchdog bundle at the default 5 s interval, and with it stopped; the difference
# is the watchdog's. Grace: the state disk check is made critical by a configuration file at T0;
# reported are T0 to the last WATCHDOG=1 and T0 to the "pets stopped" line, against graceSeconds
# (10 here) — the file is picked up within FileInstall's 0.5 s poll, and the pets stop at the first
# tick after the grace period.
# Environment: see bench/lib.sh (JAVA_HOME, KINGLET_JAR, KINGLET_JAVA_OPTS, BENCH_KEEP).
set -euo pipefail

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

window_s=60
trials=3
while (($#)); do
    case $1 in
        --quick) window_s=10; trials=1 ;;
        -h | --help) awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"; exit 0 ;;
        *) echo "watchdog.sh: unknown option '$1' (try --help)" >&2; exit 2 ;;
    esac
    shift
done
command -v python3 >/dev/null || { echo "watchdog.sh: needs python3" >&2; exit 1; }

bench_setup
pick_port
grace_s=10
clk_tck=$(getconf CLK_TCK)

receiver() {
    python3 -u -c '
import socket, sys, time
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
while True:
    data = s.recv(65536).decode()
    print(int(time.time() * 1000), data, flush=True)
' "$1" >"$2" 2>&1 &
    LOAD_PIDS+=($!)
}

cpu_ticks() {
    local stat
    read -r stat <"/proc/$1/stat"
    stat=${stat##*) }
    # fields after the command: state is 1, utime is 12, stime is 13
    awk '{ print $12 + $13 }' <<<"$stat"
}

run_dir=$WORK/run
mkdir -p "$run_dir"
cp -r "$REPO_DIR/runtime-config" "$run_dir/config"
: >"$run_dir/watchdog-device"
printf 'device = %s\ngraceSeconds = %s\n' "$run_dir/watchdog-device" "$grace_s" >"$run_dir/config/io.kinglet.watchdog.cfg"
receiver "$run_dir/notify" "$run_dir/notify.log"
sleep 0.5
export NOTIFY_SOCKET=$run_dir/notify WATCHDOG_USEC=30000000
start_kinglet "$run_dir/config" "$run_dir/state" "$run_dir/kinglet.log"
wait_ready 60 "$run_dir/kinglet.log"
sleep 10 # let start-up settle (JIT, first health runs)
shell() { KINGLET_STATE_DIR=$run_dir/state "$KINGLET_SCRIPT" shell "$@"; }

measure() {
    local before after
    before=$(cpu_ticks "$KINGLET_PID")
    sleep "$window_s"
    after=$(cpu_ticks "$KINGLET_PID")
    awk -v t=$((after - before)) -v hz="$clk_tck" -v w="$window_s" 'BEGIN { printf "%.3f", t / hz * 60 / w }'
}

pets_before=$(grep -c 'WATCHDOG=1' "$run_dir/notify.log" || true)
with=$(measure)
pets=$(($(grep -c 'WATCHDOG=1' "$run_dir/notify.log") - pets_before))
bundle=$(shell lb -s io.kinglet.watchdog | awk '/io.kinglet.watchdog/ { sub(/\|.*/, ""); print $1; exit }')
shell stop "$bundle" >/dev/null
without=$(measure)
shell start "$bundle" >/dev/null

echo "Watchdog benchmark — $(machine_line)"
echo "JDK: $(jdk_version)"
echo "Jar: $(jar_identity)"
echo
echo "CPU per minute of idle (java process, ${window_s} s windows, interval 5 s, WATCHDOG_USEC 30 s):"
echo "  watchdog running  ${with} s/min  (${pets} WATCHDOG=1 in ${window_s} s)"
echo "  watchdog stopped  ${without} s/min"
awk -v a="$with" -v b="$without" 'BEGIN { printf "  difference        %.3f s/min (%.2f %% of one core)\n", a - b, (a - b) / 60 * 100 }'
echo
echo "Grace period ${grace_s} s, interval 5 s: from the failure (config file written) to"
disk=org.apache.felix.hc.generalchecks.DiskSpaceCheck-state.cfg
for ((trial = 1; trial <= trials; trial++)); do
    sleep 6
    t0=$(($(now_us) / 1000))
    lines=$(wc -l <"$run_dir/kinglet.log")
    printf 'hc.name = State disk space\nhc.tags = framework, critical\ndiskPaths = ${kinglet.state.dir}\ndiskUsedThresholdWarn = 1\ndiskUsedThresholdCritical = 1\n' >"$run_dir/$disk.tmp"
    mv "$run_dir/$disk.tmp" "$run_dir/config/$disk"
    for ((i = 0; i < 600; i++)); do
        tail -n +"$lines" "$run_dir/kinglet.log" | grep -q 'Watchdog: pets stopped' && break
        sleep 0.05
    done
    stopped=$(($(now_us) / 1000))
    last_pet=$(awk -v t0="$t0" '$2 == "WATCHDOG=1" && $1 >= t0 { last = $1 } END { print last ? last : t0 }' "$run_dir/notify.log")
    echo "  trial $trial: last pet +$((last_pet - t0)) ms, pets stopped (seen in the log) +$((stopped - t0)) ms"
    cp "$REPO_DIR/runtime-config/$disk" "$run_dir/$disk.tmp"
    mv "$run_dir/$disk.tmp" "$run_dir/config/$disk"
    for ((i = 0; i < 400; i++)); do
        tail -n +"$lines" "$run_dir/kinglet.log" | grep -q 'Watchdog: pets resumed' && break
        sleep 0.05
    done
done
