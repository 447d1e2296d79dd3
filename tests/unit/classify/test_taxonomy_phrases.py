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


# label phrases that keep a required context's word from it: the word has another sense in
# them too (a contract's dispute, an economic crisis), which the context must not count
LEFT_HIDDEN = {"إنهاء النزاع", "حل النزاع", "أطراف النزاع", "إنهاء الأزمة", "حل الأزمة"}


def test_a_label_phrase_leaves_a_required_context_the_word_it_holds() -> None:
    """The other way round: a label's phrase that holds a word of a context the label
    requires ("pause in fighting" holds "fighting") would take the word from the context and
    leave the label's `require` gate unmet by its own evidence, unless a required context
    lists the phrase too."""
    taxonomy = load_taxonomy(DEFAULT_TAXONOMY)
    lexicon = Lexicon()
    label_terms = [(spec.name, t.text, t.weight, lexicon.add(t.text, exact=t.exact))
                   for spec in taxonomy.labels for t in spec.terms]
    context_terms = [(spec.name, lexicon.add(t.text, exact=t.exact))
                     for spec in taxonomy.contexts for t in spec.terms]
    read = lexicon.reading
    required = {spec.name: {c for r in spec.require for c in r.contexts}
                for spec in taxonomy.labels}
    listed = {(context, read(pattern)) for context, pattern in context_terms}
    hidden = {text
              for label, text, weight, pattern in label_terms if weight > 0
              for context, word in context_terms
              if context in required[label] and _inside(read(word), read(pattern))
              and not any((c, read(pattern)) in listed for c in required[label])}
    assert hidden == LEFT_HIDDEN
