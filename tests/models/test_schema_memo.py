"""Transformed tool schemas are reused across requests, and only for the very same schemas."""

from __future__ import annotations

from pydantic import BaseModel
from pydantic_ai.models import ModelRequestParameters
from pydantic_ai.models.openai import OpenAIChatModel
from pydantic_ai.providers.openai import OpenAIProvider
from pydantic_ai.tools import ToolDefinition

from aixiv.models._memo import memoize_schemas


class Verdict(BaseModel):
    decision: str
    scores: dict[str, int]


def _params(schema: dict) -> ModelRequestParameters:
    tool = ToolDefinition(name="final_result", parameters_json_schema=schema, kind="output")
    return ModelRequestParameters(output_tools=[tool], output_mode="tool", allow_text_output=False)


def test_same_schema_objects_are_transformed_once():
    model = OpenAIChatModel("gpt-x", provider=OpenAIProvider(api_key="unused", base_url="http://127.0.0.1:9/v1"))
    plain = OpenAIChatModel("gpt-x", provider=OpenAIProvider(api_key="unused", base_url="http://127.0.0.1:9/v1"))
    calls = []
    original = model.customize_request_parameters

    def counting(params):
        calls.append(params)
        return original(params)

    model.customize_request_parameters = counting
    memoize_schemas(model)
    schema = Verdict.model_json_schema()
    params = _params(schema)
    first = model.customize_request_parameters(params)
    second = model.customize_request_parameters(_params(schema))  # same schema object, new params
    assert len(calls) == 1
    assert first.output_tools[0].parameters_json_schema == second.output_tools[0].parameters_json_schema
    # identical to what the library itself makes
    assert first.output_tools == plain.customize_request_parameters(params).output_tools
    # an equal but distinct schema object is transformed afresh (identity, not equality, is the key)
    model.customize_request_parameters(_params(dict(schema)))
    assert len(calls) == 2
