"""What the generation steps cost in the worker, per resume (no provider call):
analysis + plan + prompt rendering, the offline generator, and the quality gate.

    .venv/bin/python benchmarks/generation.py [--runs 50]

Uses the fixture resumes in ``tests/fixtures/resumes``. Also prints the prompt size (the
estimated tokens a provider is sent) per resume.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=50)
    runs = parser.parse_args().runs
    from interview_prep.generation import offline
    from interview_prep.generation.prompts import estimate_tokens
    from interview_prep.generation.quality import check
    from interview_prep.generation.requests import prepare
    from interview_prep.models import ResumeIn
    from interview_prep.models.jobs import JobKind

    started = time.perf_counter()
    prepare(JobKind.INTERVIEW_QUESTIONS, ResumeIn(name="x"), {}, deadline=0, token_budget=6000)
    print(f"first use (YAML prompts and the catalog loaded): {_ms(started):.0f} ms")
    print(f"{'resume':28} {'kind':20} {'prepare':>9} {'offline':>9} {'gate':>9} {'prompt':>8}")
    for path in sorted((ROOT / "tests" / "fixtures" / "resumes").glob("*.json")):
        resume = ResumeIn.model_validate_json(path.read_text())
        for kind in JobKind:
            timings: dict[str, list[float]] = {"prepare": [], "offline": [], "gate": []}
            for _ in range(runs):
                started = time.perf_counter()
                prepared = prepare(kind, resume, {}, deadline=0, token_budget=6000)
                timings["prepare"].append(_ms(started))
                started = time.perf_counter()
                answer = offline.generate(prepared.plan)
                timings["offline"].append(_ms(started))
                started = time.perf_counter()
                assert check(prepared.plan, resume, answer) == []
                timings["gate"].append(_ms(started))
            tokens = estimate_tokens(prepared.request.system_prompt + prepared.request.user_prompt)
            medians = "".join(f"{statistics.median(v):>7.2f}ms" for v in timings.values())
            print(f"{path.stem:28} {kind.value:20} {medians} {tokens:>8}")


def _ms(started: float) -> float:
    return (time.perf_counter() - started) * 1000


if __name__ == "__main__":
    main()
