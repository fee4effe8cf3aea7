"""Accessors for the per-app objects the factory creates."""
from flask import current_app
from flask_socketio import SocketIO
from sqlalchemy.orm import Session


def db_session() -> Session:
    return current_app.extensions["ensemble.db"].session()


def socketio() -> SocketIO:
    return current_app.extensions["ensemble.socketio"]
