"""Booklet exports: produce a file, keep a copy in the output folder, run long ones as jobs.

The synthesis is built here, in the server, from the database (services/booklet.py);
the slow renderers (PDF, DOCX) then run in a child process (exports/worker.py) so the
live room never waits for them. A job is a row (`ExportJob`) that the organiser's screen
polls: queued → building → rendering → done (or failed), with a progress percentage.
"""
from __future__ import annotations

import json
import os
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

import exports
from exports.worker import render_isolated
from workshops.db import utcnow
from workshops.models import Account, ExportJob, Workshop
from workshops.services import booklet, readiness
from workshops.services.archive import dump
from workshops.services.base.errors import Conflict, NotFound, ServiceError

FORMATS = ("docx", "pdf", "html", "md", "xlsx", "json")
ISOLATED = ("pdf", "docx")  # the renderers that may take seconds on a large workshop
BOOKLETS = ("docx", "pdf", "html", "md")  # the formats that print the booklet's texts
JSON_TYPE = "application/json"
JOBS_SHOWN = 10
RUNNING = ("queued", "building", "rendering")
# A running job writes its heartbeat every 2 s (exports/worker.py): past this silence its
# worker died (killed, restarted) and the job is failed, so the organiser can start it again.
STALE_AFTER = timedelta(seconds=20)
INTERRUPTED = ("Export interrompu : le serveur s'est arrêté pendant la mise en page. "
               "Relancez-le.")


def local_now() -> datetime:
    """The server's local time: what file names and « Livret généré le … » show to people
    (the database keeps UTC)."""
    return datetime.now().replace(microsecond=0)


def check_format(fmt) -> str:
    if fmt not in FORMATS:
        raise ServiceError("unknown_export_format", formats=", ".join(FORMATS))
    return fmt


def filename(workshop: Workshop, fmt: str, when: datetime) -> str:
    """What and when, e.g. livret-journee-test-2026-11-22-1430.pdf / archive-….json."""
    if fmt == "json":
        return f"archive-{exports.slug(workshop.title)}-{when:%Y-%m-%d-%H%M}.json"
    return exports.export_filename(workshop.title, fmt, when)


def content_type(fmt: str) -> str:
    return JSON_TYPE if fmt == "json" else exports.file_type(fmt).content_type


def ready(session: Session, workshop: Workshop, fmt: str, override: bool = False) -> None:
    """Refuse (409 `booklet_not_ready`, the warnings in `details`) a booklet that would print
    a bracketed placeholder, unless the organiser overrides (services/readiness.py)."""
    if check_format(fmt) not in BOOKLETS or override:
        return
    # The warnings alone (booklet.warnings, as the Livret screen asks them): the job builds
    # the whole synthesis once, when it renders.
    warnings = booklet.warnings(session, workshop)
    if readiness.blocking(warnings):
        raise Conflict("booklet_not_ready", details={"warnings": warnings})


def produce(session: Session, workshop: Workshop, fmt: str, now: datetime,
            progress=None, override: bool = True, isolated=render_isolated) -> bytes:
    """The file's bytes. `progress(status, percent)` is told of each stage. Without
    `override`, a booklet that is not ready to send is refused (`ready`). PDF and DOCX are
    rendered by `isolated(fmt, synthesis, beat)`: a child process of their own, or the
    server's warm one (`exports.worker.Renderer.render`)."""
    check_format(fmt)
    tell = progress or (lambda _status, _percent: None)
    tell("building", 10)
    if fmt == "json":
        data = dump(session, workshop, now)
        tell("rendering", 60)
        return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")
    synthesis, warnings = booklet.check(session, workshop, now)
    if fmt in BOOKLETS and not override and readiness.blocking(warnings):
        raise Conflict("booklet_not_ready", details={"warnings": warnings})
    session.rollback()  # nothing to write: end the read transaction before the long part
    tell("rendering", 40)
    if fmt in ISOLATED:
        return isolated(fmt, synthesis, beat=lambda percent: tell("rendering", percent))
    return exports.render(fmt, synthesis)[0]


def save(export_dir: str, name: str, data: bytes) -> Path:
    """Keep a copy in the output folder (written to a temporary name, then renamed)."""
    folder = Path(export_dir)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    partial = folder / f".{name}.part"
    partial.write_bytes(data)
    os.replace(partial, path)
    return path


# --- background jobs


def record_done(session: Session, workshop: Workshop, account: Account | None, fmt: str,
                name: str) -> ExportJob:
    """Note a file produced directly (not by a job), so the workshop's deletion removes it."""
    job = ExportJob(workshop_id=workshop.id, account_id=account.id if account else None,
                    format=fmt, status="done", progress=100, filename=name, finished_at=utcnow())
    session.add(job)
    session.commit()
    return job


def create_job(session: Session, workshop: Workshop, account: Account | None, fmt,
               override: bool = False) -> ExportJob:
    """A queued job; refused like `ready` says (the job itself then renders as is)."""
    ready(session, workshop, check_format(fmt), override)
    job = ExportJob(workshop_id=workshop.id, account_id=account.id if account else None,
                    format=check_format(fmt), status="queued", progress=0,
                    heartbeat_at=utcnow())
    session.add(job)
    session.commit()
    return job


def run_job(session: Session, job_id: int, export_dir: str, now=local_now,
            isolated=render_isolated) -> ExportJob:
    """Do the export of a queued job, recording its progress as it goes (commits each stage);
    `isolated` as for `produce`."""
    job = session.get(ExportJob, job_id)
    workshop = session.get(Workshop, job.workshop_id)

    def progress(status, percent):
        job.status, job.progress, job.heartbeat_at = status, percent, utcnow()
        session.commit()

    try:
        moment = now()
        data = produce(session, workshop, job.format, moment, progress, isolated=isolated)
        name = filename(workshop, job.format, moment)
        save(export_dir, name, data)
        job.status, job.progress, job.filename = "done", 100, name
    except Exception as error:  # noqa: BLE001 — any failure must reach the organiser's screen
        session.rollback()
        job = session.get(ExportJob, job_id)
        job.status, job.error = "failed", str(error)[:200]
    job.finished_at = utcnow()
    session.commit()
    return job


def get_job(session: Session, workshop: Workshop, job_id) -> ExportJob:
    job = session.get(ExportJob, job_id) if isinstance(job_id, int) else None
    if job is None or job.workshop_id != workshop.id:
        raise NotFound("unknown_export")
    _fail_if_stale(session, [job])
    return job


def recent_jobs(session: Session, workshop: Workshop) -> list[ExportJob]:
    jobs = list(session.scalars(select(ExportJob).where(ExportJob.workshop_id == workshop.id)
                                .order_by(ExportJob.id.desc()).limit(JOBS_SHOWN)))
    _fail_if_stale(session, jobs)
    return jobs


def _fail_if_stale(session: Session, jobs: list[ExportJob]) -> None:
    """Mark failed the running jobs whose heartbeat stopped (their worker died)."""
    limit = utcnow() - STALE_AFTER
    stale = [job for job in jobs if job.status in RUNNING
             and (job.heartbeat_at or job.created_at) < limit]
    for job in stale:
        job.status, job.error, job.finished_at = "failed", INTERRUPTED, utcnow()
    if stale:
        session.commit()


def job_dict(job: ExportJob) -> dict:
    return {"id": job.id, "format": job.format, "status": job.status, "progress": job.progress,
            "filename": job.filename, "error": job.error,
            "created_at": job.created_at.isoformat() + "Z"}


def job_file(export_dir: str, job: ExportJob) -> Path:
    """The finished job's file in the output folder, or 404 if not ready (or removed)."""
    path = Path(export_dir) / job.filename if job.filename else None
    if job.status != "done" or path is None or not path.is_file():
        raise NotFound("export_not_ready")
    return path
