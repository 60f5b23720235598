#!/usr/bin/env bash
# Start-up and memory benchmark for Kinglet (targets: start < 2 s, idle RSS < 120 MB).
#
#   bench/startup.sh            5 cold starts, 5 warm restarts, RSS after 30 s idle (about 1 min)
#   bench/startup.sh --quick    1 of each and 5 s idle: only checks that the script works
#
# Cold start: a fresh state directory, so Felix installs every bundle into an empty bundle cache,
# as on a device's first boot or after a factory reset. Warm restart: the state directory of the
# previous run is reused, as on every later boot. Both are timed from spawning the start script to
# the first 200 from GET /health/ready, polled every 20 ms with curl (so a figure can be up to
# ~20 ms + one curl late). Idle RSS is VmRSS of the java process (the start script execs java)
# after the last warm restart has sat idle. Each run gets a fresh copy of runtime-config/.
# Environment: see bench/lib.sh (JAVA_HOME, KINGLET_JAR, KINGLET_JAVA_OPTS, BENCH_KEEP).
set -euo pipefail

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

runs=5
idle_s=30
quick=false
while (($#)); do
    case $1 in
        --quick) runs=1; idle_s=5; quick=true ;;
        -h | --help) awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"; exit 0 ;;
        *) echo "startup.sh: unknown option '$1' (try --help)" >&2; exit 2 ;;
    esac
    shift
done

# Generous: a loaded 2-core machine still starts in seconds; this only keeps the loop bounded.
ready_timeout_s=60
target_start_ms=2000
target_rss_mib=120

bench_setup
pick_port

echo "== Kinglet start-up benchmark ($runs cold + $runs warm runs, RSS after $idle_s s idle)"
if $quick; then
    echo "   QUICK smoke run: proves the script works; the figures are not benchmark results"
fi
echo "date:      $(date -u +%Y-%m-%dT%H:%M:%SZ); machine: $(machine_line)"
echo "JDK:       $(jdk_version)"
echo "jar:       $(jar_identity)"
echo "port:      127.0.0.1:$PORT"

# One directory per cold run: a fresh configuration copy and an empty state directory.
cold=()
flags=
for ((i = 1; i <= runs; i++)); do
    run_dir=$WORK/cold-$i
    mkdir -p "$run_dir/state"
    cp -r "$REPO_DIR/runtime-config" "$run_dir/config"
    start_kinglet "$run_dir/config" "$run_dir/state" "$run_dir/kinglet.log"
    wait_ready "$ready_timeout_s" "$run_dir/kinglet.log"
    cold+=("$READY_MS")
    # Read while the process runs: these are the flags the JVM really got.
    [ -n "$flags" ] || flags=$(jvm_flags "$KINGLET_PID")
    stop_kinglet
    echo "cold start $i/$runs:  $READY_MS ms"
done
echo "JVM flags: $flags"

# Warm restarts reuse the last cold run's state (bundle cache filled) and configuration, like a
# device rebooting. The last one stays up for the idle RSS reading, which saves a start.
warm=()
rss_kb=
hwm_kb=
for ((i = 1; i <= runs; i++)); do
    start_kinglet "$run_dir/config" "$run_dir/state" "$run_dir/kinglet.log"
    wait_ready "$ready_timeout_s" "$run_dir/kinglet.log"
    warm+=("$READY_MS")
    echo "warm restart $i/$runs: $READY_MS ms"
    if ((i == runs)); then
        # Idle means no requests at all: the readiness poll has stopped, so only Kinglet's own
        # timers (config file watcher, health checks) run while we wait.
        sleep "$idle_s"
        rss_kb=$(awk '/^VmRSS:/ { print $2 }' "/proc/$KINGLET_PID/status")
        hwm_kb=$(awk '/^VmHWM:/ { print $2 }' "/proc/$KINGLET_PID/status")
    fi
    stop_kinglet
done

verdict() { if (($1)); then echo "met"; else echo "MISSED"; fi; }
cold_median=$(median "${cold[@]}")
# MiB = kB / 1024 (VmRSS is in KiB); one decimal is plenty for a 120 MB budget.
rss_mib=$(awk -v k="$rss_kb" 'BEGIN { printf "%.1f", k / 1024 }')
hwm_mib=$(awk -v k="$hwm_kb" 'BEGIN { printf "%.1f", k / 1024 }')
rss_ok=$(awk -v k="$rss_kb" -v t="$target_rss_mib" 'BEGIN { print (k / 1024 < t) ? 1 : 0 }')

echo
echo "RESULTS$($quick && echo ' (quick smoke run, not benchmark figures)')"
printf '  %-34s median %5d ms   min %5d ms   max %5d ms   (target < %d ms: %s)\n' \
    "cold start to /health/ready 200:" "$cold_median" "$(min_of "${cold[@]}")" "$(max_of "${cold[@]}")" \
    "$target_start_ms" "$(verdict "cold_median < target_start_ms")"
printf '  %-34s median %5d ms   min %5d ms   max %5d ms\n' \
    "warm restart to /health/ready 200:" "$(median "${warm[@]}")" "$(min_of "${warm[@]}")" "$(max_of "${warm[@]}")"
printf '  %-34s %s MiB (VmRSS %s kB; peak VmHWM %s MiB)   (target < %d MB: %s)\n' \
    "idle RSS after $idle_s s:" "$rss_mib" "$rss_kb" "$hwm_mib" "$target_rss_mib" "$(verdict "$rss_ok")"
