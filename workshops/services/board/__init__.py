"""The « Levier / Oui, mais… » board and the question boards: cards, supports, moderation,
and how cards are ranked."""
