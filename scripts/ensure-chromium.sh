#!/usr/bin/env bash
# Make sure a headless-capable Chromium is on this machine, for the browser tests, and the
# Vulkan loader (libvulkan1) for WebGPU through Dawn in Node: Chromium's package ships
# SwiftShader's Vulkan driver (vk_swiftshader_icd.json), the software GPU the WebGPU tests of
# @lrkit/backends run on where there is no real GPU.
#
# Uses Debian's `chromium` package (never a browser download by a test tool: those fail on
# machines that only reach the npm and Debian registries). Prints the executable's path on
# stdout, everything else on stderr, so callers can do
#   CHROMIUM_PATH="$(bash scripts/ensure-chromium.sh)"
# An existing CHROMIUM_PATH (or /usr/bin/chromium) is used as is.
set -euo pipefail

path="${CHROMIUM_PATH:-/usr/bin/chromium}"
has_vulkan_loader() { ldconfig -p 2>/dev/null | grep -q 'libvulkan\.so\.1'; }
if [ -x "$path" ] && has_vulkan_loader; then
  echo "$path"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: $path is missing and apt-get is not available;" >&2
  echo "  install Chromium and set CHROMIUM_PATH to its executable." >&2
  exit 1
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "ensure-chromium: need root (or sudo) to apt-get install chromium" >&2
    exit 1
  fi
fi

echo "ensure-chromium: installing Debian's chromium and libvulkan1 with apt-get" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >&2
$sudo apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core libvulkan1 >&2

if [ -x "$path" ]; then
  echo "$path"
  exit 0
fi
if [ ! -x /usr/bin/chromium ]; then
  echo "ensure-chromium: apt-get finished but /usr/bin/chromium is missing" >&2
  exit 1
fi
echo /usr/bin/chromium
