#!/usr/bin/env python3
"""CDK entry point (`cdk deploy` runs it via cdk.json; tests build the stack
themselves). Inputs, each from CDK context (-c) or the environment:

  distDir / SITE_DIST_DIR          built site (`cargo xtask site`), default ../dist
  lambdaDir / HELLO_LAMBDA_DIR     directory holding the `bootstrap` binary,
                                   default ../target/x86_64-unknown-linux-musl/release
  removalPolicy / REMOVAL_POLICY   user pool on `cdk destroy`: retain (default) or destroy
"""

import os
import sys
from pathlib import Path

import aws_cdk as cdk

from cognito_signin_infra.stack import CognitoSigninStack

STACK_NAME = "CognitoSignin"
HERE = Path(__file__).resolve().parent


def setting(app: cdk.App, context_key: str, env_var: str, default: str) -> str:
    return app.node.try_get_context(context_key) or os.environ.get(env_var) or default


def existing(path: str, wanted: str, how: str) -> str:
    """Resolves path against infra/ and stops with a clear message when the
    file the stack needs is missing (CDK's own error names only a path)."""
    resolved = (HERE / path).resolve()
    if not (resolved / wanted).is_file():
        sys.exit(f"error: {resolved / wanted} not found. {how}")
    return str(resolved)


def removal_policy(value: str) -> cdk.RemovalPolicy:
    policies = {"retain": cdk.RemovalPolicy.RETAIN, "destroy": cdk.RemovalPolicy.DESTROY}
    if value not in policies:
        sys.exit(f"error: removalPolicy must be one of {sorted(policies)}, not {value!r}")
    return policies[value]


def main() -> None:
    app = cdk.App()
    CognitoSigninStack(
        app,
        STACK_NAME,
        dist_dir=existing(
            setting(app, "distDir", "SITE_DIST_DIR", "../dist"),
            "index.html",
            "Build the site first: `cargo xtask site` at the repository root.",
        ),
        lambda_dir=existing(
            setting(
                app,
                "lambdaDir",
                "HELLO_LAMBDA_DIR",
                "../target/x86_64-unknown-linux-musl/release",
            ),
            "bootstrap",
            "Build the function first: `cargo build --release -p hello-lambda "
            "--target x86_64-unknown-linux-musl` (cdk.json's build step does it).",
        ),
        removal_policy=removal_policy(
            setting(app, "removalPolicy", "REMOVAL_POLICY", "retain")
        ),
        description="Cognito sign-in: user pool, GET /hello API, static site",
    )
    app.synth()


if __name__ == "__main__":
    main()
