"""Technology catalog: canonical names, aliases, categories, complexity tiers, official docs.

A name a resume uses is normalised through the aliases (K8s -> Kubernetes); a name the
catalog does not know is classified by category keywords in the name itself or in the
skill group it was listed under, and weighs what its category's default tier weighs.
"""

from __future__ import annotations

import re
from enum import StrEnum
from functools import cache, cached_property, lru_cache
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from interview_prep.assets import load_yaml


class Tier(StrEnum):
    BASIC = "basic"
    INTERMEDIATE = "intermediate"
    ADVANCED = "advanced"
    EXPERT = "expert"

    @property
    def weight(self) -> int:
        """Complexity weight: basic +0, intermediate +1, advanced +2, expert +3."""
        return list(Tier).index(self)


DocsUrl = Annotated[str, Field(pattern=r"^https://[^\s]+$", max_length=300)]


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Category(_Entry):
    id: str
    en: str
    ko: str
    tier: Tier
    keywords: tuple[str, ...] = ()
    docs: DocsUrl | None = None


class Technology(_Entry):
    name: str
    aliases: tuple[str, ...] = ()
    category: str
    tier: Tier
    docs: DocsUrl


class CatalogFile(_Entry):
    version: int
    technologies: tuple[Technology, ...] = ()
    categories: tuple[Category, ...] = ()


class TechProfile(BaseModel):
    """A technology as a resume names it, resolved against the catalog."""

    model_config = ConfigDict(frozen=True)

    name: str
    category: str | None
    tier: Tier
    known: bool
    docs: str | None = None

    @property
    def weight(self) -> int:
        return self.tier.weight


def _key(name: str) -> str:
    return re.sub(r"[\s._-]+", "", name.casefold())


class Catalog:
    def __init__(self, technologies: tuple[Technology, ...], categories: tuple[Category, ...]):
        self.technologies = technologies
        self.categories = {category.id: category for category in categories}
        self._by_key = {
            _key(spelling): tech for tech in technologies for spelling in (tech.name, *tech.aliases)
        }

    @cached_property
    def _keyword_patterns(self) -> list[tuple[re.Pattern[str], Category]]:
        return [
            (re.compile(rf"(?<![a-z0-9]){re.escape(word)}(?![a-z0-9])"), category)
            for category in self.categories.values()
            for word in category.keywords
        ]

    @cached_property
    def _mention_pattern(self) -> re.Pattern[str]:
        spellings = sorted(
            {s for tech in self.technologies for s in (tech.name, *tech.aliases) if len(s) > 1},
            key=len,
            reverse=True,
        )
        # short names ("Go", "ES") only as written: in any case they are ordinary words
        alternatives = "|".join(
            re.escape(s) if len(s) <= 3 else f"(?i:{re.escape(s)})" for s in spellings
        )
        # ASCII boundaries: Korean particles attach to names directly ("Kafka를")
        return re.compile(rf"(?<![A-Za-z0-9.+#])(?:{alternatives})(?![A-Za-z0-9+#])")

    def lookup(self, name: str, group: str | None = None) -> TechProfile:
        """Resolve a resume's spelling; ``group`` is the skill group it was listed under."""
        tech = self._by_key.get(_key(name))
        if tech is not None:
            return TechProfile(
                name=tech.name, category=tech.category, tier=tech.tier, known=True, docs=tech.docs
            )
        category = self.categorise(name) or (self.categorise(group) if group else None)
        return TechProfile(
            name=name.strip(),
            category=category.id if category else None,
            tier=category.tier if category else Tier.BASIC,
            known=False,
            docs=category.docs if category else None,
        )

    def spellings(self, name: str) -> tuple[str, ...]:
        """Every way the catalog knows to write a technology (its name first)."""
        tech = self._by_key.get(_key(name))
        return (tech.name, *tech.aliases) if tech else (name,)

    def categorise(self, text: str) -> Category | None:
        # "FooDB" -> "foo db", "MyQueue2" -> "my queue 2": keywords match whole words
        spaced = re.sub(
            r"(?<=[a-z])(?=[A-Z])|(?<=[A-Za-z])(?=\d)|(?<=[A-Z])(?=[A-Z][a-z])", " ", text
        )
        lowered = spaced.casefold()
        for pattern, category in self._keyword_patterns:
            if pattern.search(lowered):
                return category
        return None

    def mentioned_in(self, text: str) -> list[Technology]:
        """Catalog technologies named anywhere in free text (e.g. a job description)."""
        return [tech for _, tech in self.mentions(text)]

    # The catalog is one per container and the same achievements are scanned by the
    # analysis and again per question; the regex over ~400 spellings is the costly part.
    @lru_cache(maxsize=2048)  # noqa: B019 - the catalog lives as long as the container
    def mentions(self, text: str) -> tuple[tuple[str, Technology], ...]:
        """Each catalog technology named in the text, with the spelling used (first one)."""
        found: dict[str, tuple[str, Technology]] = {}
        for match in self._mention_pattern.finditer(text):
            tech = self._by_key.get(_key(match.group(0)))
            if tech is not None:
                found.setdefault(tech.name, (match.group(0), tech))
        return tuple(found.values())

    def doc_roots(self) -> frozenset[str]:
        """Every official documentation root the knowledge base vouches for."""
        roots = {tech.docs for tech in self.technologies}
        roots |= {c.docs for c in self.categories.values() if c.docs}
        return frozenset(roots)


@cache
def catalog() -> Catalog:
    technologies = CatalogFile.model_validate(load_yaml("knowledge/technologies.yaml"))
    categories = CatalogFile.model_validate(load_yaml("knowledge/categories.yaml"))
    return Catalog(technologies.technologies, categories.categories)


def main_subject(topic: str, question: str = "") -> str:
    """What a question is mainly about: the first catalog technology its topic names (else
    the question's), else the topic's first part; empty when neither says."""
    named = catalog().mentions(topic) or catalog().mentions(question)
    if named:
        return named[0][1].name
    return re.split(r"[,/(]", topic, maxsplit=1)[0].strip()
