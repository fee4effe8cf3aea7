"""The Socket.IO rooms of a workshop: who is in which, hence who gets what."""


def room(workshop_id: int) -> str:
    return f"w{workshop_id}"


def staff_room(workshop_id: int) -> str:
    return f"w{workshop_id}:staff"


def phones_room(workshop_id: int) -> str:
    """Every participant's phone: the crowd's events come here in batches (digest.py)."""
    return f"w{workshop_id}:phones"


def screens_room(workshop_id: int) -> str:
    """The projection and the console: every event at once."""
    return f"w{workshop_id}:screens"


def participant_room(workshop_id: int, participant_id: int) -> str:
    """One phone's own room: group events reach a group's members through theirs."""
    return f"w{workshop_id}:p{participant_id}"
