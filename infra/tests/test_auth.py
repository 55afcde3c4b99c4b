"""The user pool and the browser's app client."""

import aws_cdk as cdk
from aws_cdk.assertions import Match, Template

from cognito_signin_infra.auth import PASSWORD_POLICY, REFRESH_TOKEN_ROTATION_GRACE

from .cfn import only
from .conftest import synth

# The local stack's pool (and the app's default checklist) use these rules.
LOCAL_STACK_POLICY = {
    "MinimumLength": 8,
    "RequireLowercase": True,
    "RequireUppercase": True,
    "RequireNumbers": True,
    "RequireSymbols": True,
}


def test_pool_has_self_sign_up_email_username_and_email_recovery(template):
    template.has_resource_properties(
        "AWS::Cognito::UserPool",
        {
            "AdminCreateUserConfig": {"AllowAdminCreateUserOnly": False},
            "UsernameAttributes": ["email"],
            "AutoVerifiedAttributes": ["email"],
            "AccountRecoverySetting": {
                "RecoveryMechanisms": [{"Name": "verified_email", "Priority": 1}]
            },
        },
    )


def test_pool_password_policy_is_the_local_stacks(template):
    template.has_resource_properties(
        "AWS::Cognito::UserPool",
        {"Policies": {"PasswordPolicy": Match.object_equals(LOCAL_STACK_POLICY)}},
    )
    # config.json is built from PASSWORD_POLICY: it must say the same.
    assert {k[0].upper() + k[1:]: v for k, v in PASSWORD_POLICY.items()} == LOCAL_STACK_POLICY


def test_pool_offers_optional_two_step_sign_in_with_an_app_only(template):
    # As the local stack seeds it: MFA optional, TOTP only.
    template.has_resource_properties(
        "AWS::Cognito::UserPool",
        {"MfaConfiguration": "OPTIONAL", "EnabledMfas": ["SOFTWARE_TOKEN_MFA"]},
    )


def test_pool_is_on_the_essentials_plan(template):
    # Choice-based sign-in needs Essentials or Plus; Lite would refuse the
    # sign-in policy below.
    template.has_resource_properties("AWS::Cognito::UserPool", {"UserPoolTier": "ESSENTIALS"})


def test_pool_offers_a_password_an_email_code_or_a_passkey_first(template):
    template.has_resource_properties(
        "AWS::Cognito::UserPool",
        {
            "Policies": {
                "SignInPolicy": {
                    "AllowedFirstAuthFactors": Match.array_equals(
                        ["PASSWORD", "EMAIL_OTP", "WEB_AUTHN"]
                    )
                }
            },
            # Codes by email go through Cognito's own sender, as sign-up's
            # do; no SMS (it would need an SNS role and a sending budget).
            "EmailConfiguration": Match.absent(),
            "SmsConfiguration": Match.absent(),
        },
    )


def test_passkeys_are_bound_to_the_sites_domain_and_verify_the_person(template_json):
    _, pool = only(template_json, "AWS::Cognito::UserPool")
    distribution_id, _ = only(template_json, "AWS::CloudFront::Distribution")
    # The site's host, d123.cloudfront.net (the domain option's test
    # checks a custom domain): the same value SiteUrl is made of.
    relying_party = {"Fn::GetAtt": [distribution_id, "DomainName"]}
    assert pool["WebAuthnRelyingPartyID"] == relying_party
    site_url = template_json["Outputs"]["SiteUrl"]["Value"]
    assert site_url == {"Fn::Join": ["", ["https://", relying_party]]}
    assert pool["WebAuthnUserVerification"] == "required"


def test_pool_is_retained_by_default_and_destroyed_on_request(template, tmp_path):
    template.has_resource("AWS::Cognito::UserPool", {"DeletionPolicy": "Retain"})
    _, stack = synth(tmp_path, removal_policy=cdk.RemovalPolicy.DESTROY)
    Template.from_stack(stack).has_resource(
        "AWS::Cognito::UserPool", {"DeletionPolicy": "Delete", "UpdateReplacePolicy": "Delete"}
    )


def test_client_is_public_with_choice_based_and_password_flows_only(template):
    template.resource_count_is("AWS::Cognito::UserPoolClient", 1)
    template.has_resource_properties(
        "AWS::Cognito::UserPoolClient",
        {
            "GenerateSecret": False,
            # No ALLOW_REFRESH_TOKEN_AUTH: rotation refuses it (below).
            "ExplicitAuthFlows": Match.array_equals(
                ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_AUTH"]
            ),
            "AllowedOAuthFlowsUserPoolClient": False,
            "AllowedOAuthFlows": Match.absent(),
            "CallbackURLs": Match.absent(),
            "PreventUserExistenceErrors": "ENABLED",
        },
    )


def test_client_rotates_refresh_tokens_with_a_ten_second_grace(template_json):
    _, client = only(template_json, "AWS::Cognito::UserPoolClient")
    # As the local stack's essentials client: a retry of a lost refresh
    # may reuse the old token for 10 s, then it is refused.
    assert client["RefreshTokenRotation"] == {"Feature": "ENABLED", "RetryGracePeriodSeconds": 10}
    assert REFRESH_TOKEN_ROTATION_GRACE.to_seconds() == 10
    assert "ALLOW_REFRESH_TOKEN_AUTH" not in client["ExplicitAuthFlows"]


def seconds(client: dict, token: str) -> int:
    """A token validity of the client in seconds (Cognito takes units)."""
    unit = client.get("TokenValidityUnits", {}).get(token, "hours" if token != "RefreshToken" else "days")
    factor = {"seconds": 1, "minutes": 60, "hours": 3600, "days": 86400}[unit]
    return client[f"{token}Validity"] * factor


def test_sessions_last_a_week_and_tokens_a_quarter_hour(template_json):
    _, client = only(template_json, "AWS::Cognito::UserPoolClient")
    # Cognito's default refresh token lives 30 days.
    assert seconds(client, "RefreshToken") == 7 * 86400
    # How long /hello still answers after "sign out everywhere", at most.
    assert seconds(client, "IdToken") == 15 * 60
    assert seconds(client, "AccessToken") == 15 * 60
    assert client["EnableTokenRevocation"] is True


def test_retained_pool_is_protected_from_deletion_and_a_destroyable_one_not(template, tmp_path):
    template.has_resource_properties("AWS::Cognito::UserPool", {"DeletionProtection": "ACTIVE"})
    _, stack = synth(tmp_path, removal_policy=cdk.RemovalPolicy.DESTROY)
    # Otherwise `cdk destroy` would fail on the pool.
    Template.from_stack(stack).has_resource_properties(
        "AWS::Cognito::UserPool", {"DeletionProtection": "INACTIVE"}
    )
