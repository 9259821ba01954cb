"""editors/vscode packages to rbl-<version>.vsix with @vscode/vsce by its one documented command, `npm run
package`, with no network: run in a copy of the extension (the working tree gets no .vsix) inside a network
namespace when `unshare -n` is allowed; the package holds the manifest, the grammar, the language
configuration and the runtime dependency, and none of the tests or dev tools.

Needs node, npm and editors/vscode/node_modules (`cd editors/vscode && npm ci`); without them it skips,
saying why: a test never installs from the registry, and CI's fresh checkout has no node_modules."""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile

import pytest

from tests.lsp.helpers import ROOT

VSCODE = ROOT / "editors" / "vscode"
SOURCES = ["package.json", "package-lock.json", "extension.js", "language-configuration.json", "README.md",
           ".vscodeignore", "syntaxes", "test"]

pytestmark = pytest.mark.skipif(
    shutil.which("npm") is None or not (VSCODE / "node_modules" / "@vscode" / "vsce").is_dir(),
    reason="npm or editors/vscode/node_modules is missing (cd editors/vscode && npm ci): not installed in CI")


def _offline() -> list[str]:
    """`unshare -n` (a network namespace with no interface) where the kernel lets us; else nothing."""
    unshare = shutil.which("unshare")
    if unshare and subprocess.run([unshare, "-n", "true"], capture_output=True, check=False).returncode == 0:
        return [unshare, "-n"]
    return []


@pytest.fixture(scope="module")
def vsix(tmp_path_factory):
    copy = tmp_path_factory.mktemp("vscode")
    for name in SOURCES:
        source = VSCODE / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, copy / name)
    (copy / "node_modules").symlink_to(VSCODE / "node_modules", target_is_directory=True)
    done = subprocess.run([*_offline(), "npm", "run", "package"], cwd=copy, capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    version = json.loads((VSCODE / "package.json").read_text())["version"]
    path = copy / f"rbl-{version}.vsix"
    assert path.is_file(), done.stdout
    return zipfile.ZipFile(path)


def test_the_package_holds_the_extension(vsix):
    names = set(vsix.namelist())
    assert {"extension.vsixmanifest", "extension/package.json", "extension/extension.js",
            "extension/language-configuration.json", "extension/syntaxes/rbl.tmLanguage.json"} <= names
    assert any(n.startswith("extension/node_modules/vscode-languageclient/") for n in names)
    assert json.loads(vsix.read("extension/package.json")) == json.loads((VSCODE / "package.json").read_text())


def test_the_package_leaves_out_tests_and_dev_tools(vsix):
    names = vsix.namelist()
    assert not [n for n in names if n.startswith("extension/test/") or n.endswith(".vsix")]
    dev = ("@vscode/vsce", "vscode-tmgrammar-test", "vscode-textmate")
    assert not [n for n in names if any(f"node_modules/{d}/" in n for d in dev)]


def test_the_manifest_names_the_extension(vsix):
    manifest = vsix.read("extension.vsixmanifest").decode()
    package = json.loads((VSCODE / "package.json").read_text())
    assert f'Id="{package["name"]}"' in manifest and f'Version="{package["version"]}"' in manifest
    assert f'Publisher="{package["publisher"]}"' in manifest
    assert f'<Property Id="Microsoft.VisualStudio.Code.Engine" Value="{package["engines"]["vscode"]}"' in manifest
