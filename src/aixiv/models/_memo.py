"""Reuse a model's transformed tool schemas across requests.

pydantic-ai adapts every tool's JSON schema to the provider (OpenAI's strict mode, Gemini's
subset, ...) on every request, by deep-copying and walking it: milliseconds per call for the
review and vote schemas, which never change. The transformation depends only on the schema
objects an agent hands in, so the result is kept per model, keyed by those objects' identity
(and kept alive with them, so an identity is never reused while it is cached).
"""

from __future__ import annotations

import threading
from typing import Any

_LIMIT = 128


def memoize_schemas(model: Any) -> Any:
    """Wrap ``model.customize_request_parameters`` with an identity-keyed cache; returns the model."""
    original = model.customize_request_parameters
    memo: dict[tuple, tuple[tuple, Any]] = {}
    lock = threading.Lock()

    def customize(params: Any) -> Any:
        from dataclasses import replace

        out_obj = params.output_object
        objs = (
            tuple(t.parameters_json_schema for t in params.function_tools)
            + tuple(t.parameters_json_schema for t in params.output_tools)
            + ((out_obj.json_schema,) if out_obj is not None else ())
        )
        key = (
            tuple((t.name, t.strict, t.description) for t in params.function_tools),
            tuple((t.name, t.strict, t.description) for t in params.output_tools),
            (out_obj.name, out_obj.strict) if out_obj is not None else None,
            tuple(id(x) for x in objs),
        )
        with lock:
            hit = memo.get(key)
        if hit is not None:
            kept, done = hit
            if len(kept) == len(objs) and all(a is b for a, b in zip(kept, objs, strict=True)):
                return replace(
                    params,
                    function_tools=done.function_tools,
                    output_tools=done.output_tools,
                    output_object=done.output_object,
                )
        done = original(params)
        with lock:
            if len(memo) >= _LIMIT:
                memo.clear()
            memo[key] = (objs, done)
        return done

    model.customize_request_parameters = customize
    return model
