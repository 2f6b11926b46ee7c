"""The whole service on one machine, on embedded defaults: no AWS account, no Docker, no keys.

    python -m interview_prep.local [--port 8000] [--data-dir .local-data] [--in-memory]

Starts moto (DynamoDB, SQS, S3) in server mode, nx-27017 as the MongoDB-protocol server
(unless ``MONGODB_URL`` points at a real MongoDB), creates indexes, tables and queues as
the deployment defines them, serves the API through the API Gateway emulator and feeds
the worker and the parse function from SQS (S3 notifies the upload queue of each file).
Ctrl-C stops everything it started.
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
import threading
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any

from interview_prep import routes
from interview_prep.config import LOCAL_DEMO_API_KEY, get_settings
from interview_prep.contract import MAX_RECEIVE_COUNT
from interview_prep.local.functions import FUNCTIONS_DIR, PROJECT_ROOT, invoke
from interview_prep.local.gateway import Gateway
from interview_prep.local.keystore import SNAPSHOT_FILE, KeySnapshot, register_keys
from interview_prep.local.mongo_server import MongoServer, free_port
from interview_prep.local.poller import SqsPoller
from interview_prep.ops import bootstrap
from interview_prep.repositories import mongo
from interview_prep.resources import UPLOADS_BUCKET

WORKER_FUNCTION = "worker"
PARSER_FUNCTION = "parser"
QUEUE_NAME = "interview-prep-generation"
UPLOAD_QUEUE_NAME = "interview-prep-uploads"
WORKER_TIMEOUT_SECONDS = 120
#: Defaults for a quiet, offline process; anything already in the environment wins.
LOCAL_ENVIRONMENT = {
    "AWS_ACCESS_KEY_ID": "local",
    "AWS_SECRET_ACCESS_KEY": "local",
    "AWS_DEFAULT_REGION": "us-east-1",
    "POWERTOOLS_TRACE_DISABLED": "true",
    "POWERTOOLS_METRICS_DISABLED": "true",
    "POWERTOOLS_LOG_LEVEL": "WARNING",
    "STAGE": "local",
}


@dataclass(frozen=True)
class Options:
    host: str
    port: int
    data_dir: Path
    in_memory: bool
    batch_size: int
    wait_seconds: int


def parse_args(argv: list[str] | None = None) -> Options:
    parser = argparse.ArgumentParser(prog="python -m interview_prep.local", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=int(os.getenv("LOCAL_PORT", "8000")))
    parser.add_argument("--data-dir", type=Path, default=PROJECT_ROOT / ".local-data")
    parser.add_argument(
        "--in-memory", action="store_true", help="keep MongoDB data and issued keys in memory"
    )
    parser.add_argument("--batch-size", type=int, default=5, help="SQS batch size for the worker")
    parser.add_argument("--wait-seconds", type=int, default=2, help="SQS long-poll wait")
    args = parser.parse_args(argv)
    return Options(
        args.host,
        args.port,
        args.data_dir,
        args.in_memory,
        args.batch_size,
        args.wait_seconds,
    )


def _start_moto(stack: ExitStack, host: str) -> str:
    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # one access-log line per boto3 call

    port = free_port(host)
    server = ThreadedMotoServer(ip_address=host, port=port, verbose=False)
    server.start()
    stack.callback(server.stop)
    return f"http://{host}:{port}"


def _start_mongo(stack: ExitStack, options: Options) -> str:
    if os.environ.get("MONGODB_URL"):
        return os.environ["MONGODB_URL"]  # a real MongoDB / Atlas: nothing to start
    data_dir = None if options.in_memory else options.data_dir
    server = MongoServer(data_dir=data_dir, run_dir=options.data_dir / "run", host=options.host)
    stack.enter_context(server)
    return server.url


def start(options: Options, stack: ExitStack) -> Gateway:
    """Start every part; everything started is registered on ``stack`` to be stopped."""
    for name, value in LOCAL_ENVIRONMENT.items():
        os.environ.setdefault(name, value)
    os.environ["AWS_ENDPOINT_URL"] = _start_moto(stack, options.host)
    os.environ["MONGODB_URL"] = _start_mongo(stack, options)
    get_settings.cache_clear()

    mongo.ensure_indexes()
    bootstrap.create_tables(get_settings())
    visibility = 6 * WORKER_TIMEOUT_SECONDS
    queue_url = bootstrap.create_queue(QUEUE_NAME, visibility, MAX_RECEIVE_COUNT)
    upload_queue_url = bootstrap.create_queue(UPLOAD_QUEUE_NAME, visibility, MAX_RECEIVE_COUNT)
    os.environ["GENERATION_QUEUE_URL"] = queue_url
    os.environ["UPLOAD_QUEUE_URL"] = upload_queue_url
    get_settings.cache_clear()
    bootstrap.create_bucket(UPLOADS_BUCKET, get_settings(), upload_queue_url)
    _keys(stack, options)

    for function, url in ((WORKER_FUNCTION, queue_url), (PARSER_FUNCTION, upload_queue_url)):
        _consume(stack, options, function, url)

    gateway = Gateway((options.host, options.port), static=web_mounts())
    stack.callback(gateway.server_close)
    return gateway


def _consume(stack: ExitStack, options: Options, function: str, queue_url: str) -> None:
    """Feed ``function`` from the queue, as its Lambda event source mapping does."""
    if not (FUNCTIONS_DIR / function / "handler.py").is_file():
        return

    def handle(event: dict[str, Any]) -> Any:
        return invoke(function, event, WORKER_TIMEOUT_SECONDS)

    poller = SqsPoller(
        queue_url, handle, batch_size=options.batch_size, wait_seconds=options.wait_seconds
    )
    stack.callback(poller.start().stop)


def _keys(stack: ExitStack, options: Options) -> None:
    """Keys issued earlier come back, then the demo key and ``API_KEYS`` are registered."""
    if not options.in_memory:
        snapshot = KeySnapshot(options.data_dir / SNAPSHOT_FILE)
        snapshot.restore()
        stack.callback(snapshot.start().stop)
    register_keys(get_settings().api_keys)


def web_mounts() -> dict[str, Path]:
    """The web page at ``/`` and the sample resumes it offers at ``/samples/``."""
    web, samples = PROJECT_ROOT / "web", PROJECT_ROOT / "samples"
    if not web.is_dir():
        return {}
    return {"/": web, "/samples/": samples}


def banner(gateway: Gateway, options: Options) -> str:
    base = gateway.base_url
    docs = [r.path for r in routes.ROUTES if r.name.endswith("_docs")]
    mongo_where = "in memory" if options.in_memory else f"data in {options.data_dir}"
    lines = [
        "Interview Prep API - local stack is up",
        f"  API base     {base}{routes.API_PREFIX}",
        *[f"  Swagger UI   {base}{path}" for path in docs],
    ]
    if "/" in gateway.static:
        lines.append(f"  Web page     {base}/")
    lines += [
        f"  API key      {LOCAL_DEMO_API_KEY}  (send it as the X-Api-Key header)",
        f"  MongoDB      {os.environ['MONGODB_URL']}  ({mongo_where})",
        f"  AWS (moto)   {os.environ['AWS_ENDPOINT_URL']}  (DynamoDB, SQS, S3; set it as "
        "AWS_ENDPOINT_URL for python -m interview_prep.keys)",
        f"  Queues       {os.environ['GENERATION_QUEUE_URL']}, {os.environ['UPLOAD_QUEUE_URL']}"
        "  (DLQs: same name + -dlq)",
        f"  Uploads      s3://{get_settings().uploads_bucket}  (presigned PUT URLs point at moto)",
        "Press Ctrl-C to stop.",
    ]
    return "\n".join(lines)


def _stop_on_signals(gateway: Gateway) -> None:
    """Ctrl-C (SIGINT) and SIGTERM end ``serve_forever``; the exit stack then stops the rest.

    Installed explicitly: a shell starts background jobs with SIGINT ignored.
    """

    def handle(signum: int, _frame: FrameType | None) -> None:
        for ignored in (signal.SIGINT, signal.SIGTERM):
            signal.signal(ignored, signal.SIG_IGN)  # a second Ctrl-C must not break the stop
        threading.Thread(target=gateway.shutdown, daemon=True).start()

    for handled in (signal.SIGINT, signal.SIGTERM):
        signal.signal(handled, handle)


def main(argv: list[str] | None = None) -> int:
    options = parse_args(argv)
    with ExitStack() as stack:
        try:
            gateway = start(options, stack)
        except OSError as exc:
            print(f"cannot start the local stack: {exc}", file=sys.stderr)
            return 1
        _stop_on_signals(gateway)
        print(banner(gateway, options), flush=True)
        gateway.serve_forever(poll_interval=0.2)
        print("stopping...", flush=True)
    print("stopped.", flush=True)
    return 0
