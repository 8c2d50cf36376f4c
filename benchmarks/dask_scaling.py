"""Throughput on a Dask LocalCluster (1 and 2 workers) beside the plain --jobs runner.

Cleans the same generated folder (the fixture and seed pages copied until there are
--docs documents) with the batch runner four ways, in one run: local processes with
--jobs 1 and 2, and `--dask local` with 1 and 2 workers. The Dask figures include
starting the cluster; that start-up is also timed on its own, so the per-document
overhead of shipping chunks through the scheduler can be read off.

    .venv/bin/python benchmarks/dask_scaling.py [--docs N]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

from cleaner.batch import BatchOptions, run
from cleaner.config import Config

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"


def make_corpus(folder: Path, docs: int) -> int:
    pages = sorted((ROOT / "fixtures" / "pages").glob("*.txt"))
    if SEEDS.is_dir():
        pages += sorted(SEEDS.glob("*.txt"))
    size = 0
    for n in range(docs):
        page = pages[n % len(pages)]
        target = folder / f"{n // 500:03d}" / f"{n:06d}_{page.name}"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(page, target)
        size += target.stat().st_size
    return size


def timed(folder: Path, out: Path, jobs: int, dask: str | None) -> float:
    options = BatchOptions(output_format="jsonl", output_file=out, jobs=jobs, dask=dask)
    start = time.perf_counter()
    with open(out.with_suffix(".log"), "w", encoding="utf-8") as sink:
        summary = run([str(folder)], Config(), options, stdout=sink)
    assert not summary.errors, summary.errors[:3]
    return time.perf_counter() - start


def cluster_startup(workers: int) -> float:
    from distributed import Client, LocalCluster

    start = time.perf_counter()
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, Client(cluster):
        ready = time.perf_counter() - start
    return ready


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=4000)
    docs = parser.parse_args(argv).docs
    with tempfile.TemporaryDirectory() as tmp:
        folder, outs = Path(tmp) / "in", Path(tmp)
        size = make_corpus(folder, docs)
        print(f"{docs} documents, {size / 1e6:.1f} MB, on {sys.platform} ({__import__('os').cpu_count()} cores)")
        rows = []
        for label, jobs, dask in (("--jobs 1", 1, None), ("--jobs 2", 2, None),
                                  ("--dask local, 1 worker", 1, "local"), ("--dask local, 2 workers", 2, "local")):
            seconds = timed(folder, outs / f"{jobs}{dask or ''}.jsonl", jobs, dask)
            rows.append((label, seconds))
            print(f"  {label:26} {seconds:7.2f} s  {docs / seconds:7.1f} docs/s")
        same = (outs / "1.jsonl").read_bytes() == (outs / "2local.jsonl").read_bytes()
        print(f"  outputs of --jobs 1 and --dask local (2 workers) identical: {same}")
        startup = [cluster_startup(n) for n in (1, 2)]
        print(f"  LocalCluster start-up alone: {startup[0]:.2f} s (1 worker), {startup[1]:.2f} s (2 workers)")
        local2, dask2 = rows[1][1], rows[3][1]
        print(f"  Dask vs --jobs 2: {dask2 / local2:.2f}x the wall time; without start-up {(dask2 - startup[1]) / local2:.2f}x")
        print(f"  Dask scaling 1 -> 2 workers: {rows[2][1] / rows[3][1]:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
