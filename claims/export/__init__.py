"""Every export format, and dump/restore. Exports only read; `dump.restore_dump` alone writes.

| module | what it writes |
| --- | --- |
| `report.py` | one article's report, HTML (self-contained, printable) and Markdown |
| `tabular.py` | claims as CSV and JSON Lines, streamed, with the review queue's filters |
| `claimreview.py` | schema.org ClaimReview JSON-LD for approved claims, validated |
| `annotations.py` | W3C Web Annotation JSON-LD for claim quotes and notes |
| `dump.py` | the whole database as one versioned JSON Lines file, and its restore |
| `records.py` | the streamed claim records the formats above read |
| `safety.py` | CSV formula neutralising, HTML and Markdown escaping, JSON inside HTML |
"""
