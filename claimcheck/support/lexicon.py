"""Word lists for the lexical support scorer: data only, no logic.

Provenance: every list here was written by hand for claimcheck from general
knowledge of English and of health reporting, not derived from any corpus and
not chosen by looking at the evaluation data. Keep them small and general: a
word belongs here only if it is common in *any* health article, whatever the
topic.

- :data:`STOPWORDS` are function words; they never count.
- :data:`GENERIC` are content words that health news and abstracts use about
  every topic (``study``, ``patients``, ``treatment``, ``increase``); they count,
  but much less than topical words (``ketamine``, ``measles``).
- :data:`ABBREVIATIONS` are very common health abbreviations, applied only when
  the text writes them in capitals. Ambiguous ones (``ED``, ``MS``, ``PD``,
  ``RA``, ``CF``) are left out on purpose; an article that uses them should
  define them, and definitions in the text itself ("treatment-resistant
  depression (TRD)") are found by :mod:`claimcheck.support.terms`.
- :data:`SYNONYMS` maps a word to a canonical word: irregular plurals, British
  spellings, and a few lay/medical pairs.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


STOPWORDS: frozenset[str] = _words(
    """
    a about above after again against all almost also although always am among an and another any
    anyone anything are around as at be became because been before being below between both but by
    can cannot could did do does doing done down during each either else enough etc even ever every
    few for from further had has have having he her here hers herself him himself his how however i
    if in into is it its itself just least less let like many may me might more most much must my
    myself neither no nor not now of off often on once one only or other others our ours ourselves
    out over own per perhaps quite rather same several she should since so some something still such
    than that the their theirs them themselves then there therefore these they this those though
    through thus to too toward towards under until up upon us very via was we were what whatever when
    where whether which while who whom whose why will with within without would yet you your yours
    yourself yourselves s t don doesn didn isn aren wasn weren won wouldn shouldn couldn mustn
    nearly approximately roughly around mostly usually typically generally currently really actually
    e g i.e eg ie vs et al
    """
)

GENERIC: frozenset[str] = _words(
    """
    study studies studied research researcher researchers trial trials analysis analyses analyzed
    data result results finding findings find found show shows showed shown report reports reported
    suggest suggests suggested evidence paper article review evaluate evaluated assess assessed
    examine examined investigate investigated observe observed measure measured estimate estimated
    patient patients people person persons individual individuals participant participants subject
    subjects population populations group groups case cases adult adults man men woman women
    treatment treatments treat treated treating therapy therapies therapeutic care clinical clinic
    clinics medical medicine health healthy disease diseases condition conditions disorder disorders
    symptom symptoms outcome outcomes effect effects effective effectiveness efficacy affect affected
    increase increased increases increasing decrease decreased decreases reduce reduced reduces
    reduction lower higher high low large larger small smaller greater less more most level levels
    rate rates risk risks factor factors associated association associations related relation
    relationship linked link compared compare comparison control controls significant significantly
    common commonly new novel recent recently current early late first second third last total
    overall average mean median number numbers percent percentage proportion part parts type types
    year years month months week weeks day days time times period long short term future past
    use used uses using need needed needs help helps helped make makes made take takes taken give
    given get gets go goes going come comes know known say says said see seen think work works
    way ways thing things lot able possible likely unlikely important potential potentially
    including include includes included based according across well good better best bad worse
    way whole general specific different similar various certain main major minor key
    option options approach approaches method methods model models system systems process
    problem problems issue issues question questions area areas place places state states
    change changes changed develop developed development provide provided support supported
    determine determined consider considered remain remains continue continued lead leads led
    """
) | _words(
    # Everyday English: frequent words of any text, not topical in a health article.
    """
    back away ago again along already among area available away based begin began behind believe
    big bring call called came case center certain chance change choice city close country
    course cut deal end enough entire example experience fact far feel few field figure
    fine follow following form free full gave general give goal going great hand happen hard
    head hear heard hold hour hours house idea keep kind knew large later leave left less life
    likely line little local look looking lost main matter mean means member
    mind minute minutes moment move much name nation national near next night nothing offer
    open order page paper part past pay play point position power present pretty public
    put range rate reach read ready real reason receive record rest return right room run seem seems
    sense serve service set show side simple since single size sort source start started
    stay step stop story strong sure table talk tell tend thought today together told top
    toward try trying turn understand value view want watch whole wide world write wrong
    series usual usually instead often around whether especially simply recently yet
    """
)

ABBREVIATIONS: dict[str, str] = {
    "US": "United States",
    "USA": "United States",
    "UK": "United Kingdom",
    "EU": "European Union",
    "WHO": "World Health Organization",
    "CDC": "Centers for Disease Control and Prevention",
    "FDA": "Food and Drug Administration",
    "NIH": "National Institutes of Health",
    "RCT": "randomized controlled trial",
    "CI": "confidence interval",
    "HR": "hazard ratio",
    "RR": "relative risk",
    "IV": "intravenous",
    "ICU": "intensive care unit",
    "BMI": "body mass index",
    "BP": "blood pressure",
    "MDD": "major depressive disorder",
    "TRD": "treatment-resistant depression",
    "PTSD": "post-traumatic stress disorder",
    "ADHD": "attention deficit hyperactivity disorder",
    "OCD": "obsessive-compulsive disorder",
    "GAD": "generalized anxiety disorder",
    "ASD": "autism spectrum disorder",
    "COPD": "chronic obstructive pulmonary disease",
    "CVD": "cardiovascular disease",
    "CHD": "coronary heart disease",
    "CKD": "chronic kidney disease",
    "MI": "myocardial infarction",
    "T2D": "type 2 diabetes",
    "T2DM": "type 2 diabetes mellitus",
    "T1D": "type 1 diabetes",
    "HIV": "human immunodeficiency virus",
    "AIDS": "acquired immunodeficiency syndrome",
    "HPV": "human papillomavirus",
    "STI": "sexually transmitted infection",
    "UTI": "urinary tract infection",
    "GI": "gastrointestinal",
    "CNS": "central nervous system",
    "MRI": "magnetic resonance imaging",
    "CT": "computed tomography",
    "EEG": "electroencephalography",
    "ECG": "electrocardiogram",
    "SSRI": "selective serotonin reuptake inhibitor",
    "SSRIs": "selective serotonin reuptake inhibitors",
    "NSAID": "nonsteroidal anti-inflammatory drug",
    "NSAIDs": "nonsteroidal anti-inflammatory drugs",
    "LDL": "low-density lipoprotein",
    "HDL": "high-density lipoprotein",
}

SYNONYMS: dict[str, str] = {
    # irregular plurals the stemmer leaves alone
    "children": "child",
    "kids": "child",
    "kid": "child",
    "women": "woman",
    "men": "man",
    "mice": "mouse",
    "feet": "foot",
    "teeth": "tooth",
    # British spellings (the stemmer keeps them apart)
    "paediatric": "pediatric",
    "haemoglobin": "hemoglobin",
    "anaemia": "anemia",
    "leukaemia": "leukemia",
    "oestrogen": "estrogen",
    "oesophagus": "esophagus",
    "diarrhoea": "diarrhea",
    "foetus": "fetus",
    "foetal": "fetal",
    "tumour": "tumor",
    "tumours": "tumor",
    "behaviour": "behavior",
    "behaviours": "behavior",
    "behavioural": "behavioral",
    "randomised": "randomized",
    "hospitalised": "hospitalized",
    "hospitalisation": "hospitalization",
    "immunisation": "immunization",
    # death and dying
    "died": "death",
    "die": "death",
    "dies": "death",
    "dying": "death",
    "deaths": "death",
    "mortality": "death",
    "fatality": "death",
    "fatalities": "death",
    # lay word and medical adjective
    "cardiac": "heart",
    "renal": "kidney",
    "hepatic": "liver",
    "pulmonary": "lung",
    "cerebral": "brain",
    "physician": "doctor",
    "physicians": "doctor",
    "clinicians": "doctor",
    "medication": "drug",
    "medications": "drug",
    "elderly": "older",
    "sick": "ill",
    "illness": "ill",
    "illnesses": "ill",
}
