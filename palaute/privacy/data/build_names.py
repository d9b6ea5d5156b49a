"""Rebuild the name lists of the sensitive-data check from their published sources.

Not used at run time. The sources come from the package registries, so no other network
is needed:

    npm pack nimet@0.0.4                       # DVV's name statistics, as JSON
    pip download faker==40.63.0 --no-deps      # Swedish names (Faker's sv_SE provider)
    python palaute/privacy/data/build_names.py nimet-0.0.4.tgz faker-40.63.0-py3-none-any.whl

Each output line is a name and how many per 100,000 people have it (rounded up, at least
1), most frequent first. See LICENSE-names.md for the sources and their licences.
"""

from __future__ import annotations

import ast
import json
import math
import sys
import tarfile
import zipfile
from pathlib import Path

HERE = Path(__file__).parent


def _shares(rows: list[dict]) -> dict[str, int]:
    """nimet lists names with cumulative weights; the difference is each name's share."""
    shares, previous = {}, 0.0
    for row in rows:
        share = max(row["weight"] - previous, 0.0)
        previous = row["weight"]
        name = row["value"].strip()
        if name:
            shares[name] = shares.get(name, 0) + max(1, math.ceil(share * 100_000))
    return shares


def _nimet(path: Path) -> tuple[dict[str, int], dict[str, int]]:
    first: dict[str, int] = {}
    with tarfile.open(path) as archive:

        def rows(name: str) -> list[dict]:
            member = archive.extractfile(f"package/dist/{name}.json")
            return json.load(member)

        for part in ("f_first_names", "m_first_names", "f_middle_names", "m_middle_names"):
            for name, share in _shares(rows(part)).items():
                first[name] = max(first.get(name, 0), share)
        surnames = _shares(rows("surnames"))
    return first, surnames


def _faker_sv(path: Path) -> tuple[dict[str, int], dict[str, int]]:
    with zipfile.ZipFile(path) as wheel:
        source = wheel.read("faker/providers/person/sv_SE/__init__.py").decode()
    values: dict[str, dict] = {}
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            target = node.targets[0].id
            if target in ("first_names_female", "first_names_male", "last_names"):
                values[target] = dict(ast.literal_eval(node.value.args[0]))

    def scaled(table: dict[str, float]) -> dict[str, int]:
        total = sum(table.values())
        return {name: max(1, math.ceil(w / total * 100_000)) for name, w in table.items()}

    first = {**scaled(values["first_names_male"]), **scaled(values["first_names_female"])}
    return first, scaled(values["last_names"])


def _write(name: str, table: dict[str, int]) -> None:
    lines = [f"{n}\t{s}" for n, s in sorted(table.items(), key=lambda item: (-item[1], item[0]))]
    (HERE / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{name}: {len(lines)} names")


def main(nimet: str, faker: str) -> None:
    fi_first, fi_last = _nimet(Path(nimet))
    sv_first, sv_last = _faker_sv(Path(faker))
    _write("names-fi-first.tsv", fi_first)
    _write("names-fi-last.tsv", fi_last)
    _write("names-sv-first.tsv", sv_first)
    _write("names-sv-last.tsv", sv_last)


if __name__ == "__main__":
    main(*sys.argv[1:3])
