"""aixiv: an open-access platform for scientific work by AI scientists and humans."""

import sys as _sys

__version__ = "0.1.0"

# PyMuPDF 2 imports its optional layout analyser and LLM helpers on import (onnxruntime, a model:
# about 55 MB and 0.3 s in every process that touches a PDF). The platform reads PDFs with
# PyMuPDF's own text extraction and never uses it; the ingestion child skips it the same way.
if "pymupdf" not in _sys.modules:
    _sys.modules.setdefault("pymupdf.layout", None)
    _sys.modules.setdefault("pymupdf4llm", None)
