"""Places: where a clause's figures apply (the places it names, its groups, a bare city name,
the parts of a city a document defines, tiers of places). A mixin of ``SentenceReader``."""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace


from language.titles import CITED as CITED_TITLE, QUOTED_OR_CITED as _QUOTED

from .frames import Context, _dedupe, outside_matches
from gazetteer import MUNICIPALITIES, OUTLET_AFTER, Region, RegionMention

_CLAUSE_START = re.compile(r"(?:^|[,;。:])\s*")


# what follows a bare city name that opens a clause: a time, a verb or the standard's subject
_AFTER_BARE_CITY = re.compile(r"(?:自|从|于|将|已|今年|城市|城镇|农村|城乡|低保|特困|\d)")


_LIST_GAP = re.compile(r"\s*(?:各[区县市](?:\([^)]*\))?)?\s*(?:[、,]|和|及|与|以及)?\s*")


_LIST_GAP_WORD = re.compile(r"\s*[、,]\s*[^、,;。\d]{1,5}\s*[、,和及]\s*")


def _part_of(region, words: str):
    """A place without a code named after the region it is part of: 贵州省 + 其余县."""
    return Region(None, region.name + words, "group", region.code)


def _as_written(m):
    """A zone without a code is named as the text writes it (成都高新区), unless the text gives only
    the kind of zone (高新区 in a list of 石家庄's districts): then by the table's name for it."""
    region = m.region
    if region.code or region.level == "group":
        return region
    short = (region.short_name or "").removesuffix("区")
    if short and m.text in (short, short + "区"):
        return region
    return replace(region, name=m.text)


def _start(mention) -> int:
    return mention.start


class PlaceReader:
    def _sentence_mentions(self, text: str, offset: int, ctx: Context, within_found=None) -> list:
        """The places a sentence names, read once for all its clauses: full names anywhere (from
        ``ctx.named`` when the document's are known), and short names (路南, 迁安) under the
        region the text is about (``within_found`` when the regions component has read them)."""
        if self.regions is None:
            return []
        if ctx.named is not None:  # the document's, read once: those in this sentence
            end = offset + len(text)
            lo = bisect_left(ctx.named, offset, key=_start)
            hi = bisect_left(ctx.named, end, key=_start)
            mentions = [m._replace(start=m.start - offset, end=m.end - offset)
                        for m in ctx.named[lo:hi] if m.end <= end]
        else:
            mentions = self.regions.find(text)
        if ctx.within:
            if within_found is None:
                within_found = self.regions.find(text, within=ctx.within)
            taken = [(m.start, m.end) for m in mentions]
            mentions += [m for m in within_found if not any(a < m.end and m.start < b for a, b in taken)]
            mentions.sort(key=lambda m: m.start)
        # region.outlet: 湖北日报, 新甘肃客户端 name the medium, not a place the sentence is about
        mentions = [m for m in mentions if not OUTLET_AFTER.match(text, m.end)]
        if "(" in text:  # region.exclusion: places in (不含…)/(…除外) are taken out, not in
            mentions = outside_matches(mentions, self.lex.exclusion, text)
        mentions = sorted(mentions + self._bare_city_starts(text, mentions, ctx), key=_start)
        groups = self._groups(text, mentions, ctx.region)
        if groups:
            mentions = sorted(mentions + groups, key=_start)
        if "《" in text:  # region.cited_title: a place inside 《…》 is the cited document's
            mentions = outside_matches(mentions, CITED_TITLE, text)
        return mentions

    def _groups(self, text: str, mentions: list, home) -> list:
        """region.uncoded_group: 五区, 两县一市, 渝东南片区 … as mentions of places without a code,
        named after ``home`` (the place the text is about) where it is a province or a city."""
        lex, out = self.lex, []
        city = home is not None and home.code and (home.level == "prefecture" or home.code in MUNICIPALITIES)
        region_of = home.name if home is not None and home.code and home.level == "province" else ""
        for m in lex.group_places.finditer(text):
            a, b = m.span()
            # counted groups of counties (三县, 五区) are a city's; named parts (渝东南片区) a province's too
            prefix = home.name if city else (region_of if not m.group()[0] in "一二两三四五六七八九十" else "")
            before = text[max(0, a - 4):a]
            if any(x.start < b and a < x.end for x in mentions) or lex.group_not.match(m.group()):
                continue
            if before and "\u4e00" <= before[-1] <= "\u9fff" and not lex.group_after.search(before):
                continue
            if prefix and m.group().startswith(prefix[:2]):
                continue  # the city's own name (兰州新区) is no group of it
            if (ex := lex.exclusion.match(text, b)) is not None:
                b = ex.end()
            out.append(RegionMention(a, b, text[a:b], Region(None, prefix + text[a:b], "group",
                                                             home.code if prefix else None)))
        return out

    def _bare_city_starts(self, text: str, mentions: list, ctx: Context) -> list:
        """region.bare_city: a prefecture's bare short name opening a clause (台州自7月1日起将…)."""
        out = []
        for m in _CLAUSE_START.finditer(text):
            at = m.end()
            if any(x.start <= at < x.end for x in mentions):
                continue
            for n in (3, 2):
                city = self.regions.bare_city(text[at:at + n])
                if city is not None and _AFTER_BARE_CITY.match(text, at + n):
                    if ctx.within is None or self.regions.is_within(city, ctx.within[:2] + "0000"):
                        out.append(RegionMention(at, at + n, text[at:at + n], city))
                    break
        return out

    def _regions(self, ctext: str, ctx: Context, mentions: list) -> list:
        """The places a clause is about, from the ``mentions`` in it."""
        if self.regions is None:
            return []
        rest = self.lex.remaining_places.match(ctext)
        if rest and ctx.region is not None and ctx.region.code:
            return [_part_of(ctx.region, rest.group(1))]
        part = self.lex.city_part.match(ctext)
        if part and ctx.region is not None and ctx.region.level == "prefecture":
            return [_part_of(ctx.region, part.group("part"))]
        for term, places in ctx.defined.items():
            if term in ctext:
                return list(places)
        if mentions:
            quoted = [m.span() for m in _QUOTED.finditer(ctext)]
            mentions = [m for m in mentions if not any(a < m.start < b for a, b in quoted)]
        if not mentions:
            return self._area_classes(ctext, ctx.region)
        # the longest run of mentions joined only by list separators is the clause's subject
        runs, run = [], [mentions[0]]
        for a, b in zip(mentions, mentions[1:]):
            gap = ctext[a.end:b.start]
            if _LIST_GAP.fullmatch(gap) or _LIST_GAP_WORD.fullmatch(gap):
                run.append(b)
            else:
                runs.append(run)
                run = [b]
        runs.append(run)
        # the longest run; of equal ones, a named place over the whole country (全国已有27个省份…)
        best = max(runs, key=lambda r: (len(r), not any(m.region.level == "country" for m in r)))
        if len(best) == 1 and best[0].region.level == "prefecture":
            part = self._part_after(ctext, best[0])
            if part:
                return [part]
        classes = self._area_classes(ctext, best[0].region if len(best) == 1 else ctx.region)
        if classes:
            return classes
        return _dedupe(_as_written(m) for m in best)

    def defined_areas(self, text: str, within: str | None) -> dict:
        """Parts of a city a document defines by the places they include: 十堰城区 -> [张湾区, …]."""
        out = {}
        if "(含" not in text and "(包" not in text:  # every definition opens its list so
            return out
        for m in self.lex.defined_area.finditer(text):
            places = [p.region if p.region.code else replace(p.region, name=p.text)
                      for p in self.regions.find(m.group("list"), within=within)]
            term = m.group("term")
            named = self.regions.find(term, within=within)  # 标准为十堰城区 -> 十堰城区
            if named:
                term = term[named[0].start:]
            if len(places) > 1:
                out[term] = _dedupe(places)
        return out

    def _part_after(self, ctext: str, m) -> "Region | None":
        """郑州市区, 郑州所辖县(市): the part of the city its name is followed by."""
        rest = ctext[m.end:]
        if m.text.endswith("市") and rest.startswith("区"):  # 郑州市区: 郑州 + 市区
            rest = "市" + rest
        p = self.lex.part_after_city.match(rest)
        return _part_of(m.region, p.group("part")) if p else None

    def _area_classes(self, ctext: str, divided) -> list:
        """较好、一般、困难地区 of 沧州市: one place without a code per class."""
        m = self.lex.area_classes.search(ctext)
        if not m or divided is None or not divided.code:
            return []
        return [_part_of(divided, f"{c}地区")
                for c in _dedupe(self.lex.area_class.findall(m.group("list")))]

    def _neighbour_regions(self, clause_regions, spans, figures, ci):
        """A tier's regions may stand in a clause of their own before or after its figures."""
        def has_figs(j):
            return any(spans[j].start <= f.start < spans[j].end for f in figures)

        for j in list(range(ci - 1, -1, -1)) + list(range(ci + 1, len(spans))):
            if clause_regions[j] and not has_figs(j):
                if j > ci and any(has_figs(k) for k in range(ci + 1, j)):
                    continue
                regions = list(clause_regions[j])
                # region.tier_list_before: …back over figure-free clauses to the tier's marker
                # (第二档,贵阳市开阳县…麻江县,其余各市(州)的县级市…,保障标准为705元)
                k = j - 1
                while j < ci and k >= 0 and clause_regions[k] and not has_figs(k):
                    regions = list(clause_regions[k]) + regions
                    k -= 1
                k = j + 1  # the list may go on in the clauses after (…麻江县,其余各市(州)的县级市)
                while j > ci and k < len(spans) and clause_regions[k] and not has_figs(k):
                    regions += clause_regions[k]
                    k += 1
                return _dedupe(regions)
            if j < ci and clause_regions[j] and has_figs(j):
                break
        return []
