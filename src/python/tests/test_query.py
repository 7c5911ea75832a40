# src/python/tests/test_query.py: Store.query equals `tradestat query --format json`, value for value.
import decimal
import json
import math
import threading

import pandas as pd
import pytest

import tradestat as ts
from conftest import HEADER

# (python keyword arguments, the same request as CLI arguments after STORE)
CASES = [
    (dict(dataset="prov", period="2023H1"), ["--dataset", "prov", "--period", "2023H1"]),
    (dict(dataset="prov", period="2023H1", by="partner"), ["--dataset", "prov", "--period", "2023H1", "--by", "partner"]),
    (dict(dataset="prov", period="2023H1", by="partner", units=["ASEAN", "EU"], top=5),
     ["--dataset", "prov", "--period", "2023H1", "--by", "partner", "--units", "ASEAN", "--units", "EU", "--top", "5"]),
    (dict(dataset="prov", period="2023-06:ytd", by=["reporter", "flow"], lang="zh"),
     ["--dataset", "prov", "--period", "2023-06:ytd", "--by", "reporter", "--by", "flow", "--lang", "zh"]),
    (dict(dataset="prov", period="2023Q2", reporter="510100", flow="X", by="hs4", where="partner_group=ASEAN"),
     ["--dataset", "prov", "--period", "2023Q2", "--reporter", "510100", "--flow", "X", "--by", "hs4",
      "--where", "partner_group=ASEAN"]),
    (dict(dataset="prov", period="2023", compare="prev", currency="USD", by="trade_mode_class", sort="growth_pct:asc"),
     ["--dataset", "prov", "--period", "2023", "--compare", "prev", "--currency", "USD", "--by", "trade_mode_class",
      "--sort", "growth_pct:asc"]),
    (dict(dataset="prov", period="2023H1", by="reporter", benchmark="nation"),
     ["--dataset", "prov", "--period", "2023H1", "--by", "reporter", "--benchmark", "nation"]),
    (dict(dataset="prov", period="2023-03", compare="none", by="partner_group", where=["flow=M"] if False else None),
     ["--dataset", "prov", "--period", "2023-03", "--compare", "none", "--by", "partner_group"]),
]


def cli_json(cli, store, args):
    r = cli("query", store.path, *args, "--format", "json")
    assert r.returncode == 0, r.stderr
    return r.stdout


@pytest.mark.parametrize("kw,args", CASES, ids=[str(i) for i in range(len(CASES))])
def test_query_json_is_the_clis_bytes(store, cli, kw, args):
    assert store.query_json(**kw) == cli_json(cli, store, args)


@pytest.mark.parametrize("kw,args", CASES, ids=[str(i) for i in range(len(CASES))])
def test_dataframe_equals_cli_json_value_for_value(store, cli, kw, args):
    expected = json.loads(cli_json(cli, store, args), parse_float=decimal.Decimal)
    df = store.query(**kw)
    assert isinstance(df, pd.DataFrame)
    rows = expected["rows"]
    assert len(df) == len(rows)
    if rows:
        assert list(df.columns) == list(rows[0].keys())
    for i, row in enumerate(rows):
        for key, want in row.items():
            got = df[key].iloc[i]
            if got is pd.NA or want is None:
                assert want is None and (got is None or got is pd.NA or (isinstance(got, float) and math.isnan(got))), (i, key)
            elif key in ("value", "value_prev", "exports", "imports", "balance"):
                assert isinstance(got, decimal.Decimal) and got == want, (i, key, got, want)
            elif key.endswith("_pct") or key.endswith("_pp"):
                assert isinstance(got, float) and got == float(want), (i, key)
            else:
                assert got == want, (i, key, got, want)
    for key in ("scope", "share_base", "benchmark", "period", "compare", "currency", "flow", "rows_total", "sort"):
        assert key in df.attrs
    total = df.attrs["total"]
    assert total["value"] == expected["total"]["value"]
    assert isinstance(total["value"], decimal.Decimal)
    if expected["total"].get("growth_pct") is not None:
        assert total["growth_pct"] == float(expected["total"]["growth_pct"])
    sb = df.attrs["share_base"]["total"]
    assert sb["value"] == expected["share_base"]["total"]["value"]
    assert df.attrs["scope"] == json.loads(json.dumps(expected["scope"]))


def test_benchmark_in_attrs(store):
    df = store.query(dataset="prov", period="2023H1", benchmark="nation")
    b = df.attrs["benchmark"]
    assert b["dataset"] == "nation"
    assert isinstance(b["value"], decimal.Decimal) and isinstance(b["growth_pct"], float)


def test_repr_html_shows_scope_and_table(store):
    df = store.query(dataset="prov", period="2023H1", by="partner", top=3)
    page = df._repr_html_()
    assert "tradestat query" in page and "2023H1" in page and "<table" in page
    assert isinstance(df.head(2), ts.QueryFrame)


def test_exact_money_for_sums_beyond_int64(tmp_path, cli):
    # Each row near 2^61 fen; seven of them exceed 2^63 (int64) and are far beyond a double's 53 bits.
    values = ["23058430092136939.51", "23058430092136939.47", "19999999999999999.99", "23058430092136939.03",
              "23058430092136939.11", "23058430092136939.99", "23058430092136939.01"]
    csv = tmp_path / "big.csv"
    csv.write_text(HEADER + "".join(
        f"2023-0{i + 1},X,510100,{'USA' if i % 2 else 'VNM'},85076000,0110,PRIVATE,{v},1.00\n"
        for i, v in enumerate(values)))
    s = ts.init(tmp_path / "store")
    s.load(csv, dataset="big")
    exact = sum(decimal.Decimal(v) for v in values)
    assert exact * 100 > 2 ** 63
    df = s.query(dataset="big", period="2023-01..2023-07", by="partner", compare="none")
    assert df.attrs["total"]["value"] == exact
    assert sum(df["value"]) == exact
    assert all(isinstance(v, decimal.Decimal) for v in df["value"])
    assert float(exact) != exact  # a float could not have carried it
    cli_total = json.loads(cli("query", s.path, "--dataset", "big", "--period", "2023-01..2023-07", "--compare",
                               "none", "--format", "json").stdout, parse_float=decimal.Decimal)["total"]["value"]
    assert cli_total == exact


def test_query_errors_are_query_errors_with_cli_messages(store, cli):
    with pytest.raises(ts.QueryError) as err:
        store.query(dataset="prov", period="2023H3")
    r = cli("query", store.path, "--dataset", "prov", "--period", "2023H3", "--format", "json")
    assert r.returncode != 0 and r.stderr == f"tradestat: {err.value}\n"
    assert err.value.code == "invalid_argument"

    with pytest.raises(ts.QueryError) as err:
        store.query(dataset="nosuch", period="2023")
    assert err.value.code == "not_found" and "nosuch" in str(err.value)

    with pytest.raises(ts.QueryError, match="--by"):
        store.query(dataset="prov", period="2023", by="colour")
    with pytest.raises(ts.QueryError, match="--top"):
        store.query(dataset="prov", period="2023", top=-1)
    with pytest.raises(TypeError):
        store.query(dataset="prov", period="2023", colour="red")
    with pytest.raises(TypeError):
        store.query(dataset="prov", period=2023)
    assert issubclass(ts.QueryError, ts.Error) and issubclass(ts.LoadError, ts.Error)


def test_queries_run_in_parallel_threads(store):
    # The GIL is released while the engine works: threads do not corrupt each other's answers.
    expected = store.query_json(dataset="prov", period="2023", by="partner")
    out = []
    threads = [threading.Thread(target=lambda: out.append(store.query_json(dataset="prov", period="2023", by="partner")))
               for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert out == [expected] * 4


def test_empty_result_has_columns(store):
    df = store.query(dataset="prov", period="2023-01", by="partner", where="partner=BRA", reporter="511000", flow="M",
                     compare="none")
    assert "value" in df.columns and "partner" in df.columns
