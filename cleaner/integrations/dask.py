"""Clean on a Dask cluster: bags of records and dataframe columns.

    import dask.bag as db
    from cleaner.integrations.dask import clean_bag
    cleaned = clean_bag(db.read_text("pages/*.jsonl").map(json.loads), field="text")

    import dask.dataframe as dd
    from cleaner.integrations.dask import clean_dataframe
    ddf = clean_dataframe(dd.read_parquet("pages/"), "html")

Work goes partition by partition; each worker process builds one `Cleaner` per
configuration (`cleaner_for`) and reuses it for every partition it runs.

The command line's `--dask` runner is `cleaner.batch.dask` (a pool of the batch runner).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from cleaner.config import Config
from cleaner.integrations import FIELDS, clean_record


def clean_records(records: Iterable[dict[str, Any]], field: str = "text", config: Config | None = None,
                  url_field: str = "url") -> list[dict[str, Any]]:
    """Each record with `clean_text` and the metadata columns added (a partition's work)."""
    out = []
    for record in records:
        url = record.get(url_field)
        cleaned = clean_record(record.get(field), config, url if isinstance(url, str) else None)
        out.append({**record, **{f"clean_{k}": v for k, v in cleaned.items()}})
    return out


def clean_bag(bag: Any, field: str = "text", config: Config | None = None, url_field: str = "url") -> Any:
    """A `dask.bag` of dict records → the same records with the cleaned columns."""
    return bag.map_partitions(clean_records, field=field, config=config, url_field=url_field)


def _clean_partition(frame: Any, column: str, prefix: str, config: Config | None) -> Any:
    from cleaner.integrations.pandas import clean_column

    return clean_column(frame, column, prefix=prefix, config=config)


def clean_dataframe(ddf: Any, column: str, *, prefix: str = "clean_", config: Config | None = None) -> Any:
    """A `dask.dataframe` with the cleaned columns of `column` added, partition by partition."""
    import pandas as pd

    meta = ddf._meta.copy()
    for name in ("text", *FIELDS, "error"):
        meta[prefix + name] = pd.Series(dtype=object)
    return ddf.map_partitions(_clean_partition, column, prefix, config, meta=meta)
