"""The REST API: GET /hello behind a Cognito authorizer, served by Rust."""

from __future__ import annotations

import json

from aws_cdk import Duration, Fn, RemovalPolicy, aws_apigateway as apigw, aws_cognito as cognito
from aws_cdk import aws_lambda as lambda_, aws_logs as logs
from cdk_nag import NagPackSuppression, NagSuppressions
from constructs import Construct

from .options import STAGE_BURST_LIMIT, STAGE_RATE_LIMIT
from .roles import function_role

# Headers a browser may send on the cross-origin call (the SPA run from
# another origin, e.g. during development, calling the API directly).
CORS_ALLOW_HEADERS = ["Authorization", "Content-Type"]

# Gateway answers (401 from the authorizer, 403, 5XX) carry no CORS headers
# by default, and then a browser cannot read them. '*' is fine: the API is
# authorized by a header token, never by cookies.
GATEWAY_CORS_HEADERS = {
    "Access-Control-Allow-Origin": "'*'",
    "Access-Control-Allow-Headers": "'" + ",".join(CORS_ALLOW_HEADERS) + "'",
}

STAGE = "prod"

# One line per request in the access log: who (the user's `sub`, never the
# token), what, and how it ended.
ACCESS_LOG_FORMAT = {
    "requestId": apigw.AccessLogField.context_request_id(),
    "ip": apigw.AccessLogField.context_identity_source_ip(),
    "time": apigw.AccessLogField.context_request_time(),
    "method": apigw.AccessLogField.context_http_method(),
    "path": apigw.AccessLogField.context_resource_path(),
    "protocol": apigw.AccessLogField.context_protocol(),
    "status": apigw.AccessLogField.context_status(),
    "responseLength": apigw.AccessLogField.context_response_length(),
    "error": apigw.AccessLogField.context_error_message(),
    "sub": apigw.AccessLogField.context_authorizer_claims("sub"),
}


def audience_expression(client_id: str) -> str:
    """The authorizer's IdentityValidationExpression: a regex API Gateway
    matches against an ID token's `aud`. Anchored, so only this client's
    tokens pass; app client ids are letters and digits only, so the id needs
    no escaping."""
    return Fn.join("", ["^", client_id, "$"])


class HelloApi(Construct):
    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        user_pool: cognito.IUserPool,
        client: cognito.IUserPoolClient,
        lambda_code: lambda_.Code,
        reserved_concurrency: int | None,
        log_removal_policy: RemovalPolicy,
    ) -> None:
        super().__init__(scope, id)

        role, function_logs = function_role(
            self, "Hello", "hello: writes its own log group, nothing else"
        )

        self.function = lambda_.Function(
            self,
            "HelloFunction",
            # A static musl binary named `bootstrap` (crate lambda/).
            runtime=lambda_.Runtime.PROVIDED_AL2023,
            architecture=lambda_.Architecture.X86_64,
            handler="bootstrap",
            code=lambda_code,
            memory_size=128,
            timeout=Duration.seconds(5),
            log_group=function_logs,
            role=role,
            # Caps what it can cost and keeps it from starving other
            # functions in the account.
            reserved_concurrent_executions=reserved_concurrency,
        )

        # Access logs: one JSON line per request, kept 90 days. (API Gateway
        # writes them to CloudWatch Logs or Firehose only, not to S3.)
        access_logs = logs.LogGroup(
            self,
            "AccessLogs",
            retention=logs.RetentionDays.THREE_MONTHS,
            removal_policy=log_removal_policy,
        )

        self.rest_api = apigw.RestApi(
            self,
            "RestApi",
            rest_api_name="cognito-signin-hello",
            # Regional: CloudFront already fronts it; an edge-optimized API
            # would put a second CloudFront in the path.
            endpoint_types=[apigw.EndpointType.REGIONAL],
            deploy_options=apigw.StageOptions(
                stage_name=STAGE,
                throttling_rate_limit=STAGE_RATE_LIMIT,
                throttling_burst_limit=STAGE_BURST_LIMIT,
                access_log_destination=apigw.LogGroupLogDestination(access_logs),
                access_log_format=apigw.AccessLogFormat.custom(json.dumps(ACCESS_LOG_FORMAT)),
                # Execution logs for failures only; never request or
                # response data, which would put tokens in the logs.
                logging_level=apigw.MethodLoggingLevel.ERROR,
                data_trace_enabled=False,
            ),
            # API Gateway writes logs through one role per account and
            # region (its account settings). The stack sets it, and keeps the
            # role on `cdk destroy` so the setting never points at nothing.
            cloud_watch_role=True,
            cloud_watch_role_removal_policy=RemovalPolicy.RETAIN,
        )
        # API Gateway would create the execution log group itself, with no
        # expiry, on the first error: the stack owns it first.
        execution_logs = logs.LogGroup(
            self,
            "ExecutionLogs",
            log_group_name=Fn.join(
                "", ["API-Gateway-Execution-Logs_", self.rest_api.rest_api_id, "/", STAGE]
            ),
            retention=logs.RetentionDays.ONE_MONTH,
            removal_policy=log_removal_policy,
        )
        self.rest_api.deployment_stage.node.add_dependency(execution_logs)
        NagSuppressions.add_resource_suppressions(
            self.rest_api.node.find_child("CloudWatchRole").node.default_child,
            [
                NagPackSuppression(
                    id="AwsSolutions-IAM4",
                    reason="AmazonAPIGatewayPushToCloudWatchLogs is the role API Gateway "
                    "itself uses for the logs of every REST API in this account and "
                    "region, so it cannot be narrowed to this stack's log groups.",
                    applies_to=[
                        "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/"
                        "AmazonAPIGatewayPushToCloudWatchLogs"
                    ],
                )
            ],
        )
        NagSuppressions.add_resource_suppressions(
            self.rest_api.deployment_stage.node.default_child,
            [
                NagPackSuppression(
                    id="AwsSolutions-APIG3",
                    reason="A regional web ACL would cost as much again as the optional "
                    "CloudFront one (waf); the stage throttles every caller and the "
                    "function's concurrency is capped, which bound a flood's cost.",
                )
            ],
        )
        # The construct adds an unexported "Endpoint" output; the stack
        # publishes its own under the name the original README looks up.
        self.rest_api.node.try_remove_child("Endpoint")

        for response_type, id_ in [
            (apigw.ResponseType.DEFAULT_4_XX, "Default4xx"),
            (apigw.ResponseType.DEFAULT_5_XX, "Default5xx"),
        ]:
            self.rest_api.add_gateway_response(
                id_, type=response_type, response_headers=GATEWAY_CORS_HEADERS
            )

        authorizer = apigw.CognitoUserPoolsAuthorizer(
            self,
            "Authorizer",
            cognito_user_pools=[user_pool],
            # No cache: each call checks its token, so a signed-out session
            # loses /hello when its token expires, not up to 5 minutes later
            # (the default cache). Cognito authorizers cost nothing per call.
            results_cache_ttl=Duration.seconds(0),
        )
        # Without it API Gateway accepts an ID token of any client of the
        # pool; with it, only this app's (the local stack checks the same).
        authorizer.node.default_child.identity_validation_expression = audience_expression(
            client.user_pool_client_id
        )
        # Requests without the header are refused before they cost anything
        # more (body validation is a no-op on a GET, and on for any method
        # added later).
        validator = self.rest_api.add_request_validator(
            "Validator", validate_request_body=True, validate_request_parameters=True
        )
        # The preflight OPTIONS method is a mock without authorization: a
        # browser never sends the token on a preflight.
        hello = self.rest_api.root.add_resource(
            "hello",
            default_cors_preflight_options=apigw.CorsOptions(
                allow_origins=apigw.Cors.ALL_ORIGINS,
                allow_methods=["GET", "OPTIONS"],
                allow_headers=CORS_ALLOW_HEADERS,
            ),
        )
        # Set on the method itself (not default_method_options) so it is
        # explicit which method is guarded.
        hello.add_method(
            "GET",
            apigw.LambdaIntegration(self.function),
            authorizer=authorizer,
            authorization_type=apigw.AuthorizationType.COGNITO,
            request_validator=validator,
            request_parameters={"method.request.header.Authorization": True},
        )
