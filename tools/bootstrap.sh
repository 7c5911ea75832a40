#!/usr/bin/env bash
# tools/bootstrap.sh: install what is missing (Debian 12 packages), build (Release), then run.
#
#   tools/bootstrap.sh demo   install, build, run `tradestat demo`
#   tools/bootstrap.sh test   install, build, run the whole test suite (unit, golden, browser), then
#                             build again with AddressSanitizer + UndefinedBehaviorSanitizer (Debug,
#                             DCHECKs on, in build-asan/) and run the whole suite there too
#                             (SANITIZE=0 skips that second pass), then runs each libFuzzer
#                             target for FUZZ_SECONDS (60, one per core at a time; tools/fuzz.sh,
#                             build-fuzz/)
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
  libcli11-dev libfmt-dev nlohmann-json3-dev
  libzstd-dev zlib1g-dev libxxhash-dev libxlsxwriter-dev libcpp-httplib-dev libtomlplusplus-dev
  libgtest-dev libgmock-dev iso-codes zstd gzip
  chromium fonts-noto-cjk
  clang-14 libclang-rt-14-dev  # libFuzzer for tests/fuzz/ (tools/fuzz.sh)
  clang-format-14  # the C++ style check (ctest format.check, tools/format.sh)
  python3 python3-dev pybind11-dev python3-pybind11 python3-pandas python3-pytest  # the Python package (docs/python.md)
  clickhouse-server clickhouse-client  # the ClickHouse backend test: a private 2-shard cluster (docs/scale-out.md)
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

# The sanitizer pass: a Debug build (asserts and TRADESTAT_DCHECK on) at -O1 so the suite stays
# quick, every target built with -fsanitize=address,undefined; any report fails the test.
ASAN_BUILD_DIR="${ASAN_BUILD_DIR:-$ROOT/build-asan}"
sanitizer_tests() {
  local launcher=()
  command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  echo "== sanitizer build (ASan + UBSan, Debug) in $ASAN_BUILD_DIR"
  cmake -S "$ROOT" -B "$ASAN_BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g" \
    -DTRADESTAT_SANITIZE=ON -DTRADESTAT_BUILD_BENCH=OFF "${launcher[@]}" >/dev/null
  cmake --build "$ASAN_BUILD_DIR" -j "$JOBS"
  # Python extension tests need the ASan runtime preloaded into the interpreter: Release only.
  # The ClickHouse cluster test spends its minutes in the two servers it starts, not in our
  # code, whose unit tests (src/clickhouse/*_test.cc) do run here: Release only too.
  (cd "$ASAN_BUILD_DIR" &&
    ASAN_OPTIONS=detect_leaks=0:abort_on_error=1:strict_string_checks=1 \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --output-on-failure -j "$JOBS" -E '^python|^clickhouse\.cluster$')
}

install_packages
build
case "$MODE" in
  demo) exec "$BUILD_DIR/src/cli/tradestat" demo ;;
  test)
    (cd "$BUILD_DIR" && ctest --output-on-failure -j "$JOBS")
    if [[ "${SANITIZE:-1}" != 0 ]]; then sanitizer_tests; fi
    # Each libFuzzer target for about a minute (FUZZ_SECONDS, default 60; 0 skips), one per core.
    if [[ "${FUZZ_SECONDS:-60}" != 0 ]]; then "$ROOT/tools/fuzz.sh" all "${FUZZ_SECONDS:-60}"; fi
    ;;
  build) ;;
  *) echo "usage: tools/bootstrap.sh demo|test|build" >&2; exit 2 ;;
esac
