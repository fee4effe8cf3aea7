"""The one exception services raise for bad input or forbidden actions.

Services know nothing of languages: they raise a stable `code` (and parameters);
the HTTP and Socket.IO layers turn it into a message in the user's language
(workshops/messages.py).
"""


class ServiceError(Exception):
    status = 400

    def __init__(self, code: str, status: int | None = None, details: dict | None = None,
                 **params):
        super().__init__(code)
        self.code = code
        self.params = params
        # Extra fields for the error object (e.g. both texts of an edit conflict).
        self.details = details or {}
        if status is not None:
            self.status = status


class NotFound(ServiceError):
    status = 404


class Forbidden(ServiceError):
    status = 403


class Conflict(ServiceError):
    status = 409
