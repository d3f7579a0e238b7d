"""The errors the screening service raises on purpose (no HTTP status here:
``service.api.problems`` maps them to problem documents)."""

from __future__ import annotations


class ScreeningError(Exception):
    """Base of every error the screening service raises on purpose."""


class ScreeningUnavailable(ScreeningError):
    """No list is loaded, so nothing can be screened; the caller must not answer clear."""


class InvalidScreenRequest(ScreeningError, ValueError):
    """One field of the request cannot be used; ``field`` names it for the error document."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message
