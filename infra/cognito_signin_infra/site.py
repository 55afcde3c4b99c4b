"""The static site: private S3 bucket behind CloudFront, plus /hello."""

import re
from pathlib import Path

from aws_cdk import Aws, Duration, RemovalPolicy, aws_apigateway as apigw
from aws_cdk import aws_cloudfront as cloudfront, aws_cloudfront_origins as origins
from aws_cdk import aws_s3 as s3, aws_s3_deployment as s3deploy
from constructs import Construct

SPA_FALLBACK_JS = Path(__file__).with_name("spa_fallback.js")

# trunk names the wasm, the scripts and the stylesheet after a hash of their
# content (`app-1a2b3c4d5e6f7a8b_bg.wasm`), so a deploy never changes what a
# name holds: browsers may keep them a year and skip even the revalidation a
# returning visitor would otherwise wait a round trip for. The local stack
# serves them the same way. index.html and config.json stay no-cache.
IMMUTABLE_PATTERNS = ["*.wasm", "*.js", "*.css"]
IMMUTABLE = "public, max-age=31536000, immutable"
HASHED_NAME = re.compile(r"-[0-9a-f]{8,}(_bg)?\.(wasm|js|css)$")


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


class Site(Construct):
    def __init__(self, scope: Construct, id: str, *, rest_api: apigw.RestApi) -> None:
        super().__init__(scope, id)

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
                    # Adds the stage as origin path: /hello -> /prod/hello.
                    origin=origins.RestApiOrigin(rest_api),
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
        return s3deploy.BucketDeployment(
            self,
            "Deployment",
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
