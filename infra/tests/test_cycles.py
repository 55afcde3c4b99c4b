"""Dependency cycles fail the synth, as CloudFormation would fail the deploy."""

import pytest

from .conftest import cdk_json_context, synth

RULE = "@aws-cdk/core:validateAgainstDefaultRules"


def test_deployed_context_validates_templates():
    # Without it a cycle only shows up in `cdk deploy`.
    assert cdk_json_context().get(RULE) is True


def test_stack_synthesizes_without_a_cycle(synthesized):
    # The session fixture ran app.synth() with the rule on; reaching here
    # means no cycle was reported.
    _, assembly = synthesized
    assert assembly.get_stack_by_name("CognitoSignin").template


def test_a_cycle_would_be_reported(tmp_path):
    # Proves the rule is active: the API needing the distribution closes a
    # loop (the distribution already needs the API as its /hello origin),
    # like restricting CORS to the CloudFront domain would.
    app, stack = synth(tmp_path)
    api = stack.node.find_child("Api").node.find_child("RestApi")
    api.node.add_dependency(stack.node.find_child("Site").node.find_child("Distribution"))
    with pytest.raises(RuntimeError, match="Circular dependency"):
        app.synth()
