"""Conversation logic independent of Telegram: text, NLU result and state in; actions out."""
