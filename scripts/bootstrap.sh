#!/usr/bin/env bash
# Installs what lawlist needs from Debian 12 packages (only what is missing), then configures and
# builds it in build/ on every core: the targets named as arguments (scripts/demo.sh: lawlist),
# else everything. Used by the two quick-start commands; safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(g++ cmake make pkg-config libcli11-dev libyaml-dev libopencc-dev libsqlite3-dev
          libboost-graph-dev libgtest-dev libgmock-dev nlohmann-json3-dev
          libfmt-dev libssl-dev liborcus-dev libicu-dev libxlsxwriter-dev libmimalloc-dev chromium graphviz
          python3-openpyxl python3-xlsxwriter python3-jieba sqlite3)
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
updated=""
if [ ${#missing[@]} -gt 0 ]; then
  echo "bootstrap: installing ${missing[*]}" >&2
  $sudo apt-get update -qq
  updated="yes"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

# valijson is header-only, but Debian's libvalijson-dev depends on Qt5, Poco and more that it
# never uses here: unpack just its headers into .deps/ instead of installing it.
if [ ! -f .deps/valijson/usr/include/valijson/validator.hpp ] &&
   [ ! -f /usr/include/valijson/validator.hpp ]; then
  echo "bootstrap: unpacking valijson headers into .deps/valijson" >&2
  if [ -z "$updated" ] && ! apt-cache show libvalijson-dev >/dev/null 2>&1; then
    $sudo apt-get update -qq
  fi
  work=$(mktemp -d)
  chmod 755 "$work"
  (cd "$work" && apt-get download -qq libvalijson-dev 2>/dev/null)
  mkdir -p .deps/valijson
  dpkg-deb -x "$work"/libvalijson-dev_*.deb .deps/valijson
  rm -rf "$work"
fi

cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
targets=()
for target in "$@"; do targets+=(--target "$target"); done
cmake --build build -j"$(nproc)" "${targets[@]}" >&2
