"""The outputs the README's commands read."""

from aws_cdk.assertions import Match

from .cfn import only


def test_outputs_name_the_pool_client_api_and_site(template, template_json):
    pool_id, _ = only(template_json, "AWS::Cognito::UserPool")
    client_id, _ = only(template_json, "AWS::Cognito::UserPoolClient")
    distribution_id, _ = only(template_json, "AWS::CloudFront::Distribution")
    template.has_output("UserPoolId", {"Value": {"Ref": pool_id}})
    template.has_output("UserPoolClientId", {"Value": {"Ref": client_id}})
    template.has_output(
        "SiteUrl",
        {"Value": {"Fn::Join": ["", ["https://", {"Fn::GetAtt": [distribution_id, "DomainName"]}]]}},
    )


def test_api_endpoint_is_exported_under_the_original_name(template, template_json):
    rest_api_id, _ = only(template_json, "AWS::ApiGateway::RestApi")
    template.has_output(
        "ApiGatewayRestApiEndpoint",
        {
            "Export": {"Name": "ApiGatewayRestApiEndpoint"},
            "Value": {
                "Fn::Join": [
                    "",
                    Match.array_with(["https://", {"Ref": rest_api_id}, ".execute-api."]),
                ]
            },
        },
    )
    # No second, differently named copy of the endpoint.
    assert set(template_json["Outputs"]) == {
        "UserPoolId",
        "UserPoolClientId",
        "ApiGatewayRestApiEndpoint",
        "SiteUrl",
    }
