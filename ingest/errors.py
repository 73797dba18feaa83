def printable(text) -> str:
    """``text`` safe to print and store: undecodable bytes of a file name as ``\\xff``, line breaks,
    escape codes and other controls as their escapes, so no name can break a line or a terminal."""
    text = str(text).encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    if text.isprintable():  # nearly every name: a build prints and stores each one several times
        return text
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)


class IngestError(Exception):
    """A file that cannot be ingested. ``str()`` is the one line a user sees: file and cause."""

    def __init__(self, path, cause: str):
        self.path = printable(path)
        self.cause = " ".join(str(cause).split())  # one line, whatever a parser's message held
        super().__init__(f"{self.path}: {self.cause}")
