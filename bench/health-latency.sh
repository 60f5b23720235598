#!/usr/bin/env bash
# GET /health latency at a fixed request rate (target: p99 < 5 ms at 2,000 req/s).
#
# Needs wrk from the Debian package wrk (apt-get install wrk; Debian builds it with LuaJIT, which
# health-latency.lua needs); this script installs nothing.
#
#   bench/health-latency.sh            10 s warm-up, then 30 s measured at 2,000 req/s
#   bench/health-latency.sh --quick    2 s warm-up, 5 s measured: only checks that the script works
#
# Load: 2 HTTP/1.1 keep-alive connections at 1,000 req/s each, one request in flight per connection
# (no pipelining, like a real client), paced by health-latency.lua: wrk -t 2 -c 2, one connection
# per thread. Why not another tool: Debian has no wrk2, and plain wrk is closed-loop (its rate sinks
# as latency grows). h2load (nghttp2-client) has --rps, but releases requests on a timer of at
# least 10 ms, i.e. in bursts of 10 back-to-back requests per connection here, and times them from
# the actual send. hey (-q) drops its ticks while a request is slow and never catches up.
#
# Reported, per request of the measured phase only:
#   service time              from the actual send to the end of the response (what wrk shows);
#   from intended send time   from when the fixed schedule said to send it: includes waiting behind a
#                             slow response or a GC pause ("coordinated omission" corrected, as in
#                             wrk2); this is the figure held against the target.
# Kinglet runs on a fresh state directory with a fresh copy of runtime-config/, on a random
# 127.0.0.1 port. Environment: see bench/lib.sh (JAVA_HOME, KINGLET_JAR, KINGLET_JAVA_OPTS, BENCH_KEEP).
set -euo pipefail

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

rate=2000
connections=2
duration_s=30
warmup_s=10
quick=false
while (($#)); do
    case $1 in
        --quick) duration_s=5; warmup_s=2; quick=true ;;
        -h | --help) awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"; exit 0 ;;
        *) echo "health-latency.sh: unknown option '$1' (try --help)" >&2; exit 2 ;;
    esac
    shift
done

target_p99_ms=5
ready_timeout_s=60

if ! command -v wrk >/dev/null; then
    echo "health-latency.sh: needs wrk: install the Debian package wrk (apt-get install wrk)" >&2
    exit 1
fi
command -v timeout >/dev/null || { echo "health-latency.sh: needs timeout (Debian package coreutils)" >&2; exit 1; }

bench_setup
pick_port
url=http://127.0.0.1:$PORT/health
export BENCH_WRK_RATE=$((rate / connections))

# run_load SECONDS PREFIX: wrk paced by health-latency.lua; PREFIX.txt gets one line per request
# (status, service µs, intended-time µs, lag µs) and a closing "# requests achieved_rate errors";
# PREFIX.out is wrk's own report. timeout only bounds a hung wrk.
run_load() {
    if ! BENCH_WRK_OUT=$2.txt timeout --kill-after=5 $(($1 + 30)) \
        wrk -t "$connections" -c "$connections" -d "$1s" --timeout 2s -s "$BENCH_DIR/health-latency.lua" "$url" \
        >"$2.out" 2>&1; then
        echo "health-latency.sh: wrk failed (a wrk built without LuaJIT cannot run health-latency.lua); its output:" >&2
        cat "$2.out" >&2
        exit 1
    fi
}

echo "== Kinglet GET /health latency at a fixed $rate req/s ($connections connections, ${warmup_s} s warm-up, ${duration_s} s measured)"
if $quick; then
    echo "   QUICK smoke run: proves the script works; the figures are not benchmark results"
fi
echo "date:      $(date -u +%Y-%m-%dT%H:%M:%SZ); machine: $(machine_line)"
echo "JDK:       $(jdk_version)"
echo "jar:       $(jar_identity)"
echo "load:      $(wrk -v 2>&1 | head -n 1 | cut -d' ' -f1-2), paced by bench/health-latency.lua: wrk -t $connections -c $connections -d ${duration_s}s $url at $BENCH_WRK_RATE req/s per connection"

mkdir -p "$WORK/state"
cp -r "$REPO_DIR/runtime-config" "$WORK/config"
start_kinglet "$WORK/config" "$WORK/state" "$WORK/kinglet.log"
wait_ready "$ready_timeout_s" "$WORK/kinglet.log"
echo "JVM flags: $(jvm_flags "$KINGLET_PID")"
echo "ready in:  $READY_MS ms"

# Warm-up at the full rate in a separate wrk run: the JIT compiles the request path, and the
# measured run starts on schedule instead of inheriting a backlog from a cold server.
run_load "$warmup_s" "$WORK/warmup"
run_load "$duration_s" "$WORK/measure"
is_running "$KINGLET_PID" || { echo "health-latency.sh: Kinglet died during the run" >&2; exit 1; }
rss_kb=$(awk '/^VmRSS:/ { print $2 }' "/proc/$KINGLET_PID/status")
stop_kinglet

samples=$WORK/measure.txt
# A sample file without its closing summary line means health-latency.lua's done() did not finish.
if ! grep -q '^#' "$samples" 2>/dev/null || ! grep -qv '^#' "$samples"; then
    echo "health-latency.sh: wrk recorded no requests; its output:" >&2
    cat "$WORK/measure.out" >&2
    exit 1
fi
read -r _ logged_requests achieved errors < <(grep '^#' "$samples")
not_200=$(awk '!/^#/ && $1 != 200 { n++ } END { print n + 0 }' "$samples")

# percentiles COLUMN: "p50 p90 p99 max" in ms (nearest rank) of one column of the samples.
percentiles() {
    grep -v '^#' "$samples" | cut -d' ' -f"$1" | sort -n | awk '
        function rank(p,   i) { i = int(p * NR); if (i < p * NR) i++; if (i < 1) i = 1; return v[i] / 1000 }
        { v[NR] = $1 }
        END { printf "%.2f %.2f %.2f %.2f\n", rank(0.50), rank(0.90), rank(0.99), v[NR] / 1000 }'
}
read -r s50 s90 s99 smax < <(percentiles 2)
read -r c50 c90 c99 cmax < <(percentiles 3)
read -r _ _ lag99 lagmax < <(percentiles 4)
achieved=$(awk -v a="$achieved" 'BEGIN { printf "%.0f", a }') # whole req/s are plenty
met=$(awk -v p="$c99" -v t="$target_p99_ms" -v a="$achieved" -v r="$rate" -v e="$((errors + not_200))" \
    'BEGIN { print (p < t && a >= 0.99 * r && e == 0) ? "met" : "MISSED" }')

echo
echo "RESULTS$($quick && echo ' (quick smoke run, not benchmark figures)')"
printf '  %-27s %6s %6s %6s %6s  (ms)\n' "" p50 p90 p99 max
printf '  %-27s %6s %6s %6s %6s\n' "service time:" "$s50" "$s90" "$s99" "$smax"
printf '  %-27s %6s %6s %6s %6s\n' "from intended send time:" "$c50" "$c90" "$c99" "$cmax"
printf '  %-27s %s req/s of %s offered (%s requests); %s not 200, %s errors\n' \
    "achieved rate:" "$achieved" "$rate" "$logged_requests" "$not_200" "$errors"
printf '  %-27s p99 %s ms, max %s ms (how late requests left against the schedule)\n' "send lag:" "$lag99" "$lagmax"
printf '  %-27s %s MiB after the run\n' "Kinglet RSS:" "$(awk -v k="$rss_kb" 'BEGIN { printf "%.1f", k / 1024 }')"
printf '  target: p99 from intended send time < %s ms at %s req/s, no errors: %s\n' "$target_p99_ms" "$rate" "$met"
