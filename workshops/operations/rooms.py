"""Accounts' tokens, workshops and their facilitators, participants joining, presence."""
from typing import Annotated

from pydantic import BaseModel, Field

from workshops.operations import (ACCOUNT, ORGANISER, PUBLIC, STAFF, Caller, Input, NoInput,
                                  OnError, Operation, Rest, checked_by_service)
from workshops.services.agenda import custom_formats
from workshops.services.base.errors import ServiceError
from workshops.services.groups.groups import place_latecomer
from workshops.services.room import accounts, participants, workshops
from workshops.urls import facilitator_url, join_url, projection_url

BASE = "/v1/workshops/<code>"
ANYONE = frozenset({PUBLIC})
Text = checked_by_service({"type": "string"})


class Token(BaseModel):
    token: str = Field(description="org_…, for `Authorization: Bearer`")


class TokenEntry(BaseModel):
    id: int
    created_at: str
    expires_at: str = Field(description="the token stops working then")


class TokenRef(Input):
    id: Annotated[int | None, OnError("unknown_token", 404)] = None


class WorkshopLinks(BaseModel):
    code: str
    join_url: str = Field(description="what the QR code encodes")
    projection_url: str = Field(description="opens the projection without logging in "
                                            "(carries its own key)")
    facilitator_url: str


class WorkshopEntry(WorkshopLinks):
    title: str
    role: str = Field(description="organiser or facilitator")


class Joined(BaseModel):
    id: int
    token: str = Field(description="part_…, shown once: the phone keeps it")


class Credentials(Input):
    email: Text = None
    password: Text = None


class NewWorkshop(Input):
    format: Annotated[Text, Field(description="a built-in format's id, or \"custom:<id>\" for "
                                              "one of the caller's own")] = None
    title: Annotated[Text, Field(description="default: the format's title")] = None


class AxisChange(Input):
    id: int | None = None
    title: str = ""
    description: str | None = None


class WorkshopChange(Input):
    title: Annotated[str | None, OnError("invalid_title"),
                     Field(description=f"at most {workshops.TITLE_MAX} characters")] = None
    axes: Annotated[list[AxisChange] | None, OnError("invalid_axes"),
                    Field(description="title/description by id; new axes have no id; at most "
                                      f"{workshops.AXES_MAX} axes in all")] = None


class NewFacilitator(Input):
    email: Annotated[Text, Field(description="an existing account's address")] = None


class InvitationRef(Input):
    workshop: Annotated[str | None, OnError("no_invitation", 404),
                        Field(description="the inviting workshop's code")] = None


class Invitation(BaseModel):
    code: str
    title: str


class Joining(Input):
    organisation: Text = None
    organisation_type: Annotated[Text, Field(description="a key of the format's list")] = None
    profession: Annotated[Text, Field(description="a key of the format's list")] = None
    display_name: Annotated[Text, Field(description="optional")] = None


def workshop_links(workshop) -> dict:
    return {"code": workshop.code, "join_url": join_url(workshop),
            "projection_url": projection_url(workshop),
            "facilitator_url": facilitator_url(workshop)}


def create_token(caller: Caller, data: Credentials):
    account = accounts.authenticate(caller.session, str(data.email or ""),
                                    str(data.password or ""))
    if account is None:
        raise ServiceError("bad_credentials", status=401)
    return {"token": accounts.issue_token(caller.session, account)}


def list_tokens(caller: Caller, _data: NoInput):
    return accounts.tokens_of(caller.session, caller.account)


def revoke_token(caller: Caller, data: TokenRef):
    accounts.revoke_token(caller.session, caller.account, data.id)


def create_workshop(caller: Caller, data: NewWorkshop):
    fmt = custom_formats.resolve(caller.session, caller.account, str(data.format or ""))
    title = data.title if isinstance(data.title, str) else ""
    return workshop_links(workshops.create_workshop(caller.session, caller.account, title, fmt))


def list_workshops(caller: Caller, _data: NoInput):
    return [dict(workshop_links(w), title=w.title, role=role)
            for w, role in workshops.workshops_of(caller.session, caller.account)]


def get_workshop(caller: Caller, _data: NoInput):
    return dict(workshops.workshop_dict(caller.workshop), **workshop_links(caller.workshop))


def update_workshop(caller: Caller, data: WorkshopChange):
    axes = None if data.axes is None else [axis.model_dump() for axis in data.axes]
    workshops.update_workshop(caller.session, caller.workshop, title=data.title, axes=axes)
    return workshops.workshop_dict(caller.workshop)


def add_facilitator(caller: Caller, data: NewFacilitator):
    email = accounts.normalise_email(str(data.email or ""))
    workshops.invite_facilitator(caller.session, caller.workshop, email)
    return {"email": email, "role": workshops.INVITED}


def list_invitations(caller: Caller, _data: NoInput):
    return [{"code": w.code, "title": w.title}
            for w in workshops.invitations_of(caller.session, caller.account)]


def _answer_invitation(accept: bool):
    def answer(caller: Caller, data: InvitationRef):
        workshop = workshops.get_workshop(caller.session, data.workshop or "")
        workshops.answer_invitation(caller.session, workshop, caller.account, accept)
        return {"code": workshop.code, "role": "facilitator" if accept else None}
    return answer


def join(caller: Caller, data: Joining):
    participant, token = participants.join(
        caller.session, caller.workshop, organisation=data.organisation,
        organisation_type=data.organisation_type, profession=data.profession,
        display_name=data.display_name)
    place_latecomer(caller.session, caller.workshop, participant)
    caller.notices.presence_changed(caller.workshop.id)
    return {"id": participant.id, "token": token}


def presence(caller: Caller, _data: NoInput):
    return participants.presence(caller.session, caller.workshop)


def join_info(caller: Caller, _data: NoInput):
    fmt = caller.workshop.format_data
    return {"code": caller.workshop.code, "title": caller.workshop.title,
            "organisation_types": fmt.get("organisation_types", []),
            "professions": fmt.get("professions", [])}


OPERATIONS = (
    Operation(
        "token.create", ANYONE, Credentials, create_token, "Get an organiser token",
        output=Token, errors=(401,),
        rest=(Rest("POST", "/v1/tokens", "Get an organiser token", status=201),)),
    Operation(
        "token.list", frozenset({ACCOUNT}), NoInput, list_tokens,
        f"The caller's API tokens still valid (each lasts {accounts.TOKEN_LIFETIME.days} "
        "days), never their secret", output=list[TokenEntry],
        rest=(Rest("GET", "/v1/tokens", "The caller's API tokens"),)),
    Operation(
        "token.revoke", frozenset({ACCOUNT}), TokenRef, revoke_token,
        "Revoke one of the caller's API tokens: it stops working at once",
        rest=(Rest("DELETE", "/v1/tokens/<int:token_id>", "Revoke an API token", status=204,
                   fields={"token_id": "id"}, responses={204: "Revoked"}),)),
    Operation(
        "workshop.create", frozenset({ACCOUNT}), NewWorkshop, create_workshop,
        "Create a workshop from a format", output=WorkshopLinks,
        rest=(Rest("POST", "/v1/workshops", "Create a workshop from a format", status=201),)),
    Operation(
        "workshop.list", frozenset({ACCOUNT}), NoInput, list_workshops,
        "The caller's workshops, with their role", output=list[WorkshopEntry],
        rest=(Rest("GET", "/v1/workshops", "The caller's workshops"),)),
    Operation(
        "workshop.get", STAFF, NoInput, get_workshop, "The workshop, its axes and state",
        output="Workshop", rest=(Rest("GET", BASE, "The workshop"),)),
    Operation(
        "workshop.update", STAFF, WorkshopChange, update_workshop,
        "Edit the title and the axes; every screen is told", output="Workshop",
        emits=("workshop",), rest=(Rest("PATCH", BASE, "Edit the title and the axes"),)),
    Operation(
        "facilitator.add", frozenset({ORGANISER}), NewFacilitator, add_facilitator,
        "Invite an account to co-facilitate (organiser only); the same answer whether the "
        "address has an account or not. The workshop is theirs once they accept.",
        rest=(Rest("POST", BASE + "/facilitators", "Invite a co-facilitator", status=201),)),
    Operation(
        "invitation.list", frozenset({ACCOUNT}), NoInput, list_invitations,
        "The workshops that invited the caller to co-facilitate", output=list[Invitation],
        rest=(Rest("GET", "/v1/invitations", "Invitations awaiting the caller's answer"),)),
    Operation(
        "invitation.accept", frozenset({ACCOUNT}), InvitationRef, _answer_invitation(True),
        "Accept an invitation: the caller becomes a co-facilitator",
        rest=(Rest("POST", "/v1/invitations/<workshop>", "Accept an invitation",
                   body=False),)),
    Operation(
        "invitation.decline", frozenset({ACCOUNT}), InvitationRef, _answer_invitation(False),
        "Decline an invitation",
        rest=(Rest("DELETE", "/v1/invitations/<workshop>", "Decline an invitation"),)),
    Operation(
        "participant.join", ANYONE, Joining, join,
        "Join from a phone: the participant's token (shown once)", output=Joined,
        emits=("groups",),
        rest=(Rest("POST", BASE + "/participants", "Join the workshop", status=201),)),
    Operation(
        "presence.get", STAFF, NoInput, presence,
        "Who is in (counts by organisation type and profession)", output="Presence",
        rest=(Rest("GET", BASE + "/presence", "Who is in"),)),
    Operation(
        "workshop.join_info", ANYONE, NoInput, join_info,
        "What the phone's join form needs; public to anyone holding the code",
        rest=(Rest("GET", BASE + "/join-info", "What the join form needs"),)),
)
