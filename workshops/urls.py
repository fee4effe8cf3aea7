"""Addresses phones and screens can reach: the LAN address, not localhost."""
import socket
from urllib.parse import urlsplit, urlunsplit

from flask import current_app, request, url_for


def lan_address() -> str:
    """This machine's address on the local network (no packet is sent)."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("192.0.2.1", 9))  # TEST-NET-1: routing lookup only, UDP sends nothing here
        return probe.getsockname()[0]
    except OSError:
        return "127.0.0.1"
    finally:
        probe.close()


def public_base() -> str:
    """PUBLIC_URL if set; else the address of this request, with localhost swapped for the LAN."""
    configured = current_app.config.get("PUBLIC_URL")
    if configured:
        return configured
    parts = urlsplit(request.host_url)
    if parts.hostname in ("localhost", "127.0.0.1", "::1"):
        netloc = lan_address() + (f":{parts.port}" if parts.port else "")
        parts = parts._replace(netloc=netloc)
    return urlunsplit(parts).rstrip("/")


def join_url(workshop) -> str:
    return public_base() + url_for("participant.board", code=workshop.code)


def projection_url(workshop) -> str:
    return public_base() + url_for("projection.screen", code=workshop.code,
                                   key=workshop.projection_key)


def facilitator_url(workshop) -> str:
    return public_base() + url_for("facilitator.console", code=workshop.code)
