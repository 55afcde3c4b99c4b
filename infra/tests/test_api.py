"""GET /hello: authorizer, preflight, gateway responses and the function."""

import json
import re

from aws_cdk.assertions import Match

from cognito_signin_infra.options import RESERVED_CONCURRENCY, STAGE_BURST_LIMIT, STAGE_RATE_LIMIT

from .cfn import of_type, only, resolve

CORS_HEADERS = {
    "gatewayresponse.header.Access-Control-Allow-Origin": "'*'",
    "gatewayresponse.header.Access-Control-Allow-Headers": Match.string_like_regexp(
        "Authorization"
    ),
}


def logical_id(template, type_, props) -> str:
    found = template.find_resources(type_, {"Properties": props})
    assert len(found) == 1, f"expected one {type_} with {props}, found {list(found)}"
    return next(iter(found))


def test_get_hello_is_guarded_by_the_user_pool_authorizer(template):
    pool = logical_id(template, "AWS::Cognito::UserPool", {})
    authorizer = logical_id(
        template,
        "AWS::ApiGateway::Authorizer",
        {
            "Type": "COGNITO_USER_POOLS",
            "IdentitySource": "method.request.header.Authorization",
            "ProviderARNs": [{"Fn::GetAtt": [pool, "Arn"]}],
        },
    )
    hello = logical_id(template, "AWS::ApiGateway::Resource", {"PathPart": "hello"})
    template.has_resource_properties(
        "AWS::ApiGateway::Method",
        {
            "HttpMethod": "GET",
            "ResourceId": {"Ref": hello},
            "AuthorizationType": "COGNITO_USER_POOLS",
            "AuthorizerId": {"Ref": authorizer},
            "Integration": {"Type": "AWS_PROXY"},
        },
    )


def test_preflight_needs_no_authorization(template):
    hello = logical_id(template, "AWS::ApiGateway::Resource", {"PathPart": "hello"})
    template.has_resource_properties(
        "AWS::ApiGateway::Method",
        {
            "HttpMethod": "OPTIONS",
            "ResourceId": {"Ref": hello},
            "AuthorizationType": "NONE",
            "AuthorizerId": Match.absent(),
            "Integration": {
                "Type": "MOCK",
                "IntegrationResponses": [
                    Match.object_like(
                        {
                            "ResponseParameters": Match.object_like(
                                {
                                    "method.response.header.Access-Control-Allow-Headers": Match.string_like_regexp(
                                        "Authorization"
                                    ),
                                    "method.response.header.Access-Control-Allow-Origin": "'*'",
                                }
                            )
                        }
                    )
                ],
            },
        },
    )


def test_gateway_errors_carry_cors_headers(template):
    for response_type in ["DEFAULT_4XX", "DEFAULT_5XX"]:
        template.has_resource_properties(
            "AWS::ApiGateway::GatewayResponse",
            {"ResponseType": response_type, "ResponseParameters": CORS_HEADERS},
        )


def test_function_is_a_custom_runtime_binary_for_x86_64(template):
    template.has_resource_properties(
        "AWS::Lambda::Function",
        {
            "Runtime": "provided.al2023",
            "Architectures": ["x86_64"],
            "Handler": "bootstrap",
        },
    )


def test_function_asset_holds_only_bootstrap(template_json, assembly_dir):
    # cargo's release dir also has deps/, *.d and more: none may be shipped.
    functions = [
        r
        for r in template_json["Resources"].values()
        if r["Type"] == "AWS::Lambda::Function" and r["Properties"].get("Runtime") == "provided.al2023"
    ]
    assert len(functions) == 1
    asset_hash = functions[0]["Properties"]["Code"]["S3Key"].removesuffix(".zip")
    files = sorted(p.name for p in (assembly_dir / f"asset.{asset_hash}").iterdir())
    assert files == ["bootstrap"]


def stage(template_json) -> tuple[str, dict]:
    return only(template_json, "AWS::ApiGateway::Stage")


def test_stage_throttles_and_logs_errors_without_request_data(template_json):
    _, props = stage(template_json)
    assert props["StageName"] == "prod"
    [settings] = props["MethodSettings"]
    assert settings["HttpMethod"] == "*" and settings["ResourcePath"] == "/*"
    assert settings["ThrottlingRateLimit"] == STAGE_RATE_LIMIT
    assert settings["ThrottlingBurstLimit"] == STAGE_BURST_LIMIT
    assert settings["LoggingLevel"] == "ERROR"
    # Data tracing would write tokens into the execution logs.
    assert settings["DataTraceEnabled"] is False


def test_stage_writes_json_access_logs_that_expire(template_json):
    _, props = stage(template_json)
    log_groups = of_type(template_json, "AWS::Logs::LogGroup")
    destination = json.dumps(props["AccessLogSetting"]["DestinationArn"])
    [access_logs] = [g for g in log_groups if json.dumps({"Ref": g}) in destination]
    assert log_groups[access_logs]["RetentionInDays"] == 90
    fields = json.loads(props["AccessLogSetting"]["Format"])
    assert fields["status"] == "$context.status" and fields["ip"] == "$context.identity.sourceIp"
    assert fields["sub"] == "$context.authorizer.claims.sub"
    assert "Authorization" not in props["AccessLogSetting"]["Format"]


def test_execution_log_group_is_the_stacks_and_exists_before_the_stage(template_json):
    stage_id, _ = stage(template_json)
    rest_api_id, _ = only(template_json, "AWS::ApiGateway::RestApi")
    expected_name = {
        "Fn::Join": ["", ["API-Gateway-Execution-Logs_", {"Ref": rest_api_id}, "/prod"]]
    }
    groups = {
        k: v
        for k, v in of_type(template_json, "AWS::Logs::LogGroup").items()
        if v.get("LogGroupName") == expected_name
    }
    assert len(groups) == 1, "API Gateway would create it without an expiry"
    [(group_id, group)] = groups.items()
    assert group["RetentionInDays"] == 30
    depends_on = template_json["Resources"][stage_id]["DependsOn"]
    assert group_id in depends_on
    # API Gateway's account-wide logging role is set before the stage logs.
    account_id, account = only(template_json, "AWS::ApiGateway::Account")
    assert account_id in depends_on
    role_id = account["CloudWatchRoleArn"]["Fn::GetAtt"][0]
    assert template_json["Resources"][role_id]["DeletionPolicy"] == "Retain"


def test_authorizer_caches_nothing_and_accepts_only_this_clients_tokens(template_json):
    _, authorizer = only(template_json, "AWS::ApiGateway::Authorizer")
    # A cached result would keep a signed-out token working for the TTL.
    assert authorizer["AuthorizerResultTtlInSeconds"] == 0
    client_id, _ = only(template_json, "AWS::Cognito::UserPoolClient")
    expression = authorizer["IdentityValidationExpression"]
    assert expression == {"Fn::Join": ["", ["^", {"Ref": client_id}, "$"]]}
    # As API Gateway applies it to a token's aud claim:
    ours = "4example5client6id7abcdefgh"
    regex = re.compile(resolve(expression, {client_id: ours}))
    assert regex.search(ours)
    for other in ["1another2client3id", ours + "x", "x" + ours, ours[:-1], ""]:
        assert not regex.search(other), other


def test_get_hello_validates_its_request(template_json):
    validator_id, validator = only(template_json, "AWS::ApiGateway::RequestValidator")
    assert validator["ValidateRequestBody"] is True
    assert validator["ValidateRequestParameters"] is True
    [get] = [
        m for m in of_type(template_json, "AWS::ApiGateway::Method").values() if m["HttpMethod"] == "GET"
    ]
    assert get["RequestValidatorId"] == {"Ref": validator_id}
    assert get["RequestParameters"] == {"method.request.header.Authorization": True}


def hello_function(template_json) -> dict:
    [function] = [
        f
        for f in of_type(template_json, "AWS::Lambda::Function").values()
        if f.get("Runtime") == "provided.al2023"
    ]
    return function


def test_function_has_reserved_concurrency(template_json):
    assert hello_function(template_json)["ReservedConcurrentExecutions"] == RESERVED_CONCURRENCY


def test_function_role_may_only_write_its_own_logs(template_json):
    role_id = hello_function(template_json)["Role"]["Fn::GetAtt"][0]
    role = template_json["Resources"][role_id]["Properties"]
    assert "ManagedPolicyArns" not in role and "Policies" not in role
    policies = [
        p for p in of_type(template_json, "AWS::IAM::Policy").values() if p["Roles"] == [{"Ref": role_id}]
    ]
    statements = [s for p in policies for s in p["PolicyDocument"]["Statement"]]
    logs_group = hello_function(template_json)["LoggingConfig"]["LogGroup"]["Ref"]
    assert statements == [
        {
            "Action": ["logs:CreateLogStream", "logs:PutLogEvents"],
            "Effect": "Allow",
            "Resource": {"Fn::GetAtt": [logs_group, "Arn"]},
        }
    ]
