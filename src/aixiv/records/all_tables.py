"""Import every module that defines tables, so one metadata holds the whole schema."""

from aixiv.literature import _tables as _literature_tables  # noqa: F401
from aixiv.records import models  # noqa: F401
from aixiv.records.doi import _tables as _doi_tables  # noqa: F401
