"""Running the programme: moving through days and sequences, editing them, the timer, the
restitution of a past day, and the formats an agenda comes from."""
