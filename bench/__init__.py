"""Benchmarks, outside the test suite: `make bench`."""
