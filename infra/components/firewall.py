from __future__ import annotations

from aws_cdk import aws_apigateway as apigateway
from aws_cdk import aws_wafv2 as wafv2
from constructs import Construct

from infra.config import StageConfig


class Firewall(Construct):
    """AWS WAF in front of the API stage: a per-IP rate-based rule (``waf_requests_per_minute``
    over a one-minute window); blocked requests get 429 without reaching the API."""

    def __init__(
        self, scope: Construct, construct_id: str, *, config: StageConfig, stage: apigateway.Stage
    ) -> None:
        super().__init__(scope, construct_id)
        metric = wafv2.CfnWebACL.VisibilityConfigProperty
        self.web_acl = wafv2.CfnWebACL(
            self,
            "WebAcl",
            name=f"{config.prefix}-api",
            scope="REGIONAL",
            default_action=wafv2.CfnWebACL.DefaultActionProperty(allow={}),
            visibility_config=metric(
                cloud_watch_metrics_enabled=True,
                metric_name=f"{config.prefix}-api",
                sampled_requests_enabled=True,
            ),
            rules=[
                wafv2.CfnWebACL.RuleProperty(
                    name="per-ip-rate",
                    priority=0,
                    action=wafv2.CfnWebACL.RuleActionProperty(
                        block=wafv2.CfnWebACL.BlockActionProperty(
                            custom_response=wafv2.CfnWebACL.CustomResponseProperty(
                                response_code=429
                            )
                        )
                    ),
                    statement=wafv2.CfnWebACL.StatementProperty(
                        rate_based_statement=wafv2.CfnWebACL.RateBasedStatementProperty(
                            aggregate_key_type="IP",
                            limit=config.waf_requests_per_minute,
                            evaluation_window_sec=60,
                        )
                    ),
                    visibility_config=metric(
                        cloud_watch_metrics_enabled=True,
                        metric_name=f"{config.prefix}-per-ip-rate",
                        sampled_requests_enabled=True,
                    ),
                )
            ],
        )
        wafv2.CfnWebACLAssociation(
            self, "Association", resource_arn=stage.stage_arn, web_acl_arn=self.web_acl.attr_arn
        )
