"""searchapp: paragraph-level full-text search over United Nations resolutions."""

__version__ = "0.1.0"
