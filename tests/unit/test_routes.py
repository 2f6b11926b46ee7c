"""The route table is the single declaration of the API; functions and events follow it."""

from __future__ import annotations

import json

import pytest

from interview_prep import routes
from interview_prep.local.authorizer import AUTHORIZER_FUNCTION
from interview_prep.local.functions import FUNCTIONS_DIR, load_function
from interview_prep.local.stack import PARSER_FUNCTION, WORKER_FUNCTION
from tests.conftest import EVENTS


def served_operations(function: str) -> set[tuple[str, str]]:
    app = load_function(function).app
    schema = app.get_openapi_schema()
    return {
        (method.upper(), path)
        for path, item in schema.paths.items()
        for method in ("get", "post", "put", "delete", "patch")
        if getattr(item, method) is not None
    }


@pytest.mark.parametrize("function", routes.functions())
def test_each_function_serves_exactly_its_table_routes(function: str) -> None:
    expected = {
        (route.method, route.path.rstrip("/") or "/")
        for route in routes.routes_for(function)
        if not route.name.endswith("_docs")  # Swagger UI is not part of its own document
    }
    assert served_operations(function) == expected


def test_every_function_folder_is_in_the_table() -> None:
    folders = {
        path.name
        for path in FUNCTIONS_DIR.iterdir()
        if path.is_dir() and not path.name.startswith((".", "_"))  # not __pycache__
    }
    # both ways: a folder nothing routes to, and a route to a function that is not there;
    # the worker and the parse function are fed by queues and the authorizer by API
    # Gateway, not by a route
    unrouted = {WORKER_FUNCTION, PARSER_FUNCTION, AUTHORIZER_FUNCTION}
    assert set(routes.functions()) | unrouted == folders
    assert WORKER_FUNCTION not in routes.functions()
    for folder in folders:
        assert (FUNCTIONS_DIR / folder / "handler.py").is_file(), f"functions/{folder}/handler.py"


def test_route_names_are_unique() -> None:
    names = [route.name for route in routes.ROUTES]
    assert len(names) == len(set(names))


def test_literal_paths_win_over_templates() -> None:
    found = routes.match("GET", "/api/v1/resumes/health")
    assert found.route is not None and found.route.name == "resumes_health"
    found = routes.match("GET", "/api/v1/resumes/abc")
    assert found.route is not None and found.route.name == "get_resume"
    assert found.path_parameters == {"unique_key": "abc"}


def test_trailing_slash_is_optional() -> None:
    assert routes.match("POST", "/api/v1/resumes").route == routes.route_named("create_resume")
    assert routes.match("GET", "/api/v1/resumes/abc/").route == routes.route_named("get_resume")


def test_wrong_method_reports_allowed_methods() -> None:
    found = routes.match("PATCH", "/api/v1/resumes/abc")
    assert found.route is None
    assert found.allowed_methods == ("DELETE", "GET", "PUT")
    assert routes.match("DELETE", "/api/v1/resumes/health").allowed_methods == ("GET",)


def test_unknown_path_matches_nothing() -> None:
    found = routes.match("GET", "/api/v2/whatever")
    assert found.route is None and found.allowed_methods == ()


@pytest.mark.parametrize("route", routes.ROUTES, ids=lambda route: route.name)
def test_every_route_has_a_sample_event_that_reaches_it(route: routes.Route) -> None:
    event = json.loads((EVENTS / f"{route.name}.json").read_text())
    assert event["httpMethod"] == route.method
    assert event["resource"] == route.path
    assert event["requestContext"]["resourcePath"] == route.path
    assert routes.match(event["httpMethod"], event["path"]).route == route
    assert ("X-Api-Key" in event["headers"]) == route.auth


def test_worker_sample_event_is_an_sqs_batch() -> None:
    event = json.loads((EVENTS / "worker_generation.json").read_text())
    (record,) = event["Records"]
    assert record["eventSource"] == "aws:sqs"
    assert json.loads(record["body"])["kind"] == "interview_questions"
