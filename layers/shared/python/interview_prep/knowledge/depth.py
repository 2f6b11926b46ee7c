"""Knowledge in depth (``prompts/knowledge/angles/*.yaml``): for a technology or a whole
category, the interview angles that fit each question type (a question stem in both
languages and what good answers cover) and learning resources with official links.

Question stems take ``{project}`` and ``{tech}``; Korean stems mark particles that depend
on the word before them as a format spec, ``{tech:을}`` -> ``Kafka를`` (see ``korean``).
"""

from __future__ import annotations

from functools import cache
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

from interview_prep.assets import load_yaml, prompts_dir
from interview_prep.knowledge.catalog import DocsUrl, catalog
from interview_prep.models.results import QuestionType

Line = Annotated[str, Field(min_length=3, max_length=400)]


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Bilingual(_Entry):
    en: Line
    ko: Line


class Covers(_Entry):
    en: Annotated[tuple[Line, ...], Field(min_length=2, max_length=4)]
    ko: Annotated[tuple[Line, ...], Field(min_length=2, max_length=4)]


class Angle(_Entry):
    en: Line
    ko: Line
    cover: Covers


class Resource(_Entry):
    title: Bilingual
    url: DocsUrl


class Depth(_Entry):
    """Angles and resources for one technology (``technology``) or category (``category``)."""

    technology: str | None = None
    category: str | None = None
    angles: Annotated[dict[QuestionType, Angle], Field(min_length=3)]
    resources: Annotated[tuple[Resource, ...], Field(min_length=2, max_length=6)]

    @model_validator(mode="after")
    def _one_subject(self) -> Depth:
        if (self.technology is None) == (self.category is None):
            raise ValueError("name exactly one of technology or category")
        return self


class DepthFile(_Entry):
    version: int
    entries: tuple[Depth, ...]


class KnowledgeBase:
    def __init__(self, entries: tuple[Depth, ...]) -> None:
        self.by_technology = {e.technology: e for e in entries if e.technology}
        self.by_category = {e.category: e for e in entries if e.category}

    def for_technology(self, name: str, category: str | None) -> Depth | None:
        """The technology's own entry, else its category's."""
        return self.by_technology.get(name) or (
            self.by_category.get(category) if category else None
        )


@cache
def knowledge() -> KnowledgeBase:
    entries: list[Depth] = []
    for path in sorted((prompts_dir() / "knowledge" / "angles").glob("*.yaml")):
        entries += DepthFile.model_validate(load_yaml(f"knowledge/angles/{path.name}")).entries
    return KnowledgeBase(tuple(entries))


def known_technology(name: str) -> bool:
    return any(tech.name == name for tech in catalog().technologies)
