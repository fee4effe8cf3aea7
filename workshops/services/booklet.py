"""The booklet's synthesis, built once from the database (the renderers never see the database).

`build_synthesis(session, workshop, now)` gathers everything the booklet shows into
`exports.synthesis.Synthesis`. Rules (docs/decisions.md, « Booklet »):
- hidden cards never appear in the booklet, neither in the body nor in the annex; the raw
  data (`annex_cards`, read by the spreadsheet) lists them, flagged `hidden`;
- a card merged into another (curation) shows only in the annex; its supports add to the
  survivor's and its « Oui, mais… » follow the survivor;
- the organisers' wording (`booklet_text`) replaces the original in the body; the annex
  keeps the original text;
- levers most supported first, each with the « Oui, mais… » answering it (most supported
  first), then the « Oui, mais… » answering no lever (or a hidden one);
- question-board answers and revealed individual writings go in « Paroles de la salle »
  (unrevealed writings are private and appear nowhere);
- recommendations by target (format order) then theme (format order, then others): the
  organiser's choice (all, or only the kept ones), else only the kept ones once the
  facilitators kept any, else every non-merged one; merged
  duplicates fold into the recommendation they were merged into;
- attendance adds the counts kept when participant data was deleted (services/retention.py).
"""
from __future__ import annotations

import base64
import dataclasses
from collections import Counter
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from exports.synthesis import (AnnexCard, AnnexRecommendation, Attendance, AxisSection, DayMethod,
                               FeedbackQuestion, FeedbackSummary, Image, Lever, Limit, Link,
                               Method, Partner, PollResult, QuestionSection, Recommendation, SequenceMethod,
                               Synthesis, TargetSection, ThemeSection)
from workshops.models import (Attendance as AttendanceRow, BookletSettings, Card, Day, Group,
                              Participant, Recommendation as RecommendationRow,
                              RecommendationVote, Sequence, Workshop, Writing, WritingReveal)
from workshops.services import identity, readiness
from workshops.services.activities import feedback, polls
from workshops.services.groups.recommendations import targets as format_targets
from workshops.vocabulary import ACTIVITIES, CARD_KINDS, NO_THEME, language_of

EMPTY_AXIS_NOTE = "Aucune contribution sur cet axe."
PARIS = ZoneInfo("Europe/Paris")


def settings_of(session: Session, workshop: Workshop) -> BookletSettings:
    """The workshop's booklet settings (created with defaults on first use, not committed)."""
    row = session.get(BookletSettings, workshop.id)
    if row is None:
        row = BookletSettings(workshop_id=workshop.id, axis_order=[], kept_counts={},
                              **{"partners": [], **identity.inherited(session, workshop)})
        session.add(row)
        session.flush()
    return row


def format_booklet(workshop: Workshop) -> dict:
    booklet = workshop.format_data.get("booklet")
    return booklet if isinstance(booklet, dict) else {}


def ordered_axes(workshop: Workshop, settings: BookletSettings) -> list:
    """The workshop's axes in booklet order: `axis_order` first, the others after."""
    rank = {key: i for i, key in enumerate(settings.axis_order or [])}
    return sorted(workshop.axes, key=lambda a: (rank.get(a.key, len(rank)), a.position))


def label_map(workshop: Workshop, field: str) -> dict[str, str]:
    return {c["key"]: c.get("label", c["key"]) for c in workshop.format_data.get(field) or []
            if isinstance(c, dict) and c.get("key")}


def build_synthesis(session: Session, workshop: Workshop, now: datetime) -> Synthesis:
    return _build(session, workshop, now)[0]


def check(session: Session, workshop: Workshop, now: datetime) -> tuple[Synthesis, list[dict]]:
    """The synthesis and what would print wrongly in it (services/readiness.py)."""
    synthesis, empty_axes, recommendation_counts = _build(session, workshop, now)
    return synthesis, _warnings(settings_of(session, workshop), synthesis, empty_axes,
                                recommendation_counts, format_booklet(workshop))


def warnings(session: Session, workshop: Workshop) -> list[dict]:
    """What `check` says, without building the cards' part of the synthesis: the Livret
    screen asks it on every load, whatever the number of cards."""
    settings = settings_of(session, workshop)
    days = list(session.scalars(select(Day).where(Day.workshop_id == workshop.id)))
    attendance = _attendance(session, workshop, settings, {})
    drafts = format_booklet(workshop)
    texts = _texts(settings, drafts, _facts(session, workshop, settings, days, attendance))
    counted = dict(session.execute(
        select(Card.axis_id, func.count(Card.id))
        .where(Card.workshop_id == workshop.id, Card.hidden.is_(False),
               Card.axis_id.is_not(None)).group_by(Card.axis_id)).all())
    empty = [a.title for a in ordered_axes(workshop, settings) if not counted.get(a.id)]
    statuses = list(session.scalars(select(RecommendationRow.status)
                                    .where(RecommendationRow.workshop_id == workshop.id)))
    counts = (statuses.count("kept"), sum(s != "merged" for s in statuses))
    return _warnings(settings, Synthesis(title=workshop.title, **texts), empty, counts, drafts)


def _warnings(settings, synthesis, empty_axes, recommendation_counts,
              drafts: dict) -> list[dict]:
    unsaved = tuple(where for where, field in (("Édito", "edito"), ("Et après ?", "et_apres"))
                    if getattr(settings, field) is None and drafts.get(f"{field}_draft"))
    return readiness.warnings(
        synthesis, empty_axes=empty_axes, empty_axes_choice=settings.empty_axes,
        recommendations=recommendation_counts,
        recommendations_choice=settings.recommendations_shown, unsaved_drafts=unsaved)


def _facts(session, workshop, settings, days, attendance) -> readiness.Facts:
    return readiness.Facts(people=attendance.total,
                           organisations=_organisation_count(session, workshop, settings),
                           dates=tuple(sorted(d.date for d in days if d.date)),
                           place=settings.place, organiser=settings.organiser_name)


def _texts(settings, fmt_booklet, facts) -> dict:
    """The texts the organisers write (placeholders the app knows filled), and the
    identity: the fields of the synthesis `readiness` reads."""
    return dict(
        subtitle=settings.subtitle, organiser=settings.organiser_name, place=settings.place,
        edito=readiness.fill(settings.edito or "", facts),
        intro_title=fmt_booklet.get("intro_title", ""), intro=fmt_booklet.get("intro", ""),
        axes_intro=readiness.fill(settings.axes_intro or "", facts),
        recommendations_intro=readiness.fill(settings.recommendations_intro or "", facts),
        et_apres=readiness.fill(settings.et_apres or "", facts),
        colophon=readiness.fill(settings.colophon or "", facts),
        links=[Link(label=link["label"], url=link["url"]) for link in settings.links or []
               if isinstance(link, dict)],
        partners=[Partner(name=p["name"], logo=Image(media_type=p["logo_type"], data=p["logo"])
                          if p.get("logo") else None) for p in settings.partners or []])


def _build(session, workshop, now) -> tuple[Synthesis, list[str], tuple[int, int]]:
    """The synthesis, the titles of the axes with no card, (retained, total) recommendations."""
    settings = settings_of(session, workshop)
    fmt_booklet = format_booklet(workshop)
    days = list(session.scalars(select(Day).where(Day.workshop_id == workshop.id)
                                .order_by(Day.position)))
    every_card = list(session.scalars(select(Card).where(Card.workshop_id == workshop.id)
                                      .order_by(Card.id)))
    cards = [c for c in every_card if not c.hidden]
    type_labels = label_map(workshop, "organisation_types")
    author_types = _author_types(session, workshop, type_labels)
    attendance = _attendance(session, workshop, settings, type_labels)
    facts = _facts(session, workshop, settings, days, attendance)
    axes = _axes(workshop, settings, cards)
    empty = [a for a in axes if not a.levers and not a.other_limits]
    if settings.empty_axes == "omit" and empty:
        axes = [dataclasses.replace(a, number=n)
                for n, a in enumerate((a for a in axes if a not in empty), 1)]
    recs = recommendation_rows(session, workshop)
    counts = (sum(r.status == "kept" for r in recs), sum(r.status != "merged" for r in recs))
    synthesis = Synthesis(
        title=workshop.title,
        **_texts(settings, fmt_booklet, facts),
        logo=Image(media_type=settings.logo_type, data=base64.b64encode(settings.logo).decode())
        if settings.logo else None,
        accent_colour=settings.accent_colour,
        dates=[d.date for d in days if d.date],
        generated_at=now.replace(microsecond=0),
        method=_method(session, workshop, settings, days),
        attendance=attendance,
        axes=axes,
        empty_axes_note=EMPTY_AXIS_NOTE if settings.empty_axes == "mention" else "",
        questions=_questions(session, workshop, cards, settings),
        polls=[_poll(p) for p in polls.results(session, workshop) if p["total"]],
        feedback=_feedback(session, workshop),
        recommendations=_recommendations(session, workshop, recs, settings),
        annex_cards=_annex_cards(session, workshop, settings, every_card, author_types),
        annex_recommendations=_annex_recommendations(session, workshop),
    )
    return synthesis, [a.title for a in empty], counts


def _organisation_count(session, workshop, settings) -> int:
    names = {" ".join(o.split()).casefold() for o in session.scalars(
        select(Participant.organisation).where(Participant.workshop_id == workshop.id)) if o}
    names.update(o.casefold() for o in (settings.kept_counts or {}).get("organisations") or [])
    return len(names)


# --- method and attendance


def _method(session, workshop, settings, days) -> Method:
    live = dict(session.execute(
        select(AttendanceRow.day_id, func.count(AttendanceRow.id))
        .where(AttendanceRow.day_id.in_([d.id for d in days]))
        .group_by(AttendanceRow.day_id)).all())
    kept = (settings.kept_counts or {}).get("days", {})
    language = language_of(workshop.format_data)
    return Method(
        guiding_questions=[q for q in workshop.format_data.get("guiding_questions") or []
                           if isinstance(q, str)],
        days=[DayMethod(
            title=day.title, date=day.date, objective=day.objective or "",
            sequences=[SequenceMethod(title=s.title, minutes=s.minutes,
                                      activity_label=ACTIVITIES[s.activity].label(language))
                       for s in day.sequences],
            attendance=(live.get(day.id, 0) + int(kept.get(str(day.position), 0))) or None)
            for day in days])


def _attendance(session, workshop, settings, type_labels) -> Attendance:
    rows = session.execute(select(Participant.organisation_type, Participant.organisation)
                           .where(Participant.workshop_id == workshop.id)).all()
    kept = settings.kept_counts or {}
    by_type = Counter({k: int(v) for k, v in (kept.get("by_type") or {}).items()})
    by_type.update(t.split(":", 1)[0] for t, _ in rows)
    organisations = None
    if settings.show_organisations:
        names = {" ".join(o.split()) for _, o in rows if o and o.strip()}
        names.update(kept.get("organisations") or [])
        organisations = sorted(names, key=str.casefold)
    ordered = sorted(by_type.items(),
                     key=lambda item: (-item[1], type_labels.get(item[0], item[0])))
    return Attendance(total=len(rows) + int(kept.get("total", 0)),
                      by_type=[(type_labels.get(key, key), n) for key, n in ordered if n],
                      organisations=organisations)


def _author_types(session, workshop, type_labels) -> dict[int, str]:
    """Participant id → label of their organisation type (for the annex « Profil »)."""
    return {pid: type_labels.get(t.split(":", 1)[0], t) for pid, t in session.execute(
        select(Participant.id, Participant.organisation_type)
        .where(Participant.workshop_id == workshop.id))}


# --- axes and question boards


def wording(item) -> str:
    """The text the booklet shows: the organisers' wording, else the original."""
    return item.booklet_text or item.text


def _survivor(card: Card, by_id: dict[int, Card]) -> Card | None:
    """The visible card a card stands for: itself, or the card it was merged into."""
    seen = set()
    while card is not None and card.merged_into_id is not None and card.id not in seen:
        seen.add(card.id)
        card = by_id.get(card.merged_into_id)
    return card


def _supports(cards: list[Card], by_id: dict[int, Card]) -> dict[int, int]:
    """Supports per visible card, merged duplicates' supports included."""
    totals: Counter = Counter()
    for card in cards:
        survivor = _survivor(card, by_id)
        if survivor is not None:
            totals[survivor.id] += card.supports
    return totals


def _ranked(cards: list[Card], totals: dict[int, int]) -> list[Card]:
    return sorted(cards, key=lambda c: (-totals.get(c.id, 0), -int(c.verbatim), c.id))


def _axes(workshop, settings, cards) -> list[AxisSection]:
    by_id = {c.id: c for c in cards}
    totals = _supports(cards, by_id)
    shown = [c for c in cards if c.merged_into_id is None or _survivor(c, by_id) is None]
    sections = []
    for number, axis in enumerate(ordered_axes(workshop, settings), 1):
        mine = _best([c for c in shown if c.axis_id == axis.id], totals, settings.top_cards)
        levers = _ranked([c for c in mine if c.kind == "lever"], totals)
        lever_ids = {c.id for c in levers}
        answers: dict[int, list[Card]] = {}
        others = []
        for limit in _ranked([c for c in mine if c.kind == "limit"], totals):
            parent = _survivor(by_id.get(limit.parent_id), by_id) if limit.parent_id else None
            if parent is not None and parent.id in lever_ids:
                answers.setdefault(parent.id, []).append(limit)
            else:
                others.append(limit)
        sections.append(AxisSection(
            number=number, title=axis.title,
            levers=[Lever(text=wording(c), supports=_shown_supports(c, totals, settings),
                          verbatim=c.verbatim,
                          answers=[_limit(a, totals, settings) for a in answers.get(c.id, [])])
                    for c in levers],
            other_limits=[_limit(c, totals, settings) for c in others]))
    return sections


def _best(cards: list[Card], totals: dict[int, int], top: int | None) -> list[Card]:
    """The `top` most supported cards and every starred verbatim (all cards if no `top`)."""
    if not top:
        return cards
    kept = {c.id for c in _ranked(cards, totals)[:top]}
    return [c for c in cards if c.id in kept or c.verbatim]


def _shown_supports(card: Card, totals: dict[int, int], settings) -> int:
    """The supports the body prints: none when the organiser hides the counts."""
    return totals.get(card.id, 0) if settings.show_supports else 0


def _limit(card: Card, totals: dict[int, int], settings) -> Limit:
    return Limit(text=wording(card), supports=_shown_supports(card, totals, settings),
                 verbatim=card.verbatim)


def _questions(session, workshop, cards, settings) -> list[QuestionSection]:
    by_id = {c.id: c for c in cards}
    totals = _supports(cards, by_id)
    revealed = set(session.scalars(select(WritingReveal.sequence_id).where(
        WritingReveal.workshop_id == workshop.id, WritingReveal.revealed.is_(True))))
    sections = []
    for sequence in _sequences(session, workshop, ("question_board", "individual_writing")):
        if sequence.activity == "question_board":
            answers = _ranked([c for c in cards if c.sequence_id == sequence.id
                               and c.merged_into_id is None], totals)
            items = [_limit(c, totals, settings) for c in answers]
        elif sequence.id in revealed:
            items = [Limit(text=w.text) for w in _writings(session, sequence.id)]
        else:
            continue
        if items:
            sections.append(QuestionSection(title=sequence.question or sequence.title,
                                            sequence=sequence.title, answers=items))
    return sections


def _sequences(session, workshop, activities) -> list[Sequence]:
    return list(session.scalars(
        select(Sequence).join(Day, Day.id == Sequence.day_id)
        .where(Sequence.workshop_id == workshop.id, Sequence.activity.in_(activities))
        .order_by(Day.position, Sequence.position)))


def _writings(session, sequence_id) -> list[Writing]:
    return list(session.scalars(select(Writing).where(
        Writing.sequence_id == sequence_id, Writing.text != "").order_by(Writing.id)))


# --- polls and feedback


def _poll(result: dict) -> PollResult:
    return PollResult(question=result["question"], kind=result["kind"], total=result["total"],
                      options=[(o["label"], o["count"]) for o in result["options"]])


def _feedback(session, workshop) -> FeedbackSummary | None:
    summary = feedback.summary(session, workshop)
    if not summary["answers_count"]:
        return None
    kinds = {"text": "text", "textarea": "text", "scale": "scale"}
    return FeedbackSummary(answers_count=summary["answers_count"], questions=[
        FeedbackQuestion(label=q["label"], kind=kinds.get(q["kind"], "choice"),
                         counts=[(c["label"], c["count"]) for c in q["counts"]],
                         texts=list(q["texts"]), average=q["average"])
        for q in summary["questions"]
        if q["texts"] or any(c["count"] for c in q["counts"])])  # unanswered questions left out


# --- recommendations


def recommendation_rows(session, workshop) -> list[RecommendationRow]:
    return list(session.scalars(select(RecommendationRow)
                                .where(RecommendationRow.workshop_id == workshop.id)
                                .order_by(RecommendationRow.position, RecommendationRow.id)))


def votes(session, recs: list[RecommendationRow]) -> dict[int, int]:
    """Dots per recommendation: live votes plus those kept from deleted participants."""
    ids = [r.id for r in recs]
    live = dict(session.execute(
        select(RecommendationVote.recommendation_id, func.sum(RecommendationVote.count))
        .where(RecommendationVote.recommendation_id.in_(ids))
        .group_by(RecommendationVote.recommendation_id)).all()) if ids else {}
    return {r.id: int(live.get(r.id) or 0) + (r.kept_votes or 0) for r in recs}


def in_booklet(recs: list[RecommendationRow], choice: str | None) -> list[RecommendationRow]:
    """The recommendations the booklet's body shows (``shown_rule``): « kept »: only the
    retained ones, « all »: every one not merged."""
    kept = [r for r in recs if r.status == "kept"]
    if shown_rule(recs, choice) == "kept":
        return kept
    return [r for r in recs if r.status != "merged"]


def shown_rule(recs: list[RecommendationRow], choice: str | None) -> str:
    """The organiser's choice, else « kept » if any recommendation is retained, else « all »."""
    return choice or ("kept" if any(r.status == "kept" for r in recs) else "all")


def themes_of(target: dict, recs: list[RecommendationRow]) -> list[str]:
    """The target's themes in the format's order, then the others in order of appearance."""
    names = list(target["themes"])
    for rec in recs:
        if rec.theme not in names:
            names.append(rec.theme)
    return names


def booklet_order(recs: list[RecommendationRow]) -> list[RecommendationRow]:
    return sorted(recs, key=lambda r: (r.booklet_position is None, r.booklet_position or 0,
                                       r.position, r.id))


def _group_names(session, workshop) -> dict[int, str]:
    return dict(session.execute(select(Group.id, Group.name)
                                .where(Group.workshop_id == workshop.id)).all())


def _groups_of(rec: RecommendationRow, names: dict[int, str]) -> str:
    """The group, or for a merged recommendation every group it came from."""
    ids = [o.get("group") for o in rec.origins or [] if isinstance(o, dict)] or [rec.group_id]
    found = []
    for gid in ids:
        if gid in names and names[gid] not in found:
            found.append(names[gid])
    return ", ".join(found)


def _recommendations(session, workshop, recs, settings) -> list[TargetSection]:
    # The dots follow the organiser's « show support counts » choice, as the cards' supports
    # do; the annex's raw data (XLSX) keeps them.
    totals = votes(session, recs) if settings.show_supports else {}
    names = _group_names(session, workshop)
    shown = in_booklet(recs, settings.recommendations_shown)
    sections, no_theme = [], NO_THEME.label(language_of(workshop.format_data))
    for target in format_targets(workshop):
        mine = [r for r in shown if r.target == target["key"]]
        themes = []
        for theme in themes_of(target, mine):
            items = booklet_order([r for r in mine if r.theme == theme])
            if items:
                themes.append(ThemeSection(title=theme or no_theme, items=[
                    Recommendation(text=wording(r), group=_groups_of(r, names), status=r.status,
                                   votes=totals.get(r.id, 0)) for r in items]))
        if themes:
            sections.append(TargetSection(key=target["key"], title=target["title"], themes=themes))
    return sections


# --- annex


def paris_time(moment: datetime | None) -> datetime | None:
    """A stored UTC time as Europe/Paris wall-clock time (what the raw data shows)."""
    if moment is None:
        return None
    return moment.replace(tzinfo=timezone.utc).astimezone(PARIS).replace(tzinfo=None)


def _annex_cards(session, workshop, settings, cards, author_types) -> list[AnnexCard]:
    """Every card (hidden ones flagged, for the raw data only) and revealed writing."""
    annex, language = [], language_of(workshop.format_data)
    kind_label = {kind: term.label(language) for kind, term in CARD_KINDS.items()}
    by_id = {c.id: c for c in cards}

    def raw(card, where, number=None) -> AnnexCard:
        parent = by_id.get(card.parent_id) if card.parent_id else None
        return AnnexCard(axis_or_question=where, kind_label=kind_label[card.kind],
                         text=card.text, supports=card.supports,
                         author_type=author_types.get(card.participant_id, ""), id=card.id,
                         axis_number=number, created_at=paris_time(card.created_at),
                         answers_id=parent.id if parent else None,
                         answers_text=parent.text if parent else "", verbatim=card.verbatim,
                         merged_into_id=card.merged_into_id, hidden=card.hidden)

    for number, axis in enumerate(ordered_axes(workshop, settings), 1):
        where = f"Axe {number} : {axis.title}"
        annex += [raw(card, where, number) for card in cards if card.axis_id == axis.id]
    revealed = set(session.scalars(select(WritingReveal.sequence_id).where(
        WritingReveal.workshop_id == workshop.id, WritingReveal.revealed.is_(True))))
    for sequence in _sequences(session, workshop, ("question_board", "individual_writing")):
        where = sequence.question or sequence.title
        if sequence.activity == "question_board":
            annex += [raw(c, where) for c in cards if c.sequence_id == sequence.id]
        elif sequence.id in revealed:
            annex += [AnnexCard(axis_or_question=where,
                                kind_label=ACTIVITIES["individual_writing"].label(language),
                                text=w.text, created_at=paris_time(w.created_at))
                      for w in _writings(session, sequence.id)]
    return annex


def _annex_recommendations(session, workshop) -> list[AnnexRecommendation]:
    """Every recommendation, by target in the format's order, then by theme (the
    format's themes first), then in order of writing: each renderer prints a target
    and a theme once, however the groups wrote them."""
    names = _group_names(session, workshop)
    recs = recommendation_rows(session, workshop)
    dots = votes(session, recs)
    return [AnnexRecommendation(target=title, theme=r.theme, group=names.get(r.group_id, ""),
                                text=r.text, status=r.status, id=r.id,
                                created_at=paris_time(r.created_at), votes=dots[r.id])
            for title, r in _by_target_then_theme(workshop, recs)]


def _by_target_then_theme(workshop, recs: list[RecommendationRow]
                          ) -> list[tuple[str, RecommendationRow]]:
    """(target title, recommendation) pairs grouped by target then theme; targets the
    format no longer has come last, under their key."""
    targets = format_targets(workshop)
    known = {t["key"] for t in targets}
    gone = [{"key": key, "title": key, "themes": []}
            for key in dict.fromkeys(r.target for r in recs) if key not in known]
    ordered = []
    for target in targets + gone:
        mine = [r for r in recs if r.target == target["key"]]
        for theme in themes_of(target, mine):
            ordered += [(target["title"], r) for r in mine if r.theme == theme]
    return ordered
