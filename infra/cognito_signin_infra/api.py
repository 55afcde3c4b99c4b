"""The REST API: GET /hello behind a Cognito authorizer, served by Rust."""

from aws_cdk import Duration, RemovalPolicy, aws_apigateway as apigw, aws_cognito as cognito
from aws_cdk import aws_lambda as lambda_, aws_logs as logs
from constructs import Construct

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


class HelloApi(Construct):
    def __init__(
        self, scope: Construct, id: str, *, user_pool: cognito.IUserPool, lambda_code: lambda_.Code
    ) -> None:
        super().__init__(scope, id)

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
            # An explicit group so its logs expire and go with the stack.
            log_group=logs.LogGroup(
                self,
                "HelloLogs",
                retention=logs.RetentionDays.ONE_MONTH,
                removal_policy=RemovalPolicy.DESTROY,
            ),
        )

        self.rest_api = apigw.RestApi(
            self,
            "RestApi",
            rest_api_name="cognito-signin-hello",
            # Regional: CloudFront already fronts it; an edge-optimized API
            # would put a second CloudFront in the path.
            endpoint_types=[apigw.EndpointType.REGIONAL],
            deploy_options=apigw.StageOptions(stage_name=STAGE),
            # No account-wide logging role created by (and tied to) this stack.
            cloud_watch_role=False,
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
            self, "Authorizer", cognito_user_pools=[user_pool]
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
        )
