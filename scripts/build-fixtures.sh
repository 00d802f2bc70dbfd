#!/usr/bin/env bash
# Build Burrow's test fixture images locally, never from the internet:
#   localhost/burrow-test/busybox:latest           FROM scratch + Debian's busybox-static, users root and app:1001
#   localhost/burrow-test/busybox-user1001:latest  the same with USER 1001 (the classic bind-mount case)
# Run as the unprivileged test user. Rebuilds only when the recipe (this file) or busybox changed: the images
# carry a label with the recipe's hash.
set -euo pipefail

if [ "$(id -u)" -eq 0 ]; then
  echo "build-fixtures: run this as the unprivileged test user, not root (rootless images)" >&2
  exit 1
fi
BUSYBOX="${BUSYBOX:-/bin/busybox}"
if [ ! -x "$BUSYBOX" ]; then
  echo "build-fixtures: $BUSYBOX not found: install Debian's busybox-static" >&2
  exit 1
fi

BASE=localhost/burrow-test/busybox:latest
USER1001=localhost/burrow-test/busybox-user1001:latest
recipe_hash="$( (cat "$0"; sha256sum "$BUSYBOX") | sha256sum | cut -c1-16)"

current_hash() {
  podman image inspect --format '{{ index .Labels "io.burrow.fixture.recipe" }}' "$1" 2>/dev/null || true
}

if [ "$(current_hash "$BASE")" = "$recipe_hash" ] && [ "$(current_hash "$USER1001")" = "$recipe_hash" ]; then
  echo "build-fixtures: fixtures are up to date ($recipe_hash)"
  exit 0
fi

ctx="$(mktemp -d)"
trap 'rm -rf "$ctx"' EXIT
# mktemp makes 0700 directories; keep-id containers would then fail with "stat /bin/sh: permission denied".
chmod 755 "$ctx"
cp "$BUSYBOX" "$ctx/busybox"
cat >"$ctx/passwd" <<'EOF'
root:x:0:0:root:/root:/bin/sh
app:x:1001:1001:app:/home/app:/bin/sh
nobody:x:65534:65534:nobody:/nonexistent:/bin/false
EOF
cat >"$ctx/group" <<'EOF'
root:x:0:
app:x:1001:
nogroup:x:65534:
EOF
cat >"$ctx/index.html" <<'EOF'
<!doctype html><title>burrow fixture</title><p>hello from the burrow fixture</p>
EOF
cat >"$ctx/Containerfile" <<EOF
FROM scratch
COPY busybox /bin/busybox
RUN ["/bin/busybox", "--install", "-s", "/bin"]
COPY passwd group /etc/
COPY index.html /www/index.html
RUN mkdir -p /tmp /root /home/app /data && chmod 1777 /tmp && chown 1001:1001 /home/app /data
LABEL io.burrow.fixture.recipe="$recipe_hash"
CMD ["/bin/sh"]
EOF
podman build --quiet --layers=false -t "$BASE" -f "$ctx/Containerfile" "$ctx" >/dev/null

cat >"$ctx/Containerfile.user" <<EOF
FROM $BASE
USER 1001
WORKDIR /home/app
LABEL io.burrow.fixture.recipe="$recipe_hash"
EOF
podman build --quiet --layers=false -t "$USER1001" -f "$ctx/Containerfile.user" "$ctx" >/dev/null
# Old builds of the fixtures leave dangling images behind; remove only those that are ours.
podman image prune -f --filter label=io.burrow.fixture.recipe >/dev/null 2>&1 || true
echo "build-fixtures: built $BASE and $USER1001 ($recipe_hash)"
