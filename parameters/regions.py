"""Region names, codes and the county -> prefecture -> province -> national chain.

The division table is the gazetteer's (``gazetteer.RegionIndex``); when it cannot be
imported, names come from the database (``regions`` table, the regions records name) and the
chain is read off the 6-digit code itself (xxxx00 prefecture, xx0000 province, 100000 country).
"""
from __future__ import annotations

import difflib
import re

NATIONAL = "100000"
_CODE = re.compile(r"^\d{6}$")


class UnknownRegion(ValueError):
    """A region name or code nobody knows; the message suggests the nearest names."""


def code_chain(code: str) -> list[str]:
    """``522701`` -> ``['522701', '522700', '520000', '100000']`` from the code alone."""
    chain = [code]
    for parent in (code[:4] + "00", code[:2] + "0000", NATIONAL):
        if parent != chain[-1]:
            chain.append(parent)
    return chain


def _region_index():
    try:
        from gazetteer import RegionIndex
        return RegionIndex.default()
    except Exception:  # not written yet, or its data failed to load: the fallback still works
        return None


def _attr(obj, *names):
    for n in names:
        value = obj.get(n) if isinstance(obj, dict) else getattr(obj, n, None)
        if value:
            return value
    return None


class Regions:
    def __init__(self, names: dict[str, str], aliases: dict[str, str], index=None):
        self.names = names        # code -> official name
        self.aliases = aliases    # any known name -> code
        self.index = index
        self.children: dict[str, list[str]] = {}   # code -> codes directly below (regions table)
        self.groups: dict[str, str] = {}   # an uncoded group's written name -> its parent's code

    def add_groups(self, pairs) -> None:
        """(written name, home code) of uncoded groups; a group named under several homes hangs
        under the nearest region containing them all (成都高新区 in 510181 and 510100: 510100)."""
        homes: dict[str, list[str]] = {}
        for name, home in pairs:
            if name and home and not _CODE.match(name):
                homes.setdefault(name, []).append(str(home))
        for name, codes in homes.items():
            chains = [self.chain(c) for c in dict.fromkeys(codes)]
            common = [c for c in chains[0] if all(c in ch for ch in chains[1:])]
            self.groups[name] = common[0] if common else NATIONAL
            self.aliases.setdefault(name, name)

    @classmethod
    def build(cls, region_rows=(), named=(), index="default") -> "Regions":
        """From ``regions`` table rows and (code, name) pairs seen in the data."""
        names = {NATIONAL: "全国"}
        aliases = {"全国": NATIONAL, "中国": NATIONAL}
        for code, name in named:
            if code and name and _CODE.match(str(code)):
                names.setdefault(str(code), name)
                aliases.setdefault(name, str(code))
        children: dict[str, list[str]] = {}
        for row in region_rows:  # the official table wins over names as documents write them
            if row["code"] != NATIONAL:
                children.setdefault(row.get("parent") or NATIONAL, []).append(row["code"])
            names[row["code"]] = row["name"]
            aliases[row["name"]] = row["code"]
            if row.get("short_name"):
                aliases.setdefault(row["short_name"], row["code"])
        made = cls(names, aliases, _region_index() if index == "default" else index)
        made.children = children
        return made

    def _from_index(self, method, arg):
        if self.index is None:
            return None
        try:
            return getattr(self.index, method)(arg)
        except Exception:
            return None

    def name(self, code: str) -> str:
        if code in self.groups:
            return code
        found = self._from_index("get", code)
        return _attr(found, "name") or self.names.get(code) or code

    def chain(self, code: str) -> list[str]:
        if code in self.groups:
            return [code] + self.chain(self.groups[code])
        found = self._from_index("get", code)
        ancestors = self._from_index("ancestors", found) if found is not None else None
        if ancestors:
            codes = [code] + [c for c in (_attr(a, "code", "adcode") for a in ancestors) if c and c != code]
            return codes if codes[-1] == NATIONAL else codes + [NATIONAL]
        return code_chain(code)

    def known(self, code: str) -> bool:
        return code in self.names or code in self.groups or self._from_index("get", code) is not None

    def find(self, text) -> str:
        """A region code from a code or a name; :class:`UnknownRegion` otherwise."""
        text = str(text).strip()
        if _CODE.match(text):
            if self.known(text):
                return text
            raise UnknownRegion(f"unknown region code {text!r}")
        if text in self.aliases:
            return self.aliases[text]
        found = self._from_index("lookup", text)
        if isinstance(found, (list, tuple)):
            found = found[0] if len(found) == 1 else None
        code = _attr(found, "code", "adcode") if found is not None else None
        if code:
            return str(code)
        # A unique name that the text abbreviates (都匀 -> 都匀市).
        starts = {c for n, c in self.aliases.items() if n.startswith(text)}
        if len(starts) == 1:
            return starts.pop()
        raise UnknownRegion(f"unknown region {text!r}" + self._did_you_mean(text))

    def descendants(self, code: str) -> list[str]:
        """Every region below ``code`` (the database's ``regions`` table, else the 6-digit codes the
        data names), and the uncoded groups hanging below them; nearest first."""
        below, todo = [], [code]
        while todo:
            here = todo.pop(0)
            codes = list(self.children.get(here, ())) if self.children else \
                [c for c in self.names if c != here and code_chain(c)[1:2] == [here]]
            codes += [g for g, parent in self.groups.items() if parent == here]
            below += codes
            todo += codes
        return list(dict.fromkeys(c for c in below if c != code))

    def suggest(self, text: str, n: int = 3) -> list[str]:
        from_index = self._from_index("suggest", text)
        if from_index:
            return [s if isinstance(s, str) else _attr(s, "name") for s in list(from_index)[:n]]
        return difflib.get_close_matches(text, list(self.aliases), n=n, cutoff=0.3)

    def _did_you_mean(self, text: str) -> str:
        near = [s for s in self.suggest(text) if s]
        return f"; did you mean {', '.join(near)}?" if near else ""
