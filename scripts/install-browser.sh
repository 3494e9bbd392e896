#!/usr/bin/env bash
# Debian's Chromium for the browser tests: Playwright drives it at
# /usr/bin/chromium, since browsers cannot be downloaded here. Needs root (or
# sudo) the first time; does nothing once Chromium is installed.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
    exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
    run=()
elif command -v sudo >/dev/null; then
    run=(sudo)
else
    echo "install-browser: not root and no sudo; browser tests will skip (apt-get install chromium)" >&2
    exit 0
fi
"${run[@]}" apt-get update -q
DEBIAN_FRONTEND=noninteractive "${run[@]}" apt-get install -y -q chromium
