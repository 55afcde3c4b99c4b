"""GET /hello: authorizer, preflight, gateway responses and the function."""

from aws_cdk.assertions import Match

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
