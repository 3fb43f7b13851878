"""Reusable desk widgets."""
