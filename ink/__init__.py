"""Signatures as data: the stroke format and its quality gate (:mod:`ink.signature`), and the
pure geometry that turns strokes into smooth ink (:mod:`ink.geometry`).

The lowest floor: standard library only, so the app, the printing floor and the desk all
share one definition without any of them reaching up into another.
"""
