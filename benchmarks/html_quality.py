"""HTML quality and speed: `cleaner` beside plain `trafilatura.extract`, in one run.

Cleans `../shared/devset/scrapinghub/html/*.html.gz` with both, scores each with
`../shared/tools/score.py scrapinghub`, and times both on the same pages, alternating
page by page (CPU time of this process, so the VM's neighbours matter less).

    .venv/bin/python benchmarks/html_quality.py
"""

from __future__ import annotations

import gzip
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import trafilatura

from cleaner import Cleaner

ROOT = Path(__file__).resolve().parents[1]
DEVSET = ROOT.parent / "shared" / "devset" / "scrapinghub"
SCORE = ROOT.parent / "shared" / "tools" / "score.py"


def score(records: list[dict], label: str) -> str:
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    out = subprocess.run([sys.executable, str(SCORE), "scrapinghub", handle.name], capture_output=True, text=True, check=False)
    Path(handle.name).unlink()
    return f"{label:12} " + out.stdout.strip().splitlines()[-1].replace("scrapinghub ", "")


def main() -> int:
    if not DEVSET.is_dir():
        print("../shared/devset/scrapinghub is not here; nothing to measure")
        return 0
    pages = [(p, gzip.decompress(p.read_bytes())) for p in sorted((DEVSET / "html").glob("*.html.gz"))]
    cleaner = Cleaner()
    ours, theirs = [], []
    ours_ms, theirs_ms = [], []
    cleaner.clean(pages[0][1])
    trafilatura.extract(pages[0][1])
    for path, data in pages:
        start = time.process_time()
        article = cleaner.clean(data)
        middle = time.process_time()
        text = trafilatura.extract(data) or ""
        end = time.process_time()
        ours_ms.append((middle - start) * 1000)
        theirs_ms.append((end - middle) * 1000)
        ours.append({"path": path.name, "text": article.text})
        theirs.append({"path": path.name, "text": text})
    print(f"{len(pages)} pages of {DEVSET.relative_to(ROOT.parent)}")
    print(score(ours, "cleaner"))
    print(score(theirs, "trafilatura"))
    for label, times in (("cleaner", ours_ms), ("trafilatura", theirs_ms)):
        total = sum(times) / 1000
        print(f"{label:12} median {statistics.median(times):6.1f} ms/page, {len(times) / total:6.1f} pages/s (CPU time)")
    print(f"cleaner / trafilatura CPU time: {sum(ours_ms) / sum(theirs_ms):.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
