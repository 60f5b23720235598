#!/usr/bin/env bash
# Ad-break detector figures: three 5-minute clips (480x270, 25 fps, H.264 + AAC) made with ffmpeg as a
# broadcast is put together, each scanned with ad:scan in the launcher (its JVM flags, ffmpeg's decode
# included): speed as a multiple of real time, and break-level precision, recall and F1 within 1 s and
# 2 s of the truth. Drives Kinglet through the e2e harness (launcher/e2e), so build first with
# ./mvnw install -DskipTests; needs ffmpeg. About 2 min. Usage: bench/addetect.sh
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
REPO_DIR=$(cd "$BENCH_DIR/.." && pwd)
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}

E2E_JAR=$(ls "$REPO_DIR"/launcher/e2e/target/kinglet-e2e-*.jar 2>/dev/null | grep -v tests | head -1)
if [ -z "$E2E_JAR" ] || [ ! -f "$REPO_DIR/launcher/target/kinglet.jar" ]; then
    echo "bench: build first (./mvnw install -DskipTests)" >&2
    exit 1
fi
command -v ffmpeg >/dev/null || { echo "bench: needs ffmpeg (apt-get install ffmpeg)" >&2; exit 1; }
WORK=$(mktemp -d "${TMPDIR:-/tmp}/kinglet-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
(cd "$REPO_DIR" && ./mvnw -q -o dependency:build-classpath -pl launcher/e2e -Dmdep.outputFile="$WORK/cp.txt" >/dev/null)
cp "$REPO_DIR/launcher/target/kinglet.jar" "$WORK/kinglet.jar"

echo "$("$JAVA_HOME/bin/java" -version 2>&1 | head -1); $(ffmpeg -version | head -1 | cut -d' ' -f1-3); $(nproc) CPUs; load $(cut -d' ' -f1-3 /proc/loadavg)"
"$JAVA_HOME/bin/java" -cp "$E2E_JAR:$(cat "$WORK/cp.txt")" \
    -Dkinglet.script="$REPO_DIR/launcher/kinglet" -Dkinglet.jar="$WORK/kinglet.jar" \
    -Dkinglet.runtime-config="$REPO_DIR/runtime-config" \
    ${BENCH_JAVA_OPTS:-} "$BENCH_DIR/AdBench.java"
