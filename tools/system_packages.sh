#!/usr/bin/env bash
# Install the Debian/Ubuntu packages Baijia needs, or print the exact command when we may not.
#   tools/system_packages.sh run    Qt's xcb libraries and fonts for Chinese and Uyghur
#   tools/system_packages.sh test   the above plus PDF tools (poppler) and a PostgreSQL server for the tests
set -euo pipefail
what=${1:-run}
pkgs=(libegl1 libgl1 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0
      libxcb-xinerama0 libxcb-randr0 libxcb-render-util0 libxcb-image0 libdbus-1-3 libfontconfig1
      fonts-noto-cjk fonts-wqy-microhei fonts-noto-core fonts-ukij-uyghur)
if [ "$what" = test ]; then
  pkgs+=(poppler-utils postgresql)
fi
if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "Not a Debian-family system: install Qt 6 runtime libraries and Chinese and Uyghur fonts yourself (see README)."
  exit 0
fi
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
elif sudo -n true 2>/dev/null; then
  sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "Baijia needs these system packages; please run:"
  echo "  sudo apt-get install ${missing[*]}"
  [ "$what" = test ] && exit 1
  exit 0
fi
