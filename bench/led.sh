#!/usr/bin/env bash
# LED frame loop: achieved fps, frame-start jitter, CPU and allocation per frame, collections.
#
#   bench/led.sh            60 s of steady state per run, 8 runs (about 9 min)
#   bench/led.sh --quick    5 s per run: only checks that the script works
#
# The runtime's FrameLoop, ColorPipeline and Sense HAT framebuffer output (io.kinglet.led) with the
# built-in rainbow (io.kinglet.led.animations), outside OSGi through bench/jmh, on a 128-byte file
# shaped as the matrix's framebuffer, at 30 and 60 fps, with the runtime's JVM flags (serial GC, C1,
# 96 MB heap). Jitter is how late each frame began after its deadline (p50, p99, max of the last 512
# frames); CPU/s is the loop thread's CPU time per second of wall time; bytes/frame is what the loop
# thread allocated; GCs are the collections of the whole JVM during the window, after a 5 s warm-up.
# Build first: ./mvnw install -DskipTests. Environment: JAVA_HOME (default Temurin 25).
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
REPO_DIR=$(cd "$BENCH_DIR/.." && pwd)
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}

seconds=60
case ${1:-} in
    --quick) seconds=5 ;;
    -h | --help) awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"; exit 0 ;;
    "") ;;
    *) echo "led.sh: unknown option '$1' (try --help)" >&2; exit 2 ;;
esac

if [ ! -f "$REPO_DIR/bench/jmh/target/classes/io/kinglet/led/internal/FrameLoopBench.class" ]; then
    echo "led.sh: build first (./mvnw install -DskipTests)" >&2
    exit 1
fi
WORK=$(mktemp -d "${TMPDIR:-/tmp}/kinglet-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
(cd "$REPO_DIR" && ./mvnw -q -o dependency:build-classpath -pl bench/jmh -Dmdep.outputFile="$WORK/cp.txt" >/dev/null)

echo "$("$JAVA_HOME/bin/java" -version 2>&1 | head -1); $(nproc) CPUs; load $(cut -d' ' -f1-3 /proc/loadavg)"
"$JAVA_HOME/bin/java" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -Xms16m -Xmx96m \
    -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -cp "$REPO_DIR/bench/jmh/target/classes:$(cat "$WORK/cp.txt")" \
    io.kinglet.led.internal.FrameLoopBench "$seconds"
