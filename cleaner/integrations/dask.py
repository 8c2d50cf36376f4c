"""Clean on a Dask cluster: bags of records, dataframe columns, and the CLI's runner.

    import dask.bag as db
    from cleaner.integrations.dask import clean_bag
    cleaned = clean_bag(db.read_text("pages/*.jsonl").map(json.loads), field="text")

    import dask.dataframe as dd
    from cleaner.integrations.dask import clean_dataframe
    ddf = clean_dataframe(dd.read_parquet("pages/"), "html")

Work goes partition by partition; each worker process builds one `Cleaner` per
configuration (`cleaner_for`) and reuses it for every partition it runs.

`cleaner clean --dask local` (a `distributed.LocalCluster`) or `--dask tcp://HOST:PORT` (a
running scheduler) sends the batch runner's chunks of documents to the cluster instead of
the local process pool; the results come back in input order and are written by the same
code, so the outputs are the same bytes as a local run. File inputs are read by the workers:
on several machines they must see the same paths (a shared or network filesystem); JSONL
records and standard input travel with the tasks.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

from cleaner.config import Config
from cleaner.integrations import FIELDS, clean_record, cleaner_for

#: Chunks in flight per worker: enough to keep workers busy, bounded memory in the client.
WINDOW_PER_WORKER = 4


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


# ------------------------------------------------------------------ the CLI's runner
def _run_chunk(chunk: list[Any], config: Config, options: Any) -> list[Any]:
    """One chunk of the batch runner's tasks, on a worker (same code as a local worker)."""
    from cleaner.batch import process_task

    cleaner = cleaner_for(config)
    return [process_task(task, cleaner, options) for task in chunk]


class DaskPool:
    """The batch runner's `Pool` on a Dask cluster: ordered, with a bounded window."""

    def __init__(self, address: str, config: Config, options: Any) -> None:
        from distributed import Client, LocalCluster

        self.config, self.options = config, options
        self.cluster = None
        if address == "local":
            self.cluster = LocalCluster(n_workers=max(1, options.jobs), threads_per_worker=1, processes=True,
                                        dashboard_address=None)
            self.client = Client(self.cluster)
        else:
            self.client = Client(address)
        self.workers = max(1, len(self.client.scheduler_info().get("workers", {})))

    def map(self, chunks: Iterable[list[Any]]) -> Iterator[list[Any]]:
        window = max(2, self.workers * WINDOW_PER_WORKER)
        pending: deque[Any] = deque()
        try:
            for chunk in chunks:
                pending.append(self.client.submit(_run_chunk, chunk, self.config, self.options, pure=False))
                while len(pending) >= window:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        finally:
            self.close()

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()
