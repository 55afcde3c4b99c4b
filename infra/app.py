#!/usr/bin/env python3
"""CDK entry point (`cdk deploy` runs it via cdk.json; tests build the stack
themselves). Inputs, each from CDK context (-c) or the environment:

  distDir / SITE_DIST_DIR          built site (`cargo xtask site`), default ../dist
  lambdaDir / HELLO_LAMBDA_DIR     directory holding the `bootstrap` binary,
                                   default ../target/x86_64-unknown-linux-musl/release
  removalPolicy / REMOVAL_POLICY   user pool and logs on `cdk destroy`: retain (default) or destroy
  functionConcurrency / HELLO_RESERVED_CONCURRENCY
                                   executions reserved for the function, default 10, or none

Options that cost money, off by default (infra/README.md prices them):

  waf / SITE_WAF                   true: a web ACL on CloudFront
  threatProtection / THREAT_PROTECTION
                                   true: Cognito Plus plan, threat protection enforced
  domainName / SITE_DOMAIN_NAME    the site's own domain (certificate, TLSv1.2_2021)
  hostedZoneId / HOSTED_ZONE_ID, hostedZoneName / HOSTED_ZONE_NAME
                                   its Route 53 zone, if any (validation and alias records)
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import aws_cdk as cdk

from cognito_signin_infra.edge import EdgeStack
from cognito_signin_infra.options import RESERVED_CONCURRENCY, Domain, Options
from cognito_signin_infra.stack import CognitoSigninStack

STACK_NAME = "CognitoSignin"
EDGE_STACK_NAME = "CognitoSigninEdge"
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


def flag(app: cdk.App, context_key: str, env_var: str) -> bool:
    """An on/off option: true/false (any case), 1/0, or a JSON boolean from
    cdk.json; anything else stops the synth instead of guessing."""
    value = setting(app, context_key, env_var, "false")
    text = str(value).strip().lower()
    if text in ("true", "1"):
        return True
    if text in ("false", "0"):
        return False
    sys.exit(f"error: {context_key} must be true or false, not {value!r}")


def concurrency(value) -> int | None:
    text = str(value).strip().lower()
    if text == "none":
        return None
    if text.isdigit() and int(text) > 0:
        return int(text)
    sys.exit(f"error: functionConcurrency must be a positive number or none, not {value!r}")


def options(app: cdk.App) -> Options:
    domain_name = setting(app, "domainName", "SITE_DOMAIN_NAME", "")
    zone_id = setting(app, "hostedZoneId", "HOSTED_ZONE_ID", "")
    zone_name = setting(app, "hostedZoneName", "HOSTED_ZONE_NAME", "")
    if (zone_id or zone_name) and not (domain_name and zone_id and zone_name):
        sys.exit("error: hostedZoneId and hostedZoneName go together, with domainName")
    return Options(
        waf=flag(app, "waf", "SITE_WAF"),
        threat_protection=flag(app, "threatProtection", "THREAT_PROTECTION"),
        domain=Domain(domain_name, zone_id or None, zone_name or None) if domain_name else None,
        reserved_concurrency=concurrency(
            setting(app, "functionConcurrency", "HELLO_RESERVED_CONCURRENCY", str(RESERVED_CONCURRENCY))
        ),
    )


def environments(chosen: Options) -> tuple[cdk.Environment | None, cdk.Environment | None]:
    """(main, edge) environments. Without an edge stack the main stack stays
    environment-agnostic; with one, both need the account and the main
    region, which the cdk CLI sets from the profile."""
    if not chosen.needs_edge_stack:
        return None, None
    account = os.environ.get("CDK_DEFAULT_ACCOUNT")
    region = os.environ.get("CDK_DEFAULT_REGION")
    if not (account and region):
        sys.exit(
            "error: waf and domainName need the target account and region "
            "(CDK_DEFAULT_ACCOUNT, CDK_DEFAULT_REGION; `cdk` sets them from the AWS profile)"
        )
    return (
        cdk.Environment(account=account, region=region),
        cdk.Environment(account=account, region="us-east-1"),
    )


def build(app: cdk.App) -> CognitoSigninStack:
    """Creates the stacks from the app's context and the environment."""
    chosen = options(app)
    main_env, edge_env = environments(chosen)
    edge = (
        EdgeStack(
            app,
            EDGE_STACK_NAME,
            waf=chosen.waf,
            domain=chosen.domain,
            env=edge_env,
            description="Cognito sign-in: what CloudFront needs from us-east-1",
        )
        if chosen.needs_edge_stack
        else None
    )
    return CognitoSigninStack(
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
        options=chosen,
        edge=edge,
        env=main_env,
        description="Cognito sign-in: user pool, GET /hello API, static site",
    )


def main() -> None:
    app = cdk.App()
    build(app)
    app.synth()


if __name__ == "__main__":
    main()
