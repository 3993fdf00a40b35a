"""Each provider adapter through its real SDK against the simulator; SDKs load lazily."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import textwrap

import pytest
from llm_support import Review

from aixiv.models import MemoryLedger, ModelRegistry, ModelSpec

KEY = "sk-test-provider-key-0123456789"


@pytest.mark.parametrize(
    ("provider", "api"),
    [
        ("openai", "openai"),
        ("deepseek", "openai"),
        ("openai-compatible", "openai"),
        ("anthropic", "anthropic"),
        ("google", "gemini"),
    ],
)
async def test_adapter_round_trip(sim, monkeypatch, provider, api):
    monkeypatch.setenv("AIXIV_TEST_PROVIDER_KEY", KEY)
    # The Anthropic and Gemini SDKs add their own path below the root URL.
    base_url = sim.root_url if api in ("anthropic", "gemini") else sim.base_url
    ledger = MemoryLedger()
    registry = ModelRegistry.from_tables(
        {
            "m": {
                "provider": provider,
                "model_id": f"sim-{provider}",
                "base_url": base_url,
                "api_key_env": "AIXIV_TEST_PROVIDER_KEY",
                "max_retries": 1,
            }
        },
        ledger=ledger,
    )
    client = registry.client("m")
    client.backoff_base_s = 0.01
    sim.script(f"sim-{provider}", [{"status": 503}])  # every adapter maps errors so retries work
    result = await client.generate(
        system="Review the paper.",
        prompt="Paper: X",
        output_type=Review,
        purpose="review",
        prompt_version="v1",
        temperature=0.3,
    )
    assert isinstance(result.output, Review) and result.output.summary.startswith("[simulated]")
    assert result.tokens_in > 0 and result.tokens_out > 0 and result.attempts == 2
    [failed, ok] = sim.log(f"sim-{provider}")
    assert ok["api"] == api and ok["target"] == "tool" and ok["temperature"] == 0.3
    assert ok["credential_sha256"] == hashlib.sha256(KEY.encode()).hexdigest()
    assert ledger.entries[0].ok and ledger.entries[0].provider == provider
    await registry.aclose()


def test_sdks_are_imported_lazily(sim):
    code = textwrap.dedent(
        f"""
        import asyncio, sys
        from pydantic import BaseModel
        import aixiv.models as m

        def loaded(name):
            return any(k == name or k.startswith(name + ".") for k in sys.modules)

        registry = m.ModelRegistry.from_tables({{
            "c": {{"provider": "anthropic", "model_id": "claude-x"}},
            "g": {{"provider": "google", "model_id": "gemini-x"}},
            "s": {{"provider": "simulated", "model_id": "sim-gpt", "base_url": "{sim.base_url}"}},
        }})
        assert not loaded("pydantic_ai") and not loaded("fastapi"), "import aixiv.models is light"

        class Out(BaseModel):
            ok: bool

        asyncio.run(registry.client("s").generate(system="", prompt="p", output_type=Out, purpose="t", prompt_version="1"))
        assert loaded("pydantic_ai") and loaded("openai")
        assert not loaded("anthropic"), "anthropic SDK loaded without an Anthropic call"
        assert not loaded("google.genai"), "google SDK loaded without a Gemini call"

        from aixiv.models import _anthropic, _google
        _anthropic.build_model(registry.client("c").spec, "k")
        _google.build_model(registry.client("g").spec, "k")
        assert loaded("anthropic") and loaded("google.genai")
        print("OK")
        """
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "OK"


def test_spec_validation_for_simulated_and_compatible():
    with pytest.raises(ValueError, match="needs base_url"):
        ModelSpec(name="s", provider="simulated", model_id="sim-gpt")
    spec = ModelSpec(
        name="s", provider="simulated", model_id="sim-gpt", base_url="http://127.0.0.1:1/v1"
    )
    assert spec.simulated and spec.family == "gpt" and spec.api_key_env is None
    assert spec.cost(1_000_000, 1_000_000) == 0.0
