"""How a batch runs: the options the command line (or a caller) chooses."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from cleaner.batch.worker import TaskOptions
from cleaner.inputs import ReadOptions

#: Documents per chunk sent to a worker: big enough to amortise the round trip, small
#: enough that a chunk never holds much memory.
CHUNK_SIZE = 16
#: Chunks in flight per worker: enough to keep every core busy, few enough to keep memory flat.
WINDOW_PER_JOB = 4


@dataclass(frozen=True)
class BatchOptions:
    """How a batch runs. The per-document time limit is `Config.timeout`."""

    output_format: str = "jsonl"  # txt | json | md | jsonl
    output_dir: Path | None = None
    output_file: Path | None = None  # jsonl only; None means standard output
    explain: bool = False
    jobs: int = 1
    resume: bool = False
    read: ReadOptions = field(default_factory=ReadOptions)
    #: None: local processes; "local": a distributed.LocalCluster; "tcp://HOST:PORT": a scheduler
    dask: str | None = None

    @property
    def task(self) -> TaskOptions:
        return TaskOptions(self.output_format, self.output_dir, self.explain)
