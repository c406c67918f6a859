"""polex: Chinese policy notices → structured, traceable knowledge."""

__version__ = "0.1.0"
