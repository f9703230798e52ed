#!/usr/bin/env python3
"""Validate Soma model files against schema/soma-model.schema.json.

Usage:
    python3 Tests/schema/check_models.py [--invalid] [FILE ...]

With FILE arguments, each file must validate (or, with --invalid, each must be
rejected). Without arguments the default set is checked:

    must validate:  models/*.json, Tests/fixtures/good/*.json, Tests/schema/valid/*.json
    must be refused: Tests/fixtures/bad-schema/*, Tests/schema/invalid/*.json

Folders that do not exist are skipped. Besides the schema, the JSON text itself
is checked for what the format refuses but Python's json module would accept:
a key repeated in one object, and NaN / Infinity. Rules the schema cannot
express (chaining, array lengths, packed counts, checksums) are not checked
here; docs/model-format.md is normative for those.

Prints one line per file and a final line "N passed, N failed"; exits 1 if any
file did not behave as expected (2 on a usage or setup error).
"""

import argparse
import decimal
import glob
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCHEMA_PATH = os.path.join(ROOT, "schema", "soma-model.schema.json")

MUST_PASS = ["models/*.json", "Tests/fixtures/good/*.json", "Tests/schema/valid/*.json"]
MUST_FAIL = ["Tests/fixtures/bad-schema/*", "Tests/schema/invalid/*.json"]

try:
    import jsonschema
except ImportError:
    sys.exit("check_models.py: the Python package 'jsonschema' is missing "
             "(pip install jsonschema, or Debian: apt-get install python3-jsonschema)")


class JSONTextError(ValueError):
    pass


def _no_duplicates(pairs):
    obj = {}
    for key, value in pairs:
        if key in obj:
            raise JSONTextError("key %r appears twice in one object" % key)
        obj[key] = value
    return obj


def _no_constants(name):
    raise JSONTextError("%s is not JSON" % name)


def load_json(path):
    with open(path, "rb") as f:
        raw = f.read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise JSONTextError("not UTF-8: %s" % e)
    try:
        # Exact decimals, not binary64: 2.0 stays a non-integer and the
        # binary32 bounds compare against the number the file wrote.
        return json.loads(text, object_pairs_hook=_no_duplicates,
                          parse_constant=_no_constants, parse_float=decimal.Decimal)
    except json.JSONDecodeError as e:
        raise JSONTextError("not JSON: %s" % e)


def where(error):
    parts = ""
    for p in error.absolute_path:
        parts += "[%d]" % p if isinstance(p, int) else (("." if parts else "") + str(p))
    return parts or "(document)"


DISCRIMINATORS = ("type", "name")  # layer["type"], activation["name"]


def _is_discriminator(e):
    return (e.validator in ("const", "enum") and len(e.relative_path) == 1
            and e.relative_path[0] in DISCRIMINATORS)


def pick(errors):
    """The most relevant error of a list, without descending into oneOf."""
    return max(errors, key=jsonschema.exceptions.relevance)


def explain(error):
    """'path: message' for one error, looking inside oneOf for the branch meant.

    A layer is told apart by its "type" and an activation by its "name": the
    oneOf branches whose discriminator does not match are dropped, so the
    message is about the branch the file meant, not "is not valid under any
    of the given schemas"."""
    if error.validator in ("oneOf", "anyOf") and error.context:
        branches = {}
        for e in error.context:
            branches.setdefault(e.relative_schema_path[0], []).append(e)
        discriminated = [errs for errs in branches.values() if any(map(_is_discriminator, errs))]
        meant = [errs for errs in branches.values() if not any(map(_is_discriminator, errs))]
        if discriminated and len(meant) == 1:
            return explain(pick(meant[0]))
        if discriminated and not meant and len(discriminated) == len(branches):
            allowed = []
            for errs in discriminated:
                for e in errs:
                    if _is_discriminator(e):
                        vals = [e.validator_value] if e.validator == "const" else e.validator_value
                        allowed.extend(v for v in vals if v not in allowed)
                        key = e
            return "%s: %s is not one of %s" % (
                where(key), json.dumps(key.instance, default=str), ", ".join(json.dumps(v, default=str) for v in allowed))
        # Array-or-packed: keep the branch of the instance's own JSON type.
        typed = [errs for errs in branches.values()
                 if not any(e.validator == "type" and not e.relative_path for e in errs)]
        if not discriminated and len(typed) == 1:
            return explain(pick(typed[0]))
        if not discriminated:
            forms = "; ".join(pick(errs).message
                              for errs in branches.values())
            return "%s: matches none of the allowed forms (%s)" % (where(error), forms)
    if error.validator is None and error.schema is False:
        # The schema's only `false` subschemas are activation parameters that
        # the named activation does not take ("alpha" on a relu).
        return "%s: a parameter this activation does not take (value %s)" % (
            where(error), json.dumps(error.instance, default=str))
    return "%s: %s" % (where(error), error.message)


def first_problem(validator, doc):
    """The most relevant schema error as 'path: message', or None if valid."""
    errors = list(validator.iter_errors(doc))
    if not errors:
        return None
    msg = re.sub(r"Decimal\('([^']*)'\)", r"\1", explain(pick(errors)))
    if len(msg) > 200:
        msg = msg[:197] + "..."
    return msg + ("" if len(errors) == 1 else " (+%d more)" % (len(errors) - 1))


def check(validator, path):
    """Return None if the file is a valid model, else a one-line reason."""
    try:
        doc = load_json(path)
    except (OSError, JSONTextError) as e:
        return str(e)
    return first_problem(validator, doc)


def expand(patterns):
    files = []
    for pat in patterns:
        files.extend(sorted(p for p in glob.glob(os.path.join(ROOT, pat)) if os.path.isfile(p)))
    return files


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("files", nargs="*", help="model files (default: the folders listed in --help)")
    ap.add_argument("--invalid", action="store_true",
                    help="the FILEs given must be refused instead of accepted")
    args = ap.parse_args()

    try:
        with open(SCHEMA_PATH, encoding="utf-8") as f:
            schema = json.load(f)
        jsonschema.Draft202012Validator.check_schema(schema)
    except (OSError, ValueError, jsonschema.exceptions.SchemaError) as e:
        print("check_models.py: bad schema %s: %s" % (SCHEMA_PATH, e), file=sys.stderr)
        return 2
    validator = jsonschema.Draft202012Validator(schema)

    if args.files:
        jobs = [(p, args.invalid) for p in args.files]
    else:
        jobs = [(p, False) for p in expand(MUST_PASS)] + [(p, True) for p in expand(MUST_FAIL)]
    if not jobs:
        print("check_models.py: no files to check", file=sys.stderr)
        return 2

    passed = failed = 0
    for path, must_fail in jobs:
        shown = os.path.relpath(path, ROOT) if os.path.isabs(path) else path
        problem = check(validator, path)
        if must_fail:
            if problem is None:
                failed += 1
                print("FAIL  %s: expected to be refused, but it validates" % shown)
            else:
                passed += 1
                print("ok    %s (refused: %s)" % (shown, problem))
        else:
            if problem is None:
                passed += 1
                print("ok    %s" % shown)
            else:
                failed += 1
                print("FAIL  %s: %s" % (shown, problem))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
