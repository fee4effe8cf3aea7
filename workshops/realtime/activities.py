"""Socket.IO handlers of the question board's extras, private writing, polls and the feedback form.

Question-board answers use the board's `card:*` events (kind "answer", with `sequence`).
A participant's own writing travels only in the acknowledgement of `writing:save` (to that
socket alone): nothing about its text is broadcast or logged before reveal.
"""
from workshops.realtime import handler
from workshops.services.activities import feedback, polls, writing

STAFF = ("staff",)
PARTICIPANT = ("participant",)
EVERYONE = ("participant", "projection", "staff")


def register(socketio):
    @handler(socketio, "writing:save", PARTICIPANT)
    def save_writing(ctx, data):
        row, events = writing.save(ctx.session, ctx.workshop, ctx.participant,
                                   data.get("sequence"), data.get("text"))
        return {"writing": writing.writing_dict(row)}, events

    @handler(socketio, "writing:reveal", STAFF)
    def reveal(ctx, data):
        state, events = writing.reveal(ctx.session, ctx.workshop, data.get("sequence"),
                                       data.get("revealed"))
        return {"state": state}, events

    @handler(socketio, "writing:texts", EVERYONE)
    def texts(ctx, data):
        return {"texts": writing.texts(ctx.session, ctx.workshop, data.get("sequence"))}, []

    @handler(socketio, "poll:vote", PARTICIPANT)
    def vote(ctx, data):
        choices, events = polls.vote(ctx.session, ctx.workshop, ctx.participant,
                                     data.get("poll"), data.get("choices"))
        return {"poll": data.get("poll"), "choices": choices}, events

    @handler(socketio, "poll:open", STAFF)
    def open_poll(ctx, data):
        result, events = polls.set_open(ctx.session, ctx.workshop, data.get("poll"),
                                        data.get("open"))
        return {"poll": result}, events

    @handler(socketio, "feedback:configure", STAFF)
    def configure(ctx, data):
        status, events = feedback.configure(ctx.session, ctx.workshop, open_=data.get("open"),
                                            valid_days=data.get("valid_days"))
        return {"feedback": status}, events

    @handler(socketio, "feedback:summary", STAFF)
    def summary(ctx, data):
        return {"summary": feedback.summary(ctx.session, ctx.workshop)}, []
