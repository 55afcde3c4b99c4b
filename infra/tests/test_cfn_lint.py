"""cfn-lint finds nothing in the synthesized template (rules ignored, with
reasons, in .cfnlintrc.yaml)."""

import subprocess
import sys
from pathlib import Path

INFRA = Path(__file__).resolve().parent.parent


def test_template_is_cfn_lint_clean(template_path):
    # The cfn-lint installed next to this Python (the tests' venv).
    cfn_lint = Path(sys.executable).parent / "cfn-lint"
    result = subprocess.run(
        [str(cfn_lint), "--config-file", str(INFRA / ".cfnlintrc.yaml"), str(template_path)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
