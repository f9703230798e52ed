#!/usr/bin/env python3
"""Print the JSON Schema's verdict on each model file, as one JSON object.

Usage: python3 Tests/schema/verdicts.py FILE ...

Output: {"FILE": null, "OTHER": "path: why it is refused", ...}: null when the
file is a valid model by schema/soma-model.schema.json (draft 2020-12, through
the jsonschema package) and the JSON text checks of check_models.py (no
repeated key, no NaN or Infinity, UTF-8). The conformance test
(Tests/SomaRuntimeTests/ConformanceTests.swift) compares these verdicts with
the C loader's and the Swift reader's.
"""

import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check_models  # noqa: E402  (the same loading and explanation code)


def main():
    with open(check_models.SCHEMA_PATH, encoding="utf-8") as f:
        schema = json.load(f)
    check_models.jsonschema.Draft202012Validator.check_schema(schema)
    validator = check_models.jsonschema.Draft202012Validator(schema)
    verdicts = {path: check_models.check(validator, path) for path in sys.argv[1:]}
    json.dump(verdicts, sys.stdout, indent=1, sort_keys=True)
    print()


if __name__ == "__main__":
    main()
