"""Ensemble: models, services and the screens' entry points of a live study day.

The app factory is `workshops.factory.create_app`. This package's own module stays empty
on purpose: the export renderer's process imports `workshops.paths` and
`workshops.vocabulary`, and must not load Flask, SQLAlchemy and Socket.IO to do so
(docs/performance.md, « Booklet exports »)."""
