#!/usr/bin/env bash
# Installs what the tests and the demo need, idempotently and only when missing:
# Debian packages (as root), npm dependencies, then builds. Called by `npm test` and `npm start`.
set -euo pipefail
cd "$(dirname "$0")/../.."

APT_PACKAGES=(neovim chromium libkrb5-dev libxkbfile-dev libsecret-1-dev pkg-config ripgrep fonts-dejavu-core fonts-noto-color-emoji)
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "setup: installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -y >/dev/null
    apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "setup: missing Debian packages (install them as root): ${missing[*]}" >&2
  fi
fi

# npm dependencies: install when node_modules is absent or older than the lock file.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund
fi
