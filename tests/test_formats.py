"""Workshop formats: the built-in files, the round trip, and plain-French errors with lines."""

import json

import pytest

from workshops.formats import (
    FormatError,
    builtin_formats,
    dump_format_yaml,
    get_builtin,
    load_format_data,
    load_format_text,
)
from workshops.formats.model import (AXES_MAX, CHOICES_MAX, DAYS_MAX, FORM_OPTIONS_MAX,
                                     FORM_QUESTIONS_MAX, GUIDING_QUESTIONS_MAX, POLL_OPTIONS_MAX,
                                     POLLS_MAX, SEQUENCES_MAX, SHORT, TARGETS_MAX, THEMES_MAX)

LDA = "logement-d-abord-10-axes"
PLATFORMS = "plateformes-accompagnement"


# ---------------------------------------------------------------- built-in formats


def test_builtin_formats_load():
    formats = builtin_formats()
    assert set(formats) == {LDA, PLATFORMS}
    assert get_builtin(LDA) is formats[LDA]
    assert get_builtin("inconnu") is None


def test_logement_d_abord_has_the_seed_structure():
    fmt = get_builtin(LDA)
    assert fmt.title == "Logement d'Abord — les 10 axes"
    assert fmt.guiding_questions == (
        "Quelles pratiques de chacun et évolutions à penser dans le cadre du Logement d'Abord ?",
        "Quelles difficultés rencontrées et quels leviers à activer pour les dépasser ?",
        "Comment mieux travailler ensemble (entre tous les acteurs du LDA) ?",
    )
    titles = [axis.title for axis in fmt.axes]
    assert len(titles) == 10
    assert titles[0] == "Garantir le respect d'un droit fondamental : le logement"
    assert titles[7] == "Permettre un accès sans délai au logement : mobilisation du parc privé"
    assert titles[8] == "Déployer en France un modèle qui a fait ses preuves"
    assert all(axis.description for axis in fmt.axes)

    day1, day2 = fmt.days
    assert day1.title == "État des lieux du Logement d'Abord"
    assert [s.title for s in day1.sequences[:5]] == [
        "Les pratiques actuelles d'accompagnement",
        "Les contours du LDA",
        "Les freins/leviers/perspectives de l'accompagnement dans le LDA",
        "Les retours d'expériences sur la mise en œuvre du LDA",
        "Le chemin à parcourir dans la pratique du LDA",
    ]
    assert day1.sequences[-1].activity == "feedback_form"
    assert day2.title == "Élaboration de préconisations"
    assert [s.activity for s in day2.sequences] == ["restitution", "group_drafting", "question_board"]
    assert day2.sequences[0].restitution_of == 0
    board = next(s for s in day1.sequences if s.activity == "axis_board")
    assert fmt.axes_of(board) == fmt.axes


def test_logement_d_abord_targets_use_the_seed_themes():
    targets = {t.key: t for t in get_builtin(LDA).targets}
    assert list(targets) == ["professional", "organisation", "partners", "institutions"]
    assert [t.title for t in targets.values()] == [
        "En tant que professionnel·le",
        "Pour ma structure",
        "Avec les partenaires de ma structure",
        "Pour les institutions",
    ]
    assert targets["professional"].themes == ("Réaffirmer mes principes d'intervention", "Me former")
    assert targets["organisation"].themes == (
        "Réaffirmer nos principes d'intervention", "S'organiser", "Travailler avec nos partenaires")
    assert targets["partners"].themes == ("Travailler en coopération et en continuité", "S'organiser")
    assert targets["institutions"].themes == (
        "Faire évoluer les financements et les rapports entre associations et institutions",
        "Informer",
        "Inclure les associations dans la co-création",
        "Soutenir le travail inter-partenarial des associations",
        "Améliorer la communication",
        "Mettre en place un cadre qui facilite l'action des associations",
    )


def test_plateformes_has_the_four_challenges_and_the_positioning_poll():
    fmt = get_builtin(PLATFORMS)
    assert [a.title for a in fmt.axes] == ["Lisibilité", "Continuité", "Adaptabilité", "Lien au droit commun"]
    poll = next(p for p in fmt.polls if p.question == "Où en est notre territoire ?")
    assert poll.kind == "single"
    assert [o.key for o in poll.options] == ["coordination", "mutualisation", "integration", "aucune"]
    assert poll.options[-1].label == "Aucune plateforme pour l'instant"
    assert all(o.description for o in poll.options)
    activities = {s.activity for day in fmt.days for s in day.sequences}
    assert {"poll", "axis_board", "group_drafting", "feedback_form"} <= activities
    assert [t.key for t in fmt.targets] == ["professional", "organisation", "partners", "institutions"]


@pytest.mark.parametrize("format_id", [LDA, PLATFORMS])
def test_builtin_participant_lists_and_texts(format_id):
    fmt = get_builtin(format_id)
    for choices in (fmt.organisation_types, fmt.professions):
        assert choices[-1].key == "autre" and choices[-1].label == "Autre"
    assert "personne_concernee" in {c.key for c in fmt.organisation_types}
    assert len(fmt.professions) == 9
    assert 4 <= len(fmt.feedback_form.questions) <= 6
    assert {q.kind for q in fmt.feedback_form.questions} >= {"scale", "textarea", "single"}
    assert fmt.booklet.intro and fmt.booklet.edito_draft and fmt.booklet.et_apres_draft
    assert all(link.url.startswith("https://") for link in fmt.booklet.links)


@pytest.mark.parametrize("format_id", [LDA, PLATFORMS])
def test_round_trip(format_id):
    fmt = get_builtin(format_id)
    again = load_format_text(dump_format_yaml(fmt))
    assert again == fmt
    assert again.to_dict() == fmt.to_dict()
    assert load_format_text(json.dumps(fmt.to_dict(), indent="\t")) == fmt
    assert load_format_data(json.loads(json.dumps(fmt.to_dict()))) == fmt


def test_json_keeps_emoji_escapes():
    data = get_builtin(PLATFORMS).to_dict()
    data["title"] = "Plateformes \U0001F3E0"
    assert load_format_text(json.dumps(data)).title == "Plateformes \U0001F3E0"


# ---------------------------------------------------------------- errors

VALID = """\
id: essai
version: 1
title: Essai
axes:
  - key: a
    title: Axe A
  - key: b
    title: Axe B
targets:
  - key: professional
    title: En tant que professionnel·le
    themes: [Me former]
polls:
  - key: ou
    question: Où en est-on ?
    kind: single
    options:
      - {key: un, label: Un}
      - {key: deux, label: Deux}
days:
  - title: Jour 1
    sequences:
      - title: Axes
        activity: axis_board
        minutes: 30
        axes: [a, b]
      - title: Sondage
        activity: poll
        minutes: 10
        poll: ou
  - title: Jour 2
    sequences:
      - title: Restitution
        activity: restitution
        minutes: 20
        restitution_of: 0
      - title: Groupes
        activity: group_drafting
        minutes: 60
"""


def edit(**lines):
    """VALID with some lines replaced: edit(l25="...") replaces line 25, "" deletes it."""
    result = VALID.splitlines()
    for name, text in sorted(lines.items(), key=lambda item: -int(item[0][1:])):
        number = int(name[1:])
        result[number - 1:number] = [text] if text else []
    return "\n".join(result) + "\n"


def test_valid_document_loads():
    fmt = load_format_text(VALID)
    assert fmt.days[0].sequences[0].axes == ("a", "b")
    assert fmt.polls[0].options[1].label == "Deux"


INVALID = [
    ("duplicate axis", edit(l7="  - key: a"), 7, ['l\'axe "a"', "déjà défini"]),
    ("minutes not a number", edit(l25="        minutes: trente"), 25, ['"minutes"', "nombre entier positif"]),
    ("minutes zero", edit(l35="        minutes: 0"), 35, ['"minutes"', "nombre entier positif"]),
    ("unknown activity", edit(l38="        activity: brainstorm"), 38, ['"brainstorm"', "n'existe pas"]),
    ("unknown axis", edit(l26="        axes: [a, z]"), 26, ['l\'axe "z"', "n'existe pas"]),
    ("unknown poll", edit(l30="        poll: inconnu"), 30, ['sondage "inconnu"', "n'existe pas"]),
    ("restitution of same day", edit(l36="        restitution_of: 1"), 36, ["journée précédente"]),
    ("restitution on day 1", edit(l28="        activity: restitution", l30="        restitution_of: 0"),
     27, ["restitution", "première journée"]),
    ("empty day", edit(l32="    sequences: []", l33="", l34="", l35="", l36="", l37="", l38="", l39=""),
     32, ["Jour 2", "aucune séquence"]),
    ("title too long", edit(l3="title: " + "x" * 201), 3, ["trop long", "200"]),
    ("instructions too long", edit(l26="        instructions: " + "y" * 2001), 26, ['"instructions"', "2000"]),
    ("duplicate YAML key", edit(l4="title: Encore\naxes:"), 4, ['"title"', "deux fois"]),
    ("missing field", edit(l23="      - activity: axis_board", l24=""), 23, ["manque", '"title"']),
    ("misspelt field", edit(l25="        minute: 30"), 25, ['"minute"', "pas reconnu", '"minutes"']),
    ("duplicate poll option", edit(l19="      - {key: un, label: Deux}"), 19, ['l\'option "un"', "déjà définie"]),
    ("themes not a list", edit(l12="    themes: Me former"), 12, ['"themes"', "liste"]),
    ("field of another activity", edit(l39="        minutes: 60\n        poll: ou"), 40,
     ['"poll"', "group_drafting"]),
    ("key with spaces", edit(l5="  - key: Axe A"), 5, ['"key"', "identifiant"]),
    ("unknown poll kind", edit(l16="    kind: sometimes"), 16, ['"kind"', "single", "sometimes"]),
]


@pytest.mark.parametrize("text, line, words", [case[1:] for case in INVALID], ids=[case[0] for case in INVALID])
def test_invalid_documents_name_the_line_and_the_reason(text, line, words):
    with pytest.raises(FormatError) as info:
        load_format_text(text)
    assert info.value.line == line
    message = str(info.value)
    assert message.startswith(f"Ligne {line} : ")
    for word in words:
        assert word in message


@pytest.mark.parametrize("text, line, words", [
    (edit(l6='    title: "Axe A'), 6, ["YAML", "guillemet"]),
    (edit(l11="    title: En tant que : professionnel·le"), 11, ["YAML", "entre guillemets"]),
    (edit(l18="\t- {key: un, label: Un}"), 18, ["YAML", "espaces"]),
    ('{\n  "id": "essai",\n  "version": 1\n  "title": "x"\n}', 4, ["JSON"]),
], ids=["unclosed quote", "colon in text", "tab", "json"])
def test_malformed_syntax_names_the_line(text, line, words):
    with pytest.raises(FormatError) as info:
        load_format_text(text)
    assert str(info.value).startswith(f"Ligne {line} : ")
    for word in words:
        assert word in str(info.value)


def test_errors_without_a_node_tree_have_no_line():
    data = get_builtin(LDA).to_dict()
    data["days"][0]["sequences"][0]["minutes"] = -5
    with pytest.raises(FormatError, match=r'^"minutes" doit être un nombre entier positif\.$') as info:
        load_format_data(data)
    assert info.value.line is None


def test_yaml_aliases_are_refused():
    with pytest.raises(FormatError, match="références YAML"):
        load_format_text(VALID + "description: &d Essai\nguiding_questions: [*d]\n")


def test_a_malformed_builtin_fails_loudly(tmp_path, monkeypatch):
    import workshops.formats as formats

    (tmp_path / "essai.yaml").write_text(edit(l25="        minutes: 0"), encoding="utf-8")
    monkeypatch.setattr(formats, "BUILTIN_DIR", tmp_path)
    formats._builtins.cache_clear()
    try:
        with pytest.raises(RuntimeError, match=r"essai\.yaml.*Ligne 25 : \"minutes\""):
            builtin_formats()
    finally:
        formats._builtins.cache_clear()


# ---------------------------------------------------------------- how many a format holds


def _with(change):
    data = get_builtin(PLATFORMS).to_dict()
    change(data)
    return data


def _poll(options: int, label: str = "Option") -> dict:
    return {"key": "beaucoup", "question": "Laquelle ?", "kind": "single",
            "options": [{"key": f"o{i}", "label": f"{label} {i}"} for i in range(options)]}


def _form(questions: int, options: int = 2) -> dict:
    return {"title": "Retour", "questions": [
        {"key": f"q{i}", "label": f"Question {i}", "kind": "single",
         "options": [f"Réponse {j}" for j in range(options)]} for i in range(questions)]}


CAPS = [
    ("poll options", lambda d: d.update(polls=[_poll(POLL_OPTIONS_MAX + 1)]),
     f'"options" contient {POLL_OPTIONS_MAX + 1} éléments ; {POLL_OPTIONS_MAX} au maximum'),
    ("option label", lambda d: d.update(polls=[_poll(2, "x" * SHORT)]),
     f"trop long ({SHORT + 2} caractères ; {SHORT} au maximum)"),
    ("polls", lambda d: d.update(polls=[dict(_poll(2), key=f"p{i}") for i in range(POLLS_MAX + 1)]),
     f'"polls" contient {POLLS_MAX + 1} éléments ; {POLLS_MAX} au maximum'),
    ("form questions", lambda d: d.update(feedback_form=_form(FORM_QUESTIONS_MAX + 1)),
     f'"questions" contient {FORM_QUESTIONS_MAX + 1} éléments ; {FORM_QUESTIONS_MAX} au maximum'),
    ("form options", lambda d: d.update(feedback_form=_form(1, FORM_OPTIONS_MAX + 1)),
     f'"options" contient {FORM_OPTIONS_MAX + 1} éléments ; {FORM_OPTIONS_MAX} au maximum'),
    ("axes", lambda d: d.update(axes=[{"key": f"a{i}", "title": f"Axe {i}"}
                                      for i in range(AXES_MAX + 1)]),
     f'"axes" contient {AXES_MAX + 1} éléments ; {AXES_MAX} au maximum'),
    ("days", lambda d: d.update(days=d["days"] * (DAYS_MAX + 1)),
     f'"days" contient {DAYS_MAX + 1} éléments ; {DAYS_MAX} au maximum'),
    ("sequences", lambda d: d["days"][0].update(
        sequences=[dict(d["days"][0]["sequences"][1], title=f"S{i}")
                   for i in range(SEQUENCES_MAX + 1)]),
     f'"sequences" contient {SEQUENCES_MAX + 1} éléments ; {SEQUENCES_MAX} au maximum'),
    ("targets", lambda d: d.update(targets=[{"key": f"t{i}", "title": f"Cible {i}"}
                                            for i in range(TARGETS_MAX + 1)]),
     f'"targets" contient {TARGETS_MAX + 1} éléments ; {TARGETS_MAX} au maximum'),
    ("themes", lambda d: d["targets"][0].update(themes=[f"Thème {i}"
                                                        for i in range(THEMES_MAX + 1)]),
     f'"themes" contient {THEMES_MAX + 1} éléments ; {THEMES_MAX} au maximum'),
    ("professions", lambda d: d.update(professions=[{"key": f"p{i}", "label": f"Métier {i}"}
                                                    for i in range(CHOICES_MAX + 1)]),
     f'"professions" contient {CHOICES_MAX + 1} éléments ; {CHOICES_MAX} au maximum'),
    ("guiding questions", lambda d: d.update(guiding_questions=[
        f"Question {i} ?" for i in range(GUIDING_QUESTIONS_MAX + 1)]),
     f'"guiding_questions" contient {GUIDING_QUESTIONS_MAX + 1} éléments ; '
     f'{GUIDING_QUESTIONS_MAX} au maximum'),
]


@pytest.mark.parametrize("change, words", [c[1:] for c in CAPS], ids=[c[0] for c in CAPS])
def test_a_format_holds_a_bounded_number_of_polls_options_and_questions(change, words):
    with pytest.raises(FormatError) as info:
        load_format_data(_with(change))
    assert words in str(info.value)


def test_the_caps_hold_what_a_format_may_hold_at_most():
    at_most = _with(lambda d: d.update(
        polls=d["polls"] + [dict(_poll(POLL_OPTIONS_MAX, "x" * (SHORT - 3)), key=f"p{i}")
                            for i in range(POLLS_MAX - len(d["polls"]))],
        feedback_form=_form(FORM_QUESTIONS_MAX, FORM_OPTIONS_MAX)))
    fmt = load_format_data(at_most)
    assert len(fmt.polls) == POLLS_MAX and len(fmt.feedback_form.questions) == FORM_QUESTIONS_MAX
