"""Cue language per evidence kind, written from the annotation guide and common B2B discovery phrasing.

Each cue is a lower-case regular expression (matched against lower-cased text) with a weight; a sentence's
score for a kind is the sum of the weights of the distinct cues it contains (capped, so one long sentence
cannot win on volume alone).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, cached_property

from models.tables import InsightKind
from synthesis.extraction.prefilter import LiteralFinder, required_literals

KINDS = tuple(kind.value for kind in InsightKind)

_TITLES = (
    r"(?:manager|director|head|lead|vp|vice president|chief|officer|ceo|cfo|cto|coo|cro|cmo|cio|ciso|founder|"
    r"co-?founder|owner|partner|consultant|analyst|engineer|developer|designer|architect|specialist|"
    r"coordinator|administrator|controller|accountant|bookkeeper|associate|representative|rep|executive|"
    r"strategist|researcher|scientist|writer|editor|teacher|nurse|physician|attorney|lawyer|recruiter|"
    r"marketer|product owner|product manager|freelancer|contractor|student|intern)s?"
)


@dataclass(frozen=True)
class Cue:
    """One weighted pattern that signals a kind; a text without any of its ``literals`` holds no match."""

    name: str
    pattern: re.Pattern[str]
    weight: float

    @cached_property
    def literals(self) -> frozenset[str] | None:
        """Strings of which every match holds one, looked for in lower-cased text (None: always scan)."""
        return None if self.pattern.flags & re.IGNORECASE else required_literals(self.pattern)


def _cues(*items: tuple[str, str, float]) -> tuple[Cue, ...]:
    return tuple(Cue(name, re.compile(rx), w) for name, rx, w in items)


CUES: dict[str, tuple[Cue, ...]] = {
    "role": _cues(
        ("title", rf"\b(?:i'?m|i am|i work as|as)\s+(?:an?|the|our)\s+(?:[\w-]+\s+){{0,4}}{_TITLES}\b", 2.5),
        ("title-is", r"\bmy (?:title|role|job|position)(?:'s| is)\b", 2.5),
        ("reports-to", r"\b(?:i|we) report(?:s|ing)? (?:\w+ )?(?:in)?to\b|\breports? (?:in)?to me\b", 3.0),
        ("team-of", r"\b(?:i have|i've got|i manage|i lead|team of|my team(?:'s| is)?)\s+(?:\w+\s+){0,2}"
                    r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a dozen)\b", 2.5),
        ("my-team", r"\bmy (?:team|group|department|org|direct reports?|reports)\b", 1.0),
        ("own", r"\bi (?:own|run|manage|lead|oversee|head up|head|am responsible for|'m responsible for|"
                r"handle|look after|deal with|am in charge of|'m in charge of)\b", 2.0),
        ("responsible", r"\bresponsib(?:le|ilit)|\bin charge of\b|\bmy remit\b|\bmy job\b|"
                        r"\bday[- ]to[- ]day\b", 1.5),
        ("work-as", r"\bi (?:work|worked) (?:as|at|for|in|on|with)\b|\bi'?ve been (?:here|at|in|"
                    r"doing)\b", 1.5),
        ("tenure", r"\b(?:been|for) (?:\w+ )?(?:\d+|a few|two|three|four|five|six|ten|many) (?:years|"
                   r"months)\b", 1.0),
        ("background", r"\bmy (?:background|career)\b|\bi came from\b|\bbefore that,? i\b|\bi joined\b", 1.5),
        ("title-word", rf"\b{_TITLES}\b", 0.5),
        ("activity", r"\b(?:i'?m|i am) (?:currently )?working (?:on|with)\b|\bi'?ve been asked to\b|"
                     r"\bi (?:have|'ve) "
                     r"(?:done|built|run|led|managed|worked)\b|\bi did (?:an?|the)\b|\bmy (?:work|use|usage|"
                     r"clients|accounts|portfolio|book)\b|\bi (?:carry|cover|support|serve)\b", 1.5),
        ("tasks", r"\b(?:my|our) (?:main |typical |daily )?(?:tasks|responsibilities|duties|"
                  r"work involves)\b", 1.5),
        ("i-do", r"\bi (?:do|build|write|prepare|create|support|help|work with)\b", 0.5),
    ),
    "company": _cues(
        ("headcount", r"\b\d[\d,.]*[\s-]*(?:k\s+)?(?:people|employees|staff|ftes?|headcount|person)\b|"
                      r"\bheadcount\b|\bemployees\b", 3.0),
        ("revenue", r"\b(?:arr|revenue|turnover|sales of|gmv|bookings|valuation)\b|\b\d+(?:\.\d+)?\s?(?:m|bn|"
                    r"million|billion)\b", 2.0),
        ("funding", r"\bseries [a-f]\b|\bseed\b|\bventure|\bvc[- ]backed\b|\bprivate equity\b|"
                    r"\bpe[- ]backed\b|"
                    r"\bfunding\b|\braised\b|\bipo\b|\bpublicly traded\b|\bacquired\b|\bbootstrapped\b", 2.5),
        ("we-are", r"\bwe(?:'re| are) (?:an?|the)\s+(?:[\w-]+\s+){0,4}(?:company|business|firm|startup|"
                   r"platform|"
                   r"agency|provider|bank|marketplace|shop|group|organi[sz]ation|practice|consultancy|vendor|"
                   r"manufacturer|distributor|retailer|operator|brand|school|hospital|lab)\b", 3.0),
        ("sell", r"\bwe (?:sell|make|build|provide|offer|ship|serve|operate|run|do)\b|\bour (?:product|"
                 r"platform|"
                 r"software|app|customers|clients|buyers|users|market|offices?|sites?|locations?|"
                 r"warehouses?)\b", 1.5),
        ("based", r"\b(?:based|headquartered|hq|offices?) (?:in|out of)\b|\bacross (?:\w+ ){0,2}(?:countries|"
                  r"markets|regions|sites|states)\b", 2.5),
        ("stack", r"\bwe(?:'re| are)? (?:use|using|run on|on|live in|standardi[sz]ed on)\b|\bour (?:stack|"
                  r"crm|erp|"
                  r"systems?|tools?|tech)\b|\b(?:crm|erp|hris|ats|bi tool|data warehouse)\b", 1.5),
        ("industry", r"\b(?:industry|sector|saas|b2b|b2c|enterprise|mid-?market|smb|regulated|logistics|"
                     r"fintech|"
                     r"healthcare|manufacturing|retail|hospitality|e-?commerce|insurance|banking)\b", 1.0),
        ("customers", r"\b(?:customers|clients|accounts|locations|stores|users|members)\b", 0.5),
        ("solo", r"\bsmall business\b|\bsole (?:trader|proprietor)\b|"
                 r"\bself-employed\b", 2.5),
        ("we-have", r"\bwe(?: have|'ve got| have got) (?:about |around |roughly |over |nearly |some )?"
                    r"(?:\d|a (?:hundred|thousand|dozen)\b|(?:two|three|four|five|six|seven|eight|nine|ten|"
                    r"eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)\b)", 1.5),
    ),
    "goal": _cues(
        ("goal-word", r"\b(?:goals?|objectives?|targets?|kpis?|okrs?|metrics?|quota|north star|"
                      r"mandate)\b", 2.5),
        ("measured", r"\b(?:measured|judged|evaluated|compensated|bonused|paid) on\b|\baccountable for\b|"
                     r"\bsuccess (?:is|looks like|means|for me)\b", 3.0),
        ("need-to", r"\b(?:i|we) (?:need|needed|have|had|must|want|wanted|am trying|'m trying|are trying|"
                    r"'re trying) to (?:get|hit|reach|grow|increase|reduce|cut|improve|deliver|make sure|"
                    r"ensure|prove|show|keep|maintain|build|launch|close|scale|double|hit)\b", 2.5),
        ("ensure", r"\b(?:make sure|ensure|so that|in order to|the point is|the aim is|aim(?:ing)? to|"
                   r"focus(?:ed)? on)\b",
         1.5),
        ("number", r"\b\d+(?:\.\d+)?\s?%|\bpercent\b|\b(?:by|this|next|end of (?:the )?)\s?(?:q[1-4]|year|"
                   r"quarter|"
                   r"fiscal)\b", 1.0),
        ("outcome", r"\b(?:retention|nrr|grr|pipeline|conversion|close (?:the books|time)|renewals?|growth|"
                    r"margin|"
                    r"efficiency|accuracy|on time|deadline|compliance|saving (?:me )?time|save time)\b", 1.0),
        ("priority", r"\b(?:priority|priorities|important (?:for|to) (?:me|us)|it'?s important)\b", 1.5),
        ("plan", r"\b(?:my|our|the) (?:plan|aim|job|mission)\b|"
                 r"\bmain goal\b|"
                 r"\b(?:i|we) (?:need|needed|have|had) to\b|\btrying to\b", 1.5),
        ("bar", r"\b(?:under|within|below|above|at least|less than|more than|no more than|zero)\s+"
                r"(?:\d|a |one|two|three|four|five|six|seven|eight|nine|ten|findings|errors)|\bdue\b|"
                r"\btime to (?:value|close)\b|\bpayback\b", 1.5),
    ),
    "pain": _cues(
        ("problem", r"\b(?:problems?|issues?|pain(?:ful| points?)?|headaches?|nightmare|mess|struggl\w*|"
                    r"challeng\w*|bottlenecks?|friction)\b", 2.5),
        ("frustrat", r"\b(?:frustrat\w*|annoy\w*|hate|drives? me (?:crazy|nuts|mad)|tired of|sick of|"
                     r"stress\w*|"
                     r"worr(?:y|ied|ies)|afraid|scared|fear|concerned|anxious|overwhelm\w*|embarrass\w*|"
                     r"upset|disappoint\w*|let (?:me|us) down)\b", 3.0),
        ("hard", r"\b(?:hard|difficult|tough|tricky|painful|tedious|time[- ]consuming|slow|clunky|messy|"
                 r"complicated|confusing|unreliable|inaccurate|error[- ]prone|broken|manual(?:ly)?|"
                 r"cumbersome|expensive|risky|useless)\b", 2.0),
        ("effort", r"\b(?:takes?|took|spend|spends|spent|costs?|wait(?:s|ing)?|lose|"
                   r"losing) (?:\w+ ){0,5}?"
                   r"(?:minutes|hours|days|weeks|months|forever|ages)\b", 2.0),
        ("stuck", r"\b(?:falls? through|disappears?|goes? nowhere|nobody|no one|"
                  r"fight\w*|blame|behind|backlog|bottleneck|dependen\w+ on|"
                  r"rely on one)\b", 1.5),
        ("takes-long", r"\btakes? (?:\w+ )?(?:forever|ages|hours|days|weeks|too long|a lot of time)|"
                       r"\bwaste\w*|"
                       r"\btoo (?:much|many|long|slow)\b|\bevery (?:single )?(?:time|month|week)\b", 2.0),
        ("cannot", r"\b(?:can'?t|cannot|couldn'?t|unable to|not able to|no way to|doesn'?t work|don'?t work|"
                   r"didn'?t work|won'?t work|no (?:visibility|idea|insight|"
                   r"one knows))\b", 1.5),
        ("errors", r"\b(?:errors?|mistakes?|wrong|hallucinat\w*|fail\w*|breaks?|lost|lose|losing|miss(?:ed|"
                   r"ing)?|"
                   r"chas(?:e|ing)|rework|duplicates?|out of date|stale|gaps?|lacks?|"
                   r"lacking|"
                   r"trouble|harm\w*|prone to|incomplete|generic|limit(?:s|ed|"
                   r"ations?)?|"
                   r"sadly|not (?:that |very )?(?:good|well|great|accurate|"
                   r"reliable))\b", 1.5),
        ("dont-want", r"\b(?:i|we) (?:don'?t|didn'?t|never) (?:want|like|know|have (?:the )?time|trust)\b|"
                      r"\bnot (?:sure|enough)\b|\bno one\b|\bnobody\b", 1.5),
        ("negative", r"\b(?:unfortunately|the (?:problem|issue|catch|downside|trouble) is|the worst|"
                     r"honestly,? "
                     r"it'?s|struggle|fighting|burn(?:ed|t)? out|firefight\w*)\b", 1.5),
        ("risk", r"\b(?:risk|exposure|liabilit\w*|penalt\w*|churn(?:ed|ing)?)\b", 1.0),
        ("spreadsheet", r"\b(?:spreadsheets?|excel|copy(?:ing)? and past\w*|by hand|workarounds?)\b", 0.5),
    ),
    "aspiration": _cues(
        ("wish", r"\b(?:i|we) (?:wish|hope|dream)\b|\bi'?d (?:love|like|want)\b|\bwould (?:love|like)\b|"
                 r"\bhopefully\b|\bhoping\b", 3.0),
        ("ideal", r"\b(?:ideal(?:ly)?|dream|magic wand|perfect world|utopia|holy grail|in an ideal)\b", 3.0),
        ("would-be", r"\b(?:it|that)(?:'d| would) be (?:great|amazing|awesome|nice|huge|incredible|fantastic|"
                     r"a game[- ]changer|helpful|so good)\b|\bwhat i (?:really )?want\b", 2.5),
        ("if-could", r"\bif (?:i|we|it|they|you|ai|the (?:tool|system|ai)) (?:could|were able to|had)\b|"
                     r"\bimagine\b|\benvision\b", 2.0),
        ("future", r"\b(?:in the future|one day|someday|eventually|long[- ]term|down the road|next level|"
                   r"looking ahead|going forward|i see (?:myself|it|us)|look forward)\b", 1.5),
        ("seen-as", r"\b(?:seen as|be (?:a|the) (?:strategic|trusted)|seat at the table|"
                    r"partner to the business|"
                    r"instead of (?:just )?(?:a|being))\b", 2.0),
        ("would", r"\b(?:would|could) (?:just|automatically|actually)\b|\bwould\b", 0.5),
        ("want-be", r"\bi want (?:to be|us to|them to|it to|the|our|my|everyone|to see|"
                    r"to get to)\b|"
                    r"\b(?:desire|interested in|aspir\w*|ambition\w*|goal is to become|my next (?:step|role|"
                    r"move))\b|"
                    r"\beventually\b", 2.5),
    ),
    "buying": _cues(
        ("evaluate", r"\b(?:evaluat\w*|trial(?:s|led|ed|ing)?|pilot\w*|demos?|proof of concept|poc|rfps?|"
                     r"shortlist\w*|compar\w*|vet(?:ted|ting)?|benchmark\w*|bake-?off)\b", 3.0),
        ("approve", r"\b(?:sign(?:s|ed)?[- ]off|approv\w*|procurement|purchas\w*|budgets?|contracts?|"
                    r"renew\w*|"
                    r"licen[cs]\w*|subscriptions?|pricing|price|per (?:seat|user|month|year)|seats|"
                    r"invoice[sd]? "
                    r"us|spend|business case|roi|pay(?:ing)? for|cost(?:s)? (?:us|about|around))\b", 2.5),
        ("security", r"\b(?:security (?:review|questionnaire|team)|soc ?2|iso ?27001|gdpr|vendor (?:risk|"
                     r"management|review|assessment)|legal review|infosec|due diligence|data (?:privacy|"
                     r"residency|protection)|proprietary|confidential)\b", 2.5),
        ("vendor", r"\b(?:vendors?|suppliers?|tools?|software|solutions?|platforms?|products?|apps?)\b", 0.5),
        ("chose", r"\b(?:i|we|they) (?:chose|choose|picked|pick|selected|select|switched|switch|moved|"
                  r"migrated|"
                  r"bought|buy|tried|try|tested|adopted|adopt|rolled out|implemented|signed|dropped|"
                  r"cancell?ed|"
                  r"churned|ripped out|replaced|stopped using|gave up on|went with|ended up with)\b", 2.5),
        ("source", r"\b(?:g2|capterra|gartner|forrester|reviews?|referrals?|recommend\w*|word of mouth|"
                   r"peers?|"
                   r"communit(?:y|ies)|slack groups?|linkedin|podcasts?|newsletters?|conferences?|"
                   r"trade (?:shows?|"
                   r"fairs?)|webinars?|analysts?|sales reps?|cold (?:emails?|calls?)|outbound|"
                   r"reached out)\b", 2.0),
        ("criteria", r"\b(?:deal[- ]?breakers?|must[- ]haves?|non-?negotiable|criteria|requirements?|"
                     r"integrat\w*|"
                     r"onboarding|implementation|set ?up|easy to use|ease of use|learning curve|support|"
                     r"trust\w*|reluctan\w*|hesitan\w*|cautious|skeptic\w*|sceptic\w*|worth (?:it|"
                     r"the))\b", 1.5),
        ("decide", r"\b(?:decid\w*|decision|final say|buy-?in|champion|stakeholders?|it (?:team|department)|"
                   r"cfo|legal|committee)\b", 1.5),
        ("prefer", r"\b(?:i|we) (?:prefer|rather|would rather|'d rather|use|used|rely on|stick with|"
                   r"lean on)\b", 1.0),
        ("threshold", r"(?:[$€£]\s?\d[\d,.]*\s?(?:k|m)?|\b\d[\d,]*\s?(?:k|euros?|dollars|pounds|usd|eur|"
                      r"gbp)\b|"
                      r"\b\d{1,3}(?:,\d{3})+\b)[^.]{0,40}\b(?:goes to|needs?|requires?|approv\w*|sign\w*|"
                      r"without asking|a (?:year|month)|per (?:year|month|seat|user)|upfront)\b|"
                      r"\b(?:over|above|under|up to|below)\s+[$€£]?\s?\d[\d,.]*\s?(?:k|m)?\b", 2.5),
        ("spend-path", r"\b(?:credit card|quotes?d?|"
                       r"upfront|"
                       r"annual (?:contract|plan|upfront)|monthly (?:plan|billing)|lock-?ins?|multi-?year|"
                       r"goes? to (?:my|the|our) \w+|dead on arrival|killed it|"
                       r"take the risk|adoption|reference (?:call|customer)s?|a reference|native\w*|"
                       r"has to (?:be|stay|live|integrate|work)|needs? to (?:integrate|plug|sit))\b", 2.5),
        ("peers", r"\b(?:whatsapp|slack (?:community|channel|group)|peer group|network|"
                  r"other (?:\w+ )?leaders|ask(?:ed)? around|first stop|"
                  r"where i (?:ask|look|go)|"
                  r"word of mouth|partner)\b", 2.0),
    ),
}

_CAP = 6.0


@dataclass(frozen=True)
class CueHit:
    """Where one cue fired in a text."""

    kind: str
    cue: Cue
    start: int
    end: int


@cache
def _literal_finder() -> LiteralFinder:
    """Finds the required literals of every cue (built on first use: it costs tens of milliseconds)."""
    return LiteralFinder(s for cues in CUES.values() for cue in cues for s in cue.literals or ())


def find_cues(text: str) -> list[CueHit]:
    """Every cue occurrence in ``text`` (one pass per cue over the whole text, e.g. a full turn; a cue none of
    whose required literals the text contains is skipped: it cannot match)."""
    lowered = text.lower()
    present = _literal_finder().present(lowered)
    return [
        CueHit(kind, cue, m.start(), m.end())
        for kind, cues in CUES.items()
        for cue in cues
        if cue.literals is None or not present.isdisjoint(cue.literals)
        for m in cue.pattern.finditer(lowered)
    ]


def score_span(hits: list[CueHit], start: int, end: int) -> tuple[dict[str, float], dict[str, list[str]]]:
    """Score the span ``[start, end)`` for every kind from the hits inside it; also name the fired cues."""
    fired: dict[str, dict[str, float]] = {kind: {} for kind in KINDS}
    for hit in hits:
        if start <= hit.start and hit.end <= end:
            fired[hit.kind][hit.cue.name] = hit.cue.weight
    scores = {kind: min(_CAP, sum(names.values())) for kind, names in fired.items()}
    return scores, {kind: list(names) for kind, names in fired.items()}


def cue_scores(text: str) -> tuple[dict[str, float], dict[str, list[str]]]:
    """Score a whole ``text`` for every kind; also return the names of the cues that fired per kind."""
    return score_span(find_cues(text), 0, len(text))
