#!/usr/bin/env bash
# tools/format.sh: clang-format check and fix for C++ sources, and clang-tidy on demand.
#
#   tools/format.sh check [FILE...]   list files that differ from .clang-format (exit 1 if any)
#   tools/format.sh fix FILE...       rewrite the named files in place
#   tools/format.sh changed           check only the C++ files changed against git HEAD
#   tools/format.sh tidy BUILD FILE...  clang-tidy with .clang-tidy, using BUILD/compile_commands.json
#
# Without FILE, check covers every tracked .cc/.h under src/, tests/ and bench/; the test suite
# runs it (ctest format.check), so the tree stays clean: run `tools/format.sh fix FILE...` on what
# you change.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# The version is pinned: another clang-format release formats some constructs differently.
CLANG_FORMAT="${CLANG_FORMAT:-$(command -v clang-format-14 || echo clang-format)}"
mode="${1:-check}"
shift || true

cpp_files() { git ls-files 'src/*.cc' 'src/*.h' 'tests/*.cc' 'tests/*.h' 'bench/*.cc' 'bench/*.h'; }

check() {
  local bad=0
  for f in "$@"; do
    [[ -f "$f" ]] || continue
    if ! "$CLANG_FORMAT" --style=file "$f" | cmp -s "$f" -; then
      echo "$f: not clang-format clean (run: tools/format.sh fix $f)"
      bad=1
    fi
  done
  return $bad
}

case "$mode" in
  check)
    if [[ $# -eq 0 ]]; then mapfile -t files < <(cpp_files); else files=("$@"); fi
    check "${files[@]}"
    ;;
  changed)
    mapfile -t files < <(git diff --name-only HEAD -- 'src/*.cc' 'src/*.h' 'tests/*.cc' 'bench/*.cc';
                         git ls-files --others --exclude-standard 'src/*.cc' 'src/*.h' 'tests/*.cc')
    [[ ${#files[@]} -eq 0 ]] || check "${files[@]}"
    ;;
  fix)
    [[ $# -gt 0 ]] || { echo "usage: tools/format.sh fix FILE..." >&2; exit 2; }
    "$CLANG_FORMAT" --style=file -i "$@"
    ;;
  tidy)
    [[ $# -gt 1 ]] || { echo "usage: tools/format.sh tidy BUILD_DIR FILE..." >&2; exit 2; }
    build="$1"; shift
    [[ -f "$build/compile_commands.json" ]] ||
      { echo "$build/compile_commands.json missing: configure with -DCMAKE_EXPORT_COMPILE_COMMANDS=ON" >&2; exit 2; }
    clang-tidy -p "$build" --quiet "$@"
    ;;
  *) echo "usage: tools/format.sh check|changed|fix|tidy ..." >&2; exit 2 ;;
esac
