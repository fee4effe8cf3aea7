"""Public REST API v1 (/api/v1/…): the operations the screens use.

Organisers and facilitators send `Authorization: Bearer org_…` (from POST
/api/v1/tokens); participants send the `part_…` token they got when joining.
Errors are `{"error": {"code", "message"}}` with a 4xx status.
"""
from workshops.api import openapi, operations  # noqa: F401  (their routes)
from workshops.api.blueprint import bp

__all__ = ["bp"]
