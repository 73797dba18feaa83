"""The gazetteer: China's administrative divisions, the places a text names, and the region a
document is about. See README.md.

    >>> from gazetteer import RegionIndex
    >>> RegionIndex.default().lookup("黔南州").code
    '522700'
"""
from .evidence import OUTLET_AFTER, Evidence
from .index import RegionIndex, resolve_deictic
from .model import COUNTRY, MUNICIPALITIES, Region, RegionMention
from .sources import DATA

__all__ = ["RegionIndex", "Region", "RegionMention", "Evidence", "COUNTRY", "MUNICIPALITIES",
           "OUTLET_AFTER", "DATA", "resolve_deictic"]
