"""Integrations, run for real: pandas, a Dask LocalCluster with two workers, Hugging Face
`Dataset.map(num_proc=2)`, and Scrapy's own crawler and item classes. No network: the
cluster runs on this machine, in child processes (the suite's socket guard covers this
process only, and a cluster needs loopback sockets)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest
from expectations import FIXTURES, REPO

from cleaner import clean

PAGES = sorted((FIXTURES / "pages").glob("*.txt"))[:12]
TEXTS = [p.read_text("utf-8") for p in PAGES]


def run_python(code: str, timeout: float = 300) -> str:
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True,
                          timeout=timeout, check=False, cwd=REPO)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


# ------------------------------------------------------------------ pandas
def test_pandas_column_matches_the_library():
    import pandas as pd

    from cleaner.integrations.pandas import clean_column

    frame = pd.DataFrame({"id": range(len(TEXTS)), "page": TEXTS})
    frame.loc[len(frame)] = [99, None]  # a missing value gives empty columns, not an error
    out = clean_column(frame, "page")
    assert list(out["clean_text"][: len(TEXTS)]) == [clean(t).text for t in TEXTS]
    assert list(out["clean_title"][: len(TEXTS)]) == [clean(t).title for t in TEXTS]
    assert out["clean_text"].iloc[-1] == "" and out["clean_error"].iloc[-1] is None
    assert "clean_text" not in frame.columns  # the input frame is left alone


# ------------------------------------------------------------------ dask
def test_cli_on_a_dask_local_cluster_writes_the_same_bytes_as_a_local_run(tmp_path):
    local, on_dask = tmp_path / "local.jsonl", tmp_path / "dask.jsonl"
    base = [sys.executable, "-m", "cleaner.cli", "clean", str(FIXTURES / "pages"), "--format", "jsonl", "-q"]
    subprocess.run([*base, "-o", str(local), "-j", "1"], check=True, timeout=300, cwd=REPO)
    subprocess.run([*base, "-o", str(on_dask), "-j", "2", "--dask", "local"], check=True, timeout=300, cwd=REPO)
    assert on_dask.read_bytes() == local.read_bytes()
    assert len(local.read_text("utf-8").splitlines()) == len(list((FIXTURES / "pages").glob("*.txt")))


def test_dask_bag_and_dataframe_on_a_local_cluster_match_the_library():
    out = run_python(f"""
        import json
        import dask.bag as db, dask.dataframe as dd, pandas as pd
        from distributed import Client, LocalCluster
        from cleaner.integrations.dask import clean_bag, clean_dataframe
        texts = {TEXTS!r}
        with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster, Client(cluster):
            records = [{{"id": n, "text": t}} for n, t in enumerate(texts)]
            bag = clean_bag(db.from_sequence(records, npartitions=4)).compute()
            frame = clean_dataframe(dd.from_pandas(pd.DataFrame({{"text": texts}}), npartitions=3), "text").compute()
        print(json.dumps({{"bag": [r["clean_text"] for r in bag], "ids": [r["id"] for r in bag],
                           "frame": list(frame["clean_text"])}}))
    """)
    result = json.loads(out.strip().splitlines()[-1])
    expected = [clean(t).text for t in TEXTS]
    assert result["bag"] == expected and result["ids"] == list(range(len(TEXTS)))
    assert result["frame"] == expected


# ------------------------------------------------------------------ Hugging Face datasets
def test_datasets_map_with_two_processes_matches_the_library(tmp_path):
    out = run_python(f"""
        import json
        from datasets import Dataset
        from cleaner.integrations.hf import clean_batch, clean_features
        texts = {TEXTS!r}
        ds = Dataset.from_dict({{"text": texts, "n": list(range(len(texts)))}})
        ds = ds.map(clean_batch, batched=True, batch_size=4, num_proc=2, fn_kwargs={{"column": "text"}},
                    features=clean_features(ds.features))
        print(json.dumps({{"text": list(ds["clean_text"]), "title": list(ds["clean_title"]), "n": list(ds["n"]),
                           "columns": ds.column_names}}))
    """)
    result = json.loads(out.strip().splitlines()[-1])
    assert result["text"] == [clean(t).text for t in TEXTS]
    assert result["title"] == [clean(t).title or "" for t in TEXTS]
    assert result["n"] == list(range(len(TEXTS)))
    assert {"clean_authors", "clean_date", "clean_language", "clean_error"} <= set(result["columns"])


# ------------------------------------------------------------------ Scrapy
def test_scrapy_pipeline_with_scrapys_own_classes():
    scrapy = pytest.importorskip("scrapy")
    from scrapy.utils.test import get_crawler

    from cleaner.integrations import FIELDS
    from cleaner.integrations.scrapy import CleanerPipeline

    fields = ["url", "body", *(f"clean_{name}" for name in ("text", *FIELDS, "error"))]
    page = type("Page", (scrapy.Item,), {name: scrapy.Field() for name in fields})

    crawler = get_crawler(settings_dict={"CLEANER_FIELD": "body", "ITEM_PIPELINES": {CleanerPipeline: 300}})
    pipeline = CleanerPipeline.from_crawler(crawler)
    html = (FIXTURES / "html" / "aggregator_widgets.html").read_bytes()
    item = pipeline.process_item(page(url="https://example.org/a", body=html), crawler.spider)
    assert item["clean_text"] == clean(html, url="https://example.org/a").text and item["clean_error"] is None
    as_dict = pipeline.process_item({"url": "https://example.org/b", "body": TEXTS[0]}, crawler.spider)
    assert as_dict["clean_text"] == clean(TEXTS[0]).text
    missing = pipeline.process_item({"url": "https://example.org/c"}, crawler.spider)
    assert missing["clean_text"] == "" and "no 'body' field" in missing["clean_error"]  # passed on, not dropped


def test_integrations_leave_the_cli_importable_without_their_engines():
    """The extras are optional: importing cleaner and its CLI must not import them."""
    out = run_python("""
        import sys
        import cleaner, cleaner.cli, cleaner.batch
        print(sorted(m for m in ("dask", "distributed", "pandas", "datasets", "scrapy") if m in sys.modules))
    """)
    assert out.strip() == "[]"
