"""Socket.IO handlers of the question board's extras, private writing, polls and the feedback form.

Question-board answers use the board's `card:*` events (kind "answer", with `sequence`).
A participant's own writing travels only in the acknowledgement of `writing:save` (to that
socket alone): nothing about its text is broadcast or logged before reveal.
"""
from workshops.operations import PARTICIPANT as PARTICIPANT_ROLE, SCREENS, STAFF
from workshops.realtime import handler
from workshops.services import feedback, polls, writing

EVERYONE = SCREENS
PARTICIPANT = frozenset({PARTICIPANT_ROLE})


def register(socketio):
    @handler(socketio, "writing:save", PARTICIPANT)
    def save_writing(ctx, data):
        row, _events = writing.save(ctx.session, ctx.workshop, ctx.participant,
                                   data.get("sequence"), data.get("text"))
        return {"writing": writing.writing_dict(row)}

    @handler(socketio, "writing:reveal", STAFF)
    def reveal(ctx, data):
        state, _events = writing.reveal(ctx.session, ctx.workshop, data.get("sequence"),
                                       data.get("revealed"))
        return {"state": state}

    @handler(socketio, "writing:texts", EVERYONE)
    def texts(ctx, data):
        return {"texts": writing.texts(ctx.session, ctx.workshop, data.get("sequence"))}

    @handler(socketio, "poll:vote", PARTICIPANT)
    def vote(ctx, data):
        choices, _events = polls.vote(ctx.session, ctx.workshop, ctx.participant,
                                     data.get("poll"), data.get("choices"))
        return {"poll": data.get("poll"), "choices": choices}

    @handler(socketio, "poll:open", STAFF)
    def open_poll(ctx, data):
        result, _events = polls.set_open(ctx.session, ctx.workshop, data.get("poll"),
                                        data.get("open"))
        return {"poll": result}

    @handler(socketio, "feedback:configure", STAFF)
    def configure(ctx, data):
        status, _events = feedback.configure(ctx.session, ctx.workshop, open_=data.get("open"),
                                            valid_days=data.get("valid_days"))
        return {"feedback": status}

    @handler(socketio, "feedback:summary", STAFF)
    def summary(ctx, data):
        return {"summary": feedback.summary(ctx.session, ctx.workshop)}
