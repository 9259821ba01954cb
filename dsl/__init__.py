"""rbl: a compiler for portfolio-rebalancing strategies (front end: text -> checked IR)."""

__version__ = "0.1.0"
