"""The curated knowledge base is well-formed: every entry names a catalog technology or
category, has angles in both languages with what good answers cover, and links only to
official documentation; enough technologies are covered in depth, every category too."""

from __future__ import annotations

import re
from string import Formatter

import pytest

from interview_prep.assets import load_yaml, prompts_dir
from interview_prep.generation.analysis import detect_language
from interview_prep.generation.korean import PARTICLES, fill
from interview_prep.generation.quality import allowed_link
from interview_prep.knowledge.catalog import catalog
from interview_prep.knowledge.depth import DepthFile, knowledge

ANGLE_FILES = sorted((prompts_dir() / "knowledge" / "angles").glob("*.yaml"))
ENTRIES = [
    entry
    for path in ANGLE_FILES
    for entry in DepthFile.model_validate(load_yaml(f"knowledge/angles/{path.name}")).entries
]
PLACEHOLDERS = {"project", "tech"}


def _id(entry: object) -> str:
    return str(getattr(entry, "technology", None) or getattr(entry, "category", ""))


def test_at_least_forty_technologies_in_depth_and_every_category() -> None:
    assert len(knowledge().by_technology) >= 40
    assert set(knowledge().by_category) == set(catalog().categories)


def test_no_subject_is_described_twice() -> None:
    subjects = [(e.technology, e.category) for e in ENTRIES]
    assert len(subjects) == len(set(subjects))


@pytest.mark.parametrize("entry", ENTRIES, ids=_id)
def test_each_entry_names_something_the_catalog_knows(entry: object) -> None:
    technology, category = entry.technology, entry.category
    names = {tech.name for tech in catalog().technologies}
    assert technology in names if technology else category in catalog().categories


@pytest.mark.parametrize("entry", ENTRIES, ids=_id)
def test_angles_are_bilingual_and_use_only_known_placeholders(entry: object) -> None:
    for question_type, angle in entry.angles.items():
        where = f"{_id(entry)} {question_type}"
        for language, text in (("en", angle.en), ("ko", angle.ko)):
            fields = {(name, spec) for _, name, spec, _ in Formatter().parse(text) if name}
            assert {name for name, _ in fields} <= PLACEHOLDERS, where
            assert all(not spec or spec in PARTICLES for _, spec in fields), where
            filled = fill(text, project="Orders API", tech="Kafka")
            assert detect_language(filled) == language, (where, language)
            assert "{" not in filled and "}" not in filled, where
        assert "{project}" in angle.en and "{project" in angle.ko, f"{where}: names no project"
        for cover in angle.cover.ko:
            assert detect_language(cover) == "ko", where
        assert not any(re.search(r"[\uac00-\ud7a3]", c) for c in angle.cover.en), where


@pytest.mark.parametrize("entry", ENTRIES, ids=_id)
def test_resources_link_only_to_official_documentation(entry: object) -> None:
    for resource in entry.resources:
        assert allowed_link(resource.url), f"{_id(entry)}: {resource.url}"
        assert detect_language(resource.title.ko) == "ko"
