# shellcheck shell=bash
# Helpers shared by the bench/ scripts (sourced, not run): a private copy of kinglet.jar, a free
# loopback port, starting Kinglet, waiting for /health/ready, and stopping it again.
#
# Environment (all optional):
#   JAVA_HOME          the JDK to run Kinglet on (default: /usr/lib/jvm/temurin-25-jdk-amd64)
#   KINGLET_JAR        the jar to benchmark (default: launcher/target/kinglet.jar); it is copied
#   KINGLET_JAVA_OPTS  extra JVM options, added after the start script's own flags
#   BENCH_KEEP=1       keep the work directory (logs, state dirs, load logs) for a post-mortem

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(cd "$BENCH_DIR/.." && pwd)
KINGLET_SCRIPT=$REPO_DIR/launcher/kinglet
# The brief's JDK unless the caller chose one; the start script itself refuses anything below 21.
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
SRC_JAR=${KINGLET_JAR:-$REPO_DIR/launcher/target/kinglet.jar}
# Remember the caller's extra JVM options once: start_kinglet adds the port to them for every run.
USER_JAVA_OPTS=${KINGLET_JAVA_OPTS:-}

WORK=
PORT=
KINGLET_PID=
START_US=
READY_MS=
LOAD_PIDS=()

# Microseconds since the epoch without forking (bash 5's EPOCHREALTIME; the separator may be a
# comma in some locales, so keep only the digits).
now_us() {
    local t=$EPOCHREALTIME
    echo "${t//[!0-9]/}"
}

# Make the work directory, copy the jar into it (so a rebuild of launcher/target during a run cannot
# change what is measured) and make sure everything started here is stopped on any exit.
bench_setup() {
    if [ ! -f "$SRC_JAR" ]; then
        echo "bench: $SRC_JAR not found (build it with ./mvnw install, or set KINGLET_JAR)" >&2
        exit 1
    fi
    if [ ! -x "$JAVA_HOME/bin/java" ]; then
        echo "bench: no java at $JAVA_HOME/bin/java (set JAVA_HOME to a JDK 21 or newer)" >&2
        exit 1
    fi
    command -v curl >/dev/null || { echo "bench: needs curl (Debian package curl)" >&2; exit 1; }
    WORK=$(mktemp -d "${TMPDIR:-/tmp}/kinglet-bench.XXXXXX")
    trap bench_cleanup EXIT
    # Turn Ctrl-C and SIGTERM into a normal exit so the EXIT trap stops Kinglet.
    trap 'exit 130' INT
    trap 'exit 143' TERM
    cp "$SRC_JAR" "$WORK/kinglet.jar"
    export KINGLET_JAR=$WORK/kinglet.jar
}

bench_cleanup() {
    local pid
    for pid in "${LOAD_PIDS[@]}"; do
        if is_running "$pid"; then kill -TERM "$pid" 2>/dev/null || true; fi
    done
    stop_kinglet
    if [ -n "$WORK" ] && [ -d "$WORK" ]; then
        if [ "${BENCH_KEEP:-0}" = 1 ]; then
            echo "bench: kept $WORK" >&2
        else
            rm -rf "$WORK"
        fi
    fi
}

# True while the process runs. kill -0 is not enough: an exited child may be a zombie for a moment,
# and kill -0 still succeeds on a zombie. (read, not $(<file): under set -e a failed $(<file)
# redirection ends the whole script, and the file vanishes as soon as bash reaps the child.)
is_running() {
    local stat
    [ -n "${1:-}" ] || return 1
    { read -r stat <"/proc/$1/stat"; } 2>/dev/null || return 1
    stat=${stat##*) }
    [ "${stat%% *}" != Z ]
}

# A random unprivileged port that nothing listens on at 127.0.0.1, so a run neither collides with a
# Kinglet someone else started on 8080 nor answers /health/ready from another server.
pick_port() {
    local i p
    for ((i = 0; i < 50; i++)); do
        p=$((20000 + RANDOM % 40000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
            PORT=$p
            return 0
        fi
    done
    echo "bench: found no free port on 127.0.0.1" >&2
    exit 1
}

# start_kinglet CONFIG_DIR STATE_DIR LOG: start Kinglet in the background. Standard input is
# /dev/null so the start script does not turn the gogo console on. The start script execs java, so
# $! is the java process itself (its RSS is what idle_rss reads). The HTTP host is pinned to
# 127.0.0.1 here too, whatever the configuration says, so a benchmark never listens elsewhere.
start_kinglet() {
    START_US=$(now_us)
    KINGLET_JAVA_OPTS="$USER_JAVA_OPTS -Dorg.osgi.service.http.port=$PORT -Dorg.apache.felix.http.host=127.0.0.1" \
        "$KINGLET_SCRIPT" --config "$1" --state "$2" </dev/null >>"$3" 2>&1 &
    KINGLET_PID=$!
}

# wait_ready TIMEOUT_S LOG: poll GET /health/ready every 20 ms until it answers 200; READY_MS is the
# time from spawning the process to that answer. Fails (printing the log's tail) if the process
# exits first or the timeout passes.
wait_ready() {
    local deadline code now
    deadline=$((START_US + $1 * 1000000))
    while :; do
        code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "http://127.0.0.1:$PORT/health/ready" || true)
        now=$(now_us)
        if [ "$code" = 200 ]; then
            # shellcheck disable=SC2034 # read by the scripts that source this file
            READY_MS=$(((now - START_US) / 1000))
            return 0
        fi
        if ! is_running "$KINGLET_PID"; then
            echo "bench: Kinglet exited before /health/ready answered 200; end of $2:" >&2
            tail -n 20 "$2" >&2
            return 1
        fi
        if ((now > deadline)); then
            echo "bench: /health/ready still answers '$code' after $1 s; end of $2:" >&2
            tail -n 20 "$2" >&2
            return 1
        fi
        sleep 0.02
    done
}

# SIGTERM, as a service manager would send; SIGKILL only if it is still there after 10 s.
stop_kinglet() {
    local i
    [ -n "$KINGLET_PID" ] || return 0
    kill -TERM "$KINGLET_PID" 2>/dev/null || true
    for ((i = 0; i < 500; i++)); do
        is_running "$KINGLET_PID" || break
        sleep 0.02
    done
    if is_running "$KINGLET_PID"; then
        echo "bench: Kinglet (pid $KINGLET_PID) ignored SIGTERM for 10 s; killing it" >&2
        kill -KILL "$KINGLET_PID" 2>/dev/null || true
    fi
    wait "$KINGLET_PID" 2>/dev/null || true
    KINGLET_PID=
}

# The JVM flags the running java process really got: its arguments between the java binary and
# -jar, i.e. the start script's defaults plus KINGLET_JAVA_OPTS.
jvm_flags() {
    tr '\0' '\n' <"/proc/$1/cmdline" | sed -n '2,/^-jar$/p' | sed '/^-jar$/d' | paste -sd' '
}

# "openjdk version ... | OpenJDK Runtime Environment ..." in one line.
jdk_version() {
    "$JAVA_HOME/bin/java" -version 2>&1 | head -n 2 | paste -sd'|' | sed 's/|/ | /'
}

jar_identity() {
    local sum
    sum=$(sha256sum "$KINGLET_JAR" | cut -c1-12)
    echo "$SRC_JAR (sha256 $sum, $(($(stat -c %s "$KINGLET_JAR") / 1024)) KiB, modified $(date -u -r "$SRC_JAR" +%Y-%m-%dT%H:%M:%SZ))"
}

machine_line() {
    local load
    read -r load _ </proc/loadavg || true
    echo "$(nproc) CPUs, load average (1 min) $load at start"
}

# median/min/max of integer arguments ("median" of an even count is the mean of the middle two).
median() {
    printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}
min_of() { printf '%s\n' "$@" | sort -n | head -n 1; }
max_of() { printf '%s\n' "$@" | sort -n | tail -n 1; }

# run_harness PROGRAM.java [ARG...]: a benchmark written against the e2e harness (launcher/e2e), run
# as a single-file Java program on the harness's class path and driving the copied kinglet.jar (call
# bench_setup first). BENCH_JAVA_OPTS are the benchmark JVM's own options; extra -D options for it
# go in HARNESS_PROPERTIES (an array).
HARNESS_PROPERTIES=()
run_harness() {
    local e2e_jar
    e2e_jar=$(find "$REPO_DIR/launcher/e2e/target" -maxdepth 1 -name 'kinglet-e2e-*.jar' ! -name '*tests*' 2>/dev/null | head -n 1)
    if [ -z "$e2e_jar" ]; then
        echo "bench: the e2e harness is not built (./mvnw install -DskipTests)" >&2
        exit 1
    fi
    (cd "$REPO_DIR" && ./mvnw -q -o dependency:build-classpath -pl launcher/e2e -Dmdep.outputFile="$WORK/cp.txt" >/dev/null)
    # shellcheck disable=SC2086 # word splitting of BENCH_JAVA_OPTS is intended
    "$JAVA_HOME/bin/java" -cp "$e2e_jar:$(cat "$WORK/cp.txt")" \
        -Dkinglet.script="$KINGLET_SCRIPT" -Dkinglet.jar="$KINGLET_JAR" \
        -Dkinglet.runtime-config="$REPO_DIR/runtime-config" "${HARNESS_PROPERTIES[@]}" \
        ${BENCH_JAVA_OPTS:-} "$BENCH_DIR/$1" "${@:2}"
}
