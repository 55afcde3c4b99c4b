"""cdk-nag's AwsSolutions checks: every finding is fixed or acknowledged in
code with its reason (infra/README.md lists them rule by rule)."""

import re

import pytest
from aws_cdk import aws_s3 as s3

from .conftest import synth_app
from .nag import check

# Acknowledged findings on the default stack, as (rule, construct path).
# Adding one means giving its reason in code and in the README.
ACKNOWLEDGED = {
    ("AwsSolutions-COG2", "CognitoSignin/Auth/UserPool/Resource"),
    ("AwsSolutions-COG8", "CognitoSignin/Auth/UserPool/Resource"),
    ("AwsSolutions-IAM4", "CognitoSignin/Api/RestApi/CloudWatchRole/Resource"),
    ("AwsSolutions-APIG3", "CognitoSignin/Api/RestApi/DeploymentStage.prod/Resource"),
    ("AwsSolutions-CFR1", "CognitoSignin/Site/Distribution/Resource"),
    ("AwsSolutions-CFR2", "CognitoSignin/Site/Distribution/Resource"),
    ("AwsSolutions-CFR4", "CognitoSignin/Site/Distribution/Resource"),
    ("AwsSolutions-IAM5", "CognitoSignin/Site/DeploymentRole/DefaultPolicy/Resource"),
    ("AwsSolutions-L1", "CognitoSignin/Custom::CDKBucketDeployment/Resource"),
}

# Found before and fixed since: these must pass, not be acknowledged.
FIXED = [
    ("AwsSolutions-APIG1", "CognitoSignin/Api/RestApi/DeploymentStage.prod/Resource"),
    ("AwsSolutions-APIG6", "CognitoSignin/Api/RestApi/DeploymentStage.prod/Resource"),
    ("AwsSolutions-APIG2", "CognitoSignin/Api/RestApi/Resource"),
    ("AwsSolutions-IAM4", "CognitoSignin/Api/HelloRole/Resource"),
    ("AwsSolutions-IAM4", "CognitoSignin/Site/DeploymentRole/Resource"),
    ("AwsSolutions-IAM5", "CognitoSignin/Api/HelloRole/DefaultPolicy/Resource"),
    ("AwsSolutions-S1", "CognitoSignin/Site/Bucket/Resource"),
    ("AwsSolutions-S1", "CognitoSignin/Site/LogBucket/Resource"),
    ("AwsSolutions-CFR3", "CognitoSignin/Site/Distribution/Resource"),
]


def short_path(path: str) -> str:
    # BucketDeployment's function is named after a hash of its settings.
    return re.sub(r"Custom::CDKBucketDeployment[0-9A-Fa-f]+[0-9]+MiB", "Custom::CDKBucketDeployment", path)


@pytest.fixture(scope="module")
def default_checks(tmp_path_factory, app_env_module):
    return check(synth_app(tmp_path_factory.mktemp("nag")))


def test_every_finding_is_fixed_or_acknowledged(default_checks):
    failing = default_checks.failing()
    assert not failing, "unresolved cdk-nag findings:\n" + "\n".join(map(str, failing))
    assert default_checks.synth_error is None


def test_acknowledged_findings_are_the_documented_ones(default_checks):
    found = {(f.rule, short_path(f.path)) for f in default_checks.acknowledged()}
    assert found == ACKNOWLEDGED


def test_every_acknowledgement_says_why(default_checks):
    for finding in default_checks.acknowledged():
        # cdk-nag asks for 10 characters; a reason says what makes it safe.
        assert len(finding.reason) >= 60, f"{finding}: {finding.reason!r}"


@pytest.mark.parametrize("rule, path", FIXED)
def test_fixed_findings_pass(default_checks, rule, path):
    assert default_checks.compliance(rule, path) == "Compliant"


def test_a_new_finding_fails_the_check(tmp_path, app_env):
    # The check is live: a bucket without access logs or TLS enforcement
    # is reported, and fails the synth.
    app = synth_app(tmp_path)
    s3.Bucket(app.node.find_child("CognitoSignin"), "Careless")
    result = check(app)
    failing = {(f.rule, f.path) for f in result.failing()}
    assert ("AwsSolutions-S1", "CognitoSignin/Careless/Resource") in failing
    assert ("AwsSolutions-S10", "CognitoSignin/Careless/Resource") in failing
    # Only the new bucket fails.
    assert {path for _, path in failing} == {"CognitoSignin/Careless/Resource"}
    assert result.synth_error and "AwsSolutions-S1:" in result.synth_error
