"""Generation queue consumer: each record is one generation job."""

from __future__ import annotations

from interview_prep.config import check_settings
from interview_prep.consumer import sqs_entry
from interview_prep.services.worker import GenerationWorker

check_settings("worker")
worker = GenerationWorker()
lambda_handler = sqs_entry(worker.process)
