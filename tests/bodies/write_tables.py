#!/usr/bin/env python3
"""Writes tests/bodies/<catalogue>.json: for every pinned catalogue, a table
of error bodies (valid, unknown codes, wrong types, missing members,
contradicted constants, deep nesting, huge numbers, repeated members, many
detail keys, invalid UTF-8, a byte order mark, lone surrogates) and the
outcome each must have. Both runtimes' tests read the tables
(tests/it/body_table.rs): the Rust crate's `ApiError::from_response` and the
TypeScript package's `parseApiErrorResponse` must both give every outcome.

The outcomes follow from the rules the README states, applied to the
catalogue's facts (its generated `ts/catalog.js`) and one example body of
its reference; nothing here runs either runtime. Run it when a pinned
catalogue is added or its envelope changes:

    for each catalogue: cargo xtask gen --catalog <its catalog> --out /tmp/gen/<name>
    python3 tests/bodies/write_tables.py /tmp/gen

then read the diff of the tables: it is the change of behaviour.
"""

import json
import os
import sys

REFUSED = "refused"


class Obj:
    """A JSON object as its members in order; a name may repeat."""

    def __init__(self, pairs):
        self.pairs = list(pairs)

    def get(self, name):
        for key, value in reversed(self.pairs):
            if key == name:
                return value
        return None

    def has(self, name):
        return any(key == name for key, _ in self.pairs)


def to_obj(value):
    if isinstance(value, dict):
        return Obj((key, to_obj(item)) for key, item in value.items())
    if isinstance(value, list):
        return [to_obj(item) for item in value]
    return value


def dump(value):
    """Compact JSON text, as serde_json writes it, keeping repeated names."""
    if isinstance(value, Obj):
        return "{" + ",".join(json.dumps(key, ensure_ascii=False) + ":" + dump(item) for key, item in value.pairs) + "}"
    if isinstance(value, list):
        return "[" + ",".join(dump(item) for item in value) + "]"
    if isinstance(value, Raw):
        return value.text
    return json.dumps(value, ensure_ascii=False)


class Raw:
    """JSON text written as it is (a lone surrogate escape, 1e400)."""

    def __init__(self, text):
        self.text = text


def copy(value):
    if isinstance(value, Obj):
        return Obj((key, copy(item)) for key, item in value.pairs)
    if isinstance(value, list):
        return [copy(item) for item in value]
    return value


def matches(item, entry):
    """Whether an array entry is the envelope's `item`: its constants match."""
    if item["kind"] != "object":
        return True
    if not isinstance(entry, Obj):
        return False
    return all(
        member["node"]["kind"] != "const" or entry.get(member["name"]) == member["node"]["value"]
        for member in item["members"]
    )


def find_role(members, body, wanted, path=()):
    """The path (names and indexes) to the first place of `wanted` in body."""
    for member in members:
        name, node = member["name"], member["node"]
        if not body.has(name):
            continue
        found = find_in(node, body.get(name), wanted, path + (name,))
        if found is not None:
            return found
    return None


def find_in(node, value, wanted, path):
    kind = node["kind"]
    if kind == "role" and node["role"] == wanted:
        return path
    if kind == "object" and isinstance(value, Obj):
        return find_role(node["members"], value, wanted, path)
    if kind == "array" and isinstance(value, list):
        for index, entry in enumerate(value):
            item = next((item for item in node["items"] if matches(item, entry)), None)
            if item is not None:
                found = find_in(item, entry, wanted, path + (index,))
                if found is not None:
                    return found
    return None


def details_places(members, body, path=()):
    """Where the body keeps details: (path of the object, inline, names the envelope gives that object)."""
    places = []
    names = [member["name"] for member in members]
    for member in members:
        name, node = member["name"], member["node"]
        if node["kind"] == "details" and node["inline"]:
            places.append((path, True, names))
        elif node["kind"] == "details":
            places.append((path + (name,), False, []))
        elif node["kind"] == "object" and isinstance(body.get(name), Obj):
            places += details_places(node["members"], body.get(name), path + (name,))
        elif node["kind"] == "array" and isinstance(body.get(name), list):
            for index, entry in enumerate(body.get(name)):
                item = next((item for item in node["items"] if matches(item, entry)), None)
                if item is not None and item["kind"] == "object":
                    places += details_places(item["members"], entry, path + (name, index))
    return places


def at(body, path):
    for step in path:
        body = body.get(step) if isinstance(body, Obj) else body[step]
    return body


def set_at(body, path, value):
    parent = at(body, path[:-1])
    if isinstance(parent, Obj):
        parent.pairs = [(key, value if key == path[-1] else item) for key, item in parent.pairs]
    else:
        parent[path[-1]] = value


def delete_at(body, path):
    parent = at(body, path[:-1])
    parent.pairs = [(key, item) for key, item in parent.pairs if key != path[-1]]


def count_details(envelope, body):
    count = 0
    for path, inline, names in details_places(envelope, body):
        holder = at(body, path) if path else body
        if not isinstance(holder, Obj):
            continue
        keys = {key for key, _ in holder.pairs}
        count += len([key for key in keys if key not in names]) if inline else len(keys)
    return count


def outcome(catalog, code, body, status, message_path):
    """What both runtimes must read from `body`, known code `code` or None."""
    envelope = catalog["envelope"]
    message = at(body, message_path) if message_path and has_path(body, message_path) else None
    if message is None and envelope["messageRequired"]:
        return REFUSED
    if code is not None:
        return {
            "known": code["code"],
            "code": code["wire"],
            "message": message if message is not None else code["message"],
            "status": code["status"],
            "details": count_details(envelope["body"], body),
        }
    return None


def has_path(body, path):
    for step in path:
        if isinstance(body, Obj) and body.has(step):
            body = body.get(step)
        elif isinstance(body, list) and isinstance(step, int) and step < len(body):
            body = body[step]
        else:
            return False
    return True


class Table:
    def __init__(self, catalog, code, example):
        self.catalog = catalog
        self.envelope = catalog["envelope"]
        self.code = code
        self.example = example
        self.identified_by = self.envelope["identifiedBy"]
        self.integers = bool(catalog["identifyInteger"])
        self.id_path = find_role(self.envelope["body"], example, self.identified_by)
        self.message_path = find_role(self.envelope["body"], example, "message")
        self.status_path = find_role(self.envelope["body"], example, "status")
        self.type_path = find_role(self.envelope["body"], example, "type")
        self.places = details_places(self.envelope["body"], example)
        self.cases = []

    def add(self, case, body, expect, status=None):
        status = status if status is not None else self.code["status"]
        entry = {"case": case, "status": status}
        if isinstance(body, bytes):
            entry["body_hex"] = body.hex()
        else:
            entry["body"] = body if isinstance(body, str) else dump(body)
        entry["expect"] = expect
        self.cases.append(entry)

    def valid(self, body):
        return outcome(self.catalog, self.code, body, self.code["status"], self.message_path)

    def unknown_value(self):
        return {
            "code": 990099 if self.integers else "zz_unknown_code",
            "doc_url": "https://zz.example/errors/unknown",
            "title": "Zz unknown",
        }[self.identified_by]

    def unknown(self, body, received):
        """The outcome of a body whose identifying member names no code."""
        message = at(body, self.message_path) if self.message_path and has_path(body, self.message_path) else None
        if message is None and self.envelope["messageRequired"]:
            return REFUSED
        sent = at(body, self.id_path) if self.identified_by == "code" and has_path(body, self.id_path) else None
        status = None
        if self.status_path and has_path(body, self.status_path):
            status = int(at(body, self.status_path))
        if status is None and self.type_path and has_path(body, self.type_path):
            wire = at(body, self.type_path)
            status = next((t["status"] for t in self.catalog["types"] if t["wire"] == wire and t.get("status")), None)
        return {
            "known": None,
            "code": "" if sent is None else (sent.text if isinstance(sent, Raw) else str(sent)),
            "message": message if message is not None else "",
            "status": status if status is not None else received,
            "details": count_details(self.envelope["body"], body),
        }

    def extension(self, name, value):
        """The example with a member the envelope does not name, at the top."""
        body = copy(self.example)
        body.pairs.append((name, value))
        return body

    def extension_expect(self, body):
        top_inline = any(path == () and inline for path, inline, _ in self.places)
        if top_inline and self.code.get("detailsMap") not in (None,):
            return None  # the member would be a typed detail: not this case
        return self.valid(body)


def write_cases(table):
    example, code = table.example, table.code
    table.add("valid", example, table.valid(example))
    if table.id_path is None:
        raise SystemExit(f"no identifying member in the example of {code['code']}")

    body = copy(example)
    set_at(body, table.id_path, table.unknown_value())
    table.add("unknown code", body, table.unknown(body, 400), status=400)

    body = copy(example)
    set_at(body, table.id_path, True)
    table.add("identifying member of the wrong type", body, REFUSED)

    body = copy(example)
    delete_at(body, table.id_path)
    expect = REFUSED if table.identified_by == "code" else table.unknown(body, 400)
    table.add("identifying member missing", body, expect, status=400)

    if table.message_path:
        body = copy(example)
        set_at(body, table.message_path, 5)
        table.add("message of the wrong type", body, REFUSED)
        body = copy(example)
        delete_at(body, table.message_path)
        table.add("message missing", body, table.valid(body))
        body = copy(example)
        set_at(body, table.message_path, Raw('"\\udc00 lone"'))
        table.add("message with a lone surrogate", body, REFUSED)
        body = copy(example)
        set_at(body, table.message_path, "caf\u00e9 \u2014 \U0001F600 \\ \" \n \u0000")
        table.add("message with escapes and astral characters", body, table.valid(body))

    for member in table.envelope["body"]:
        node = member["node"]
        if node["kind"] == "const" and example.has(member["name"]):
            value = node["value"]
            wrong = (not value) if isinstance(value, bool) else (value + 1 if isinstance(value, int) else "zz")
            body = copy(example)
            set_at(body, (member["name"],), wrong)
            table.add(f"constant `{member['name']}` contradicted", body, REFUSED)

    if table.status_path:
        for value, good in [(str(code["status"]), True), (float(code["status"]), True), (600, False),
                            ("4e2", False), (" 404", False), (99, False)]:
            body = copy(example)
            set_at(body, table.status_path, value)
            table.add(f"status {json.dumps(value)}", body, table.valid(body) if good else REFUSED)

    if table.identified_by == "code":
        id_value = at(example, table.id_path)
        if table.integers:
            body = copy(example)
            set_at(body, table.id_path, str(id_value))
            table.add("integer code sent as a string", body, table.unknown(body, 400), status=400)
            body = copy(example)
            set_at(body, table.id_path, float(id_value))
            table.add("integer code sent as 20404.0", body, table.valid(body))
            body = copy(example)
            set_at(body, table.id_path, 429.5)
            table.add("code with a fraction", body, table.unknown(body, 400), status=400)
            # An unknown number code is named as JavaScript's String(number) names it.
            for raw, text in [("-0", "0"), ("1e21", "1e+21"), ("1E2", "100"), ("1.5e-7", "1.5e-7")]:
                body = copy(example)
                set_at(body, table.id_path, Raw(raw))
                expect = table.unknown(body, 400)
                if expect != REFUSED:
                    expect["code"] = text
                table.add(f"code {raw}", body, expect, status=400)
        else:
            body = copy(example)
            set_at(body, table.id_path, 404)
            expect = table.unknown(body, 400)
            table.add("text code sent as a number", body, expect, status=400)

    repeated(table)
    extensions(table)
    details(table)

    text = dump(example).encode("utf-8")
    table.add("byte order mark", b"\xef\xbb\xbf" + text, REFUSED)
    bad = dump(table.extension("zz_bytes", "a@b")).encode("utf-8").replace(b"a@b", b"a\xffb")
    table.add("invalid UTF-8 in a member the envelope does not name", bad, REFUSED)
    table.add("trailing characters", dump(example) + " x", REFUSED)
    table.add("truncated", dump(example)[:-1], REFUSED)
    for case, body in [("an array", "[]"), ("null", "null"), ("a string", '"error"'), ("empty", ""), ("an empty object", "{}")]:
        expect = REFUSED
        if body == "{}" and table.identified_by != "code" and not table.envelope["messageRequired"]:
            expect = table.unknown(Obj([]), 500)
        table.add(f"body is {case}", body, expect, status=500)


def repeated(table):
    """Repeated members: the last counts, alone (an object is replaced, not merged)."""
    example, path = table.example, table.id_path
    parent = path[:-1]
    body = copy(example)
    holder = at(body, parent) if parent else body
    if isinstance(holder, Obj):
        index = next(i for i, (key, _) in enumerate(holder.pairs) if key == path[-1])
        holder.pairs.insert(index, (path[-1], table.unknown_value()))
        table.add("identifying member repeated, the last a code", body, table.valid(body))
        body = copy(example)
        holder = at(body, parent) if parent else body
        holder.pairs.append((path[-1], table.unknown_value()))
        unknown = copy(example)
        set_at(unknown, path, table.unknown_value())
        table.add("identifying member repeated, the last no code", body, table.unknown(unknown, 400), status=400)
    if len(path) > 1:
        top = path[0]
        first = copy(example)
        set_at(first, path, table.unknown_value())
        body = copy(example)
        body.pairs = []
        for key, value in example.pairs:
            if key == top:
                body.pairs.append((key, first.get(top)))
            body.pairs.append((key, copy(value)))
        table.add(f"`{top}` repeated, the last valid", body, table.valid(example))
        # The last holds nothing but the unknown code: nothing of the first counts.
        minimal = minimal_holder(table, path)
        body = copy(example)
        body.pairs.append((top, minimal))
        replaced = copy(example)
        replaced.pairs = [(key, value) for key, value in replaced.pairs if key != top] + [(top, copy(minimal))]
        table.add(f"`{top}` repeated, the last only an unknown code", body, table.unknown(replaced, 400), status=400)


def minimal_holder(table, path):
    """The member `path[0]` holding nothing but the unknown code (and the constants that place it)."""
    def build(node, rest):
        if not rest:
            return table.unknown_value()
        kind = node["kind"]
        if kind == "object":
            member = next(m for m in node["members"] if m["name"] == rest[0])
            consts = [(m["name"], m["node"]["value"]) for m in node["members"] if m["node"]["kind"] == "const"]
            return Obj(consts + [(rest[0], build(member["node"], rest[1:]))])
        if kind == "array":
            entry = at(table.example, path[: len(path) - len(rest) + 1])
            item = next(item for item in node["items"] if matches(item, entry))
            return [build(item, rest[1:])]
        raise SystemExit(f"cannot build a path through {kind}")
    top = next(m for m in table.envelope["body"] if m["name"] == path[0])
    return build(top["node"], path[1:])


def extensions(table):
    """Members the envelope does not name: read to their end, kept out (or kept as details where inline)."""
    cases = [
        ("member the envelope does not name", Obj([("a", [1, 2.5, Obj([("b", None)]), True, "x"])])),
        ("nesting 127 deep in all", nested(126)),
        ("nesting 128 deep in all", nested(127)),
        ("integer beyond 64 bits", 18446744073709551616),
        ("number out of range", Raw("1e400")),
        ("lone surrogate in a member the envelope does not name", Raw('"\\ud800"')),
        ("lone surrogate in a member name", None),
    ]
    for case, value in cases:
        if value is None:
            body = copy(table.example)
            body.pairs.append((Raw('"\\ud800"'), 1))
            text = "{" + ",".join(
                (key.text if isinstance(key, Raw) else json.dumps(key, ensure_ascii=False)) + ":" + dump(item)
                for key, item in body.pairs) + "}"
            table.add(case, text, REFUSED)
            continue
        body = table.extension("zz_extra", value)
        refused = case.startswith(("nesting 128", "number out", "lone"))
        expect = REFUSED if refused else table.extension_expect(body)
        if expect is not None:
            table.add(case, body, expect)


def nested(depth):
    value = []
    for _ in range(depth - 1):
        value = [value]
    return value


def details(table):
    """Details: many keys, a repeated key, `__proto__`."""
    code = table.code
    kind = code.get("detailsMap")
    sample = {"string": "v", "integer": 7, "number": 1.5, "boolean": True, None: "v", "string_map": "v"}[kind]
    for path, inline, names in table.places:
        if inline and path == () and kind is not None:
            continue
        body = copy(table.example)
        holder = at(body, path) if path else body
        if not has_path(body, path) or not isinstance(holder, Obj):
            if inline or not has_path(body, path[:-1]):
                continue
            set_or_add(body, path, Obj([]))
            holder = at(body, path)
        many = copy(body)
        target = at(many, path) if path else many
        target.pairs += [(f"k{number:03}", sample) for number in range(300)]
        table.add("300 detail keys", many, table.valid(many))
        twice = copy(body)
        target = at(twice, path) if path else twice
        target.pairs += [("k", sample), ("k", sample)]
        table.add("detail key repeated", twice, table.valid(twice))
        proto = copy(body)
        target = at(proto, path) if path else proto
        target.pairs.append(("__proto__", sample))
        table.add("detail named __proto__", proto, table.valid(proto))
        if code["details"]:
            member = code["details"][0]
            wrong = copy(body)
            target = at(wrong, path) if path else wrong
            target.pairs = [(k, v) for k, v in target.pairs if k != member["wire"]]
            target.pairs.append((member["wire"], Obj([("not", "a " + member["kind"])])))
            table.add(f"declared detail `{member['wire']}` of the wrong type", wrong, REFUSED)
        break


def set_or_add(body, path, value):
    parent = at(body, path[:-1]) if len(path) > 1 else body
    if parent.has(path[-1]):
        set_at(body, path, value)
    else:
        parent.pairs.append((path[-1], value))


def main():
    generated = sys.argv[1]
    out = os.path.dirname(os.path.abspath(__file__))
    for name in sorted(os.listdir(generated)):
        folder = os.path.join(generated, name)
        text = open(os.path.join(folder, "ts/catalog.js"), encoding="utf-8").read()
        catalog = json.loads(text.split("export const CATALOG = ", 1)[1].strip().rstrip(";"))
        examples = os.path.join(folder, "schema/examples")
        # The first code (in catalogue order) with declared details, else the first.
        codes = [code for code in catalog["codes"] if os.path.exists(os.path.join(examples, code["code"] + ".json"))]
        code = next((code for code in codes if code["details"]), codes[0])
        with open(os.path.join(examples, code["code"] + ".json"), encoding="utf-8") as file:
            example = to_obj(json.load(file))
        table = Table(catalog, code, example)
        write_cases(table)
        with open(os.path.join(out, name + ".json"), "w", encoding="utf-8") as file:
            json.dump({"catalogue": name, "code": code["code"], "cases": table.cases}, file, indent=1, ensure_ascii=False)
            file.write("\n")
        print(f"{name}: {len(table.cases)} cases, code {code['code']}")


if __name__ == "__main__":
    main()
