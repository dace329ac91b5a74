"""A small built-in gazetteer: US states and major cities to countries, countries to regions.

It is deliberately modest: places it does not know are reported as unknown, never guessed.
"""

from __future__ import annotations

import re

_US_STATES = """AL=Alabama|AK=Alaska|AZ=Arizona|AR=Arkansas|CA=California|CO=Colorado|CT=Connecticut|
    DE=Delaware|FL=Florida|GA=Georgia|HI=Hawaii|ID=Idaho|IL=Illinois|IN=Indiana|IA=Iowa|KS=Kansas|KY=Kentucky|
    LA=Louisiana|ME=Maine|MD=Maryland|MA=Massachusetts|MI=Michigan|MN=Minnesota|MS=Mississippi|
    MO=Missouri|MT=Montana|NE=Nebraska|NV=Nevada|NH=New Hampshire|NJ=New Jersey|NM=New Mexico|
    NY=New York|NC=North Carolina|ND=North Dakota|OH=Ohio|OK=Oklahoma|OR=Oregon|PA=Pennsylvania|
    RI=Rhode Island|SC=South Carolina|SD=South Dakota|TN=Tennessee|TX=Texas|UT=Utah|VT=Vermont|
    VA=Virginia|WA=Washington|WV=West Virginia|WI=Wisconsin|WY=Wyoming|DC=District of Columbia"""
US_STATES = dict(item.strip().split("=") for item in _US_STATES.split("|"))
"""Two-letter code -> state name."""

_CITY_COUNTRY = {
    "United States": """New York|NYC|Los Angeles|Chicago|Houston|Phoenix|Philadelphia|San Antonio|San Diego|
        Dallas|San Jose|Austin|San Francisco|Bay Area|Silicon Valley|Seattle|Denver|Boston|Atlanta|Miami|
        Portland|Nashville|Detroit|Minneapolis|Pittsburgh|Salt Lake City|Raleigh|Charlotte|Washington DC|
        Baltimore|Columbus|Cleveland|Indianapolis|St. Louis|Kansas City|Las Vegas|Boulder|Midwest|
        East Coast|West Coast|Pacific Northwest|New England""",
    "Canada": "Toronto|Vancouver|Montreal|Calgary|Ottawa|Ontario|Quebec|British Columbia|Alberta",
    "United Kingdom": "London|Manchester|Birmingham|Leeds|Bristol|Edinburgh|Glasgow|Cardiff|Belfast|Oxford",
    "Ireland": "Dublin|Cork",
    "Germany": "Berlin|Munich|Hamburg|Frankfurt|Cologne|Stuttgart",
    "France": "Paris|Lyon|Marseille",
    "Netherlands": "Amsterdam|Rotterdam|Utrecht|The Hague",
    "Spain": "Madrid|Barcelona|Valencia",
    "Portugal": "Lisbon|Porto",
    "Italy": "Milan|Rome|Turin",
    "Sweden": "Stockholm|Gothenburg",
    "Denmark": "Copenhagen",
    "Norway": "Oslo",
    "Finland": "Helsinki",
    "Switzerland": "Zurich|Geneva|Basel",
    "Austria": "Vienna",
    "Poland": "Warsaw|Krakow",
    "Czechia": "Prague",
    "Israel": "Tel Aviv|Jerusalem",
    "United Arab Emirates": "Dubai|Abu Dhabi",
    "India": "Bangalore|Bengaluru|Mumbai|Delhi|New Delhi|Hyderabad|Pune|Chennai",
    "Singapore": "Singapore",
    "Australia": "Sydney|Melbourne|Brisbane|Perth",
    "New Zealand": "Auckland|Wellington",
    "Japan": "Tokyo|Osaka",
    "Brazil": "Sao Paulo|São Paulo|Rio de Janeiro",
    "Mexico": "Mexico City|Monterrey|Guadalajara",
    "Nigeria": "Lagos|Abuja|Ibadan|Port Harcourt",
    "South Africa": "Johannesburg|Cape Town|Durban|Pretoria",
    "Ghana": "Accra|Kumasi",
    "Kenya": "Nairobi|Mombasa",
    "Egypt": "Cairo",
    "Vietnam": "Hanoi|Ho Chi Minh City|Saigon|Da Nang",
    "Kazakhstan": "Almaty|Astana",
}

_COUNTRY_ALIASES = {
    "United States": "US|U.S.|USA|U.S.A.|America|United States of America|the States|the US",
    "United Kingdom": "UK|U.K.|Britain|Great Britain|England|Scotland|Wales|Northern Ireland|the UK",
    "United Arab Emirates": "UAE",
    "Czechia": "Czech Republic",
    "Netherlands": "Holland|The Netherlands",
    "South Korea": "Korea",
}

_REGION_COUNTRIES = {
    "North America": "United States|Canada|Mexico",
    "Latin America": "Mexico|Brazil|Argentina|Chile|Colombia|Peru",
    "Europe": """United Kingdom|Ireland|Germany|France|Spain|Portugal|Italy|Netherlands|Belgium|Luxembourg|
        Switzerland|Austria|Poland|Czechia|Sweden|Norway|Denmark|Finland|Iceland|Estonia|Latvia|Lithuania|Greece""",
    "DACH": "Germany|Austria|Switzerland",
    "Nordics": "Sweden|Norway|Denmark|Finland|Iceland",
    "Central Asia": "Kazakhstan|Uzbekistan|Kyrgyzstan",
    "Benelux": "Belgium|Netherlands|Luxembourg",
    "Middle East": "Israel|United Arab Emirates|Saudi Arabia|Qatar",
    "Africa": "South Africa|Nigeria|Kenya|Egypt|Ghana",
    "APAC": "India|China|Japan|South Korea|Singapore|Australia|New Zealand|Indonesia|Philippines|Vietnam",
}
_REGION_ALIASES = {"Latin America": "LATAM", "APAC": "Asia Pacific|Asia", "Nordics": "Scandinavia"}
_EMEA_PARTS = ("Europe", "Middle East", "Africa")


def _split(names: str) -> list[str]:
    return [name.strip() for name in names.split("|") if name.strip()]


def _key(name: str) -> str:
    return re.sub(r"\s+", " ", name.strip().strip(".").lower())


def _build() -> tuple[dict[str, str], dict[str, str], dict[str, set[str]], dict[str, str]]:
    country: dict[str, str] = {}
    for name, names in _COUNTRY_ALIASES.items():
        country.update({_key(alias): name for alias in _split(names)})
    regions_of: dict[str, set[str]] = {}
    for region, names in _REGION_COUNTRIES.items():
        for name in _split(names):
            country[_key(name)] = name
            regions_of.setdefault(name, set()).add(region)
    for name in regions_of:
        if regions_of[name] & set(_EMEA_PARTS):
            regions_of[name].add("EMEA")
    region = {_key(name): name for name in [*_REGION_COUNTRIES, "EMEA"]}
    for name, aliases in _REGION_ALIASES.items():
        region.update({_key(alias): name for alias in _split(aliases)})
    within: dict[str, str] = {_key(state): "United States" for state in US_STATES.values()}
    for name, cities in _CITY_COUNTRY.items():
        within.update({_key(city): name for city in _split(cities)})
    return country, region, regions_of, within


_COUNTRY, _REGION, _REGIONS_OF, _WITHIN = _build()

NAMES = frozenset(
    name
    for table in (_COUNTRY_ALIASES, _REGION_COUNTRIES, _CITY_COUNTRY, _REGION_ALIASES, {"EMEA": ""})
    for key, names in table.items()
    for name in [key, *_split(names)]
) | frozenset(US_STATES.values())
"""Every place name the gazetteer knows, as written (countries, aliases, regions, states, cities)."""


def canonical(name: str) -> str:
    """The gazetteer's spelling of a place name (aliases resolved), or the name as given."""
    key = _key(name)
    return _COUNTRY.get(key) or _REGION.get(key) or name.strip()


def expand(place: str) -> set[str]:
    """Every known name containing ``place``: "Denver, CO" -> denver, colorado, united states, north america.

    Returns canonical lower-case names; the set is empty when no part of ``place`` is known.
    """
    found: set[str] = set()
    for part in re.split(r"[,;/()]|\band\b", place):
        key = _key(part)
        if not key:
            continue
        if part.strip() in US_STATES:
            key = _key(US_STATES[part.strip()])
        country = _COUNTRY.get(key) or _WITHIN.get(key)
        if key in _WITHIN or key in _COUNTRY:
            found.add(key)
        if key in _REGION:
            found.add(_key(_REGION[key]))
        if country:
            found.add(_key(country))
            found.update(_key(region) for region in _REGIONS_OF.get(country, ()))
    return found


_BROAD_REGIONS = ("North America", "Latin America", "Europe", "Middle East", "Africa", "Central Asia", "APAC")


def region_of(name: str) -> str | None:
    """The broad region a known place lies in ("Lagos" -> "Africa"); a region is its own region.

    None when the place is not in the gazetteer. Used to coarsen places in anonymised reports.
    """
    key = _key(name)
    if key in _REGION:
        return _REGION[key]
    country = _COUNTRY.get(key) or _WITHIN.get(key)
    if country is None:
        return None
    regions = _REGIONS_OF.get(country, set())
    return next((r for r in _BROAD_REGIONS if r in regions), "EMEA" if "EMEA" in regions else None)
