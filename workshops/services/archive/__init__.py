"""The JSON archive of a whole workshop (`dump`), and its restoration on another server
(`import_archive`).

The archive is the workshop itself — format, agenda, participants' declared fields, cards and
supports, groups, recommendations and dots, polls and votes, writings, feedback answers,
curation, and when each was written — not the booklet (the renderers of `exports/` never see
the database). Rows are named by archive references (``p1``, ``c12``, ``s3``…) in a stable
order, never by database ids, so archive → import → archive gives the same document apart
from ``exported_at`` and ``source``.
"""
from .dump import dump
from .restore import import_archive

__all__ = ["dump", "import_archive"]
