"""The stack's choices beyond the defaults. The ones that cost money (WAF,
threat protection, a custom domain) are off unless asked for; app.py reads
them from CDK context (-c) or the environment, and the README prices them."""

from __future__ import annotations

from dataclasses import dataclass

# Requests per second the `prod` stage accepts (steady rate, and a burst
# above it), for all callers together. The function answers in a few ms, so
# this is far below what RESERVED_CONCURRENCY executions can serve; it bounds
# what a flood of (even unauthorized) calls costs.
STAGE_RATE_LIMIT = 50
STAGE_BURST_LIMIT = 100

# Concurrent executions reserved for (and capping) the function. New AWS
# accounts may have a concurrency quota of 10, of which 10 must stay
# unreserved: there, deploy with functionConcurrency=none.
RESERVED_CONCURRENCY = 10


@dataclass(frozen=True)
class Domain:
    """A custom domain for the site. With a Route 53 hosted zone the stack
    validates the certificate and creates the alias records itself; without
    one, the validation record (shown in the stack's events) and a CNAME to
    the distribution are added by hand at the DNS provider."""

    name: str
    hosted_zone_id: str | None = None
    hosted_zone_name: str | None = None


@dataclass(frozen=True)
class Options:
    # A web ACL on CloudFront: a per-IP rate-based rule and AWS managed rules.
    waf: bool = False
    # Cognito's Plus feature plan with threat protection enforced.
    threat_protection: bool = False
    # A custom domain, its certificate and the TLSv1.2_2021 security policy.
    domain: Domain | None = None
    # None: no reservation (accounts whose quota cannot spare any).
    reserved_concurrency: int | None = RESERVED_CONCURRENCY

    @property
    def needs_edge_stack(self) -> bool:
        """Whether something must live in us-east-1, where CloudFront reads
        its web ACL and certificate from."""
        return self.waf or self.domain is not None
