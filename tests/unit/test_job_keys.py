"""What identifies a generation: the active-job lock's claim loop and the fingerprint."""

from __future__ import annotations

import itertools

import pytest

from interview_prep.errors import TaskQueueError
from interview_prep.models import ResumeIn
from interview_prep.models.jobs import Job, JobKind, JobStatus
from interview_prep.repositories import mongo
from interview_prep.services import job_keys
from interview_prep.services.job_keys import (
    CLAIM_ATTEMPTS,
    active_lock_id,
    claim,
    fingerprint,
    latest_pointer_id,
)
from tests.conftest import fixture_resume
from tests.fakes.ports import FakeJobStore

LOCK = active_lock_id("alice", "key-1", JobKind.INTERVIEW_QUESTIONS, {"count": 5})
NEW, OLD = "a" * 32, "b" * 32
_ids = (f"{n:032x}" for n in itertools.count(1))


def _job(job_id: str, status: JobStatus) -> Job:
    now = mongo.now()
    return Job(
        job_id=job_id,
        kind=JobKind.INTERVIEW_QUESTIONS,
        status=status,
        unique_key="key-1",
        parameters={"count": 5},
        total_steps=5,
        created_at=now,
        updated_at=now,
    )


@pytest.fixture
def jobs() -> FakeJobStore:
    return FakeJobStore()


def _held_by(jobs: FakeJobStore, status: JobStatus) -> None:
    jobs.create(_job(OLD, status), "alice")
    jobs.locks[LOCK] = OLD


def test_a_free_lock_is_acquired(jobs: FakeJobStore) -> None:
    assert claim(jobs, LOCK, NEW) is None
    assert jobs.locks[LOCK] == NEW


@pytest.mark.parametrize("status", [JobStatus.QUEUED, JobStatus.RUNNING])
def test_an_unfinished_holder_is_returned_and_keeps_the_lock(
    jobs: FakeJobStore, status: JobStatus
) -> None:
    _held_by(jobs, status)

    running = claim(jobs, LOCK, NEW)

    assert running is not None
    assert running.job_id == OLD
    assert jobs.locks[LOCK] == OLD


@pytest.mark.parametrize("status", [JobStatus.SUCCEEDED, JobStatus.FAILED])
def test_a_stale_lock_of_a_finished_job_is_taken_over(
    jobs: FakeJobStore, status: JobStatus
) -> None:
    _held_by(jobs, status)

    assert claim(jobs, LOCK, NEW) is None
    assert jobs.locks[LOCK] == NEW


def test_a_lock_whose_job_record_expired_is_taken_over(jobs: FakeJobStore) -> None:
    jobs.locks[LOCK] = OLD  # the job item's TTL passed before the lock's

    assert claim(jobs, LOCK, NEW) is None
    assert jobs.locks[LOCK] == NEW


def test_a_lock_released_between_the_refused_claim_and_the_read_is_claimed_again(
    jobs: FakeJobStore,
) -> None:
    _held_by(jobs, JobStatus.RUNNING)
    # the holder finishes and releases right after our put was refused: Claim(False, None)
    jobs.on_claim_refused = lambda lock_id: jobs.release_active(lock_id, OLD)

    assert claim(jobs, LOCK, NEW) is None

    # None must mean "NEW holds it", not "nobody does": a second start would run beside us
    assert jobs.locks[LOCK] == NEW
    assert jobs.claims == 2


def test_a_lock_that_keeps_changing_hands_gives_up_with_a_queue_error(
    jobs: FakeJobStore,
) -> None:
    jobs.locks[LOCK] = OLD

    def another_finished_holder(lock_id: str) -> None:
        holder = next(_ids)
        jobs.create(_job(holder, JobStatus.SUCCEEDED), "alice")
        jobs.locks[lock_id] = holder

    jobs.on_claim_refused = another_finished_holder
    jobs.before_take_over = another_finished_holder  # someone else takes it over first

    with pytest.raises(TaskQueueError) as raised:
        claim(jobs, LOCK, NEW)

    assert raised.value.details == {"job_id": NEW}
    assert jobs.claims == CLAIM_ATTEMPTS
    assert jobs.locks[LOCK] != NEW


# --- keys ---------------------------------------------------------------------------------


@pytest.fixture
def resume() -> ResumeIn:
    resume: ResumeIn = fixture_resume("senior-backend-ko")
    return resume


def test_the_fingerprint_ignores_force(resume: ResumeIn) -> None:
    kind = JobKind.INTERVIEW_QUESTIONS
    plain = fingerprint(resume, kind, {"count": 5, "force": False})
    assert fingerprint(resume, kind, {"count": 5, "force": True}) == plain
    assert fingerprint(resume, kind, {"count": 5}) == plain


@pytest.mark.parametrize(
    "changed",
    [{"count": 4}, {"count": 5, "language": "en"}, {"count": 5, "job_description": "SRE"}],
)
def test_the_fingerprint_changes_with_the_parameters(
    resume: ResumeIn, changed: dict[str, object]
) -> None:
    kind = JobKind.INTERVIEW_QUESTIONS
    assert fingerprint(resume, kind, changed) != fingerprint(resume, kind, {"count": 5})


def test_the_fingerprint_changes_with_the_resume_content_and_the_kind(resume: ResumeIn) -> None:
    kind = JobKind.INTERVIEW_QUESTIONS
    edited = resume.model_copy(update={"summary": "Rewrote the summary."})
    assert fingerprint(edited, kind, {}) != fingerprint(resume, kind, {})
    assert fingerprint(resume, JobKind.LEARNING_PATH, {}) != fingerprint(resume, kind, {})


def test_the_lock_is_per_owner_resume_kind_and_parameters_but_not_force() -> None:
    kind = JobKind.INTERVIEW_QUESTIONS
    assert active_lock_id("alice", "key-1", kind, {"count": 5, "force": True}) == LOCK
    others = {
        active_lock_id("bob", "key-1", kind, {"count": 5}),
        active_lock_id("alice", "key-2", kind, {"count": 5}),
        active_lock_id("alice", "key-1", JobKind.LEARNING_PATH, {"count": 5}),
        active_lock_id("alice", "key-1", kind, {"count": 4}),
    }
    assert LOCK not in others
    assert len(others) == 4
    assert job_keys.job_lock_id("alice", _job(NEW, JobStatus.QUEUED)) == LOCK


def test_the_latest_pointer_is_per_owner_resume_and_kind() -> None:
    kind = JobKind.INTERVIEW_QUESTIONS
    pointer = latest_pointer_id("alice", "key-1", kind)
    assert pointer.startswith("latest#")
    assert pointer != latest_pointer_id("bob", "key-1", kind)
    assert pointer != latest_pointer_id("alice", "key-1", JobKind.LEARNING_PATH)
    assert not pointer.startswith("active#")  # both live in the job table, told apart by prefix
