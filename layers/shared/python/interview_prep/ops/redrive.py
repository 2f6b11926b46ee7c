"""Redrive dead-lettered generation jobs back to the queue.

    python -m interview_prep.redrive              # every message in the DLQ
    python -m interview_prep.redrive --job-id ID  # one job's message

Uses GENERATION_QUEUE_URL (and AWS_ENDPOINT_URL for the local stack's moto).
"""

from __future__ import annotations

import argparse
import sys

from interview_prep.config import get_settings
from interview_prep.repositories.queue import GenerationQueue
from interview_prep.services.redrive import redrive


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m interview_prep.redrive", description=__doc__)
    parser.add_argument("--job-id", help="redrive only this job's message")
    parser.add_argument("--queue-url", default=None, help="defaults to GENERATION_QUEUE_URL")
    args = parser.parse_args(argv)
    queue_url = args.queue_url or get_settings().generation_queue_url
    if not queue_url:
        print("set GENERATION_QUEUE_URL or pass --queue-url", file=sys.stderr)
        return 2
    report = redrive(GenerationQueue(queue_url), args.job_id)
    for job_id in report.moved:
        print(f"redriven: {job_id}")
    print(f"{len(report.moved)} redriven, {report.skipped} left in the dead-letter queue")
    if report.unreadable:
        print(
            f"{report.unreadable} of them are not generation messages: inspect them in the "
            "SQS console and delete them by hand",
            file=sys.stderr,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
