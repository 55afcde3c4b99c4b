"""The site: private bucket, CloudFront, security headers, SPA fallback and
/hello through the same origin."""

import json
import subprocess

import aws_cdk as cdk
import pytest
from aws_cdk.assertions import Template

from cognito_signin_infra.site import unhashed_assets

from .cfn import REGION, log_bucket, of_type, only, resolve, site_bucket
from .conftest import synth

# CloudFront's managed policies (fixed ids, the same in every account).
CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"
ALL_VIEWER_EXCEPT_HOST_HEADER = "b689b0a8-53d0-40ab-baf2-68738e2966ac"

EXPECTED_CSP = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
    f"connect-src 'self' https://cognito-idp.{REGION}.amazonaws.com; img-src 'self' data:; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'"
)


BLOCK_ALL = {
    "BlockPublicAcls": True,
    "BlockPublicPolicy": True,
    "IgnorePublicAcls": True,
    "RestrictPublicBuckets": True,
}


def stack_template_json(stack) -> dict:
    return Template.from_stack(stack).to_json()


def distribution_config(template_json) -> dict:
    return only(template_json, "AWS::CloudFront::Distribution")[1]["DistributionConfig"]


def hello_behavior(template_json) -> dict:
    behaviors = distribution_config(template_json).get("CacheBehaviors", [])
    matching = [b for b in behaviors if b["PathPattern"] == "/hello"]
    assert len(matching) == 1, f"expected one /hello behavior in {behaviors}"
    return matching[0]


def test_bucket_is_private_and_read_through_origin_access_control(template_json):
    bucket_id, bucket = site_bucket(template_json)
    assert bucket["PublicAccessBlockConfiguration"] == BLOCK_ALL
    assert "WebsiteConfiguration" not in bucket
    oac_id, oac = only(template_json, "AWS::CloudFront::OriginAccessControl")
    assert oac["OriginAccessControlConfig"]["OriginAccessControlOriginType"] == "s3"
    assert oac["OriginAccessControlConfig"]["SigningBehavior"] == "always"
    s3_origins = [
        o
        for o in distribution_config(template_json)["Origins"]
        if o["DomainName"] == {"Fn::GetAtt": [bucket_id, "RegionalDomainName"]}
    ]
    assert len(s3_origins) == 1
    assert s3_origins[0]["OriginAccessControlId"] == {"Fn::GetAtt": [oac_id, "Id"]}
    # Only this distribution may read the bucket.
    policies = [
        p
        for p in of_type(template_json, "AWS::S3::BucketPolicy").values()
        if p["Bucket"] == {"Ref": bucket_id}
    ]
    assert len(policies) == 1
    policy = policies[0]
    reads = [
        s
        for s in policy["PolicyDocument"]["Statement"]
        if s["Effect"] == "Allow" and "s3:GetObject" in json.dumps(s["Action"])
    ]
    assert reads and all(
        s["Principal"] == {"Service": "cloudfront.amazonaws.com"}
        and "AWS:SourceArn" in s["Condition"]["StringEquals"]
        for s in reads
    )


def test_viewers_only_get_https(template_json):
    config = distribution_config(template_json)
    assert config["DefaultCacheBehavior"]["ViewerProtocolPolicy"] == "redirect-to-https"
    for behavior in config.get("CacheBehaviors", []):
        assert behavior["ViewerProtocolPolicy"] in ("https-only", "redirect-to-https")


def headers_policies(template_json) -> dict:
    """The response headers policies by logical id."""
    policies = of_type(template_json, "AWS::CloudFront::ResponseHeadersPolicy")
    return {
        logical_id: props["ResponseHeadersPolicyConfig"] for logical_id, props in policies.items()
    }


def test_every_behavior_sends_the_security_headers(template_json):
    policies = headers_policies(template_json)
    assert len(policies) == 2
    for policy in policies.values():
        headers = policy["SecurityHeadersConfig"]
        assert resolve(headers["ContentSecurityPolicy"]["ContentSecurityPolicy"]) == EXPECTED_CSP
        assert headers["ContentSecurityPolicy"]["Override"] is True
        hsts = headers["StrictTransportSecurity"]
        assert hsts["AccessControlMaxAgeSec"] >= 31536000 and hsts["Override"] is True
        assert headers["ContentTypeOptions"] == {"Override": True}
        assert headers["FrameOptions"] == {"FrameOption": "DENY", "Override": True}
    config = distribution_config(template_json)
    for behavior in [config["DefaultCacheBehavior"], *config.get("CacheBehaviors", [])]:
        assert behavior["ResponseHeadersPolicyId"]["Ref"] in policies


def cache_control_of(template_json, behavior) -> str | None:
    policy = headers_policies(template_json)[behavior["ResponseHeadersPolicyId"]["Ref"]]
    custom = policy.get("CustomHeadersConfig", {}).get("Items", [])
    values = [h for h in custom if h["Header"].lower() == "cache-control"]
    if not values:
        return None
    assert values[0]["Override"] is True, "must replace the no-cache objects are uploaded with"
    return values[0]["Value"]


def test_hashed_assets_are_cached_for_a_year_and_the_rest_revalidated(template_json):
    config = distribution_config(template_json)
    by_pattern = {b["PathPattern"]: b for b in config.get("CacheBehaviors", [])}
    for pattern in ["*.wasm", "*.js", "*.css"]:
        behavior = by_pattern[pattern]
        assert cache_control_of(template_json, behavior) == "public, max-age=31536000, immutable"
        assert behavior["TargetOriginId"] == config["DefaultCacheBehavior"]["TargetOriginId"]
        assert behavior["ViewerProtocolPolicy"] == "redirect-to-https"
        # CloudFront compresses them (gzip or brotli) at the edge.
        assert behavior["Compress"] is True
        assert behavior["CachePolicyId"] == config["DefaultCacheBehavior"]["CachePolicyId"]
    # index.html (and so every client route) and /hello keep their own rules.
    assert cache_control_of(template_json, config["DefaultCacheBehavior"]) is None
    assert cache_control_of(template_json, hello_behavior(template_json)) is None
    deployment = only(template_json, "Custom::CDKBucketDeployment")[1]
    assert deployment["SystemMetadata"]["cache-control"] == "no-cache"


def test_only_content_hashed_names_may_be_cached_for_a_year(tmp_path):
    dist = tmp_path / "dist"
    dist.mkdir()
    for name in [
        "index.html",
        "cognito-signin-22a73f9d33a6ecbc.js",
        "cognito-signin-22a73f9d33a6ecbc_bg.wasm",
        "main-c1cf7d020a77235d.css",
        "init-7c46a8323537eb90.js",
        # The later pages' parts and their loader (`cargo xtask site`).
        "split-22a73f9d33a6ecbc.js",
        "later-22a73f9d33a6ecbc.wasm",
        "chunk2-22a73f9d33a6ecbc.wasm",
    ]:
        (dist / name).write_text("")
    assert unhashed_assets(str(dist)) == []
    (dist / "extra").mkdir()
    (dist / "extra" / "app.js").write_text("")
    (dist / "style.css").write_text("")
    assert unhashed_assets(str(dist)) == ["extra/app.js", "style.css"]
    stack_dir = tmp_path / "stack"
    stack_dir.mkdir()
    with pytest.raises(ValueError, match="extra/app.js, style.css in .* cached for a year"):
        synth(stack_dir, dist_dir=str(dist))


def test_csp_allows_no_inline_or_eval(template_json):
    for policy in headers_policies(template_json).values():
        headers = policy["SecurityHeadersConfig"]
        csp = resolve(headers["ContentSecurityPolicy"]["ContentSecurityPolicy"])
        assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp


def test_hello_goes_to_the_api_uncached_with_the_token(template_json):
    behavior = hello_behavior(template_json)
    origins = {o["Id"]: o for o in distribution_config(template_json)["Origins"]}
    origin = origins[behavior["TargetOriginId"]]
    rest_api_id, _ = only(template_json, "AWS::ApiGateway::RestApi")
    domain = json.dumps(origin["DomainName"])
    assert json.dumps({"Ref": rest_api_id}) in domain and ".execute-api." in domain
    assert origin["OriginPath"] == "/prod", "without the stage path /hello would miss the API"
    # From the API's id, not its URL, which names the stage: the stage
    # needs the authorizer and the authorizer the pool, so the pool could
    # not need the distribution's domain (passkeys' relying party).
    stage_id, _ = only(template_json, "AWS::ApiGateway::Stage")
    assert stage_id not in json.dumps(origin)
    assert origin["CustomOriginConfig"]["OriginProtocolPolicy"] == "https-only"
    assert origin["CustomOriginConfig"]["OriginSSLProtocols"] == ["TLSv1.2"]
    # Per-user answers: never cached, Authorization forwarded, Host not.
    assert behavior["CachePolicyId"] == CACHING_DISABLED
    assert behavior["OriginRequestPolicyId"] == ALL_VIEWER_EXCEPT_HOST_HEADER


def test_client_route_fallback_does_not_touch_api_errors(template_json):
    config = distribution_config(template_json)
    # Distribution-wide error pages would turn /hello's 401/403 into
    # index.html with status 200.
    assert "CustomErrorResponses" not in config
    function_id, _ = only(template_json, "AWS::CloudFront::Function")
    assert config["DefaultCacheBehavior"]["FunctionAssociations"] == [
        {"EventType": "viewer-request", "FunctionARN": {"Fn::GetAtt": [function_id, "FunctionARN"]}}
    ]
    assert "FunctionAssociations" not in hello_behavior(template_json)


def test_fallback_function_rewrites_routes_not_files(template_json):
    _, props = only(template_json, "AWS::CloudFront::Function")
    assert props["FunctionConfig"]["Runtime"] == "cloudfront-js-2.0"
    uris = ["/", "/signup", "/confirm/", "/account/settings", "/config.json", "/app-1a2b.wasm", "/assets/app.js"]
    script = props["FunctionCode"] + (
        f"\nconsole.log(JSON.stringify({json.dumps(uris)}.map("
        "u => handler({request: {uri: u}}).uri)));"
    )
    # Node runs the function's code as CloudFront would (jsii needs Node anyway).
    out = subprocess.run(["node", "-e", script], capture_output=True, text=True, check=True)
    rewritten = dict(zip(uris, json.loads(out.stdout)))
    assert rewritten == {
        "/": "/index.html",
        "/signup": "/index.html",
        "/confirm/": "/index.html",
        "/account/settings": "/index.html",
        "/config.json": "/config.json",
        "/app-1a2b.wasm": "/app-1a2b.wasm",
        "/assets/app.js": "/assets/app.js",
    }


def test_access_logs_of_cloudfront_and_s3_go_to_the_log_bucket(template_json):
    log_id, _ = log_bucket(template_json)
    _, site = site_bucket(template_json)
    assert site["LoggingConfiguration"] == {"DestinationBucketName": {"Ref": log_id}, "LogFilePrefix": "s3/"}
    assert distribution_config(template_json)["Logging"] == {
        "Bucket": {"Fn::GetAtt": [log_id, "RegionalDomainName"]},
        "Prefix": "cloudfront/",
    }


def test_log_bucket_is_private_tls_only_and_expires_its_logs(template_json):
    log_id, props = log_bucket(template_json)
    assert props["PublicAccessBlockConfiguration"] == BLOCK_ALL
    rules = props["LifecycleConfiguration"]["Rules"]
    assert [r["ExpirationInDays"] for r in rules if r["Status"] == "Enabled"] == [90]
    # CloudFront's standard logs are delivered with ACLs.
    assert props["OwnershipControls"] == {"Rules": [{"ObjectOwnership": "ObjectWriter"}]}
    [policy] = [
        p for p in of_type(template_json, "AWS::S3::BucketPolicy").values() if p["Bucket"] == {"Ref": log_id}
    ]
    statements = policy["PolicyDocument"]["Statement"]
    assert any(
        s["Effect"] == "Deny" and s["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}
        for s in statements
    )


def test_logs_are_kept_by_default_and_go_on_request(template_json, tmp_path):
    log_id, _ = log_bucket(template_json)
    assert template_json["Resources"][log_id]["DeletionPolicy"] == "Retain"
    _, stack = synth(tmp_path, removal_policy=cdk.RemovalPolicy.DESTROY)
    destroyed = stack_template_json(stack)
    log_id, _ = log_bucket(destroyed)
    assert destroyed["Resources"][log_id]["DeletionPolicy"] == "Delete"
