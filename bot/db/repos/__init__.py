"""Repositories: take a session, return plain dataclasses, never commit."""
