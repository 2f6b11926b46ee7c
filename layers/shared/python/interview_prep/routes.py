"""The route table: every HTTP route of the service, declared once.

Handlers register their routes from it, the CDK app builds API Gateway resources
from it and the local API Gateway emulator dispatches with it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

API_PREFIX = "/api/v1"
_PARAM = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True)
class Route:
    name: str
    method: str
    path: str
    function: str
    summary: str
    auth: bool = True
    tags: tuple[str, ...] = field(default_factory=tuple)

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """Regex for concrete request paths (trailing slash optional, as on API Gateway)."""
        body = _PARAM.sub(lambda m: f"(?P<{m.group(1)}>[^/]+)", self.path.rstrip("/"))
        return re.compile(f"^{body}/*$")

    @property
    def resolver_rule(self) -> str:
        """The path in Powertools' syntax (``/resumes/<unique_key>``)."""
        return _PARAM.sub(r"<\1>", self.path)

    @property
    def is_literal(self) -> bool:
        return "{" not in self.path


def _service(function: str, routes: Iterable[tuple[str, str, str, str, bool]]) -> list[Route]:
    tag = function.capitalize()
    return [
        Route(name, method, path, function, summary, auth, (tag,))
        for name, method, path, summary, auth in routes
    ]


RESUMES = f"{API_PREFIX}/resumes"
INTERVIEW = f"{API_PREFIX}/interview"
LEARNING = f"{API_PREFIX}/learning"

ROUTES: tuple[Route, ...] = (
    *_service(
        "resumes",
        [
            ("resumes_health", "GET", f"{RESUMES}/health", "Health of the resume service", False),
            ("resumes_docs", "GET", f"{RESUMES}/docs", "Swagger UI (?format=json: OpenAPI)", False),
            ("create_resume", "POST", f"{RESUMES}/", "Create a resume", True),
            ("list_resumes", "GET", f"{RESUMES}/", "List your resumes, newest first", True),
            ("get_resume", "GET", f"{RESUMES}/{{unique_key}}", "Read one resume", True),
            ("update_resume", "PUT", f"{RESUMES}/{{unique_key}}", "Replace a resume", True),
            (
                "delete_resume",
                "DELETE",
                f"{RESUMES}/{{unique_key}}",
                "Delete a resume and everything generated from it",
                True,
            ),
        ],
    ),
    *_service(
        "interview",
        [
            (
                "interview_health",
                "GET",
                f"{INTERVIEW}/health",
                "Health of the interview service",
                False,
            ),
            (
                "interview_docs",
                "GET",
                f"{INTERVIEW}/docs",
                "Swagger UI (?format=json: OpenAPI)",
                False,
            ),
        ],
    ),
    *_service(
        "learning",
        [
            (
                "learning_health",
                "GET",
                f"{LEARNING}/health",
                "Health of the learning service",
                False,
            ),
            (
                "learning_docs",
                "GET",
                f"{LEARNING}/docs",
                "Swagger UI (?format=json: OpenAPI)",
                False,
            ),
        ],
    ),
)


#: The function API Gateway's ``/{proxy+}`` catch-all integrates with (it answers 404).
CATCH_ALL_FUNCTION = "resumes"


def routes_for(function: str) -> list[Route]:
    return [route for route in ROUTES if route.function == function]


def functions() -> list[str]:
    return sorted({route.function for route in ROUTES})


def route_named(name: str) -> Route:
    for route in ROUTES:
        if route.name == name:
            return route
    raise KeyError(name)


@dataclass(frozen=True)
class Match:
    route: Route | None
    path_parameters: dict[str, str]
    allowed_methods: tuple[str, ...]


def match(method: str, path: str) -> Match:
    """Find the route for a request; literal paths win over templated ones (``/health``)."""
    matching = [(route, found) for route in ROUTES if (found := route.pattern.match(path))]
    matching = [(route, found) for route, found in matching if route.is_literal] or matching
    for route, found in matching:
        if route.method == method.upper():
            return Match(route, found.groupdict(), ())
    return Match(None, {}, tuple(sorted({route.method for route, _ in matching})))
