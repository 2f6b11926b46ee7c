"""Evaluate generation over a folder of resume JSON files.

    python -m interview_prep.evaluation tests/fixtures/resumes --provider offline
    python -m interview_prep.evaluation DIR --provider openai --judge --json report.json
    python -m interview_prep.evaluation --grading samples/grading [--provider openai]

Prints a per-resume and an overall table (schema-valid, gate pass, distinct types,
difficulty fit, grounding, projects named, duplicates, language, path ratio, link origin,
cross-resume overlap) and, with ``--json``, the same as JSON for scripts ("-" = stdout).
``--judge`` adds LLM-as-judge scores from the first configured real provider (or
``--judge-provider``). Exit status 1 when any answer fails the gate.

``--grading DIR`` evaluates answer grading instead: (question, answer, expected band) cases,
reported as how many land in their band (:mod:`evaluation.grading`); exit status 1 when
any does not.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from interview_prep.evaluation.judge import CRITERIA, judge
from interview_prep.evaluation.metrics import Score, measure, overall
from interview_prep.generation.requests import prepare
from interview_prep.llm import registry
from interview_prep.llm.base import Provider, ProviderError
from interview_prep.models import ResumeIn
from interview_prep.models.jobs import JobKind

KINDS = {"interview": JobKind.INTERVIEW_QUESTIONS, "learning": JobKind.LEARNING_PATH}
BUDGET = 6_000


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    provider = registry.provider_named(args.provider)
    if args.grading:
        return _grading(Path(args.grading), provider, args.json)
    if not args.folder:
        _parser().error("a folder of resumes, or --grading DIR")
    judge_provider = _judge_provider(args) if args.judge else None
    scores: list[Score] = []
    for path in sorted(Path(args.folder).glob("*.json")):
        resume = ResumeIn.model_validate_json(path.read_text())
        for kind in [KINDS[k] for k in args.kind]:
            scores.append(_evaluate(path.stem, resume, kind, provider, judge_provider, args))
    summary = overall(scores)
    if judge_provider is not None:
        summary.update(_judge_means(scores))
    print(_table(scores, summary))
    if args.judge and judge_provider is None:
        print("judge skipped: no real provider is configured (set an API key)")
    if args.json:
        _write_json({"answers": [s.as_dict() for s in scores], "overall": summary}, args.json)
    return 0 if all(s.gate_pass for s in scores) else 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m interview_prep.evaluation")
    parser.add_argument("folder", nargs="?", help="a folder of resume JSON files")
    parser.add_argument("--grading", metavar="DIR", help="evaluate grading over DIR's cases")
    parser.add_argument("--provider", default="offline", choices=["offline", *registry.REGISTRY])
    parser.add_argument("--kind", nargs="+", default=list(KINDS), choices=list(KINDS))
    parser.add_argument("--language", default="auto", choices=["auto", "ko", "en"])
    parser.add_argument("--count", type=int, default=5, help="questions per set (1-10)")
    parser.add_argument("--path-count", type=int, default=5, help="learning paths (3-8)")
    parser.add_argument("--json", metavar="FILE", help='also write JSON ("-" for stdout)')
    parser.add_argument("--judge", action="store_true", help="add LLM-as-judge scores")
    parser.add_argument("--judge-provider", choices=list(registry.REGISTRY))
    return parser


def _grading(folder: Path, provider: Provider, json_path: str | None) -> int:
    from interview_prep.evaluation import grading

    outcomes = grading.evaluate(folder, provider)
    print(grading.table(outcomes))
    if json_path:
        report = {"cases": [o.as_dict() for o in outcomes], "overall": grading.summary(outcomes)}
        _write_json(report, json_path)
    return 0 if outcomes and all(o.landed for o in outcomes) else 1


def _write_json(report: dict[str, Any], target: str) -> None:
    text = json.dumps(report, ensure_ascii=False, indent=2)
    sys.stdout.write(text + "\n") if target == "-" else Path(target).write_text(text)


def _judge_provider(args: argparse.Namespace) -> Provider | None:
    if args.judge_provider:
        return registry.provider_named(args.judge_provider)
    real = registry.configured_providers()
    return real[0] if real else None


def _evaluate(
    name: str,
    resume: ResumeIn,
    kind: JobKind,
    provider: Provider,
    judge_provider: Provider | None,
    args: argparse.Namespace,
) -> Score:
    parameters: dict[str, Any] = {"language": args.language}
    parameters["count" if kind is JobKind.INTERVIEW_QUESTIONS else "path_count"] = (
        args.count if kind is JobKind.INTERVIEW_QUESTIONS else args.path_count
    )
    prepared = prepare(
        kind, resume, parameters, deadline=time.monotonic() + 300, token_budget=BUDGET
    )
    try:
        result = provider.generate(prepared.request)
    except ProviderError as error:
        detail = f"{error} [{error.error_class.value}]"
        return Score(resume=name, kind=kind.value, provider=error.provider, error=detail)
    score = measure(name, prepared.plan, resume, result.data)
    score.provider, score.model = result.provider, result.model
    if judge_provider is not None and kind is JobKind.INTERVIEW_QUESTIONS and score.schema_valid:
        try:
            score.judge = judge(judge_provider, prepared.plan, resume, result.data, BUDGET)
        except ProviderError as error:
            score.error = f"judge: {error}"
    return score


def _judge_means(scores: list[Score]) -> dict[str, float | None]:
    judged = [s.judge for s in scores if s.judge]
    return {
        f"judge_{c}": round(sum(j[c] for j in judged) / len(judged), 2) if judged else None
        for c in CRITERIA
    }


COLUMNS = (
    ("schema", "schema_valid"), ("gate", "gate_pass"), ("types", "distinct_types"),
    ("diff", "difficulty_fit"), ("ground", "grounding"), ("named", "projects_named"),
    ("dups", "duplicate_rate"), ("lang", "language_match"), ("ratio", "path_ratio"),
    ("links", "link_origin"),
)  # fmt: skip


def _cell(value: object) -> str:
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "NO"
    if isinstance(value, float):
        return f"{value:.0%}"
    return str(value)


def _table(scores: list[Score], summary: dict[str, float | None]) -> str:
    head = f"{'resume':32} {'kind':20} {'provider':9}" + "".join(f"{t:>7}" for t, _ in COLUMNS)
    lines = [head, "-" * len(head)]
    for s in scores:
        cells = "".join(f"{_cell(getattr(s, key)):>7}" for _, key in COLUMNS)
        lines.append(f"{s.resume[:32]:32} {s.kind:20} {s.provider[:9]:9}{cells}")
        for problem in ([s.error] if s.error else []) + s.violations[:3]:
            lines.append(f"    ! {problem}")
        if s.judge:
            lines.append("    judge: " + ", ".join(f"{k} {v}" for k, v in s.judge.items()))
    cells = "".join(f"{_cell(summary.get(key)):>7}" for _, key in COLUMNS)
    lines += ["-" * len(head), f"{'overall':32} {'':20} {'':9}{cells}"]
    lines.append(
        f"cross-resume overlap of question wording: {_cell(summary['cross_resume_overlap'])}"
    )
    judged = {k: v for k, v in summary.items() if k.startswith("judge_") and v is not None}
    if judged:
        lines.append("judge (1-5): " + ", ".join(f"{k[6:]} {v}" for k, v in judged.items()))
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
