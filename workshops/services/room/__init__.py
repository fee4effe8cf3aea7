"""The room: accounts, the workshop and its members, participants, attendance, and where
the room stands in its agenda (which day, which sequence) — everything the other domains
look up about the workshop they act on."""
