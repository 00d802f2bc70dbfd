#!/usr/bin/env bash
# Provision a Debian/Ubuntu machine as a rootless Podman test host for Burrow.
#
# Run as root. Idempotent: a second run changes nothing and says so. Every change it makes is printed as
# "changed: ...", so the output is the record of what this machine needed.
#
#   BURROW_TEST_USER   the unprivileged user the tests run as (default: burrow-test)
#   BURROW_SKIP_APT=1  do not touch packages (for machines provisioned some other way)
set -euo pipefail

TEST_USER="${BURROW_TEST_USER:-burrow-test}"
# netavark + aardvark-dns: containers on a created network resolve each other by name (without recommends nothing
# pulls them in: podman's containers-common is satisfied by CNI alone); netavark 1.4 sets up its rules with iptables.
# containernetworking-plugins: the CNI backend, which the doctor's "no container DNS" test runs a Podman on.
# qemu-system-x86, debootstrap and openssh-client build, boot and reach the Debian 13 guest (scripts/guest/guest.sh).
# apache2-utils (htpasswd) and openssl make the authenticated TLS registry the login tests run against.
PACKAGES=(podman runc crun uidmap slirp4netns passt fuse-overlayfs catatonit netavark aardvark-dns iptables
  containernetworking-plugins busybox-static docker-registry chromium iproute2 procps qemu-system-x86 debootstrap
  openssh-client apache2-utils openssl)
changes=0

say() { printf 'provision: %s\n' "$*"; }
changed() {
  changes=$((changes + 1))
  printf 'provision: changed: %s\n' "$*"
}

if [ "$(id -u)" -ne 0 ]; then
  echo "provision: must run as root (it installs packages and creates the test user)" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "provision: this script supports Debian and Ubuntu (apt-get not found)" >&2
  exit 1
fi

# --- packages -------------------------------------------------------------------------------------------
if [ "${BURROW_SKIP_APT:-0}" != "1" ]; then
  missing=()
  for p in "${PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$p")
    fi
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    say "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    changed "installed packages: ${missing[*]}"
  fi
fi

# --- the unprivileged test user -------------------------------------------------------------------------
if ! id -u "$TEST_USER" >/dev/null 2>&1; then
  useradd -m -s /bin/bash "$TEST_USER"
  changed "created user $TEST_USER"
fi
uid="$(id -u "$TEST_USER")"
home="$(getent passwd "$TEST_USER" | cut -d: -f6)"

# Debian's useradd adds subordinate ranges; other tools (or older images) may not. Pick a free range.
next_free_range() {
  local file="$1" max=100000
  if [ -s "$file" ]; then
    max="$(awk -F: '{ e = $2 + $3; if (e > m) m = e } END { print (m > 100000 ? m : 100000) }' "$file")"
  fi
  echo "$max"
}
for kind in uid gid; do
  file="/etc/sub$kind"
  touch "$file"
  if ! grep -qE "^($TEST_USER|$uid):" "$file"; then
    start="$(next_free_range "$file")"
    usermod "--add-sub${kind}s" "$start-$((start + 65535))" "$TEST_USER"
    changed "added $file range $start:65536 for $TEST_USER"
  fi
done

# --- the user's runtime directory -----------------------------------------------------------------------
rundir="/run/user/$uid"
if [ ! -d "$rundir" ]; then
  mkdir -p "$rundir"
  changed "created $rundir"
fi
# Podman itself relaxes it to 711 (traversable, not listable); both are fine, anything else is not.
case "$(stat -c '%u %a' "$rundir")" in
  "$uid 700" | "$uid 711") ;;
  *)
    chown "$TEST_USER:" "$rundir"
    chmod 700 "$rundir"
    changed "made $rundir owned by $TEST_USER, mode 700"
    ;;
esac

# --- kernel-facing bits rootless networking and mounts need ---------------------------------------------
if [ -e /dev/net/tun ] && [ "$(stat -c '%a' /dev/net/tun)" != "666" ]; then
  chmod 666 /dev/net/tun
  changed "chmod 666 /dev/net/tun (slirp4netns/pasta open it as the user)"
fi
if [ "$(findmnt -n -o PROPAGATION / 2>/dev/null || echo unknown)" != "shared" ]; then
  mount --make-rshared /
  changed "mount --make-rshared / (rootless mount propagation)"
fi

# --- does crun start a container as the user? ----------------------------------------------------------
as_user() {
  (cd / && runuser -u "$TEST_USER" -- env -i PATH=/usr/local/bin:/usr/bin:/bin HOME="$home" USER="$TEST_USER" \
    XDG_RUNTIME_DIR="$rundir" "$@")
}
conf_dir="$home/.config/containers"
conf="$conf_dir/containers.conf"
marker="# burrow: crun cannot start containers on this host (hybrid cgroups); runc can"

# The probe's root filesystem must belong to the user: Podman creates /etc/hosts and friends in it.
probe_root="$(as_user mktemp -d /tmp/burrow-probe.XXXXXX)"
trap 'rm -rf "$probe_root"' EXIT
as_user mkdir -p "$probe_root/bin"
as_user cp /bin/busybox "$probe_root/bin/busybox"
as_user chmod 755 "$probe_root"
probe() { as_user podman --runtime "$1" run --rm --net=none --rootfs "$probe_root" /bin/busybox true >/dev/null 2>&1; }

if probe crun; then
  if [ -f "$conf" ] && grep -qF "$marker" "$conf"; then
    # An earlier run decided crun was unusable; it is usable now, so take our override back out.
    sed -i "/^$marker\$/,+2d" "$conf"
    changed "crun works now: removed the runc override from $conf"
  fi
  say "crun starts containers as $TEST_USER"
else
  if probe runc; then
    if ! { [ -f "$conf" ] && grep -qF "$marker" "$conf"; }; then
      as_user mkdir -p "$conf_dir"
      if [ -f "$conf" ] && grep -qE '^\[engine\]' "$conf"; then
        echo "provision: $conf already has an [engine] table; add runtime = \"runc\" to it by hand" >&2
        exit 1
      fi
      printf '%s\n[engine]\nruntime = "runc"\n' "$marker" | as_user tee -a "$conf" >/dev/null
      changed "crun cannot start containers here: wrote runtime = \"runc\" into $conf"
    fi
    say "runc starts containers as $TEST_USER (crun cannot)"
  else
    echo "provision: neither crun nor runc can start a container as $TEST_USER; run as that user:" >&2
    echo "  podman --runtime runc run --rm --rootfs $probe_root /bin/busybox true" >&2
    exit 1
  fi
fi

# --- container DNS: the netavark backend -----------------------------------------------------------------
# Podman 4.3 picks its network backend the first time it runs and remembers it (defaultNetworkBackend in the
# graph root): a user whose Podman ran before netavark was installed stays on CNI, which Debian ships without
# the dnsname plugin, so containers on a created network cannot resolve each other. network_backend in
# containers.conf wins over that memory. (Networks are per backend: CNI ones would have to be created again.)
net_marker="# burrow: netavark + aardvark-dns, so containers on a created network resolve each other by name"
if ! { [ -f "$conf" ] && grep -qE '^network_backend *= *"netavark"' "$conf"; }; then
  if [ -f "$conf" ] && grep -qE '^\[network\]' "$conf"; then
    echo "provision: $conf already has a [network] table; add network_backend = \"netavark\" to it by hand" >&2
    exit 1
  fi
  as_user mkdir -p "$conf_dir"
  printf '%s\n[network]\nnetwork_backend = "netavark"\n' "$net_marker" | as_user tee -a "$conf" >/dev/null
  changed "selected the netavark network backend in $conf"
fi
backend="$(as_user podman info --format '{{.Host.NetworkBackend}}' 2>&1 || true)"
if [ "$backend" != "netavark" ]; then
  echo "provision: podman info says the network backend of $TEST_USER is \"$backend\", not netavark" >&2
  exit 1
fi
say "podman uses netavark for $TEST_USER"

if [ "$changes" -eq 0 ]; then
  say "nothing to change: $TEST_USER (uid $uid) is ready for rootless Podman"
else
  say "$changes change(s) made: $TEST_USER (uid $uid) is ready for rootless Podman"
fi
