# src/python/tests/run_pytest.py: pytest for CTest that cannot pass by running nothing.
#
# usage: run_pytest.py --min-tests N [pytest args...]. Fails (exit 1) when pytest fails, collects
# no tests (pytest's exit 5), runs fewer than N tests, or skips any: a missing module or fixture
# must show up as a failure, not as a quiet green line.
import sys

import pytest


class Counter:
    def __init__(self):
        self.passed = 0
        self.skipped = 0

    def pytest_runtest_logreport(self, report):
        if report.when == "call" and report.passed:
            self.passed += 1
        if report.skipped:
            self.skipped += 1


def main(argv):
    if len(argv) < 2 or argv[0] != "--min-tests":
        print("usage: run_pytest.py --min-tests N [pytest args...]", file=sys.stderr)
        return 2
    minimum = int(argv[1])
    counter = Counter()
    code = pytest.main(argv[2:], plugins=[counter])
    if code != 0:
        print(f"run_pytest: pytest exited with {int(code)}", file=sys.stderr)
        return 1
    if counter.skipped:
        print(f"run_pytest: {counter.skipped} tests skipped; every test must run", file=sys.stderr)
        return 1
    if counter.passed < minimum:
        print(f"run_pytest: only {counter.passed} tests passed, expected at least {minimum}", file=sys.stderr)
        return 1
    print(f"run_pytest: {counter.passed} tests passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
