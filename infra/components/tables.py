from __future__ import annotations

from aws_cdk import RemovalPolicy
from aws_cdk import aws_dynamodb as dynamodb
from constructs import Construct

from infra.config import StageConfig
from interview_prep.resources import TABLES, table_name


class Tables(Construct):
    """DynamoDB tables described in ``interview_prep.resources``: on demand, PITR, TTL."""

    def __init__(self, scope: Construct, construct_id: str, *, config: StageConfig) -> None:
        super().__init__(scope, construct_id)
        self.by_setting: dict[str, dynamodb.Table] = {}
        for spec in TABLES:
            self.by_setting[spec.setting] = dynamodb.Table(
                self,
                spec.setting.replace("_", "-"),
                table_name=table_name(spec, config.stage),
                partition_key=dynamodb.Attribute(
                    name=spec.partition_key, type=dynamodb.AttributeType.STRING
                ),
                billing_mode=dynamodb.BillingMode.PAY_PER_REQUEST,
                time_to_live_attribute=spec.ttl_attribute,
                point_in_time_recovery_specification=dynamodb.PointInTimeRecoverySpecification(
                    point_in_time_recovery_enabled=True
                ),
                removal_policy=RemovalPolicy.RETAIN,
            )
