"""One record per fact across a document: an earlier value paired with the later one
(调整前…调整后), and the passes that drop what repeats another record (a headline's figures, a
figure without its region, a rise beside its change, a floor said twice), each counting what it
drops under its rule's id."""
from __future__ import annotations

import re
from collections import Counter

# a reposted story's 原标题:… restates the body's figures as a headline does, run into its first line
ORIGINAL_TITLE = re.compile(r"原标题[::][^,,。;;\n]*")
_BEFORE_CHANGE = re.compile(r"(?:调整前|提标前|调标前|原标准|原来|此前)[^。;\n]{0,30}$")
_AFTER_CHANGE = re.compile(r"(?:调整后|提标后|调标后|新标准|现在|现)[^。;\n]{0,30}$")


def pair_before_after(records, text: str):
    """figure.before_after: 调整前,…为700元。调整后,…为760元: the earlier value is the previous of
    the later record of the same subject, not a record of its own."""
    def subject(r):
        return (r.region, r.adcode, r.program, r.area, r.variant, r.metric, r.unit)

    def opened_by(pat, r):
        return pat.search(text, max(0, r.provenance.start - 30), r.provenance.start) is not None

    earlier = {}
    drop = set()
    for i, r in enumerate(records):
        if opened_by(_BEFORE_CHANGE, r) and r.previous is None:
            earlier[subject(r)] = i
        elif opened_by(_AFTER_CHANGE, r) and r.previous is None and subject(r) in earlier:
            j = earlier.pop(subject(r))
            r.previous = records[j].value
            r.rules.append("figure.before_after")
            drop.add(j)
    return [r for i, r in enumerate(records) if i not in drop]


def dedupe_records(records, headlines=frozenset(), restated=(), fired=None):
    """One record per fact: each pass below drops what repeats another record, and counts what it
    dropped in ``fired`` under its rule's id."""
    fired = Counter() if fired is None else fired
    for rule, keep in (("record.headline", _body_over_headline(headlines, restated)),
                       ("record.repeat_without_region", _named_over_unnamed),
                       ("figure.rise_restated", _level_over_rise),
                       ("record.floor_once", _floor_over_bound)):
        kept = keep(records)
        if len(kept) < len(records):
            fired[rule] += len(records) - len(kept)
        records = kept
    return _fullest_statements(records, fired)


def _body_over_headline(headlines, restated):
    """A headline (a heading block, or a ``restated`` span: 原标题:…) restates a figure of the
    body: the body says it precisely, whatever area or metric the headline lumps the figure under
    (河南提高城乡低保标准 农村每人每年不低于3450元)."""
    def said(r):
        return (r.adcode, r.program, r.value, r.unit)

    def headline(r):
        return r.provenance.block in headlines or any(a <= r.provenance.start < b for a, b in restated)

    def keep(records):
        body = {said(r) for r in records if not headline(r)}
        return [r for r in records if not headline(r) or said(r) not in body]
    return keep


def _named_over_unnamed(records):
    """A record that repeats a figure without its region adds nothing."""
    def key(r):
        return (r.program, r.area, r.variant, r.metric, r.value, r.unit, r.value_max, r.basis)

    with_region = {key(r) for r in records if r.region_inferred is False}
    records = [r for r in records if not (r.region_inferred and key(r) in with_region)]
    named = {key(r) for r in records if r.region}
    return [r for r in records if r.region or key(r) not in named]


def _level_over_rise(records):
    """figure.rise_alone: a rise (调高15元) is a record only where the document states no level of
    the same subject (program, area, variant): beside 由195元提高到210元 it restates that change."""
    levels = {(r.program, r.area, r.variant) for r in records if r.metric != "increase"}
    return [r for r in records if r.metric != "increase" or (r.program, r.area, r.variant) not in levels]


def _floor_over_bound(records):
    """不低于4200元 in one place and 指导标准…4200元 in another: one floor, not also a standard."""
    def fact(r):
        return (r.adcode, r.program, r.area, r.value, r.unit)

    floors = {fact(r) for r in records if r.metric == "floor"}
    return [r for r in records if not (r.metric == "standard" and r.bound == "min" and fact(r) in floors)]


def _fullest_statements(records, fired):
    """record.fullest_statement: a figure said twice (a lead, then the body's 由540元提高到556元) is
    one record, and the statement that also gives its earlier value or its date is the one kept."""
    def fullness(r):
        return (r.previous is not None, r.period is not None)

    at, out = {}, []
    for r in records:
        key = (r.region, r.adcode, r.program, r.area, r.variant, r.metric, r.value, r.unit, r.value_max,
               r.basis)
        if key not in at:
            at[key] = len(out)
            out.append(r)
            continue
        fired["record.repeat"] += 1
        if fullness(r) > fullness(out[at[key]]):
            out[at[key]] = r
            r.rules.append("record.fullest_statement")
    return out
