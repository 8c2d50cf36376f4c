"""Clean a pandas Series or DataFrame column.

    from cleaner.integrations.pandas import clean_column
    df = clean_column(df, "html")            # adds clean_text, clean_title, ... columns
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from cleaner.config import Config
from cleaner.integrations import FIELDS, clean_record

COLUMNS = ("text", *FIELDS, "error")


def clean_series(series: pd.Series, config: Config | None = None, urls: pd.Series | None = None) -> pd.DataFrame:
    """One row per value of `series` (same index): text, title, authors, date, source, site,
    language, captions, tags, error."""
    url_values: list[Any] = list(urls) if urls is not None else [None] * len(series)
    rows = [clean_record(value, config, url) for value, url in zip(series, url_values)]
    # object columns: None stays None (pandas 3 would infer a string dtype and turn it into NaN)
    return pd.DataFrame(rows, index=series.index, columns=list(COLUMNS), dtype=object)


def clean_column(df: pd.DataFrame, column: str, *, prefix: str = "clean_", config: Config | None = None,
                 url_column: str | None = None) -> pd.DataFrame:
    """`df` with the cleaned columns added as `<prefix><name>` (a new frame; `df` is untouched)."""
    cleaned = clean_series(df[column], config, df[url_column] if url_column else None)
    return df.join(cleaned.add_prefix(prefix))
