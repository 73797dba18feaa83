"""Where the gazetteer's data lives and how it is read: ``data/regions.csv`` (the division table,
built by ``data/make_regions.py``, see ``data/regions.md``) and ``data/region_aliases.yaml``
(names the table lacks, the word lists the matcher uses, home-region weights)."""
from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

import yaml

DATA = Path(__file__).parent / "data"
REGIONS_CSV = DATA / "regions.csv"
ALIASES_YAML = DATA / "region_aliases.yaml"


def read_rows(path: Path = REGIONS_CSV) -> list[dict]:
    """The division table's rows, as ``csv.DictReader`` gives them."""
    with Path(path).open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def read_aliases(path: Path = ALIASES_YAML) -> dict:
    return yaml.safe_load(Path(path).read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def default_aliases() -> dict:
    """The project's aliases file, read once (its weights are module constants of ``evidence``)."""
    return read_aliases()
