from __future__ import annotations

from aws_cdk import Duration, RemovalPolicy, Stack
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_s3_notifications as s3n
from constructs import Construct

from infra.components.queues import WorkQueue
from infra.config import StageConfig
from infra.nag import LAMBDA_BASIC_ROLE, acknowledge
from interview_prep.resources import UPLOAD_QUEUE, UPLOADS_BUCKET

#: Origins a browser may PUT a file from when the web page is served (see ``_cors``).
ANY_ORIGIN = "*"


class Uploads(Construct):
    """Uploaded resume files: a private bucket the API hands presigned PUT URLs for, and
    the queue its "object created" events (and the uploads' expiry checks) reach."""

    def __init__(
        self, scope: Construct, construct_id: str, *, config: StageConfig, web_page: bool
    ) -> None:
        super().__init__(scope, construct_id)
        self.prefix = UPLOADS_BUCKET.prefix
        self.bucket = s3.Bucket(
            self,
            "Bucket",
            block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
            object_ownership=s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
            encryption=s3.BucketEncryption.S3_MANAGED,
            enforce_ssl=True,
            minimum_tls_version=1.2,
            # a deleted file must be gone, not kept as a noncurrent version
            versioned=False,
            lifecycle_rules=[
                s3.LifecycleRule(
                    id="expire-uploads",
                    prefix=self.prefix,
                    # the backstop: the parse function deletes each file it has read
                    expiration=Duration.days(UPLOADS_BUCKET.expire_days),
                    abort_incomplete_multipart_upload_after=Duration.days(1),
                )
            ],
            cors=_cors(config, web_page),
            # files live a day at most, so the bucket is empty almost always and goes with
            # the stack (like the web page's bucket); no object needs keeping
            removal_policy=RemovalPolicy.DESTROY,
        )
        # physical name: interview-prep-<stage>-upload (+ -dlq); CloudFormation names the
        # bucket (S3 names are global) and every function gets it as UPLOADS_BUCKET
        self.queues = WorkQueue(
            self,
            "Queues",
            config=config,
            spec=UPLOAD_QUEUE,
            consumer_timeout_seconds=config.parser_timeout_seconds,
        )
        self.queue = self.queues.queue
        # S3 -> SQS; SqsDestination also allows s3.amazonaws.com, from this bucket only,
        # to send to the queue (its resource policy)
        self.bucket.add_event_notification(
            s3.EventType.OBJECT_CREATED,
            s3n.SqsDestination(self.queue),
            s3.NotificationKeyFilter(prefix=self.prefix),
        )
        self._acknowledge()

    @property
    def objects_arn(self) -> str:
        """Every file the service waits for: ``<bucket ARN>/uploads/*``."""
        return self.bucket.arn_for_objects(f"{self.prefix}*")

    def grant_upload(self, function: lambda_.IFunction) -> None:
        """What a presigned PUT URL needs: it carries the signer's authority, so the signer
        may write files under the prefix and nothing else (no read, no delete, no ACLs)."""
        iam.Grant.add_to_principal(
            grantee=function, actions=["s3:PutObject"], resource_arns=[self.objects_arn]
        )
        self._acknowledge_objects(function)

    def grant_read_and_delete(self, function: lambda_.IFunction) -> None:
        """Read each file once and delete it. ``s3:ListBucket`` makes S3 answer 404, not 403,
        for a file already deleted (a repeated S3 event) or never uploaded (the expiry
        check)."""
        iam.Grant.add_to_principal(
            grantee=function,
            actions=["s3:GetObject", "s3:DeleteObject"],
            resource_arns=[self.objects_arn],
        )
        iam.Grant.add_to_principal(
            grantee=function, actions=["s3:ListBucket"], resource_arns=[self.bucket.bucket_arn]
        )
        self._acknowledge_objects(function)

    def _acknowledge_objects(self, function: lambda_.IFunction) -> None:
        bucket = self.bucket.node.default_child
        assert isinstance(bucket, s3.CfnBucket)
        bucket_id = Stack.of(self).get_logical_id(bucket)
        acknowledge(
            function,
            f"AwsSolutions-IAM5[Resource::<{bucket_id}.Arn>/{self.prefix}*]",
            "Each file's key is its job id, chosen per upload: the upload prefix is the "
            "narrowest resource the function can be granted.",
        )

    def _acknowledge(self) -> None:
        acknowledge(
            self.bucket,
            "AwsSolutions-S1",
            "Each file is written once through a presigned URL the resumes function issued "
            "for one job (API Gateway's access log records that request), read and deleted by "
            "the parse function, and the job records the outcome; the bucket holds nothing "
            "for longer than a day. A second bucket of access logs would keep the very "
            "object keys and requester addresses the service deletes; use CloudTrail S3 data "
            "events for a per-request audit.",
        )
        for child in Stack.of(self).node.children:
            # CDK's own function that applies the notification configuration (a singleton at
            # the stack's root): S3 checks it may send to the queue when the configuration
            # is set, so it is set once the queue's policy names the bucket
            if child.node.id.startswith("BucketNotificationsHandler"):
                acknowledge(
                    child,
                    LAMBDA_BASIC_ROLE,
                    "The AWS-managed basic execution role only lets CDK's notification "
                    "function write its logs (its one other grant names this bucket).",
                )


def _cors(config: StageConfig, web_page: bool) -> list[s3.CorsRule] | None:
    """Which pages may PUT a file from a browser: ``cors_origins``, and the web page.

    The web page's CloudFront origin cannot be named here without a cycle (the distribution
    reaches the API, whose functions carry this bucket's name), so with the page any origin
    may PUT. That grants nothing: CORS only decides whether a browser lets a page send the
    request; the presigned URL's signature is the authority, and without one S3 refuses the
    PUT from any origin and from curl alike. Only PUT is allowed, so no page can read a file.
    """
    origins = [ANY_ORIGIN] if web_page else list(config.cors_origins)
    if not origins:
        return None
    return [
        s3.CorsRule(
            allowed_methods=[s3.HttpMethods.PUT],
            allowed_origins=origins,
            # the URL is signed with the file's type: the PUT must send it as given
            allowed_headers=["Content-Type"],
            max_age=3600,
        )
    ]
