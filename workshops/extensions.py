"""Accessors for the per-app objects the factory creates."""
from flask import current_app
from flask_socketio import SocketIO
from sqlalchemy.orm import Session

from workshops.services.snapshot import SharedParts


def db_session() -> Session:
    return current_app.extensions["ensemble.db"].session()


def socketio() -> SocketIO:
    return current_app.extensions["ensemble.socketio"]


def shared_parts() -> SharedParts:
    """This app's memo of the snapshot parts shared by a room's screens."""
    return current_app.extensions["ensemble.snapshots"]
