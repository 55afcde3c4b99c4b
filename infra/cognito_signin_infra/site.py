"""The static site: private S3 bucket behind CloudFront, plus /hello."""

from __future__ import annotations

import re
from pathlib import Path

from aws_cdk import Aws, Duration, RemovalPolicy, Stack, aws_apigateway as apigw
from aws_cdk import aws_certificatemanager as acm, aws_cloudfront as cloudfront
from aws_cdk import aws_cloudfront_origins as origins, aws_iam as iam
from aws_cdk import aws_route53 as route53, aws_route53_targets as route53_targets
from aws_cdk import aws_s3 as s3, aws_s3_deployment as s3deploy
from cdk_nag import NagPackSuppression, NagSuppressions, RegexAppliesTo
from constructs import Construct

from .api import STAGE
from .edge import hosted_zone
from .options import Domain
from .roles import function_role

SPA_FALLBACK_JS = Path(__file__).with_name("spa_fallback.js")

# trunk names the wasm, the scripts and the stylesheet after a hash of their
# content (`app-1a2b3c4d5e6f7a8b_bg.wasm`), so a deploy never changes what a
# name holds: browsers may keep them a year and skip even the revalidation a
# returning visitor would otherwise wait a round trip for. The local stack
# serves them the same way (the rule is stack-contract/src/assets.rs's
# `content_hash`). index.html and config.json stay no-cache.
IMMUTABLE_PATTERNS = ["*.wasm", "*.js", "*.css"]
IMMUTABLE = "public, max-age=31536000, immutable"
HASHED_NAME = re.compile(r"-[0-9a-f]{8,}(_bg)?\.(wasm|js|css)$")

# How long the access logs (CloudFront's and S3's) are kept.
LOG_RETENTION = Duration.days(90)


def unhashed_assets(dist_dir: str) -> list[str]:
    """Files the immutable behaviors would serve that have no content hash
    in their name: caching those for a year would pin users to an old one."""
    suffixes = tuple(p.removeprefix("*") for p in IMMUTABLE_PATTERNS)
    return sorted(
        str(path.relative_to(dist_dir))
        for path in Path(dist_dir).rglob("*")
        if path.name.endswith(suffixes) and not HASHED_NAME.search(path.name)
    )


def content_security_policy(region: str) -> str:
    """The CSP the app runs under: its own files, WebAssembly compilation,
    and fetches to its own origin (config.json, /hello) and Cognito."""
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self' 'wasm-unsafe-eval'",
            "style-src 'self'",
            f"connect-src 'self' https://cognito-idp.{region}.amazonaws.com",
            "img-src 'self' data:",
            "frame-ancestors 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "object-src 'none'",
        ]
    )


def api_origin(rest_api: apigw.RestApi) -> origins.HttpOrigin:
    """The API as CloudFront's origin, as RestApiOrigin makes it (its
    execute-api host, the stage as origin path, HTTPS only) but from the
    API's id and the stage's name alone. RestApiOrigin reads both from the
    API's URL, which names the deployed stage: the distribution would then
    need the stage, the stage the authorizer and the authorizer the user
    pool, so the pool could never need the distribution (its domain is the
    passkeys' relying party) without a dependency cycle."""
    return origins.HttpOrigin(
        f"{rest_api.rest_api_id}.execute-api.{Aws.REGION}.{Aws.URL_SUFFIX}",
        origin_path=f"/{STAGE}",
        protocol_policy=cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
    )


class Site(Construct):
    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        rest_api: apigw.RestApi,
        log_removal_policy: RemovalPolicy,
        web_acl_arn: str | None = None,
        domain: Domain | None = None,
        certificate: acm.ICertificate | None = None,
    ) -> None:
        super().__init__(scope, id)

        # CloudFront's and S3's access logs, expired after LOG_RETENTION.
        # Kept on `cdk destroy` by default (the lifecycle rule still empties
        # it); with removalPolicy=destroy it goes with the stack.
        self.log_bucket = s3.Bucket(
            self,
            "LogBucket",
            block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
            encryption=s3.BucketEncryption.S3_MANAGED,
            enforce_ssl=True,
            # CloudFront's standard logs are written with ACLs.
            object_ownership=s3.ObjectOwnership.OBJECT_WRITER,
            lifecycle_rules=[
                s3.LifecycleRule(
                    expiration=LOG_RETENTION,
                    abort_incomplete_multipart_upload_after=Duration.days(1),
                )
            ],
            removal_policy=log_removal_policy,
            auto_delete_objects=log_removal_policy == RemovalPolicy.DESTROY,
        )
        # cdk-nag's S1 (server access logs) counts a bucket that receives
        # other buckets' access logs as compliant: logging it into itself
        # would log every log delivery without end.

        # Only build output lives here, rebuilt from dist/ on every deploy, so
        # it always goes with the stack whatever the user pool's policy is.
        self.bucket = s3.Bucket(
            self,
            "Bucket",
            block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
            encryption=s3.BucketEncryption.S3_MANAGED,
            enforce_ssl=True,
            removal_policy=RemovalPolicy.DESTROY,
            auto_delete_objects=True,
            server_access_logs_bucket=self.log_bucket,
            server_access_logs_prefix="s3/",
        )

        security = cloudfront.ResponseSecurityHeadersBehavior(
            content_security_policy=cloudfront.ResponseHeadersContentSecurityPolicy(
                content_security_policy=content_security_policy(Aws.REGION),
                override=True,
            ),
            strict_transport_security=cloudfront.ResponseHeadersStrictTransportSecurity(
                access_control_max_age=Duration.days(365 * 2),
                include_subdomains=True,
                override=True,
            ),
            content_type_options=cloudfront.ResponseHeadersContentTypeOptions(override=True),
            frame_options=cloudfront.ResponseHeadersFrameOptions(
                frame_option=cloudfront.HeadersFrameOption.DENY, override=True
            ),
            referrer_policy=cloudfront.ResponseHeadersReferrerPolicy(
                referrer_policy=cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
                override=True,
            ),
        )
        headers = cloudfront.ResponseHeadersPolicy(
            self, "SecurityHeaders", security_headers_behavior=security
        )
        immutable_headers = cloudfront.ResponseHeadersPolicy(
            self,
            "ImmutableAssetHeaders",
            security_headers_behavior=security,
            # Replaces the no-cache every object is uploaded with.
            custom_headers_behavior=cloudfront.ResponseCustomHeadersBehavior(
                custom_headers=[
                    cloudfront.ResponseCustomHeader(
                        header="Cache-Control", value=IMMUTABLE, override=True
                    )
                ]
            ),
        )

        spa_fallback = cloudfront.Function(
            self,
            "SpaFallback",
            code=cloudfront.FunctionCode.from_file(file_path=str(SPA_FALLBACK_JS)),
            runtime=cloudfront.FunctionRuntime.JS_2_0,
        )

        bucket_origin = origins.S3BucketOrigin.with_origin_access_control(self.bucket)
        immutable_asset = cloudfront.BehaviorOptions(
            origin=bucket_origin,
            viewer_protocol_policy=cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
            cache_policy=cloudfront.CachePolicy.CACHING_OPTIMIZED,
            response_headers_policy=immutable_headers,
        )
        self.distribution = cloudfront.Distribution(
            self,
            "Distribution",
            default_root_object="index.html",
            default_behavior=cloudfront.BehaviorOptions(
                origin=bucket_origin,
                viewer_protocol_policy=cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
                cache_policy=cloudfront.CachePolicy.CACHING_OPTIMIZED,
                response_headers_policy=headers,
                function_associations=[
                    cloudfront.FunctionAssociation(
                        function=spa_fallback,
                        event_type=cloudfront.FunctionEventType.VIEWER_REQUEST,
                    )
                ],
            ),
            # /hello through the same origin: no CORS preflight before each
            # call, and the CSP's connect-src needs no API host.
            additional_behaviors={
                "/hello": cloudfront.BehaviorOptions(
                    # The stage as origin path: /hello -> /prod/hello.
                    origin=api_origin(rest_api),
                    viewer_protocol_policy=cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
                    allowed_methods=cloudfront.AllowedMethods.ALLOW_GET_HEAD_OPTIONS,
                    # Per-user answers are never cached. With caching off,
                    # this managed policy forwards Authorization; Host must
                    # not be forwarded or API Gateway answers 403.
                    cache_policy=cloudfront.CachePolicy.CACHING_DISABLED,
                    origin_request_policy=cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
                    response_headers_policy=headers,
                ),
                **{pattern: immutable_asset for pattern in IMMUTABLE_PATTERNS},
            },
            http_version=cloudfront.HttpVersion.HTTP2_AND_3,
            enable_logging=True,
            log_bucket=self.log_bucket,
            log_file_prefix="cloudfront/",
            web_acl_id=web_acl_arn,
            **(
                dict(
                    domain_names=[domain.name],
                    certificate=certificate,
                    minimum_protocol_version=cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
                    ssl_support_method=cloudfront.SSLMethod.SNI,
                )
                if domain
                else {}
            ),
        )
        # The site's host name: the passkeys' relying party, and the URL's.
        self.domain_name = domain.name if domain else self.distribution.distribution_domain_name
        self.url = f"https://{self.domain_name}"

        zone = hosted_zone(self, domain) if domain else None
        if zone is not None:
            target = route53.RecordTarget.from_alias(
                route53_targets.CloudFrontTarget(self.distribution)
            )
            route53.ARecord(self, "AliasA", zone=zone, record_name=domain.name, target=target)
            route53.AaaaRecord(
                self, "AliasAaaa", zone=zone, record_name=domain.name, target=target
            )

        acknowledged = [
            NagPackSuppression(
                id="AwsSolutions-CFR1",
                reason="The site is for anyone, anywhere: no country is to be refused.",
            )
        ]
        if web_acl_arn is None:
            acknowledged.append(
                NagPackSuppression(
                    id="AwsSolutions-CFR2",
                    reason="A web ACL costs a monthly fee plus a per-request charge, so it "
                    "is the waf option (off by default); without it the files are static "
                    "and /hello is throttled at the stage.",
                )
            )
        if domain is None:
            acknowledged.append(
                NagPackSuppression(
                    id="AwsSolutions-CFR4",
                    reason="The default *.cloudfront.net certificate takes no security "
                    "policy; the TLSv1.2_2021 policy comes with the domainName option "
                    "and its certificate.",
                )
            )
        NagSuppressions.add_resource_suppressions(
            self.distribution.node.default_child, acknowledged
        )

    def deploy(self, *, dist_dir: str, config: dict) -> s3deploy.BucketDeployment:
        """Uploads dist/ and config.json in one deployment: pruning then
        deletes stale files but keeps both, and the invalidation covers both."""
        unhashed = unhashed_assets(dist_dir)
        if unhashed:
            raise ValueError(
                f"{', '.join(unhashed)} in {dist_dir} would be cached for a year "
                "without a content hash in the name: build the site with "
                "`cargo xtask site`"
            )
        # BucketDeployment adds its S3 and CloudFront grants to this role
        # itself.
        role, logs_group = function_role(
            self, "Deployment", "BucketDeployment: uploads the site, invalidates CloudFront"
        )
        deployment = s3deploy.BucketDeployment(
            self,
            "Deployment",
            role=role,
            log_group=logs_group,
            destination_bucket=self.bucket,
            sources=[
                s3deploy.Source.asset(dist_dir),
                s3deploy.Source.json_data("config.json", config),
            ],
            # Browsers revalidate (cheap 304s) instead of keeping an old
            # index.html or config.json after a deploy.
            cache_control=[s3deploy.CacheControl.no_cache()],
            distribution=self.distribution,
            distribution_paths=["/*"],
            # The awscli layer unpacks and syncs the whole site in memory.
            memory_limit=512,
        )
        self._acknowledge_deployment(role)
        return deployment

    def _acknowledge_deployment(self, role: iam.Role) -> None:
        """What cdk-nag finds in BucketDeployment's own grants and function,
        which aws-cdk-lib writes and keeps up to date, each with its reason."""
        stack = Stack.of(self)
        site_bucket = stack.get_logical_id(self.bucket.node.default_child)
        NagSuppressions.add_resource_suppressions(
            role.node.find_child("DefaultPolicy").node.default_child,
            [
                NagPackSuppression(
                    id="AwsSolutions-IAM5",
                    reason="BucketDeployment's read grant on its source: the zipped "
                    "assets in the CDK bootstrap bucket, whose object names are "
                    "content hashes known only at deploy time.",
                    applies_to=[
                        "Action::s3:GetBucket*",
                        "Action::s3:GetObject*",
                        "Action::s3:List*",
                        RegexAppliesTo(
                            # Account and region are tokens, or literals
                            # in a stack with an explicit environment.
                            regex=r"/^Resource::arn:(<AWS::Partition>|aws[a-z-]*):s3:::"
                            r"cdk-[a-z0-9]+-assets-(<AWS::AccountId>|\d{12})-"
                            r"(<AWS::Region>|[a-z0-9-]+)\/\*$/g"
                        ),
                    ],
                ),
                NagPackSuppression(
                    id="AwsSolutions-IAM5",
                    reason="BucketDeployment's read-write grant on the site bucket only: "
                    "it syncs every object there and prunes stale ones.",
                    applies_to=[
                        "Action::s3:Abort*",
                        "Action::s3:DeleteObject*",
                        f"Resource::<{site_bucket}.Arn>/*",
                    ],
                ),
                NagPackSuppression(
                    id="AwsSolutions-IAM5",
                    reason="cloudfront:CreateInvalidation and GetInvalidation, which "
                    "BucketDeployment grants on * and calls for this stack's "
                    "distribution only (the one id it is given).",
                    applies_to=["Resource::*"],
                ),
            ],
        )
        handlers = [
            child
            for child in stack.node.children
            if child.node.id.startswith("Custom::CDKBucketDeployment")
        ]
        for handler in handlers:
            NagSuppressions.add_resource_suppressions(
                handler.node.default_child,
                [
                    NagPackSuppression(
                        id="AwsSolutions-L1",
                        reason="BucketDeployment's function: aws-cdk-lib picks its Python "
                        "runtime (it cannot be set) and moves it forward in its releases, "
                        "which requirements.txt pins.",
                    )
                ],
            )
