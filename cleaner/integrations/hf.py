"""A batched map function for Hugging Face `datasets`.

    from cleaner.integrations.hf import clean_batch, clean_features
    ds = ds.map(clean_batch, batched=True, num_proc=4, fn_kwargs={"column": "text"},
                features=clean_features(ds.features))

It adds `clean_text` and the metadata columns (`clean_title`, `clean_authors`, ...); a
missing value is "" (an empty list for authors, captions, tags), so every batch has the same
Arrow types; `clean_features` names those types up front, which `num_proc` > 1 needs (a
shard whose captions are all empty would otherwise be typed null and clash with the others).
Each of the `num_proc` processes builds its cleaner once (`cleaner_for`).
"""

from __future__ import annotations

from typing import Any

from cleaner.config import Config
from cleaner.integrations import FIELDS, clean_record


def clean_batch(batch: dict[str, list[Any]], column: str = "text", prefix: str = "clean_",
                config: Config | None = None, url_column: str | None = None) -> dict[str, list[Any]]:
    """Columns to add for one batch (a dict of equal-length lists, as `Dataset.map` passes)."""
    values = batch[column]
    urls = batch[url_column] if url_column else [None] * len(values)
    records = [clean_record(value, config, url) for value, url in zip(values, urls)]
    out: dict[str, list[Any]] = {}
    for name in ("text", *FIELDS, "error"):
        out[prefix + name] = [_column_value(name, r[name]) for r in records]
    return out


_LISTS = frozenset({"authors", "captions", "tags"})


def _column_value(name: str, value: Any) -> Any:
    """Arrow wants one type per column in every batch (a batch where a column is all None would
    be typed null and clash with the others): list columns are lists, the rest strings, with
    "" for missing."""
    if name in _LISTS:
        return list(value or [])
    return "" if value is None else str(value)


def clean_features(features: Any, prefix: str = "clean_") -> Any:
    """The dataset's `Features` plus the columns `clean_batch` adds, for `Dataset.map(features=...)`."""
    from datasets import Features, Sequence, Value

    added = {prefix + name: Sequence(Value("string")) if name in _LISTS else Value("string")
             for name in ("text", *FIELDS, "error")}
    return Features({**features, **added})
