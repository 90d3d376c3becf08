"""The files a council or supplier reads before adopting the project: the licence, the
security policy, the contributing guide and the changelog. They must exist and stay accurate,
so every command they tell a newcomer to run is checked against the Makefile and manage.py."""

import json
import re
import tomllib
from pathlib import Path

import pytest
from django.core.management import get_commands

ROOT = Path(__file__).resolve().parents[1]
GUIDES = ["README.md", "CONTRIBUTING.md", "SECURITY.md", "CHANGELOG.md", "site/README.md"]
SEMVER = re.compile(r"^\d+\.\d+\.\d+$")


def make_targets():
    """Every target the Makefile defines (lines such as `run: setup serve`)."""
    text = (ROOT / "Makefile").read_text()
    return set(re.findall(r"^([A-Za-z][\w.-]*)\s*:(?!=)", text, flags=re.MULTILINE))


def code_in(markdown):
    """The text of a guide's code: fenced blocks and `inline code`, where commands are."""
    fenced = re.findall(r"^```[^\n]*\n(.*?)^```", markdown, flags=re.MULTILINE | re.DOTALL)
    prose = re.sub(r"^```.*?^```", "", markdown, flags=re.MULTILINE | re.DOTALL)
    return "\n".join(fenced + re.findall(r"`([^`\n]+)`", prose))


def commands_named(markdown):
    """The `make X` and `manage.py X` commands a guide tells people to run."""
    code = code_in(markdown)
    make = set(re.findall(r"(?<![\w/-])make ([a-z][\w-]*)", code))
    manage = set(re.findall(r"manage\.py ([a-z][\w-]*)", code))
    return make, manage


@pytest.mark.parametrize("guide", GUIDES)
def test_every_command_a_guide_names_exists(guide):
    make, manage = commands_named((ROOT / guide).read_text())
    missing_make = sorted(make - make_targets())
    missing_manage = sorted(manage - set(get_commands()))
    assert not missing_make, f"{guide} names make targets that do not exist: {missing_make}"
    assert not missing_manage, (
        f"{guide} names manage.py commands that do not exist: {missing_manage}"
    )


def test_the_guides_name_commands_at_all():
    """Guard the test above against a regex that silently matches nothing."""
    make, manage = commands_named((ROOT / "README.md").read_text())
    assert {"run", "test"} <= make
    assert "load_demo" in manage


def test_the_licence_is_bsd_3_clause_everywhere_it_is_stated():
    licence = (ROOT / "LICENSE").read_text()
    assert licence.startswith("BSD 3-Clause License")
    assert "Neither the name of the copyright holder" in licence
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["license"] == "BSD-3-Clause"
    assert json.loads((ROOT / "package.json").read_text())["license"] == "BSD-3-Clause"
    assert "BSD-3-Clause" in (ROOT / "README.md").read_text()


def test_the_version_is_semantic_and_the_same_in_every_file():
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    assert SEMVER.match(version), f"{version} is not MAJOR.MINOR.PATCH"
    assert json.loads((ROOT / "package.json").read_text())["version"] == version
    lock = json.loads((ROOT / "package-lock.json").read_text())
    assert lock["version"] == lock["packages"][""]["version"] == version


def test_the_changelog_records_the_current_version_and_keeps_the_form():
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    changelog = (ROOT / "CHANGELOG.md").read_text()
    releases = re.findall(r"^## \[(\d+\.\d+\.\d+)\] - (\d{4}-\d{2}-\d{2})$", changelog, re.M)
    assert "## [Unreleased]" in changelog
    assert releases, "no release headings in the Keep a Changelog form"
    assert releases[0][0] == version, "the newest release is not the version in pyproject.toml"
    dates = [date for _version, date in releases]
    assert dates == sorted(dates, reverse=True), "releases are not newest first"
    headings = set(re.findall(r"^### (\w+)$", changelog, re.M))
    assert headings <= {"Added", "Changed", "Deprecated", "Removed", "Fixed", "Security", "Upgrade"}


def test_the_security_policy_supports_the_current_minor_release():
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    minor = ".".join(version.split(".")[:2])
    policy = (ROOT / "SECURITY.md").read_text()
    assert f"currently {minor}.x" in policy
    for section in (
        "## Supported versions",
        "## Reporting a vulnerability",
        "## What happens next",
    ):
        assert section in policy
    assert "site/README.md" in policy
