"""The executive summary as findings with implications, built from the synthesis without a language model.

A finding is a theme several respondents share (never one respondent's), said as a claim with its prevalence,
followed by what it means for go-to-market and the evidence it rests on (persona, field and the evidence
index numbers of its quotes). Themes shared by personas come first, then each persona's strongest pain, the
ICP's power to separate winners from losers, thin evidence, and how each persona buys.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from synthesis.report.shapes import Finding, PersonaSection, ReportContent, ThemeEntry

MAX_FINDINGS = 6
IMPLICATIONS = {
    "Goals": "Lead messaging to this persona with this outcome, and show in a demo how the product moves it.",
    "Pains": "Open discovery calls and demos with this problem: most of these buyers recognise it.",
    "Aspirations": "Use it as the promise to this persona, and test it in the next round of interviews.",
    "Part in the decision": "Plan deals around this approval path, and package a first purchase to fit it.",
    "Triggers": "Time outreach to this moment and watch accounts for its signals.",
    "Evaluation steps and criteria": "Have what this step asks for ready before the evaluation starts.",
    "Objections and risks": "Answer it before it is raised: in the pitch, on the pricing page, in proposals.",
    "Information sources": "Be present where this persona looks, before they start a search.",
}
SHARED_IMPLICATION = (
    "One message can serve these buyers here; spend the tailoring on where they differ (see the persona "
    "matrix)."
)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' * (count != 1)}"


def _strongest(persona: PersonaSection, title: str) -> ThemeEntry | None:
    """The field's most prevalent theme, when more than one respondent holds it."""
    field = next((f for f in persona.fields if f.title == title), None)
    top = field.themes[0] if field and field.themes else None
    return top if top is not None and int(top.prevalence.split(" of ")[0]) > 1 else None


def short_name(persona: str) -> str:
    """ "RevOps leader at a mid-market B2B software company" -> "RevOps leader"."""
    return persona.split(" at ")[0]


def _theme_finding(
    persona: PersonaSection, title: str, verb: str, skip: frozenset[str] = frozenset()
) -> Finding | None:
    theme = _strongest(persona, title)
    if theme is None or theme.label in skip:
        return None
    label = theme.label.rstrip(".")
    claim = f"Among {short_name(persona.name)} respondents, {theme.prevalence} {verb}: “{label}.”"
    return Finding(claim, IMPLICATIONS[title], f"{persona.name}, {title.lower()}; evidence {theme.refs}")


def _shared(content: ReportContent) -> Iterator[Finding]:
    matrix = content.matrix
    if matrix is None:
        return
    for heading, cells in matrix.rows:
        field, _, label = heading.partition(" (shared): ")
        if not label:
            continue
        held = [
            f"{short_name(name)}: {cell}"
            for name, cell in zip(matrix.personas, cells, strict=True)
            if cell[:1].isdigit() and int(cell.split()[0]) > 1
        ]
        if len(held) < 2:
            continue
        claim = f"{len(held)} personas share one {field.lower()}: “{label.rstrip('.')}.” ({'; '.join(held)})."
        yield Finding(claim, SHARED_IMPLICATION, f"Persona matrix, row “{field}”")


def _icps(content: ReportContent) -> Iterator[Finding]:
    for icp in content.icps:
        if icp.separation and not icp.separates:
            yield Finding(
                icp.separation.replace("This ICP", f"The ICP “{icp.name}”", 1),
                "Do not target on this profile alone: add a criterion that tells the customers apart from "
                "the companies that churned or were lost, and test it on more decided accounts.",
                f"ICP “{icp.name}”, interviewed companies",
            )


def _thin(content: ReportContent) -> Iterator[Finding]:
    thin = [p for p in content.personas if p.flags]
    if not thin:
        return
    sizes = Counter(p.respondents for p in thin)
    parts = "; ".join(
        f"{_plural(count, 'persona')} rest{'s' * (count == 1)} on {_plural(n, 'respondent')}"
        for n, count in sorted(sizes.items())
    )
    names = ", ".join(short_name(p.name) for p in thin)
    of = _plural(len(content.personas), "persona")
    yield Finding(
        f"Evidence is thin for {len(thin)} of {of} ({names}): {parts}.",
        "Treat their themes as hypotheses and interview more people in these roles before acting on them.",
        "Persona sections, thin-evidence notes",
    )


def findings(content: ReportContent) -> list[Finding]:
    """At most ``MAX_FINDINGS`` findings, most shared first."""
    thin = list(_thin(content))
    mostly_thin = 2 * sum(bool(p.flags) for p in content.personas) >= len(content.personas)
    found: list[Finding] = [*(thin if mostly_thin else ()), *_shared(content)]
    shared = frozenset(
        heading.partition(" (shared): ")[2] for heading, _ in (content.matrix.rows if content.matrix else ())
    )
    steps = (
        ("Pains", "share one pain"),
        ("Part in the decision", "describe the same approval path"),
        ("Objections and risks", "raise the same objection"),
        ("Goals", "share one goal"),
    )
    for number, (title, verb) in enumerate(steps):
        if number == 1:
            found += [*_icps(content), *(() if mostly_thin else thin)]
        found += [f for p in content.personas if (f := _theme_finding(p, title, verb, shared)) is not None]
    return found[:MAX_FINDINGS]


def introduction(content: ReportContent) -> str:
    period = f" {content.period}" if content.period else ""
    return (
        f"This report draws on {_plural(content.interviews, 'interview')}{period} with "
        f"{_plural(content.respondents, 'respondent')} at {_plural(content.companies, 'company')}".replace(
            "companys", "companies"
        )
        + ". Each finding below gives how many respondents hold it, what it means for go-to-market, and "
        "where its evidence is."
    )
