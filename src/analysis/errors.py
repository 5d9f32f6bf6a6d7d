"""Error types shared across modules (kept import-light so the CLI starts fast)."""


class InputError(ValueError):
    """A file cannot be used; the message is one line naming where the problem is."""
