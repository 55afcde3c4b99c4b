"""cdk-nag's AwsSolutions rule pack over a synthesized app."""

import json
from dataclasses import dataclass
from pathlib import Path

import aws_cdk as cdk
from cdk_nag import AwsSolutionsChecks, NagReportFormat

# What cdk-nag reports for a rule that found nothing wrong, or had nothing
# to look at.
PASSING = {"Compliant", "Not Applicable"}


@dataclass
class Finding:
    rule: str
    path: str  # the construct path, e.g. CognitoSignin/Site/Bucket/Resource
    compliance: str  # Compliant, Non-Compliant, Suppressed, Not Applicable...
    level: str  # Error or Warning
    reason: str  # the acknowledgement's reason, when suppressed

    def __str__(self) -> str:
        return f"{self.rule} ({self.level}, {self.compliance}) on {self.path}"


@dataclass
class NagResult:
    findings: list[Finding]
    # The synth's error: cdk-nag's errors fail it; None when it went through.
    synth_error: str | None

    def failing(self) -> list[Finding]:
        """Every rule neither passed nor acknowledged, warnings included."""
        return [f for f in self.findings if f.compliance not in PASSING | {"Suppressed"}]

    def acknowledged(self) -> list[Finding]:
        return [f for f in self.findings if f.compliance == "Suppressed"]

    def compliance(self, rule: str, path: str) -> str:
        matching = {f.compliance for f in self.findings if f.rule == rule and f.path == path}
        assert len(matching) == 1, f"{rule} on {path}: {matching or 'not checked'}"
        return matching.pop()


def check(app: cdk.App) -> NagResult:
    """Synthesizes app with the AwsSolutions checks and reads their JSON
    reports (one per stack, written even when the synth then fails)."""
    cdk.Aspects.of(app).add(
        AwsSolutionsChecks(reports=True, report_formats=[NagReportFormat.JSON])
    )
    synth_error = None
    try:
        app.synth()
    except RuntimeError as error:
        synth_error = str(error)
    reports = sorted(Path(app.outdir).glob("AwsSolutions-*-NagReport.json"))
    assert reports, f"cdk-nag wrote no report ({synth_error})"
    findings = [
        Finding(
            rule=line["ruleId"],
            path=line["resourceId"],
            compliance=line["compliance"],
            level=line["ruleLevel"],
            reason=line["exceptionReason"],
        )
        for report in reports
        for line in json.loads(report.read_text())["lines"]
    ]
    return NagResult(findings, synth_error)
