"""PDF parsing: layout evidence for the guard, and the outline of a paper."""

from __future__ import annotations

import pytest
from ingest_builders import hidden_text_pdf, paper_pdf, raw_pdf

from aixiv.ingest import Document, parse_bytes


@pytest.fixture(scope="module")
def hidden() -> Document:
    return parse_bytes("specimen.pdf", hidden_text_pdf(), max_pages=10)


def _span(doc: Document, words: str):  # type: ignore[no-untyped-def]
    found = [s for s in doc.spans if words in s.text]
    assert found, f"no span with {words!r} in {[s.text for s in doc.spans]}"
    return found[0]


def test_every_span_is_in_the_model_view(hidden: Document) -> None:
    for words in ("white", "tiny", "invisible", "faint", "layered", "covered", "off page", "field"):
        assert f"{words} instruction text" in hidden.text
    assert hidden.page_count == 1
    assert hidden.source_format == "pdf"
    assert hidden.filename == "specimen.pdf"


def test_span_styles(hidden: Document) -> None:
    visible = _span(hidden, "Visible heading")
    assert (visible.color, visible.alpha, visible.render_mode, visible.size) == (
        "#000000",
        1.0,
        0,
        16.0,
    )
    assert _span(hidden, "white instruction").color == "#ffffff"
    assert _span(hidden, "tiny instruction").size == 1.0
    assert _span(hidden, "invisible instruction").render_mode == 3
    assert _span(hidden, "faint instruction").alpha == pytest.approx(0.02, abs=0.005)
    assert _span(hidden, "covered instruction").color == "#0000ff"
    off = _span(hidden, "off page instruction")
    assert off.bbox[0] > hidden.pages[0].width  # kept, with a position outside the page
    assert visible.font and visible.page == 1


def test_hidden_layer(hidden: Document) -> None:
    assert [(layer.name, layer.visible) for layer in hidden.layers] == [("Secret notes", False)]
    assert _span(hidden, "layered instruction").layer == "Secret notes"
    assert _span(hidden, "Visible heading").layer is None


def test_shape_drawn_over_text(hidden: Document) -> None:
    covered = _span(hidden, "covered instruction")
    fills = [s for s in hidden.shapes if s.kind == "fill" and s.fill == "#ffffff"]
    assert len(fills) == 1
    box = fills[0]
    assert box.seqno > covered.seqno  # drawn later ...
    x0, y0, x1, y1 = covered.bbox
    assert box.bbox[0] <= x0 and box.bbox[2] >= x1  # ... over the whole line
    assert box.bbox[1] <= (y0 + y1) / 2 <= box.bbox[3]
    assert _span(hidden, "white instruction").seqno < box.seqno


def test_annotations_fields_metadata(hidden: Document) -> None:
    notes = {a.contents: a for a in hidden.annotations}
    assert notes["annotation instruction text"].type == "Text"
    assert notes["annotation instruction text"].hidden is False
    assert notes["hidden annotation text"].hidden is True
    assert [(f.name, f.value) for f in hidden.form_fields] == [
        ("reviewer_note", "field instruction text")
    ]
    assert hidden.metadata["keywords"] == "metadata instruction text"
    assert hidden.title == "Hidden Text Specimen"  # from the metadata
    assert hidden.xmp and "xmp instruction text" in hidden.xmp
    page = hidden.pages[0]
    assert page.mediabox == (0.0, 0.0, 595.0, 842.0) and page.cropbox == page.mediabox


def test_spans_and_documents_survive_json(hidden: Document) -> None:
    again = Document.model_validate_json(hidden.model_dump_json())
    assert again == hidden


def test_paper_outline() -> None:
    doc = parse_bytes("paper.pdf", paper_pdf(pages=2), max_pages=10)
    assert doc.title == "Routing Entropy in Sparse Mixtures"  # largest text on page 1
    assert doc.abstract.startswith("We study routing entropy")
    assert [(s.title, s.level) for s in doc.sections] == [
        ("1 Introduction", 1),
        ("2 Method", 1),
        ("3 Results", 1),
    ]
    assert "validation loss" in doc.sections[1].text
    assert len(doc.references) == 2 and doc.references[0].startswith("[1] A. Author.")
    assert doc.page_count == len(doc.pages) >= 2


def test_kerned_words_get_spaces_and_mode_changes_split_spans() -> None:
    content = (
        b"BT /F1 11 Tf 72 700 Td [(Kerned)-300(words)-250(here)] TJ ET "
        b"BT /F1 11 Tf 72 680 Td (Seen ) Tj 3 Tr (unseen words) Tj 0 Tr ( seen again) Tj ET "
        b"BT /F1 11 Tf 72 660 Td (Opaque ) Tj /GS1 gs (translucent) Tj ET"
    )
    doc = parse_bytes("raw.pdf", raw_pdf(content))
    assert "Kerned words here" in doc.text
    modes = {s.text.strip(): s.render_mode for s in doc.spans}
    assert modes["unseen words"] == 3 and modes["Seen"] == 0 and modes["seen again"] == 0
    alphas = {s.text.strip(): s.alpha for s in doc.spans}
    assert alphas["translucent"] == pytest.approx(0.2, abs=0.01) and alphas["Opaque"] == 1.0
