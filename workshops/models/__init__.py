"""Every table, one module per domain. Importing this package registers them all."""
from workshops.models.accounts import Account, ApiToken
from workshops.models.workshop import Axis, Participant, RoomEvent, Workshop, WorkshopMember
from workshops.models.board import Card, Support
from workshops.models.groups import Group, GroupMember, Recommendation, RecommendationVote
from workshops.models.activities import (FeedbackAnswer, FeedbackWindow, Poll, PollVote, Writing,
                                          WritingReveal)
from workshops.models.agenda import Attendance, Day, Sequence
from workshops.models.formats import CustomFormat
from workshops.models.booklet import BookletSettings, ExportJob

__all__ = [
    "FeedbackAnswer", "FeedbackWindow", "Poll", "PollVote", "Writing", "WritingReveal",
    "Account", "ApiToken", "Attendance", "Axis", "Card", "CustomFormat", "Day", "Sequence", "Participant", "RoomEvent", "Support",
    "Workshop", "WorkshopMember",
    "Group", "GroupMember", "Recommendation", "RecommendationVote",
    "BookletSettings", "ExportJob",
]
