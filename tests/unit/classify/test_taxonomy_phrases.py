"""A phrase wins over the words inside it in every list of the taxonomy: a context's phrase
that holds a word of a label takes that word from the label, unless the label lists the phrase
too ("snap election" in `public_vote` once kept "election" from `elections`). The bundled
taxonomy lets a context do that only where its phrase is another sense of the label's word."""

from __future__ import annotations

from khabar.agents.classify.core import DEFAULT_TAXONOMY
from khabar.agents.classify.lexicon import Lexicon, Pattern
from khabar.agents.classify.taxonomy import load_taxonomy

# (label, context phrase as written): the phrase is not the label's sense of its word
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
}


def _inside(part: Pattern, whole: Pattern) -> bool:
    n = len(part)
    return n < len(whole) and any(whole[i:i + n] == part for i in range(len(whole) - n + 1))


def test_context_phrases_take_a_label_word_only_where_it_has_another_sense() -> None:
    taxonomy = load_taxonomy(DEFAULT_TAXONOMY)
    lexicon = Lexicon()
    label_terms = [(spec.name, t.weight, lexicon.add(t.text, exact=t.exact))
                   for spec in taxonomy.labels for t in spec.terms]
    phrases = [(t.text, lexicon.add(t.text, exact=t.exact))
               for spec in taxonomy.contexts for t in spec.terms if len(t.text.split()) > 1]
    read = lexicon.reading  # after every add: reading settles the lexicon
    listed = {(label, read(pattern)) for label, _, pattern in label_terms}
    words = [(label, read(pattern)) for label, weight, pattern in label_terms if weight > 0]
    taken = {(label, text)
             for text, phrase in phrases
             for label, word in words
             if _inside(word, read(phrase)) and (label, read(phrase)) not in listed}
    assert taken == ANOTHER_SENSE
