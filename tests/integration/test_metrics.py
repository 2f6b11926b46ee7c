"""The metrics the dashboards and alarms are built on are the metrics the functions emit.

``infra/components/monitoring.py`` is read as source (synthesizing the stack costs half a
minute): every ``cloudwatch.Metric`` / ``CustomMetricSearch`` it builds in the service's
namespace, with its dimensions, is looked for in the EMF records Powertools prints while
the real functions run a few jobs against the fake vendor servers. The business metrics
are read from ``interview_prep.contract.Metric``. A rename or a changed dimension on
either side fails here.
"""

from __future__ import annotations

import ast
import importlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from interview_prep import observability, routes
from interview_prep.contract import METRICS_NAMESPACE, Metric
from interview_prep.local.stack import PARSER_FUNCTION
from tests.conftest import ROOT, Invoke
from tests.fakes.llm_vendors import FakeVendors
from tests.fakes.resume_files import RECIPE_LINES, RESUME_LINES, docx_bytes
from tests.integration.conftest import only
from tests.integration.test_pipeline import create_resume, job, run_worker, worker
from tests.integration.test_uploads_api import parse, put_file, start_upload

MONITORING = ROOT / "infra" / "components" / "monitoring.py"
#: A dimension value the monitoring code fills in per provider (or a search's ``*``).
ANY = None


# --- what monitoring.py watches -----------------------------------------------------------


@dataclass(frozen=True)
class Watched:
    namespace: str
    #: The metric name, or for a search expression the prefix it matches.
    name: str
    search: bool
    dimensions: tuple[tuple[str, str | None], ...]
    line: int

    def matches(self, emitted: Emitted) -> bool:
        named = emitted.name.startswith(self.name) if self.search else emitted.name == self.name
        return (
            emitted.namespace == self.namespace
            and named
            and set(emitted.dimensions) == {key for key, _ in self.dimensions}
            and all(value in (ANY, emitted.dimensions[key]) for key, value in self.dimensions)
        )


class _Source:
    """Constants of one infra module, resolved through its imports."""

    def __init__(self, path: Path) -> None:
        self.tree = ast.parse(path.read_text(), str(path))
        self.assigned: dict[str, ast.expr] = {}
        self.imported: dict[str, tuple[str, str | None]] = {}
        for node in self.tree.body:
            if isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for target in targets:
                    if isinstance(target, ast.Name):
                        self.assigned[target.id] = node.value
            elif isinstance(node, ast.ImportFrom) and node.module:
                for alias in node.names:
                    self.imported[alias.asname or alias.name] = (node.module, alias.name)

    def value(self, node: ast.expr | None, bound: dict[str, str | None]) -> str | None:
        """A string the expression always has, or ANY (a parameter, a loop variable …)."""
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return node.value
        if isinstance(node, ast.Name):
            if node.id in bound:
                return bound[node.id]
            if node.id in self.assigned:
                return self.value(self.assigned[node.id], {})
            if node.id in self.imported:
                return _imported(*self.imported[node.id])
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            module, name = self.imported.get(node.value.id, ("", None))
            if module and name:
                found = getattr(_imported_object(module, name), node.attr, None)
                return found if isinstance(found, str) else ANY
        return ANY


@cache
def _source(module: str) -> _Source:
    return _Source(ROOT.joinpath(*module.split(".")).with_suffix(".py"))


def _imported(module: str, name: str) -> str | None:
    if module.split(".")[0] == "infra":  # read, not imported: importing infra loads the CDK
        source = _source(module)
        return source.value(ast.Name(name), {})
    found = getattr(importlib.import_module(module), name, None)
    return found if isinstance(found, str) else ANY


def _imported_object(module: str, name: str) -> object:
    """``from module import name``: a submodule or a module attribute (a class)."""
    parent = importlib.import_module(module)
    if hasattr(parent, name):
        return getattr(parent, name)
    return importlib.import_module(f"{module}.{name}")


def _keyword(call: ast.Call, name: str) -> ast.expr | None:
    return next((k.value for k in call.keywords if k.arg == name), None)


def _argument(call: ast.Call, function: ast.FunctionDef, parameter: str) -> ast.expr | None:
    names = [a.arg for a in function.args.args if a.arg != "self"]
    position = names.index(parameter)
    if position < len(call.args):
        return call.args[position]
    return _keyword(call, parameter)


def _callee(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return None


def watched_metrics() -> list[Watched]:
    """Every metric monitoring.py builds a graph or an alarm on, in the service's namespace.

    A metric built inside a helper (``_provider_metric(name, provider, period)``) is read at
    each call of the helper, with the arguments it is given there.
    """
    source = _source("infra.components.monitoring")
    functions = {n.name: n for n in ast.walk(source.tree) if isinstance(n, ast.FunctionDef)}
    enclosing = {
        id(node): function
        for function in functions.values()
        for node in ast.walk(function)
        if isinstance(node, ast.Call)
    }
    found: list[Watched] = []
    for call in (n for n in ast.walk(source.tree) if isinstance(n, ast.Call)):
        name_node = _keyword(call, "metric_name") or _keyword(call, "search_query")
        dimensions = _keyword(call, "dimensions_map")
        if name_node is None or not isinstance(dimensions, ast.Dict):
            continue
        helper = enclosing.get(id(call))
        parameters = {a.arg for a in helper.args.args} if helper else set()
        sites: list[tuple[dict[str, str | None], int]] = [({}, call.lineno)]
        if helper is not None and parameters & _names(call):
            sites = [
                (
                    {
                        p: source.value(_argument(site, helper, p), {})
                        for p in parameters - {"self"}
                    },
                    site.lineno,
                )
                for site in ast.walk(source.tree)
                if isinstance(site, ast.Call) and _callee(site) == helper.name
            ]
        for bound, line in sites:
            unbound = dict.fromkeys(parameters) | bound
            name = source.value(name_node, unbound)
            namespace = source.value(_keyword(call, "namespace"), unbound)
            assert name, f"monitoring.py:{line}: cannot read the metric name"
            if namespace != METRICS_NAMESPACE:
                continue  # AWS's own metrics (API Gateway, Lambda, SQS)
            found.append(
                Watched(
                    namespace,
                    name,
                    _keyword(call, "search_query") is not None,
                    tuple(
                        (str(source.value(key, {})), _star(source.value(value, unbound)))
                        for key, value in zip(dimensions.keys, dimensions.values, strict=True)
                        if key is not None
                    ),
                    line,
                )
            )
    return found


def _names(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}


def _star(value: str | None) -> str | None:
    return ANY if value == "*" else value


# --- what the functions emit --------------------------------------------------------------


@dataclass(frozen=True)
class Emitted:
    namespace: str
    name: str
    dimensions: dict[str, str]


def emitted(stdout: str) -> list[Emitted]:
    """The metrics in the EMF records Powertools printed (logs are JSON lines too)."""
    found = []
    for line in stdout.splitlines():
        if not line.startswith("{") or '"_aws"' not in line:
            continue
        record: dict[str, Any] = json.loads(line)
        for directive in record["_aws"]["CloudWatchMetrics"]:
            for dimension_set in directive["Dimensions"]:
                dimensions = {key: str(record[key]) for key in dimension_set}
                found += [
                    Emitted(directive["Namespace"], metric["Name"], dimensions)
                    for metric in directive["Metrics"]
                ]
    return found


@pytest.fixture
def metrics_on(monkeypatch: pytest.MonkeyPatch) -> None:
    """Metrics enabled and named as infra deploys the functions."""
    monkeypatch.delenv("POWERTOOLS_METRICS_DISABLED", raising=False)
    monkeypatch.setenv("POWERTOOLS_METRICS_NAMESPACE", METRICS_NAMESPACE)


@contextmanager
def deployed_as(function: str) -> Iterator[None]:
    """Run as the Lambda ``function``: infra sets its POWERTOOLS_SERVICE_NAME to its name.

    Here every function shares one process, and the layer's ``Metrics`` read the service
    name once at import; in Lambda each function imports it with its own.
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("POWERTOOLS_SERVICE_NAME", function)
        patch.setattr(observability.metrics.provider, "service", function)
        yield


def test_every_watched_metric_and_every_business_metric_is_emitted(
    invoke: Invoke,
    aws: str,
    vendors: FakeVendors,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    metrics_on: None,
) -> None:
    watched = watched_metrics()
    assert watched, "monitoring.py builds nothing on the service's metrics any more?"
    worker_service = _imported("infra.components.monitoring", "WORKER_SERVICE")
    interview = routes.route_named("start_interview").function
    learning = routes.route_named("start_learning_path").function
    only(monkeypatch, "gemini", "openai")
    key = create_resume(invoke)

    # a job that falls back from gemini to openai, then the same request again (reused)
    vendors.script("gemini", "500")
    with deployed_as(interview):
        invoke("start_interview", key=key, body={"count": 3})
    with deployed_as(worker_service):
        run_worker(aws)
    with deployed_as(interview):
        assert invoke("start_interview", key=key, body={"count": 3})["json"]["status"] == (
            "succeeded"
        )
    # a job retried once (every provider down), then failed (every provider refuses)
    for wire in ("gemini", "openai"):
        vendors.script(wire, "500", "refusal")
    with deployed_as(learning):
        job_id = invoke("start_learning_path", key=key, body={})["json"]["job_id"]
    with deployed_as(worker_service):
        run_worker(aws, rounds=2)
    assert job(invoke, job_id)["status"] == "failed"
    # an uploaded resume parsed, and a page that is no resume refused
    uploads = routes.route_named("start_upload").function
    for lines in (RESUME_LINES, RECIPE_LINES):
        with deployed_as(uploads):
            accepted = start_upload(invoke)
        put_file(accepted, docx_bytes(lines))
        with deployed_as(PARSER_FUNCTION):
            parse()

    found = emitted(capsys.readouterr().out)
    missing = [w for w in watched if not any(w.matches(e) for e in found)]
    assert not missing, "\n".join(
        f"monitoring.py:{w.line} watches {w.name}{'*' if w.search else ''} "
        f"{dict(w.dimensions)}; emitted under that name: "
        f"{[e.dimensions for e in found if e.name.startswith(w.name)]}"
        for w in missing
    )
    business = {
        (e.name, e.dimensions.get("service"))
        for e in found
        if e.namespace == METRICS_NAMESPACE and set(e.dimensions) == {"service"}
    }
    assert {
        (Metric.JOBS_QUEUED, interview),
        (Metric.JOBS_QUEUED, learning),
        (Metric.RESULT_CACHE_HITS, interview),
        (Metric.JOBS_SUCCEEDED, worker_service),
        (Metric.JOB_RETRIES, worker_service),
        (Metric.JOBS_FAILED, worker_service),
        (Metric.UPLOADS_STARTED, uploads),
        (Metric.UPLOADS_PARSED, PARSER_FUNCTION),
        (Metric.UPLOADS_FAILED, PARSER_FUNCTION),
    } <= business
    assert {name for name, _ in business} >= set(_business_metrics())


def _business_metrics() -> list[str]:
    return [value for name, value in vars(Metric).items() if name.isupper()]


def test_the_dashboards_and_alarms_watch_every_business_metric() -> None:
    watched = {w.name for w in watched_metrics()}
    assert set(_business_metrics()) <= watched


def test_a_retried_job_is_not_a_worker_fault(
    invoke: Invoke, aws: str, vendors: FakeVendors, monkeypatch: pytest.MonkeyPatch
) -> None:
    from interview_prep import aws as clients
    from interview_prep.local.events import sqs_event

    only(monkeypatch, "openai")
    vendors.script("openai", "500")
    key = create_resume(invoke)
    job_id = invoke("start_interview", key=key, body={})["json"]["job_id"]
    message = clients.sqs().receive_message(QueueUrl=aws, AttributeNames=["All"])["Messages"]
    arn = clients.sqs().get_queue_attributes(QueueUrl=aws, AttributeNames=["QueueArn"])[
        "Attributes"
    ]["QueueArn"]

    try:
        response = worker(sqs_event(message, arn))
    finally:
        assert job(invoke, job_id)["status"] == "running", "the retry was scheduled"

    assert response == {"batchItemFailures": [{"itemIdentifier": message[0]["MessageId"]}]}
