"""HTML quality and speed: `cleaner` beside plain `trafilatura.extract`, in one run.

Cleans `../shared/devset/scrapinghub/html/*.html.gz` with both, scores each with
`../shared/tools/score.py scrapinghub`, and times both on the same pages, alternating
page by page (CPU time of this process, so the VM's neighbours matter less). Two figures: the
first pass, cold (each tool's one-time regex compiles and model loads fall in it), and the
warm state a batch runs in (each page's fastest time per tool over the next rounds).

    .venv/bin/python benchmarks/html_quality.py [--rounds N]
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import sys
import time
from pathlib import Path

import trafilatura
from devset_score import score

from cleaner import Cleaner

ROOT = Path(__file__).resolve().parents[1]
DEVSET = ROOT.parent / "shared" / "devset" / "scrapinghub"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="warm rounds after the first pass")
    rounds = parser.parse_args(argv).rounds
    if not DEVSET.is_dir():
        print("../shared/devset/scrapinghub is not here; nothing to measure")
        return 0
    pages = [(p, gzip.decompress(p.read_bytes())) for p in sorted((DEVSET / "html").glob("*.html.gz"))]
    cleaner = Cleaner()
    cleaner.clean(pages[0][1])
    trafilatura.extract(pages[0][1])
    ours, theirs = [], []
    cold: tuple[list[float], list[float]] = ([], [])
    warm = ([float("inf")] * len(pages), [float("inf")] * len(pages))
    for round_number in range(1 + rounds):
        for n, (path, data) in enumerate(pages):
            start = time.process_time()
            article = cleaner.clean(data)
            middle = time.process_time()
            text = trafilatura.extract(data) or ""
            end = time.process_time()
            ours_ms, theirs_ms = (middle - start) * 1000, (end - middle) * 1000
            if round_number == 0:
                cold[0].append(ours_ms)
                cold[1].append(theirs_ms)
                ours.append({"path": path.name, "text": article.text})
                theirs.append({"path": path.name, "text": text})
            else:  # each page's fastest warm time per tool, as timeit reports
                warm[0][n] = min(warm[0][n], ours_ms)
                warm[1][n] = min(warm[1][n], theirs_ms)
    print(f"{len(pages)} pages of {DEVSET.relative_to(ROOT.parent)}")
    print(score(ours, "cleaner"))
    print(score(theirs, "trafilatura"))
    passes = [("first pass (cold: one-time compiles and loads included)", cold)]
    if rounds:
        passes.append((f"warm (after the first pass, fastest of {rounds} rounds per page)", warm))
    for title, (ours_times, theirs_times) in passes:
        print(title)
        for label, times in (("cleaner", ours_times), ("trafilatura", theirs_times)):
            total = sum(times) / 1000
            print(f"  {label:12} median {statistics.median(times):6.1f} ms/page, {len(times) / total:6.1f} pages/s (CPU time)")
        print(f"  cleaner / trafilatura CPU time: {sum(ours_times) / sum(theirs_times):.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
