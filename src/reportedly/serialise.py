"""The JSON form of the frozen records, generated from their dataclass fields.

A record class derives from :class:`Record` and gets ``to_dict`` and ``from_dict``:
the JSON form is its fields, in order, by their types:

- spans (``tuple[tuple[int, int], ...]``) as lists of ``[start, end]`` lists;
- a nested record as its own JSON form, a tuple of them as a list;
- ``X | None`` as ``null`` or X's form; a ``Mapping`` as an object;
- a ``Literal`` as its string: ``from_dict`` refuses a value the type does not list;
- ``str``, ``int``, ``float``, ``bool`` as they are.

Where a record's JSON form is not its plain fields, a field says so in its metadata
(:func:`json_field`: another key, nested under another object, left out when None,
spliced into its parent ...) and the class in ``JSON_LAYOUT`` (the keys' order, and
keys computed from the record that ``from_dict`` ignores: :class:`Computed`).

Each class's two functions are generated once, on first use, as straight-line code
(``out["kind"] = obj.kind`` ...), so they run as fast as hand-written ones. Record
types named in annotations are found by name among the records defined so far.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable, Iterable, Mapping
from dataclasses import MISSING, Field, dataclass, fields
from typing import Any, ClassVar, Literal, Self, get_args, get_origin

_RECORDS: dict[str, type[Record]] = {}


@dataclass(frozen=True, slots=True)
class JsonField:
    """How one field stands in the JSON form (the metadata :func:`json_field` makes)."""

    key: str = ""  # the key, else the field's name; "a.b": key b of object a
    omit_none: bool = False  # no key at all when the value is None
    none_json: Any = None  # what None is written as (read back as None)
    flatten: bool = False  # a nested record's keys spliced into this record's
    keys: tuple[str, ...] = ()  # a nested record's keys in this order
    only_with: str = ""  # the (top-level) key is null when this field is None
    # a Literal the field's str values must be one of (where its callers still pass str)
    one_of: Any = None


def json_field(**options: Any) -> dict[str, JsonField]:
    """Field metadata: ``field(metadata=json_field(key="words_in_body.share"))``."""
    return {"json": JsonField(**options)}


@dataclass(frozen=True, slots=True)
class Computed:
    """A key of the JSON form computed from the record (``from_dict`` ignores it)."""

    key: str
    value: Callable[[Any], Any]


class Record:
    """Base of the frozen records: ``to_dict`` / ``from_dict`` generated from the fields."""

    __slots__ = ()
    # the JSON keys in order (dotted for nested ones), naming fields' keys and Computed;
    # empty: the fields in order
    JSON_LAYOUT: ClassVar[tuple[str | Computed, ...]] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        _RECORDS[cls.__name__] = cls

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (plain dicts, lists, strings and numbers)."""
        return codec(type(self)).encode(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        """The record ``to_dict`` gave ``data`` for."""
        decoded: Self = codec(cls).decode(data)
        return decoded


@dataclass(slots=True)
class Codec:
    encode: Callable[[Any], dict[str, Any]]
    decode: Callable[[Mapping[str, Any]], Any]


_CODECS: dict[type, Codec] = {}


def codec(cls: type) -> Codec:
    """``cls``'s generated functions (made on first use)."""
    found = _CODECS.get(cls)
    if found is None:
        found = _CODECS[cls] = _Generator(cls).codec()
    return found


# --------------------------------------------------------------------------- values


def spans_json(spans: Iterable[tuple[int, int]]) -> list[list[int]]:
    """Spans in their JSON form, ``[[start, end], ...]``."""
    return [[start, end] for start, end in spans]


def spans_from_json(spans: Any) -> tuple[tuple[int, int], ...]:
    """``[[start, end], ...]`` as read from JSON, as spans."""
    return tuple((int(start), int(end)) for start, end in spans)


_SPANS = tuple[tuple[int, int], ...]
Convert = Callable[[Any], Any] | None  # None: the value as it is


def _record_class(tp: Any) -> type | None:
    return tp if isinstance(tp, type) and issubclass(tp, Record) else None


class _Pending:
    """Stands for a record class not defined when a record naming it was generated for
    (the analysis' ``Signals``, whose module imports the analysis' own): looked up by
    name when a value comes."""

    record_name: ClassVar[str]


def _named(name: str) -> type[Record]:
    record = _RECORDS.get(name)
    if record is None:
        raise TypeError(f"no record type {name!r} is defined: import the module defining it")
    return record


def _type_hints(cls: type) -> dict[str, Any]:
    """``cls``'s field types, records named in them found by name (else pending)."""
    pending: dict[str, type] = {}
    while True:
        try:
            return typing.get_type_hints(cls, localns={**_RECORDS, **pending})
        except NameError as error:
            if error.name is None or error.name in pending:
                raise
            pending[error.name] = type(error.name, (_Pending,), {"record_name": error.name})


def _reordered(encode: Callable[[Any], dict[str, Any]], keys: tuple[str, ...]) -> Convert:
    def reordered(value: Any) -> dict[str, Any]:
        data = encode(value)
        return {key: data[key] for key in keys}

    return reordered


def _optional(convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    return lambda value: None if value is None else convert(value)


def _listed(convert: Convert) -> Callable[[Any], Any]:
    if convert is None:
        return list
    return lambda values: [convert(value) for value in values]


def _tupled(convert: Convert) -> Callable[[Any], Any]:
    if convert is None:
        return tuple
    return lambda values: tuple(convert(value) for value in values)


def _literal_check(tp: Any) -> Callable[[Any], Any]:
    allowed = frozenset(get_args(tp))

    def checked(value: Any) -> Any:
        if value not in allowed:
            raise ValueError(f"{value!r} is none of {sorted(allowed)}")
        return value

    return checked


def _non_none(tp: Any) -> tuple[Any, bool]:
    """``(X, True)`` for ``X | None``, else ``(tp, False)``."""
    if get_origin(tp) in (typing.Union, types.UnionType):
        args = [arg for arg in get_args(tp) if arg is not type(None)]
        if len(args) == 1 and len(args) < len(get_args(tp)):
            return args[0], True
    return tp, False


def encoder(tp: Any, keys: tuple[str, ...] = ()) -> Convert:
    """How a value of type ``tp`` becomes JSON (None: as it is)."""
    inner, optional = _non_none(tp)
    if optional:
        convert = encoder(inner, keys)
        return None if convert is None else _optional(convert)
    if tp == _SPANS:
        return spans_json
    if isinstance(tp, type) and issubclass(tp, _Pending):
        return lambda value: codec(type(value)).encode(value)
    record = _record_class(tp)
    if record is not None:
        encode = codec(record).encode
        return _reordered(encode, keys) if keys else encode
    origin = get_origin(tp)
    if origin is tuple:
        return _listed(encoder(get_args(tp)[0], keys))
    if origin is Mapping or origin is dict:
        return dict
    return None


def decoder(tp: Any) -> Convert:
    """How JSON becomes a value of type ``tp`` (None: as it is)."""
    inner, optional = _non_none(tp)
    if optional:
        convert = decoder(inner)
        return None if convert is None else _optional(convert)
    if tp == _SPANS:
        return spans_from_json
    if isinstance(tp, type) and issubclass(tp, _Pending):
        name = tp.record_name
        return lambda data: codec(_named(name)).decode(data)
    record = _record_class(tp)
    if record is not None:
        return codec(record).decode
    origin = get_origin(tp)
    if origin is Literal:
        return _literal_check(tp)
    if origin is tuple:
        return _tupled(decoder(get_args(tp)[0]))
    if origin is Mapping or origin is dict:
        key_type, value_type = get_args(tp)
        return lambda data: {key_type(key): value_type(value) for key, value in data.items()}
    return None


# --------------------------------------------------------------------------- generating


@dataclass(slots=True)
class _Slot:
    """One field of the record being generated for."""

    field: Field[Any]
    tp: Any
    json: JsonField

    @property
    def key(self) -> str:
        return self.json.key or self.field.name


class _Generator:
    """Writes the source of one record class's encode and decode functions."""

    def __init__(self, cls: type) -> None:
        self.cls = cls
        hints = _type_hints(cls)
        self.slots = [
            _Slot(f, hints[f.name], f.metadata.get("json", JsonField())) for f in fields(cls)
        ]
        self.namespace: dict[str, Any] = {"cls": cls}

    def name(self, value: Any) -> str:
        """A name for ``value`` in the generated functions' namespace."""
        name = f"_v{len(self.namespace)}"
        self.namespace[name] = value
        return name

    def codec(self) -> Codec:
        source = self.encode_source() + "\n\n" + self.decode_source()
        exec(compile(source, f"<{self.cls.__qualname__} JSON>", "exec"), self.namespace)
        return Codec(self.namespace["encode"], self.namespace["decode"])

    # ---- encode

    def layout(self) -> list[str | Computed]:
        by_key = {slot.key: slot for slot in self.slots}
        layout = list(getattr(self.cls, "JSON_LAYOUT", ())) or list(by_key)
        named = {entry for entry in layout if isinstance(entry, str)}
        if named != set(by_key):
            raise TypeError(f"{self.cls.__name__}.JSON_LAYOUT must name each field's key once")
        return layout

    def encode_source(self) -> str:
        by_key = {slot.key: slot for slot in self.slots}
        lines = ["def encode(obj):", "    out = {}"]
        groups: dict[str, str] = {}
        for entry in self.layout():
            key = entry.key if isinstance(entry, Computed) else entry
            target = "out"
            head, _, tail = key.partition(".")
            if tail:
                target = groups.get(head, "")
                if not target:
                    target = groups[head] = f"g{len(groups)}"
                    lines += self.group_opening(head, target, by_key)
                key = tail
            if isinstance(entry, Computed):
                lines.append(f"    {target}[{key!r}] = {self.name(entry.value)}(obj)")
            else:
                lines += self.encode_field(by_key[entry], target, key)
        lines.append("    return out")
        return "\n".join(lines)

    def group_opening(self, head: str, target: str, by_key: dict[str, _Slot]) -> list[str]:
        only_with = {s.json.only_with for k, s in by_key.items() if k.startswith(head + ".")}
        only_with.discard("")
        lines = [f"    {target} = out[{head!r}] = {{}}"]
        for name in only_with:
            # the group is null, its keys are written into a dict nobody keeps
            lines.append(f"    if obj.{name} is None: out[{head!r}] = None")
        return lines

    def encode_field(self, slot: _Slot, target: str, key: str) -> list[str]:
        value = f"obj.{slot.field.name}"
        if slot.json.flatten:
            return [f"    out.update({self.name(codec(slot.tp).encode)}({value}))"]
        convert = encoder(slot.tp, slot.json.keys)
        if slot.json.omit_none or slot.json.none_json is not None:
            inner = encoder(_non_none(slot.tp)[0], slot.json.keys)
            lines = [f"    v = {value}", "    if v is not None:"]
            lines.append(f"        {target}[{key!r}] = " + self.call(inner, "v"))
            if not slot.json.omit_none:
                lines.append(f"    else: {target}[{key!r}] = {self.name(slot.json.none_json)}")
            return lines
        return [f"    {target}[{key!r}] = " + self.call(convert, value)]

    def call(self, convert: Convert, value: str) -> str:
        return value if convert is None else f"{self.name(convert)}({value})"

    # ---- decode

    def decode_source(self) -> str:
        lines = ["def decode(data):", "    return cls("]
        for slot in self.slots:
            if slot.field.init:
                lines.append(f"        {slot.field.name}={self.decode_field(slot)},")
        lines.append("    )")
        return "\n".join(lines)

    def decode_field(self, slot: _Slot) -> str:
        if slot.json.flatten:
            return f"{self.name(codec(slot.tp).decode)}(data)"
        value = self.read(slot)
        tp, optional = _non_none(slot.tp if slot.json.one_of is None else slot.json.one_of)
        if get_origin(tp) is Literal:  # checked inline: the commonest conversion
            allowed = self.name(frozenset(get_args(tp)))
            refuse = self.name(_literal_check(tp))
            test = f"(v := {value}) is None or v in" if optional else f"(v := {value}) in"
            return f"(v if {test} {allowed} else {refuse}(v))"
        inner = self.call(decoder(tp), "v")
        if slot.json.none_json is not None:
            empty = self.name(slot.json.none_json)
            return f"(None if (v := {value}) is None or v == {empty} else {inner})"
        if optional and inner != "v":
            return f"(None if (v := {value}) is None else {inner})"
        return self.call(decoder(tp), value)

    def read(self, slot: _Slot) -> str:
        """The expression reading the field's raw JSON value from ``data``."""
        default = slot.field.default
        if default is MISSING and _non_none(slot.tp)[1]:
            default = None
        path = slot.key.split(".")
        if len(path) > 1:
            return f"{self.name(_reader(path, default))}(data)"
        if default is MISSING:
            return f"data[{path[0]!r}]"
        return f"data.get({path[0]!r}, {self.name(default)})"


def _reader(path: list[str], default: Any) -> Callable[[Mapping[str, Any]], Any]:
    """Reads the value at ``path`` (a null or missing object on the way: ``default``)."""

    def read(data: Mapping[str, Any]) -> Any:
        for key in path[:-1]:
            data = data[key]
            if data is None:
                return default
        if default is MISSING:
            return data[path[-1]]
        return data.get(path[-1], default)

    return read
