"""The feedback form as a WTForms form, built from the format's questions.

Used by the phone page `/f/<code>` (a FlaskForm: CSRF token, plain POST) and by the REST
API (a plain wtforms.Form fed the JSON body), so both validate the same way.
"""
from flask_babel import lazy_gettext as _l
from wtforms import Form, RadioField, SelectMultipleField, StringField, TextAreaField, widgets
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from workshops.services.activities.feedback import SCALE, TEXT_MAX

REQUIRED = _l("Répondez à cette question.")
TOO_LONG = _l("Votre réponse ne doit pas dépasser %(max)d caractères.")
BAD_CHOICE = _l("Choisissez une réponse de la liste.")
SCALE_LABELS = {"1": _l("1 — pas du tout"), "5": _l("5 — tout à fait")}


class CheckboxesField(SelectMultipleField):
    """Several choices as checkboxes (each a 48 px target in the page's CSS)."""

    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


def form_class(questions: list[dict], base=Form):
    """A form class with one field per question, named by the question's key."""

    class FeedbackForm(base):
        pass

    for question in questions:
        setattr(FeedbackForm, question["key"], _field(question))
    return FeedbackForm


def _field(question: dict):
    kind, label = question["kind"], question["label"]
    required = bool(question.get("required"))
    if kind in ("text", "textarea"):
        validators = [DataRequired(REQUIRED) if required else Optional(),
                      Length(max=TEXT_MAX[kind], message=TOO_LONG)]
        field = StringField if kind == "text" else TextAreaField
        return field(label, validators=validators, filters=[_strip])
    validators = [InputRequired(REQUIRED) if required else Optional()]
    if kind == "scale":
        choices = [SelectChoice(k, SCALE_LABELS.get(k, k)) for k in SCALE]
        return RadioField(label, choices=choices, validators=validators,
                          validate_choice=True)
    choices = [SelectChoice(option, option) for option in question.get("options") or []]
    if kind == "multiple":
        return CheckboxesField(label, choices=choices, validators=validators)
    return RadioField(label, choices=choices, validators=validators)


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def answers_from(form) -> dict:
    """The validated answers, empty ones left out (for services.activities.feedback.save_answers)."""
    out = {}
    for field in form:
        if field.type == "CSRFTokenField":
            continue
        if field.data not in (None, "", [], "None"):
            out[field.name] = field.data
    return out


def error_messages(form) -> dict:
    """{question key: first error message}, for the API."""
    return {name: str(errors[0]) for name, errors in form.errors.items() if errors}


class JsonData:
    """Adapts a JSON object to what WTForms reads from a request (getlist)."""

    def __init__(self, data: dict):
        self.data = data

    def __contains__(self, key):
        return key in self.data

    def __iter__(self):
        return iter(self.data)

    def __len__(self):
        return len(self.data)

    def getlist(self, key):
        value = self.data.get(key)
        if value is None:
            return []
        values = value if isinstance(value, list) else [value]
        return [str(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else v
                for v in values if isinstance(v, (str, int, float)) and not isinstance(v, bool)]
