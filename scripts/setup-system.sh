#!/usr/bin/env bash
# Installs the Debian packages xiaoan needs to run and be tested: Qt's runtime
# libraries (offscreen and xcb under Xvfb), a TrueType CJK font, poppler (PDF
# checks), age (bundle interop), and python3-venv where the system Python lacks it.
# Idempotent and quick when everything is present. Needs root only to install.
set -euo pipefail

packages=(
  # Qt offscreen
  libglib2.0-0 libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3
  # Qt on xcb under Xvfb (real windows for screenshots)
  libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
  libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xfixes0 libxcb-xkb1
  libx11-xcb1 libxcb-glx0 xvfb xauth x11-apps
  # Chinese text
  fonts-wqy-microhei
  # PDF and bundle interop checks
  poppler-utils age zstd
)

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "setup-system: not a Debian-family system; install the equivalents of: ${packages[*]}" >&2
  exit 0
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
PY=${PYTHON:-python3}
if ! "$PY" -c 'import venv, ensurepip' >/dev/null 2>&1; then
  missing+=(python3-venv)
fi

[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "setup-system: missing Debian packages: ${missing[*]}" >&2
  echo "setup-system: run as root, or: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
echo "setup-system: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
