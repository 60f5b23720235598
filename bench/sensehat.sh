#!/usr/bin/env bash
# Sense HAT reader: what one sampling cycle costs, and the heap over 100,000 of them.
#
#   bench/sensehat.sh            JMH (1 fork, 5 x 2 s warm-up, 10 x 2 s measured) + 100,000 cycles (about 1 min)
#   bench/sensehat.sh --quick    JMH 1 + 2 short iterations + 10,000 cycles: only checks that the script works
#
# The reader (io.kinglet.sensehat) runs as in the default profile on the simulated chips
# (io.kinglet.hardware.sim, drift on) outside OSGi, driven by bench/jmh: one cycle is the four chip
# readers over the simulated I2C bus, the CPU thermal zone file, and the JSON of the three published
# readings (telemetry only counts them: queuing is bench/telemetry.sh's). The simulation's clock moves
# one second per cycle, so every chip has new data each time. Memory: heap used after a full GC every
# 10,000 cycles. The start-to-ready and idle RSS the capability adds: bench/startup.sh.
# Build first: ./mvnw install -DskipTests. Environment: JAVA_HOME (default Temurin 25).
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
REPO_DIR=$(cd "$BENCH_DIR/.." && pwd)
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}

jmh=(-f 1 -wi 5 -i 10 -w 2s -r 2s)
cycles=100000
case ${1:-} in
    --quick) jmh=(-f 1 -wi 1 -i 2 -w 1s -r 1s); cycles=10000 ;;
    -h | --help) awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"; exit 0 ;;
    "") ;;
    *) echo "sensehat.sh: unknown option '$1' (try --help)" >&2; exit 2 ;;
esac

if [ ! -f "$REPO_DIR/bench/jmh/target/classes/META-INF/BenchmarkList" ]; then
    echo "sensehat.sh: build first (./mvnw install -DskipTests)" >&2
    exit 1
fi
WORK=$(mktemp -d "${TMPDIR:-/tmp}/kinglet-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
(cd "$REPO_DIR" && ./mvnw -q -o dependency:build-classpath -pl bench/jmh -Dmdep.outputFile="$WORK/cp.txt" >/dev/null)
cp="$REPO_DIR/bench/jmh/target/classes:$(cat "$WORK/cp.txt")"
java=("$JAVA_HOME/bin/java" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$cp")

echo "== one sampling cycle (JMH, $("$JAVA_HOME/bin/java" -version 2>&1 | head -1))"
"${java[@]}" org.openjdk.jmh.Main SamplingCycleBench "${jmh[@]}" -prof gc 2>&1 \
    | sed -n '/^Benchmark /,$p' | grep -E '^Benchmark |cycle +|gc.alloc.rate.norm'
echo
echo "== heap after $cycles cycles"
"${java[@]}" io.kinglet.sensehat.internal.SamplingMemory "$cycles"
