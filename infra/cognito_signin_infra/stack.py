"""The whole product in one stack: sign-in, hello API and the site."""

from aws_cdk import Aws, CfnOutput, RemovalPolicy, Stack, aws_lambda as lambda_
from constructs import Construct

from .api import HelloApi
from .auth import PASSWORD_POLICY, Auth
from .site import Site


def hello_lambda_code(lambda_dir: str) -> lambda_.Code:
    """The `bootstrap` binary in lambda_dir as the function's code.

    lambda_dir is typically cargo's target/x86_64-unknown-linux-musl/release,
    which also holds deps/, build/ and more: only bootstrap is packaged."""
    return lambda_.Code.from_asset(lambda_dir, exclude=["*", "!bootstrap"])


class CognitoSigninStack(Stack):
    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        dist_dir: str,
        lambda_dir: str,
        removal_policy: RemovalPolicy,
        **kwargs,
    ) -> None:
        super().__init__(scope, id, **kwargs)

        auth = Auth(self, "Auth", removal_policy=removal_policy)
        api = HelloApi(
            self, "Api", user_pool=auth.user_pool, lambda_code=hello_lambda_code(lambda_dir)
        )
        site = Site(self, "Site", rest_api=api.rest_api)
        site_url = f"https://{site.distribution.distribution_domain_name}"

        # What the app reads at start (see src/config.rs). The API is reached
        # through the site's own origin, so apiUrl is the site URL.
        site.deploy(
            dist_dir=dist_dir,
            config={
                "region": Aws.REGION,
                "userPoolId": auth.user_pool.user_pool_id,
                "userPoolClientId": auth.client.user_pool_client_id,
                "apiUrl": site_url,
                "passwordPolicy": PASSWORD_POLICY,
            },
        )

        CfnOutput(self, "UserPoolId", value=auth.user_pool.user_pool_id)
        CfnOutput(self, "UserPoolClientId", value=auth.client.user_pool_client_id)
        # Exported under the name the original example's README looks up.
        CfnOutput(
            self,
            "ApiGatewayRestApiEndpoint",
            value=api.rest_api.url,
            export_name="ApiGatewayRestApiEndpoint",
        )
        CfnOutput(self, "SiteUrl", value=site_url)
