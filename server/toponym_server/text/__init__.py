"""Free text: find the place names a document mentions and resolve them together."""

from toponym_server.text.document import Mention, TextResolver

__all__ = ["Mention", "TextResolver"]
