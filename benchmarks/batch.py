"""Batch throughput and memory of `cleaner clean` on a generated folder of mixed pages.

Generates folders of N pages (half flattened text, half HTML built from the fixture pages
inside a page template with navigation, share bar and footer), runs the real command
(`cleaner clean DIR --output-dir OUT --format json`) with `--jobs 1` and `--jobs 2`,
and prints docs/s and the peak RSS of the whole run (the main process and its workers,
summed, sampled every 250 ms so the sampler does not compete with the run). trafilatura's own CLI is not run here; the HTML speed
comparison with trafilatura lives in `benchmarks/html_quality.py`.

    .venv/bin/python benchmarks/batch.py [--sizes 5000 20000] [--jobs 1 2]
"""

from __future__ import annotations

import argparse
import html
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGES = sorted((ROOT / "fixtures" / "pages").glob("*.txt"))
TEMPLATE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title></head>
<body><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/business">Business</a></li></ul></nav>
<main><article><h1>{title}</h1>{paragraphs}</article>
<div class="share"><a href="#">Share on Facebook</a> <a href="#">Share on Twitter</a></div>
<aside class="related"><h2>Related Articles</h2><ul><li><a href="/a">Another story {n}</a></li><li><a href="/b">A third story</a></li></ul></aside>
</main><footer><p>Copyright 2024 Example News. All rights reserved.</p><a href="/privacy">Privacy policy</a></footer></body></html>
"""


def make_folder(root: Path, count: int) -> int:
    """`count` pages in sub-folders of 1,000; returns the total bytes."""
    total = 0
    texts = [p.read_text("utf-8") for p in PAGES]
    for n in range(count):
        text = texts[n % len(texts)]
        folder = root / f"batch{n // 1000:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        if n % 2:
            lines = [line for line in text.splitlines() if line]
            page = TEMPLATE.format(title=html.escape(lines[0]), n=n,
                                   paragraphs="".join(f"<p>{html.escape(x)}</p>" for x in lines[1:]))
            path = folder / f"page{n:06d}.html"
        else:
            page = text
            path = folder / f"page{n:06d}.txt"
        path.write_text(page, "utf-8")
        total += len(page.encode("utf-8"))
    return total


def rss_of_tree(pid: int) -> int:
    """Resident memory (bytes) of a process and all its descendants, from /proc."""
    total, stack, seen = 0, [pid], set()
    while stack:
        current = stack.pop()
        if current in seen:
            continue
        seen.add(current)
        try:
            status = Path(f"/proc/{current}/status").read_text()
            for line in status.splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
            for task in Path(f"/proc/{current}/task").iterdir():
                children = (task / "children").read_text().split()
                stack.extend(int(c) for c in children)
        except (OSError, ValueError):
            continue
    return total


def run_once(folder: Path, jobs: int) -> tuple[float, int]:
    """(seconds, peak RSS bytes of the whole process tree) for one real run."""
    out = folder.parent / f"out-{folder.name}-{jobs}"
    shutil.rmtree(out, ignore_errors=True)
    command = [str(Path(sys.executable).parent / "cleaner"), "clean", str(folder), "--output-dir", str(out),
               "--format", "json", "--jobs", str(jobs), "--quiet"]
    peak = 0
    start = time.perf_counter()
    process = subprocess.Popen(command)
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, rss_of_tree(process.pid))
            time.sleep(0.25)  # sparse: the sampler must not steal CPU from the run it measures

    sampler = threading.Thread(target=sample)
    sampler.start()
    code = process.wait()
    elapsed = time.perf_counter() - start
    done.set()
    sampler.join()
    if code != 0:
        raise SystemExit(f"cleaner exited with {code}")
    shutil.rmtree(out, ignore_errors=True)
    return elapsed, peak


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5000, 20000])
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--rounds", type=int, default=3,
                        help="runs per setting, interleaved; the best is reported (this VM's neighbours add noise)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="cleaner-batch-") as scratch:
        print(f"{'pages':>7} {'MB':>6} {'jobs':>4} {'best s':>8} {'docs/s':>8} {'all runs (s)':>22} {'peak RSS MB':>12}")
        rates: dict[tuple[int, int], float] = {}
        for size in args.sizes:
            folder = Path(scratch) / f"pages{size}"
            megabytes = make_folder(folder, size) / 1e6
            runs: dict[int, list[tuple[float, int]]] = {jobs: [] for jobs in args.jobs}
            for _round in range(args.rounds):
                for jobs in args.jobs:
                    runs[jobs].append(run_once(folder, jobs))
            for jobs in args.jobs:
                best = min(seconds for seconds, _ in runs[jobs])
                peak = max(rss for _, rss in runs[jobs])
                rates[(size, jobs)] = size / best
                every = " ".join(f"{seconds:.0f}" for seconds, _ in runs[jobs])
                print(f"{size:7d} {megabytes:6.1f} {jobs:4d} {best:8.1f} {size / best:8.0f} {every:>22} {peak / 1e6:12.0f}",
                      flush=True)
            shutil.rmtree(folder)
        for size in args.sizes:
            if (size, 1) in rates and (size, 2) in rates:
                print(f"speed-up from 1 to 2 jobs on {size} pages: {rates[(size, 2)] / rates[(size, 1)]:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
