"""Declared models (briefcheck.model): plain frozen classes when checking, validated by pydantic
when loaded, with pydantic's messages. (That a check from the pack's snapshot imports no
pydantic at all is in test_startup.py.)
"""

import pickle
import subprocess
import sys
from functools import cached_property
from typing import Annotated

import pytest
from pydantic import BaseModel, ValidationError

from briefcheck.model import (
    AfterValidator,
    ConfigDict,
    Field,
    Model,
    field_validator,
    model_validator,
    schema_class,
)
from briefcheck.rules import pattern


def _positive(value: int) -> int:
    if value < 1:
        raise ValueError("must be at least 1")
    return value


class Item(Model):
    model_config = ConfigDict(extra="forbid", frozen=True)
    name: str = Field(min_length=1)
    tags: list[str] = ["plain"]  # noqa: RUF012  (a mutable default: copied per instance)

    @field_validator("name")
    @classmethod
    def _strip(cls, v: str) -> str:
        return v.strip()


class Box(Model):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    items: list[Item] = Field(min_length=1)
    pass_: bool = Field(default=False, alias="pass")
    limit: Annotated[int, AfterValidator(_positive)] = 1

    @model_validator(mode="after")
    def _distinct(self) -> "Box":
        names = [i.name for i in self.items]
        if len(set(names)) != len(names):
            raise ValueError("two items have the same name")
        return self

    @cached_property
    def names(self) -> list[str]:
        return [i.name for i in self.items]


class Wide(Box):
    colour: str = "red"


def _errors(model: type[Model], data: object) -> list[tuple[tuple, str]]:
    with pytest.raises(ValidationError) as caught:
        model.model_validate(data)
    return [(e["loc"], e["msg"]) for e in caught.value.errors()]


def test_validation_gives_plain_instances_nested_ones_too() -> None:
    box = Box.model_validate({"items": [{"name": " a "}, {"name": "b", "tags": []}], "pass": True})
    assert type(box) is Box and not isinstance(box, BaseModel)
    assert [type(i) for i in box.items] == [Item, Item]
    assert box == Box(items=[Item(name="a"), Item(name="b", tags=[])], pass_=True)
    assert box.names == ["a", "b"]  # a cached property, as on any class
    assert box.model_fields_set == {"items", "pass_"}
    assert box.items[0].model_fields_set == {"name"}
    wide = Wide.model_validate({"items": [{"name": "a"}], "colour": "blue", "limit": 3})
    assert (wide.colour, wide.limit, list(Wide.model_fields)) == (
        "blue",
        3,
        ["items", "pass_", "limit", "colour"],
    )


def test_errors_are_pydantic_s_own() -> None:
    assert _errors(Box, {"items": [], "extra": 1}) == [
        (("items",), "List should have at least 1 item after validation, not 0"),
        (("extra",), "Extra inputs are not permitted"),
    ]
    assert _errors(Box, {"items": [{"name": ""}], "limit": 0}) == [
        (("items", 0, "name"), "String should have at least 1 character"),
        (("limit",), "Value error, must be at least 1"),
    ]
    assert _errors(Box, {"items": [{"name": "a"}, {"name": " a"}]}) == [
        ((), "Value error, two items have the same name")
    ]
    assert _errors(Box, {"items": "no"}) == [(("items",), "Input should be a valid list")]
    assert _errors(Item, ["not", "a", "table"]) == [
        ((), "Input should be a valid dictionary or instance of Item")
    ]


def test_a_model_given_as_a_value_is_taken_as_it_is() -> None:
    item = Item(name=" kept as constructed ")
    box = Box.model_validate({"items": [item]})
    assert box.items[0] is item


def test_frozen_and_compared_by_fields() -> None:
    a = Item.model_validate({"name": "a"})
    with pytest.raises(AttributeError, match="Item is frozen"):
        a.name = "b"  # type: ignore[misc]
    with pytest.raises(AttributeError, match="Item is frozen"):
        del a.name
    assert a == Item(name="a") and a != Item(name="b") and a != "a"
    assert repr(a) == "Item(name='a', tags=['plain'])"
    assert hash(Item(name="a", tags=())) == hash(Item(name="a", tags=()))
    assert Item(name="x").tags is not Item(name="y").tags  # a mutable default is copied


def test_construct_copy_and_dump_do_not_validate() -> None:
    with pytest.raises(TypeError, match="field 'name' is required"):
        Item()
    with pytest.raises(TypeError, match="no field 'nme'"):
        Item(name="a", nme="b")
    box = Box.model_validate({"items": [{"name": "a"}]})
    assert box.names == ["a"]
    bigger = box.model_copy(update={"items": [Item(name="a"), Item(name="a")]})
    assert bigger.names == ["a", "a"]  # cached values start again; no validator ran
    assert bigger.model_fields_set == {"items"}
    assert box.names == ["a"]
    made = Box.model_construct({"limit"}, items=[], limit=0)
    assert (made.items, made.limit, made.model_fields_set) == ([], 0, {"limit"})
    assert Box(items=(Item(name="a"),), limit=2).model_dump(exclude_defaults=True) == {
        "items": ({"name": "a", "tags": ["plain"]},),
        "limit": 2,
    }
    assert box.model_dump(mode="json") == {
        "items": [{"name": "a", "tags": ["plain"]}],
        "pass_": False,
        "limit": 1,
    }


def test_pickled_and_loaded_with_the_cached_values() -> None:
    box = Box.model_validate({"items": [{"name": "a"}]})
    assert box.names == ["a"]
    again = pickle.loads(pickle.dumps(box))
    assert again == box and again.model_fields_set == box.model_fields_set
    assert vars(again)["names"] == ["a"]


def test_the_schema_class_is_a_pydantic_model_built_once() -> None:
    built = schema_class(pattern.Options)
    assert issubclass(built, BaseModel) and built is schema_class(pattern.Options)
    assert list(built.model_fields) == list(pattern.Options.model_fields) == ["patterns"]
    options = pattern.Options.model_validate({"patterns": [{"regex": "a+", "detail": "d"}]})
    assert type(options.patterns[0]) is pattern.Pattern
    assert options.patterns[0].compiled.pattern == "a+"


def test_declaring_the_pack_s_models_imports_no_pydantic() -> None:
    probe = (
        "import sys, briefcheck.pack, briefcheck.config, briefcheck.rules, importlib\n"
        "from briefcheck.rules import KINDS\n"
        "for module in KINDS.values(): importlib.import_module(module)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pydantic', 'pydantic_core')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout == "[]\n"
