#!/usr/bin/env bash
# Installs the Debian 12 packages that kolroi builds on, when any of them is missing; with
# --fuzz, also clang and its sanitizer runtimes, which only the fuzz preset needs.
# Runs apt-get as root, or through sudo for another user.
set -euo pipefail

packages=(
    cmake ninja-build g++
    libeigen3-dev nlohmann-json3-dev libboost-math-dev
    doctest-dev libbenchmark-dev libcli11-dev libcpp-httplib-dev
)
for option in "$@"; do
    case "$option" in
        --fuzz) packages+=(clang libclang-rt-14-dev) ;;
        *)
            echo "install-deps.sh: unknown option '$option' (the only one is --fuzz)" >&2
            exit 2
            ;;
    esac
done

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
