#!/usr/bin/env bash
# Ad-break detector figures: three 5-minute clips (480x270, 25 fps, H.264 + AAC) made with ffmpeg as a
# broadcast is put together, each scanned with ad:scan in the launcher (its JVM flags, ffmpeg's decode
# included): speed as a multiple of real time, and break-level precision, recall and F1 within 1 s and
# 2 s of the truth. Drives Kinglet through the e2e harness (launcher/e2e), so build first with
# ./mvnw install -DskipTests; needs ffmpeg. About 2 min. Usage: bench/addetect.sh
set -euo pipefail
# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"

command -v ffmpeg >/dev/null || { echo "bench: needs ffmpeg (apt-get install ffmpeg)" >&2; exit 1; }
bench_setup
echo "$(jdk_version); $(ffmpeg -version | head -1 | cut -d' ' -f1-3); $(machine_line)"
run_harness AdBench.java
