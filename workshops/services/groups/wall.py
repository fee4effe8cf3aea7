"""The recommendation wall and its dots (« gommettes »).

Opening the wall records one `wall` event for the whole room carrying every recommendation
on it; from then on recommendation events go to everyone. Each participant may put
`votes_per_participant` dots (the API's name) on the recommendations of the open wall.
This module also gives what a screen knows of groups, the wall and the recommendations
it may see (the snapshot's parts).
"""
from sqlalchemy import select
from sqlalchemy.orm import Session

from workshops.models import (Group, GroupMember, Participant, Recommendation, RecommendationVote,
                              Workshop)
from workshops.services.base import events
from workshops.services.base.errors import Conflict, ServiceError
from workshops.services.groups.groups import (group_of, groups_payload, member_details, people,
                                              public_groups)
from workshops.services.groups.recommendations import (dicts, get, list_all, record, targets,
                                                       visible)

DOTS_MAX = 20


def on_wall(session: Session, workshop: Workshop) -> list[Recommendation]:
    return [r for r in list_all(session, workshop) if r.status != "merged"]


def wall_dict(workshop: Workshop) -> dict:
    return {"open": workshop.wall_open, "votes_per_participant": workshop.votes_per_participant}


def set_wall(session: Session, workshop: Workshop, open_=None, dots=None) -> tuple[dict, list]:
    """Open or close the wall to the room; set the dots per person (0 stops the vote)."""
    if open_ is not None:
        if not isinstance(open_, bool):
            raise ServiceError("invalid_open")
        workshop.wall_open = open_
    if dots is not None:
        if isinstance(dots, bool) or not isinstance(dots, int) or not 0 <= dots <= DOTS_MAX:
            raise ServiceError("invalid_votes", max=DOTS_MAX)
        workshop.votes_per_participant = dots
    payload = wall_dict(workshop)
    if workshop.wall_open:
        payload["recommendations"] = dicts(session, on_wall(session, workshop))
    event = events.record(session, workshop, "wall", payload)
    session.commit()
    return wall_dict(workshop), [event]


def my_dots(session: Session, participant: Participant) -> dict[int, int]:
    return {rid: n for rid, n in session.execute(
        select(RecommendationVote.recommendation_id, RecommendationVote.count)
        .where(RecommendationVote.participant_id == participant.id,
               RecommendationVote.count > 0)).all()}


def put_dots(session: Session, workshop: Workshop, participant: Participant, rec_id,
             count) -> tuple[Recommendation, dict, list]:
    """Put `count` of one's dots on a recommendation of the open wall (0 takes them back)."""
    if not workshop.wall_open or workshop.votes_per_participant <= 0:
        raise Conflict("voting_closed")
    rec = get(session, workshop, rec_id)
    if rec.status == "merged":
        raise Conflict("already_merged")
    if isinstance(count, bool) or not isinstance(count, int) or count < 0:
        raise ServiceError("invalid_votes", max=workshop.votes_per_participant)
    mine = my_dots(session, participant)
    if sum(n for rid, n in mine.items() if rid != rec.id) + count > workshop.votes_per_participant:
        raise Conflict("no_votes_left", max=workshop.votes_per_participant)
    row = session.get(RecommendationVote, (participant.id, rec.id))
    if row is None:
        session.add(RecommendationVote(participant_id=participant.id, recommendation_id=rec.id,
                                       count=count))
    elif row.count == count:
        return rec, mine, []
    else:
        row.count = count
    event = record(session, workshop, rec)
    session.commit()
    return rec, my_dots(session, participant), [event]


def group_dict(session: Session, group: Group | None, viewer: Participant) -> dict | None:
    """The viewer's group as their phone shows it (mates named, never identified), or
    None."""
    if group is None:
        return None
    return {"id": group.id, "name": group.name, "members": member_details(session, group, viewer)}


def shared_part(session: Session, workshop: Workshop, viewer: str) -> dict:
    """Groups, targets, the wall state and the recommendations every such viewer may see;
    the groups' members (ids) for the staff only."""
    part = {
        "groups": groups_payload(session, workshop) if viewer == "staff"
        else public_groups(session, workshop),
        "targets": targets(workshop),
        "wall": wall_dict(workshop),
        "recommendations": dicts(session, visible(session, workshop, viewer)),
    }
    if viewer == "staff":
        part["people"] = people(session, workshop)
    return part


# The columns naming a participant's own rows, for the snapshot's one probe (snapshot.py).
OWN_ROWS = (GroupMember.participant_id, RecommendationVote.participant_id)


def personal_part(session: Session, workshop: Workshop, participant: Participant,
                  has_rows: bool = True) -> dict:
    """One participant's group and dots; with a group, its drafts beside the open wall."""
    if not has_rows:
        return {"my_group": None, "my_votes": {}}
    group = group_of(session, participant)
    part = {"my_group": group_dict(session, group, participant), "my_votes": my_dots(session, participant)}
    if group is not None:
        part["recommendations"] = dicts(session, visible(session, workshop, "participant",
                                                         group))
    return part


def snapshot_part(session: Session, workshop: Workshop, viewer: str,
                  participant: Participant | None) -> dict:
    """What this viewer may see of groups and recommendations (shared and personal parts)."""
    part = shared_part(session, workshop, viewer)
    if participant is not None:
        part.update(personal_part(session, workshop, participant))
    return part
