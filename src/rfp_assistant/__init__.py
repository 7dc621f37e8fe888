"""rfp-assistant: prepare CDMO outsourcing — RFP drafting, proposal comparison, readiness gaps."""

__version__ = "0.1.0"
