"""Uploaded files in the private uploads bucket (S3).

The API hands out presigned PUT URLs (S3 checks the signature, so the bucket stays
private); the parse function reads each file once and deletes it. Every boto3 failure
leaves as :class:`StorageUnavailableError`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from botocore.exceptions import BotoCoreError, ClientError

from interview_prep import aws
from interview_prep.config import get_settings
from interview_prep.errors import StorageUnavailableError

_MISSING = {"404", "NoSuchKey", "NotFound"}


@contextmanager
def _unavailable_as_storage_error() -> Iterator[None]:
    try:
        yield
    except (ClientError, BotoCoreError) as exc:
        raise StorageUnavailableError() from exc


def _missing(error: ClientError) -> bool:
    return str(error.response.get("Error", {}).get("Code")) in _MISSING


class UploadBucket:
    def __init__(self, bucket: str | None = None) -> None:
        self._bucket = bucket

    @property
    def bucket(self) -> str:
        return self._bucket or get_settings().uploads_bucket

    def upload_url(self, key: str, content_type: str, expires_in: int) -> str:
        """A PUT URL for ``key``; the request must send exactly this ``Content-Type``."""
        with _unavailable_as_storage_error():
            url: str = aws.s3().generate_presigned_url(
                "put_object",
                Params={"Bucket": self.bucket, "Key": key, "ContentType": content_type},
                ExpiresIn=expires_in,
                HttpMethod="PUT",
            )
        return url

    def size(self, key: str) -> int | None:
        with _unavailable_as_storage_error():
            try:
                head = aws.s3().head_object(Bucket=self.bucket, Key=key)
            except ClientError as error:
                if _missing(error):
                    return None
                raise
        return int(head["ContentLength"])

    def read(self, key: str) -> bytes | None:
        with _unavailable_as_storage_error():
            try:
                found = aws.s3().get_object(Bucket=self.bucket, Key=key)
            except ClientError as error:
                if _missing(error):
                    return None
                raise
            data: bytes = found["Body"].read()
        return data

    def delete(self, key: str) -> None:
        """Idempotent: deleting a missing object succeeds (as S3 itself answers)."""
        with _unavailable_as_storage_error():
            aws.s3().delete_object(Bucket=self.bucket, Key=key)

    def ping(self) -> None:
        with _unavailable_as_storage_error():
            aws.s3().head_bucket(Bucket=self.bucket)
