"""The service's outward contract as plain constants: header names, limits, metric names.

Dependency-free on purpose: the CDK app, the local stack and the runtime read the same
values, and importing this module loads neither Powertools nor pymongo.
"""

from __future__ import annotations

from typing import Final

API_KEY_HEADER: Final = "X-Api-Key"
IDEMPOTENCY_KEY_HEADER: Final = "Idempotency-Key"

#: API Gateway ends every integration after 29 s (a hard limit of REST APIs).
API_GATEWAY_INTEGRATION_TIMEOUT_SECONDS: Final = 29
#: Lambda's longest run (a platform limit).
LAMBDA_MAX_TIMEOUT_SECONDS: Final = 900
#: Functions that hold a request for ``?wait=N`` run this long; the rest keep their own.
WAIT_FUNCTION_TIMEOUT_SECONDS: Final = API_GATEWAY_INTEGRATION_TIMEOUT_SECONDS - 1
#: The largest ``?wait=N`` a client may ask for.
MAX_WAIT_SECONDS: Final = 25
#: A wait ends this long before the Lambda would, so the 202 still gets out.
WAIT_SAFETY_MARGIN_MS: Final = 2_000

#: Deliveries of one generation message before SQS moves it to the dead-letter queue; the
#: worker fails the job on the last one.
MAX_RECEIVE_COUNT: Final = 5

#: Uploaded resumes: the largest file accepted, the content types, where the files wait
#: in the uploads bucket for the parse function, and how long anything left there lives.
MAX_UPLOAD_BYTES: Final = 10 * 1024 * 1024
PDF_CONTENT_TYPE: Final = "application/pdf"
DOCX_CONTENT_TYPE: Final = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
UPLOAD_PREFIX: Final = "uploads/"
UPLOAD_RETENTION_DAYS: Final = 1
#: SQS's longest message delay: the upload expiry check is sent with it at most.
SQS_MAX_DELAY_SECONDS: Final = 900

METRICS_NAMESPACE: Final = "InterviewPrep"


class Metric:
    """Names of the business metrics the functions emit and the alarms watch."""

    JOBS_QUEUED: Final = "JobsQueued"
    JOBS_SUCCEEDED: Final = "JobsSucceeded"
    JOBS_FAILED: Final = "JobsFailed"
    JOB_RETRIES: Final = "JobRetries"
    RESULT_CACHE_HITS: Final = "ResultCacheHits"
    UPLOADS_STARTED: Final = "UploadsStarted"
    UPLOADS_PARSED: Final = "UploadsParsed"
    UPLOADS_FAILED: Final = "UploadsFailed"


#: Lambda timeout of the API functions that never hold a request (no ``?wait``).
API_FUNCTION_TIMEOUT_SECONDS: Final = 10
