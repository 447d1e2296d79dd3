"""One scan serves every list of the taxonomy, and a phrase wins over the words inside it: a
context's phrase that holds a term of a label ("snap election" in `public_vote`, "election" in
`elections`) takes that term from the label, unless the label lists the phrase too. The bundled
taxonomy lets a context phrase do that only where it is another sense of the label's term."""

from __future__ import annotations

from khabar.agents.classify.core import DEFAULT_TAXONOMY
from khabar.agents.classify.lexicon import Lexicon, Pattern
from khabar.agents.classify.taxonomy import load_taxonomy

# (label, context phrase as written): the phrase is not the label's sense of its term
ANOTHER_SENSE = {
    ("peace_talks", "collective agreement"),
    ("peace_talks", "pay deal"),
    ("peace_talks", "trade pact"),
    ("peace_talks", "national dialogue"),
    ("peace_talks", "الحوار الاستراتيجي"),
    ("elections", "leadership ballot"),
    ("elections", "leadership election"),
    ("elections", "leadership vote"),
    ("elections", "union election"),
    ("elections", "promotion campaign"),
    ("elections", "انتخابات داخلية"),
    ("elections", "انتخابات النقابة"),
    ("humanitarian", "heatwave alert"),
    ("humanitarian", "animal shelter"),
}


def _inside(part: Pattern, whole: Pattern) -> bool:
    n = len(part)
    return n < len(whole) and any(whole[i:i + n] == part for i in range(len(whole) - n + 1))


def test_context_phrases_take_a_label_term_only_where_it_has_another_sense() -> None:
    taxonomy = load_taxonomy(DEFAULT_TAXONOMY)
    lexicon = Lexicon()
    label_terms = [(spec.name, t.weight, lexicon.add(t.text, exact=t.exact))
                   for spec in taxonomy.labels for t in spec.terms]
    context_terms = [(t.text, lexicon.add(t.text, exact=t.exact))
                     for spec in taxonomy.contexts for t in spec.terms]
    read = lexicon.reading  # only once every term is added: reading settles the lexicon
    listed = {(label, read(pattern)) for label, _, pattern in label_terms}
    scoring = [(label, read(pattern)) for label, weight, pattern in label_terms if weight > 0]
    taken = {(label, text)
             for text, phrase in context_terms
             for label, term in scoring
             if _inside(term, read(phrase)) and (label, read(phrase)) not in listed}
    assert taken == ANOTHER_SENSE
