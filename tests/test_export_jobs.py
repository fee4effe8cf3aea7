"""Export jobs that cannot get stuck (issue 12, item 9): progress in percent, a job whose
worker died is failed and can be started again within 30 s."""
import datetime as dt
import os
import signal
import time
from pathlib import Path

import pytest

from tests.booklet_helpers import day  # noqa: F401 (fixture)
from workshops.db import utcnow
from workshops.models import ExportJob


def job_url(room, job_id=None):
    base = f"/api/v1/workshops/{room.code}/exports"
    return base if job_id is None else f"{base}/{job_id}"


def render_children() -> set[int]:
    """The pids of this process's children rendering a booklet (exports/worker.py)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ")
        except OSError:
            continue
        parent = int(next(line.split()[1] for line in status.splitlines()
                          if line.startswith("PPid:")))
        if parent == os.getpid() and b"exports.worker" in command:
            found.add(int(entry.name))
    return found


def wait_for(room, job_id, statuses, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job = room.client.get(job_url(room, job_id), headers=room.auth).get_json()
        if job["status"] in statuses:
            return job
        time.sleep(0.1)
    raise AssertionError(f"job {job_id} still {job['status']} after {seconds} s")


# The warm child's pipes are closed when it dies (they were left to the garbage collector,
# one ResourceWarning each).
@pytest.mark.filterwarnings("error::ResourceWarning",
                            "error::pytest.PytestUnraisableExceptionWarning")
def test_killing_the_renderer_fails_the_job_which_can_be_started_again(room, day):
    # Only this job's child: an earlier test's export may still be rendering in the background.
    earlier = render_children()
    started = room.client.post(job_url(room), json={"format": "pdf"}, headers=room.auth)
    assert started.status_code == 202
    job_id = started.get_json()["id"]
    deadline, child = time.monotonic() + 20, None
    while child is None and time.monotonic() < deadline:
        child = next(iter(render_children() - earlier), None)
        time.sleep(0.02)
    assert child, "the PDF was not rendered in a child process"
    os.kill(child, signal.SIGKILL)
    before = time.monotonic()
    failed = wait_for(room, job_id, ("failed", "done"), 30)
    assert failed["status"] == "failed" and time.monotonic() - before < 30
    assert "relancez" in failed["error"].lower()
    again = room.client.post(job_url(room), json={"format": "pdf"}, headers=room.auth)
    assert again.status_code == 202
    done = wait_for(room, again.get_json()["id"], ("done", "failed"), 60)
    assert done["status"] == "done" and done["progress"] == 100


def test_a_job_whose_worker_died_is_failed_once_its_heartbeat_stops(room, app):
    """The defect: a `kill -9` of the server's worker left the job at « rendering 40 % »."""
    with app.app_context():
        from workshops.extensions import db_session

        session = db_session()
        late = utcnow() - dt.timedelta(seconds=25)
        fresh = utcnow() - dt.timedelta(seconds=3)
        jobs = [ExportJob(workshop_id=room.workshop.id, format="pdf", status="rendering",
                          progress=40, created_at=late, heartbeat_at=when)
                for when in (late, fresh)]
        session.add_all(jobs)
        session.commit()
        dead, alive = (job.id for job in jobs)
    job = room.client.get(job_url(room, dead), headers=room.auth).get_json()
    assert job["status"] == "failed" and "interrompu" in job["error"]
    job = room.client.get(job_url(room, alive), headers=room.auth).get_json()
    assert job["status"] == "rendering" and job["progress"] == 40
