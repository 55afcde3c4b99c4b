"""One BucketDeployment uploads dist/ and the generated config.json."""

import json

from cognito_signin_infra.auth import PASSWORD_POLICY

from .cfn import REGION, only, resolve, site_bucket


def deployment(template_json) -> dict:
    return only(template_json, "Custom::CDKBucketDeployment")[1]


def config_json(template_json, assembly_dir) -> dict:
    """config.json as the deployment writes it: the staged file with the
    stack's tokens (markers) put back in."""
    props = deployment(template_json)
    sources = [
        (key.removesuffix(".zip"), markers)
        for key, markers in zip(props["SourceObjectKeys"], props["SourceMarkers"])
        if (assembly_dir / f"asset.{key.removesuffix('.zip')}" / "config.json").is_file()
    ]
    assert len(sources) == 1, "config.json must be one of the deployment's sources"
    asset, markers = sources[0]
    text = (assembly_dir / f"asset.{asset}" / "config.json").read_text()
    for marker, value in markers.items():
        text = text.replace(marker, resolve(value))
    return json.loads(text)


def test_site_and_config_share_one_pruning_deployment(template_json, assembly_dir):
    props = deployment(template_json)
    assert props["Prune"] is True
    assert len(props["SourceObjectKeys"]) == 2
    keys = [k.removesuffix(".zip") for k in props["SourceObjectKeys"]]
    contents = [sorted(p.name for p in (assembly_dir / f"asset.{k}").iterdir()) for k in keys]
    assert ["index.html"] in contents and ["config.json"] in contents
    bucket_id, _ = site_bucket(template_json)
    assert props["DestinationBucketName"] == {"Ref": bucket_id}
    distribution_id, _ = only(template_json, "AWS::CloudFront::Distribution")
    assert props["DistributionId"] == {"Ref": distribution_id}
    assert props["DistributionPaths"] == ["/*"]


def test_config_json_comes_from_the_stacks_own_values(template_json, assembly_dir):
    pool_id, _ = only(template_json, "AWS::Cognito::UserPool")
    client_id, _ = only(template_json, "AWS::Cognito::UserPoolClient")
    distribution_id, _ = only(template_json, "AWS::CloudFront::Distribution")
    assert config_json(template_json, assembly_dir) == {
        "region": REGION,
        "userPoolId": f"<Ref:{pool_id}>",
        "userPoolClientId": f"<Ref:{client_id}>",
        # /hello is served through the site's origin.
        "apiUrl": f"https://<{distribution_id}.DomainName>",
        "passwordPolicy": {
            "minimumLength": 8,
            "requireLowercase": True,
            "requireUppercase": True,
            "requireNumbers": True,
            "requireSymbols": True,
        },
        "refreshTokenRotation": True,
        "firstAuthFactors": ["PASSWORD", "EMAIL_OTP", "WEB_AUTHN"],
    }


def test_config_password_policy_matches_the_pool(template_json, assembly_dir):
    _, pool = only(template_json, "AWS::Cognito::UserPool")
    pool_policy = pool["Policies"]["PasswordPolicy"]
    config_policy = config_json(template_json, assembly_dir)["passwordPolicy"]
    assert config_policy == PASSWORD_POLICY
    assert {k[0].upper() + k[1:]: v for k, v in config_policy.items()} == pool_policy


def test_config_says_whether_the_client_rotates_refresh_tokens(template_json, assembly_dir):
    # The app refreshes with GetTokensFromRefreshToken when it is true
    # (REFRESH_TOKEN_AUTH is refused then), so it must follow the client.
    _, client = only(template_json, "AWS::Cognito::UserPoolClient")
    rotates = client.get("RefreshTokenRotation", {}).get("Feature") == "ENABLED"
    assert config_json(template_json, assembly_dir)["refreshTokenRotation"] is rotates is True


def test_config_offers_the_ways_in_the_pool_allows(template_json, assembly_dir):
    # The app offers these ways after the identifier, so they must be the
    # pool's own, and the client must take USER_AUTH.
    _, pool = only(template_json, "AWS::Cognito::UserPool")
    allowed = pool["Policies"]["SignInPolicy"]["AllowedFirstAuthFactors"]
    offered = config_json(template_json, assembly_dir)["firstAuthFactors"]
    assert sorted(offered) == sorted(allowed)
    _, client = only(template_json, "AWS::Cognito::UserPoolClient")
    assert "ALLOW_USER_AUTH" in client["ExplicitAuthFlows"]
