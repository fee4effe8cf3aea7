"""Mixed groups in a workshop: form them, move people, rename, place latecomers.

The optimisation itself lives in services.groups.grouping (pure, no database); this
module stores its result. Every change records one `groups` event for the whole
room: `{groups: [{id, name, position, place, size}], formed}` — no participant id: phones
and the projection never learn who is in which group by id (docs/privacy.md). The staff
ask `groups.list` for the members' ids and declared details; a group's own phones get
their mates' names (first names or initials) with `group:mine`.
"""
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from workshops.models import Group, GroupMember, Participant, Workshop
from workshops.services.base import events
from workshops.services.base.errors import NotFound, ServiceError
from workshops.services.groups.grouping import Person, best_group_for, form_groups
from workshops.services.room.participants import participant_dict

NAME_MAX = 60
SIZE_MAX = 100
COUNT_MAX = 200


def default_name(position: int) -> str:
    return f"Groupe {position + 1}"


def list_groups(session: Session, workshop: Workshop) -> list[Group]:
    return list(session.scalars(select(Group).where(Group.workshop_id == workshop.id)
                                .order_by(Group.position, Group.id)))


def members_by_group(session: Session, workshop: Workshop) -> dict[int, list[int]]:
    rows = session.execute(
        select(GroupMember.group_id, GroupMember.participant_id)
        .join(Group, Group.id == GroupMember.group_id)
        .where(Group.workshop_id == workshop.id)
        .order_by(GroupMember.participant_id))
    found: dict[int, list[int]] = {}
    for group_id, participant_id in rows:
        found.setdefault(group_id, []).append(participant_id)
    return found


def groups_payload(session: Session, workshop: Workshop) -> list[dict]:
    """The staff's list: `{id, name, position, place, members: [participant ids]}`."""
    members = members_by_group(session, workshop)
    return [{"id": g.id, "name": g.name, "position": g.position, "place": g.place,
             "members": members.get(g.id, [])} for g in list_groups(session, workshop)]


def public_groups(session: Session, workshop: Workshop) -> list[dict]:
    """What every screen may see of the groups: `{id, name, position, place, size}`, the
    size counting members — never their ids."""
    sizes = dict(session.execute(
        select(GroupMember.group_id, func.count()).join(Group, Group.id == GroupMember.group_id)
        .where(Group.workshop_id == workshop.id).group_by(GroupMember.group_id)).all())
    return [{"id": g.id, "name": g.name, "position": g.position, "place": g.place,
             "size": sizes.get(g.id, 0)} for g in list_groups(session, workshop)]


def projected_names(session: Session, workshop: Workshop) -> list[dict]:
    """How the projection names each group's members, per the organiser's privacy choice
    (`workshop.member_names`): first names, or initials; people who gave no name are only
    counted (`unnamed`). Never organisations or professions."""
    members = members_by_group(session, workshop)
    people_by_id = {p.id: p for p in session.scalars(
        select(Participant).where(Participant.workshop_id == workshop.id))}
    shown = []
    for group in list_groups(session, workshop):
        names = [_projected(people_by_id[pid].display_name, workshop.member_names)
                 for pid in members.get(group.id, []) if pid in people_by_id]
        shown.append({"id": group.id, "names": [n for n in names if n],
                      "unnamed": sum(1 for n in names if not n)})
    return shown


def _projected(display_name: str, choice: str) -> str:
    words = display_name.split()
    if not words:
        return ""
    if choice == "first_names":
        return words[0]
    return " ".join(f"{word[0].upper()}." for word in words[:2])


def people(session: Session, workshop: Workshop) -> list[dict]:
    """Every participant's declared details (staff only)."""
    return [participant_dict(p) for p in session.scalars(
        select(Participant).where(Participant.workshop_id == workshop.id).order_by(Participant.id))]


def group_of(session: Session, participant: Participant) -> Group | None:
    return session.scalar(select(Group).join(GroupMember, GroupMember.group_id == Group.id)
                          .where(GroupMember.participant_id == participant.id))


def member_details(session: Session, group: Group, viewer: Participant) -> list[dict]:
    """The members of one group as the phone of `viewer`, one of them, shows them:
    `{name, me}`, the name as the organiser's privacy choice allows (first names or
    initials, `""` without one), `me` true for the viewer only; never their id, organisation
    or profession (docs/privacy.md)."""
    choice = session.get(Workshop, group.workshop_id).member_names
    return [{"name": _projected(p.display_name, choice), "me": p.id == viewer.id}
            for p in session.scalars(
                select(Participant).join(GroupMember, GroupMember.participant_id == Participant.id)
                .where(GroupMember.group_id == group.id).order_by(Participant.id))]


def member_ids(session: Session, group_id: int) -> list[int]:
    return list(session.scalars(select(GroupMember.participant_id)
                                .where(GroupMember.group_id == group_id)))


def _person(p: Participant) -> Person:
    return Person(p.id, p.organisation, p.organisation_type, p.profession)


def _positive_int(value, code: str, maximum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= maximum:
        raise ServiceError(code, max=maximum)
    return value


def form(session: Session, workshop: Workshop, size=None, count=None) -> tuple[list[dict], list]:
    """(Re)form the groups of everyone who joined; exactly one of `size` or `count`.

    Existing groups are reused in order (their names stay), extra ones are added
    or removed. Recommendations of a removed group stay, without a group.
    """
    if (size is None) == (count is None):
        raise ServiceError("size_or_count")
    if size is not None:
        size = _positive_int(size, "invalid_size", SIZE_MAX)
        if size < 2:
            raise ServiceError("invalid_size", max=SIZE_MAX)
    else:
        count = _positive_int(count, "invalid_count", COUNT_MAX)
    everyone = list(session.scalars(select(Participant)
                                    .where(Participant.workshop_id == workshop.id)
                                    .order_by(Participant.id)))
    if not everyone:
        raise ServiceError("no_participants")
    formed = form_groups([_person(p) for p in everyone], size=size, count=count,
                         seed=workshop.last_seq)
    existing = list_groups(session, workshop)
    session.execute(delete(GroupMember).where(GroupMember.group_id.in_([g.id for g in existing])))
    for surplus in existing[len(formed):]:
        session.delete(surplus)
    groups = existing[:len(formed)]
    for position in range(len(groups), len(formed)):
        group = Group(workshop_id=workshop.id, name=default_name(position), position=position)
        session.add(group)
        groups.append(group)
    session.flush()
    for position, (group, ids) in enumerate(zip(groups, formed)):
        group.position = position
        session.add_all(GroupMember(group_id=group.id, participant_id=pid) for pid in ids)
    return _changed(session, workshop, formed=True)


def _changed(session: Session, workshop: Workshop, formed: bool = False
             ) -> tuple[list[dict], list]:
    """Record the room's `groups` event and commit; the staff's list and the event."""
    event = _record(session, workshop, formed)
    return groups_payload(session, workshop), [event]


def _record(session: Session, workshop: Workshop, formed: bool = False):
    """The room's `groups` event, committed; `formed`: everyone may have new mates, so every
    phone asks for its group (other changes show in the size of the groups they touch)."""
    session.flush()
    event = events.record(session, workshop, "groups",
                          {"groups": public_groups(session, workshop), "formed": formed})
    session.commit()
    return event


def _group(session: Session, workshop: Workshop, group_id) -> Group:
    group = session.get(Group, group_id) if _is_int(group_id) else None
    if group is None or group.workshop_id != workshop.id:
        raise NotFound("unknown_group")
    return group


def _participant(session: Session, workshop: Workshop, participant_id) -> Participant:
    participant = session.get(Participant, participant_id) if _is_int(participant_id) else None
    if participant is None or participant.workshop_id != workshop.id:
        raise NotFound("unknown_participant")
    return participant


def move(session: Session, workshop: Workshop, participant_id, group_id):
    """Put a participant in another group (`group_id` None: out of every group)."""
    participant = _participant(session, workshop, participant_id)
    group = _group(session, workshop, group_id) if group_id is not None else None
    session.execute(delete(GroupMember).where(GroupMember.participant_id == participant.id))
    if group is not None:
        session.add(GroupMember(group_id=group.id, participant_id=participant.id))
    return _changed(session, workshop)


def rename(session: Session, workshop: Workshop, group_id, name=None, place=None):
    """A group's new name and/or place (table, room; empty: none)."""
    group = _group(session, workshop, group_id)
    if name is not None or place is None:
        group.name = clean_name(name)
    if place is not None:
        place = " ".join(str(place).split())
        if len(place) > NAME_MAX:
            raise ServiceError("group_place_too_long", max=NAME_MAX)
        group.place = place
    return _changed(session, workshop)


def add_group(session: Session, workshop: Workshop, name=None):
    """An empty group, last in the list (to move people into by hand)."""
    position = session.scalar(select(func.count(Group.id)).where(Group.workshop_id == workshop.id))
    if position >= COUNT_MAX:
        raise ServiceError("invalid_count", max=COUNT_MAX)
    session.add(Group(workshop_id=workshop.id, position=position,
                      name=clean_name(name) if name else default_name(position)))
    return _changed(session, workshop)


def clean_name(name) -> str:
    name = " ".join(str(name or "").split()) if isinstance(name, str) else ""
    if not name:
        raise ServiceError("group_name_required")
    if len(name) > NAME_MAX:
        raise ServiceError("group_name_too_long", max=NAME_MAX)
    return name


def place_latecomer(session: Session, workshop: Workshop, participant: Participant) -> list:
    """Once groups exist, a newcomer joins the group they add the most mix to."""
    groups = list_groups(session, workshop)
    if not groups or group_of(session, participant) is not None:
        return []
    members = members_by_group(session, workshop)
    by_id = {p.id: p for p in session.scalars(
        select(Participant).where(Participant.workshop_id == workshop.id))}
    index = best_group_for([[_person(by_id[i]) for i in members.get(g.id, [])] for g in groups],
                           _person(participant))
    session.add(GroupMember(group_id=groups[index].id, participant_id=participant.id))
    return [_record(session, workshop)]


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
