#!/usr/bin/env bash
# Is provisioning enough on a NEW machine? A machine that has run the suite once has whatever it installed, so
# CI on it cannot tell. This builds a new Debian 12 (bookworm, minbase from the mirror in apt's sources: nothing
# installed by hand), runs scripts/provision-test-host.sh in it as root, and then, as the user provisioning
# created there:
#   1. rootless Podman: the fixture image (scripts/build-fixtures.sh), and two containers on a created network
#      that reach each other by name (netavark + aardvark-dns);
#   2. `npm ci` of this checkout on a machine with no compiler at all (node and npm are this host's, read-only:
#      the README asks for Node ≥ 20.19, which Debian 12 does not package), node-pty's prebuilt binary spawning
#      a PTY, and the built app's doctor on that host.
# Run as root; ~10 minutes and ~2 GB under BURROW_FRESH_DIR (default /var/cache/burrow-fresh-host). The new
# machine lives in private mount and PID namespaces, so its mounts and processes end with it, and the tree is
# removed at the end (BURROW_FRESH_KEEP=1 keeps it for a look; its logs are in var/log/burrow-fresh).
#
# --full-ci (or BURROW_FRESH_FULL_CI=1) runs CI itself instead: `CI=true bash .ci/run` as root, in a fresh
# `git clone` of this checkout's HEAD, on the untouched new machine (CI provisions it), guest suite included: the
# Debian 13 guest image is built there from scratch and booted under qemu TCG. ~30-40 minutes and ~10 GB. The
# network namespace is this host's, so the guest's SSH port is BURROW_GUEST_SSH_PORT (default 2250 here, not
# guest.sh's 2222, which someone on this machine may be using). Ends with CI's `tests:` line; exits with its code.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
DIR="${BURROW_FRESH_DIR:-/var/cache/burrow-fresh-host}"
root="$DIR/root"
TEST_USER=burrow-fresh

log() { printf '[fresh-host] %s\n' "$*" >&2; }
fail() {
  log "FAILED: $*"
  exit 1
}

# --- inside private mount and PID namespaces -----------------------------------------------------------------
# pivot_root, not chroot: the kernel refuses to create user namespaces (rootless Podman) in a chroot. The PID
# namespace makes this shell its init: when it exits, the kernel ends every process the new machine started.
inside() {
  mount --bind "$root" "$root"
  mount -t proc proc "$root/proc"
  mount --rbind /sys "$root/sys"
  mount --rbind /dev "$root/dev"
  mount -t tmpfs -o mode=755 tmpfs "$root/run"
  mkdir -p "$root/run/lock" "$root/opt/burrow/app"
  # What the machine gets from outside: the provisioning scripts, a clone's files (no node_modules), and this
  # host's node and npm, read-only, as the README's "Node.js ≥ 20.19 and npm" (Debian 12 packages Node 18).
  cp -a "$repo/scripts" "$root/opt/burrow/"
  git -c safe.directory="$repo" -C "$repo" ls-files -z | (cd "$repo" && xargs -0 cp --parents -t "$root/opt/burrow/app")
  local npm_dir
  npm_dir="$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")"
  mkdir -p "$root/usr/local/lib/node_modules/npm"
  touch "$root/usr/local/bin/node"
  mount --bind -o ro "$(command -v node)" "$root/usr/local/bin/node"
  mount --bind -o ro "$npm_dir" "$root/usr/local/lib/node_modules/npm"
  ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$root/usr/local/bin/npm"
  ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$root/usr/local/bin/npx"
  # The npm registry is reached through this network, whose TLS proxy this host trusts (npm's cafile): part of
  # the network, not of the machine, so npm ci on the new machine trusts it too.
  local cafile
  cafile="$(npm config get cafile 2>/dev/null || true)"
  if [ -f "$cafile" ]; then cp "$cafile" "$root/opt/burrow/network-ca.crt"; else : >"$root/opt/burrow/network-ca.crt"; fi
  if [ "$FULL_CI" = 1 ]; then
    # The port reaches .ci/run through its environment, the only way CI gets one (npm test passes
    # BURROW_GUEST_* on to the test user).
    printf '%s\n' "$GUEST_PORT" >"$root/opt/burrow/guest-ssh-port"
  fi
  cd "$root"
  mkdir -p .oldroot
  pivot_root . .oldroot
  cd /
  umount -l /.oldroot
  rmdir /.oldroot
  export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root
  local logs=/var/log/burrow-fresh
  mkdir -p "$logs"

  if [ "$FULL_CI" = 1 ]; then
    full_ci "$logs"
    return
  fi

  log "provisioning (scripts/provision-test-host.sh, as CI runs it)"
  BURROW_TEST_USER="$TEST_USER" bash /opt/burrow/scripts/provision-test-host.sh || fail "provisioning"
  log "provisioning again changes nothing"
  BURROW_TEST_USER="$TEST_USER" bash /opt/burrow/scripts/provision-test-host.sh | tee "$logs/second.log"
  grep -q 'nothing to change' "$logs/second.log" || fail "the second provisioning run changed something"

  local uid
  uid="$(id -u "$TEST_USER")"
  as_user() {
    (cd / && runuser -u "$TEST_USER" -- env -i PATH=/usr/local/bin:/usr/bin:/bin HOME="/home/$TEST_USER" \
      USER="$TEST_USER" XDG_RUNTIME_DIR="/run/user/$uid" LANG=C.UTF-8 "$@")
  }

  log "rootless Podman as $TEST_USER: network backend, fixture image, two containers by name"
  [ "$(as_user podman info --format '{{.Host.NetworkBackend}}')" = netavark ] || fail "the backend is not netavark"
  as_user bash /opt/burrow/scripts/build-fixtures.sh || fail "building the fixture image"
  as_user sh -c '
    set -e
    img=localhost/burrow-test/busybox:latest
    podman network create bt-fresh >/dev/null
    trap "podman rm -f -t 0 bt-fresh-srv >/dev/null 2>&1; podman network rm -f bt-fresh >/dev/null 2>&1" EXIT
    podman run -d --name bt-fresh-srv --network bt-fresh "$img" httpd -f -p 8080 -h /www >/dev/null
    podman run --rm --network bt-fresh "$img" sh -c \
      "for i in \$(seq 40); do wget -q -O - http://bt-fresh-srv:8080/index.html && exit 0; sleep 0.25; done; exit 1"
  ' | tee "$logs/by-name.log"
  grep -q 'hello from the burrow fixture' "$logs/by-name.log" || fail "containers did not reach each other by name"

  for c in cc gcc g++ c++ make; do
    ! command -v "$c" >/dev/null || fail "the new machine has $c, so it cannot show that no compiler is needed"
  done
  log "no cc, gcc, g++, c++ or make on the new machine; npm ci as $TEST_USER"
  local app="/home/$TEST_USER/burrow"
  cp -a /opt/burrow/app "$app"
  chown -R "$TEST_USER:" "$app"
  local ca=()
  [ -s /opt/burrow/network-ca.crt ] && ca=(npm_config_cafile=/opt/burrow/network-ca.crt)
  as_user env "${ca[@]}" sh -c "cd $app && ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm ci --no-audit --no-fund" || fail "npm ci"
  as_user sh -c "cd $app && node -e \"
    const p = require('@lydell/node-pty').spawn('sh', ['-c', 'echo pty-ok'], {});
    p.onData((d) => process.stdout.write(d));
    p.onExit((e) => process.exit(e.exitCode));
  \"" | tee "$logs/pty.log"
  grep -q pty-ok "$logs/pty.log" || fail "node-pty did not spawn a PTY"

  log "the built app's doctor on the new machine"
  as_user sh -c "cd $app && npm run --silent build >/dev/null && node scripts/start.mjs --doctor" | tee "$logs/doctor.log" || true
  grep -q '^\[ok  \] Container names on created networks' "$logs/doctor.log" ||
    fail "the doctor does not say that containers on created networks reach each other by name"
  log "OK: provisioning makes a new Debian 12 machine a rootless test host, and npm ci needs no compiler"
}

# CI exactly as a CI runner starts it: root, a clean environment with CI=true, in the clone's directory, on a
# machine nothing ran on before. Only the network's parts come from outside: the TLS proxy's CA for npm, and
# the guest's SSH port on this shared network namespace.
full_ci() {
  local logs="$1" port rc
  port="$(cat /opt/burrow/guest-ssh-port)"
  local ca=()
  [ -s /opt/burrow/network-ca.crt ] && ca=(npm_config_cafile=/opt/burrow/network-ca.crt)
  [ ! -e /var/cache/burrow-guest ] || fail "the new machine already has a guest image cache"
  log "CI=true bash .ci/run in /root/burrow ($(cat /opt/burrow/commit)), guest SSH port $port"
  set +e
  (cd /root/burrow && env -i PATH="$PATH" HOME=/root LANG=C.UTF-8 CI=true BURROW_GUEST_SSH_PORT="$port" \
    "${ca[@]}" bash .ci/run) 2>&1 | tee "$logs/ci.log"
  rc=${PIPESTATUS[0]}
  set -e
  log "CI's last line: $(grep '^tests: ' "$logs/ci.log" | tail -1 || echo '(no tests: line)')"
  log "CI exit code: $rc"
  # CI skips the guest suite (one skipped test) when the guest cannot be built or booted; here that is the
  # very thing to find out, so it fails the check.
  if grep -q '^guest suite: skipped' "$logs/ci.log"; then
    log "FAILED: CI skipped the guest suite: $(grep '^guest suite: skipped' "$logs/ci.log" | tail -1)"
    [ "$rc" != 0 ] || rc=1
  fi
  return "$rc"
}

if [ "${1:-}" = "--inside" ]; then
  FULL_CI="${BURROW_FRESH_FULL_CI:-0}"
  GUEST_PORT="${BURROW_GUEST_SSH_PORT:-2250}"
  inside
  exit $?
fi

FULL_CI="${BURROW_FRESH_FULL_CI:-0}"
case "${1:-}" in
  --full-ci) FULL_CI=1 ;;
  "") ;;
  *)
    echo "usage: $0 [--full-ci]" >&2
    exit 2
    ;;
esac

# --- outside: build the new machine, run the check in a private mount namespace, clean up -------------------
[ "$(id -u)" = 0 ] || fail "run as root (debootstrap, pivot_root)"
command -v debootstrap >/dev/null || fail "debootstrap is not installed (apt-get install debootstrap)"

cleanup() {
  # The new machine's mounts lived in the private namespace only, and its processes died with its PID
  # namespace: $root holds plain directories now.
  if findmnt -rn -o TARGET | grep -q "^$root"; then
    log "mounts under $root are still there: not removing it"
    return
  fi
  if [ "${BURROW_FRESH_KEEP:-0}" = 1 ]; then log "kept $root"; else rm -rf "$DIR"; fi
}
trap cleanup EXIT

rm -rf "$DIR"
mkdir -p "$DIR"
mirror="$(bash "$repo/scripts/guest/guest.sh" mirror)"
t0=$SECONDS
log "debootstrap --variant=minbase bookworm from $mirror"
debootstrap --variant=minbase bookworm "$root" "$mirror" >"$DIR/debootstrap.log" 2>&1 ||
  { tail -20 "$DIR/debootstrap.log" >&2; fail "debootstrap"; }
# The same apt sources as this machine (updates and security included), and no daemons started in a chroot.
if [ -f /etc/apt/sources.list.d/debian.sources ]; then
  cp /etc/apt/sources.list.d/debian.sources "$root/etc/apt/sources.list.d/"
  rm -f "$root/etc/apt/sources.list"
fi
cp /etc/resolv.conf "$root/etc/resolv.conf"
printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
chmod 755 "$root/usr/sbin/policy-rc.d"
log "new machine ready in $((SECONDS - t0)) s"

if [ "$FULL_CI" = 1 ]; then
  # A fresh clone of this checkout's HEAD (committed work only, as CI sees it), made with this host's git: the
  # new machine gets no git, so nothing the suite might need arrives with it.
  commit="$(git -c safe.directory="$repo" -C "$repo" rev-parse HEAD)"
  [ -z "$(git -c safe.directory="$repo" -C "$repo" status --porcelain)" ] ||
    log "the checkout has uncommitted changes: CI runs $commit without them"
  git -c safe.directory='*' clone -q --no-checkout "file://$repo" "$root/root/burrow"
  git -c safe.directory='*' -C "$root/root/burrow" checkout -q --detach "$commit"
  mkdir -p "$root/opt/burrow"
  echo "$commit" >"$root/opt/burrow/commit"
fi

rc=0
BURROW_FRESH_FULL_CI="$FULL_CI" BURROW_GUEST_SSH_PORT="${BURROW_GUEST_SSH_PORT:-2250}" \
  unshare --mount --pid --fork --propagation private bash "$0" --inside || rc=$?
log "done in $((SECONDS - t0)) s (exit $rc)"
exit "$rc"
