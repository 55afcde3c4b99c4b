"""app.py stops with a clear message when an input is missing or wrong."""

import pytest

import app


def test_missing_site_build_says_how_to_build_it(tmp_path):
    with pytest.raises(SystemExit) as stop:
        app.existing(str(tmp_path / "dist"), "index.html", "Build the site first.")
    assert "index.html not found. Build the site first." in str(stop.value)


def test_present_input_resolves_to_an_absolute_path(tmp_path):
    (tmp_path / "bootstrap").write_bytes(b"")
    assert app.existing(str(tmp_path), "bootstrap", "") == str(tmp_path.resolve())


def test_removal_policy_accepts_only_retain_or_destroy():
    assert app.removal_policy("destroy").name == "DESTROY"
    assert app.removal_policy("retain").name == "RETAIN"
    with pytest.raises(SystemExit, match="removalPolicy"):
        app.removal_policy("delete")
