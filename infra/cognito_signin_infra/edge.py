"""What CloudFront takes only from us-east-1: the web ACL and the
certificate. A stack of its own there, created only when an option needs it;
the main stack reads its values through CDK's cross-region references."""

from __future__ import annotations

from aws_cdk import Stack, aws_certificatemanager as acm, aws_route53 as route53
from aws_cdk import aws_wafv2 as wafv2
from constructs import Construct

from .options import Domain

# Requests one IP address may make in 5 minutes before WAF blocks it for a
# while. A page load is about five requests (index.html, config.json, the
# wasm, the script, the stylesheet) plus its /hello calls.
RATE_LIMIT_PER_IP = 1000

# AWS's baseline managed rule groups (no subscription fee, unlike Bot
# Control or the account-takeover groups), in evaluation order.
MANAGED_RULE_GROUPS = [
    "AWSManagedRulesAmazonIpReputationList",
    "AWSManagedRulesCommonRuleSet",
    "AWSManagedRulesKnownBadInputsRuleSet",
]


def visibility(name: str) -> wafv2.CfnWebACL.VisibilityConfigProperty:
    return wafv2.CfnWebACL.VisibilityConfigProperty(
        cloud_watch_metrics_enabled=True, metric_name=name, sampled_requests_enabled=True
    )


def hosted_zone(scope: Construct, domain: Domain) -> route53.IHostedZone | None:
    if not domain.hosted_zone_id:
        return None
    return route53.HostedZone.from_hosted_zone_attributes(
        scope,
        "Zone",
        hosted_zone_id=domain.hosted_zone_id,
        zone_name=domain.hosted_zone_name,
    )


class EdgeStack(Stack):
    def __init__(
        self, scope: Construct, id: str, *, waf: bool, domain: Domain | None, **kwargs
    ) -> None:
        super().__init__(scope, id, **kwargs)
        self.web_acl: wafv2.CfnWebACL | None = None
        self.certificate: acm.ICertificate | None = None

        if waf:
            rules = [
                wafv2.CfnWebACL.RuleProperty(
                    name="RateLimitPerIp",
                    priority=0,
                    action=wafv2.CfnWebACL.RuleActionProperty(block={}),
                    statement=wafv2.CfnWebACL.StatementProperty(
                        rate_based_statement=wafv2.CfnWebACL.RateBasedStatementProperty(
                            aggregate_key_type="IP",
                            limit=RATE_LIMIT_PER_IP,
                            evaluation_window_sec=300,
                        )
                    ),
                    visibility_config=visibility("RateLimitPerIp"),
                )
            ]
            for priority, name in enumerate(MANAGED_RULE_GROUPS, start=1):
                rules.append(
                    wafv2.CfnWebACL.RuleProperty(
                        name=name,
                        priority=priority,
                        # The group's own actions (block) apply.
                        override_action=wafv2.CfnWebACL.OverrideActionProperty(none={}),
                        statement=wafv2.CfnWebACL.StatementProperty(
                            managed_rule_group_statement=wafv2.CfnWebACL.ManagedRuleGroupStatementProperty(
                                vendor_name="AWS", name=name
                            )
                        ),
                        visibility_config=visibility(name),
                    )
                )
            self.web_acl = wafv2.CfnWebACL(
                self,
                "WebAcl",
                scope="CLOUDFRONT",
                default_action=wafv2.CfnWebACL.DefaultActionProperty(allow={}),
                visibility_config=visibility("CognitoSigninSite"),
                rules=rules,
            )

        if domain is not None:
            self.certificate = acm.Certificate(
                self,
                "Certificate",
                domain_name=domain.name,
                # Without a hosted zone, CloudFormation waits until the
                # validation record is added by hand.
                validation=acm.CertificateValidation.from_dns(hosted_zone(self, domain)),
            )
