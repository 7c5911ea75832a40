# tradestat/__init__.py: the tradestat engine from Python: load, query -> DataFrame, bulletin.
#
#   import tradestat as ts
#   s = ts.init("mystore")                                 # or ts.open(path) for an existing store
#   s.load(["records-2023.csv.gz"], dataset="mydata")      # all-or-nothing; ts.LoadError if refused
#   df = s.query(period="2023H1", by="partner", units=["ASEAN", "EU"], top=10)
#   print(s.bulletin(period="2023H1", lang="zh"))          # dataset and reporter from the store
#   ts.ref.groups("RCEP", at="2022-06")
#
# Same engine and messages as the CLI (the extension calls the library functions the CLI calls);
# money is decimal.Decimal in currency units, exact. docs/python.md has the whole story.
import json
import os

from . import _tradestat
from . import ref
from ._frames import QueryFrame, frame_from_json, parse_json

Error = _tradestat.Error
StoreError = _tradestat.StoreError
LoadError = _tradestat.LoadError
QueryError = _tradestat.QueryError
BulletinError = _tradestat.BulletinError
ReferenceError = _tradestat.ReferenceError

__all__ = ["open", "init", "Store", "QueryFrame", "HtmlPage", "ref", "Error", "StoreError", "LoadError",
           "QueryError", "BulletinError", "ReferenceError"]

# The options of `tradestat query`, with Python names (dashes dropped).
_QUERY_OPTIONS = ("dataset", "period", "compare", "reporter", "flow", "where", "by", "units", "currency",
                  "benchmark", "top", "sort", "lang")


class HtmlPage(str):
    """An HTML bulletin: a str that a notebook renders as the page."""

    def _repr_html_(self):
        return str(self)


def open(path):  # noqa: A001 - mirrors `tradestat STORE`
    """Open an existing store directory."""
    return Store(_tradestat.Store.open(os.fspath(path)))


def init(path):
    """Create an empty store directory (like `tradestat init`) and open it."""
    return Store(_tradestat.Store.init(os.fspath(path)))


class Store:
    """One store directory. Methods mirror the CLI subcommands; errors raise ts.Error subclasses."""

    def __init__(self, native):
        self._s = native
        self._ref = None

    def __repr__(self):
        return f"tradestat.Store({self.path!r}, datasets={self.datasets()!r})"

    @property
    def path(self):
        return self._s.path

    def datasets(self):
        return list(self._s.datasets())

    def refresh(self):
        """Reopen now (automatic anyway when the store's MANIFEST changes)."""
        self._s.refresh()

    def load(self, paths, dataset, format="auto", replace=False, append=False, dry_run=False, flow=None,
             period=None):
        """`tradestat load STORE --dataset D [--format F] [--replace|--append] [--dry-run] FILE...`.

        Returns a dict (rows, bytes, seconds, vintage, files, periods, currencies, warnings).
        Raises LoadError with the CLI's `FILE:LINE:COLUMN: ...` lines; the store is then unchanged.
        """
        if isinstance(paths, (str, bytes, os.PathLike)):
            paths = [paths]
        files = [os.fspath(p) for p in paths]
        return self._s.load(files, dataset, format=format, replace=bool(replace), append=bool(append),
                            dry_run=bool(dry_run), flow=flow or "", period=period or "")

    def _request(self, kwargs):
        unknown = [k for k in kwargs if k not in _QUERY_OPTIONS]
        if unknown:
            raise TypeError(f"query() got an unexpected keyword argument '{unknown[0]}'; "
                            f"accepted: {', '.join(_QUERY_OPTIONS)}, as_of, threads")
        return {k: v for k, v in kwargs.items() if v is not None}

    def query_json(self, period=None, *, as_of=None, threads=0, **options):
        """The exact text `tradestat query STORE ... --format json` prints."""
        options["period"] = period
        return self._s.query_json(self._request(options), as_of=as_of or "", threads=int(threads))

    def query(self, period=None, *, as_of=None, threads=0, **options):
        """`tradestat query` as a DataFrame (QueryFrame): one row per JSON row, same columns.

        Options are the CLI's: dataset, period, compare, reporter, flow, where (str or list),
        by (str or list), units (list), currency, benchmark, top, sort, lang; as_of, threads.
        Money columns hold decimal.Decimal (exact), *_pct/*_pp floats; the JSON's other members
        (scope, share_base, benchmark, total, coverage, ...) are in df.attrs.
        """
        return frame_from_json(self.query_json(period, as_of=as_of, threads=threads, **options))

    def query_dict(self, period=None, *, as_of=None, threads=0, **options):
        """The query JSON as Python objects (Decimal money, float ratios)."""
        return parse_json(self.query_json(period, as_of=as_of, threads=threads, **options))

    def bulletin(self, period=None, dataset=None, reporter=None, benchmark=None, lang="en", format="text",
                 spec=None, issuer=None, date=None, allow_partial=False):
        """`tradestat bulletin STORE --period P ...`: format "text" (default), "md", "html" (an
        HtmlPage a notebook displays), "json" (the text) or "dict" (the JSON parsed). spec: a TOML
        file path; issuer, date, allow_partial: --issuer, --date, --allow-partial. Omitted
        arguments take the CLI's defaults."""
        kind = "json" if format == "dict" else format
        request = {"dataset": dataset, "reporter": reporter, "period": period, "benchmark": benchmark,
                   "issuer": issuer, "date": date, "allow_partial": bool(allow_partial)}
        text = self._s.bulletin(request, lang=lang, format=kind, spec=os.fspath(spec) if spec else "")
        if format == "dict":
            return json.loads(text)
        if kind == "html":
            return HtmlPage(text)
        return text

    def info(self):
        """`tradestat info STORE --json` as a dict (money as Decimal)."""
        return parse_json(self._s.info_json())

    @property
    def ref(self):
        """Reference lookups with the store's registered files (see tradestat.ref)."""
        if self._ref is None:
            self._ref = ref.Reference(self._s.reference())
        return self._ref
