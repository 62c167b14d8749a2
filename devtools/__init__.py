"""Developer tools: a local Telegram Bot API emulator and a browser playground."""
