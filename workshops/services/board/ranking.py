"""How cards are ranked wherever they are shown (restitution screens, booklet).

Most supported first, then the verbatims the facilitator starred, then the oldest.
"""
from workshops.models import Card


def ranked(cards: list[Card], supports: dict[int, int] | None = None) -> list[Card]:
    """The cards in rank order. `supports` gives each card's count when it is not the card's
    own (the booklet adds the supports of duplicates merged into a card)."""
    def count(card: Card) -> int:
        return card.supports if supports is None else supports.get(card.id, 0)

    return sorted(cards, key=lambda c: (-count(c), -int(c.verbatim), c.id))
