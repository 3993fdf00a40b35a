"""DOIs of the record: DataCite metadata, registrars (local table or DataCite), citations.

A submission has a concept DOI (all versions) and each version its own DOI, reserved as
drafts when created and published (findable) on acceptance, as InvenioRDM/Zenodo do.
"""

from ._errors import (
    DoiConflict,
    DoiError,
    DoiNotFound,
    MetadataError,
    RegistrarAuthError,
    RegistrarError,
)
from ._tables import DoiRegistration
from .bibtex import bibtex, cite_as, latex_escape
from .metadata import (
    LICENSES,
    agent_label,
    attribution_text,
    datacite_concept_metadata,
    datacite_metadata,
    is_valid,
    metadata_errors,
    validate_metadata,
)
from .registrar import (
    TEST_PREFIX,
    DataCiteRegistrar,
    LocalRegistrar,
    Registrar,
    Registration,
    make_registrar,
    mint_doi,
    normalize_doi,
    parse_doi,
)

__all__ = [
    "LICENSES",
    "TEST_PREFIX",
    "DataCiteRegistrar",
    "DoiConflict",
    "DoiError",
    "DoiNotFound",
    "DoiRegistration",
    "LocalRegistrar",
    "MetadataError",
    "Registrar",
    "RegistrarAuthError",
    "RegistrarError",
    "Registration",
    "agent_label",
    "attribution_text",
    "bibtex",
    "cite_as",
    "datacite_concept_metadata",
    "datacite_metadata",
    "is_valid",
    "latex_escape",
    "make_registrar",
    "metadata_errors",
    "mint_doi",
    "normalize_doi",
    "parse_doi",
    "validate_metadata",
]
