"""The Cognito user pool and the browser's app client."""

from aws_cdk import RemovalPolicy, aws_cognito as cognito
from constructs import Construct

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
    def __init__(self, scope: Construct, id: str, *, removal_policy: RemovalPolicy) -> None:
        super().__init__(scope, id)

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
            removal_policy=removal_policy,
        )

        # A public client: the app runs in the browser and cannot keep a
        # secret. It signs in with USER_PASSWORD_AUTH and refreshes tokens,
        # nothing else; no hosted UI, so OAuth stays off.
        self.client = self.user_pool.add_client(
            "WebClient",
            generate_secret=False,
            auth_flows=cognito.AuthFlow(user_password=True),
            disable_o_auth=True,
            prevent_user_existence_errors=True,
        )
