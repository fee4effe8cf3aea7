"""Workshops: creation from a format, editing, members, live room state."""
import secrets

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from workshops.models import Account, Axis, Card, Day, Sequence, Workshop, WorkshopMember
from workshops.services.base import events
from workshops.services.base.errors import Forbidden, NotFound, ServiceError
from workshops.services.base.tokens import new_code
from workshops.services.room.accounts import find_account, normalise_email
from workshops.services.room.position import allowed_axis_ids, current, state_part

VIEWS = ("join", "board", "blank", "sequence", "timer", "restitution",
         # the activities of services/activities/, each its own projection view
         "question_board", "individual_writing", "poll", "feedback_form")
VIEWS += ("groups", "wall")  # services/groups/
VIEWS += ("spotlight",)  # one card filling the projection (set_state's `spotlight`)
SORTS = ("time", "support")
PAGE_ACTIONS = ("next", "previous", "hold", "auto")
TITLE_MAX = 200
AXES_MAX = 30  # a workshop's axes (the built-in formats have 10)
DESCRIPTION_MAX = 2000
STAFF_ROLES = ("organiser", "facilitator")
INVITED = "invited"  # a membership the account has not accepted yet: no role at all


def create_workshop(session: Session, organiser: Account, title: str, fmt) -> Workshop:
    """A new workshop from a format (formats.Format): its axes become the workshop's own."""
    title = _clean_title(title or fmt.title)
    for _attempt in range(10):
        workshop = Workshop(
            code=new_code(), title=title, format_id=fmt.id, format_data=fmt.to_dict(),
            projection_key=secrets.token_urlsafe(18),
        )
        workshop.axes = [
            Axis(position=i, key=axis.key, title=axis.title, description=axis.description or "")
            for i, axis in enumerate(fmt.axes)
        ]
        workshop.members = [WorkshopMember(account_id=organiser.id, role="organiser")]
        workshop.days = _agenda_from_format(workshop, fmt)
        session.add(workshop)
        try:
            session.flush()
        except IntegrityError:  # join code already taken: draw another
            session.rollback()
            continue
        if workshop.axes:
            workshop.current_axis_id = workshop.axes[0].id
        session.commit()
        return workshop
    raise RuntimeError("could not draw a free workshop code")


def _agenda_from_format(workshop: Workshop, fmt) -> list[Day]:
    days = []
    for day_position, day in enumerate(fmt.days):
        row = Day(position=day_position, title=day.title, objective=day.objective or "")
        row.sequences = [
            Sequence(workshop=workshop, position=i, title=s.title, activity=s.activity, minutes=s.minutes,
                     instructions=s.instructions or "", question=s.question or "",
                     axis_keys=None if s.axes in (None, "all") else list(s.axes),
                     poll_key=s.poll, restitution_of=s.restitution_of)
            for i, s in enumerate(day.sequences)
        ]
        days.append(row)
    return days


def get_workshop(session: Session, code: str) -> Workshop:
    workshop = session.scalar(select(Workshop).where(Workshop.code == (code or "").strip().upper()))
    if workshop is None:
        raise NotFound("unknown_workshop")
    return workshop


def workshops_of(session: Session, account: Account) -> list[tuple[Workshop, str]]:
    rows = session.execute(
        select(Workshop, WorkshopMember.role)
        .join(WorkshopMember, WorkshopMember.workshop_id == Workshop.id)
        .where(WorkshopMember.account_id == account.id, WorkshopMember.role.in_(STAFF_ROLES))
        .order_by(Workshop.created_at.desc())
    )
    return [(w, role) for w, role in rows]


def role_of(session: Session, workshop: Workshop, account: Account | None) -> str | None:
    if account is None:
        return None
    return session.scalar(select(WorkshopMember.role).where(
        WorkshopMember.workshop_id == workshop.id, WorkshopMember.account_id == account.id,
        WorkshopMember.role.in_(STAFF_ROLES)))


def require_role(session: Session, workshop: Workshop, account: Account | None,
                 roles=STAFF_ROLES) -> str:
    role = role_of(session, workshop, account)
    if role not in roles:
        raise Forbidden("not_allowed")
    return role


def invite_facilitator(session: Session, workshop: Workshop, email: str) -> None:
    """Invite an account to co-facilitate: the workshop is theirs once they accept
    (`accept_invitation`). Whether the address has an account or not, the same happens for
    the caller — nothing tells them (no account enumeration)."""
    account = find_account(session, normalise_email(email))
    if account is not None and session.get(WorkshopMember, (workshop.id, account.id)) is None:
        session.add(WorkshopMember(workshop_id=workshop.id, account_id=account.id,
                                   role=INVITED))
    session.commit()


def invitations_of(session: Session, account: Account) -> list[Workshop]:
    """The workshops that invited this account and await its answer."""
    return list(session.scalars(
        select(Workshop).join(WorkshopMember, WorkshopMember.workshop_id == Workshop.id)
        .where(WorkshopMember.account_id == account.id, WorkshopMember.role == INVITED)
        .order_by(Workshop.created_at.desc())))


def answer_invitation(session: Session, workshop: Workshop, account: Account,
                      accept: bool) -> None:
    """Accept (the account becomes a co-facilitator) or decline an invitation."""
    member = session.get(WorkshopMember, (workshop.id, account.id))
    if member is None or member.role != INVITED:
        raise NotFound("no_invitation")
    if accept:
        member.role = "facilitator"
    else:
        session.delete(member)
    session.commit()


def remove_facilitator(session: Session, workshop: Workshop, account_id: int) -> None:
    member = session.get(WorkshopMember, (workshop.id, account_id))
    if member is None or member.role not in ("facilitator", INVITED):
        raise NotFound("no_such_account")
    session.delete(member)
    session.commit()


def members(session: Session, workshop: Workshop) -> list[WorkshopMember]:
    return list(session.scalars(
        select(WorkshopMember).where(WorkshopMember.workshop_id == workshop.id)
        .order_by(WorkshopMember.role.desc())))


def _clean_title(title: str) -> str:
    title = (title or "").strip()
    if not title:
        raise ServiceError("title_required")
    if len(title) > TITLE_MAX:
        raise ServiceError("title_too_long", max=TITLE_MAX)
    return title


def get_axis(session: Session, workshop: Workshop, axis_id) -> Axis:
    """The workshop's axis with this id (an int or a numeric string), or a 400."""
    axis_id = _int_or_none(axis_id)
    axis = session.get(Axis, axis_id) if axis_id is not None else None
    if axis is None or axis.workshop_id != workshop.id:
        raise ServiceError("unknown_axis")
    return axis


def workshop_dict(workshop: Workshop) -> dict:
    return {
        "code": workshop.code,
        "title": workshop.title,
        "format": workshop.format_id,
        "axes": [axis_dict(a) for a in workshop.axes],
        "state": state_dict(workshop),
    }


def axis_dict(axis: Axis) -> dict:
    return {"id": axis.id, "key": axis.key, "title": axis.title, "description": axis.description}


def state_dict(workshop: Workshop) -> dict:
    return {"axis": workshop.current_axis_id, "locked": workshop.locked, "view": workshop.view,
            "spotlight": workshop.spotlight_card_id, "sort": workshop.board_sort,
            "pages_held": workshop.pages_held, "page_turns": workshop.page_turns,
            **state_part(workshop)}


MEMBER_NAMES = ("initials", "first_names")


def update_workshop(session: Session, workshop: Workshop, title: str | None = None,
                    axes: list[dict] | None = None, member_names: str | None = None):
    """Edit the title and the axes (title/description by id; new axes have no id).

    Allowed before and during the day; every screen is told (event `workshop`).
    """
    if title is not None:
        workshop.title = _clean_title(title)
    if member_names is not None:
        if member_names not in MEMBER_NAMES:
            raise ServiceError("unknown_member_names")
        workshop.member_names = member_names
    if axes is not None:
        existing = {a.id: a for a in workshop.axes}
        new = sum(1 for item in axes if not isinstance(item, dict) or item.get("id") is None)
        if len(existing) + new > AXES_MAX:
            raise ServiceError("too_many_axes", max=AXES_MAX)
        for position, item in enumerate(axes):
            if not isinstance(item, dict):
                raise ServiceError("invalid_axes")
            axis_title = _clean_title(item.get("title", ""))
            description = str(item.get("description") or "").strip()
            if len(description) > DESCRIPTION_MAX:
                raise ServiceError("description_too_long", max=DESCRIPTION_MAX)
            if item.get("id") is not None:
                axis = existing.get(_int_or_none(item["id"]))
                if axis is None:
                    raise ServiceError("unknown_axis")
            else:
                axis = Axis(workshop_id=workshop.id, key=f"custom-{len(existing) + position + 1}")
                workshop.axes.append(axis)
            axis.title, axis.description, axis.position = axis_title, description, position
    event = events.record(session, workshop, "workshop", workshop_dict(workshop))
    session.commit()
    return event


def set_state(session: Session, workshop: Workshop, axis=None, locked=None, view=None,
              spotlight=None, sort=None, page=None):
    """Change what the room is doing: current axis, posting locked, what the projection shows.

    `spotlight` (a card's id) fills the projection with that card, 0 goes back to its board;
    `sort` orders the projected cards by time or support; `page` turns the projection's
    pages (next, previous) or holds them (hold, auto: they turn by themselves again).
    """
    if axis is not None:
        axis_id = get_axis(session, workshop, axis).id
        allowed = allowed_axis_ids(workshop, current(session, workshop)[1])
        if allowed and axis_id not in allowed:
            raise ServiceError("axis_not_in_sequence")
        if axis_id != workshop.current_axis_id:
            end_spotlight(session, workshop)  # the spotlit card is of the axis left
        workshop.current_axis_id = axis_id
    if locked is not None:
        if not isinstance(locked, bool):
            raise ServiceError("invalid_locked")
        workshop.locked = locked
    if view is not None:
        if view not in VIEWS:
            raise ServiceError("unknown_view")
        if view != "spotlight":
            workshop.spotlight_card_id = None
        workshop.view = view
    if spotlight is not None:
        _spotlight(session, workshop, spotlight)
    if sort is not None:
        if sort not in SORTS:
            raise ServiceError("unknown_sort")
        workshop.board_sort = sort
    if page is not None:
        _turn(workshop, page)
    event = events.record(session, workshop, "state", state_dict(workshop))
    session.commit()
    return event


def _spotlight(session: Session, workshop: Workshop, card_id) -> None:
    """One visible card of this room on the whole projection; 0 puts its board back."""
    if card_id == 0:
        end_spotlight(session, workshop)
        return
    card = session.get(Card, card_id) if _int_or_none(card_id) is not None else None
    if card is None or card.workshop_id != workshop.id or card.hidden:
        raise ServiceError("unknown_card")
    workshop.spotlight_card_id = card.id
    workshop.view = "spotlight"


def end_spotlight(session: Session, workshop: Workshop) -> None:
    """No card spotlit any more; a projection that showed it shows the card's board again."""
    card = session.get(Card, workshop.spotlight_card_id) if workshop.spotlight_card_id else None
    workshop.spotlight_card_id = None
    if workshop.view == "spotlight":
        workshop.view = "question_board" if card is not None and card.sequence_id else "board"


def _turn(workshop: Workshop, page: str) -> None:
    if page not in PAGE_ACTIONS:
        raise ServiceError("unknown_page_action")
    if page in ("hold", "auto"):
        workshop.pages_held = page == "hold"
    else:
        workshop.page_turns += 1 if page == "next" else -1


def count_workshops(session: Session) -> int:
    return session.scalar(select(func.count(Workshop.id)))


def _int_or_none(value):
    if isinstance(value, bool):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def shared_part(session: Session, workshop: Workshop, viewer: str) -> dict:
    """The snapshot's `workshop` and the format's lists the join form offers."""
    return {
        "workshop": workshop_dict(workshop),
        "format": {
            "organisation_types": workshop.format_data.get("organisation_types", []),
            "professions": workshop.format_data.get("professions", []),
        },
    }
