"""Qorgau Telegram transport: the only package that imports aiogram (with devtools)."""
