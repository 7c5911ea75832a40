# src/python/tests/conftest.py: fixtures for the tradestat Python tests: a generated store, the CLI.
#
# TRADESTAT_BINARY (set by CTest, src/python/CMakeLists.txt) is the `tradestat` binary the results
# are compared with; PYTHONPATH points at build/python.
import os
import random
import subprocess

import pytest

import tradestat as ts

REPORTERS = ["510100", "510300", "510600", "511000"]
PARTNERS = ["USA", "VNM", "DEU", "JPN", "KOR", "IDN", "MYS", "THA", "GBR", "FRA", "AUS", "BRA", "ZZZ"]
COMMODITIES = ["85076000", "84713000", "26011100", "64039900", "87032300", "10063000", "85423100"]
MODES = ["0110", "0615", "1233"]
ENTERPRISES = ["PRIVATE", "SOE", "FIE"]
HEADER = "period,flow,reporter,partner,commodity,trade_mode,enterprise_type,value_cny,value_usd\n"


def months():
    return [f"{y}-{m:02d}" for y in (2022, 2023) for m in range(1, 13)]


def write_province_csv(path, seed=7, rows=3000):
    """Deterministic canonical CSV: 2022-01..2023-12, four prefectures, a dozen partners."""
    rnd = random.Random(seed)
    lines = [HEADER]
    for _ in range(rows):
        cny = rnd.randrange(1, 50_000_000_00)
        lines.append(",".join([rnd.choice(months()), rnd.choice("XM"), rnd.choice(REPORTERS), rnd.choice(PARTNERS),
                               rnd.choice(COMMODITIES), rnd.choice(MODES), rnd.choice(ENTERPRISES),
                               f"{cny // 100}.{cny % 100:02d}", f"{cny // 700}.{cny % 100:02d}"]) + "\n")
    path.write_text("".join(lines))
    return path


def write_national_csv(path, seed=11, rows=800):
    rnd = random.Random(seed)
    lines = [HEADER]
    for _ in range(rows):
        cny = rnd.randrange(1, 900_000_000_00)
        lines.append(",".join([rnd.choice(months()), rnd.choice("XM"), "CHN", rnd.choice(PARTNERS),
                               rnd.choice(COMMODITIES), rnd.choice(MODES), rnd.choice(ENTERPRISES),
                               f"{cny // 100}.{cny % 100:02d}", f"{cny // 700}.{cny % 100:02d}"]) + "\n")
    path.write_text("".join(lines))
    return path


@pytest.fixture(scope="session")
def cli_binary():
    path = os.environ.get("TRADESTAT_BINARY")
    if not path or not os.access(path, os.X_OK):
        pytest.fail("TRADESTAT_BINARY must name the tradestat binary (CTest sets it)")
    return path


@pytest.fixture(scope="session")
def cli(cli_binary):
    """Run `tradestat ARGS...`; returns the CompletedProcess (text)."""

    def run(*args, cwd=None):
        return subprocess.run([cli_binary, *map(str, args)], capture_output=True, text=True, cwd=cwd)

    return run


@pytest.fixture(scope="session")
def data_dir(tmp_path_factory):
    d = tmp_path_factory.mktemp("data")
    write_province_csv(d / "prov.csv")
    write_national_csv(d / "nation.csv")
    return d


@pytest.fixture(scope="session")
def store(tmp_path_factory, data_dir):
    """A store with datasets `prov` (four prefectures) and `nation` (the benchmark), loaded from Python."""
    path = tmp_path_factory.mktemp("stores") / "store"
    s = ts.init(path)
    s.load([data_dir / "prov.csv"], dataset="prov")
    s.load(data_dir / "nation.csv", dataset="nation")
    return s
