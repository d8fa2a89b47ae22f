"""Models declared once, the pydantic way: plain frozen objects when checking, validated by
pydantic when a file is loaded.

A check validates nothing: the pack comes from its snapshot, ready to use. Yet importing
pydantic and building its model classes took about 80 ms of the 0.19 s of a one-article run.
So the pack's, the rules' and the configuration's models derive from `Model`, written as
pydantic models are (annotations, `Field(...)`, `ConfigDict(...)`, `field_validator`,
`model_validator`, `AfterValidator` from this module), but a `Model` class is a plain class:
creating one costs microseconds, and nothing here imports pydantic.

`Model.model_validate(data)` imports pydantic and builds, once per class, its *schema class*:
a real `pydantic.BaseModel` made from the same class body (fields, validators, config,
methods). Pydantic validates with it, so the rules, coercions and error messages are its own;
what comes back is an instance of the plain class, nested models included. Validators run on
the schema class (their `cls` or `self` is its): they may use fields and the class's methods,
not `super()` or `isinstance` against the plain class.

Instances are frozen and compare, hash and print by their fields, in declaration order (a
rule's digest is built from those reprs: `briefcheck.cache.rule_digest`). Cached properties
work as on any class. Constructing a model directly (`Model(**values)`, `model_construct`,
`model_copy`) does not validate, as with pydantic's `model_construct`.
"""

from __future__ import annotations

from collections.abc import Callable
from copy import copy
from typing import TYPE_CHECKING, Any, ClassVar, Self

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler, TypeAdapter
    from pydantic_core import CoreSchema

_MISSING: Any = type("_Missing", (), {"__repr__": lambda self: "MISSING"})()
_SET = "__fields_set__"  # where an instance keeps the names of the fields it was given


def ConfigDict(**settings: Any) -> dict[str, Any]:  # pydantic's name
    """A model's pydantic configuration (`extra`, `frozen`, `populate_by_name`, ...)."""
    return settings


class FieldSpec:
    """A field's default (or default factory) and its pydantic settings (`alias`,
    `min_length`, `pattern`, `description`, ...), given to `pydantic.Field` when validating."""

    __slots__ = ("default", "default_factory", "settings")

    def __init__(
        self, default: Any, default_factory: Callable[[], Any] | None, settings: dict[str, Any]
    ) -> None:
        self.default = default
        self.default_factory = default_factory
        self.settings = settings

    @property
    def required(self) -> bool:
        return self.default is _MISSING and self.default_factory is None

    def value(self) -> Any:
        """The default value of a field not given (a copy of a mutable one, as pydantic
        gives)."""
        if self.default_factory is not None:
            return self.default_factory()
        mutable = isinstance(self.default, (list, dict, set))
        return copy(self.default) if mutable else self.default

    def to_pydantic(self) -> Any:
        from pydantic import Field as PydanticField

        if self.default_factory is not None:
            return PydanticField(default_factory=self.default_factory, **self.settings)
        if self.default is _MISSING:
            return PydanticField(**self.settings)
        return PydanticField(default=self.default, **self.settings)


def Field(  # pydantic's name
    default: Any = _MISSING, *, default_factory: Callable[[], Any] | None = None, **settings: Any
) -> Any:
    """A field with settings, as `pydantic.Field` takes them."""
    return FieldSpec(default, default_factory, settings)


class _Decorated:
    """A validator method as written in a class body; a pydantic decorator when validating."""

    __slots__ = ("args", "func", "kind", "settings")

    def __init__(self, kind: str, args: tuple[str, ...], settings: dict[str, Any], func: Any):
        self.kind, self.args, self.settings, self.func = kind, args, settings, func

    def to_pydantic(self) -> Any:
        import pydantic

        decorate = getattr(pydantic, self.kind)
        return decorate(*self.args, **self.settings)(self.func)


def field_validator(*fields: str, **settings: Any) -> Callable[[Any], Any]:
    """`pydantic.field_validator`, applied when the schema class is built."""
    return lambda func: _Decorated("field_validator", fields, settings, func)


def model_validator(**settings: Any) -> Callable[[Any], Any]:
    """`pydantic.model_validator`, applied when the schema class is built."""
    return lambda func: _Decorated("model_validator", (), settings, func)


class AfterValidator:
    """A check run on a value after pydantic validated its type, in `Annotated[T, ...]`
    metadata (as `pydantic.AfterValidator`): `func(value)` returns the value or raises
    ValueError."""

    __slots__ = ("func",)

    def __init__(self, func: Callable[[Any], Any]) -> None:
        self.func = func

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        from pydantic_core import core_schema

        return core_schema.no_info_after_validator_function(self.func, handler(source))


class Model:
    """Base of briefcheck's declared models (see the module's docstring)."""

    model_config: ClassVar[dict[str, Any]] = {}
    model_fields: ClassVar[dict[str, FieldSpec]] = {}  # every field, the bases' first, in order
    _body: ClassVar[dict[str, Any]] = {}  # the class body as written, for the schema class

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        body = dict(vars(cls))
        fields = dict(cls.model_fields)
        for name in body.get("__annotations__", {}):
            if name == "model_config" or _class_var(body["__annotations__"][name]):
                continue
            value = body.get(name, _MISSING)
            fields[name] = value if isinstance(value, FieldSpec) else FieldSpec(value, None, {})
        cls._body = body
        cls.model_fields = fields

    def __init__(self, **values: Any) -> None:
        unknown = set(values) - set(self.model_fields)
        if unknown:
            raise TypeError(f"{type(self).__name__}: no field {sorted(unknown)[0]!r}")
        state = self.__dict__
        for name, spec in self.model_fields.items():
            if name in values:
                state[name] = values[name]
            elif spec.required:
                raise TypeError(f"{type(self).__name__}: field {name!r} is required")
            else:
                state[name] = spec.value()
        state[_SET] = frozenset(values)

    # ------------------------------------------------------------------ frozen, by fields

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen: cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen: cannot delete {name!r}")

    def __setstate__(self, state: dict[str, Any]) -> None:  # pickle
        self.__dict__.update(state)

    def _values(self) -> tuple[Any, ...]:
        return tuple(self.__dict__[name] for name in self.model_fields)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._values() == other._values()  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash((type(self), self._values()))

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={self.__dict__[name]!r}" for name in self.model_fields)
        return f"{type(self).__name__}({shown})"

    # ------------------------------------------------------------------ pydantic's methods

    @property
    def model_fields_set(self) -> frozenset[str]:
        """The fields given when the model was made (not left to their defaults)."""
        return self.__dict__[_SET]

    @classmethod
    def model_construct(cls, _fields_set: set[str] | None = None, **values: Any) -> Self:
        """An instance from values known to be valid (no validation)."""
        made = cls(**values)
        if _fields_set is not None:
            made.__dict__[_SET] = frozenset(_fields_set)
        return made

    def model_copy(self, *, update: dict[str, Any] | None = None) -> Self:
        """A copy with some fields replaced (no validation); cached properties start again."""
        values = {name: self.__dict__[name] for name in self.model_fields}
        return type(self).model_construct(
            self.model_fields_set | set(update or ()), **values | (update or {})
        )

    def model_dump(self, *, mode: str = "python", exclude_defaults: bool = False) -> dict[str, Any]:
        """The fields as plain values, nested models as dicts (mode "json": tuples and sets
        as lists)."""
        out = {}
        for name, spec in self.model_fields.items():
            value = self.__dict__[name]
            if exclude_defaults and not spec.required and value == spec.value():
                continue
            out[name] = _dump(value, mode)
        return out

    @classmethod
    def model_validate(cls, data: Any) -> Self:
        """An instance from data, validated by pydantic; raises pydantic.ValidationError."""
        return _adapter(cls).validate_python(data)

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        """How pydantic validates this class, also as a field of another model: with the
        schema class, then made an instance of this class; an instance passes as it is."""
        from pydantic_core import core_schema

        def validate(value: Any, inner: Callable[[Any], Any]) -> Any:
            return value if isinstance(value, cls) else cls._from_schema(inner(value))

        return core_schema.no_info_wrap_validator_function(validate, handler(schema_class(cls)))

    @classmethod
    def _from_schema(cls, validated: Any) -> Self:
        made = cls.__new__(cls)
        state = made.__dict__
        for name in cls.model_fields:
            state[name] = getattr(validated, name)
        state[_SET] = frozenset(validated.model_fields_set)
        return made


def _class_var(annotation: Any) -> bool:
    """Whether an annotation (a string, or a type when annotations are not postponed) is
    `ClassVar[...]`: a class attribute, not a field."""
    return str(annotation).startswith(("ClassVar", "typing.ClassVar"))


def _dump(value: Any, mode: str) -> Any:
    if isinstance(value, Model):
        return value.model_dump(mode=mode)
    if isinstance(value, dict):
        return {k: _dump(v, mode) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [_dump(v, mode) for v in value]
        return items if mode == "json" or isinstance(value, list) else type(value)(items)
    return value


_SCHEMAS: dict[type, type] = {}
_ADAPTERS: dict[type, TypeAdapter[Any]] = {}


def schema_class(cls: type[Model]) -> type:
    """The pydantic model made from cls's class body (built once per class)."""
    made = _SCHEMAS.get(cls)
    if made is not None:
        return made
    from pydantic import BaseModel

    base = next(b for b in cls.__bases__ if issubclass(b, Model))
    parent = BaseModel if base is Model else schema_class(base)
    body: dict[str, Any] = {}
    for name, value in cls._body.items():
        if name in ("__dict__", "__weakref__", "_body", "model_fields"):
            continue
        body[name] = value.to_pydantic() if isinstance(value, (FieldSpec, _Decorated)) else value
    made = type(cls.__name__, (parent,), body)
    _SCHEMAS[cls] = made
    return made


def _adapter(cls: type[Model]) -> TypeAdapter[Any]:
    adapter = _ADAPTERS.get(cls)
    if adapter is None:
        from pydantic import TypeAdapter

        adapter = _ADAPTERS[cls] = TypeAdapter(cls)
    return adapter
