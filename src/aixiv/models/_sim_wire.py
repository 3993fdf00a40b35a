"""The simulator's wire formats: what an OpenAI, Anthropic or Gemini request asks for, and the answer."""

from __future__ import annotations

import copy
import hashlib
import json
import math
import random
from dataclasses import dataclass
from typing import Any

from aixiv.models._schema_gen import SchemaGenerator, paragraph


def digest(*parts: Any) -> bytes:
    blob = json.dumps(parts, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(blob.encode()).digest()


def unit(digest: bytes) -> float:
    return int.from_bytes(digest[:8], "big") / 2**64


def text_of(content: Any) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return " ".join(
            part.get("text", "") if isinstance(part, dict) else str(part) for part in content
        )
    return "" if content is None else str(content)


def prompt_identity(messages: list[dict[str, Any]], system: Any = None) -> str:
    """System messages and the first user message: stays the same across repair turns."""
    parts = [text_of(system)] if system else []
    first_user = None
    for m in messages:
        if m.get("role") in ("system", "developer"):
            parts.append(text_of(m.get("content")))
        elif m.get("role") == "user" and first_user is None:
            first_user = text_of(m.get("content"))
    parts.append(first_user or "")
    return "\n".join(parts)


def tokens(text: str) -> int:
    return max(1, math.ceil(len(text) / 4))


@dataclass
class Answer:
    kind: str  # "tool" | "json" | "text"
    payload: str
    tool_name: str | None = None


def answer(
    seed: int,
    *,
    model: str,
    messages: list[dict[str, Any]],
    system: Any,
    schema: dict[str, Any] | None,
    kind: str,
    tool_name: str | None,
    accept_rate: float,
    scripted: dict[str, Any] | None,
) -> Answer:
    identity = prompt_identity(messages, system)
    accept = unit(digest("accept", seed, model, identity)) < accept_rate
    if scripted and "accept" in scripted:
        accept = bool(scripted["accept"])
    rng = random.Random(digest("content", seed, model, messages, system, schema))
    if scripted and "raw" in scripted:
        return Answer(kind, str(scripted["raw"]), tool_name)
    if kind == "text":
        text = scripted.get("text") if scripted else None
        return Answer("text", text if text is not None else "[simulated] " + paragraph(rng))
    if scripted and "output" in scripted:
        value = scripted["output"]
    else:
        value = SchemaGenerator(schema or {"type": "object"}, rng, accept=accept).generate()
        if scripted and isinstance(scripted.get("override"), dict) and isinstance(value, dict):
            value.update(copy.deepcopy(scripted["override"]))
    return Answer(kind, json.dumps(value), tool_name)


def openai_target(body: dict[str, Any]) -> tuple[str, dict[str, Any] | None, str | None]:
    """(kind, schema, tool name) of what an OpenAI chat request asks for."""
    tools = [t for t in body.get("tools") or [] if t.get("type", "function") == "function"]
    choice = body.get("tool_choice")
    if tools and choice != "none":
        by_name = {t["function"]["name"]: t["function"] for t in tools}
        name = None
        if isinstance(choice, dict):
            name = (choice.get("function") or {}).get("name")
        if name not in by_name:
            finals = [n for n in by_name if n.startswith("final_result")]
            name = finals[0] if finals else next(iter(by_name))
        return "tool", by_name[name].get("parameters") or {"type": "object"}, name
    fmt = body.get("response_format") or {}
    if fmt.get("type") == "json_schema":
        return "json", (fmt.get("json_schema") or {}).get("schema") or {"type": "object"}, None
    if fmt.get("type") == "json_object":
        return (
            "json",
            {
                "type": "object",
                "properties": {"answer": {"type": "string"}},
                "required": ["answer"],
            },
            None,
        )
    return "text", None, None


def anthropic_target(body: dict[str, Any]) -> tuple[str, dict[str, Any] | None, str | None]:
    tools = [t for t in body.get("tools") or [] if "input_schema" in t]
    choice = body.get("tool_choice") or {}
    if tools and choice.get("type") != "none":
        by_name = {t["name"]: t for t in tools}
        name = choice.get("name")
        if name not in by_name:
            finals = [n for n in by_name if n.startswith("final_result")]
            name = finals[0] if finals else next(iter(by_name))
        return "tool", by_name[name]["input_schema"], name
    for key in ("output_format", "output_config"):
        fmt = body.get(key) or {}
        fmt = fmt.get("format", fmt) if isinstance(fmt, dict) else {}
        if isinstance(fmt, dict) and fmt.get("type") == "json_schema":
            return "json", fmt.get("schema") or {"type": "object"}, None
    return "text", None, None


def gemini_schema(schema: Any) -> Any:
    """Gemini's OpenAPI-style schema (``type: OBJECT``, ``nullable``) to plain JSON schema."""
    if isinstance(schema, list):
        return [gemini_schema(s) for s in schema]
    if not isinstance(schema, dict):
        return schema
    out = {
        k: gemini_schema(v) for k, v in schema.items() if k not in ("nullable", "propertyOrdering")
    }
    if isinstance(out.get("type"), str):
        out["type"] = out["type"].lower()
        if schema.get("nullable"):
            out["type"] = [out["type"], "null"]
    for key in ("minItems", "maxItems", "minLength", "maxLength", "minProperties", "maxProperties"):
        if isinstance(out.get(key), str) and out[key].isdigit():
            out[key] = int(out[key])
    return out


def gemini_target(body: dict[str, Any]) -> tuple[str, dict[str, Any] | None, str | None]:
    declarations = [
        d for tool in body.get("tools") or [] for d in tool.get("functionDeclarations") or []
    ]
    calling = (body.get("toolConfig") or {}).get("functionCallingConfig") or {}
    if declarations and str(calling.get("mode", "AUTO")).upper() != "NONE":
        by_name = {d["name"]: d for d in declarations}
        allowed = [n for n in calling.get("allowedFunctionNames") or [] if n in by_name]
        finals = [n for n in by_name if n.startswith("final_result")]
        name = (allowed or finals or list(by_name))[0]
        decl = by_name[name]
        schema = (
            decl.get("parametersJsonSchema")
            or decl.get("parameters_json_schema")
            or gemini_schema(decl.get("parameters"))
            or {"type": "object"}
        )
        return "tool", schema, name
    config = body.get("generationConfig") or {}
    json_schema = config.get("responseJsonSchema") or config.get("response_json_schema")
    if json_schema:
        return "json", json_schema, None
    if config.get("responseSchema"):
        return "json", gemini_schema(config["responseSchema"]), None
    if config.get("responseMimeType") == "application/json":
        return (
            "json",
            {
                "type": "object",
                "properties": {"answer": {"type": "string"}},
                "required": ["answer"],
            },
            None,
        )
    return "text", None, None


def gemini_messages(body: dict[str, Any]) -> tuple[list[dict[str, Any]], str]:
    messages = [
        {
            "role": "user" if c.get("role", "user") == "user" else "assistant",
            "content": " ".join(
                p.get("text", "") for p in c.get("parts") or [] if isinstance(p, dict)
            ),
        }
        for c in body.get("contents") or []
    ]
    system = " ".join(
        p.get("text", "") for p in (body.get("systemInstruction") or {}).get("parts") or []
    )
    return messages, system


def credential_of(request: Any) -> str:
    headers = request.headers
    auth = (headers.get("authorization") or "").removeprefix("Bearer ").strip()
    return (
        auth
        or headers.get("x-api-key")
        or headers.get("x-goog-api-key")
        or request.query_params.get("key")
        or ""
    )
