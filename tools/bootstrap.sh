#!/usr/bin/env bash
# tools/bootstrap.sh: install what is missing (Debian 12 packages), build (Release), then run.
#
#   tools/bootstrap.sh demo   install, build, run `tradestat demo`
#   tools/bootstrap.sh test   install, build, run the whole test suite (unit, golden, browser)
#   tools/bootstrap.sh build  install and build only
#
# Idempotent: packages already installed are not touched; the build directory is reused.
# BUILD_DIR (default ./build) and JOBS (default: all cores) may be set in the environment.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${BUILD_DIR:-$ROOT/build}"
JOBS="${JOBS:-$(nproc)}"
MODE="${1:-build}"

PACKAGES=(
  g++ cmake ninja-build pkg-config ccache
  libcli11-dev libfmt-dev nlohmann-json3-dev libsimdjson-dev libfast-float-dev
  libzstd-dev zlib1g-dev libxxhash-dev libxlsxwriter-dev libcpp-httplib-dev libtomlplusplus-dev
  libgtest-dev libgmock-dev libbenchmark-dev iso-codes zstd gzip
  chromium fonts-noto-cjk
)

# Tools that may come from elsewhere than Debian (e.g. a nodesource nodejs that bundles npm):
# install the Debian packages only when the command itself is missing.
COMMANDS=(
  "node:nodejs"
  "npm:npm"
)

install_packages() {
  local missing=()
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  for entry in "${COMMANDS[@]}"; do
    command -v "${entry%%:*}" >/dev/null 2>&1 || missing+=("${entry#*:}")
  done
  if ((${#missing[@]})); then
    echo "== installing: ${missing[*]}"
    local sudo=""
    [[ $(id -u) -ne 0 ]] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
}

build() {
  local launcher=()
  command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release "${launcher[@]}" >/dev/null
  cmake --build "$BUILD_DIR" -j "$JOBS"
}

install_packages
build
case "$MODE" in
  demo) exec "$BUILD_DIR/src/cli/tradestat" demo ;;
  test) cd "$BUILD_DIR" && exec ctest --output-on-failure -j "$JOBS" ;;
  build) ;;
  *) echo "usage: tools/bootstrap.sh demo|test|build" >&2; exit 2 ;;
esac
