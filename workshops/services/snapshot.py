"""The full state a screen needs when it cannot simply replay missed events.

Other domains add their part by appending a function to PARTS:
`part(session, workshop, viewer, participant) -> dict` merged into the snapshot.
`viewer` is "participant", "projection" or "staff"; each part must only
return what that viewer may see.
"""
from workshops.services import activities, agenda, cards, participants
from workshops.services import recommendations
from workshops.services.workshops import workshop_dict


def _board(session, workshop, viewer, participant) -> dict:
    visible = cards.list_cards(session, workshop, include_hidden=(viewer == "staff"))
    part = {"cards": [cards.card_dict(c) for c in visible]}
    if participant is not None:
        part["me"] = participants.participant_dict(participant)
        part["my_supports"] = cards.supported_by(session, participant)
    return part


def _presence(session, workshop, viewer, participant) -> dict:
    return {"presence": participants.presence(session, workshop)}


PARTS = [_board, _presence, agenda.snapshot_part, activities.snapshot_part]
PARTS.append(recommendations.snapshot_part)


def snapshot(session, workshop, viewer: str, participant=None) -> dict:
    data = {
        "workshop": workshop_dict(workshop),
        "format": {
            "organisation_types": workshop.format_data.get("organisation_types", []),
            "professions": workshop.format_data.get("professions", []),
        },
    }
    for part in PARTS:
        data.update(part(session, workshop, viewer, participant))
    return data
