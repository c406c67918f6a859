"""Running the pipeline on every core (:mod:`.pool`) or on a Dask cluster (:mod:`.cluster`).

Thin adapters: each gives an ordered ``map`` that the batch functions (``run_all``,
``ingest_paths``) accept, so the pipeline does not know where it runs, and the one writer
(the calling process) stores results in input order, whatever finishes first.
"""
