"""The whole product in one stack: sign-in, hello API and the site."""

from __future__ import annotations

from aws_cdk import Aws, CfnOutput, RemovalPolicy, Stack, aws_lambda as lambda_
from constructs import Construct

from .api import HelloApi
from .auth import FIRST_AUTH_FACTORS, PASSWORD_POLICY, Auth
from .edge import EdgeStack
from .options import Options
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
        options: Options = Options(),
        edge: EdgeStack | None = None,
        **kwargs,
    ) -> None:
        if options.needs_edge_stack and edge is None:
            raise ValueError("the waf and domain options need the us-east-1 EdgeStack")
        # The web ACL and certificate come from us-east-1 (edge).
        super().__init__(scope, id, cross_region_references=edge is not None, **kwargs)

        auth = Auth(
            self,
            "Auth",
            removal_policy=removal_policy,
            threat_protection=options.threat_protection,
        )
        api = HelloApi(
            self,
            "Api",
            user_pool=auth.user_pool,
            client=auth.client,
            lambda_code=hello_lambda_code(lambda_dir),
            reserved_concurrency=options.reserved_concurrency,
            log_removal_policy=removal_policy,
        )
        site = Site(
            self,
            "Site",
            rest_api=api.rest_api,
            log_removal_policy=removal_policy,
            web_acl_arn=edge.web_acl.attr_arn if edge and edge.web_acl else None,
            domain=options.domain,
            certificate=edge.certificate if edge else None,
        )
        site_url = site.url
        auth.set_passkey_relying_party(site.domain_name)

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
                # The client rotates refresh tokens: the app refreshes with
                # GetTokensFromRefreshToken and keeps the new refresh token
                # (REFRESH_TOKEN_AUTH is refused).
                "refreshTokenRotation": auth.refresh_token_rotation,
                # The client has ALLOW_USER_AUTH: sign-in asks for the
                # identifier, then offers the person's ways among these.
                "firstAuthFactors": list(FIRST_AUTH_FACTORS),
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
        if options.domain is not None:
            # Where the domain's CNAME (or alias) points.
            CfnOutput(
                self,
                "DistributionDomainName",
                value=site.distribution.distribution_domain_name,
            )
