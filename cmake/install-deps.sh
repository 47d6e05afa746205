#!/usr/bin/env bash
# Installs the Debian 12 packages that kolroi builds on, when any of them is missing.
# Runs apt-get as root, or through sudo for another user.
set -euo pipefail

packages=(
    cmake ninja-build g++
    libeigen3-dev nlohmann-json3-dev libboost-math-dev
    doctest-dev libbenchmark-dev libcli11-dev libcpp-httplib-dev
    clang libclang-rt-14-dev
)

missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
        missing+=("$package")
    fi
done

if [ "${#missing[@]}" -eq 0 ]; then
    exit 0
fi

as_root=()
if [ "$(id -u)" -ne 0 ]; then
    as_root=(sudo)
fi

echo "installing: ${missing[*]}"
"${as_root[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends \
    "${missing[@]}"
