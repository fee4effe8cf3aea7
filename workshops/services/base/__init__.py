"""What every domain builds on: the error services raise, the room's event log, secrets."""
