"""toponym server: resolve place names in any spelling, script or language to GeoNames IDs.

The data flows one way through the subpackages: ``sources`` (gazetteer readers) →
``index`` (build the index file, read it back) → ``resolver`` (answer queries with the
rules of ``matching``) → ``service`` (gRPC) → the ``toponym_client`` package.
"""

__version__ = "0.1.0"
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
"""How the command line, and the processes it starts, write their log lines."""
