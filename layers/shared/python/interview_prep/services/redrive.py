"""Move dead-lettered generation messages back to the queue and give their jobs a new attempt.

Nothing consumes the dead-letter queue automatically, so every message waits there for
a person to look at the cause and redrive it (all of them, or one job's).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from interview_prep.observability import logger
from interview_prep.ports import DeadLetter, JobStore, MessageQueue
from interview_prep.repositories.jobs import JobRepository
from interview_prep.repositories.queue import GenerationQueue


@dataclass
class RedriveReport:
    moved: list[str] = field(default_factory=list)
    skipped: int = 0
    #: Letters whose body is not a generation message; left in place for a person.
    unreadable: int = 0


def redrive(
    queue: MessageQueue | None = None, job_id: str | None = None, jobs: JobStore | None = None
) -> RedriveReport:
    """Redrive every dead-lettered message, or only ``job_id``'s."""
    queue = queue or GenerationQueue()
    jobs = jobs or JobRepository()
    report = RedriveReport()
    kept: list[DeadLetter] = []  # looked at, left for later
    for letter in queue.dead_letters():
        message = letter.message
        if message is None:
            logger.warning("dead letter is not a generation message; left in place")
            report.unreadable += 1
            kept.append(letter)
            continue
        if job_id and message.job_id != job_id:
            kept.append(letter)
            continue
        jobs.requeue(message.job_id)  # a failed job starts a new attempt
        queue.redrive(letter)
        logger.info("job redriven", extra={"job_id": message.job_id})
        report.moved.append(message.job_id)
    for letter in kept:  # visible again right away
        queue.keep(letter)
    report.skipped = len(kept)
    return report
