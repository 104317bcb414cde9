"""Peer: PyYAML + python-jsonschema (Draft 2020-12 validator, built once,
all errors, formats checked), over DIR/_figures/*.md or DIR/*.md. Prints one
JSON line: pages read, pages invalid, errors.

Usage: python3 jsonschema_pyyaml.py [--loader csafe|safe] SCHEMA DIR

--loader csafe (the default) reads YAML with libyaml's CSafeLoader, the
fastest safe loader; safe uses the pure-Python SafeLoader, which is what
yaml.safe_load uses.
"""
import json
import os
import sys

import jsonschema
import yaml


def front_matter(text):
    """Return the YAML between the opening '---' line and the next '---' or '...' line."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return None
    for i in range(1, len(lines)):
        if lines[i].rstrip() in ("---", "..."):
            return "\n".join(lines[1:i])
    return None


def main(argv):
    loader_name = "csafe"
    if len(argv) == 5 and argv[1] == "--loader":
        loader_name = argv[2]
        argv = argv[:1] + argv[3:]
    if len(argv) != 3 or loader_name not in ("csafe", "safe"):
        print("usage: python3 jsonschema_pyyaml.py [--loader csafe|safe] SCHEMA DIR", file=sys.stderr)
        return 2
    if loader_name == "csafe" and not hasattr(yaml, "CSafeLoader"):
        print("jsonschema_pyyaml.py: this PyYAML has no libyaml CSafeLoader; use --loader safe", file=sys.stderr)
        return 2
    Loader = yaml.CSafeLoader if loader_name == "csafe" else yaml.SafeLoader
    with open(argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    figures = os.path.join(argv[2], "_figures")
    if not os.path.isdir(figures):
        figures = argv[2]
    files = sorted(f for f in os.listdir(figures) if f.endswith(".md"))
    invalid = errors = 0
    for name in files:
        with open(os.path.join(figures, name), encoding="utf-8") as f:
            fm = front_matter(f.read())
        try:
            data = yaml.load(fm, Loader=Loader) if fm is not None else None
        except yaml.YAMLError:
            invalid += 1
            errors += 1
            continue
        n = sum(1 for _ in validator.iter_errors(data))
        if n:
            invalid += 1
            errors += n
    print(json.dumps({"tool": "python3-jsonschema+pyyaml", "loader": Loader.__name__, "pages": len(files),
                      "invalid": invalid, "errors": errors}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
