"""Build benchmarks: a synthetic corpus generator and a runner (see README.md here)."""
