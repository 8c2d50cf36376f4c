"""Drop-in integrations with the tools NLP and scraping people already run.

Each module imports its engine lazily and is an optional extra:

- `cleaner.integrations.pandas`: clean a Series or a DataFrame column (`cleaner[pandas]`);
- `cleaner.integrations.dask`: clean a `dask.bag` or a `dask.dataframe` column partition by
  partition, and the CLI's `--dask local|tcp://HOST:PORT` runner (`cleaner[dask]`);
- `cleaner.integrations.hf`: a batched map function for `datasets.Dataset.map` (`cleaner[hf]`);
- `cleaner.integrations.scrapy`: an item pipeline (`cleaner[scrapy]`).

All of them share `cleaner_for(config)`: one `Cleaner` per process and configuration, so a
worker builds its cleaner (and compiles the rule packs) once, however many partitions it runs.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import Any

from cleaner.config import Config
from cleaner.errors import CleanerError
from cleaner.outputs import METADATA_COLUMNS, columns
from cleaner.pipeline import Cleaner

#: The metadata columns the integrations add beside the cleaned text, in this order.
FIELDS = METADATA_COLUMNS


@lru_cache(maxsize=8)
def cleaner_for(config: Config | None = None) -> Cleaner:
    """The process's cleaner for `config` (Config is frozen and hashable)."""
    return Cleaner(config)


def clean_record(data: Any, config: Config | None = None, url: str | None = None) -> dict[str, Any]:
    """The cleaned text and metadata of one value, as plain columns; a value that is not a
    document (None, a number) or that the cleaner refuses gives empty columns and `error`."""
    if data is None or not isinstance(data, (str, bytes)):
        return columns(None, None if _missing(data) else f"not text: {type(data).__name__}")
    try:
        article = cleaner_for(config).clean(data, url=url)
    except CleanerError as error:
        return columns(None, f"{type(error).__name__}: {error}")
    return columns(article)


def _missing(value: Any) -> bool:
    """None, NaN, or a dataframe library's own "missing" marker (pandas NA, NaT)."""
    return value is None or (isinstance(value, float) and math.isnan(value)) or type(value).__name__ in ("NAType", "NaTType")
