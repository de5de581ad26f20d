"""Currencies: the signs, codes and words that mark an amount as money, mapped to ISO 4217."""

from __future__ import annotations

from claims.extract.lexicon import alternation, squeeze

# Printed before the number: "$65bn", "US$3 trillion", "Rs 5,000 crore", "INR 800".
CURRENCY_SIGNS = {
    "$": "USD", "us$": "USD", "us $": "USD", "usd": "USD", "usd$": "USD",
    "a$": "AUD", "au$": "AUD", "aud": "AUD", "c$": "CAD", "ca$": "CAD", "cad": "CAD",
    "hk$": "HKD", "hkd": "HKD", "nz$": "NZD", "nzd": "NZD", "s$": "SGD", "sgd": "SGD",
    "r$": "BRL", "brl": "BRL", "mx$": "MXN", "mxn": "MXN", "nt$": "TWD", "twd": "TWD",
    "£": "GBP", "gbp": "GBP", "€": "EUR", "eur": "EUR", "¥": "JPY", "jpy": "JPY",
    "cny": "CNY", "rmb": "CNY", "₹": "INR", "rs": "INR", "rs.": "INR", "inr": "INR",
    "₩": "KRW", "krw": "KRW", "₽": "RUB", "rub": "RUB", "₺": "TRY",
    "₦": "NGN", "ngn": "NGN", "₪": "ILS", "ils": "ILS", "nis": "ILS", "chf": "CHF",
    "sfr": "CHF", "zar": "ZAR", "pkr": "PKR", "bdt": "BDT", "lkr": "LKR", "npr": "NPR",
    "kes": "KES", "ksh": "KES", "sar": "SAR", "aed": "AED", "egp": "EGP", "sek": "SEK",
    "nok": "NOK", "dkk": "DKK", "pln": "PLN", "uah": "UAH", "idr": "IDR",
    "₱": "PHP", "thb": "THB", "฿": "THB", "vnd": "VND", "₫": "VND", "myr": "MYR", "rm": "MYR",
    "ghs": "GHS", "₵": "GHS", "₴": "UAH", "zł": "PLN", "tk": "BDT", "tk.": "BDT", "৳": "BDT",
    "rp": "IDR",
}
# Signs that are words of letters must be spelt in capitals in the text ("USD", "Rs"),
# so that "try 5" or "rm 3" never turn into money.
LETTER_SIGNS_CASED = {"Rs", "Rs.", "RM", "Ksh", "SFr", "zł", "Tk", "Tk.", "Rp"}

# Printed after the number: "800 rupees", "1.9 million rubles", "10,000 US dollars".
CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "us dollar": "USD", "us dollars": "USD",
    "american dollars": "USD", "australian dollars": "AUD", "canadian dollars": "CAD",
    "hong kong dollars": "HKD", "new zealand dollars": "NZD", "singapore dollars": "SGD",
    "taiwan dollars": "TWD", "euro": "EUR", "euros": "EUR", "pounds sterling": "GBP",
    "sterling": "GBP", "british pounds": "GBP", "egyptian pounds": "EGP",
    "rupee": "INR", "rupees": "INR", "indian rupees": "INR", "pakistani rupees": "PKR",
    "sri lankan rupees": "LKR", "nepalese rupees": "NPR", "nepali rupees": "NPR",
    "bangladeshi taka": "BDT", "mexican pesos": "MXN", "chinese yuan": "CNY",
    "japanese yen": "JPY", "russian rubles": "RUB", "russian roubles": "RUB",
    "turkish lira": "TRY", "south african rand": "ZAR", "nigerian naira": "NGN",
    "israeli shekels": "ILS", "polish zloty": "PLN", "ukrainian hryvnias": "UAH",
    "brazilian reais": "BRL", "reais": "BRL", "indonesian rupiah": "IDR",
    "ruble": "RUB", "rubles": "RUB",
    "rouble": "RUB", "roubles": "RUB", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY",
    "peso": "MXN", "pesos": "MXN", "philippine pesos": "PHP", "argentine pesos": "ARS",
    "swiss francs": "CHF", "francs": "CHF", "shekel": "ILS", "shekels": "ILS", "naira": "NGN",
    "rand": "ZAR", "south korean won": "KRW", "lira": "TRY", "liras": "TRY", "riyal": "SAR",
    "riyals": "SAR", "dirham": "AED", "dirhams": "AED", "ringgit": "MYR", "baht": "THB",
    "dong": "VND", "rupiah": "IDR", "hryvnia": "UAH", "hryvnias": "UAH", "zloty": "PLN",
    "zlotys": "PLN", "kronor": "SEK", "kroner": "NOK", "taka": "BDT", "cedis": "GHS",
    "shillings": "KES", "kenyan shillings": "KES", "cents": "USD", "cent": "USD",
    "us cents": "USD", "us cent": "USD",
    "pence": "GBP", "paise": "INR",
}
# Words worth a hundredth of the main unit.
MINOR_WORDS = frozenset({"cents", "cent", "us cents", "us cent", "pence", "paise"})
# "pounds" is money only next to a scale word or in a text that already prints pound amounts.
POUND_WORDS = frozenset({"pound", "pounds"})

SIGN_CHARS = "".join(sorted({s[0] for s in CURRENCY_SIGNS if not s[0].isalpha()}))
# Letter signs as printed, longest first: "US$", "USD", "Rs.", "A$".
_PRINTED_SIGNS = tuple(sorted(
    {s.upper().replace(" ", "") for s in CURRENCY_SIGNS if s[0].isalpha()} | LETTER_SIGNS_CASED,
    key=len, reverse=True,
))
WORD_PATTERN = alternation(list(CURRENCY_WORDS) + list(POUND_WORDS))


def sign_currency(sign: str) -> str | None:
    """The ISO code of a sign printed before a number, or None if it is not one here."""
    compact = squeeze(sign).replace(" ", "")
    if compact.isalpha() or compact.rstrip(".").isalpha():
        stripped = sign.strip()
        if not (stripped.isupper() or stripped in LETTER_SIGNS_CASED):
            return None
    return CURRENCY_SIGNS.get(compact) or CURRENCY_SIGNS.get(squeeze(sign))


_SIGN_ENDS = frozenset(SIGN_CHARS) | {s[-1] for s in _PRINTED_SIGNS}


def sign_before(text: str, pos: int, floor: int) -> tuple[str | None, int]:
    """The currency of a sign printed right before the number at `pos`, and where it starts.

    "$65bn", "£1.2m", "US$3", "A$ 5", "Rs 5,000", "INR 800"; `(None, pos)` when there is none.
    """
    cut = pos - 1 if pos - 1 > floor and text[pos - 1] in " \u00a0" else pos
    if cut <= floor or text[cut - 1] not in _SIGN_ENDS:
        return None, pos
    if text[cut - 1] in SIGN_CHARS:
        sign_start = cut - 1
        while sign_start > floor and cut - sign_start < 4 and text[sign_start - 1].isupper():
            sign_start -= 1
        for start in range(sign_start, cut):
            currency = sign_currency(text[start:cut])
            if currency and (start == floor or not text[start - 1].isalnum()):
                return currency, start
        return None, pos
    window = text[max(floor, cut - 4):cut]
    if window.endswith(_PRINTED_SIGNS):
        sign = next(s for s in _PRINTED_SIGNS if window.endswith(s))
        start = cut - len(sign)
        if start == floor or not text[start - 1].isalnum():
            return sign_currency(sign), start
    return None, pos


def word_currency(word: str) -> str | None:
    """The ISO code of a currency word printed after a number ("rupees" -> INR)."""
    return CURRENCY_WORDS.get(squeeze(word))
