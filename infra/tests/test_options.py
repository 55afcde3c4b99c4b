"""The options that cost money, each off by default and each a context flag
(`cdk deploy -c waf=true`...), synthesized through app.py's own build."""

import json
import subprocess
import sys
from pathlib import Path

import aws_cdk as cdk
import pytest

import app as app_py
from cognito_signin_infra.edge import MANAGED_RULE_GROUPS, RATE_LIMIT_PER_IP

from .cfn import of_type, only
from .conftest import INFRA, synth_app
from .nag import check

DOMAIN = "signin.example.com"
ZONE = {"hostedZoneId": "Z0123456789ABCDEFGHIJ", "hostedZoneName": "example.com"}


def templates(app) -> dict[str, dict]:
    """Every stack's template in the synthesized assembly, by stack name."""
    assembly = app.synth()
    return {stack.stack_name: stack.template for stack in assembly.stacks}


def assert_nag_and_lint_clean(app):
    """cdk-nag and cfn-lint over every stack; returns the nag result and
    the templates by stack name."""
    result = check(app)
    failing = result.failing()
    assert not failing, "unresolved cdk-nag findings:\n" + "\n".join(map(str, failing))
    assert result.synth_error is None
    assembly = app.synth()
    cfn_lint = Path(sys.executable).parent / "cfn-lint"
    paths = [stack.template_full_path for stack in assembly.stacks]
    lint = subprocess.run(
        [str(cfn_lint), "--config-file", str(INFRA / ".cfnlintrc.yaml"), *paths],
        capture_output=True,
        text=True,
    )
    assert lint.returncode == 0, lint.stdout + lint.stderr
    return result, {stack.stack_name: stack.template for stack in assembly.stacks}


def distribution_config(template) -> dict:
    return only(template, "AWS::CloudFront::Distribution")[1]["DistributionConfig"]


def from_edge(template, reference) -> dict:
    """The edge stack's output a cross-region reference reads."""
    assert set(reference) == {"Fn::GetStackOutput"}, reference
    output = reference["Fn::GetStackOutput"]
    assert output["StackName"] == "CognitoSigninEdge" and output["Region"] == "us-east-1"
    return template["Outputs"][output["OutputName"]]["Value"]


def test_by_default_one_environment_agnostic_stack_with_no_paid_option(tmp_path, app_env):
    app = synth_app(tmp_path)
    assembly = app.synth()
    assert [s.stack_name for s in assembly.stacks] == ["CognitoSignin"]
    stack = assembly.get_stack_by_name("CognitoSignin")
    assert stack.environment.region == "unknown-region"
    template = stack.template
    config = distribution_config(template)
    assert "WebACLId" not in config and "Aliases" not in config
    _, pool = only(template, "AWS::Cognito::UserPool")
    assert "UserPoolAddOns" not in pool and pool.get("UserPoolTier") != "PLUS"


def test_waf_puts_a_rate_limit_and_managed_rules_on_cloudfront(tmp_path, app_env):
    result, stacks = assert_nag_and_lint_clean(synth_app(tmp_path, waf="true"))
    edge = stacks["CognitoSigninEdge"]
    acl_id, acl = only(edge, "AWS::WAFv2::WebACL")
    assert acl["Scope"] == "CLOUDFRONT" and acl["DefaultAction"] == {"Allow": {}}
    rules = sorted(acl["Rules"], key=lambda r: r["Priority"])
    rate = rules[0]["Statement"]["RateBasedStatement"]
    assert rules[0]["Action"] == {"Block": {}}
    assert rate["AggregateKeyType"] == "IP" and rate["Limit"] == RATE_LIMIT_PER_IP
    managed = [r["Statement"]["ManagedRuleGroupStatement"] for r in rules[1:]]
    assert [(m["VendorName"], m["Name"]) for m in managed] == [
        ("AWS", name) for name in MANAGED_RULE_GROUPS
    ]
    assert all(r["OverrideAction"] == {"None": {}} for r in rules[1:])
    web_acl = distribution_config(stacks["CognitoSignin"])["WebACLId"]
    assert from_edge(edge, web_acl) == {"Fn::GetAtt": [acl_id, "Arn"]}
    assert result.compliance("AwsSolutions-CFR2", "CognitoSignin/Site/Distribution/Resource") == "Compliant"


def test_threat_protection_puts_the_pool_on_plus_enforced(tmp_path, app_env):
    result, stacks = assert_nag_and_lint_clean(synth_app(tmp_path, threatProtection="true"))
    assert list(stacks) == ["CognitoSignin"]  # nothing in us-east-1
    _, pool = only(stacks["CognitoSignin"], "AWS::Cognito::UserPool")
    assert pool["UserPoolTier"] == "PLUS"
    assert pool["UserPoolAddOns"] == {"AdvancedSecurityMode": "ENFORCED"}
    # Plus keeps choice-based sign-in.
    assert pool["Policies"]["SignInPolicy"]["AllowedFirstAuthFactors"] == [
        "PASSWORD",
        "EMAIL_OTP",
        "WEB_AUTHN",
    ]
    assert result.compliance("AwsSolutions-COG8", "CognitoSignin/Auth/UserPool/Resource") == "Compliant"


def test_domain_brings_its_certificate_records_and_tls_1_2_2021(tmp_path, app_env):
    result, stacks = assert_nag_and_lint_clean(
        synth_app(tmp_path, domainName=DOMAIN, **ZONE)
    )
    edge, main = stacks["CognitoSigninEdge"], stacks["CognitoSignin"]
    cert_id, cert = only(edge, "AWS::CertificateManager::Certificate")
    assert cert["DomainName"] == DOMAIN and cert["ValidationMethod"] == "DNS"
    assert cert["DomainValidationOptions"] == [
        {"DomainName": DOMAIN, "HostedZoneId": ZONE["hostedZoneId"]}
    ]
    config = distribution_config(main)
    assert config["Aliases"] == [DOMAIN]
    viewer = config["ViewerCertificate"]
    assert viewer["MinimumProtocolVersion"] == "TLSv1.2_2021"
    assert viewer["SslSupportMethod"] == "sni-only"
    assert from_edge(edge, viewer["AcmCertificateArn"]) == {"Ref": cert_id}
    records = of_type(main, "AWS::Route53::RecordSet").values()
    assert sorted(r["Type"] for r in records) == ["A", "AAAA"]
    assert all(
        r["Name"] == DOMAIN + "." and r["HostedZoneId"] == ZONE["hostedZoneId"] for r in records
    )
    assert main["Outputs"]["SiteUrl"]["Value"] == f"https://{DOMAIN}"
    # Passkeys belong to the domain the site is served on, not CloudFront's.
    _, pool = only(main, "AWS::Cognito::UserPool")
    assert pool["WebAuthnRelyingPartyID"] == DOMAIN
    assert result.compliance("AwsSolutions-CFR4", "CognitoSignin/Site/Distribution/Resource") == "Compliant"


def test_domain_without_a_zone_leaves_dns_to_the_reader(tmp_path, app_env):
    stacks = templates(synth_app(tmp_path, domainName=DOMAIN))
    _, cert = only(stacks["CognitoSigninEdge"], "AWS::CertificateManager::Certificate")
    assert cert["ValidationMethod"] == "DNS"
    assert "HostedZoneId" not in json.dumps(cert.get("DomainValidationOptions", []))
    main = stacks["CognitoSignin"]
    assert not of_type(main, "AWS::Route53::RecordSet")
    distribution_id, _ = only(main, "AWS::CloudFront::Distribution")
    assert main["Outputs"]["DistributionDomainName"]["Value"] == {
        "Fn::GetAtt": [distribution_id, "DomainName"]
    }


def test_functions_concurrency_can_be_left_unreserved(tmp_path, app_env):
    stacks = templates(synth_app(tmp_path, functionConcurrency="none"))
    functions = of_type(stacks["CognitoSignin"], "AWS::Lambda::Function")
    hello = [f for f in functions.values() if f.get("Runtime") == "provided.al2023"]
    assert len(hello) == 1 and "ReservedConcurrentExecutions" not in hello[0]


@pytest.mark.parametrize(
    "context, message",
    [
        ({"waf": "yes"}, "waf must be true or false"),
        ({"threatProtection": "on"}, "threatProtection must be true or false"),
        ({"functionConcurrency": "0"}, "functionConcurrency must be a positive number"),
        ({"hostedZoneId": "Z1"}, "hostedZoneId and hostedZoneName go together"),
        ({"domainName": DOMAIN, "hostedZoneId": "Z1"}, "go together"),
    ],
)
def test_wrong_option_values_stop_the_synth(tmp_path, app_env, context, message):
    with pytest.raises(SystemExit, match=message):
        synth_app(tmp_path, **context)


def test_edge_options_need_the_account_and_region(tmp_path, app_env, monkeypatch):
    monkeypatch.delenv("CDK_DEFAULT_REGION")
    with pytest.raises(SystemExit, match="CDK_DEFAULT_REGION"):
        synth_app(tmp_path, waf="true")


def test_flags_accept_what_the_cli_and_cdk_json_pass():
    for value, expected in [
        ("true", True),
        ("TRUE", True),
        ("1", True),
        (True, True),
        ("false", False),
        ("0", False),
        (False, False),
    ]:
        assert app_py.flag(cdk.App(context={"waf": value}), "waf", "SITE_WAF") is expected
