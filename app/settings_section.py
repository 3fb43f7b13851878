"""What the settings' dataclasses (:mod:`app.config`) share: one ``__eq__`` and one
``__repr__``, the same as the ones ``dataclass`` writes.

``dataclass`` writes those two as source text for every class it makes and compiles them:
with ``__init__``, most of importing :mod:`app.config` (~30 M instructions), which the desk
does before its window shows. Declared ``@dataclass(repr=False, eq=False)`` on this base,
the sections keep their generated ``__init__`` and use these (docs/performance.md).
"""

from __future__ import annotations

import dataclasses
import reprlib
from typing import Any


def _values(obj: Any) -> tuple[Any, ...]:
    return tuple(getattr(obj, f.name) for f in dataclasses.fields(obj) if f.compare)


class Section:
    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if not cls.__dict__.get("__doc__"):
            # otherwise dataclass writes one from inspect.signature(cls), ~0.25 M instructions
            cls.__doc__ = f"{cls.__name__}: see app.config."

    # Defining __eq__ makes the class unhashable (its __hash__ None), as dataclass does for
    # a class it gives __eq__ that is not frozen: the sections are changed in place.
    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return _values(self) == _values(other)

    @reprlib.recursive_repr()
    def __repr__(self) -> str:
        shown = ", ".join(f"{f.name}={getattr(self, f.name)!r}"
                          for f in dataclasses.fields(self) if f.repr)  # type: ignore[arg-type]
        return f"{type(self).__qualname__}({shown})"
