"""Small helpers to read a synthesized template."""

REGION = "eu-west-1"


def resolve(value, refs: dict | None = None):
    """Evaluates the intrinsics the tests meet (Ref, Fn::GetAtt, Fn::Join)
    into a string, with pseudo parameters and resources named by refs;
    unknown ones render as <Ref:Id> / <Id.Attr> so assertions can name them."""
    refs = {"AWS::Region": REGION, "AWS::URLSuffix": "amazonaws.com", **(refs or {})}
    if isinstance(value, str):
        return value
    if "Ref" in value:
        return refs.get(value["Ref"], f"<Ref:{value['Ref']}>")
    if "Fn::GetAtt" in value:
        resource, attribute = value["Fn::GetAtt"]
        return f"<{resource}.{attribute}>"
    if "Fn::Join" in value:
        separator, parts = value["Fn::Join"]
        return separator.join(resolve(part, refs) for part in parts)
    raise AssertionError(f"unexpected intrinsic {value}")


def of_type(template_json: dict, type_: str) -> dict[str, dict]:
    """Every resource of type_, as logical id -> properties."""
    return {
        logical_id: resource.get("Properties", {})
        for logical_id, resource in template_json["Resources"].items()
        if resource["Type"] == type_
    }


def only(template_json: dict, type_: str) -> tuple[str, dict]:
    """The single resource of type_, as (logical id, properties)."""
    found = of_type(template_json, type_)
    assert len(found) == 1, f"expected one {type_}, found {list(found)}"
    return next(iter(found.items()))


def site_bucket(template_json: dict) -> tuple[str, dict]:
    """The bucket the site is served from: the one that logs its accesses
    (the other bucket receives those logs)."""
    logged = {
        logical_id: props
        for logical_id, props in of_type(template_json, "AWS::S3::Bucket").items()
        if "LoggingConfiguration" in props
    }
    assert len(logged) == 1, f"expected one bucket with access logs, found {list(logged)}"
    return next(iter(logged.items()))


def log_bucket(template_json: dict) -> tuple[str, dict]:
    """The bucket the site bucket's access logs go to."""
    _, site = site_bucket(template_json)
    logical_id = site["LoggingConfiguration"]["DestinationBucketName"]["Ref"]
    return logical_id, template_json["Resources"][logical_id]["Properties"]
