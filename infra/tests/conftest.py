"""Synthesizes the stack once, offline: no AWS account, no Docker, no `cdk`
CLI, no trunk and no musl build. The site and the function are stand-ins
(the template does not depend on their bytes); the real function is tested
by `cargo test -p hello-lambda`."""

import json
from pathlib import Path

import aws_cdk as cdk
import pytest
from aws_cdk.assertions import Template

from cognito_signin_infra.stack import CognitoSigninStack

INFRA = Path(__file__).resolve().parent.parent


def cdk_json_context() -> dict:
    """The feature flags `cdk deploy` uses (cdk.json), so the tests check the
    template that would be deployed, including the rule that turns
    dependency cycles into synth errors."""
    return json.loads((INFRA / "cdk.json").read_text())["context"]


def fake_inputs(root: Path) -> tuple[Path, Path]:
    dist = root / "dist"
    dist.mkdir()
    (dist / "index.html").write_text("<!doctype html><title>test</title>")
    # Shaped like cargo's release dir: only bootstrap may be packaged.
    release = root / "release"
    (release / "deps").mkdir(parents=True)
    (release / "bootstrap").write_bytes(b"\x7fELF stand-in")
    (release / "deps" / "libjunk.rlib").write_bytes(b"junk")
    (release / "bootstrap.d").write_text("dep-info")
    return dist, release


def synth(root: Path, **overrides) -> tuple[cdk.App, CognitoSigninStack]:
    """Builds the stack into root/cdk.out; overrides replace stack props."""
    dist, release = fake_inputs(root)
    app = cdk.App(outdir=str(root / "cdk.out"), context=cdk_json_context())
    props = dict(
        dist_dir=str(dist), lambda_dir=str(release), removal_policy=cdk.RemovalPolicy.RETAIN
    )
    props.update(overrides)
    stack = CognitoSigninStack(app, "CognitoSignin", **props)
    return app, stack


@pytest.fixture(scope="session")
def synthesized(tmp_path_factory):
    app, stack = synth(tmp_path_factory.mktemp("synth"))
    assembly = app.synth()
    return stack, assembly


@pytest.fixture(scope="session")
def template(synthesized) -> Template:
    stack, _ = synthesized
    return Template.from_stack(stack)


@pytest.fixture(scope="session")
def template_json(template) -> dict:
    return template.to_json()


@pytest.fixture(scope="session")
def template_path(synthesized) -> Path:
    stack, assembly = synthesized
    return Path(assembly.get_stack_artifact(stack.artifact_id).template_full_path)


@pytest.fixture(scope="session")
def assembly_dir(synthesized) -> Path:
    return Path(synthesized[1].directory)


# app.py's inputs from the environment: cleared so a developer's shell
# cannot change what the tests synthesize.
OPTION_VARIABLES = [
    "SITE_WAF",
    "THREAT_PROTECTION",
    "SITE_DOMAIN_NAME",
    "HOSTED_ZONE_ID",
    "HOSTED_ZONE_NAME",
    "HELLO_RESERVED_CONCURRENCY",
    "REMOVAL_POLICY",
]
ACCOUNT = "111111111111"


def _set_app_env(monkeypatch) -> None:
    for name in OPTION_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("CDK_DEFAULT_ACCOUNT", ACCOUNT)
    monkeypatch.setenv("CDK_DEFAULT_REGION", "eu-west-1")


@pytest.fixture
def app_env(monkeypatch):
    """What `cdk` would set (the profile's account and region), and none of
    the option variables."""
    _set_app_env(monkeypatch)


@pytest.fixture(scope="module")
def app_env_module():
    """app_env for module-scoped fixtures."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        _set_app_env(monkeypatch)
        yield


def synth_app(root: Path, **context) -> cdk.App:
    """The app as app.py builds it (not yet synthesized), with context as
    `cdk deploy -c key=value` passes it."""
    import app as app_py

    dist, release = fake_inputs(root)
    app = cdk.App(
        outdir=str(root / "cdk.out"),
        context={
            **cdk_json_context(),
            "distDir": str(dist),
            "lambdaDir": str(release),
            **context,
        },
    )
    app_py.build(app)
    return app
