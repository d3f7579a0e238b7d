"""Batch screening of customer files: read, map, screen row by row, write results.

The parts here are deliberately free of Redis, RQ and Flask so the CLI (local
multiprocessing), the in-process pool and the RQ workers share one definition of
"a row", "its request" and "its output line". Reading and writing files is the
only I/O: readers take a binary stream, writers take a binary sink.
"""
