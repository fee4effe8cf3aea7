"""What the Livret screen shows, read in one unit of work: the booklet's settings and the
format's drafts, every visible card (plain rows), the axes and question boards, the
recommendations by target and theme as the booklet will print them, the ready-to-send
warnings, the suggested duplicates, the recent exports and the data lifecycle's dates.

The view (views/booklet.py) only pages the cards and renders.
"""
from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from workshops.models import Card, Sequence, Workshop
from workshops.services import booklet, duplicates, exports, retention
from workshops.vocabulary import NO_THEME, language_of


def screen(session: Session, workshop: Workshop, today: date) -> dict:
    settings = booklet.settings_of(session, workshop)
    drafts = booklet.format_booklet(workshop)
    # Plain rows, not ORM objects: the screen only reads them (10,000 cards in a blink).
    cards = list(session.execute(
        select(Card.id, Card.axis_id, Card.sequence_id, Card.kind, Card.text, Card.booklet_text,
               Card.supports, Card.verbatim, Card.merged_into_id, Card.hidden)
        .where(Card.workshop_id == workshop.id, Card.hidden.is_(False)).order_by(Card.id)))
    recs = booklet.recommendation_rows(session, workshop)
    warnings = booklet.warnings(session, workshop)
    data = dict(
        settings=settings, drafts=drafts, cards=cards, warnings=warnings,
        edito=settings.edito if settings.edito is not None else drafts.get("edito_draft", ""),
        et_apres=(settings.et_apres if settings.et_apres is not None
                  else drafts.get("et_apres_draft", "")),
        axes=booklet.ordered_axes(workshop, settings),
        questions=list(session.scalars(select(Sequence).where(
            Sequence.workshop_id == workshop.id, Sequence.activity == "question_board")
            .order_by(Sequence.day_id, Sequence.position))),
        targets=_targets(workshop, booklet.in_booklet(recs, settings.recommendations_shown)),
        recommendations_rule=booklet.shown_rule(recs, settings.recommendations_shown),
        recommendation_counts=(sum(r.status == "kept" for r in recs),
                               sum(r.status != "merged" for r in recs)),
        card_duplicates=duplicates.suggest(duplicates.card_groups(cards)),
        recommendation_duplicates=duplicates.suggest(duplicates.recommendation_groups(recs),
                                                     text=booklet.wording),
        jobs=exports.recent_jobs(session, workshop),
        purge_date=retention.purge_date(session, workshop),
        purge_notice=retention.notice(session, workshop, today),
        has_participants=retention.has_participant_data(session, workshop))
    session.commit()  # the settings row, created on first visit
    return data


def _targets(workshop: Workshop, shown: list) -> list[tuple[dict, list]]:
    """(target, [(theme title, its recommendations in booklet order)]) as printed."""
    no_theme = NO_THEME.label(language_of(workshop.format_data))
    targets = []
    for target in booklet.format_targets(workshop):
        mine = [r for r in shown if r.target == target["key"]]
        themes = [(theme or no_theme, booklet.booklet_order([r for r in mine if r.theme == theme]))
                  for theme in booklet.themes_of(target, mine)]
        targets.append((target, [t for t in themes if t[1]]))
    return targets
