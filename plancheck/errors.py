"""The exceptions plancheck raises; each formats its own one-line message."""

from __future__ import annotations


class PlancheckError(Exception):
    """Base class: something plancheck cannot go on with."""


class ExtractionError(PlancheckError):
    """A file could not be read into a document model.

    ``reason`` is a short human sentence ("encrypted: a password is needed",
    "no text layer: OCR needed"); the message names the file as well.
    """

    def __init__(self, path: str, reason: str, *, fmt: str | None = None) -> None:
        self.path = path
        self.reason = reason
        self.format = fmt
        super().__init__(f"{path}: {reason}")


class UnsupportedFormat(ExtractionError):
    """The content is not a format plancheck reads."""


class NeedsPassword(ExtractionError):
    """An encrypted file and no (or the wrong) password."""


class LimitExceeded(ExtractionError):
    """A resource limit (pages, bytes, time, memory) was hit."""


class ConfigError(PlancheckError):
    """A configuration file or option is wrong; names the file and key."""

    def __init__(self, source: str, key: str | None, problem: str) -> None:
        self.source = source
        self.key = key
        self.problem = problem
        where = f"{source}: {key}" if key else source
        super().__init__(f"{where}: {problem}")


class PatternError(ConfigError):
    """A file in patterns/ is malformed; names the file and key."""
