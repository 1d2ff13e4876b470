"""How a rendered .docx marks each item: a bookmark `drafter_<item id>` spanning its paragraphs.

The writer sets these anchors and collect reads them back from the copies units return, so the
naming lives here, below both, rather than in the writer.
"""
from __future__ import annotations

BOOKMARK_PREFIX = "drafter_"


def bookmark_name(item_id: str) -> str:
    """The bookmark that spans an item's paragraphs in a rendered .docx (ids are at most 32
    characters, so the name stays within Word's 40)."""
    return BOOKMARK_PREFIX + item_id


def item_id_of(bookmark: str) -> str | None:
    """The item id a bookmark name stands for, or None for other bookmarks (_GoBack, …)."""
    if not bookmark.startswith(BOOKMARK_PREFIX):
        return None
    return bookmark[len(BOOKMARK_PREFIX):] or None
