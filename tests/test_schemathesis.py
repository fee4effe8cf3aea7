"""Schemathesis over the whole REST API, in-process: generated requests against every
operation of /api/openapi.json, as an organiser and as a participant, find no 5xx and no
answer that breaks the document (status, content type, body, headers).

Bounded for CI: a few examples per operation, no shrinking, at most TOTAL_S seconds per
caller; derandomized, so a failure found once is found again."""
import time

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (content_type_conformance,
                                               response_headers_conformance,
                                               response_schema_conformance,
                                               status_code_conformance)

from workshops.factory import create_app
from workshops.extensions import db_session
from workshops.formats import get_builtin
from workshops.services.room import accounts, participants, workshops

EXAMPLES = 10
TOTAL_S = 40
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance, response_headers_conformance]


@pytest.fixture
def api(tmp_path, monkeypatch):
    monkeypatch.setenv("ENSEMBLE_INSTANCE", str(tmp_path / "instance"))
    monkeypatch.setattr(accounts, "HASH_METHOD", "pbkdf2:sha256:1000")
    app = create_app({"TESTING": True, "CREATE_TABLES": True, "WTF_CSRF_ENABLED": False,
                      "SECRET_KEY": "test", "PUBLIC_URL": "http://ensemble.test",
                      "PHONE_BATCH_S": 0, "RATE_LIMITS": False,
                      "EXPORT_DIR": str(tmp_path / "exports"),
                      "DATABASE_URL": f"sqlite:///{tmp_path / 'test.db'}"})
    app.config["PROPAGATE_EXCEPTIONS"] = False  # a bug is a 500, as in production
    with app.app_context():
        s = db_session()
        account = accounts.create_account(s, "orga@example.org", "correct horse battery")
        workshop = workshops.create_workshop(s, account, "Journée", get_builtin(
            "logement-d-abord-10-axes"))
        _participant, part_token = participants.join(s, workshop, "Foyer", "association",
                                                     "direction")
        tokens = {"organiser": accounts.issue_token(s, account), "participant": part_token}
        code = workshop.code
    yield app, code, tokens
    app.extensions["ensemble.db"].engine.dispose()


def _failures_of(operation, code: str, headers: dict, deadline: float) -> list[str]:
    found = []

    @given(case=operation.as_strategy())
    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
              phases=(Phase.explicit, Phase.generate),
              suppress_health_check=list(HealthCheck))
    def run(case):
        if time.monotonic() > deadline:
            return
        if "code" in (case.path_parameters or {}):
            case.path_parameters["code"] = code
        case.call_and_validate(headers=headers, checks=CHECKS)

    try:
        run()
    except (Exception, BaseExceptionGroup) as error:  # noqa: BLE001  (hypothesis re-raises)
        lines = [line.strip() for line in str(error).splitlines()[1:] if line.strip()]
        found.append(f"{operation.label}: {' | '.join(lines[:5])[:400]}")
    return found


@pytest.mark.parametrize("caller", ["organiser", "participant"])
def test_schemathesis_finds_no_5xx_and_no_answer_outside_the_document(api, caller):
    app, code, tokens = api
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", app)
    headers = {"Authorization": f"Bearer {tokens[caller]}",
               "Accept-Encoding": "identity"}  # the test client does not gunzip
    deadline, failures, tried = time.monotonic() + TOTAL_S, [], 0
    for result in schema.get_all_operations():
        operation = result.ok()
        failures += _failures_of(operation, code, headers, deadline)
        tried += 1
    assert tried > 60
    assert failures == [], "\n".join(failures)
