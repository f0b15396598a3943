"""Errors a user sees: each carries a stable code and a sentence a person understands."""


class ExtractError(Exception):
    """A file could not be turned into a record; `code` is stable for other programs."""

    code = "extract_error"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code

    @property
    def message(self) -> str:
        return str(self)


class InputError(ExtractError):
    """The input file is missing, unreadable, empty or of a kind we do not read."""

    code = "unreadable_file"


class RecordInvalid(ExtractError):
    """The record failed schema validation: a bug in a parser, never written to disk."""

    code = "schema_invalid"
