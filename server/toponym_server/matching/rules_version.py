"""Version of the matching rules baked into index keys.

Bump it whenever normalization, keys or prominence change what the index stores: a server
then rebuilds an index it built itself instead of reading stale keys.
"""

RULES_VERSION = "31"
