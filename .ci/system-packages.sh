#!/usr/bin/env bash
# System packages the test suite needs, installed with apt-get when missing (CI runs as root).
#   chromium, fonts-noto-cjk: tests/test_serve_browser.py drives Debian's chromium through Playwright
#   (no browser download); the CJK fonts make the screenshots readable.
set -euo pipefail
PACKAGES=(
  chromium
  fonts-noto-cjk
)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "installing system packages: ${missing[*]}"
  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
fi
