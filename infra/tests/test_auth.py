"""The user pool and the browser's app client."""

import aws_cdk as cdk
from aws_cdk.assertions import Match, Template

from cognito_signin_infra.auth import PASSWORD_POLICY

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


def test_pool_is_retained_by_default_and_destroyed_on_request(template, tmp_path):
    template.has_resource("AWS::Cognito::UserPool", {"DeletionPolicy": "Retain"})
    _, stack = synth(tmp_path, removal_policy=cdk.RemovalPolicy.DESTROY)
    Template.from_stack(stack).has_resource(
        "AWS::Cognito::UserPool", {"DeletionPolicy": "Delete", "UpdateReplacePolicy": "Delete"}
    )


def test_client_is_public_with_password_and_refresh_flows_only(template):
    template.resource_count_is("AWS::Cognito::UserPoolClient", 1)
    template.has_resource_properties(
        "AWS::Cognito::UserPoolClient",
        {
            "GenerateSecret": False,
            "ExplicitAuthFlows": Match.array_equals(
                ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
            ),
            "AllowedOAuthFlowsUserPoolClient": False,
            "AllowedOAuthFlows": Match.absent(),
            "CallbackURLs": Match.absent(),
            "PreventUserExistenceErrors": "ENABLED",
        },
    )


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
