from __future__ import annotations

from pathlib import Path

from aws_cdk import RemovalPolicy, Stack
from aws_cdk import aws_apigateway as apigateway
from aws_cdk import aws_cloudfront as cloudfront
from aws_cdk import aws_cloudfront_origins as origins
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_s3_deployment as s3deploy
from constructs import Construct

from infra.config import StageConfig
from infra.nag import LAMBDA_BASIC_ROLE, acknowledge
from interview_prep.routes import API_PREFIX

_COPY = "CDK's bucket-deployment function copies the page from the asset bucket to the site"
#: What cdk-nag finds in CDK's BucketDeployment copy function, and why it is accepted.
BUCKET_DEPLOYMENT_FINDINGS: list[tuple[str, str]] = [
    ("AwsSolutions-L1", "CDK's bucket-deployment function picks its own runtime."),
    (
        LAMBDA_BASIC_ROLE,
        "The AWS-managed basic execution role only lets the copy function write its logs.",
    ),
    ("AwsSolutions-IAM5[Resource::*]", "CloudFront invalidations have no resource-level ARN."),
    *(
        (f"AwsSolutions-IAM5[{finding}]", f"{_COPY}: CDK's grant for it.")
        for finding in (
            "Action::s3:GetObject*",
            "Action::s3:GetBucket*",
            "Action::s3:List*",
            "Action::s3:DeleteObject*",
            "Action::s3:Abort*",
            "Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-"
            "<AWS::Region>/*",
        )
    ),
]


class WebSite(Construct):
    """The web page on CloudFront: ``web/`` (and the sample resumes under ``/samples/``)
    from a private S3 bucket, and ``/api/*`` passed through to the REST API, so the page
    calls the API on its own origin (no CORS) with the key the user enters."""

    def __init__(
        self,
        scope: Construct,
        construct_id: str,
        *,
        config: StageConfig,
        web_dir: Path,
        samples_dir: Path,
        rest_api: apigateway.RestApi,
    ) -> None:
        super().__init__(scope, construct_id)
        bucket = s3.Bucket(
            self,
            "Bucket",
            block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
            encryption=s3.BucketEncryption.S3_MANAGED,
            enforce_ssl=True,
            # the files are rebuilt from the repository on every deploy
            removal_policy=RemovalPolicy.DESTROY,
        )
        api = cloudfront.BehaviorOptions(
            origin=origins.RestApiOrigin(rest_api),
            allowed_methods=cloudfront.AllowedMethods.ALLOW_ALL,
            cache_policy=cloudfront.CachePolicy.CACHING_DISABLED,
            origin_request_policy=cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
            viewer_protocol_policy=cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
        )
        self.distribution = cloudfront.Distribution(
            self,
            "Distribution",
            comment=f"{config.prefix} web page and API",
            default_root_object="index.html",
            default_behavior=cloudfront.BehaviorOptions(
                origin=origins.S3BucketOrigin.with_origin_access_control(bucket),
                viewer_protocol_policy=cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
                response_headers_policy=cloudfront.ResponseHeadersPolicy.SECURITY_HEADERS,
            ),
            additional_behaviors={f"{API_PREFIX}/*": api},
            minimum_protocol_version=cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
        )
        page = s3deploy.BucketDeployment(
            self,
            "Page",
            destination_bucket=bucket,
            sources=[s3deploy.Source.asset(str(web_dir))],
            exclude=["samples/*"],
            distribution=self.distribution,
        )
        s3deploy.BucketDeployment(
            self,
            "Samples",
            destination_bucket=bucket,
            sources=[s3deploy.Source.asset(str(samples_dir))],
            destination_key_prefix="samples/",
            distribution=self.distribution,
        ).node.add_dependency(page)
        self._acknowledge(bucket)

    def _acknowledge(self, bucket: s3.Bucket) -> None:
        acknowledge(
            self,
            "AwsSolutions-S1",
            "The bucket only holds the page's public files, copied from the repository; "
            "CloudFront is the only reader.",
        )
        for rule, reason in (
            ("AwsSolutions-CFR1", "The service is not restricted by country."),
            ("AwsSolutions-CFR2", "Add a WAF web ACL for a public production deployment."),
            ("AwsSolutions-CFR3", "Requests are logged by API Gateway's access log."),
            (
                "AwsSolutions-CFR4",
                "The default CloudFront certificate; with a custom domain set TLS 1.2+.",
            ),
        ):
            acknowledge(self.distribution, rule, reason)
        stack = Stack.of(self)
        site_objects = f"AwsSolutions-IAM5[Resource::<{stack.get_logical_id(_cfn(bucket))}.Arn>/*]"
        for child in stack.node.children:
            # CDK's own copy function for BucketDeployment (a singleton at the stack's root)
            if child.node.id.startswith("Custom::CDKBucketDeployment"):
                for rule, reason in [*BUCKET_DEPLOYMENT_FINDINGS, (site_objects, _COPY + ".")]:
                    acknowledge(child, rule, reason)


def _cfn(bucket: s3.Bucket) -> s3.CfnBucket:
    resource = bucket.node.default_child
    assert isinstance(resource, s3.CfnBucket)
    return resource
