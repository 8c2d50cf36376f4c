"""The batch runner: many documents, every core, nothing lost.

- `run`: find the documents, clean them through a pool, send the outcomes to a sink, count;
- `options`: `BatchOptions`, what the command line chose;
- `worker`: the code every worker runs for one task (never raises);
- `pools`: the local pool, the process pool, and the protocol the Dask pool implements too;
- `sinks`: JSONL streams, documents on standard output, output folders, the errors file.
"""

from cleaner.batch.options import BatchOptions
from cleaner.batch.run import Summary, run
from cleaner.errors import DocumentTimeout

__all__ = ["BatchOptions", "DocumentTimeout", "Summary", "run"]
