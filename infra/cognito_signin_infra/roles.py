"""A Lambda function's own role and log group."""

from __future__ import annotations

from aws_cdk import RemovalPolicy, aws_iam as iam, aws_logs as logs
from constructs import Construct


def function_role(scope: Construct, id: str, description: str) -> tuple[iam.Role, logs.LogGroup]:
    """A role allowed only to write to its own log group (instead of
    AWSLambdaBasicExecutionRole's logs:* on every group), and that group,
    whose logs expire after a month and which goes with the stack. The
    constructs are `{id}Role` and `{id}Logs`."""
    group = logs.LogGroup(
        scope,
        f"{id}Logs",
        retention=logs.RetentionDays.ONE_MONTH,
        removal_policy=RemovalPolicy.DESTROY,
    )
    role = iam.Role(
        scope,
        f"{id}Role",
        assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"),
        description=description,
    )
    group.grant_write(role)
    return role, group
