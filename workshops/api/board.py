"""API: cards of the « Levier / Oui, mais… » board, and the participant's view of the room."""
from flask import jsonify, request

from workshops.api import body, bp, participant_workshop, staff_workshop
from workshops.extensions import db_session, shared_parts
from workshops.realtime import broadcast
from workshops.services.board import cards
from workshops.services.snapshot import snapshot


@bp.post("/v1/workshops/<code>/cards")
def post_card(code):
    workshop, participant = participant_workshop(code)
    data = body()
    card, created, events = cards.post_card(
        db_session(), workshop, participant, data.get("client_id"), data.get("axis"),
        data.get("kind"), data.get("text"), data.get("parent"), sequence=data.get("sequence"))
    broadcast(events)
    return jsonify(cards.card_dict(card)), 201 if created else 200


@bp.get("/v1/workshops/<code>/cards")
def list_cards(code):
    workshop, _role = staff_workshop(code)
    axis, sequence = request.args.get("axis"), request.args.get("sequence")
    found = cards.list_cards(db_session(), workshop, axis=axis or None, sequence=sequence or None)
    return jsonify([cards.card_dict(c) for c in found])


@bp.patch("/v1/workshops/<code>/cards/<int:card_id>")
def edit_card(code, card_id):
    workshop, participant = participant_workshop(code)
    card, events = cards.edit_own_card(db_session(), workshop, participant, card_id,
                                       body().get("text"))
    broadcast(events)
    return jsonify(cards.card_dict(card))


@bp.delete("/v1/workshops/<code>/cards/<int:card_id>")
def delete_card(code, card_id):
    workshop, participant = participant_workshop(code)
    broadcast(cards.delete_own_card(db_session(), workshop, participant, card_id))
    return "", 204


@bp.put("/v1/workshops/<code>/cards/<int:card_id>/support")
def support_card(code, card_id):
    return _support(code, card_id, True)


@bp.delete("/v1/workshops/<code>/cards/<int:card_id>/support")
def unsupport_card(code, card_id):
    return _support(code, card_id, False)


def _support(code, card_id, on):
    workshop, participant = participant_workshop(code)
    card, events = cards.support(db_session(), workshop, participant, card_id, on)
    broadcast(events)
    return jsonify(cards.card_dict(card))


@bp.post("/v1/workshops/<code>/cards/<int:card_id>/moderation")
def moderate_card(code, card_id):
    workshop, _role = staff_workshop(code)
    data = body()
    card, events = cards.moderate(db_session(), workshop, card_id, hidden=data.get("hidden"),
                                  verbatim=data.get("verbatim"), text=data.get("text"),
                                  delete_card=data.get("delete") is True)
    broadcast(events)
    if data.get("delete") is True:
        return "", 204
    return jsonify(cards.card_dict(card))


@bp.get("/v1/workshops/<code>/board")
def participant_board(code):
    """Everything a phone shows, as the snapshot the socket sends (seq included)."""
    workshop, participant = participant_workshop(code)
    return jsonify(seq=workshop.last_seq,
                   snapshot=snapshot(db_session(), workshop, "participant", participant,
                                     shared_parts()))
