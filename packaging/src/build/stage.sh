#!/usr/bin/env bash
# Lays out the installed file tree of Kinglet in STAGE (jdeb packs it into the .deb) and packs the
# same tree, plus INSTALL, as STAGE.tar.gz for distributions without dpkg.
# Usage: stage.sh STAGE VERSION KINGLET_JAR OUTPUT_TIMESTAMP
set -euo pipefail

stage=$1 version=$2 jar=$3 timestamp=$4
packaging=$(cd "$(dirname "$0")/../.." && pwd)
root=$(dirname "$packaging")
config=$root/runtime-config
# as jdeb writes it: 0.1.0-SNAPSHOT sorts after 0.1.0 for dpkg, 0.1.0~snapshot before it
deb_version=${version/-SNAPSHOT/\~snapshot}

rm -rf "$stage"
mkdir -p "$stage"
cp -R "$packaging/src/root/." "$stage/"

install -D -m 0755 "$root/launcher/kinglet" "$stage/opt/kinglet/kinglet"
install -D -m 0644 "$jar" "$stage/opt/kinglet/kinglet.jar"

# /etc/kinglet: the Configuration Admin files of the default profile and the files of device/, which
# win over a top-level file of the same name; never the top-level kinglet.properties (state = ./state).
mkdir -p "$stage/etc/kinglet"
shopt -s nullglob
for file in "$config"/*.cfg "$config"/*.cfg.example "$config"/*.config "$config"/*.config.example \
        "$config"/*.pem "$config"/device/*; do
    if [ -f "$file" ] && [ "$file" != "$config/device/README.md" ]; then
        install -m 0644 "$file" "$stage/etc/kinglet/"
    fi
done
if [ ! -f "$stage/etc/kinglet/kinglet.properties" ]; then
    echo "stage.sh: $config/device/kinglet.properties is missing: the package would run the default profile's settings" >&2
    exit 1
fi

docs=$stage/usr/share/doc/kinglet
sed -e "s/@VERSION@/$deb_version/" -e "s/@DATE@/$(date -u -R -d "$timestamp")/" \
    "$packaging/src/doc/changelog" | gzip -9n > "$docs/changelog.gz"
mkdir -p "$stage/usr/share/man/man1"
gzip -9n < "$packaging/src/doc/kinglet.1" > "$stage/usr/share/man/man1/kinglet.1.gz"
sed "s/@VERSION@/$version/" "$packaging/src/doc/INSTALL" > "$stage/INSTALL"

# modes as installed, whatever the checkout's umask made of them
find "$stage" -type d -exec chmod 0755 {} +
find "$stage" -type f -exec chmod 0644 {} +
chmod 0755 "$stage/opt/kinglet/kinglet" "$stage/usr/bin/kinglet"

# reproducible: sorted, root-owned, the build's output timestamp, no gzip time stamp
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="$timestamp" \
    -C "$(dirname "$stage")" -cf - "$(basename "$stage")" | gzip -9n > "$stage.tar.gz"
echo "stage.sh: $stage/ and $(basename "$stage").tar.gz ($(du -h "$stage.tar.gz" | cut -f1))"
