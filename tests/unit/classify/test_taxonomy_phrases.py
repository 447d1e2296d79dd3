"""One scan serves every list of the taxonomy, and a phrase wins over the words inside it: a
context's phrase that holds a term of a label ("snap election" in `public_vote`, "election" in
`elections`) takes that term from the label, unless the label lists the phrase too. The bundled
taxonomy lets a context phrase do that only where it is another sense of the label's term."""

from __future__ import annotations

from dataclasses import dataclass

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


@dataclass(frozen=True)
class Term:
    owner: str  # the label or context that lists it
    text: str  # as written
    weight: float
    reading: Pattern


def _terms() -> tuple[list[Term], list[Term], dict[str, set[str]]]:
    """The labels' terms, the contexts' terms, read by one lexicon as the classifier's scan
    reads them, and each label's required contexts."""
    taxonomy = load_taxonomy(DEFAULT_TAXONOMY)
    lexicon = Lexicon()
    added = [(spec.name, t, lexicon.add(t.text, exact=t.exact), spec in taxonomy.labels)
             for spec in (*taxonomy.labels, *taxonomy.contexts) for t in spec.terms]
    read = lexicon.reading  # only once every term is added: reading settles the lexicon
    terms = [(Term(owner, t.text, t.weight, read(pattern)), is_label)
             for owner, t, pattern, is_label in added]
    required = {spec.name: {c for r in spec.require for c in r.contexts}
                for spec in taxonomy.labels}
    return ([t for t, is_label in terms if is_label],
            [t for t, is_label in terms if not is_label], required)


def test_context_phrases_take_a_label_term_only_where_it_has_another_sense() -> None:
    labels, contexts, _ = _terms()
    listed = {(t.owner, t.reading) for t in labels}
    taken = {(term.owner, phrase.text)
             for phrase in contexts if phrase.weight > 0
             for term in labels if term.weight > 0
             if _inside(term.reading, phrase.reading)
             and (term.owner, phrase.reading) not in listed}
    assert taken == ANOTHER_SENSE


# label phrases that keep a required context's word from it: the word has another sense in
# them too (a contract's dispute, an economic crisis), which the context must not count
LEFT_HIDDEN = {"إنهاء النزاع", "حل النزاع", "أطراف النزاع", "إنهاء الأزمة", "حل الأزمة"}


def test_a_label_phrase_leaves_a_required_context_the_word_it_holds() -> None:
    """The other way round: a label's phrase that holds a word of a context the label
    requires ("pause in fighting" holds "fighting") would take the word from the context and
    leave the label's `require` gate unmet by its own evidence, unless a required context
    lists the phrase too."""
    labels, contexts, required = _terms()
    listed = {(t.owner, t.reading) for t in contexts}
    hidden = {phrase.text
              for phrase in labels if phrase.weight > 0
              for word in contexts if word.weight > 0
              if word.owner in required[phrase.owner]
              and _inside(word.reading, phrase.reading)
              and not any((c, phrase.reading) in listed for c in required[phrase.owner])}
    assert hidden == LEFT_HIDDEN
