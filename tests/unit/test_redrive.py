"""Redrive: dead-lettered messages go back to the queue and their failed jobs start again."""

from __future__ import annotations

import pytest

from interview_prep.models.jobs import GenerationMessage, Job, JobKind, JobStatus, Usage
from interview_prep.repositories import mongo
from interview_prep.services.redrive import redrive
from tests.fakes.ports import FakeJobStore, FakeQueue

A, B, C = "a" * 32, "b" * 32, "c" * 32


def _failed_job(jobs: FakeJobStore, job_id: str) -> GenerationMessage:
    now = mongo.now()
    job = Job(
        job_id=job_id,
        kind=JobKind.LEARNING_PATH,
        status=JobStatus.QUEUED,
        unique_key="key-1",
        parameters={"path_count": 5},
        total_steps=5,
        created_at=now,
        updated_at=now,
    )
    jobs.create(job, "alice")
    jobs.advance(job_id, 3, "Generated", 5)
    jobs.fail(job_id, "LEARNING_PATH_GENERATION_FAILED", "Gave up after 5 attempts")
    return GenerationMessage(
        job_id=job_id, kind=job.kind, owner="alice", unique_key="key-1", parameters=job.parameters
    )


@pytest.fixture
def jobs() -> FakeJobStore:
    return FakeJobStore()


@pytest.fixture
def queue(jobs: FakeJobStore) -> FakeQueue:
    queue = FakeQueue()
    for job_id in (A, B, C):
        queue.add_dead_letter(_failed_job(jobs, job_id), correlation_id=f"corr-{job_id[0]}")
    return queue


def _requeued(jobs: FakeJobStore, job_id: str) -> bool:
    job = jobs.job(job_id)
    return (job.status, job.step, job.percent, job.error) == (JobStatus.QUEUED, 0, 0, None)


def test_every_dead_letter_goes_back_and_its_job_starts_again(
    jobs: FakeJobStore, queue: FakeQueue
) -> None:
    report = redrive(queue, jobs=jobs)

    assert report.moved == [A, B, C]
    assert report.skipped == 0
    assert [s.message.job_id for s in queue.sent] == [A, B, C]
    assert [s.correlation_id for s in queue.sent] == ["corr-a", "corr-b", "corr-c"]
    assert queue.dead == []
    assert all(_requeued(jobs, job_id) for job_id in (A, B, C))


def test_one_job_is_redriven_and_the_others_stay_visible(
    jobs: FakeJobStore, queue: FakeQueue
) -> None:
    report = redrive(queue, job_id=B, jobs=jobs)

    assert report.moved == [B]
    assert report.skipped == 2
    assert [s.message.job_id for s in queue.sent] == [B]
    assert _requeued(jobs, B)
    assert jobs.job(A).status is JobStatus.FAILED
    assert jobs.job(C).status is JobStatus.FAILED
    assert sorted(queue.kept) == [A, C]
    # kept letters are visible again at once: the next walk sees them (and only them)
    assert [letter.message and letter.message.job_id for letter in queue.dead_letters()] == [A, C]


def test_a_job_that_did_not_fail_is_not_reset(jobs: FakeJobStore) -> None:
    queue = FakeQueue()
    message = _failed_job(jobs, A)
    jobs.requeue(A)
    jobs.succeed(A, "offline", "m", Usage(), "Done")  # a twin finished it after all
    queue.add_dead_letter(message)

    report = redrive(queue, jobs=jobs)

    assert report.moved == [A]  # the worker ignores the message of a finished job
    assert jobs.job(A).status is JobStatus.SUCCEEDED


def test_an_empty_dead_letter_queue_moves_nothing(jobs: FakeJobStore) -> None:
    report = redrive(FakeQueue(), jobs=jobs)

    assert (report.moved, report.skipped) == ([], 0)


def test_a_letter_that_is_not_a_generation_message_stays_and_the_rest_move(
    jobs: FakeJobStore, queue: FakeQueue
) -> None:
    queue.add_dead_letter('{"hello": "sent by hand"}')

    report = redrive(queue, jobs=jobs)

    assert report.moved == [A, B, C]
    assert (report.skipped, report.unreadable) == (1, 1)
    assert queue.kept == ['{"hello": "sent by hand"}']
    assert [letter.body for letter in queue.dead] == ['{"hello": "sent by hand"}']
