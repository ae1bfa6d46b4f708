"""Every matching rule of toponym, free of I/O: normalization, keys, ranking and confidence.

The index builder uses :mod:`.keys` to index names; the resolver uses the same functions on
queries, then :mod:`.ranking` and :mod:`.confidence` to order and score what the index returned.
A rule changes here, in one place, and both sides follow.
"""
