"""The Cognito user pool and the browser's app client."""

from aws_cdk import Duration, RemovalPolicy, aws_cognito as cognito
from cdk_nag import NagPackSuppression, NagSuppressions
from constructs import Construct

# How long a session lasts without a fresh sign-in (Cognito's default is 30
# days), and how long one ID or access token works. API Gateway checks a
# token's signature and expiry but not whether it was revoked, so TOKEN_VALIDITY
# bounds how long /hello still answers a token after "sign out everywhere".
# The app refreshes its tokens 5 minutes before they expire.
REFRESH_TOKEN_VALIDITY = Duration.days(7)
TOKEN_VALIDITY = Duration.minutes(15)

# Refresh-token rotation: each refresh (GetTokensFromRefreshToken) answers a
# new refresh token and retires the one it was given, which still works for
# this long so that a refresh whose answer was lost (a dropped connection, a
# tab closed mid-request) can be retried; after it a reused token is refused.
# Short, since a stolen token is also good for that long after the app's next
# refresh. The local stack's essentials client uses the same 10 seconds.
REFRESH_TOKEN_ROTATION_GRACE = Duration.seconds(10)

# The ways in the pool allows for choice-based sign-in (USER_AUTH), by
# Cognito's names: the pool's AllowedFirstAuthFactors, and config.json's
# firstAuthFactors, which turns on the app's identifier-first sign-in. No
# SMS_OTP: it would need an SNS role and a sending budget.
FIRST_AUTH_FACTORS = ("PASSWORD", "EMAIL_OTP", "WEB_AUTHN")

# The single source of the password rules: the pool enforces them and the
# site's config.json hands the same values to the app's checklist. They
# equal the local stack's pool (min 8, lower, upper, digit, symbol).
PASSWORD_POLICY = {
    "minimumLength": 8,
    "requireLowercase": True,
    "requireUppercase": True,
    "requireNumbers": True,
    "requireSymbols": True,
}


class Auth(Construct):
    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        removal_policy: RemovalPolicy,
        threat_protection: bool = False,
    ) -> None:
        super().__init__(scope, id)

        # Choice-based sign-in (USER_AUTH: a password, a code by email or a
        # passkey as the first factor) needs the Essentials plan or above:
        # Cognito's default for a new pool, said outright so that it cannot
        # drop to Lite. Threat protection (compromised-credential and
        # risk-based checks, blocking or challenging sign-ins) needs the Plus
        # plan, billed per monthly active user: an option, off by default.
        plan = (
            dict(
                feature_plan=cognito.FeaturePlan.PLUS,
                standard_threat_protection_mode=cognito.StandardThreatProtectionMode.FULL_FUNCTION,
            )
            if threat_protection
            else dict(feature_plan=cognito.FeaturePlan.ESSENTIALS)
        )

        self.user_pool = cognito.UserPool(
            self,
            "UserPool",
            self_sign_up_enabled=True,
            # Email is the username: users sign in with their address.
            sign_in_aliases=cognito.SignInAliases(email=True),
            auto_verify=cognito.AutoVerifiedAttrs(email=True),
            account_recovery=cognito.AccountRecovery.EMAIL_ONLY,
            password_policy=cognito.PasswordPolicy(
                min_length=PASSWORD_POLICY["minimumLength"],
                require_lowercase=PASSWORD_POLICY["requireLowercase"],
                require_uppercase=PASSWORD_POLICY["requireUppercase"],
                require_digits=PASSWORD_POLICY["requireNumbers"],
                require_symbols=PASSWORD_POLICY["requireSymbols"],
            ),
            # Two-step sign-in with an authenticator app, for those who turn
            # it on (the app answers SOFTWARE_TOKEN_MFA); no SMS, which
            # would need an SNS role and a sending budget.
            mfa=cognito.Mfa.OPTIONAL,
            mfa_second_factor=cognito.MfaSecondFactor(otp=True, sms=False),
            # What USER_AUTH offers as the first factor: the password, a code
            # sent to the account's email (Cognito's own sender, as for
            # sign-up codes), or a passkey. Password stays (CDK refuses a
            # policy without it), so USER_PASSWORD_AUTH keeps working too.
            sign_in_policy=cognito.SignInPolicy(
                allowed_first_auth_factors=cognito.AllowedFirstAuthFactors(
                    password="PASSWORD" in FIRST_AUTH_FACTORS,
                    email_otp="EMAIL_OTP" in FIRST_AUTH_FACTORS,
                    passkey="WEB_AUTHN" in FIRST_AUTH_FACTORS,
                )
            ),
            # A passkey signs in on its own: no password, and Cognito asks
            # the second factor after a password only. So the authenticator
            # must verify the person (fingerprint, face, PIN), not only that
            # it is present: a security key without a PIN, picked up by
            # someone else, is refused. Platform passkeys (phones, laptops,
            # password managers) always verify, so this turns almost nobody
            # away. The relying party is set once the site exists (below).
            passkey_user_verification=cognito.PasskeyUserVerification.REQUIRED,
            removal_policy=removal_policy,
            # A retained pool also refuses deletion by hand (console, CLI)
            # until this is turned off; a pool meant to go with the stack
            # must not block `cdk destroy`.
            deletion_protection=removal_policy == RemovalPolicy.RETAIN,
            **plan,
        )
        pool = self.user_pool.node.default_child
        NagSuppressions.add_resource_suppressions(
            pool,
            [
                NagPackSuppression(
                    id="AwsSolutions-COG2",
                    reason="MFA is optional by design: each person may turn on an "
                    "authenticator app (TOTP), but requiring it would make every new "
                    "user set one up before the first sign-in.",
                )
            ],
        )
        if not threat_protection:
            NagSuppressions.add_resource_suppressions(
                pool,
                [
                    NagPackSuppression(
                        id="AwsSolutions-COG8",
                        reason="The Plus plan is billed per monthly active user, so it is "
                        "the threatProtection option (off by default; the pool is on "
                        "Essentials); the strong password policy, optional TOTP, passkeys "
                        "verifying the person and user-existence protection stay on.",
                    )
                ],
            )

        # A public client: the app runs in the browser and cannot keep a
        # secret. It signs in with USER_AUTH (choice-based: the factors
        # above) or USER_PASSWORD_AUTH, nothing else; no hosted UI, so OAuth
        # stays off. With rotation on, CDK leaves ALLOW_REFRESH_TOKEN_AUTH
        # out, as Cognito asks: refreshing is GetTokensFromRefreshToken,
        # which needs no flow of its own.
        self.client = self.user_pool.add_client(
            "WebClient",
            generate_secret=False,
            auth_flows=cognito.AuthFlow(user=True, user_password=True),
            refresh_token_rotation_grace_period=REFRESH_TOKEN_ROTATION_GRACE,
            disable_o_auth=True,
            prevent_user_existence_errors=True,
            refresh_token_validity=REFRESH_TOKEN_VALIDITY,
            id_token_validity=TOKEN_VALIDITY,
            access_token_validity=TOKEN_VALIDITY,
            # GlobalSignOut and RevokeToken need it (the default, said outright).
            enable_token_revocation=True,
        )
        # Said in config.json: the app then refreshes with
        # GetTokensFromRefreshToken and keeps each new refresh token.
        self.refresh_token_rotation = True

    def set_passkey_relying_party(self, domain_name: str) -> None:
        """Makes domain_name, the site's own, the passkeys' relying party:
        the browser binds each passkey to it and only pages on that domain
        may use it. The pool exists before the site (the API's authorizer
        needs it, and CloudFront routes /hello to the API), so the L2's
        passkey_relying_party_id, a constructor argument, cannot take it:
        it goes on the pool's CloudFormation resource instead."""
        pool: cognito.CfnUserPool = self.user_pool.node.default_child
        pool.web_authn_relying_party_id = domain_name
