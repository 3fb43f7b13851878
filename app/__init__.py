"""Loan Kiosk application core: domain rules, services, configuration and CLI (no Qt here)."""

__version__ = "0.1.0"
