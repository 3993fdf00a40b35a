"""ModelRegistry from settings files, panels, simulated registries; keys stay out of specs."""

from __future__ import annotations

import pytest

from aixiv.config import load_settings
from aixiv.models import (
    DiskCache,
    MemoryLedger,
    ModelRegistry,
    ModelSpec,
    NullCache,
    derive_family,
    simulated_registry,
)

TOML = """
[models.gpt]
provider = "openai"
model_id = "gpt-4.1"
api_key_env = "AIXIV_TEST_GPT_KEY"
price_in_per_mtok = 2.0
price_out_per_mtok = 8.0

[models.claude]
provider = "anthropic"
model_id = "claude-sonnet-4-5"

[models.gemini]
provider = "google"
model_id = "gemini-2.5-pro"
max_concurrency = 2

[models.deepseek]
provider = "deepseek"
model_id = "deepseek-chat"

[models.local]
provider = "openai-compatible"
base_url = "http://127.0.0.1:8001/v1"
model_id = "llama-3"

[panels]
reviewers = ["gpt"]
voters = ["gpt", "claude", "gemini", "deepseek", "local"]

[panels.chairs]
models = ["claude"]
"""


@pytest.fixture
def settings_file(tmp_path, monkeypatch):
    monkeypatch.delenv("AIXIV_SIMULATED_LLM", raising=False)
    path = tmp_path / "aixiv.toml"
    path.write_text(TOML)
    return path


def test_registry_from_toml_file(settings_file, tmp_path, monkeypatch):
    secret = "sk-test-registry-secret-123456"
    monkeypatch.setenv("AIXIV_TEST_GPT_KEY", secret)
    settings = load_settings(config=settings_file, data_dir=tmp_path)
    registry = ModelRegistry.from_settings(settings, ledger=MemoryLedger())
    assert registry.has_models()
    assert registry.names() == ["gpt", "claude", "gemini", "deepseek", "local"]
    assert registry.panel("reviewers") == ["gpt"]
    assert registry.panel("voters") == ["gpt", "claude", "gemini", "deepseek", "local"]
    assert registry.panel("chairs") == ["claude"]
    gpt = registry.client("gpt").spec
    assert (gpt.provider, gpt.model_id, gpt.price_in_per_mtok, gpt.price_out_per_mtok) == (
        "openai",
        "gpt-4.1",
        2.0,
        8.0,
    )
    assert [registry.client(n).spec.family for n in registry.names()] == [
        "gpt",
        "claude",
        "gemini",
        "deepseek",
        "llama",
    ]
    assert registry.client("claude").spec.api_key_env == "ANTHROPIC_API_KEY"
    assert registry.client("local").spec.api_key_env is None
    assert registry.client("gemini").spec.max_concurrency == 2
    # The default cache is a SQLite file under the data dir.
    assert isinstance(registry.cache, DiskCache) and registry.cache.path.parent == tmp_path
    # Keys are read at call time; nothing configured holds them.
    for text in (repr(registry), repr(registry.client("gpt")), gpt.model_dump_json(), repr(gpt)):
        assert secret not in text
    assert "api_key" not in ModelSpec.model_fields


def test_panels_default_to_all_models():
    registry = ModelRegistry.from_tables(
        {
            "a": {"provider": "openai", "model_id": "gpt-4.1-mini"},
            "b": {"provider": "deepseek", "model_id": "deepseek-chat"},
        }
    )
    assert registry.panel("voters") == ["a", "b"] and registry.panel("reviewers") == ["a", "b"]


def test_clear_errors():
    registry = ModelRegistry.from_tables({"a": {"provider": "openai", "model_id": "gpt-4.1"}})
    with pytest.raises(KeyError, match="no panel named 'chairs'.*reviewers"):
        registry.panel("chairs")
    with pytest.raises(KeyError, match="no model named 'zz'.*'a'"):
        registry.client("zz")
    with pytest.raises(ValueError, match=r"\[models.x\] is invalid: provider"):
        ModelRegistry.from_tables({"x": {"provider": "openia", "model_id": "m"}})
    with pytest.raises(ValueError, match="needs base_url"):
        ModelRegistry.from_tables({"x": {"provider": "openai-compatible", "model_id": "m"}})
    with pytest.raises(ValueError, match="keys never go in the settings file"):
        ModelRegistry.from_tables(
            {"x": {"provider": "openai", "model_id": "m", "api_key": "sk-123"}}
        )
    with pytest.raises(ValueError, match="NAME of an environment variable"):
        ModelRegistry.from_tables(
            {"x": {"provider": "openai", "model_id": "m", "api_key_env": "sk-abc def"}}
        )
    with pytest.raises(ValueError, match="unknown model"):
        ModelRegistry.from_tables(
            {"a": {"provider": "openai", "model_id": "m"}}, {"voters": ["a", "b"]}
        )
    with pytest.raises(ValueError, match="list of model names"):
        ModelRegistry.from_tables({"a": {"provider": "openai", "model_id": "m"}}, {"voters": "a"})
    empty = ModelRegistry.from_tables({})
    assert not empty.has_models()
    with pytest.raises(KeyError):
        empty.panel("voters")


def test_simulated_registry_from_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("AIXIV_SIMULATED_LLM", "http://127.0.0.1:9/")
    monkeypatch.setenv("AIXIV_LLM_CACHE", "off")
    registry = ModelRegistry.from_settings(load_settings(data_dir=tmp_path))
    specs = [registry.client(n).spec for n in registry.names()]
    assert [s.model_id for s in specs] == [
        "sim-gpt",
        "sim-claude",
        "sim-gemini",
        "sim-deepseek",
        "sim-llama",
    ]
    assert len({s.family for s in specs}) == 5
    assert all(s.provider == "simulated" and s.base_url == "http://127.0.0.1:9/v1" for s in specs)
    assert registry.panel("voters") == registry.names()
    assert registry.cache is None

    monkeypatch.setenv("AIXIV_SIMULATED_LLM_FAMILIES", "3")
    monkeypatch.setenv("AIXIV_LLM_CACHE", str(tmp_path / "c.sqlite3"))
    registry = ModelRegistry.from_settings(load_settings(data_dir=tmp_path))
    assert registry.names() == ["gpt", "claude", "gemini"]
    assert registry.cache.path == tmp_path / "c.sqlite3"


def test_simulated_registry_helper(sim):
    registry = simulated_registry(sim.base_url, ["a", "b"], max_concurrency=2, cache=NullCache())
    assert registry.names() == ["a", "b"]
    assert (
        registry.client("a").spec.model_id == "sim-a"
        and registry.client("a").spec.max_concurrency == 2
    )
    assert len(simulated_registry(sim.base_url, 9).names()) == 9


@pytest.mark.parametrize(
    ("provider", "model_id", "family"),
    [
        ("openai", "o3-mini", "gpt"),
        ("openai-compatible", "meta-llama/Llama-3.1-8B-Instruct", "llama"),
        ("openai-compatible", "Qwen/Qwen2.5-72B", "qwen"),
        ("openai-compatible", "mistralai/Mixtral-8x7B", "mistral"),
        ("openai-compatible", "gpt-oss-20b", "gpt"),
        ("simulated", "sim-claude", "claude"),
        ("openai-compatible", "olmo-2-13b", "olmo"),
    ],
)
def test_family_derivation(provider, model_id, family):
    assert derive_family(provider, model_id) == family
