"""Benchmarks that print numbers (never timed asserts in tests)."""
