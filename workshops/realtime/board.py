"""Socket.IO handlers of the « Levier / Oui, mais… » board."""
from workshops.realtime import handler
from workshops.services.board import cards
from workshops.services.room import workshops

STAFF = ("staff",)
PARTICIPANT = ("participant",)


def register(socketio):
    @handler(socketio, "card:post", PARTICIPANT)
    def post(ctx, data):
        card, created, events = cards.post_card(
            ctx.session, ctx.workshop, ctx.participant, data.get("client_id"),
            data.get("axis"), data.get("kind"), data.get("text"), data.get("parent"),
            sequence=data.get("sequence"))
        return {"card": cards.card_dict(card), "created": created}, events

    @handler(socketio, "card:edit", PARTICIPANT)
    def edit(ctx, data):
        card, events = cards.edit_own_card(ctx.session, ctx.workshop, ctx.participant,
                                           data.get("id"), data.get("text"))
        return {"card": cards.card_dict(card)}, events

    @handler(socketio, "card:delete", PARTICIPANT)
    def remove(ctx, data):
        return {}, cards.delete_own_card(ctx.session, ctx.workshop, ctx.participant,
                                         data.get("id"))

    @handler(socketio, "card:support", PARTICIPANT)
    def support(ctx, data):
        card, events = cards.support(ctx.session, ctx.workshop, ctx.participant,
                                     data.get("id"), bool(data.get("on", True)))
        return {"card": cards.card_dict(card)}, events

    @handler(socketio, "card:moderate", STAFF)
    def moderate(ctx, data):
        card, events = cards.moderate(
            ctx.session, ctx.workshop, data.get("id"), hidden=data.get("hidden"),
            verbatim=data.get("verbatim"), text=data.get("text"),
            delete_card=data.get("delete") is True)
        return {"card": cards.card_dict(card)}, events

    @handler(socketio, "state:set", STAFF)
    def set_state(ctx, data):
        event = workshops.set_state(ctx.session, ctx.workshop, axis=data.get("axis"),
                                    locked=data.get("locked"), view=data.get("view"))
        return {"state": workshops.state_dict(ctx.workshop)}, [event]
