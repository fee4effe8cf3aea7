"""The operation table: every operation of a workshop declared once.

An `Operation` says who may call it (the roles for *that* workshop), what input it takes
(a pydantic model), what it runs (a function over a `Caller` and that input, calling a
service) and what its result looks like; its `Rest` bindings and its `Event` binding say how
REST (`api/operations.py`) and Socket.IO (`realtime/operations.py`) expose it. The OpenAPI
document, `docs/realtime.md`'s event tables and the authorization test are made from the
same declarations (`operations/table.py` lists them all).

The transports resolve the caller and hand the raw input to `Operation.call`; an operation
never reads the request. Room events go out after the commit through one hook
(`services/events.py`), so an operation never broadcasts anything itself.
"""
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Callable

from pydantic import BaseModel, ConfigDict, ValidationError, WithJsonSchema, field_validator
from sqlalchemy.orm import Session

from workshops.models import Account, Participant, Workshop
from workshops.services.base import bounds
from workshops.services.base.errors import ServiceError
from workshops.services.snapshot import SharedParts

# Who may call, for the workshop named in the call.
PARTICIPANT = "participant"  # a participant's token of that workshop
PROJECTION = "projection"    # the workshop's projection key
FACILITATOR = "facilitator"  # a co-facilitator's account
ORGANISER = "organiser"      # the owner's account
PUBLIC = "public"            # anyone (who knows the code, for a workshop's operation)
ACCOUNT = "account"          # any organiser's account, for their own things (no workshop)
STAFF = frozenset({ORGANISER, FACILITATOR})
SCREENS = frozenset({PARTICIPANT, PROJECTION, ORGANISER, FACILITATOR})
ROLES = frozenset({PARTICIPANT, PROJECTION, FACILITATOR, ORGANISER, PUBLIC, ACCOUNT})


class OnError:
    """Field metadata: the error (code, status, message parameters) when that field's value
    is refused — the one the service would raise for it."""

    def __init__(self, code: str, status: int = 400, **params):
        self.code, self.status, self.params = code, status, params

    def error(self) -> ServiceError:
        return ServiceError(self.code, status=self.status, **self.params)


def checked_by_service(schema: dict):
    """A field whose value the service judges (it takes several JSON types, or its message
    depends on the workshop): any JSON value passes, `schema` documents what is expected."""
    return Annotated[Any, WithJsonSchema(schema)]


class Input(BaseModel):
    """Base of every operation's input: strict JSON types, unknown fields ignored, every
    value within the bounds of all input (services/base/bounds.py: integers the database
    holds, finite numbers, texts without control characters) — a query string's or a path's
    too, which no JSON reader has seen."""

    model_config = ConfigDict(strict=True, extra="ignore", frozen=True)

    @field_validator("*", mode="after")
    @classmethod
    def _within_bounds(cls, value):
        return bounds.clean(value)


class NoInput(Input):
    """An operation that takes nothing but the workshop."""


class Notices:
    """What an operation tells the live room besides its room events, coalesced to once a
    second (realtime/coalesce.py provides them; here they do nothing, as in unit tests)."""

    def presence_changed(self, workshop_id: int) -> None:
        """« Who is in » changed."""

    def attended(self, caller: "Caller") -> None:
        """A participant's phone is in the room (attendance of the day in progress)."""

    def day_opened(self, workshop_id: int, day_id: int) -> None:
        """The room moved to another day: the phones connected now count for it."""


@dataclass
class Caller:
    """Who calls, for which workshop: what an operation's function gets besides its input."""

    session: Session
    workshop: Workshop | None  # None for an account's own things (formats, workshops list)
    role: str  # one of ROLES
    participant: Participant | None = None
    account: Account | None = None
    snapshots: SharedParts | None = None  # the app's memo of the rooms' shared snapshot parts
    notices: "Notices" = None  # set in __post_init__

    def __post_init__(self):
        if self.notices is None:
            self.notices = Notices()

    @property
    def kind(self) -> str:
        """The kind of screen: participant, projection or staff (public: nobody's screen)."""
        return "staff" if self.role in STAFF else self.role


@dataclass(frozen=True)
class Rest:
    """One REST route of an operation (relative to /api, with Flask converters).

    `path` variables other than `code` become input fields (`fields` renames them);
    `fixed` adds input the route implies; the input comes from a JSON body for POST, PUT
    and PATCH unless `body=False`, from the query string with `query`. A body that is not
    a JSON object: `whole` names the input field that takes the whole JSON value (an
    archive, whatever its type); `upload` lists the media types of a body that is not JSON
    — `multipart/form-data` (`FORM`) gives its fields, and its files' bytes, as input, any
    other the body's bytes as the input field `file`. `reply(result)` gives (body, status) —
    `""` as body for no content (a 204 has none); `responses` (status → description) documents the
    answers, `content` the media type(s) of a successful one (a `Download`'s).
    """

    method: str
    path: str
    summary: str
    status: int = 200
    fields: dict[str, str] = field(default_factory=dict)
    fixed: dict[str, Any] = field(default_factory=dict)
    query: bool = False
    body: bool | None = None
    reply: Callable[[Any], tuple[Any, int]] | None = None
    responses: dict[int, str] = field(default_factory=dict)
    content: str | tuple[str, ...] = "application/json"  # of a successful answer
    whole: str = ""
    upload: tuple[str, ...] = ()

    @property
    def takes_body(self) -> bool:
        if self.body is not None:
            return self.body
        return self.method in ("POST", "PUT", "PATCH") and not self.query

    def answer(self, result) -> tuple[Any, int]:
        return self.reply(result) if self.reply else (result, self.status)


def as_is(result) -> dict:
    return result


@dataclass(frozen=True)
class Event:
    """A Socket.IO event of the operation: `ack(result)` is what the acknowledgement adds to
    `{ok: true}`; `fixed` adds input the event implies (`timer:start` → action "start").
    `doc` describes the acknowledgement and `data` the input, for docs/realtime.md (by
    default the input model's fields)."""

    name: str
    ack: Callable[[Any], dict] = lambda result: {}
    doc: str = ""
    fixed: dict[str, Any] = field(default_factory=dict)
    data: str = ""


FORM = "multipart/form-data"


@dataclass(frozen=True)
class Download:
    """A result sent as a file (REST only): its content, or the `Path` of a file kept on
    disk (then sent as Flask's `send_file` does: conditional requests, its name unquoted
    when it can be)."""

    data: str | bytes | Path
    mimetype: str
    filename: str


@dataclass(frozen=True)
class Operation:
    name: str
    allow: frozenset[str]
    input: type[Input]
    run: Callable[[Caller, Any], Any]
    summary: str
    # The result's shape, for the docs: a pydantic model, `list[Model]`, or the name of a
    # schema of the hand-written components (workshops/api/openapi.yaml).
    output: Any = None
    rest: tuple[Rest, ...] = ()
    events: tuple[Event, ...] = ()
    # The room events this operation may record (their types), for docs/realtime.md.
    emits: tuple[str, ...] = ()
    # Error statuses besides 400 (bad input), 401/403 (caller) and 404 (workshop, entity).
    errors: tuple[int, ...] = ()

    def __post_init__(self):
        unknown = set(self.allow) - ROLES
        if not self.allow or unknown:
            raise ValueError(f"{self.name}: who may call it? {sorted(unknown) or 'nobody'}")

    def endpoint(self, binding: Rest) -> str:
        """The route's endpoint name (and OpenAPI operationId)."""
        name = self.name.replace(".", "_")
        return name + ("_" + binding.method.lower() if len(self.rest) > 1 else "")

    def parse(self, data: dict) -> Input:
        """The validated input, or the ServiceError its first refused field declares."""
        try:
            return self.input.model_validate(data)
        except ValidationError as error:
            raise input_error(self.input, error) from None

    def call(self, caller: Caller, data: dict):
        """Run the operation; a participant who calls (syncs, reads, acts) is in the room
        that day (services/room/attendance.py)."""
        result = self.run(caller, self.parse(data))
        if caller.participant is not None:
            caller.notices.attended(caller)
        return result


def input_error(model: type[Input], error: ValidationError) -> ServiceError:
    first = error.errors()[0]
    name = first["loc"][0] if first["loc"] else None
    info = model.model_fields.get(name) if isinstance(name, str) else None
    marker = next((m for m in (info.metadata if info else ()) if isinstance(m, OnError)), None)
    return marker.error() if marker else ServiceError("invalid_body")
