"""Upload queue consumer: S3's notices of uploaded resume files, each read into a stored
resume, and the uploads' expiry checks."""

from __future__ import annotations

from interview_prep.config import check_settings
from interview_prep.consumer import sqs_entry
from interview_prep.services.parsing import UploadWorker

check_settings("parser")
worker = UploadWorker()
lambda_handler = sqs_entry(worker.process)
