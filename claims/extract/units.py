"""Units of measure with their singular names, and the singular lemma of a counted noun."""

from __future__ import annotations

import functools

from claims.extract.lexicon import alternation, squeeze, words_of

# unit name -> (singular unit, factor): "decades" -> 10 years.
_BASE_UNITS: dict[str, tuple[str, float]] = {
    "second": ("second", 1), "sec": ("second", 1), "minute": ("minute", 1),
    "min": ("minute", 1), "hour": ("hour", 1), "hr": ("hour", 1), "day": ("day", 1),
    "week": ("week", 1), "fortnight": ("week", 2), "month": ("month", 1), "year": ("year", 1),
    "yr": ("year", 1), "decade": ("year", 10), "century": ("year", 100),
    "millennium": ("year", 1000),
    "millimeter": ("millimeter", 1), "millimetre": ("millimeter", 1),
    "mm": ("millimeter", 1), "centimeter": ("centimeter", 1), "centimetre": ("centimeter", 1),
    "cm": ("centimeter", 1), "meter": ("meter", 1), "metre": ("meter", 1),
    "kilometer": ("kilometer", 1), "kilometre": ("kilometer", 1), "km": ("kilometer", 1),
    "mile": ("mile", 1), "nautical mile": ("nautical mile", 1), "foot": ("foot", 1),
    "ft": ("foot", 1), "inch": ("inch", 1), "yard": ("yard", 1),
    "light-year": ("light-year", 1),
    "acre": ("acre", 1), "hectare": ("hectare", 1), "km2": ("square kilometer", 1),
    "km²": ("square kilometer", 1), "sq km": ("square kilometer", 1),
    "sq mi": ("square mile", 1), "sq ft": ("square foot", 1), "m²": ("square meter", 1),
    "sq m": ("square meter", 1),
    "milligram": ("milligram", 1), "mg": ("milligram", 1), "gram": ("gram", 1),
    "kilogram": ("kilogram", 1), "kilo": ("kilogram", 1), "kg": ("kilogram", 1),
    "tonne": ("tonne", 1), "ton": ("ton", 1), "metric ton": ("tonne", 1),
    "pound": ("pound", 1), "lb": ("pound", 1), "ounce": ("ounce", 1), "oz": ("ounce", 1),
    "carat": ("carat", 1),
    "liter": ("liter", 1), "litre": ("liter", 1), "milliliter": ("milliliter", 1),
    "millilitre": ("milliliter", 1), "ml": ("milliliter", 1), "gallon": ("gallon", 1),
    "barrel": ("barrel", 1), "cubic meter": ("cubic meter", 1),
    "cubic metre": ("cubic meter", 1), "cubic foot": ("cubic foot", 1),
    "mph": ("mile per hour", 1), "miles per hour": ("mile per hour", 1),
    "kilometers per hour": ("kilometer per hour", 1), "km/h": ("kilometer per hour", 1),
    "kph": ("kilometer per hour", 1), "knot": ("knot", 1),
    "degree": ("degree", 1), "degrees celsius": ("degree Celsius", 1),
    "degrees fahrenheit": ("degree Fahrenheit", 1), "°c": ("degree Celsius", 1),
    "°f": ("degree Fahrenheit", 1), "ºc": ("degree Celsius", 1), "ºf": ("degree Fahrenheit", 1),
    "c": ("degree Celsius", 1), "f": ("degree Fahrenheit", 1),
    "watt": ("watt", 1), "kilowatt": ("kilowatt", 1), "kw": ("kilowatt", 1),
    "megawatt": ("megawatt", 1), "mw": ("megawatt", 1), "gigawatt": ("gigawatt", 1),
    "gw": ("gigawatt", 1), "kilowatt-hour": ("kilowatt hour", 1), "kwh": ("kilowatt hour", 1),
    "mwh": ("megawatt hour", 1), "gwh": ("gigawatt hour", 1), "twh": ("terawatt hour", 1),
    "volt": ("volt", 1), "megabyte": ("megabyte", 1), "mb": ("megabyte", 1),
    "gigabyte": ("gigabyte", 1), "gb": ("gigabyte", 1), "terabyte": ("terabyte", 1),
    "tb": ("terabyte", 1), "calorie": ("calorie", 1), "kcal": ("kilocalorie", 1),
    "magnitude": ("magnitude", 1), "point": ("point", 1),
    "percentage point": ("percentage point", 1),
    "basis point": ("basis point", 1), "bps": ("basis point", 1),
    "times": ("factor", 1), "fold": ("factor", 1),
}
_SQUARE = ("meter", "metre", "kilometer", "kilometre", "mile", "foot", "yard", "centimeter",
           "centimetre")
_IRREGULAR_UNITS = {"feet": "foot", "inches": "inch", "centuries": "century",
                    "millennia": "millennium", "kilos": "kilo", "lbs": "lb", "hrs": "hr",
                    "yrs": "yr", "secs": "sec", "mins": "min", "kms": "km",
                    "square feet": "square foot", "cubic feet": "cubic foot",
                    "degrees": "degree"}

_UNPLURALISED = words_of(
    """mm cm km ft mg kg lb oz ml kw mw gw kwh mwh gwh twh mb gb tb kcal bps mph kph times fold
    sq km sq mi sq ft sq m km2 century millennium ºc ºf c f"""
) | {"sq km", "sq mi", "sq ft", "sq m", "miles per hour", "kilometers per hour",
    "degrees celsius", "degrees fahrenheit"}

TIME_UNITS = frozenset({"second", "minute", "hour", "day", "week", "month", "year"})


def _all_units() -> dict[str, tuple[str, float]]:
    units = dict(_BASE_UNITS)
    for length in _SQUARE:
        units["square " + length] = ("square " + _BASE_UNITS[length][0], 1)
    for name, (unit, factor) in list(units.items()):
        plain = name.replace(" ", "").replace("-", "").isalpha()
        if plain and not name.endswith("foot") and name not in _UNPLURALISED:
            units[name + ("es" if name.endswith("inch") else "s")] = (unit, factor)
    for plural, singular in _IRREGULAR_UNITS.items():
        units[plural] = units[singular]
    for name, value in list(units.items()):
        if " " in name:
            units[name.replace(" ", "-")] = value
    return units


MEASURE_UNITS = _all_units()
UNIT_PATTERN = alternation(sorted(MEASURE_UNITS, key=len, reverse=True))


@functools.lru_cache(maxsize=4096)
def measure_unit(name: str) -> tuple[str, float] | None:
    """`(singular unit, factor)` for a unit as printed ("decades" -> ("year", 10)), or None."""
    key = squeeze(name)
    return MEASURE_UNITS.get(key) or MEASURE_UNITS.get(key.replace("-", " "))


_IRREGULAR_NOUNS = {
    "people": "person", "persons": "person", "children": "child", "men": "man",
    "women": "woman", "feet": "foot", "teeth": "tooth", "mice": "mouse", "geese": "goose",
    "lives": "life", "wives": "wife", "knives": "knife", "halves": "half", "leaves": "leaf",
    "thieves": "thief", "wolves": "wolf", "shelves": "shelf", "criteria": "criterion",
    "phenomena": "phenomenon", "analyses": "analysis", "crises": "crisis", "theses": "thesis",
    "indices": "index", "others": "person", "oxen": "ox", "police": "police",
    "aircraft": "aircraft", "series": "series", "species": "species", "sheep": "sheep",
    "deer": "deer", "fish": "fish", "staff": "staff", "personnel": "personnel",
    "media": "media", "data": "data", "news": "news", "olympics": "Olympics",
    "movies": "movie", "cookies": "cookie", "lies": "lie", "ties": "tie", "pies": "pie",
    "buses": "bus", "gases": "gas", "heroes": "hero", "potatoes": "potato",
    "tomatoes": "tomato", "vetoes": "veto", "echoes": "echo", "torpedoes": "torpedo",
}
_DEMONYMS_IN_I = words_of(
    """israeli iraqi pakistani somali saudi kuwaiti yemeni bangladeshi nepali qatari emirati
    omani azerbaijani kashmiri punjabi bengali gujarati hindi afghani"""
)
_NAME_ENDINGS = ("as", "os", "ens", "ius")
_NOT_PLURAL_ENDINGS = ("ss", "us", "is", "ous", "ics", "'s", "’s")


def is_plural(word: str) -> bool:
    """Whether a noun looks plural ("soldiers", "people"), by its spelling alone."""
    return plural_lemma(word) is not None


@functools.lru_cache(maxsize=4096)
def plural_lemma(word: str) -> str | None:
    """The singular of `word` if it looks plural (people -> person, injuries -> injury)."""
    lower = word.lower()
    irregular = _IRREGULAR_NOUNS.get(lower)
    if irregular is not None:
        return irregular if irregular != lower else None
    if lower[-1:] != "s" or len(lower) <= 2 or lower.endswith(_NOT_PLURAL_ENDINGS):
        return word[:-1] if word[:1].isupper() and lower[:-1] in _DEMONYMS_IN_I else None
    if word[:1].isupper() and lower.endswith(_NAME_ENDINGS):
        return None  # "Hamas", "Texas", "Athens" are names, not plurals
    if lower.endswith("ies") and len(lower) > 4:
        return word[:-3] + "y"
    if lower.endswith(("ches", "shes", "sses", "xes", "zzes")):
        return word[:-2]
    return word[:-1]


def singular(word: str) -> str:
    """The singular lemma of a counted noun; a word that is not plural stays as it is."""
    return plural_lemma(word) or word

