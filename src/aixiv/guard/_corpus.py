"""A labelled corpus of manuscripts with and without prompt injection (PDF, LaTeX, Markdown).

Manuscripts are synthesised here, or taken from a directory of Markdown/text papers. Every
attack category is written in several ways and languages, and the clean half holds the
hard negatives: papers about injection that quote attack strings, white text on dark table
headers, 5-6 pt footnotes, abstracts in Chinese or Russian, hashes and long URLs, benign
sticky notes, ``% TODO`` comments, emoji and OCR layers.
"""

from __future__ import annotations

import base64
import codecs
import json
import random
import re
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

import pymupdf

from . import _corpus_text as T


@dataclass
class Paper:
    title: str
    abstract: str
    sections: list[tuple[str, list[str]]]
    references: list[str] = field(default_factory=list)


# ------------------------------------------------------------------ manuscripts


def synth_paper(rng: random.Random) -> Paper:
    topic, task, ds, metric = rng.choice(T.TOPICS)
    name = "".join(
        rng.choice("ABCDEFGHKLMNPRSTVXZ") for _ in range(rng.randint(3, 5))
    ) + rng.choice(["", "-Net", "Former", "++"])
    slots = {
        "topic": topic,
        "Topic": topic[:1].upper() + topic[1:],
        "task": task,
        "name": name,
        "Name": name,
        "d0": ds[0],
        "d1": ds[1],
        "d2": ds[2],
        "metric": metric,
        "params": rng.choice([14, 36, 85, 125, 350]),
        "steps": rng.choice([20, 50, 100, 200]),
        "batch": rng.choice([32, 64, 256, 1024]),
        "lr": rng.choice(["3e-4", "1e-3", "5e-5"]),
        "hidden": rng.choice([64, 128, 256]),
        "a": f"{rng.uniform(20, 70):.1f}",
        "delta": f"{rng.uniform(0.5, 4):.1f}",
        "delta2": f"{rng.uniform(3, 9):.1f}",
        "overhead": rng.randint(3, 18),
        "var": f"{rng.uniform(0.1, 0.6):.1f}",
    }
    slots["b"] = f"{float(slots['a']) + rng.uniform(1, 6):.1f}"

    def fill(pool: list[str], k: int) -> str:
        return " ".join(s.format(**slots) for s in rng.sample(pool, k))

    title = f"{name}: {slots['Topic']} for {task[:1].upper() + task[1:]}"
    abstract = fill(T.INTRO, 2) + " " + fill(T.METHOD, 1) + " " + fill(T.RESULTS, 2)
    sections = [
        ("1 Introduction", [fill(T.INTRO, 3), fill(T.INTRO, 2) + " " + fill(T.DISCUSSION, 1)]),
        ("2 Related Work", [fill(T.RELATED, 3)]),
        ("3 Method", [fill(T.METHOD, 4), fill(T.METHOD, 3)]),
        ("4 Experiments", [fill(T.RESULTS, 4), fill(T.RESULTS, 3)]),
        ("5 Conclusion", [fill(T.DISCUSSION, 3)]),
    ]
    refs = [r.format(**slots) for r in T.REFERENCES]
    return Paper(title, abstract, sections, refs)


_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")


def papers_from_dir(path: Path) -> list[Paper]:
    """Manuscripts from Markdown or text files (one paper per file)."""
    papers: list[Paper] = []
    for f in sorted(path.iterdir()):
        if f.suffix.lower() in (".md", ".markdown", ".txt") and f.is_file():
            paper = _paper_from_markdown(f.read_text("utf-8", errors="replace"), f.stem)
            if paper is not None:
                papers.append(paper)
    return papers


class _MarkdownReader:
    """Title, abstract, sections and references of a Markdown paper, line by line."""

    def __init__(self) -> None:
        self.title = ""
        self.abstract = ""
        self.sections: list[tuple[str, list[str]]] = []
        self.refs: list[str] = []
        self.current: str | None = None
        self.paras: list[str] = []
        self.block: list[str] = []

    def flush_block(self) -> None:
        para = " ".join(self.block).strip()
        self.block.clear()
        if not para or para.startswith(("|", "!", "```", "<", "$$")) or len(para) < 40:
            return
        self.paras.append(re.sub(r"[*_`]|\[(.*?)\]\([^)]*\)", lambda m: m.group(1) or "", para))

    def flush_section(self) -> None:
        self.flush_block()
        name = (self.current or "").strip().lower()
        if self.current is None:
            pass
        elif name.startswith("abstract") and not self.abstract:
            self.abstract = " ".join(self.paras)
        elif name.startswith("reference"):
            self.refs.extend(self.paras)
        elif self.paras:
            self.sections.append((self.current, list(self.paras)))
        self.paras.clear()

    def line(self, line: str) -> None:
        m = _MD_HEADING.match(line)
        if m:
            if not self.title and len(m.group(1)) == 1:
                self.title = m.group(2).strip()
                return
            self.flush_section()
            self.current = m.group(2).strip()
        elif not line.strip():
            self.flush_block()
        else:
            self.block.append(line.strip().lstrip("-* ").strip())


def _paper_from_markdown(text: str, stem: str) -> Paper | None:
    reader = _MarkdownReader()
    for line in text.splitlines():
        reader.line(line)
    reader.flush_section()
    if not reader.sections:
        return None
    abstract = reader.abstract or reader.sections[0][1][0]
    return Paper(reader.title or stem, abstract, reader.sections[:8], reader.refs[:10])


# ------------------------------------------------------------------ PDF writing

_CJK = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]")
_NONLATIN = re.compile(r"[^\x00-\u024f\u2000-\u206f]")


def _font_for(text: str) -> str:
    if re.search(r"[\uac00-\ud7af]", text):
        return "korea"
    if re.search(r"[\u3040-\u30ff]", text):
        return "japan"
    if _NONLATIN.search(text):
        return "china-s"
    return "helv"


class PdfWriter:
    """A minimal one-column layout engine on PyMuPDF (wraps words, breaks pages)."""

    W, H, M = 612.0, 792.0, 72.0

    def __init__(self) -> None:
        self.doc = pymupdf.open()
        self.page: pymupdf.Page = self.doc.new_page(width=self.W, height=self.H)
        self.y = self.M
        self.footnotes: list[str] = []

    def _need(self, h: float) -> None:
        if self.y + h > self.H - self.M:
            self.new_page()

    def new_page(self) -> None:
        self.page = self.doc.new_page(width=self.W, height=self.H)
        self.y = self.M

    def _lines(self, text: str, size: float, font: str, width: float) -> list[str]:
        if _CJK.search(text):
            lines, cur = [], ""
            for ch in text:
                if pymupdf.get_text_length(cur + ch, fontname=font, fontsize=size) > width:
                    lines.append(cur)
                    cur = ""
                cur += ch
            return lines + ([cur] if cur else [])
        lines, cur = [], ""
        for word in text.split():
            trial = f"{cur} {word}" if cur else word
            if cur and pymupdf.get_text_length(trial, fontname=font, fontsize=size) > width:
                lines.append(cur)
                cur = word
            else:
                cur = trial
        return lines + ([cur] if cur else [])

    def text(
        self,
        text: str,
        size: float = 10.0,
        *,
        font: str | None = None,
        color=(0, 0, 0),
        gap: float = 6.0,
        x: float | None = None,
        width: float | None = None,
        **kw,
    ) -> pymupdf.Rect:  # type: ignore[no-untyped-def]
        font = font or _font_for(text)
        x0 = self.M if x is None else x
        w = (self.W - 2 * self.M) if width is None else width
        lead = size * 1.25
        first: pymupdf.Rect | None = None
        for line in self._lines(text, size, font, w):
            self._need(lead)
            self.page.insert_text(
                (x0, self.y + size), line, fontsize=size, fontname=font, color=color, **kw
            )
            r = pymupdf.Rect(x0, self.y, x0 + w, self.y + lead)
            first = r if first is None else first | r
            self.y += lead
        self.y += gap
        return first or pymupdf.Rect(x0, self.y, x0 + w, self.y)

    def heading(self, text: str, size: float = 12.0) -> None:
        self._need(3 * size)
        self.y += 4
        self.text(text, size, font="hebo" if _font_for(text) == "helv" else None, gap=4)

    def table(
        self, header: list[str], rows: list[list[str]], *, fill=(0.12, 0.16, 0.3), color=(1, 1, 1)
    ) -> None:  # type: ignore[no-untyped-def]
        cw = (self.W - 2 * self.M) / len(header)
        self._need(16 * (len(rows) + 2))
        top = self.y
        self.page.draw_rect(
            pymupdf.Rect(self.M, top, self.W - self.M, top + 16), color=None, fill=fill
        )
        for i, h in enumerate(header):
            self.page.insert_text(
                (self.M + 4 + i * cw, top + 11.5), h, fontsize=9, fontname="hebo", color=color
            )
        y = top + 16
        for row in rows:
            for i, cell in enumerate(row):
                self.page.insert_text(
                    (self.M + 4 + i * cw, y + 11.5), cell, fontsize=9, fontname="helv"
                )
            y += 15
        self.page.draw_line((self.M, y + 2), (self.W - self.M, y + 2), width=0.6)
        self.y = y + 12

    def finish_footnotes(self) -> None:
        if not self.footnotes:
            return
        y = self.H - self.M + 8
        for note in self.footnotes:
            self.page.insert_text((self.M, y), note, fontsize=5.5, fontname="helv")
            y += 7
        self.footnotes.clear()

    def bytes(self) -> bytes:
        self.finish_footnotes()
        data = self.doc.tobytes(garbage=1, deflate=True)
        self.doc.close()
        return data


def _write_body(w: PdfWriter, paper: Paper, hooks: dict[str, object], rng: random.Random) -> None:
    w.text(paper.title, 15, font="hebo" if _font_for(paper.title) == "helv" else None, gap=10)
    w.text("Anonymous authors - paper under double-blind review", 9, gap=12)
    w.heading("Abstract")
    w.text(paper.abstract, 9.5)
    if "after_abstract" in hooks:
        hooks["after_abstract"](w)  # type: ignore[operator]
    for si, (heading, paras) in enumerate(paper.sections):
        w.heading(heading)
        for pi, para in enumerate(paras):
            w.text(para)
            key = f"s{si}p{pi}"
            if key in hooks:
                hooks[key](w)  # type: ignore[operator]
        if si == 2 and "table" in hooks:
            hooks["table"](w)  # type: ignore[operator]
    w.heading("References")
    for ref in paper.references:
        w.text(ref, 8.5, gap=2)
    if "end" in hooks:
        hooks["end"](w)  # type: ignore[operator]


# ------------------------------------------------------------------ helpers for attacks


def _homoglyph(text: str, rng: random.Random) -> str:
    return "".join(T.HOMOGLYPHS[c] if c in T.HOMOGLYPHS and rng.random() < 0.6 else c for c in text)


def _encode(text: str, kind: str) -> str:
    if kind == "base64":
        return base64.b64encode(text.encode()).decode()
    if kind == "hex":
        return text.encode().hex()
    if kind == "url":
        return urllib.parse.quote(text)
    if kind == "rot13":
        return codecs.encode(text, "rot13")
    if kind == "reversed":
        return text[::-1]
    raise ValueError(kind)


def _zw_interleave(text: str) -> str:
    return "\u200b".join(text)


def _tag_smuggle(text: str) -> str:
    return "".join(chr(0xE0000 + ord(c)) for c in text if 0x20 <= ord(c) < 0x7F)


def _zw_binary(text: str) -> str:
    bits = "".join(f"{b:08b}" for b in text.encode())
    return "".join("\u200b" if b == "0" else "\u200c" for b in bits)


def _attack_text(rng: random.Random, lang: str = "en") -> str:
    if lang == "en":
        pool = T.ATTACKS_EN + T.ATTACKS_EN_SUBTLE
        return rng.choice(pool)
    return rng.choice(T.ATTACKS[lang])


# ------------------------------------------------------------------ corpus plan

PDF_HIDDEN = [
    "white_text",
    "small_text",
    "invisible_render",
    "off_page",
    "occluded",
    "hidden_layer",
]


class CorpusBuilder:
    def __init__(self, out: Path, papers: list[Paper] | None, seed: int) -> None:
        self.out = out
        self.rng = random.Random(seed)
        self.papers = papers or []
        self.labels: list[dict[str, object]] = []
        self.n = 0

    def paper(self) -> Paper:
        if self.papers and self.rng.random() < 0.8:
            return self.rng.choice(self.papers)
        return synth_paper(self.rng)

    def _save(self, ext: str, data: bytes | str, label: str, cats: list[str], note: str) -> None:
        self.n += 1
        name = f"{self.n:04d}-{label}-{(cats[0] if cats else 'clean').replace('_', '-')}.{ext}"
        path = self.out / name
        if isinstance(data, str):
            path.write_text(data, "utf-8")
        else:
            path.write_bytes(data)
        self.labels.append(
            {"file": name, "label": label, "categories": sorted(set(cats)), "note": note}
        )

    # ---------------------------------------------------------- PDF

    def pdf(
        self,
        hooks: dict[str, object],
        label: str,
        cats: list[str],
        note: str,
        *,
        meta: dict[str, str] | None = None,
        xmp: str | None = None,
        paper: Paper | None = None,
    ) -> None:
        w = PdfWriter()
        p = paper or self.paper()
        _write_body(w, p, hooks, self.rng)
        md = {
            "title": p.title,
            "author": "Anonymous",
            "creator": "LaTeX with hyperref",
            "producer": "pdfTeX-1.40",
        }
        md.update(meta or {})
        w.doc.set_metadata(md)
        if xmp:
            w.doc.set_xml_metadata(xmp)
        self._save("pdf", w.bytes(), label, cats, note)

    def _hidden_pdf_hook(self, method: str, text: str):  # type: ignore[no-untyped-def]
        rng = self.rng

        def hook(w: PdfWriter) -> None:
            font = _font_for(text)
            if method == "white_text":
                color = rng.choice([(1, 1, 1), (0.99, 0.99, 0.99), (0.97, 0.97, 0.98)])
                if rng.random() < 0.3:
                    # light grey box, text in the box's own colour
                    r = pymupdf.Rect(w.M, w.y, w.W - w.M, w.y + 40)
                    w.page.draw_rect(r, color=None, fill=(0.9, 0.92, 0.95))
                    color = (0.9, 0.92, 0.95)
                w.text(text, rng.choice([10, 9, 6]), color=color, font=font, gap=2)
            elif method == "small_text":
                w.text(
                    text,
                    rng.choice([0.5, 1.0, 1.5, 2.0]),
                    color=rng.choice([(0, 0, 0), (0.4, 0.4, 0.4)]),
                    font=font,
                    gap=1,
                )
            elif method == "invisible_render":
                if rng.random() < 0.6:
                    w.text(text, 10, render_mode=3, font=font)
                else:
                    w.text(text, 10, fill_opacity=0.0, font=font)
            elif method == "off_page":
                choice = rng.random()
                y = w.y
                if choice < 0.4:
                    w.page.insert_text((-2000, 300), text, fontsize=10, fontname=font)
                elif choice < 0.7:
                    w.page.insert_text((w.M, w.H + 50), text, fontsize=10, fontname=font)
                else:
                    w.page.insert_text((w.W + 30, 200), text, fontsize=10, fontname=font)
                w.y = y
            elif method == "occluded":
                r = w.text(text, 9, font=font, gap=0)
                if rng.random() < 0.6:
                    w.page.draw_rect(r + (-2, -2, 2, 2), color=None, fill=(1, 1, 1))
                else:
                    pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 40, 10), False)
                    pix.set_rect(pix.irect, (255, 255, 255))
                    w.page.insert_image(r + (-2, -2, 2, 2), pixmap=pix, keep_proportion=False)
                w.y += 4
            elif method == "hidden_layer":
                ocg = w.doc.add_ocg(
                    rng.choice(["notes", "Layer 2", "review", "print-only"]), on=False
                )
                w.text(text, 10, oc=ocg, font=font)
            else:
                raise ValueError(method)

        return hook

    def _place(self, paper: Paper | None = None) -> str:
        # Hook names every manuscript has (synthetic or read from a directory).
        return self.rng.choice(["after_abstract", "s0p0", "s1p0", "s2p0", "end"])

    # ---------------------------------------------------------- the plan

    def build(self, per_category: int = 10, clean: int = 40) -> None:
        rng = self.rng
        langs = list(T.ATTACKS)
        k = per_category
        # 1. concealment channels in PDFs, English and other languages
        for method in PDF_HIDDEN:
            for i in range(k):
                lang = "en" if i % 3 else rng.choice(langs)
                text = _attack_text(rng, lang)
                cats = [method] + (["mixed_language"] if lang != "en" else [])
                self.pdf(
                    {self._place(): self._hidden_pdf_hook(method, text)},
                    "attack",
                    cats,
                    f"{method} {lang}",
                )
        # 2. metadata (PDF info, XMP, LaTeX hypersetup, Markdown front matter)
        for i in range(k):
            text = _attack_text(rng, "en" if i % 3 else rng.choice(langs))
            field_ = rng.choice(["keywords", "subject", "title", "author"])
            if i % 4 == 3:
                xmp = (
                    '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">'
                    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
                    'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:description>'
                    + text
                    + '</dc:description></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
                )
                self.pdf({}, "attack", ["metadata"], "xmp", xmp=xmp)
            elif i % 4 == 2:
                self._save(
                    "tex",
                    self.tex(extra_preamble="\\hypersetup{pdfkeywords={" + text + "}}"),
                    "attack",
                    ["metadata"],
                    "hypersetup",
                )
            elif i % 4 == 1:
                self._save(
                    "md", self.md(front={"keywords": text}), "attack", ["metadata"], "front matter"
                )
            else:
                self.pdf({}, "attack", ["metadata"], f"info {field_}", meta={field_: text})
        # 3. invisible characters (sources and PDF annotations/metadata keep them)
        for i in range(k):
            text = _attack_text(rng, "en")
            how = ["zw", "tag", "zwbin", "tagmeta", "bidi"][i % 5]
            if how == "zw":
                self._source(
                    rng.choice(["md", "tex"]),
                    _zw_interleave(text),
                    "attack",
                    ["invisible_chars"],
                    "zero-width interleaved",
                )
            elif how == "tag":
                sentence = "We thank our colleagues for helpful discussions." + _tag_smuggle(text)
                ext = rng.choice(["md", "tex", "txt"])
                self._source(
                    ext,
                    sentence,
                    "attack",
                    ["invisible_chars"],
                    "tag characters",
                )
            elif how == "zwbin":
                sentence = "Code is available on request." + _zw_binary(text)
                self._source(
                    "md",
                    sentence,
                    "attack",
                    ["invisible_chars"],
                    "zero-width binary",
                )
            elif how == "tagmeta":
                self.pdf(
                    {},
                    "attack",
                    ["invisible_chars", "metadata"],
                    "tag chars in metadata",
                    meta={"subject": "Machine learning" + _tag_smuggle(text)},
                )
            else:
                sentence = "See the appendix. \u202e" + text[::-1] + "\u202c"
                self._source(
                    "md",
                    sentence,
                    "attack",
                    ["invisible_chars"],
                    "bidi override",
                )
        # 4. mixed language: visible foreign-language instructions and homoglyphs
        for i in range(k):
            if i % 3 == 2:
                text = _homoglyph(_attack_text(rng, "en"), rng)
                note = "homoglyphs"
            else:
                text = _attack_text(rng, rng.choice(langs))
                note = "foreign language"
            if i % 2:
                self.pdf(
                    {self._place(): lambda w, t=text: w.text(t, 9)},
                    "attack",
                    ["mixed_language"],
                    note + " visible",
                )
            else:
                self._source(
                    rng.choice(["md", "tex"]),
                    text,
                    "attack",
                    ["mixed_language"],
                    note,
                )
        # 5. encoded payloads
        kinds = ["base64", "hex", "url", "rot13", "reversed"]
        for i in range(k):
            kind = kinds[i % len(kinds)]
            payload = _encode(_attack_text(rng, "en"), kind)
            hint = rng.choice(T.ENCODING_HINTS).format(payload=payload)
            if i % 2:
                self.pdf(
                    {self._place(): lambda w, t=hint: w.text(t, 7)}, "attack", ["encoded"], kind
                )
            else:
                self._source(
                    rng.choice(["md", "tex"]),
                    hint,
                    "attack",
                    ["encoded"],
                    kind,
                )
        # 6. contextual: visible, natural-looking instructions to reviewers
        for i in range(k):
            text = _attack_text(rng, "en")
            if i % 2:
                self.pdf(
                    {self._place(): lambda w, t=text: w.text(t)},
                    "attack",
                    ["contextual"],
                    "visible",
                )
            else:
                self._source(
                    rng.choice(["md", "tex"]),
                    text,
                    "attack",
                    ["contextual"],
                    "visible",
                )
        # 7. annotations
        for i in range(k):
            text = _attack_text(rng, "en" if i % 3 else rng.choice(langs))
            mode = ["hidden", "tiny", "sticky", "freetext"][i % 4]

            def hook(w: PdfWriter, t=text, mode=mode) -> None:
                if mode == "hidden":
                    a = w.page.add_text_annot((w.W - 40, w.y), t)
                    a.set_flags(pymupdf.PDF_ANNOT_IS_HIDDEN)
                    a.update()
                elif mode == "tiny":
                    a = w.page.add_freetext_annot(
                        pymupdf.Rect(w.M, w.y, w.M + 1.5, w.y + 1.5), t, fontsize=1
                    )
                    a.update()
                elif mode == "sticky":
                    a = w.page.add_text_annot((w.W - 40, w.y), t)
                    a.update()
                else:
                    a = w.page.add_freetext_annot(
                        pymupdf.Rect(w.M, w.y, w.W - w.M, w.y + 30),
                        t,
                        fontsize=8,
                        text_color=(1, 1, 1),
                        fill_color=(1, 1, 1),
                    )
                    a.update()

            self.pdf({self._place(): hook}, "attack", ["annotation"], mode)
        # 8. source comments (LaTeX %, comment env, \iffalse; Markdown <!-- -->, [//]: #)
        for i in range(k):
            text = _attack_text(rng, "en" if i % 3 else rng.choice(langs))
            if i % 2:
                style = rng.choice(["%", "comment", "iffalse"])
                self._save(
                    "tex",
                    self.tex(comment=(style, text)),
                    "attack",
                    ["source_comment"],
                    f"latex {style}",
                )
            else:
                style = rng.choice(["html", "link"])
                self._save(
                    "md",
                    self.md(comment=(style, text)),
                    "attack",
                    ["source_comment"],
                    f"markdown {style}",
                )
        # 9. hidden source text: LaTeX and Markdown concealment
        for i in range(k):
            text = _attack_text(rng, "en")
            cat = ["white_text", "small_text", "invisible_render", "off_page"][i % 4]
            if i % 2:
                self._save("tex", self.tex(hidden=(cat, text)), "attack", [cat], "latex hidden")
            else:
                self._save("md", self.md(hidden=(cat, text)), "attack", [cat], "markdown hidden")
        # 10. combinations
        for _ in range(max(2, k // 3)):
            text = _attack_text(rng, "en")
            enc = _encode(_attack_text(rng, "en"), "base64")
            hooks = {
                "s0p0": self._hidden_pdf_hook("white_text", text),
                "end": self._hidden_pdf_hook("small_text", enc),
            }
            self.pdf(
                hooks,
                "attack",
                ["white_text", "small_text", "encoded"],
                "combined",
                meta={"keywords": _attack_text(rng, "en")},
            )
        self.clean(clean)

    # ---------------------------------------------------------- clean and hard negatives

    def clean(self, n: int) -> None:
        rng = self.rng
        makers = [
            self._clean_plain,
            self._clean_attack_paper,
            self._clean_dark_header,
            self._clean_footnotes,
            self._clean_foreign_abstract,
            self._clean_hashes,
            self._clean_sticky,
            self._clean_todo,
            self._clean_md_comments,
            self._clean_emoji,
            self._clean_ocr,
            self._clean_response,
        ]
        for i in range(n):
            makers[i % len(makers)](rng)

    def _clean_plain(self, rng: random.Random) -> None:
        fmt = rng.choice(["pdf", "md", "tex"])
        if fmt == "pdf":
            self.pdf({}, "clean", [], "plain")
        else:
            self._save(fmt, self.md() if fmt == "md" else self.tex(), "clean", [], "plain")

    def _clean_attack_paper(self, rng: random.Random) -> None:
        p = self.paper()
        sents = rng.sample(T.ATTACK_PAPER_SENTENCES, 6)
        p = Paper(
            "Detecting Prompt Injection in Scientific Peer Review",
            " ".join(sents[:2]),
            [("1 Introduction", [" ".join(sents[2:4])]), ("2 Threat Model", [" ".join(sents[4:])])]
            + p.sections[2:],
            p.references,
        )
        fmt = rng.choice(["pdf", "md", "tex"])
        if fmt == "pdf":
            self.pdf({}, "clean", [], "paper about prompt injection", paper=p)
        else:
            self._save(
                fmt,
                self.md(paper=p) if fmt == "md" else self.tex(paper=p),
                "clean",
                [],
                "paper about prompt injection",
            )

    def _clean_dark_header(self, rng: random.Random) -> None:
        def table(w: PdfWriter) -> None:
            w.table(
                ["Method", "Accuracy", "Score", "Review"],
                [["Baseline", "71.2", "0.61", "n/a"], ["Ours", "74.9", "0.66", "n/a"]],
                fill=rng.choice([(0.1, 0.1, 0.1), (0.12, 0.16, 0.3), (0.35, 0.05, 0.1)]),
            )

        self.pdf({"table": table}, "clean", [], "white text on a dark table header")

    def _clean_footnotes(self, rng: random.Random) -> None:
        def notes(w: PdfWriter) -> None:
            w.footnotes.extend(
                [
                    "1 Code: https://example.org/code. Experiments ran on 8 GPUs for 3 days.",
                    "2 We thank the reviewers of the workshop version for their comments.",
                ]
            )
            w.finish_footnotes()

        self.pdf(
            {
                "s0p0": notes,
                "end": lambda w: w.text(
                    "Equal contribution. Correspondence to the first author.", 5
                ),
            },
            "clean",
            [],
            "5-6pt footnotes",
        )

    def _clean_foreign_abstract(self, rng: random.Random) -> None:
        lang = rng.choice(list(T.FOREIGN_ABSTRACTS))
        fmt = rng.choice(["pdf", "md"])
        p = self.paper()
        extra = T.FOREIGN_ABSTRACTS[lang]
        if fmt == "pdf":
            self.pdf(
                {"after_abstract": lambda w: w.text(extra, 9.5)},
                "clean",
                [],
                f"abstract in {lang}",
                paper=p,
            )
        else:
            self._save(
                "md", self.md(paper=p, after_abstract=extra), "clean", [], f"abstract in {lang}"
            )

    def _clean_hashes(self, rng: random.Random) -> None:
        import hashlib

        h = hashlib.sha256(str(rng.random()).encode()).hexdigest()
        commit = hashlib.sha1(str(rng.random()).encode()).hexdigest()
        tok = base64.urlsafe_b64encode(hashlib.sha256(h.encode()).digest()).decode().rstrip("=")
        url = (
            "https://storage.example.org/datasets/v2/download?file=train%2Fshard-00017-of-00128.parquet"
            f"&sig={tok}&expires=1767225600&name=Open%20Corpus%20v2"
        )
        text = (
            f"Checkpoints are identified by their SHA-256 digest {h}; the code is at commit {commit}. "
            f"Data: {url} (accessed 2024-03-01). DOI 10.5281/zenodo.{rng.randint(1000000, 9999999)}."
        )
        fmt = rng.choice(["pdf", "md", "tex"])
        if fmt == "pdf":
            self.pdf({"s4p0": lambda w: w.text(text, 8)}, "clean", [], "hashes and long URLs")
        else:
            self._source(fmt, text, "clean", [], "hashes and long URLs")

    def _clean_sticky(self, rng: random.Random) -> None:
        note = rng.choice(T.BENIGN_NOTES)

        def hook(w: PdfWriter) -> None:
            a = w.page.add_text_annot((w.W - 40, w.y), note)
            a.update()
            h = w.page.add_highlight_annot(pymupdf.Rect(w.M, w.y - 20, w.M + 200, w.y - 8))
            h.set_info(content="unclear sentence, rephrase")
            h.update()

        self.pdf({"s3p0": hook}, "clean", [], "benign sticky note")

    def _clean_todo(self, rng: random.Random) -> None:
        self._save(
            "tex", self.tex(todo=rng.sample(T.TODO_COMMENTS, 3)), "clean", [], "LaTeX TODO comments"
        )

    def _clean_md_comments(self, rng: random.Random) -> None:
        self._save(
            "md",
            self.md(comment=("html", rng.choice(T.TODO_COMMENTS))),
            "clean",
            [],
            "Markdown TODO comment",
        )

    def _clean_emoji(self, rng: random.Random) -> None:
        text = (
            "Our team 👩\u200d🔬👨\u200d💻 thanks the organisers 🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f. "
            "Hyphen\u00adation hints are kept in long words such as inter\u00adnational\u00adisation."
        )
        self._source("md", text, "clean", [], "emoji ZWJ, flag tags, soft hyphens")

    def _clean_ocr(self, rng: random.Random) -> None:
        # A scanned page: a full-page image with an invisible OCR text layer over it.
        w = PdfWriter()
        p = self.paper()
        pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 60, 80), False)
        pix.set_rect(pix.irect, (250, 250, 245))
        w.page.insert_image(w.page.rect, pixmap=pix, keep_proportion=False)
        y = 80.0
        for para in [p.title, p.abstract] + [x for _, ps in p.sections[:2] for x in ps]:
            for line in w._lines(para, 10, "helv", 460):
                if y > 740:
                    break
                w.page.insert_text((72, y), line, fontsize=10, render_mode=3)
                y += 13
        w.doc.set_metadata({"title": p.title, "producer": "ScanSoft OCR"})
        self._save("pdf", w.bytes(), "clean", [], "scanned page with OCR layer")

    def _clean_response(self, rng: random.Random) -> None:
        p = self.paper()
        resp = (
            "Changes since the previous version. Following the reviewers' suggestions, we added a comparison with "
            "two recent baselines and an analysis of the score distribution. We thank the reviewers for the positive "
            "assessment of our motivation and have clarified the limitations in Section 5. Reviewer 2 asked whether "
            "the gains persist at larger scale; Table 4 now answers this."
        )
        p.sections = p.sections + [("Appendix A: Response to Reviewers", [resp])]
        fmt = rng.choice(["pdf", "md"])
        if fmt == "pdf":
            self.pdf({}, "clean", [], "response to reviewers", paper=p)
        else:
            self._save("md", self.md(paper=p), "clean", [], "response to reviewers")

    # ---------------------------------------------------------- source formats

    def _source(self, ext: str, text: str, label: str, cats: list[str], note: str) -> None:
        """Save a Markdown, LaTeX or text paper holding ``text`` as a visible paragraph."""
        self._save(ext, self._source_with_visible(text, fmt=ext), label, cats, note)

    def _source_with_visible(self, text: str, fmt: str | None = None) -> str:
        """A Markdown or LaTeX paper with ``text`` as a visible paragraph in its body."""
        fmt = fmt or ("md" if self.rng.random() < 0.5 else "tex")
        if fmt == "txt":
            fmt = "md"
        return self.md(visible=text) if fmt == "md" else self.tex(visible=text)

    def md(
        self,
        *,
        paper: Paper | None = None,
        visible: str | None = None,
        comment: tuple[str, str] | None = None,
        hidden: tuple[str, str] | None = None,
        front: dict[str, str] | None = None,
        after_abstract: str | None = None,
    ) -> str:
        rng = self.rng
        p = paper or self.paper()
        out: list[str] = []
        if front:
            out.append(
                "---\ntitle: "
                + json.dumps(p.title)
                + "\n"
                + "".join(f"{k}: {json.dumps(v, ensure_ascii=False)}\n" for k, v in front.items())
                + "---\n"
            )
        out.append(f"# {p.title}\n\n**Anonymous authors**\n\n## Abstract\n\n{p.abstract}\n")
        if after_abstract:
            out.append(after_abstract + "\n")
        spot = rng.randrange(len(p.sections))
        for si, (heading, paras) in enumerate(p.sections):
            out.append(f"## {heading}\n")
            for para in paras:
                out.append(para + "\n")
            if si == spot:
                if visible:
                    out.append(visible + "\n")
                if comment:
                    style, text = comment
                    out.append(f"<!-- {text} -->\n" if style == "html" else f"[//]: # ({text})\n")
                if hidden:
                    cat, text = hidden
                    style = {
                        "white_text": rng.choice(
                            [
                                '<span style="color:#ffffff">{t}</span>',
                                '<font color="white">{t}</font>',
                                '<span style="color: rgb(255,255,255)">{t}</span>',
                            ]
                        ),
                        "small_text": rng.choice(
                            [
                                '<span style="font-size:1px">{t}</span>',
                                '<span style="font-size: 0.5pt">{t}</span>',
                            ]
                        ),
                        "invisible_render": rng.choice(
                            [
                                '<div style="display:none">{t}</div>',
                                "<span hidden>{t}</span>",
                                '<p style="opacity:0">{t}</p>',
                            ]
                        ),
                        "off_page": '<div style="position:absolute; left:-9999px">{t}</div>',
                    }[cat]
                    out.append(style.format(t=text) + "\n")
        out.append("## References\n\n" + "\n".join(f"- {r}" for r in p.references) + "\n")
        return "\n".join(out)

    def tex(
        self,
        *,
        paper: Paper | None = None,
        visible: str | None = None,
        comment: tuple[str, str] | None = None,
        hidden: tuple[str, str] | None = None,
        todo: list[str] | None = None,
        extra_preamble: str = "",
    ) -> str:
        rng = self.rng
        p = paper or self.paper()

        def esc(s: str) -> str:
            return re.sub(r"([%&#_$])", r"\\\1", s)

        out = [
            "\\documentclass{article}",
            "\\usepackage{xcolor}",
            "\\usepackage{hyperref}",
            extra_preamble,
            f"\\title{{{esc(p.title)}}}",
            "\\author{Anonymous}",
            "\\begin{document}",
            "\\maketitle",
            "\\begin{abstract}",
            esc(p.abstract),
            "\\end{abstract}",
        ]
        spot = rng.randrange(len(p.sections))
        for si, (heading, paras) in enumerate(p.sections):
            out.append(f"\\section{{{esc(re.sub(r'^[0-9.]+ ', '', heading))}}}")
            for para in paras:
                out.append(esc(para) + "\n")
            if todo and si < len(todo):
                out.append("% " + todo[si])
            if si == spot:
                if visible:
                    out.append(esc(visible) + "\n")
                if comment:
                    style, text = comment
                    if style == "%":
                        out.append("% " + text)
                    elif style == "comment":
                        out.append("\\begin{comment}\n" + text + "\n\\end{comment}")
                    else:
                        out.append("\\iffalse\n" + text + "\n\\fi")
                if hidden:
                    cat, text = hidden
                    t = esc(text)
                    out.append(
                        {
                            "white_text": rng.choice(
                                [
                                    "\\textcolor{white}{%s}",
                                    "{\\color{white} %s}",
                                    "\\definecolor{bg}{rgb}{1,1,1}\\textcolor{bg}{%s}",
                                ]
                            ),
                            "small_text": rng.choice(
                                [
                                    "{\\fontsize{0.5pt}{0.5pt}\\selectfont %s}",
                                    "\\scalebox{0.05}{%s}",
                                ]
                            ),
                            "invisible_render": "\\phantom{%s}",
                            "off_page": "\\hspace*{-100cm}{%s}",
                        }[cat]
                        % t
                    )
        out.append("\\begin{thebibliography}{9}")
        for i, r in enumerate(p.references):
            out.append(f"\\bibitem{{r{i}}} {esc(r)}")
        out += ["\\end{thebibliography}", "\\end{document}", ""]
        return "\n".join(out)

    def write_labels(self) -> Path:
        path = self.out / "labels.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for row in self.labels:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        return path


def make_corpus(
    out: Path,
    *,
    papers_dir: Path | None = None,
    seed: int = 7,
    per_category: int = 10,
    clean: int = 60,
) -> Path:
    """Write a labelled corpus to ``out``; returns the labels file."""
    out.mkdir(parents=True, exist_ok=True)
    papers = papers_from_dir(papers_dir) if papers_dir else None
    builder = CorpusBuilder(out, papers, seed)
    builder.build(per_category=per_category, clean=clean)
    return builder.write_labels()
