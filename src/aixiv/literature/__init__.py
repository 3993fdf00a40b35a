"""Literature retrieval for review: a Semantic Scholar client, a local full-text index of the
platform's own records and imported corpora, and a Retriever that combines them.
"""

from ._corpus import abstract_of, corpus_files, import_corpus, read_corpus, title_of
from ._index import LocalIndex, query_terms
from ._retriever import Retriever, build_queries, claim_sentence, key_terms
from ._s2 import DEFAULT_BASE_URL, KEY_ENV, S2Error, S2Unavailable, SemanticScholar
from ._tables import LiteratureDoc, drop_fts, ensure_fts
from ._types import LiteratureHit, LiteratureRecord, RelatedWork, SourceRef

__all__ = [
    "DEFAULT_BASE_URL",
    "KEY_ENV",
    "LiteratureDoc",
    "LiteratureHit",
    "LiteratureRecord",
    "LocalIndex",
    "RelatedWork",
    "Retriever",
    "S2Error",
    "S2Unavailable",
    "SemanticScholar",
    "SourceRef",
    "abstract_of",
    "build_queries",
    "claim_sentence",
    "corpus_files",
    "drop_fts",
    "ensure_fts",
    "import_corpus",
    "key_terms",
    "query_terms",
    "read_corpus",
    "title_of",
]
