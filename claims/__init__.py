"""claim desk: find the checkable claims in news articles and carry them to a verdict."""

__version__ = "0.1.0"
