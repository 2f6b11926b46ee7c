"""The route table: every HTTP route of the service, declared once.

Handlers register their routes from it, the CDK app builds API Gateway resources
from it and the local API Gateway emulator dispatches with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import quote, urlencode

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
    #: The status of a successful answer (the OpenAPI contract documents it).
    status: int = 200
    #: Serves ``?wait=N``: its function gets the longer, wait-sized timeout.
    waits: bool = False

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
    def path_parameters(self) -> tuple[str, ...]:
        return tuple(_PARAM.findall(self.path))

    def url(self, base_path: str = "", query: dict[str, str] | None = None, **values: str) -> str:
        """A concrete URL of this route: ``base_path`` + path with ``values`` filled in."""
        path = _PARAM.sub(lambda m: quote(values[m.group(1)], safe=""), self.path)
        return base_path + path + (f"?{urlencode(query)}" if query else "")

    @property
    def is_literal(self) -> bool:
        return "{" not in self.path


RESUMES = f"{API_PREFIX}/resumes"
INTERVIEW = f"{API_PREFIX}/interview"
LEARNING = f"{API_PREFIX}/learning"
JOBS = f"{API_PREFIX}/jobs"
_DOCS = "Swagger UI (?format=json: the OpenAPI document)"
_PUBLIC = False

# fmt: off
_TABLE: list[tuple[str, ...] | tuple[str, str, str, str, str, bool]] = [
    # function, name, method, path, summary[, auth]
    ("resumes", "resumes_health", "GET", f"{RESUMES}/health", "Health of the resume service", _PUBLIC),
    ("resumes", "resumes_docs", "GET", f"{RESUMES}/docs", _DOCS, _PUBLIC),
    ("resumes", "create_resume", "POST", f"{RESUMES}/", "Create a resume"),
    ("resumes", "list_resumes", "GET", f"{RESUMES}/", "List your resumes, newest first"),
    ("resumes", "start_upload", "POST", f"{RESUMES}/uploads", "Upload a PDF or DOCX resume: a presigned PUT URL and a parse job"),
    ("resumes", "get_resume", "GET", f"{RESUMES}/{{unique_key}}", "Read one resume"),
    ("resumes", "update_resume", "PUT", f"{RESUMES}/{{unique_key}}", "Replace a resume"),
    ("resumes", "delete_resume", "DELETE", f"{RESUMES}/{{unique_key}}", "Delete a resume and everything generated from it"),
    ("interview", "interview_health", "GET", f"{INTERVIEW}/health", "Health of the interview service", _PUBLIC),
    ("interview", "interview_docs", "GET", f"{INTERVIEW}/docs", _DOCS, _PUBLIC),
    ("interview", "start_interview", "POST", f"{INTERVIEW}/{{unique_key}}/questions", "Start generating interview questions"),
    ("interview", "get_interview", "GET", f"{INTERVIEW}/{{unique_key}}/questions", "Latest interview questions (?job_id= for one job's)"),
    ("interview", "interview_history", "GET", f"{INTERVIEW}/{{unique_key}}/questions/history", "Every question set of a resume, newest first"),
    ("interview", "submit_answer", "POST", f"{INTERVIEW}/{{unique_key}}/answers", "Answer a question (or a follow-up): start grading it"),
    ("interview", "list_answers", "GET", f"{INTERVIEW}/{{unique_key}}/answers", "Graded attempts of a resume, newest first"),
    ("interview", "get_answer", "GET", f"{INTERVIEW}/{{unique_key}}/answers/{{attempt_id}}", "Read one graded attempt"),
    ("learning", "learning_health", "GET", f"{LEARNING}/health", "Health of the learning service", _PUBLIC),
    ("learning", "learning_docs", "GET", f"{LEARNING}/docs", _DOCS, _PUBLIC),
    ("learning", "start_learning_path", "POST", f"{LEARNING}/{{unique_key}}/learning-path", "Start generating a learning path"),
    ("learning", "get_learning_path", "GET", f"{LEARNING}/{{unique_key}}/learning-path", "Latest learning path (?job_id= for one job's)"),
    ("learning", "learning_path_history", "GET", f"{LEARNING}/{{unique_key}}/learning-path/history", "Every learning path of a resume, newest first"),
    ("jobs", "jobs_health", "GET", f"{JOBS}/health", "Health of the jobs service", _PUBLIC),
    ("jobs", "jobs_docs", "GET", f"{JOBS}/docs", _DOCS, _PUBLIC),
    ("jobs", "get_job", "GET", f"{JOBS}/{{job_id}}", "Progress of a generation job"),
]
# fmt: on

#: Success statuses other than 200.
_STATUS = {
    "create_resume": 201,
    "start_upload": 201,
    "delete_resume": 204,
    "start_interview": 202,
    "start_learning_path": 202,
    "submit_answer": 202,
}
#: Routes that may hold the request open for ``?wait=N``.
_WAITS = frozenset({"start_interview", "start_learning_path", "submit_answer"})

ROUTES: tuple[Route, ...] = tuple(
    Route(
        name=row[1],
        method=row[2],
        path=row[3],
        function=row[0],
        summary=row[4],
        auth=bool(row[5]) if len(row) > 5 else True,
        tags=(row[0].capitalize(),),
        status=_STATUS.get(row[1], 200),
        waits=row[1] in _WAITS,
    )
    for row in _TABLE
)


#: The function API Gateway's ``/{proxy+}`` catch-all integrates with (it answers 404).
CATCH_ALL_FUNCTION = "resumes"


def routes_for(function: str) -> list[Route]:
    return [route for route in ROUTES if route.function == function]


def functions() -> list[str]:
    return sorted({route.function for route in ROUTES})


def waiting_functions() -> frozenset[str]:
    """Functions with a route that serves ``?wait=N`` (they need the longer timeout)."""
    return frozenset(route.function for route in ROUTES if route.waits)


def needs_key(method: str, path: str) -> bool:
    """Whether API Gateway runs the authorizer for this request: the route's own setting,
    or, for a method the path does not declare (``ANY``), whether any route there is keyed."""
    found = match(method, path)
    if found.route is not None:
        return found.route.auth
    return any(route.auth for route in _resource_routes(path))


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


def _resource_routes(path: str) -> list[Route]:
    """The routes of the one resource ``path`` reaches: literal paths win over templated
    ones (``/jobs/health`` is not ``/jobs/{job_id}``), as in API Gateway."""
    matching = [route for route in ROUTES if route.pattern.match(path)]
    return [route for route in matching if route.is_literal] or matching


def match(method: str, path: str) -> Match:
    """Find the route for a request on the resource ``path`` reaches."""
    matching = _resource_routes(path)
    for route in matching:
        if route.method == method.upper():
            found = route.pattern.match(path)
            assert found is not None  # matched above
            return Match(route, found.groupdict(), ())
    return Match(None, {}, tuple(sorted({route.method for route in matching})))
