#!/usr/bin/env bash
# Refresh the front-end libraries copied into static/vendor/.
# Ensemble must run on a laptop hotspot with no internet: no CDN at runtime, so the browser
# files are committed. This script fetches the pinned release from the npm registry
# (`npm pack` checks the registry's integrity hash) and copies the files unmodified.
# Usage: scripts/vendor.sh   (needs npm and network access; then review and commit the diff)
set -euo pipefail

SOCKET_IO_CLIENT_VERSION="4.8.1"  # Socket.IO protocol v5, matches python-socketio 5.x

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

tarball="$(cd "$tmp" && npm pack --silent "socket.io-client@${SOCKET_IO_CLIENT_VERSION}")"
tar -xzf "$tmp/$tarball" -C "$tmp"

dest="$root/static/vendor/socket.io"
mkdir -p "$dest"
cp "$tmp/package/dist/socket.io.min.js" "$dest/socket.io.min.js"
cp "$tmp/package/LICENSE" "$dest/LICENSE"
echo "$SOCKET_IO_CLIENT_VERSION" > "$dest/VERSION"

echo "socket.io-client ${SOCKET_IO_CLIENT_VERSION} -> ${dest#"$root"/}"
