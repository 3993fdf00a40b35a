"""Import every module that defines tables, so one metadata holds the whole schema."""

from aixiv.records import models  # noqa: F401
