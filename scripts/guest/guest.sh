#!/usr/bin/env bash
# A second real test host: a Debian 13 guest (systemd, cgroup v2 delegated to the user, Podman 5, crun, pasta),
# booted under qemu TCG, reachable over SSH on 127.0.0.1.
#
#   guest.sh build    build the disk image once per machine (root; cached, rebuilt when the recipe changes)
#   guest.sh up       boot it in snapshot mode (the image stays pristine) and wait for SSH + the user's podman socket
#   guest.sh down     power it off (by the PID qemu wrote)
#   guest.sh status   print what is running and how to reach it
#   guest.sh ssh ...  run a command in the guest as the test user
#   guest.sh can-boot exit 0 when this machine has what the guest needs, else print why and exit 3
#
# Environment: BURROW_GUEST_CACHE (default /var/cache/burrow-guest for root, ~/.cache/burrow-guest otherwise),
# BURROW_GUEST_RUN (runtime state: pid file, ssh key copy; default $XDG_RUNTIME_DIR/burrow-guest or /tmp),
# BURROW_GUEST_SSH_PORT (default 2222), BURROW_GUEST_MIRROR (default: the first deb.debian.org-style URI in apt's sources).
set -euo pipefail

if [ "$(id -u)" = 0 ]; then DEFAULT_CACHE=/var/cache/burrow-guest; else DEFAULT_CACHE="$HOME/.cache/burrow-guest"; fi
CACHE="${BURROW_GUEST_CACHE:-$DEFAULT_CACHE}"
RUN="${BURROW_GUEST_RUN:-${XDG_RUNTIME_DIR:-/tmp}/burrow-guest-$(id -u)}"
PORT="${BURROW_GUEST_SSH_PORT:-2222}"
GUEST_USER=tester
GUEST_UID=1000
SUITE=trixie
PACKAGES="systemd,systemd-sysv,udev,dbus,dbus-user-session,libpam-systemd,linux-image-amd64,podman,crun,passt,uidmap,\
iproute2,procps,busybox-static,ca-certificates,kmod,openssh-server,netavark,aardvark-dns,nftables,catatonit,conmon,curl"

# The recipe: everything that changes the image. Its hash names the cached image.
recipe() {
  echo "suite=$SUITE packages=$PACKAGES user=$GUEST_USER uid=$GUEST_UID"
  sed -n '/^configure_root()/,/^}/p' "${BASH_SOURCE[0]}"
}
recipe_hash() { recipe | sha256sum | cut -c1-16; }

log() { printf '[guest] %s\n' "$*" >&2; }

mirror() {
  if [ -n "${BURROW_GUEST_MIRROR:-}" ]; then echo "$BURROW_GUEST_MIRROR"; return; fi
  local uri
  # `|| true`: a missing sources.list (deb822-only systems) must not end the script under pipefail.
  uri=$(grep -rhoE '(URIs:|deb) +https?://[^ ]+/debian/?( |$)' /etc/apt/sources.list /etc/apt/sources.list.d/ 2>/dev/null |
    grep -v security | head -1 | awk '{print $2}' || true)
  echo "${uri:-http://deb.debian.org/debian}"
}

# Configure the unpacked root file system (runs as root on the host, paths under $1).
configure_root() {
  local root="$1" pub="$2"
  echo burrow-guest >"$root/etc/hostname"
  printf '127.0.0.1 localhost\n127.0.1.1 burrow-guest\n' >"$root/etc/hosts"
  printf '/dev/vda / ext4 rw 0 1\n' >"$root/etc/fstab"
  # Network: qemu user networking hands out DHCP leases.
  mkdir -p "$root/etc/systemd/network"
  printf '[Match]\nName=en* eth*\n[Network]\nDHCP=yes\n' >"$root/etc/systemd/network/20-wired.network"
  chroot "$root" systemctl enable systemd-networkd.service >/dev/null 2>&1
  # Reach network-online.target, as desktops do: Quadlet units wait for it (podman-user-wait-network-online).
  chroot "$root" systemctl enable systemd-networkd-wait-online.service >/dev/null 2>&1
  chroot "$root" systemctl add-wants multi-user.target network-online.target >/dev/null 2>&1
  # Every limit controller delegated to users, as Podman's rootless guide sets it up: systemd's default leaves
  # out io (and cpuset), so block I/O stats would read 0 and --device-*-bps/--blkio-weight would be dropped.
  mkdir -p "$root/etc/systemd/system/user@.service.d"
  printf '[Service]\nDelegate=cpu cpuset io memory pids\n' >"$root/etc/systemd/system/user@.service.d/delegate.conf"
  # The test user, with linger so its systemd instance (and podman.socket) starts at boot.
  chroot "$root" useradd -m -u "$GUEST_UID" -s /bin/bash "$GUEST_USER"
  mkdir -p "$root/var/lib/systemd/linger" && touch "$root/var/lib/systemd/linger/$GUEST_USER"
  local home="$root/home/$GUEST_USER"
  mkdir -p "$home/.ssh" "$home/.config/systemd/user/sockets.target.wants" "$home/.config/containers"
  cp "$pub" "$home/.ssh/authorized_keys"
  chmod 700 "$home/.ssh" && chmod 600 "$home/.ssh/authorized_keys"
  ln -sf /usr/lib/systemd/user/podman.socket "$home/.config/systemd/user/sockets.target.wants/podman.socket"
  # Loopback registries on the host (seen from the guest as 10.0.2.2) are plain HTTP.
  printf '[[registry]]\nlocation = "10.0.2.2"\ninsecure = true\n' >"$home/.config/containers/registries.conf"
  chroot "$root" chown -R "$GUEST_USER:$GUEST_USER" "/home/$GUEST_USER"
  # SSH: keys only, fast start.
  mkdir -p "$root/etc/ssh/sshd_config.d"
  printf 'PasswordAuthentication no\nUseDNS no\nAllowStreamLocalForwarding yes\n' >"$root/etc/ssh/sshd_config.d/burrow.conf"
  chroot "$root" systemctl enable ssh.service >/dev/null 2>&1
  # No getty on the serial console waiting for a login.
  chroot "$root" systemctl mask serial-getty@ttyS0.service >/dev/null 2>&1 || true
  # Persistent (as on a desktop) so journald keeps a journal per user: `journalctl --user -u` reads a Quadlet
  # unit's log only from the user's own file, which volatile storage never splits out. -snapshot discards it.
  mkdir -p "$root/etc/systemd/journald.conf.d"
  printf '[Journal]\nStorage=persistent\nSystemMaxUse=16M\n' >"$root/etc/systemd/journald.conf.d/small.conf"
  # A fixture image source for tests: busybox-static is installed; the test user builds from it on demand.
  rm -f "$root"/etc/ssh/ssh_host_* # regenerated below so every build has its own host keys
  chroot "$root" ssh-keygen -A >/dev/null
  apt_clean "$root"
}

apt_clean() { rm -rf "$1"/var/cache/apt/archives/*.deb "$1"/var/lib/apt/lists/*; }

cmd_can_boot() {
  local why=""
  command -v qemu-system-x86_64 >/dev/null || why="qemu-system-x86_64 is not installed (apt-get install qemu-system-x86)"
  [ -z "$why" ] && ! command -v ssh >/dev/null && why="ssh is not installed (apt-get install openssh-client)"
  if [ -z "$why" ] && [ ! -f "$CACHE/current/vm.img" ]; then why="no guest image in $CACHE (run: sudo $0 build)"; fi
  if [ -n "$why" ]; then echo "guest cannot boot: $why"; exit 3; fi
  echo "guest can boot: $(cat "$CACHE/current/recipe.hash")"
}

cmd_build() {
  [ "$(id -u)" = 0 ] || { log "build needs root (debootstrap, chroot)"; exit 1; }
  command -v debootstrap >/dev/null || { log "debootstrap missing (apt-get install debootstrap)"; exit 1; }
  local hash dir
  hash=$(recipe_hash)
  dir="$CACHE/$hash"
  if [ -f "$dir/vm.img" ] && [ -f "$dir/done" ]; then
    log "image $hash is cached in $dir"
    ln -sfn "$hash" "$CACHE/current"
    return 0
  fi
  mkdir -p "$dir"
  local root="$dir/root"
  rm -rf "$root" "$dir/vm.img" "$dir/done"
  local t0=$SECONDS
  log "debootstrap $SUITE from $(mirror) (a few minutes)"
  debootstrap --variant=minbase --include="$PACKAGES" "$SUITE" "$root" "$(mirror)" >"$dir/debootstrap.log" 2>&1 ||
    { tail -20 "$dir/debootstrap.log" >&2; exit 1; }
  [ -f "$dir/id_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -C burrow-guest -f "$dir/id_ed25519"
  configure_root "$root" "$dir/id_ed25519.pub"
  cp "$root"/boot/vmlinuz-* "$dir/vmlinuz"
  cp "$root"/boot/initrd.img-* "$dir/initrd.img"
  chmod 644 "$dir/vmlinuz" "$dir/initrd.img" "$dir/id_ed25519.pub"
  chmod 644 "$dir/id_ed25519" # copied to a 0600 file by whoever boots the guest
  log "making the ext4 image"
  truncate -s 6G "$dir/vm.img.tmp"
  mkfs.ext4 -q -d "$root" "$dir/vm.img.tmp"
  mv "$dir/vm.img.tmp" "$dir/vm.img"
  chmod 644 "$dir/vm.img"
  rm -rf "$root"
  recipe_hash >"$dir/recipe.hash"
  touch "$dir/done"
  ln -sfn "$hash" "$CACHE/current"
  chmod 755 "$CACHE" "$dir"
  # Older recipes' images are 6 GB sparse files each: keep only this one.
  find "$CACHE" -mindepth 1 -maxdepth 1 -type d ! -name "$hash" -exec rm -rf {} +
  log "built $hash in $((SECONDS - t0)) s"
}

ssh_opts() {
  echo "-i $RUN/id_ed25519 -p $PORT -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -o ConnectTimeout=5"
}

cmd_ssh() {
  # shellcheck disable=SC2046
  exec ssh $(ssh_opts) "$GUEST_USER@127.0.0.1" "$@"
}

running() { [ -f "$RUN/qemu.pid" ] && kill -0 "$(cat "$RUN/qemu.pid")" 2>/dev/null; }

# One boot; returns 1 when qemu exited during the boot (with -no-reboot: a panic or a reboot; its console is
# shown), exits on a timeout.
boot_once() {
  local img="$CACHE/current"
  rm -f "$RUN/console.log"
  # -snapshot: writes go to a temporary overlay, so every boot starts from the same image.
  qemu-system-x86_64 -accel tcg,thread=multi -cpu max -m "${BURROW_GUEST_MEM:-2048}" -smp "${BURROW_GUEST_CPUS:-2}" \
    -display none -serial "file:$RUN/console.log" -no-reboot -snapshot \
    -kernel "$img/vmlinuz" -initrd "$img/initrd.img" \
    -append "root=/dev/vda rw console=ttyS0 quiet systemd.unified_cgroup_hierarchy=1 panic=1 oops=panic" \
    -drive "file=$img/vm.img,format=raw,if=virtio" \
    -nic "user,model=virtio-net-pci,hostfwd=tcp:127.0.0.1:$PORT-:22" \
    -pidfile "$RUN/qemu.pid" -daemonize
  log "qemu started (pid $(cat "$RUN/qemu.pid")); waiting for SSH on 127.0.0.1:$PORT"
  local deadline=$((SECONDS + ${BURROW_GUEST_BOOT_TIMEOUT:-300}))
  # shellcheck disable=SC2046
  until ssh $(ssh_opts) "$GUEST_USER@127.0.0.1" "test -S /run/user/$GUEST_UID/podman/podman.sock" 2>/dev/null; do
    if ! running; then
      log "qemu exited; console:"
      tail -30 "$RUN/console.log" >&2
      rm -f "$RUN/qemu.pid"
      return 1
    fi
    if [ $SECONDS -gt $deadline ]; then log "timed out; console:"; tail -30 "$RUN/console.log" >&2; cmd_down; exit 1; fi
    sleep 2
  done
}

cmd_up() {
  cmd_can_boot >/dev/null
  local img="$CACHE/current"
  mkdir -p "$RUN" && chmod 700 "$RUN"
  if running; then log "already running (pid $(cat "$RUN/qemu.pid"))"; cmd_status; return 0; fi
  install -m 600 "$img/id_ed25519" "$RUN/id_ed25519"
  local t0=$SECONDS attempt
  # A boot can die in the guest's kernel: under multi-threaded TCG, a jump-label patch racing another vCPU has
  # ended in "Oops: int3" → panic at ~20 s (2 of ~8 boots on this host, one of them in CI). panic=1 and
  # -no-reboot turn that into qemu exiting at once instead of a hung guest waiting out the deadline, and the
  # boot is tried again from the same image (-snapshot). The emulator is retried, never a test.
  for attempt in $(seq 1 "${BURROW_GUEST_BOOT_ATTEMPTS:-3}"); do
    boot_once && break
    if [ "$attempt" -ge "${BURROW_GUEST_BOOT_ATTEMPTS:-3}" ]; then exit 1; fi
    cp "$RUN/console.log" "$RUN/console.failed-$attempt.log"
    log "boot $attempt ended before the guest was up (console kept in $RUN/console.failed-$attempt.log); booting again"
  done
  # Each image has its own host keys: forget an older image's key for this port in the user's known_hosts, so
  # ssh's accept-new (Burrow's default) trusts this one instead of refusing a "changed" host.
  [ -f "$HOME/.ssh/known_hosts" ] && ssh-keygen -R "[127.0.0.1]:$PORT" -f "$HOME/.ssh/known_hosts" >/dev/null 2>&1
  log "guest up in $((SECONDS - t0)) s"
  cmd_status
}

cmd_down() {
  if running; then
    local pid
    pid=$(cat "$RUN/qemu.pid")
    # A clean power-off first; the snapshot overlay is discarded either way.
    # shellcheck disable=SC2046
    ssh $(ssh_opts) "$GUEST_USER@127.0.0.1" "systemctl poweroff" >/dev/null 2>&1 || true
    for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill "$pid" 2>/dev/null || true
    log "stopped qemu pid $pid"
  fi
  rm -f "$RUN/qemu.pid"
}

cmd_status() {
  if running; then
    echo "BURROW_GUEST_URL=ssh://$GUEST_USER@127.0.0.1:$PORT/run/user/$GUEST_UID/podman/podman.sock"
    echo "BURROW_GUEST_IDENTITY=$RUN/id_ed25519"
  else
    echo "guest not running"
    return 1
  fi
}

case "${1:-}" in
  build) cmd_build ;;
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  ssh) shift; cmd_ssh "$@" ;;
  can-boot) cmd_can_boot ;;
  recipe-hash) recipe_hash ;;
  mirror) mirror ;;
  *) sed -n '2,16p' "${BASH_SOURCE[0]}"; exit 2 ;;
esac
