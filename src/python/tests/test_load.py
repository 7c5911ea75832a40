# src/python/tests/test_load.py: Store.load: reports, dry runs, refused files leave the store unchanged.
import os

import pytest

import tradestat as ts
from conftest import HEADER, write_province_csv


def manifest_bytes(store):
    with open(os.path.join(store.path, "MANIFEST"), "rb") as f:
        return f.read()


def test_load_reports_rows_periods_and_vintage(tmp_path):
    csv = write_province_csv(tmp_path / "p.csv", seed=3, rows=200)
    s = ts.init(tmp_path / "store")
    report = s.load([csv], dataset="prov")
    assert report["rows"] == 200
    assert report["vintage"] == 1
    assert report["periods"][0] == "2022-01" and report["periods"][-1] == "2023-12"
    assert report["currencies"] == ["CNY", "USD"]
    assert report["files"][0]["name"] == str(csv)
    assert s.datasets() == ["prov"]
    info = s.info()
    assert info["datasets"][0]["name"] == "prov" and info["datasets"][0]["rows"] == 200


def test_info_equals_cli_info_json(store, cli):
    import decimal, json
    assert store.info() == json.loads(cli("info", store.path, "--json").stdout, parse_float=decimal.Decimal)


def test_dry_run_writes_nothing(tmp_path):
    csv = write_province_csv(tmp_path / "p.csv", seed=4, rows=50)
    s = ts.init(tmp_path / "store")
    before = manifest_bytes(s)
    report = s.load(csv, dataset="prov", dry_run=True)
    assert report["rows"] == 50 and report["dry_run"]
    assert manifest_bytes(s) == before
    assert s.datasets() == []


def test_refused_file_raises_load_error_with_cli_message_and_store_unchanged(tmp_path, cli):
    good = write_province_csv(tmp_path / "good.csv", seed=5, rows=100)
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "2023-01,X,510100,USA,85076000,0110,PRIVATE,10.00,1.00\n"
                   "2023-02,X,510100,USA,85076000,0110,PRIVATE,12.345,1.00\n")
    s = ts.init(tmp_path / "store")
    s.load(good, dataset="prov")
    before_manifest, before_info = manifest_bytes(s), s.info()
    before_total = s.query_json(period="2023", dataset="prov")

    with pytest.raises(ts.LoadError) as err:
        s.load([bad], dataset="prov")
    cli_run = cli("load", s.path, "--dataset", "prov", bad)
    assert cli_run.returncode != 0
    assert f"{bad}:3:" in str(err.value)
    assert "value_cny" in str(err.value)
    assert cli_run.stderr == f"tradestat: {err.value}\n"  # the CLI's message, word for word
    assert err.value.code in ("parse", "invalid_argument")  # the status kind travels along
    assert isinstance(err.value, ts.Error)

    assert manifest_bytes(s) == before_manifest
    assert s.info() == before_info
    assert s.query_json(period="2023", dataset="prov") == before_total


def test_same_content_twice_is_refused_unless_replace(tmp_path):
    csv = write_province_csv(tmp_path / "p.csv", seed=6, rows=80)
    s = ts.init(tmp_path / "store")
    s.load(csv, dataset="prov")
    with pytest.raises(ts.LoadError):
        s.load(csv, dataset="prov")
    report = s.load(csv, dataset="prov", replace=True)
    assert report["vintage"] == 2


def test_unknown_format_and_missing_file(tmp_path):
    s = ts.init(tmp_path / "store")
    with pytest.raises(ts.LoadError, match="format"):
        s.load(tmp_path / "x.csv", dataset="d", format="xml")
    with pytest.raises(ts.LoadError, match="nothere.csv"):
        s.load(tmp_path / "nothere.csv", dataset="d")


def test_load_from_python_is_seen_by_the_cli_and_the_other_way(tmp_path, cli):
    s = ts.init(tmp_path / "store")
    s.load(write_province_csv(tmp_path / "a.csv", seed=8, rows=60), dataset="a")
    r = cli("load", s.path, "--dataset", "b", "--quiet", write_province_csv(tmp_path / "b.csv", seed=9, rows=60))
    assert r.returncode == 0, r.stderr
    assert s.datasets() == ["a", "b"]  # reopened itself: the MANIFEST changed
    assert cli("query", s.path, "--dataset", "a", "--period", "2023", "--format", "json").stdout == \
        s.query_json(period="2023", dataset="a")


def test_init_and_open_errors(tmp_path):
    with pytest.raises(ts.StoreError):
        ts.open(tmp_path / "no-store-here")
    s = ts.init(tmp_path / "store")
    with pytest.raises(ts.StoreError):
        ts.init(s.path)  # an existing store is not an empty directory
