#!/usr/bin/env bash
# System packages the test suite needs, installed with apt-get when missing (CI runs as root).
# One package per line: keep additions trivially mergeable.
set -euo pipefail
PACKAGES=(
  chromium        # tests/test_serve_browser.py drives Debian's chromium through Playwright (no browser download)
  fonts-noto-cjk  # CJK glyphs for the browser tests' screenshots
  postgresql      # tests start a real PostgreSQL server (tests/pg.py): initdb, pg_ctl
)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "installing system packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q "${missing[@]}"
fi
