"""Browser playground: the user's chat and the staff forum side by side, on the emulator."""
