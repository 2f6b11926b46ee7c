"""Logger, Tracer and Metrics shared by every function (service name and namespace from env).

Logs pass through Powertools data masking (any ``email`` or ``phone`` key, at any depth,
is erased) and then through ``privacy.redact`` (addresses and numbers written anywhere in
the line), before a record is written, whoever logged it.
"""

from __future__ import annotations

import os
import warnings
from typing import Any

from aws_lambda_powertools import Logger, Metrics, Tracer
from aws_lambda_powertools.logging.formatter import LambdaPowertoolsFormatter
from aws_lambda_powertools.logging.types import PowertoolsLogRecord
from aws_lambda_powertools.utilities.data_masking import DataMasking

from interview_prep.contract import METRICS_NAMESPACE
from interview_prep.privacy import redact

DEFAULT_SERVICE = "interview-prep"
PII_FIELDS = ("$..email", "$..phone")

_masking = DataMasking(raise_on_missing_field=False)


def mask_pii(data: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``data`` with contact details erased (for logs; never used on stored data)."""
    with warnings.catch_warnings():
        # DataMasking warns for every absent field; most log records have no contact data.
        warnings.simplefilter("ignore", UserWarning)
        masked: dict[str, Any] = _masking.erase(data, fields=list(PII_FIELDS))
    return masked


class MaskingFormatter(LambdaPowertoolsFormatter):
    """Contact fields erased by name, then addresses and numbers anywhere in the line
    (messages, extra keys, exception text) replaced by pattern."""

    def serialize(self, log: dict[str, Any] | PowertoolsLogRecord) -> str:
        return redact(super().serialize(mask_pii(dict(log))))


# Most API requests record no business metric; that is expected, not worth a warning each time.
warnings.filterwarnings("ignore", message="No application metrics to publish")

_service = os.getenv("POWERTOOLS_SERVICE_NAME", DEFAULT_SERVICE)

logger = Logger(service=_service, logger_formatter=MaskingFormatter())
tracer = Tracer(service=_service)
metrics = Metrics(
    service=_service,
    namespace=os.getenv("POWERTOOLS_METRICS_NAMESPACE", METRICS_NAMESPACE),
)
