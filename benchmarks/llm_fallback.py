"""How fast the chain switches providers, and what each SDK costs to import.

    .venv/bin/python benchmarks/llm_fallback.py [--runs 20]

Uses the local vendor servers from the tests (no network). Prints:
- warm switch: from the failed provider's answer arriving to the next provider's request
  leaving (SDKs already imported), per failing vendor;
- first-use import cost per SDK, in a fresh interpreter;
- per-provider overhead: a successful call through each SDK against a local server.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.fakes.llm_vendors import FakeVendors, fake_vendors  # noqa: E402

WIRE = {"gemini": "gemini", "openai": "openai", "claude": "anthropic"}


def configure(base_url: str, order: str) -> None:
    for name in ("gemini", "openai", "claude"):
        os.environ[f"{name.upper()}_API_KEY"] = f"bench-{name}"
    os.environ["GEMINI_BASE_URL"] = base_url
    os.environ["OPENAI_BASE_URL"] = f"{base_url}/v1"
    os.environ["CLAUDE_BASE_URL"] = base_url
    os.environ["LLM_PROVIDERS"] = order
    from interview_prep.llm.settings import llm_settings

    llm_settings.cache_clear()


def request():  # type: ignore[no-untyped-def]
    """The request the worker would send: rendered prompt, quality gate and plan."""
    from interview_prep.generation.requests import prepare
    from interview_prep.models import ResumeIn
    from interview_prep.models.jobs import JobKind

    resume = ResumeIn.model_validate(
        json.loads((ROOT / "samples/resume-backend-ko.json").read_text())
    )
    parameters = {"count": 3, "language": "en"}
    return prepare(
        JobKind.INTERVIEW_QUESTIONS,
        resume,
        parameters,
        deadline=time.monotonic() + 60,
        token_budget=6_000,
    ).request


def chain_without_breaker():  # type: ignore[no-untyped-def]
    from interview_prep.llm.fallback import FallbackChain
    from interview_prep.llm.registry import configured_providers

    return FallbackChain(configured_providers(), breaker=None)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    runs = parser.parse_args().runs
    with fake_vendors() as server:
        for failing, backup in (("gemini", "openai"), ("openai", "claude"), ("claude", "gemini")):
            configure(server.base_url, f"{failing},{backup}")
            server.script(WIRE[failing], "500")
            chain_without_breaker().generate(request())  # warm: both SDKs imported
            switches = [switch_ms(server, failing) for _ in range(runs)]
            median, worst = statistics.median(switches), max(switches)
            print(
                f"warm switch after {failing:7} fails: median {median:5.1f} ms, max {worst:5.1f} ms"
            )
        for provider in ("gemini", "openai", "claude"):
            configure(server.base_url, provider)
            chain = chain_without_breaker()
            chain.generate(request())
            latencies = []
            for _ in range(runs):
                started = time.perf_counter()
                chain.generate(request())
                latencies.append((time.perf_counter() - started) * 1000)
            median = statistics.median(latencies)
            print(f"successful call via {provider:7} (local server): median {median:5.1f} ms")
    for module in ("openai", "anthropic", "google.genai"):
        code = f"import time; t=time.perf_counter(); import {module}; print(time.perf_counter()-t)"
        samples = [float(_run([sys.executable, "-c", code])) for _ in range(3)]
        median = statistics.median(samples) * 1000
        print(f"first-use import of {module:13}: median {median:5.0f} ms")


def switch_ms(server: FakeVendors, failing: str) -> float:
    """From the failing provider's answer to the next provider's request, in ms."""
    server.script(WIRE[failing], "500")
    stamps: list[float] = []
    original = server.next_behaviour

    def stamp(vendor: str) -> str:
        stamps.append(time.perf_counter())
        return original(vendor)

    server.next_behaviour = stamp  # type: ignore[method-assign]
    try:
        result = chain_without_breaker().generate(request())
    finally:
        server.next_behaviour = original  # type: ignore[method-assign]
    # time between the two requests arriving, minus the failed call's own round trip
    return (stamps[1] - stamps[0]) * 1000 - result.attempts[0].latency_ms


def _run(command: list[str]) -> str:
    done = subprocess.run(command, capture_output=True, text=True, check=True)  # noqa: S603
    return done.stdout


if __name__ == "__main__":
    main()
