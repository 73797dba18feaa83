"""Publish a built database with Datasette: metadata, plugins and settings in one place.

``doudi serve`` and the tests use the same :func:`metadata` and :data:`PLUGINS_DIR`, so what is
tested is what is served.
"""
from __future__ import annotations

import copy
from pathlib import Path

import yaml

HERE = Path(__file__).parent
PLUGINS_DIR = HERE / "plugins"
METADATA = HERE / "metadata.yaml"
_KEY = "doudi"  # the database name metadata.yaml is written for


def metadata(db_path) -> dict:
    """metadata.yaml filed under the name Datasette gives ``db_path`` (its stem). Links in its
    HTML use the name as Datasette routes it, tilde-encoded (``dev.v2`` -> ``dev~2Ev2``), which
    also leaves no quote or bracket of a hostile file name to reach the page."""
    from datasette.utils import tilde_encode

    name = Path(db_path).stem
    meta = yaml.safe_load(METADATA.read_text("utf-8"))
    meta = yaml.safe_load(yaml.safe_dump(meta, allow_unicode=True).replace(f"/{_KEY}/", f"/{tilde_encode(name)}/"))
    meta["databases"] = {name: copy.deepcopy(meta["databases"][_KEY])}
    return meta


def datasette(db_path, **kwargs):
    """An in-process Datasette over ``db_path``, read-only, as ``doudi serve`` runs it."""
    from datasette.app import Datasette

    return Datasette(immutables=[str(db_path)], metadata=metadata(db_path),
                     plugins_dir=str(PLUGINS_DIR), **kwargs)
