"""Outer and inner middlewares (DB session, idempotency, locale, tracking, bans)."""
