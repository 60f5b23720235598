#!/usr/bin/env bash
# The Kinglet package's life on a device, in a throw-away Debian root (never on this machine's own
# system): install with apt (dependencies come in), run the runtime as the kinglet user and use it
# (/health/ready, kinglet shell), edit a conffile, upgrade to a newer version, remove, purge.
#
# Usage: lifecycle.sh [kinglet_VERSION_all.deb]   (default: the one in packaging/target)
# Needs root (chroot, mount) and debootstrap. The Debian base root, with the packages the .deb
# pulls in already downloaded, is cached as a tarball in $KINGLET_TEST_CACHE
# (/var/cache/kinglet-test): delete it to start from a fresh one. Environment: KINGLET_TEST_RELEASE
# (trixie: the first Debian release with a Java 21), KINGLET_TEST_MIRROR.
set -euo pipefail

target=$(cd "$(dirname "$0")/.." && pwd)/target
release=${KINGLET_TEST_RELEASE:-trixie}
mirror=${KINGLET_TEST_MIRROR:-http://deb.debian.org/debian}
cache=${KINGLET_TEST_CACHE:-/var/cache/kinglet-test}/$release-base.tar

say() { echo "lifecycle.sh: $*"; }
abort() {
    say "FAIL: $*"
    exit 1
}

if [ $# -gt 0 ]; then
    deb=$(readlink -f "$1")
else
    debs=("$target"/kinglet_*_all.deb)
    if [ ${#debs[@]} -ne 1 ] || [ ! -f "${debs[0]}" ]; then
        abort "expected one kinglet_*_all.deb in $target, found: ${debs[*]}"
    fi
    deb=${debs[0]}
fi
# CI must not pass by skipping: without what it needs this test fails, and says how to skip it.
if [ "$(id -u)" != 0 ]; then
    abort "needs root (debootstrap, chroot, mount); skip it with -Dkinglet.package.lifecycle=false"
fi
if ! command -v debootstrap >/dev/null; then
    abort "needs debootstrap (apt-get install debootstrap); skip it with -Dkinglet.package.lifecycle=false"
fi

work=$(mktemp -d /tmp/kinglet-lifecycle.XXXXXX)
root=$work/root
runtime=
cleanup() {
    if [ -n "$runtime" ] && kill -0 "$runtime" 2>/dev/null; then
        kill -KILL "$runtime" 2>/dev/null || true
    fi
    if mountpoint -q "$root/proc" 2>/dev/null; then
        umount "$root/proc" || umount -l "$root/proc"
    fi
    rm -rf --one-file-system "$work"
}
trap cleanup EXIT

started=$SECONDS
step_started=$SECONDS
passed=0
failed=0
step() {
    say "--- $* (at $((SECONDS - started)) s)"
    step_started=$SECONDS
}
check() {
    local what=$1
    shift
    if "$@" >/dev/null 2>&1; then
        say "PASS: $what"
        passed=$((passed + 1))
    else
        say "FAIL: $what"
        failed=$((failed + 1))
    fi
}
# a command in the Debian root, with a clean environment as root would have it there
in_root() { chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
    DEBIAN_FRONTEND=noninteractive "$@"; }
# as the service runs it: user kinglet with its groups, no login session
as_kinglet() { in_root setpriv --reuid=kinglet --regid=kinglet --init-groups env HOME=/var/lib/kinglet "$@"; }
apt_in_root() { in_root apt-get -q -y -o Dpkg::Use-Pty=0 "$@"; }
not() { ! "$@"; }
# the output of `lb` names the running bundles
lists_bundles() { "$@" | grep -q 'Active.*Kinglet health'; }

step "base root: Debian $release"
if [ ! -f "$cache" ]; then
    say "no cached base at $cache: debootstrap $release from $mirror (about a minute)"
    base=$work/base
    debootstrap --variant=minbase --include=ca-certificates,curl "$release" "$base" "$mirror" \
        >"$work/debootstrap.log" 2>&1 || { tail -20 "$work/debootstrap.log"; abort "debootstrap"; }
    rm -f "$base"/var/cache/apt/archives/*.deb
    cp "$deb" "$base/tmp/kinglet.deb"
    # what installing the package pulls in (a Java runtime, adduser, ...), downloaded once
    chroot "$base" apt-get -q update >/dev/null
    chroot "$base" env DEBIAN_FRONTEND=noninteractive apt-get -q -y --download-only install /tmp/kinglet.deb \
        >"$work/download.log" 2>&1 || { tail -20 "$work/download.log"; abort "downloading the dependencies"; }
    rm "$base/tmp/kinglet.deb"
    mkdir -p "$(dirname "$cache")"
    tar -C "$base" -cf "$cache.$$" .
    mv "$cache.$$" "$cache"
    rm -rf --one-file-system "$base"
fi
mkdir "$root"
tar -C "$root" -xf "$cache"
mount -t proc proc "$root/proc"
# a device group that exists (video does in any Debian) and one made for the board (i2c): the
# kinglet user joins both, and no group the board lacks (spi) is made
in_root groupadd --system i2c
say "base ready in $((SECONDS - step_started)) s"

version=$(dpkg-deb -f "$deb" Version)
step "install kinglet $version with apt"
cp "$deb" "$root/tmp/kinglet_1.deb"
apt_in_root install /tmp/kinglet_1.deb >"$work/install.log" 2>&1 || { tail -30 "$work/install.log"; abort "apt-get install"; }
check "installed at $version" test "$(in_root dpkg-query -W -f='${Status} ${Version}' kinglet)" = "install ok installed $version"
check "a Java runtime came in as a dependency" in_root sh -c 'ls /usr/lib/jvm/*/bin/java'
check "/opt/kinglet has kinglet.jar and its start script" in_root test -f /opt/kinglet/kinglet.jar -a -x /opt/kinglet/kinglet
check "kinglet is on the PATH" in_root sh -c 'test "$(command -v kinglet)" = /usr/bin/kinglet'
check "/etc/kinglet holds the device kinglet.properties" \
    in_root grep -q '^kinglet.state.dir = /var/lib/kinglet' /etc/kinglet/kinglet.properties
check "/etc/kinglet holds the Configuration Admin files" \
    in_root test -f /etc/kinglet/io.kinglet.shell.socket.cfg -a -f /etc/kinglet/io.kinglet.telemetry.cfg.example
conffiles=$(in_root dpkg-query -W -f='${Conffiles}' kinglet)
check "/etc/kinglet/kinglet.properties is a conffile" grep -q '/etc/kinglet/kinglet.properties ' <<<"$conffiles"
check "/etc/default/kinglet is a conffile" grep -q '/etc/default/kinglet ' <<<"$conffiles"
check "user kinglet: a system user without a login shell, home /var/lib/kinglet" \
    test "$(in_root getent passwd kinglet | awk -F: '$3 < 1000 { print $6 " " $7 }')" = "/var/lib/kinglet /usr/sbin/nologin"
groups=" $(in_root id -nG kinglet) "
check "kinglet is in i2c" grep -q ' i2c ' <<<"$groups"
check "kinglet is in video" grep -q ' video ' <<<"$groups"
check "no group made for a device the board lacks (spi)" not in_root getent group spi
check "/var/lib/kinglet is kinglet:kinglet 0750" test "$(in_root stat -c '%U:%G %a' /var/lib/kinglet)" = "kinglet:kinglet 750"
check "/etc/kinglet is root:kinglet 0750" test "$(in_root stat -c '%U:%G %a' /etc/kinglet)" = "root:kinglet 750"
check "kinglet.service enabled for the next boot (no systemd runs here, so not started)" \
    test "$(in_root readlink -f /etc/systemd/system/multi-user.target.wants/kinglet.service)" = /usr/lib/systemd/system/kinglet.service

# the operator's edits: a port of our own on loopback only (a conffile edit), and a file of their own
port=18080
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    port=$((port + 1))
done
in_root sed -i -e "s/^org.osgi.service.http.port = .*/org.osgi.service.http.port = $port/" \
    -e 's/^org.apache.felix.http.host = .*/org.apache.felix.http.host = 127.0.0.1/' /etc/kinglet/kinglet.properties
in_root cp /etc/kinglet/io.kinglet.telemetry.cfg.example /etc/kinglet/io.kinglet.telemetry.cfg.disabled

# Starts the runtime as the service would, and waits for /health/ready.
start_runtime() {
    # a simple command, so that $! is the process itself (the start scripts exec the JVM)
    chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 HOME=/var/lib/kinglet \
        setpriv --reuid=kinglet --regid=kinglet --init-groups /usr/bin/kinglet >>"$work/runtime.log" 2>&1 &
    runtime=$!
    local deadline=$((SECONDS + 120))
    until in_root curl -fs -o /dev/null "http://127.0.0.1:$port/health/ready"; do
        if ! kill -0 "$runtime" 2>/dev/null || [ $SECONDS -ge $deadline ]; then
            tail -40 "$work/runtime.log"
            in_root curl -sS "http://127.0.0.1:$port/health" || true
            return 1
        fi
        sleep 1
    done
}
# SIGTERM, as systemd stops it: gone within the unit's TimeoutStopSec (10 s).
stop_runtime() {
    kill -TERM "$runtime"
    local deadline=$((SECONDS + 10))
    while kill -0 "$runtime" 2>/dev/null && [ $SECONDS -lt $deadline ]; do
        sleep 0.2
    done
    if kill -0 "$runtime" 2>/dev/null; then
        return 1
    fi
    wait "$runtime" || true
    runtime=
}

step "run the runtime as user kinglet, device profile, port $port"
start_runtime || abort "the runtime did not become ready within 120 s (log above)"
say "ready in $((SECONDS - step_started)) s"
check "GET /health/ready answers 200" in_root curl -fsS "http://127.0.0.1:$port/health/ready"
check "the runtime runs as kinglet" test "$(stat -c %u "/proc/$runtime")" = "$(in_root id -u kinglet)"
check "kinglet shell lb works for root" lists_bundles in_root kinglet shell lb
check "kinglet shell lb works for the kinglet user" \
    lists_bundles as_kinglet kinglet shell lb
check "kinglet shell is refused to other users" \
    not in_root setpriv --reuid=nobody --regid=nogroup --clear-groups kinglet shell lb
check "kinglet without shell refuses to run the runtime as root" not in_root kinglet
check "the state directory holds the bundle cache, owned by kinglet" \
    test "$(in_root stat -c %U /var/lib/kinglet/framework)" = kinglet
check "the runtime stops on SIGTERM within 10 s" stop_runtime
as_kinglet touch /var/lib/kinglet/lifecycle-marker

upgrade=$version+lifecycle1
step "upgrade to $upgrade (the same package, repacked with a higher version)"
rm -rf "$work/v2" && dpkg-deb -R "$deb" "$work/v2"
sed -i "s/^Version: .*/Version: $upgrade/" "$work/v2/DEBIAN/control"
dpkg-deb --root-owner-group -Zgzip -z1 -b "$work/v2" "$root/tmp/kinglet_2.deb" >/dev/null
apt_in_root install /tmp/kinglet_2.deb >"$work/upgrade.log" 2>&1 || { tail -30 "$work/upgrade.log"; abort "apt-get install (upgrade)"; }
check "installed at $upgrade" test "$(in_root dpkg-query -W -f='${Version}' kinglet)" = "$upgrade"
check "the conffile edit survived" in_root grep -q "^org.osgi.service.http.port = $port" /etc/kinglet/kinglet.properties
check "no .dpkg-new/.dpkg-dist/.dpkg-old left in /etc/kinglet" not in_root sh -c 'ls /etc/kinglet/*.dpkg-*' 
check "the operator's own file survived" in_root test -f /etc/kinglet/io.kinglet.telemetry.cfg.disabled
check "the state survived" in_root test -f /var/lib/kinglet/lifecycle-marker -a -d /var/lib/kinglet/framework
check "/var/lib/kinglet is still kinglet:kinglet 0750" test "$(in_root stat -c '%U:%G %a' /var/lib/kinglet)" = "kinglet:kinglet 750"
start_runtime || abort "the upgraded runtime did not become ready within 120 s (log above)"
check "the upgraded runtime is ready on its old state" in_root curl -fsS "http://127.0.0.1:$port/health/ready"
check "the upgraded runtime stops on SIGTERM" stop_runtime

step "remove"
apt_in_root remove kinglet >"$work/remove.log" 2>&1 || { tail -30 "$work/remove.log"; abort "apt-get remove"; }
check "removed, configuration kept (dpkg status config-files)" \
    test "$(in_root dpkg-query -W -f='${Status}' kinglet)" = "deinstall ok config-files"
check "/opt/kinglet is gone" not test -e "$root/opt/kinglet"
check "/usr/bin/kinglet is gone" not test -e "$root/usr/bin/kinglet"
check "the edited configuration is kept" in_root grep -q "^org.osgi.service.http.port = $port" /etc/kinglet/kinglet.properties
check "the state is kept" in_root test -f /var/lib/kinglet/lifecycle-marker
check "the kinglet user is kept" in_root getent passwd kinglet

step "purge"
apt_in_root purge kinglet >"$work/purge.log" 2>&1 || { tail -30 "$work/purge.log"; abort "apt-get purge"; }
check "purged: dpkg knows no kinglet" not in_root dpkg-query -W kinglet
check "/etc/kinglet is gone, the operator's own files with it" not test -e "$root/etc/kinglet"
check "/etc/default/kinglet is gone" not test -e "$root/etc/default/kinglet"
check "/var/lib/kinglet is gone" not test -e "$root/var/lib/kinglet"
check "the kinglet user is gone" not in_root getent passwd kinglet
check "the kinglet group is gone" not in_root getent group kinglet
check "the service is no longer enabled" not test -L "$root/etc/systemd/system/multi-user.target.wants/kinglet.service"

say "took $((SECONDS - started)) s"
echo "lifecycle: $passed passed, $failed failed"
[ $failed -eq 0 ]
