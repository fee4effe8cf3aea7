"""The organisers shape the booklet before exporting it.

Curation changes only what the booklet shows (`booklet_text`, merges of duplicate cards,
orders, texts): the cards and recommendations the room wrote keep their original text,
which the annex and the archive still carry. Starring a verbatim is the console's
moderation (`cards.moderate`), so the room's screens learn it too.
"""
from __future__ import annotations

from sqlalchemy.orm import Session

from workshops.models import Card, Recommendation, Workshop
from workshops.services import booklet, identity
from workshops.services.base.errors import NotFound, ServiceError
from workshops.services.retention import set_retention

PROSE_MAX = 20_000
LINE_MAX = 200
WORDING_MAX = 1000


def _prose(value) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ServiceError("invalid_text")
    value = value.replace("\r\n", "\n").strip()
    if len(value) > PROSE_MAX:
        raise ServiceError("text_too_long", max=PROSE_MAX)
    return value


def _line(value) -> str:
    if not isinstance(value, str):
        raise ServiceError("invalid_text")
    value = " ".join(value.split())
    if len(value) > LINE_MAX:
        raise ServiceError("text_too_long", max=LINE_MAX)
    return value


CHOICES = {"empty_axes": ("omit", "mention"), "recommendations_shown": ("kept", "all")}
TOP_CARDS_MAX = 500


def update_settings(session: Session, workshop: Workshop, **changes) -> None:
    """Texts, identity and choices of the booklet (any subset; None leaves a field as is):
    edito, et_apres, axes_intro, recommendations_intro, colophon (prose), organiser_name,
    subtitle, place (lines), accent_colour, links, show_organisations, show_supports,
    empty_axes, recommendations_shown, top_cards (0: every card), retention_days."""
    settings = booklet.settings_of(session, workshop)
    for name in ("edito", "et_apres", "axes_intro", "recommendations_intro", "colophon"):
        if changes.get(name) is not None:
            setattr(settings, name, _prose(changes[name]))
    for name in ("organiser_name", "subtitle", "place"):
        if changes.get(name) is not None:
            setattr(settings, name, _line(changes[name]))
    if changes.get("accent_colour") is not None:
        settings.accent_colour = identity.colour(changes["accent_colour"])
    if changes.get("links") is not None:
        settings.links = identity.links(changes["links"])
    for name in ("show_organisations", "show_supports"):
        if changes.get(name) is not None:
            if not isinstance(changes[name], bool):
                raise ServiceError("invalid_body")
            setattr(settings, name, changes[name])
    for name, allowed in CHOICES.items():
        if changes.get(name) is not None:
            if changes[name] not in allowed:
                raise ServiceError("invalid_setting_choice", choices=", ".join(allowed))
            setattr(settings, name, changes[name])
    if changes.get("top_cards") is not None:
        top = changes["top_cards"]
        if not isinstance(top, int) or isinstance(top, bool) or not 0 <= top <= TOP_CARDS_MAX:
            raise ServiceError("invalid_top_cards", max=TOP_CARDS_MAX)
        settings.top_cards = top or None
    if changes.get("retention_days") is not None:
        set_retention(session, workshop, changes["retention_days"])
    session.commit()


def set_logo(session: Session, workshop: Workshop, data: bytes | None) -> None:
    """The organisation's logo (None removes it); refused whole if not acceptable."""
    settings = booklet.settings_of(session, workshop)
    settings.logo, settings.logo_type = identity.logo(data) if data is not None else (None, "")
    session.commit()


def add_partner(session: Session, workshop: Workshop, name, logo: bytes | None) -> None:
    identity.add_partner(booklet.settings_of(session, workshop), identity.partner(name, logo))
    session.commit()


def remove_partner(session: Session, workshop: Workshop, index) -> None:
    identity.remove_partner(booklet.settings_of(session, workshop), index)
    session.commit()


def move_axis(session: Session, workshop: Workshop, axis_id, step: int) -> None:
    """Move an axis one place up (step -1) or down (+1) in the booklet."""
    settings = booklet.settings_of(session, workshop)
    keys = [a.key for a in booklet.ordered_axes(workshop, settings)]
    axis = next((a for a in workshop.axes if a.id == axis_id), None)
    if axis is None:
        raise ServiceError("unknown_axis")
    _swap(keys, keys.index(axis.key), step)
    settings.axis_order = keys
    session.commit()


def move_recommendation(session: Session, workshop: Workshop, rec_id, step: int) -> None:
    """Move a recommendation one place up or down among those of its target and theme."""
    rec = _recommendation(session, workshop, rec_id)
    shown = booklet.in_booklet(booklet.recommendation_rows(session, workshop),
                               booklet.settings_of(session, workshop).recommendations_shown)
    siblings = booklet.booklet_order([r for r in shown if r.target == rec.target
                                      and r.theme == rec.theme])
    if rec not in siblings:
        raise ServiceError("not_in_booklet")
    _swap(siblings, siblings.index(rec), step)
    for position, item in enumerate(siblings):
        item.booklet_position = position
    session.commit()


def _swap(items: list, index: int, step: int) -> None:
    if step not in (-1, 1):
        raise ServiceError("invalid_body")
    other = index + step
    if 0 <= other < len(items):
        items[index], items[other] = items[other], items[index]


def set_card_wording(session: Session, workshop: Workshop, card_id, text) -> Card:
    """The booklet's wording of a card; empty (or the original) goes back to the original."""
    card = _card(session, workshop, card_id)
    card.booklet_text = _wording(text, card.text)
    session.commit()
    return card


def set_recommendation_wording(session: Session, workshop: Workshop, rec_id,
                               text) -> Recommendation:
    rec = _recommendation(session, workshop, rec_id)
    rec.booklet_text = _wording(text, rec.text)
    session.commit()
    return rec


def _wording(text, original: str) -> str | None:
    if text is None:
        return None
    if not isinstance(text, str):
        raise ServiceError("invalid_text")
    text = " ".join(text.split())
    if len(text) > WORDING_MAX:
        raise ServiceError("text_too_long", max=WORDING_MAX)
    return text if text and text != original else None


def merge_cards(session: Session, workshop: Workshop, into_id, card_id) -> Card:
    """Card `card_id` is a duplicate of `into_id`: the booklet shows the latter only, with
    both cards' supports (same axis or question, same kind)."""
    survivor = _card(session, workshop, into_id)
    duplicate = _card(session, workshop, card_id)
    if survivor.id == duplicate.id or survivor.merged_into_id is not None \
            or (survivor.axis_id, survivor.sequence_id, survivor.kind) != \
            (duplicate.axis_id, duplicate.sequence_id, duplicate.kind):
        raise ServiceError("cannot_merge_cards")
    duplicate.merged_into_id = survivor.id
    for card in session.query(Card).filter(Card.merged_into_id == duplicate.id):
        card.merged_into_id = survivor.id  # what was merged into the duplicate follows it
    session.commit()
    return survivor


def unmerge_card(session: Session, workshop: Workshop, card_id) -> Card:
    card = _card(session, workshop, card_id)
    card.merged_into_id = None
    session.commit()
    return card


def _card(session, workshop, card_id) -> Card:
    card = session.get(Card, card_id) if isinstance(card_id, int) else None
    if card is None or card.workshop_id != workshop.id:
        raise NotFound("unknown_card")
    return card


def _recommendation(session, workshop, rec_id) -> Recommendation:
    rec = session.get(Recommendation, rec_id) if isinstance(rec_id, int) else None
    if rec is None or rec.workshop_id != workshop.id:
        raise NotFound("unknown_recommendation")
    return rec
