"""The classify core: labels, hard negatives, spelling invariance, countries, taxonomy files."""

from __future__ import annotations

from pathlib import Path

import pytest

from khabar.agents.classify.core import DEFAULT_TAXONOMY, Classification, Classifier, TaxonomyError
from tests.shared_data import SEED_PAGE, shared_path
from tests.taxonomies import MINIMAL, SPORTS, with_sports_label


@pytest.fixture(scope="module")
def clf() -> Classifier:
    return Classifier.from_file()


# Our own sentences, written for these tests (title, body, lang, label).
POSITIVES = [
    ("استئناف مفاوضات السلام بين الحكومة والمتمردين",
     "أعلن المبعوث الأممي استئناف المحادثات بين الأطراف المتحاربة الأسبوع المقبل في جنيف، "
     "بهدف التوصل إلى اتفاق لوقف إطلاق النار وتبادل الأسرى.\n\nوقال الوسيط إن الطرفين وافقا "
     "على هدنة مؤقتة تمهيدا لجولة جديدة من المفاوضات.", "ar", "peace_talks"),
    ("Rebels and government agree ceasefire at peace talks",
     "Negotiators from both sides agreed a truce after mediation by a UN envoy, and a prisoner "
     "exchange is expected next week as part of the peace process.", "en", "peace_talks"),
    ("بدء التصويت في الانتخابات البرلمانية وسط إقبال الناخبين",
     "فتحت مراكز الاقتراع أبوابها صباح اليوم أمام الناخبين للإدلاء بأصواتهم في الانتخابات "
     "البرلمانية، وأعلنت اللجنة العليا للانتخابات أن نتائج الانتخابات ستعلن خلال يومين.\n\n"
     "وتنافس في الانتخابات مئات المرشحين على مقاعد البرلمان، فيما راقب مراقبون دوليون "
     "عملية الاقتراع وسير الحملة الانتخابية.", "ar", "elections"),
    ("Voters head to the polls in presidential election",
     "Turnout was high as voters cast their ballot; the electoral commission said the "
     "candidates would learn the results on Monday.", "en", "elections"),
    ("وصول قافلة مساعدات إنسانية إلى النازحين",
     "وصلت قافلة مساعدات إنسانية تحمل مواد غذائية وأدوية إلى مخيمات النازحين، وحذر برنامج "
     "الأغذية العالمي من خطر المجاعة وسوء التغذية بين اللاجئين.", "ar", "humanitarian"),
    ("Aid agencies warn of famine as refugees flee",
     "The UNHCR and the World Food Programme said thousands of displaced families need food "
     "aid and clean water, and aid convoys were blocked.", "en", "humanitarian"),
]

# Hard negatives: the word is there, the topic is not.
NEGATIVES = [
    ("Clubs agree truce in transfer row",
     "The two football clubs agreed a truce over the striker's transfer, the league said, "
     "and the coach welcomed the peace in the dressing room.", "en", "peace_talks"),
    ("هدنة بين الناديين بعد أزمة اللاعب",
     "اتفق الناديان على هدنة في الدوري بعد خلاف حول انتقال اللاعب، وقال مدرب المنتخب إن "
     "الوساطة نجحت.", "ar", "peace_talks"),
    ("Peace of mind for every home", "Our new insurance plan gives you peace of mind.",
     "en", "peace_talks"),
    ("Ministers approve relief package for banks",
     "The government's relief package and stimulus give the banks a bailout worth billions; "
     "tax relief follows.", "en", "humanitarian"),
    ("Brussels rules on state aid to Boeing rival",
     "The WTO dispute over state aid and subsidies to Airbus and Boeing continues.",
     "en", "humanitarian"),
    ("Party congress elects new central committee",
     "Delegates at the party congress voted to elect a new politburo and party chairman.",
     "en", "elections"),
    ("Union members back strike vote",
     "Workers voted to strike after a strike ballot; the union said the vote was clear.",
     "en", "elections"),
    ("Film wins best picture at the Oscars",
     "Academy members voted the film best picture; the actress was nominated for an Oscar.",
     "en", "elections"),
    ("MPs face no-confidence vote",
     "Parliament will hold a vote of no confidence in the government on Tuesday.",
     "en", "elections"),
    ("Greek bailout talks enter final day",
     "Creditors and the eurozone negotiated a bailout agreement; talks with the IMF continue.",
     "en", "peace_talks"),
    ("دورة تدريبية في مهارات الحوار",
     "نظمت الجامعة دورة تدريبية للطلاب في مهارات الحوار وثقافة الحوار داخل الأسرة.",
     "ar", "peace_talks"),
    ("جدل حول قانون المصالحة الاقتصادية",
     "ناقش البرلمان مشروع قانون المصالحة الاقتصادية مع رجال الأعمال.", "ar", "peace_talks"),
    ("On humanity", "An essay on humanity and the human condition.", "en", "humanitarian"),
    ("تأملات في الإنسانية", "مقال عن الإنسانية والحضارة الإنسانية وقيم الإنسانية جمعاء.",
     "ar", "humanitarian"),
]


@pytest.mark.parametrize(("title", "text", "lang", "label"), POSITIVES)
def test_label_assigned_with_evidence(clf: Classifier, title: str, text: str, lang: str,
                                      label: str) -> None:
    out = clf.classify(title=title, text=text, lang=lang)
    assert label in out.labels, out.scores
    assert out.evidence[label]
    for phrase in out.evidence[label]:
        assert phrase in title + "\n" + text  # as written in the original text


@pytest.mark.parametrize(("title", "text", "lang", "label"), NEGATIVES)
def test_hard_negative(clf: Classifier, title: str, text: str, lang: str, label: str) -> None:
    out = clf.classify(title=title, text=text, lang=lang)
    assert label not in out.labels, (out.scores, out.evidence)


def test_scores_cover_every_label(clf: Classifier) -> None:
    out = clf.classify(title=None, text="A quiet day.", lang="en")
    assert isinstance(out, Classification)
    assert set(out.scores) == set(clf.labels) == {"peace_talks", "elections", "humanitarian"}
    assert all(0.0 <= s <= 1.0 for s in out.scores.values())
    assert out.labels == [] and out.evidence == {}


BASE = "وقف إطلاق النار والمساعدات الإنسانية للاجئين في غزة يوم 12 وإجراء الانتخابات"
VARIANTS = [
    "وقف اطلاق النار والمساعدات الانسانية للاجئين في غزة يوم 12 وإجراء الانتخابات",  # hamza
    "وقف إطلاق النار والمساعدات الإنسانيه للاجئين في غزه يوم 12 وإجراء الانتخابات",  # ة/ه
    "وقـــف إطـلاق النـار والمساعدات الإنسانية للاجئين في غزة يوم 12 وإجراء الانتخابات",  # tatweel
    "وَقْفُ إِطْلاقِ النّارِ والمُساعَداتُ الإنسانيّةُ لِلّاجِئينَ في غزّةَ يوم 12 وإجراءِ الانتخاباتِ",
    "وقف إطلاق النار والمساعدات الإنسانية للاجئين في غزة يوم ١٢ وإجراء الانتخابات",  # digits
]


@pytest.mark.parametrize("variant", VARIANTS)
def test_spelling_variants_score_the_same(clf: Classifier, variant: str) -> None:
    base = clf.classify(title="خبر", text=BASE, lang="ar")
    other = clf.classify(title="خبر", text=variant, lang="ar")
    assert other.scores == base.scores
    assert other.labels == base.labels and other.countries == base.countries


def test_blank_title_is_no_title(clf: Classifier) -> None:
    text = "Peace talks resume.\n\nRebels and the army agree a ceasefire."
    blank = clf.explain(title="  ", text=text, lang="en")
    assert blank == clf.explain(title=None, text=text, lang="en")
    assert blank.verdicts[0].raw < clf.explain(title="Peace talks resume.", text=text,
                                               lang="en").verdicts[0].raw
    lead = clf.explain(title=None, text="Rain.\n\nMore rain.\n\nPeace talks and a ceasefire.",
                       lang="en").verdicts[0]
    assert lead.lead == 0 < lead.raw  # the third paragraph is body


@pytest.mark.parametrize(("title", "first", "third_in_lead"), [
    # after a title, a dateline, a byline, a signpost or the headline repeated takes no lead
    # paragraph: the paragraph it announces is still lead
    ("Delegates in the capital", "CAPITAL – Our correspondent", True),
    ("Delegates in the capital", "Here are the latest developments:", True),
    ("Delegates in the capital", "Delegates in the capital", True),
    # a sentence takes one, however short, and so does a long line
    ("Delegates in the capital", "Delegates arrived on Monday.", False),
    ("Delegates in the capital", "“Why now?”", False),
    ("Delegates in the capital", "Delegates arrived…", False),
    ("Delegates in the capital", "Delegates from the two sides and their advisers arrive today",
     False),
    # with no title, the text's first line is the headline: always a lead paragraph
    (None, "Delegates in the capital", False),
])
def test_a_line_that_only_announces_takes_no_lead_paragraph(clf: Classifier, title: str | None,
                                                            first: str,
                                                            third_in_lead: bool) -> None:
    text = f"{first}\n\nMore delegates arrived.\n\nPeace talks and a ceasefire."
    peace = clf.explain(title=title, text=text, lang="en").verdicts[0]
    assert peace.label == "peace_talks" and peace.raw > 0
    assert (peace.lead > 0) is third_in_lead


def test_only_the_line_after_the_head_announces(clf: Classifier) -> None:
    """An Arabic dateline under the headline gives the lead to the next paragraph; a subhead
    further down does not move the lead."""
    dated = clf.explain(title=None, lang="ar", text="وفود في العاصمة\n\nالقامشلي – خاص\n\n"
                                                   "محادثات السلام ووقف إطلاق النار.")
    assert dated.verdicts[0].label == "peace_talks" and dated.verdicts[0].lead > 0
    subhead = clf.explain(title="Delegates in the capital", lang="en",
                          text="Delegates arrived.\n\nBackground\n\nPeace talks and a ceasefire.")
    assert subhead.verdicts[0].lead == 0 < subhead.verdicts[0].raw


def test_alif_maqsura_variant(clf: Classifier) -> None:
    a = clf.classify(title=None, text="مستشفى للاجئين وهدنة أخرى", lang="ar")
    b = clf.classify(title=None, text="مستشفي للاجئين وهدنة أخري", lang="ar")
    assert a.scores == b.scores


@pytest.mark.parametrize(("text", "lang", "present", "absent"), [
    ("محادثات في باكو بين أذربيجان والأرمن، ورد من يريفان بوساطة روسية وموسكو ترحب.",
     "ar", {"AZ", "AM", "RU"}, set()),
    ("Talks in Kyiv: Ukrainian officials met Russian envoys in Moscow.", "en",
     {"UA", "RU"}, set()),
    ("وصلت رئيسة الوزراء جورجيا ميلوني إلى روما.", "ar", {"IT"}, {"GE"}),
    ("Michael Jordan scored again; Jordan smiled.", "en", set(), {"JO"}),
    ("الفلسطينيون في غزة ورام الله", "ar", {"PS"}, set()),
])
def test_countries(clf: Classifier, text: str, lang: str, present: set[str],
                   absent: set[str]) -> None:
    countries = set(clf.classify(title=None, text=text, lang=lang).countries)
    assert present <= countries
    assert not absent & countries


def test_seed_page(clf: Classifier) -> None:
    lines = shared_path(SEED_PAGE).read_text(encoding="utf-8").splitlines()
    main = clf.classify(title=None, text="\n".join(lines[0:55]), lang="ar")
    assert {"peace_talks", "humanitarian"} <= set(main.labels)
    assert "elections" not in main.labels
    assert {"AZ", "AM", "RU"} <= set(main.countries)
    embedded = clf.classify(title=lines[70], text="\n".join(lines[72:119]), lang="ar")
    assert "elections" in embedded.labels


def test_added_label_routes_articles(tmp_path: Path) -> None:
    clf = Classifier.from_file(with_sports_label(tmp_path))
    assert clf.labels[-1] == "sports"
    out = clf.classify(title="Football", text="The goalkeeper saved a penalty.", lang="en")
    assert out.labels == ["sports"]
    assert out.evidence["sports"] == ["Football", "goalkeeper"]
    ar = clf.classify(title="كرة القدم", text="فاز الفريق بكرة القدم", lang="ar")
    assert "sports" in ar.labels


def test_evidence_quotes_the_chunks_a_match_came_from(tmp_path: Path) -> None:
    """A one-word match quotes its chunk (punctuation trimmed), two matches in one chunk quote
    it once, and a phrase over several chunks quotes them all but a chunk with no token."""
    clf = Classifier.from_file(with_sports_label(tmp_path))
    out = clf.classify(title=None, text="«Football» – goal-keeper, goalkeeper – penalty.",
                       lang="en")
    assert out.evidence["sports"] == ["goalkeeper", "Football"]
    out = clf.classify(title="Football-goalkeeper", text="x", lang="en")
    assert out.evidence["sports"] == ["Football-goalkeeper"]
    out = clf.classify(title="«كرة – القدم»", text="فاز الفريق بكرة القدم.", lang="ar")
    assert out.evidence["sports"] == ["كرة القدم"]


def test_version_follows_the_file(tmp_path: Path) -> None:
    path = tmp_path / "taxonomy.toml"
    path.write_text(DEFAULT_TAXONOMY.read_text(encoding="utf-8"), encoding="utf-8")
    same = Classifier.from_file(path).version
    assert same == Classifier.from_file().version
    path.write_text(path.read_text(encoding="utf-8") + SPORTS, encoding="utf-8")
    assert Classifier.from_file(path).version != same


@pytest.mark.parametrize(("body", "needle"), [
    ("not toml [[[", "not valid UTF-8 TOML"),
    ("[scoring]\n", "field 'labels'"),
    (MINIMAL.replace("[labels.x]", "[labels.Bad-Name]").replace("labels.x.", "labels.Bad-Name."),
     "label 'Bad-Name': field 'name'"),
    (MINIMAL.replace('"word" = 1.0', '"word" = "heavy"'), "label 'x': field 'terms.en.'word''"),
    (MINIMAL.replace("slope = 1.0", "slope = 0"), "label 'x': field 'calibration.default'"),
    (MINIMAL.replace("calibration.default", "calibration.en"), "label 'x': field 'calibration'"),
    (MINIMAL + '"bad" = { w = 1, exact = "yes" }\n', "field 'terms.en.'bad''"),
    (MINIMAL.replace("[labels.x.terms.en]", "threshold = 1.5\n[labels.x.terms.en]"),
     "label 'x': field 'threshold'"),
    (MINIMAL + '[[labels.x.suppress]]\ncues = ["a"]\nterms = ["nope"]\n',
     "label 'x': field 'suppress[0].terms'"),
    (MINIMAL + '"wórd" = 1.0\n"WORD" = 2.0\n', "duplicates"),
    (MINIMAL + '"evacuate" = 1.0\n"evacuated" = 2.0\n',
     "label 'x': terms 'evacuate' and 'evacuated' read alike"),
    (MINIMAL + '[[labels.x.suppress]]\ncues = ["!!!"]\nterms = ["*"]\nfactor = 0.5\n',
     "label 'x': suppress cue '!!!' normalises to nothing"),
    (MINIMAL.replace("[labels.x.terms.en]", "colour = 1\n[labels.x.terms.en]"),
     "label 'x': field 'colour': unknown field"),
])
def test_taxonomy_errors_name_file_label_and_field(tmp_path: Path, body: str,
                                                   needle: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(TaxonomyError) as err:
        Classifier.from_file(path)
    assert str(path) in str(err.value)
    assert needle in str(err.value)


def test_missing_file_is_a_taxonomy_error(tmp_path: Path) -> None:
    with pytest.raises(TaxonomyError, match="cannot read"):
        Classifier.from_file(tmp_path / "absent.toml")


def test_minimal_taxonomy_loads(tmp_path: Path) -> None:
    path = tmp_path / "ok.toml"
    path.write_text(MINIMAL, encoding="utf-8")
    assert Classifier.from_file(path).labels == ("x",)


def test_terms_of_two_lists_that_read_alike_both_count(tmp_path: Path) -> None:
    """A stem or a clitic can make two lists' terms one word ("evacuated" in one, "evacuate"
    in the other; «لإطلاق» read as «إطلاق»): each list still scores it."""
    path = tmp_path / "alike.toml"
    path.write_text(MINIMAL + '"evacuate" = 1.0\n"وقف إطلاق النار" = 1.0\n'
                    '[labels.y]\ncalibration.default = { center = 1.0, slope = 1.0 }\n'
                    '[labels.y.terms.en]\n"evacuated" = 2.0\n"وقف لإطلاق النار" = 3.0\n',
                    encoding="utf-8")
    clf = Classifier.from_file(path)
    for text, lang in [("Thousands were evacuated.", "en"), ("أعلن وقف إطلاق النار.", "ar")]:
        raw = {v.label: v.raw for v in clf.explain(title=None, text=text, lang=lang).verdicts}
        assert raw["x"] > 0 and raw["y"] > raw["x"], (text, raw)
