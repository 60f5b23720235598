#!/usr/bin/env bash
# Static checks of the Kinglet package: lintian (no error, no warning; overrides in
# src/root/usr/share/lintian/overrides/kinglet say why), and systemd-analyze verify of the unit as it
# is installed (any complaint fails, not only those that make it exit non-zero).
# Usage: lint.sh [kinglet_VERSION_all.deb]   (default: the one in packaging/target)
# Needs: lintian, systemd (Debian: apt-get install lintian systemd).
set -euo pipefail

target=$(cd "$(dirname "$0")/.." && pwd)/target
if [ $# -gt 0 ]; then
    deb=$1
else
    debs=("$target"/kinglet_*_all.deb)
    if [ ${#debs[@]} -ne 1 ] || [ ! -f "${debs[0]}" ]; then
        echo "lint.sh: expected one kinglet_*_all.deb in $target, found: ${debs[*]}" >&2
        exit 1
    fi
    deb=${debs[0]}
fi
for tool in lintian systemd-analyze; do
    if ! command -v "$tool" >/dev/null; then
        echo "lint.sh: FAIL: $tool is missing (Debian: apt-get install lintian systemd)" >&2
        exit 1
    fi
done

started=$SECONDS
failed=0
step() { echo "lint.sh: $*"; }
pass() { step "PASS: $1"; }
fail() { step "FAIL: $1"; failed=1; }

step "lintian $(basename "$deb")"
if report=$(lintian --fail-on error,warning --info --display-info --color never "$deb" 2>&1); then
    lintian_ok=1
else
    lintian_ok=0
fi
# lintian only warns that root could do more harm than a user; its checks are the same
grep -v '^running with root privileges is not recommended!$' <<<"$report" || true
if [ $lintian_ok = 1 ]; then
    pass "lintian: no error or warning"
else
    fail "lintian reported an error or a warning (above)"
fi

# verify resolves ExecStart= and the unit's dependencies under --root: the package's files plus
# this machine's own units (sysinit.target and the like)
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
dpkg-deb -x "$deb" "$root"
unit=/usr/lib/systemd/system/kinglet.service
for units in /usr/lib/systemd/system /lib/systemd/system; do
    if [ -d "$units" ]; then
        cp -Rn "$units/." "$root/usr/lib/systemd/system/"
    fi
done
step "systemd-analyze verify $unit"
if output=$(systemd-analyze verify --man=no --root="$root" "$unit" 2>&1) && [ -z "$output" ]; then
    pass "systemd-analyze verify: no complaint"
else
    echo "$output"
    fail "systemd-analyze verify complained (above)"
fi
systemd-analyze security --offline=true --root="$root" "$unit" 2>&1 | grep 'Overall exposure' || true

step "took $((SECONDS - started)) s"
if [ $failed -ne 0 ]; then
    exit 1
fi
