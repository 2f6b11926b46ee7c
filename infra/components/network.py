from __future__ import annotations

from aws_cdk import aws_ec2 as ec2
from constructs import Construct

from infra.config import StageConfig


class Network(Construct):
    """Where the functions run when MongoDB Atlas is reached privately (``mongodb_network:
    vpc``): private subnets whose traffic leaves through NAT gateways (their Elastic IPs go
    on the Atlas access list) or, once peered, through PrivateLink/VPC peering.

    With ``public`` (the default) there is no VPC: functions reach Atlas over TLS on its
    public endpoint, allowed by Atlas's IP access list.
    """

    def __init__(self, scope: Construct, construct_id: str, *, config: StageConfig) -> None:
        super().__init__(scope, construct_id)
        self.vpc = ec2.Vpc(
            self,
            "Vpc",
            max_azs=2,
            nat_gateways=config.vpc_nat_gateways,
            subnet_configuration=[
                ec2.SubnetConfiguration(name="public", subnet_type=ec2.SubnetType.PUBLIC),
                ec2.SubnetConfiguration(
                    name="functions", subnet_type=ec2.SubnetType.PRIVATE_WITH_EGRESS
                ),
            ],
            flow_logs={"rejected": ec2.FlowLogOptions(traffic_type=ec2.FlowLogTrafficType.REJECT)},
        )
        self.security_group = ec2.SecurityGroup(
            self,
            "Functions",
            vpc=self.vpc,
            description="Lambda functions: outbound only (MongoDB Atlas, AWS APIs, LLM vendors)",
            allow_all_outbound=True,
        )

    @property
    def subnets(self) -> ec2.SubnetSelection:
        return ec2.SubnetSelection(subnet_type=ec2.SubnetType.PRIVATE_WITH_EGRESS)
