"""Each vendor SDK against a local server speaking its wire format; the fallback chain."""

from __future__ import annotations

import json
import threading
import time

import pytest

from interview_prep.llm import registry
from interview_prep.llm.base import ProviderError
from interview_prep.llm.fallback import FallbackChain
from interview_prep.llm.providers.offline import OfflineProvider
from interview_prep.llm.schema import gemini_schema, strict_schema
from interview_prep.models.results import InterviewQuestionSet
from tests.fakes.llm_vendors import USAGE_IN, USAGE_OUT, FakeVendors, Received
from tests.integration.conftest import KEYS, only, request_for, stall

pytestmark = pytest.mark.usefixtures("aws")  # the breaker's state table lives in DynamoDB

WIRE = {"gemini": "gemini", "openai": "openai", "claude": "anthropic"}
MODELS = {"gemini": "gemini-2.5-flash", "openai": "gpt-4.1", "claude": "claude-sonnet-4-6"}


@pytest.mark.parametrize("provider", ["gemini", "openai", "claude"])
def test_each_sdk_succeeds_through_its_wire_format(
    vendors: FakeVendors, monkeypatch: pytest.MonkeyPatch, provider: str
) -> None:
    only(monkeypatch, provider)

    result = registry.get_provider().generate(request_for())

    assert result.provider == provider and result.model == MODELS[provider]
    assert InterviewQuestionSet.model_validate(result.data)
    assert (result.usage.input_tokens, result.usage.output_tokens) == (USAGE_IN, USAGE_OUT)
    assert result.usage.cost_usd > 0
    (call,) = vendors.calls(WIRE[provider])
    sent = json.dumps(call.body, ensure_ascii=False)
    assert sent.count("</resume_data>") == 1, "the prompt is sent once, as written"
    assert [a.outcome for a in result.attempts] == ["succeeded"]
    assert_wire_format(provider, call)


def assert_wire_format(provider: str, call: Received) -> None:
    """The key, the model and the structured-output request reach the vendor as it expects."""
    key, model, body = KEYS[provider], MODELS[provider], call.body
    if provider == "gemini":
        assert call.header("x-goog-api-key") == key
        assert "key=" not in call.path, "the key travels in a header, not in the URL"
        assert call.path.endswith(f"/models/{model}:generateContent")
        config = body["generationConfig"]
        assert config["responseMimeType"] == "application/json"
        assert config["responseJsonSchema"] == gemini_schema(InterviewQuestionSet)
    elif provider == "openai":
        assert call.header("Authorization") == f"Bearer {key}"
        assert body["model"] == model
        assert body["response_format"] == {
            "type": "json_schema",
            "json_schema": {
                "name": "InterviewQuestionSet",
                "schema": strict_schema(InterviewQuestionSet),
                "strict": True,
            },
        }
    else:
        # Anthropic documents x-api-key; the pinned anthropic SDK (2.x) sends the API key
        # as a bearer token, which the Messages API accepts too
        assert call.header("x-api-key") == key or call.header("Authorization") == f"Bearer {key}"
        assert call.header("anthropic-version"), "the Messages API requires a version"
        assert body["model"] == model
        assert body["output_config"] == {
            "format": {"type": "json_schema", "schema": strict_schema(InterviewQuestionSet)}
        }


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Every ``time.sleep`` of the test's own thread (SDK retry back-offs sleep there); the
    fake vendors' handler threads still sleep for real when told to stall."""
    caller, real_sleep = threading.get_ident(), time.sleep
    slept: list[float] = []

    def recording_sleep(seconds: float) -> None:
        if threading.get_ident() == caller:
            slept.append(seconds)
        real_sleep(seconds)

    monkeypatch.setattr(time, "sleep", recording_sleep)
    return slept


FAILURES = {
    "429": "rate_limited",
    "500": "server_error",
    "stall": "timeout",
    "malformed": "invalid_json",
    "empty": "empty",
    "refusal": "refusal",
    "401": "auth",
}


@pytest.mark.parametrize("provider", ["gemini", "openai", "claude"])
@pytest.mark.parametrize("behaviour", list(FAILURES))
def test_any_failure_falls_through_to_the_next_provider_at_once(
    vendors: FakeVendors,
    monkeypatch: pytest.MonkeyPatch,
    sleeps: list[float],
    provider: str,
    behaviour: str,
) -> None:
    backup = "openai" if provider != "openai" else "claude"
    only(monkeypatch, provider, backup)
    if behaviour == "stall":
        stall(vendors, monkeypatch, provider)
    else:
        vendors.script(WIRE[provider], behaviour)

    result = registry.get_provider().generate(request_for())

    assert result.provider == backup
    failed, succeeded = result.attempts
    assert (failed.provider, failed.outcome, failed.error_class) == (
        provider,
        "failed",
        FAILURES[behaviour],
    )
    assert succeeded.provider == backup and succeeded.outcome == "succeeded"
    # "at once": one request to the failing vendor (no SDK retry), no back-off, then the next
    assert len(vendors.calls(WIRE[provider])) == 1
    assert len(vendors.calls(WIRE[backup])) == 1
    assert sleeps == []


@pytest.mark.parametrize("provider", ["gemini", "openai", "claude"])
def test_schema_violations_get_one_repair_round_from_the_same_model(
    vendors: FakeVendors, monkeypatch: pytest.MonkeyPatch, provider: str
) -> None:
    only(monkeypatch, provider)
    vendors.script(WIRE[provider], "schema_invalid", "ok")

    result = registry.get_provider().generate(request_for())

    assert result.provider == provider
    _, repair = vendors.calls(WIRE[provider])
    sent = json.dumps(repair.body, ensure_ascii=False)
    assert "Fix exactly these problems" in sent and "questions: " in sent and "[schema]" in sent
    assert result.usage.input_tokens == 2 * USAGE_IN


def test_an_ungrounded_answer_is_repaired_with_the_gate_violations_listed(
    vendors: FakeVendors, monkeypatch: pytest.MonkeyPatch
) -> None:
    only(monkeypatch, "openai")
    vendors.script("openai", "ungrounded", "ok")

    result = registry.get_provider().generate(request_for())

    _, repair = vendors.calls("openai")
    sent = json.dumps(repair.body["messages"][-1], ensure_ascii=False)
    assert "questions[0].evidence" in sent and "[evidence]" in sent
    assert [a.outcome for a in result.attempts] == ["succeeded"]


def test_an_answer_that_fails_the_gate_twice_falls_through_to_the_next_provider(
    vendors: FakeVendors, monkeypatch: pytest.MonkeyPatch
) -> None:
    only(monkeypatch, "gemini", "claude")
    vendors.script("gemini", "ungrounded", "ungrounded")

    result = registry.get_provider().generate(request_for())

    assert result.provider == "claude"
    assert result.attempts[0].error_class == "quality_gate"


def test_schema_still_invalid_after_repair_falls_through(
    vendors: FakeVendors, monkeypatch: pytest.MonkeyPatch
) -> None:
    only(monkeypatch, "gemini", "claude")
    vendors.script("gemini", "schema_invalid", "schema_invalid")

    result = registry.get_provider().generate(request_for())

    assert result.provider == "claude"
    assert result.attempts[0].error_class == "schema_invalid"


def test_all_failing_names_what_was_tried_and_classifies_it(
    vendors: FakeVendors, monkeypatch: pytest.MonkeyPatch
) -> None:
    only(monkeypatch, "gemini", "openai", "claude")
    vendors.script("gemini", "500")
    vendors.script("openai", "429")
    stall(vendors, monkeypatch, "claude")

    with pytest.raises(ProviderError) as caught:
        registry.get_provider().generate(request_for())

    error = caught.value
    assert error.transient
    assert "gemini (server_error)" in error.detail and "claude (timeout)" in error.detail
    assert [a.provider for a in error.attempts] == ["gemini", "openai", "claude"]


def test_refusals_and_bad_keys_everywhere_are_final(
    vendors: FakeVendors, monkeypatch: pytest.MonkeyPatch
) -> None:
    only(monkeypatch, "gemini", "openai")
    vendors.script("gemini", "401")
    vendors.script("openai", "refusal")

    with pytest.raises(ProviderError) as caught:
        registry.get_provider().generate(request_for())

    assert not caught.value.transient


def test_openai_compatible_negotiates_down_to_json_mode(
    vendors: FakeVendors, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_COMPATIBLE_BASE_URL", f"{vendors.base_url}/v1")
    monkeypatch.setenv("OPENAI_COMPATIBLE_MODEL", "llama3.1:8b")
    only(monkeypatch, "openai_compatible")
    vendors.reject_json_schema = True  # like many local servers

    first = registry.get_provider().generate(request_for())
    second = registry.get_provider().generate(request_for())

    assert first.provider == second.provider == "openai_compatible"
    assert first.model == "llama3.1:8b"
    formats = [call.body.get("response_format", {}).get("type") for call in vendors.received]
    assert formats == ["json_schema", "json_object", "json_object"], "negotiated once"


def test_offline_answers_alone_when_no_key_is_set() -> None:
    assert isinstance(registry.get_provider(), OfflineProvider)


def test_offline_joins_the_chain_only_when_configured(
    vendors: FakeVendors, monkeypatch: pytest.MonkeyPatch
) -> None:
    only(monkeypatch, "gemini")
    vendors.script("gemini", "500", "500")
    with pytest.raises(ProviderError):
        registry.get_provider().generate(request_for())

    monkeypatch.setenv("LLM_OFFLINE_FALLBACK", "true")
    only(monkeypatch, "gemini")
    result = registry.get_provider().generate(request_for())

    assert result.provider == "offline"
    assert [a.provider for a in result.attempts] == ["gemini", "offline"]


def test_the_job_token_ceiling_stops_the_chain(
    vendors: FakeVendors, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LLM_MAX_TOKENS_PER_JOB", "700")
    only(monkeypatch, "gemini", "openai", "claude")
    vendors.payload = "{}"  # schema-invalid every time: each provider spends two calls
    vendors.invalid_payload = "{}"
    with pytest.raises(ProviderError) as caught:
        registry.get_provider().generate(request_for())
    # 2 calls x 200 tokens per provider: after two providers the 700-token budget is spent
    assert [a.error_class for a in caught.value.attempts][-1] == "token_ceiling"
    assert len(vendors.received) < 6
    assert caught.value.usage.tokens <= 700 + 2 * (USAGE_IN + USAGE_OUT)


def test_no_api_key_reaches_the_logs(
    vendors: FakeVendors, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    only(monkeypatch, "gemini", "openai", "claude")
    for wire in ("gemini", "openai", "anthropic"):
        vendors.script(wire, "401")
    with pytest.raises(ProviderError) as caught:
        registry.get_provider().generate(request_for())
    captured = capsys.readouterr()
    for key in KEYS.values():
        assert key not in captured.out + captured.err + str(caught.value)
        assert key not in json.dumps([a.model_dump(mode="json") for a in caught.value.attempts])


def test_circuit_opens_is_shared_and_closes_after_a_probe(monkeypatch: pytest.MonkeyPatch) -> None:
    from interview_prep.llm.breaker import CircuitBreaker, DynamoDBBreakerStore

    worker_a = CircuitBreaker(DynamoDBBreakerStore(), threshold=2, cooldown_seconds=0.3)
    worker_b = CircuitBreaker(DynamoDBBreakerStore(), threshold=2, cooldown_seconds=0.3)

    worker_a.record_failure("gemini")
    assert worker_b.allow("gemini"), "one failure does not open the circuit"
    worker_b.record_failure("gemini")

    assert not worker_a.allow("gemini") and not worker_b.allow("gemini")
    assert worker_a.state("gemini") == "open"
    time.sleep(0.35)
    probes = [worker_a.allow("gemini"), worker_b.allow("gemini")]
    assert probes.count(True) == 1, "exactly one instance gets the half-open probe"

    worker_a.record_success("gemini")
    assert worker_b.allow("gemini") and worker_b.state("gemini") == "closed"


def test_an_open_circuit_skips_the_provider_at_no_cost(
    vendors: FakeVendors, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LLM_BREAKER_FAILURE_THRESHOLD", "1")
    monkeypatch.setenv("LLM_BREAKER_COOLDOWN_SECONDS", "300")
    only(monkeypatch, "gemini", "openai")
    vendors.script("gemini", "500")
    registry.get_provider().generate(request_for())  # gemini fails once: circuit opens

    result = registry.get_provider().generate(request_for())

    assert len(vendors.calls("gemini")) == 1, "no second call while the circuit is open"
    assert result.attempts[0].error_class == "circuit_open"
    assert result.provider == "openai"


def test_chain_is_built_from_the_registry_in_configured_order(
    vendors: FakeVendors, monkeypatch: pytest.MonkeyPatch
) -> None:
    only(monkeypatch, "claude", "nonsense", "gemini")
    monkeypatch.delenv("OPENAI_API_KEY")
    chain = registry.get_provider()
    assert isinstance(chain, FallbackChain)
    assert [p.name for p in chain.providers] == ["claude", "gemini"]


def test_a_provider_is_not_started_without_time_to_finish(
    vendors: FakeVendors, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dataclasses

    only(monkeypatch, "gemini", "openai")
    late = dataclasses.replace(request_for(), deadline=time.monotonic() + 0.5)

    with pytest.raises(ProviderError) as caught:
        registry.get_provider().generate(late)

    assert vendors.received == [], "no call that could not finish was started"
    assert {a.error_class for a in caught.value.attempts} == {"no_time_left"}
    assert caught.value.transient


def test_an_unreachable_provider_is_a_connection_failure(
    vendors: FakeVendors, monkeypatch: pytest.MonkeyPatch
) -> None:
    from interview_prep.local.mongo_server import free_port

    monkeypatch.setenv("GEMINI_BASE_URL", f"http://127.0.0.1:{free_port()}")
    only(monkeypatch, "gemini", "claude")

    result = registry.get_provider().generate(request_for())

    assert result.provider == "claude"
    assert result.attempts[0].error_class == "connection"
