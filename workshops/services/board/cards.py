"""Cards on the « Levier / Oui, mais… » board and answers on a question board (kind "answer",
attached to a sequence instead of an axis): post, edit, delete, support, moderate."""
from sqlalchemy import delete, false, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from workshops.models import Card, Participant, Support, Workshop
from workshops.services.base import events, quotas
from workshops.services.base.errors import Conflict, Forbidden, NotFound, ServiceError
from workshops.services.room.position import get_sequence
from workshops.services.room.workshops import end_spotlight, get_axis, state_dict
from workshops.vocabulary import KINDS

TEXT_MAX = 500
CLIENT_ID_MAX = 64


def clean_text(text, max_length: int = TEXT_MAX) -> str:
    if not isinstance(text, str):
        raise ServiceError("text_required")
    text = text.strip()
    if not text:
        raise ServiceError("text_required")
    if len(text) > max_length:
        raise ServiceError("text_too_long", max=max_length)
    return text


def card_dict(card: Card) -> dict:
    """A card as every screen of the room sees it: never who wrote it (docs/privacy.md)."""
    return {
        "id": card.id, "axis": card.axis_id, "sequence": card.sequence_id, "kind": card.kind,
        "text": card.text,
        "parent": card.parent_id, "supports": card.supports, "hidden": card.hidden,
        "verbatim": card.verbatim, "client_id": card.client_id,
    }


def staff_card_dict(card: Card) -> dict:
    """A card for the staff's API: with its author's pseudonymous id."""
    return dict(card_dict(card), author=card.participant_id)


def authored_by(session: Session, participant: Participant) -> list[int]:
    """The ids of the participant's own cards."""
    return list(session.scalars(select(Card.id).where(Card.participant_id == participant.id)
                                .order_by(Card.id)))


def post_card(session: Session, workshop: Workshop, participant: Participant, client_id,
              axis, kind, text, parent=None, sequence=None) -> tuple[Card, bool, list]:
    """Store a card once per (participant, client_id). Returns (card, created, events).

    Re-sending a client id already stored returns the stored card unchanged, even
    while posting is locked: the phone must be able to clear its outbox.
    """
    if not isinstance(client_id, str) or not 0 < len(client_id) <= CLIENT_ID_MAX:
        raise ServiceError("invalid_client_id")
    existing = _by_client_id(session, participant, client_id)
    if existing is not None:
        return existing, False, []
    if workshop.locked:
        raise Conflict("locked")
    quotas.check(session, Card, workshop.id, quotas.CARDS_PER_WORKSHOP, participant.id,
                 quotas.CARDS_PER_PARTICIPANT)
    if kind not in KINDS:
        raise ServiceError("unknown_kind")
    text = clean_text(text)
    if kind == "answer":
        return _post_answer(session, workshop, participant, client_id, sequence, text, parent)
    axis_row = get_axis(session, workshop, axis)
    parent_card = None
    if parent is not None:
        parent_card = _card(session, workshop, parent, error=ServiceError("unknown_parent"))
        if kind != "limit" or parent_card.kind != "lever" or parent_card.axis_id != axis_row.id:
            raise ServiceError("invalid_parent")
    card = Card(workshop_id=workshop.id, axis_id=axis_row.id, kind=kind, text=text,
                parent_id=parent_card.id if parent_card else None,
                participant_id=participant.id, client_id=client_id)
    return _store_new(session, workshop, participant, client_id, card)


def _post_answer(session, workshop, participant, client_id, sequence, text, parent):
    """An answer card on a question board: one column, no parent."""
    if parent is not None:
        raise ServiceError("invalid_parent")
    sequence_row = get_sequence(session, workshop, sequence, "question_board")
    card = Card(workshop_id=workshop.id, sequence_id=sequence_row.id, kind="answer", text=text,
                participant_id=participant.id, client_id=client_id)
    return _store_new(session, workshop, participant, client_id, card)


def _store_new(session, workshop, participant, client_id, card):
    session.add(card)
    try:
        session.flush()
    except IntegrityError:  # the same client id raced in from another connection
        session.rollback()
        return _by_client_id(session, participant, client_id), False, []
    event = events.record(session, workshop, "card", card_dict(card))
    session.commit()
    return card, True, [event]


def edit_own_card(session: Session, workshop: Workshop, participant: Participant, card_id, text):
    card = _own_card(session, workshop, participant, card_id)
    if workshop.locked:
        raise Conflict("locked")
    card.text = clean_text(text)
    event = events.record(session, workshop, "card", card_dict(card))
    session.commit()
    return card, [event]


def delete_own_card(session: Session, workshop: Workshop, participant: Participant, card_id):
    card = _own_card(session, workshop, participant, card_id)
    if workshop.locked:
        raise Conflict("locked")
    return _delete(session, workshop, card)


def _delete(session, workshop, card):
    answers = list(session.scalars(select(Card).where(Card.parent_id == card.id)))
    recorded = _unspotlit(session, workshop, card)
    session.delete(card)
    session.flush()
    recorded.append(events.record(session, workshop, "card_deleted", {"id": card.id}))
    for answer in answers:  # replies stay, now unattached
        session.refresh(answer)
        recorded.append(events.record(session, workshop, "card", card_dict(answer)))
    session.commit()
    return recorded


def support(session: Session, workshop: Workshop, participant: Participant, card_id,
            on: bool = True):
    """Add or withdraw the participant's +1; idempotent either way."""
    card = _card(session, workshop, card_id)
    if card.hidden:
        raise NotFound("unknown_card")
    exists = session.get(Support, (card.id, participant.id)) is not None
    if bool(on) == exists:
        return card, []
    if on:
        session.add(Support(card_id=card.id, participant_id=participant.id))
        delta = 1
    else:
        session.execute(delete(Support).where(Support.card_id == card.id,
                                              Support.participant_id == participant.id))
        delta = -1
    session.execute(update(Card).where(Card.id == card.id)
                    .values(supports=Card.supports + delta))
    session.refresh(card)
    event = events.record(session, workshop, "card", card_dict(card))
    session.commit()
    return card, [event]


def supported_by(session: Session, participant: Participant) -> list[int]:
    return list(session.scalars(select(Support.card_id)
                                .where(Support.participant_id == participant.id)))


def moderate(session: Session, workshop: Workshop, card_id, hidden=None, verbatim=None,
             text=None, delete_card: bool = False):
    """Facilitator moderation: hide/restore, star a verbatim, fix a typo, delete."""
    card = _card(session, workshop, card_id)
    if delete_card:
        return card, _delete(session, workshop, card)
    for name, value in (("hidden", hidden), ("verbatim", verbatim)):
        if value is not None:
            if not isinstance(value, bool):
                raise ServiceError(f"invalid_{name}")
            setattr(card, name, value)
    if text is not None:
        card.text = clean_text(text)
    recorded = [events.record(session, workshop, "card", card_dict(card))]
    if card.hidden:
        recorded += _unspotlit(session, workshop, card)
    session.commit()
    return card, recorded


def _unspotlit(session, workshop, card) -> list:
    """A card hidden or deleted leaves the projection: its board comes back (the `state`)."""
    if workshop.spotlight_card_id != card.id:
        return []
    end_spotlight(session, workshop)
    return [events.record(session, workshop, "state", state_dict(workshop))]


def list_cards(session: Session, workshop: Workshop, axis=None,
               include_hidden: bool = True, sequence=None) -> list[Card]:
    """Cards of the workshop (axis boards and question boards), or of one axis / one sequence."""
    query = select(Card).where(Card.workshop_id == workshop.id)
    if axis is not None:
        query = query.where(Card.axis_id == get_axis(session, workshop, axis).id)
    if sequence is not None:
        query = query.where(
            Card.sequence_id == get_sequence(session, workshop, sequence, "question_board").id)
    if not include_hidden:
        query = query.where(Card.hidden.is_(False))
    return list(session.scalars(query.order_by(Card.id)))


def _by_client_id(session, participant, client_id) -> Card | None:
    return session.scalar(select(Card).where(Card.participant_id == participant.id,
                                             Card.client_id == client_id))


def _card(session, workshop, card_id, error=None) -> Card:
    card = session.get(Card, card_id) if _is_int(card_id) else None
    if card is None or card.workshop_id != workshop.id:
        raise error or NotFound("unknown_card")
    return card


def _own_card(session, workshop, participant, card_id) -> Card:
    card = _card(session, workshop, card_id)
    if card.participant_id != participant.id:
        raise Forbidden("not_your_card")
    return card


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def shared_part(session: Session, workshop: Workshop, viewer: str) -> dict:
    """The cards this viewer may see: hidden ones for the staff only. A phone gets those it
    shows now — the current axis's and the current question board's — and asks for others
    when the room moves (`board_cards`): a room's every card is too much for a weak Wi-Fi."""
    query = select(Card).where(Card.workshop_id == workshop.id)
    if viewer != "staff":
        query = query.where(Card.hidden.is_(False))
    if viewer == "participant":
        shown = [column == value for column, value in ((Card.axis_id, workshop.current_axis_id),
                 (Card.sequence_id, workshop.current_sequence_id)) if value is not None]
        query = query.where(or_(false(), *shown))
    return {"cards": [card_dict(c) for c in session.scalars(query.order_by(Card.id))]}


def visible_cards(session: Session, workshop: Workshop, include_hidden: bool = False) -> list[dict]:
    """Every card of the workshop as a screen gets it (hidden ones only when asked)."""
    return [card_dict(c) for c in list_cards(session, workshop, include_hidden=include_hidden)]


def board_cards(session: Session, workshop: Workshop, axis=None, sequence=None) -> dict:
    """The visible cards of one axis or one question board, for a phone that moved there;
    each carries the room's number, so a newer event about a card wins over this answer."""
    seq = workshop.last_seq
    found = list_cards(session, workshop, axis=axis, sequence=sequence, include_hidden=False)
    return {"seq": seq, "cards": [dict(card_dict(c), seq=seq) for c in found]}


# The columns naming a participant's own rows, for the snapshot's one probe (snapshot.py).
OWN_ROWS = (Support.participant_id, Card.participant_id)


def personal_part(session: Session, workshop: Workshop, participant: Participant,
                  has_rows: bool = True) -> dict:
    if not has_rows:
        return {"my_supports": [], "my_cards": []}
    return {"my_supports": supported_by(session, participant),
            "my_cards": authored_by(session, participant)}
