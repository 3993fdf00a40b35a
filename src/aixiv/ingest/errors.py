"""The one error ingestion raises: a short code for programs, a sentence for people."""

from __future__ import annotations

# code -> what it means; the pipeline and the API show ``message``, never a traceback.
CODES = {
    "empty": "the upload has no bytes",
    "too-large": "the upload is larger than the limit",
    "unsupported-format": "not a PDF, LaTeX source, LaTeX archive, Markdown or text file",
    "encrypted": "the PDF needs a password",
    "too-many-pages": "the PDF has more pages than the limit",
    "corrupt-pdf": "the PDF cannot be read",
    "no-text": "nothing readable was found",
    "not-utf8": "a text file is not valid UTF-8",
    "bad-archive": "the archive cannot be read or holds unsafe entries",
    "zip-bomb": "the archive unpacks to more than the limit",
    "too-many-files": "the archive holds more members than the limit",
    "no-main-file": "no LaTeX file with \\documentclass and \\begin{document}",
    "timeout": "parsing took longer than the time limit",
    "memory": "parsing needed more memory than the limit",
    "crash": "the parser process died",
}


class IngestError(Exception):
    """An upload that cannot be turned into a Document."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

    def __reduce__(self):  # type: ignore[no-untyped-def]
        # Pickle with both arguments (the default would pass the message only).
        return (type(self), (self.code, self.message))

    def __repr__(self) -> str:
        return f"IngestError({self.code!r}, {self.message!r})"

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}
