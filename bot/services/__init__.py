"""Use cases shared by several routers (they commit; repositories do not)."""
