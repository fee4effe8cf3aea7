"""Domain services: plain Python over a SQLAlchemy session, no Flask.

Each public function is one unit of work: it validates, writes, records the room
events it causes (services.base.events.record) and commits. The caller emits those
events only after that commit.
"""
