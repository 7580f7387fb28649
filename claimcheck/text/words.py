"""Word lists the reference parser reads by: name particles, months, marks, abbreviations.

Kept apart from the parsing code so the rules read clearly and the lists can
grow without touching them. Every list is lower case unless it says otherwise.
"""

from __future__ import annotations

import re


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Lower-case words allowed in a publisher's name.
LOWER_OK = _words(
    """
    & and de des du et for für of the und y
    """
)

# Words that name a publisher, not a journal.
PUBLISHER = re.compile(
    r"\b(?:press|publishers?|publishing|publications|verlag|books|inc|ltd|llc|gmbh|co|company|"
    r"editions?|éditions|presses|wiley|springer|elsevier|routledge|blackwell|sage|hachette|kluwer|"
    r"prentice[- ]hall|addison[- ]wesley|mcgraw[- ]hill|pergamon|macmillan|penguin|norton|"
    r"harper|oxford|cambridge|masson|dunod|gallimard|suhrkamp|beck|lippincott|saunders|mosby)\b",
    re.IGNORECASE,
)

# Words that end with a dot without ending a sentence: ISO 4 journal-title words, months, ``vs``, ``ed``.
ABBREVIATIONS = _words(
    """
    abstr acad adm adv agric akad al am anal anat anesth ann annu appl apr arch assoc astron
    astrophys aufl aug aust behav biochem bioinf biol biophys bol br brit bull ca can cardiol cell
    cf chem chin clin co cogn comm commun comput conf crit curr dec dept dermatol dev dis dokl dr
    dtsch ecol econ ed eds educ eg electron emerg endocrinol eng environ epidemiol eur evol exp feb
    fig fiz fr gastroenterol gen genet geol geophys ger gynecol hepatol hist hrsg hum ie immunol inc
    ind inf infect inflamm inst instrum int intell ital izv j jahrb jan jpn jr jul jun khim lett
    ling ltd mach manag mar mater math meas mech med mem microbiol mol mr mrs ms nat natl nauk
    nephrol neurol neuropsychol neurosci no nov nr nucl numer nutr obstet occup oct oncol ophthalmol
    opin opt optim pathol patt pediatr pharm pharmacol philos phys physiol pol polit pp pract prev
    proc prog psychiatr psychol psychopharmacol pt quart radiol rehabil rend rep res respir rev
    rheumatol sb sci sens sep sept ser soc sociol softw span sr st stat struct stud suppl surg sust
    symp syst technol theor ther toxicol trans univ urol verl vet virol vol vs z zbl zeitschr zh
    """
)

# Editor and translator marks after names: ``(eds.)``, ``Hrsg.``.
ROLES = _words(
    """
    comp coord dir ed editor editors eds hg hrsg trans
    """
)

# Words that mark pages: ``pp. 1-9``, ``S. 12``, ``art. 5``.
PAGE_MARKS = _words(
    """
    art article p page pages pg pgs pp s
    """
)

# Words that mark an issue: ``no. 4``, ``Heft 2``.
ISSUE_MARKS = _words(
    """
    heft iss issue n no nos nr num
    """
)

# Words that mark a volume: ``vol. 3``, ``Bd. 2``.
VOLUME_MARKS = _words(
    """
    bd jg tome v vol vols volume
    """
)

# Month and season names (lower case), full and abbreviated.
MONTHS = _words(
    """
    apr april aug august autumn dec december fall feb february jan january jul july jun june mar
    march may nov november oct october sep sept september spring summer winter
    """
)

# Nouns that count people (lower case): "1247 participants", "among 2024 children".
PEOPLE = _words(
    """
    adolescents adults americans cases children deaths individuals kids men participants patients
    people persons respondents smokers subjects teens users veterans volunteers women
    """
)

# Dashes printed between page numbers.
DASHES = frozenset("-–‑—‒")

# Capitalised words that start titles, never names.
NOT_NAMES = _words(
    """
    a after among an and are at before between beyond by can department do does during for from how
    in institute is its journal of on our proceedings should the these this to toward towards
    university using what when where who why with
    """
)

# Family-name particles: ``de``, ``van der``, ``von``.
PARTICLES = _words(
    """
    al bin da das de del della den der des di do dos du el ibn la le st ten ter van vander von zu
    """
)

# Lower-case words allowed in an organisation's name.
GROUP_WORDS = _words(
    """
    and de der des du et for für in la le of on the und y
    """
)


# Function words: no clue to what a sentence is about (the citation-worthiness reasons and
# the reference-title overlap skip them).
FUNCTION_WORDS = _words(
    """
    about above after again also although among and any are because been before being between
    both but can could did does during each either from further had has have having here how
    into its itself just may might more most much must not now only other our over same should
    since some such than that the their them then there these they this those through thus too
    under until upon very was were what when where whether which while who whom whose why will
    with within without would yet
    all for her his nor off one out per she two via you
    """
)
