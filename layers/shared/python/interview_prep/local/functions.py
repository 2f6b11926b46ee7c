"""Loading the functions in ``functions/`` the way the Lambda runtime does: by file."""

from __future__ import annotations

import importlib.util
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

from interview_prep import routes
from interview_prep.contract import API_FUNCTION_TIMEOUT_SECONDS, WAIT_FUNCTION_TIMEOUT_SECONDS
from interview_prep.local.events import ACCOUNT_ID, REGION

PROJECT_ROOT = Path(__file__).resolve().parents[5]
FUNCTIONS_DIR = PROJECT_ROOT / "functions"


#: One function loads at a time: the gateway's request threads and the queue pollers may
#: ask for their first function together, and two threads importing the same packages
#: half-way through each other's imports see modules that are not there yet.
_LOADING = threading.RLock()


def load_function(name: str) -> ModuleType:
    """Import ``functions/<name>/handler.py`` once, under a name unique to that function."""
    with _LOADING:
        return _load(name)


@cache
def _load(name: str) -> ModuleType:
    path = FUNCTIONS_DIR / name / "handler.py"
    if not path.is_file():
        raise FileNotFoundError(f"no handler at {path}")
    spec = importlib.util.spec_from_file_location(f"functions.{name}.handler", path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # as the import system does; pydantic resolves names there
    spec.loader.exec_module(module)
    return module


@dataclass
class LocalContext:
    """The attributes of the Lambda context object that handlers and Powertools read."""

    function_name: str
    timeout_seconds: float = 30.0
    memory_limit_in_mb: int = 512
    aws_request_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    function_version: str = "$LATEST"
    log_group_name: str = ""
    log_stream_name: str = "local"
    _deadline: float = field(default=0.0, repr=False)

    def __post_init__(self) -> None:
        self._deadline = time.monotonic() + self.timeout_seconds
        self.log_group_name = f"/aws/lambda/{self.function_name}"

    @property
    def invoked_function_arn(self) -> str:
        return f"arn:aws:lambda:{REGION}:{ACCOUNT_ID}:function:{self.function_name}"

    def get_remaining_time_in_millis(self) -> int:
        return max(0, int((self._deadline - time.monotonic()) * 1000))


def invoke(name: str, event: dict[str, Any], timeout_seconds: float = 30.0) -> Any:
    """Call a function's ``lambda_handler`` with a fresh context, as one Lambda invocation."""
    handler = load_function(name).lambda_handler
    return handler(event, LocalContext(function_name=name, timeout_seconds=timeout_seconds))


def api_timeout_seconds(name: str) -> int:
    """The timeout an API function is deployed with: wait-sized if it serves ``?wait=N``."""
    if name in routes.waiting_functions():
        return WAIT_FUNCTION_TIMEOUT_SECONDS
    return API_FUNCTION_TIMEOUT_SECONDS


def invoke_api(name: str, event: dict[str, Any]) -> Any:
    """An invocation from API Gateway, with the function's deployed timeout: the context's
    ``get_remaining_time_in_millis()`` (which bounds ``?wait=N``) counts down as in Lambda."""
    return invoke(name, event, api_timeout_seconds(name))
