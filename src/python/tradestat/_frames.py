# tradestat/_frames.py: `tradestat query --format json` text -> pandas.DataFrame, exactly.
#
# Money (value, value_prev, exports, imports, balance, and the same keys inside share_base,
# benchmark, total) becomes decimal.Decimal in currency units, parsed from the JSON's exact decimal
# text (sums are 128-bit integers in the engine: never a float on the way). Ratios (*_pct, *_pp)
# become float. Every top-level JSON member except "rows" goes to df.attrs, unchanged in shape.
import decimal
import html
import json

import numpy as np
import pandas as pd

MONEY_KEYS = frozenset(["value", "value_prev", "exports", "imports", "balance"])


def is_ratio(key):
    return key.endswith("_pct") or key.endswith("_pp")


def _fix(obj):
    """Money keys -> Decimal, ratio keys -> float, recursively (parse_float gave Decimals)."""
    if isinstance(obj, dict):
        out = {}
        for k, v in obj.items():
            if k in MONEY_KEYS and isinstance(v, (int, decimal.Decimal)) and not isinstance(v, bool):
                out[k] = decimal.Decimal(v)
            elif is_ratio(k) and isinstance(v, (int, decimal.Decimal)) and not isinstance(v, bool):
                out[k] = float(v)
            else:
                out[k] = _fix(v)
        return out
    if isinstance(obj, list):
        return [_fix(v) for v in obj]
    return obj


def parse_json(text):
    """The query JSON as Python objects: Decimal money, float ratios, int counts."""
    return _fix(json.loads(text, parse_float=decimal.Decimal))


def _objects(values):
    # fromiter: slice assignment would probe every Decimal for the sequence protocol (10x slower)
    return np.fromiter(values, dtype=object, count=len(values))


def _column(name, values):
    """One DataFrame column (a numpy or pandas array) with the dtype its JSON values call for."""
    if name in MONEY_KEYS:
        return _objects([v if v is None or type(v) is decimal.Decimal else decimal.Decimal(v) for v in values])
    if is_ratio(name):
        return np.array([np.nan if v is None else float(v) for v in values], dtype=np.float64)
    present = [v for v in values if v is not None]
    missing = len(present) < len(values)
    if present and all(type(v) is bool for v in present):
        return pd.array(values, dtype="boolean") if missing else np.array(values, dtype=bool)
    if present and all(type(v) is int for v in present):
        return pd.array(values, dtype="Int64") if missing else np.array(values, dtype=np.int64)
    return _objects(values)


class QueryFrame(pd.DataFrame):
    """A query result: a DataFrame whose attrs carry the JSON's scope, share_base, total ...

    In a notebook it shows a one-line header (dataset, period, scope, total) above the table.
    """

    @property
    def _constructor(self):
        return QueryFrame

    def _repr_html_(self):
        a = self.attrs
        body = super()._repr_html_() or ""
        if not a:
            return body
        scope = a.get("scope") or {}
        period = (a.get("period") or {}).get("label", "")
        compare = (a.get("compare") or {}).get("label")
        total = (a.get("total") or {}).get("value")
        bits = [f"dataset <b>{html.escape(str(a.get('dataset', '')))}</b>",
                f"period <b>{html.escape(str(period))}</b>" + (f" vs {html.escape(compare)}" if compare else ""),
                f"flow {html.escape(str(a.get('flow', '')))}"]
        if scope.get("reporter"):
            bits.append(f"reporter {html.escape(str(scope['reporter']))} {html.escape(str(scope.get('reporter_name') or ''))}")
        for f in scope.get("filters") or []:
            bits.append(html.escape(f"{f.get('dim')}={','.join(map(str, f.get('values', [])))}"))
        if total is not None:
            bits.append(f"total {total} {html.escape(str(a.get('currency', '')))}")
        bits.append(f"{len(self)} of {a.get('rows_total', len(self))} rows")
        return f"<p style='font-family:sans-serif'>tradestat query: {' · '.join(bits)}</p>" + body


def frame_from_json(text):
    """DataFrame of the rows (columns in the JSON's order) with the rest of the JSON in attrs."""
    obj = json.loads(text, parse_float=decimal.Decimal)
    rows = obj.get("rows") or []
    if rows:
        names = list(rows[0].keys())
        for r in rows[1:]:  # keys are always present, but stay safe if a row carries extra ones
            if len(r) != len(names):
                for k in r:
                    if k not in names:
                        names.append(k)
    else:
        by = (obj.get("scope") or {}).get("by") or []
        names = list(by) + ["name"] + [k for k in (obj.get("total") or {}) if k not in by]
    data = {n: _column(n, [r.get(n) for r in rows]) for n in names}
    df = QueryFrame(data, columns=names, copy=False)
    df.attrs.update({k: _fix(v) for k, v in obj.items() if k != "rows"})
    return df
