"""AWS CDK app for the Cognito sign-in site: user pool, hello API, static site."""
