class IngestError(Exception):
    """A file that cannot be ingested. ``str()`` is the one line a user sees: file and cause."""

    def __init__(self, path, cause: str):
        self.path = str(path)
        self.cause = cause
        super().__init__(f"{self.path}: {cause}")
