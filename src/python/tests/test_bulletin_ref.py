# src/python/tests/test_bulletin_ref.py: Store.bulletin equals `tradestat bulletin`; reference lookups.
import json

import pandas as pd
import pytest

import tradestat as ts

BULLETIN = dict(dataset="prov", reporter="510000", period="2023H1", benchmark="nation", date="2023-07-19")
BULLETIN_ARGS = ["--dataset", "prov", "--reporter", "510000", "--period", "2023H1", "--benchmark", "nation",
                 "--date", "2023-07-19"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_bulletin_text_equals_cli(store, cli, lang):
    r = cli("bulletin", store.path, *BULLETIN_ARGS, "--lang", lang)
    assert r.returncode == 0, r.stderr
    text = store.bulletin(**BULLETIN, lang=lang)
    assert text == r.stdout
    assert len(text) > 200


def test_bulletin_html_and_dict(store, cli):
    page = store.bulletin(**BULLETIN, format="html")
    assert isinstance(page, ts.HtmlPage) and page._repr_html_() == page
    assert page == cli("bulletin", store.path, *BULLETIN_ARGS, "--format", "html").stdout
    d = store.bulletin(**BULLETIN, format="dict")
    assert d == json.loads(cli("bulletin", store.path, *BULLETIN_ARGS, "--format", "json").stdout)
    assert store.bulletin(**BULLETIN, format="md") == cli("bulletin", store.path, *BULLETIN_ARGS, "--format", "md").stdout


def test_bulletin_errors(store, cli):
    with pytest.raises(ts.BulletinError, match="--lang"):
        store.bulletin(**BULLETIN, lang="fr")
    with pytest.raises(ts.BulletinError) as err:
        store.bulletin(dataset="nosuch", reporter="510000", period="2023H1", benchmark="nation")
    r = cli("bulletin", store.path, "--dataset", "nosuch", "--reporter", "510000", "--period", "2023H1",
            "--benchmark", "nation")
    assert r.stderr == f"tradestat: {err.value}\n"
    with pytest.raises(ts.BulletinError):
        store.bulletin(**BULLETIN, format="pdf")
    with pytest.raises(TypeError):
        store.bulletin(**BULLETIN, colour="red")


def test_bulletin_issuer_option(store, cli):
    text = store.bulletin(**BULLETIN, issuer="Example Customs")
    assert "Example Customs" in text
    assert text == cli("bulletin", store.path, *BULLETIN_ARGS, "--issuer", "Example Customs").stdout


def test_groups_members_at_a_date_equal_cli(cli):
    df = ts.ref.groups("RCEP", at="2022-06")
    assert isinstance(df, pd.DataFrame)
    assert list(df.columns) == ["code", "name_en", "name_zh", "from", "to"]
    want = json.loads(cli("ref", "groups", "RCEP", "--at", "2022-06", "--json").stdout)
    assert list(df["code"]) == [m.get("code", m.get("partner")) for m in want["members"]]
    assert df.attrs["code"] == "RCEP" and df.attrs["at"] == want["at"]
    assert "CHN" in set(df["code"]) and "IDN" not in set(df["code"])  # Indonesia: from 2023-01-02
    assert "IDN" in ts.ref.members("RCEP", at="2023-06")


def test_group_list_countries_regions():
    groups = ts.ref.groups()
    assert {"ASEAN", "EU", "RCEP"} <= set(groups["code"])
    assert ts.ref.country("CN")["code"] == "CHN"
    assert ts.ref.country("customs:116")["code"] == "JPN"
    assert "KOR" in set(ts.ref.countries(search="korea")["code"])
    assert ts.ref.region("510600")["province"] == "510000"
    assert "510000" in set(ts.ref.regions(search="sichuan")["code"])
    assert len(ts.ref.region_groups()) > 0


def test_reference_errors():
    with pytest.raises(ts.ReferenceError, match="unknown partner group"):
        ts.ref.groups("NOSUCH")
    with pytest.raises(ts.ReferenceError, match="--at"):
        ts.ref.groups("EU", at="2022")
    with pytest.raises(ts.ReferenceError):
        ts.ref.country("not a country")
    assert issubclass(ts.ReferenceError, ts.Error)


def test_store_reference_lookups(store):
    assert "EU" in set(store.ref.groups()["code"])
