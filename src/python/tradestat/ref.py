# tradestat/ref.py: reference lookups (partner groups, countries, regions) as DataFrames.
#
#   ts.ref.groups()                       every group: code, names, member count, source
#   ts.ref.groups("RCEP", at="2022-06")   the members in force at the end of that month
#   ts.ref.countries(search="korea"), ts.ref.country("KR"), ts.ref.country("customs:116")
#   ts.ref.regions(search="sichuan"), ts.ref.region("510100"), ts.ref.region_groups()
#
# Module-level functions use the built-in data; Store.ref adds the files registered in a store
# (`tradestat ref groups import`). Same fields and messages as `tradestat ref ... --json`.
import pandas as pd

from . import _tradestat


class Reference:
    """Lookups over one set of reference data."""

    def __init__(self, native):
        self._r = native

    def groups(self, code=None, at=None, search=None):
        """Without code: one row per group. With code: its members (code, names, from, to);
        at="YYYY-MM" keeps the members in force at the end of that month. Group facts in attrs."""
        if code is None:
            rows = self._r.groups(search or "", at or "")
            return pd.DataFrame(rows, columns=["code", "name_en", "name_zh", "members", "source"])
        g = self._r.group(code, at or "")
        df = pd.DataFrame(g["members"], columns=["code", "name_en", "name_zh", "from", "to"])
        df.attrs.update({k: v for k, v in g.items() if k != "members"})
        return df

    def members(self, code, at=None):
        """Member partner codes of a group (at the end of month `at`, or every membership row)."""
        return list(self.groups(code, at=at)["code"])

    def countries(self, search=None):
        cols = ["code", "alpha2", "numeric", "name_en", "name_zh", "kind", "is_special", "customs_codes",
                "comtrade_code"]
        return pd.DataFrame(self._r.countries(search or ""), columns=cols)

    def country(self, item):
        """One partner (dict) by alpha-3/alpha-2/numeric code or name, "customs:116", "comtrade:842"."""
        return self._r.country(str(item))

    def regions(self, search=None):
        return pd.DataFrame(self._r.regions(search or ""), columns=["code", "name_en", "name_zh", "level", "parent"])

    def region(self, item):
        """One region (dict) with province, children and the region groups it belongs to."""
        return self._r.region(str(item))

    def region_groups(self):
        return pd.DataFrame(self._r.region_groups(), columns=["code", "name_en", "name_zh", "members"])


_builtin = None


def _default():
    global _builtin
    if _builtin is None:
        _builtin = Reference(_tradestat.builtin_reference())
    return _builtin


def groups(code=None, at=None, search=None):
    return _default().groups(code, at=at, search=search)


def members(code, at=None):
    return _default().members(code, at=at)


def countries(search=None):
    return _default().countries(search)


def country(item):
    return _default().country(item)


def regions(search=None):
    return _default().regions(search)


def region(item):
    return _default().region(item)


def region_groups():
    return _default().region_groups()
