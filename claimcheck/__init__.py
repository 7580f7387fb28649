"""claimcheck (assembling; full exports come when every stage exists)."""

__version__ = "0.1.0"
