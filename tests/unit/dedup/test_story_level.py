"""Copies rewritten at story level against releases and write-ups that are other stories.

Every text here was written for these tests. The copies sit below the plain containment
threshold (each test checks that it does), so only the numbers' agreement, with enough word
5-grams or, for short texts, enough words in common, can join them; the negatives share the
template or the figures and must stay apart.
"""

from __future__ import annotations

import base64

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from khabar.agents.dedup.core import (
    DEFAULT_CORROBORATED,
    DEFAULT_CORROBORATED_WORDS,
    DEFAULT_MANY_FIGURES_WORDS,
    DEFAULT_THRESHOLD,
    DEFAULT_VETO_BELOW,
    DEFAULT_WORD_THRESHOLD,
    MANY_FIGURES,
    MANY_FIGURES_SHORT,
    SHORTER_COPY,
    Deduper,
)
from khabar.agents.dedup.evaluate import dedup_scores
from khabar.agents.dedup.fingerprint import (
    MAX_LONG_WORDS,
    MIN_LONG_WORDS,
    NUMBERS_CAP,
    WORDS_CAP,
    Fingerprint,
    Undecodable,
    estimate,
    figures,
    fingerprint,
    number_hashes,
    word_containment,
)
from khabar.agents.dedup.state import DedupState
from khabar.agents.ingest.normalize import normalize

WIRE = [
    "Storm leaves thousands homeless on southern islands",
    "At least 37 people were killed and more than 12,000 left homeless after a tropical storm "
    "swept across the southern islands overnight, the national disaster agency said on Thursday.",
    "The agency said 214 houses were destroyed on the island of Pelora alone, where winds of up "
    "to 160 km an hour tore roofs off schools and flattened fishing villages along the coast.",
    "Relief officials said two navy ships loaded with food, water and tents would reach the "
    "worst hit areas by Saturday, and that 85 evacuation centres had been opened on the main "
    "island.",
]
# Another outlet's copy: a new headline, every sentence turned round.
WIRE_REWRITTEN = [
    "Tropical storm kills 37, destroys homes across island chain",
    "A tropical storm swept across the southern islands overnight, killing at least 37 people "
    "and leaving more than 12,000 homeless, the national disaster agency said Thursday.",
    "On Pelora island alone 214 houses were destroyed, the agency said, as winds of up to 160 "
    "km an hour tore roofs off schools and flattened fishing villages along the coast.",
    "Two navy ships loaded with food, water and tents would reach the worst hit areas by "
    "Saturday, relief officials said, adding that 85 evacuation centres had opened on the main "
    "island.",
]
# The same storm reported by a correspondent: the same figures, one quoted sentence, own words.
WIRE_REPORTED = [
    "Survivors wait for help on Pelora after storm",
    "Survivors on Pelora waited on Thursday for food and water, a day after the storm.",
    "\"At least 37 people were killed and more than 12,000 left homeless,\" the national "
    "disaster agency said in a statement, adding that 214 houses were destroyed on the island "
    "of Pelora.",
    "A fisherman said the 160 km an hour winds took both his boats. The village school has no "
    "roof, and its teachers are now cooking for the families who have moved into the "
    "classrooms.",
    "The government says two navy ships will arrive by Saturday. Until then aid comes by small "
    "boat, and 85 evacuation centres are open on the main island.",
]

REGIONAL = [
    "أمانة المنطقة الشرقية تطلق مشروع تطوير الواجهة البحرية في الخبر",
    "أعلنت أمانة المنطقة الشرقية أمس إطلاق مشروع تطوير الواجهة البحرية لمدينة الخبر بتكلفة "
    "تبلغ 240 مليون ريال، ضمن خطة لتحسين المشهد الحضري وزيادة المساحات الخضراء في المدينة.",
    "ويمتد المشروع على طول 18 كيلومترا من الكورنيش، ويشمل إنشاء ممرات للمشاة والدراجات "
    "ومسطحات خضراء وألعاب للأطفال ومواقف تتسع لـ 3500 سيارة، إضافة إلى مرافق خدمية وتجارية.",
    "وأوضح أمين المنطقة أن العمل في المرحلة الأولى سيبدأ مطلع العام المقبل ويستمر 30 شهرا، "
    "مشيرا إلى أن الأمانة راعت في التصاميم ملاحظات السكان التي جمعتها خلال ورش عمل مفتوحة.",
    "وأضاف أن المشروع سيوفر فرص عمل للشباب من أبناء المنطقة، وأن الأمانة ستطرح عددا من "
    "المحلات والأكشاك للمستثمرين الصغار بأسعار تشجيعية بعد اكتمال الأعمال.",
]
# A regional paper's republication: its own headline and lead, the rest shortened and merged.
REGIONAL_NEW_LEAD = [
    "240 مليون ريال لتطوير كورنيش الخبر",
    "تبدأ أمانة المنطقة الشرقية مطلع العام المقبل أعمال المرحلة الأولى من تطوير الواجهة "
    "البحرية لمدينة الخبر، في مشروع تصل تكلفته إلى 240 مليون ريال ويستغرق تنفيذه 30 شهرا.",
    "ويمتد المشروع على طول 18 كيلومترا من الكورنيش، ويشمل إنشاء ممرات للمشاة والدراجات "
    "ومسطحات خضراء وألعاب للأطفال ومواقف تتسع لـ 3500 سيارة، إضافة إلى مرافق خدمية وتجارية.",
    "وقال أمين المنطقة إن الأمانة راعت في التصاميم ملاحظات السكان التي جمعتها خلال ورش "
    "عمل مفتوحة، وإن المشروع سيوفر فرص عمل للشباب من أبناء المنطقة.",
    "وستطرح الأمانة عددا من المحلات والأكشاك للمستثمرين الصغار بأسعار تشجيعية بعد اكتمال "
    "الأعمال.",
]


# Short wire items (a headline and a sentence or two): a copy with its clauses turned round
# keeps almost no word 5-gram of the original.
SHORT = {
    "oil": "Oil climbs above $52 as storm shuts Gulf platforms\n\nOil prices rose above $52 a "
           "barrel on Wednesday after a hurricane forced companies to shut 14 production "
           "platforms in the Gulf of Mexico, cutting output by about 380,000 barrels a day, "
           "traders said.",
    "oil copy": "Crude tops $52 on Gulf of Mexico shutdowns\n\nCrude oil rose above $52 a "
                "barrel Wednesday, traders said, after companies shut 14 production platforms "
                "in the Gulf of Mexico ahead of a hurricane, cutting output by some 380,000 "
                "barrels a day.",
    "quake": "Quake kills 12 in eastern province\n\nAn earthquake of magnitude 6.1 struck the "
             "eastern province early on Sunday, killing at least 12 people and injuring 140, "
             "officials said. About 300 homes collapsed in mountain villages near the "
             "epicentre.",
    "quake copy": "Twelve dead as 6.1 quake hits east\n\nAt least 12 people were killed and "
                  "140 injured when a magnitude 6.1 earthquake struck the eastern province "
                  "early Sunday, officials said, adding that about 300 homes had collapsed in "
                  "mountain villages near the epicentre.",
    # the same quake in a correspondent's words: every figure, few of the words
    "quake reported": "Villagers dig through rubble after quake\n\nIn the mountain villages "
                      "near the epicentre, men dug with shovels and bare hands on Sunday. The "
                      "6.1 earthquake killed 12 people and hurt 140, and some 300 homes are "
                      "down. \"We heard a roar and then the walls fell,\" one farmer said.",
    # one template, two companies
    "earnings a": "Northwind Foods posts third-quarter profit rise\n\nNorthwind Foods said on "
                  "Tuesday its net profit for the third quarter rose 14 percent to 212 million "
                  "dollars on sales of 1.9 billion dollars, helped by strong demand in its "
                  "frozen meals division. The company, which employs 11,000 people, said it "
                  "expected full-year results in line with its earlier forecast.",
    "earnings b": "Harbor Metals posts third-quarter profit rise\n\nHarbor Metals said on "
                  "Tuesday its net profit for the third quarter rose 9 percent to 87 million "
                  "dollars on sales of 640 million dollars, helped by strong demand in its "
                  "aluminium sheet division. The company, which employs 11,000 people, said it "
                  "expected full-year results in line with its earlier forecast.",
}


def release(ordinal: str, tons: str, cargo: str, city: str, partner: str, detail: str) -> str:
    """One release of a relief agency's template: about half of it is the same every time,
    including the agency's own figures."""
    return "\n\n".join([
        f"{ordinal.capitalize()} relief flight lands in {city} with {tons} tonnes of {cargo}",
        f"The {ordinal} relief flight of the air bridge landed at {city} airport on Monday "
        f"carrying {tons} tonnes of {cargo}, accompanied by a field team from {partner}.",
        "A spokesman for the centre said the flight was part of the air bridge it runs with "
        "local authorities, under the direct supervision of its humanitarian operations "
        "department.",
        detail,
        "Since it was founded in 2015 the centre has delivered more than 1,900 projects in 62 "
        "countries, working with 170 partner organisations, the spokesman added.",
    ])


RELEASES = [
    release("fourth", "18", "medical supplies", "Aden", "Doctors Without Borders",
            "The supplies include dialysis machines, filters and medicines for kidney patients, "
            "who have gone without regular treatment since the main hospital lost power in the "
            "spring, he said."),
    release("fifth", "22", "food baskets", "Mukalla", "the Red Crescent",
            "Each basket holds rice, flour, oil, sugar and lentils for a family of six for one "
            "month, and volunteers will start handing them out in the port district on "
            "Wednesday morning."),
    # the same tonnage as the fourth: only the ordinal tells their figures apart
    release("sixth", "18", "tents and blankets", "Seiyun", "the World Food Programme",
            "The tents will go to families who fled the fighting in the western villages and "
            "are now camped in school yards on the edge of town, where nights have turned cold."),
]


def fp(text: str | list[str]) -> Fingerprint:
    return fingerprint(normalize(text if isinstance(text, str) else "\n\n".join(text)))


def shorter_first(a: Fingerprint, b: Fingerprint) -> tuple[Fingerprint, Fingerprint]:
    return (a, b) if a.shingles <= b.shingles else (b, a)


def decide_in_turn(*texts: str | list[str]) -> list[bool]:
    """Canonical or not, for each text decided an hour after the one before."""
    d = Deduper(DedupState.in_memory())
    return [d.decide(f"a{i}", fp(text), i * 3600.0, f"outlet-{i}").canonical
            for i, text in enumerate(texts)]


@pytest.mark.parametrize(("original", "copy"), [
    (WIRE, WIRE_REWRITTEN), (REGIONAL, REGIONAL_NEW_LEAD),
], ids=["short wire copy, rewritten", "regional story, new lead"])
def test_a_rewritten_copy_with_the_same_figures_joins_the_story(original, copy) -> None:
    a, b = fp(original), fp(copy)
    jaccard, containment = estimate(a, b)
    assert DEFAULT_CORROBORATED <= containment < DEFAULT_THRESHOLD  # shingles alone: no
    assert jaccard >= Deduper(DedupState.in_memory()).min_jaccard
    assert set(a.bands) & set(b.bands)  # LSH proposes it
    assert figures(*shorter_first(a, b)).agree(2)
    assert decide_in_turn(original, copy) == [True, False]


def test_a_shorter_text_with_a_figure_of_its_own_is_refused() -> None:
    """The toll changed in the body (the headline still has the old one): another report."""
    changed = [WIRE_REWRITTEN[0], WIRE_REWRITTEN[1].replace("37", "41"), *WIRE_REWRITTEN[2:]]
    a, b = fp(WIRE), fp(changed)
    assert b.shingles < a.shingles and set(a.numbers) < set(b.numbers)
    assert not figures(b, a).agree(2)
    assert decide_in_turn(WIRE, changed) == [True, True]


def test_the_same_event_written_up_again_is_another_story() -> None:
    """Every figure agrees and one sentence is quoted, but the text is the reporter's own, and
    longer than the wire: no paraphrased copy, in either order."""
    a, b = fp(WIRE), fp(WIRE_REPORTED)
    assert figures(*shorter_first(a, b)).agree(MANY_FIGURES, years=False)
    assert word_containment(a, b) >= DEFAULT_MANY_FIGURES_WORDS
    assert a.short and not b.short and a.shingles > SHORTER_COPY * b.shingles
    assert estimate(a, b)[1] < DEFAULT_CORROBORATED
    assert decide_in_turn(WIRE, WIRE_REPORTED, WIRE_REWRITTEN) == [True, True, False]
    assert decide_in_turn(WIRE_REPORTED, WIRE) == [True, True]


def test_template_releases_about_successive_flights_stay_apart() -> None:
    fps = [fp(text) for text in RELEASES]
    for i, a in enumerate(fps):
        for b in fps[i + 1:]:
            assert estimate(a, b)[1] >= DEFAULT_CORROBORATED  # in the band the numbers decide
            assert not figures(*shorter_first(a, b)).agree(2)
            assert not figures(*shorter_first(b, a)).agree(2)
    assert decide_in_turn(*RELEASES) == [True, True, True]


def test_ordinals_count_as_numbers_in_both_languages() -> None:
    fourth = number_hashes(normalize("the fourth flight"))
    assert len(fourth) == 1
    assert number_hashes(normalize("the 14th session")) == number_hashes(normalize("session 14"))
    assert number_hashes(normalize("الطائرة الرابعة")) == fourth
    assert number_hashes(normalize("والرابعة")) == fourth
    assert number_hashes(normalize("the first flight, 1st and 3 planes")) == ()
    assert number_hashes(normalize("في عام ٢٠١٥")) == number_hashes(normalize("in 2015"))
    assert number_hashes(normalize("flight 7, gate 5")) == ()


def numbers(*values: int) -> Fingerprint:
    return Fingerprint("", b"", (), 1, tuple(sorted(values)))


def test_numbers_agree_needs_shared_figures_and_none_of_the_shorter_texts_own() -> None:
    assert figures(numbers(1, 2, 3), numbers(1, 2, 3, 4)).agree(2)
    assert not figures(numbers(1, 2, 3, 4), numbers(2, 3)).agree(2)
    assert not figures(numbers(1, 2, 5), numbers(1, 2, 3, 4)).agree(2)
    assert not figures(numbers(1), numbers(1, 2)).agree(2)
    assert not figures(numbers(), numbers()).agree(2)


@settings(max_examples=200, deadline=None)
@given(st.sets(st.integers(0, 2**32 - 1), min_size=1, max_size=60), st.data())
def test_numbers_agree_on_capped_lists_as_on_the_full_sets_below_the_cap(full, data) -> None:
    """Lists of more than ``NUMBERS_CAP`` numbers keep the smallest: the test compares both
    below the smaller of the capped lists' largest values, where each list is complete."""
    subset = data.draw(st.sets(st.sampled_from(sorted(full)), min_size=1))
    extra = data.draw(st.sets(st.integers(0, 2**32 - 1), max_size=3))
    other = subset | extra  # the shorter text: mostly numbers of the longer

    def capped(values: set[int]) -> tuple[int, ...]:
        return tuple(sorted(values)[:NUMBERS_CAP])

    a, b = capped(full), capped(other)
    limit = min((x[-1] for x in (a, b) if len(x) >= NUMBERS_CAP), default=2**32)
    low_a = {v for v in full if v <= limit}
    low_b = {v for v in other if v <= limit}
    expected = len(low_b) >= 2 and low_b <= low_a
    assert figures(numbers(*b), numbers(*a)).agree(2) == expected


@pytest.mark.parametrize("story", ["oil", "quake"])
def test_a_short_wire_copy_turned_round_joins_the_story_by_its_words_and_figures(story) -> None:
    a, b = fp(SHORT[story]), fp(SHORT[f"{story} copy"])
    assert a.words and b.words  # short texts keep their words
    assert estimate(a, b)[1] < DEFAULT_CORROBORATED  # almost no 5-gram left
    assert word_containment(a, b) >= DEFAULT_WORD_THRESHOLD
    assert figures(*shorter_first(a, b)).agree(2)
    assert [k for k in set(a.bands) & set(b.bands) if k.startswith("x.")]  # the numbers' bucket
    assert decide_in_turn(SHORT[story], SHORT[f"{story} copy"]) == [True, False]


def test_a_short_write_up_of_the_same_event_is_another_story() -> None:
    """It states the same figures, three of them besides the magnitude: the words decide."""
    a, b = fp(SHORT["quake"]), fp(SHORT["quake reported"])
    assert figures(*shorter_first(a, b)).agree(3, years=False)
    assert word_containment(a, b) < DEFAULT_CORROBORATED_WORDS
    assert word_containment(b, fp(SHORT["quake copy"])) < DEFAULT_CORROBORATED_WORDS
    assert decide_in_turn(SHORT["quake"], SHORT["quake reported"], SHORT["quake copy"]) == [
        True, True, False]


# Written for this test: a long wire item on a quake, and another reporter's short piece on
# the same quake with the same three figures in its own words.
QUAKE_WIRE = (
    "Earthquake kills 14 in mountain district, hundreds of homes damaged\n\n"
    "An earthquake of magnitude 5.9 struck the mountain district before dawn on Tuesday, "
    "killing at least 14 people and injuring 230, the national disaster agency said. The "
    "tremor was centred 12 kilometres below the market town of Karsu and was felt in three "
    "neighbouring provinces.\n\nRescue teams worked through the morning to reach villages cut "
    "off by rockfalls on the valley road. The agency said 85 houses had collapsed and several "
    "hundred more were damaged, most of them built of mud brick and timber.\n\nThe provincial "
    "governor said tents, blankets and field kitchens were being sent from the regional "
    "capital, and that schools in the district would stay closed for the rest of the week "
    "while engineers inspected them. Aftershocks continued into the afternoon, the strongest "
    "of magnitude 4.2, and residents spent the day outdoors in the cold.\n\nThe region sits "
    "on an active fault and suffered a larger quake in the same season nine years ago, when "
    "dozens of people died.")
QUAKE_WRITE_UP = (
    "Karsu residents sleep outside after deadly quake\n\n"
    "In Karsu, families carried mattresses into the street on Tuesday evening, afraid to go "
    "back indoors after the morning earthquake killed 14 people across the mountain district "
    "and left 230 injured. Officials counted 85 houses destroyed. A shopkeeper said his walls "
    "cracked from floor to ceiling, and volunteers handed out bread and tea by the mosque while "
    "the aftershocks went on.")


def test_a_short_write_up_with_a_long_wire_s_three_figures_is_another_story() -> None:
    """Three agreeing figures let a short copy of a long text join with 45 % of its long
    words; another reporter's own words keep fewer than that."""
    wire, write_up = fp(QUAKE_WIRE), fp(QUAKE_WRITE_UP)
    assert write_up.short and not wire.short
    assert figures(write_up, wire).agree(MANY_FIGURES, years=False)
    assert word_containment(wire, write_up) < DEFAULT_MANY_FIGURES_WORDS
    assert decide_in_turn(QUAKE_WIRE, QUAKE_WRITE_UP) == [True, True]


# Written for these tests: a short wire item on a port concession and a short copy that
# rewrites it clause by clause, keeping its figures; another reporter's short item on a quake
# that states the four figures of a short wire item on it in words of its own.
PORT_WIRE = (
    "Port authority signs 30-year deal for new container terminal\n\n"
    "The port authority on Wednesday signed a 30-year concession with a consortium led by a "
    "Danish operator to build and run a container terminal at the southern harbour. The "
    "terminal will handle 1.2 million containers a year and cost about 850 million dollars, "
    "the authority said in a statement. Construction is due to start in March and the first "
    "berth should open in 2027. The project is expected to create 2,400 jobs and to raise the "
    "port's capacity by 40 percent by 2030.")
PORT_COPY = (
    "Danish-led group to run new southern container terminal\n\n"
    "A consortium headed by a Danish firm won a 30-year concession on Wednesday to develop and "
    "manage a new container terminal at the southern harbour. Worth some 850 million dollars, "
    "the facility is meant to move 1.2 million boxes annually, bring 2,400 jobs and lift "
    "capacity 40 percent by 2030; its first quay opens in 2027.")
TREMOR_WIRE = (
    "Quake kills 12 in mountain province\n\n"
    "A magnitude 5.9 earthquake struck the mountain province before dawn on Tuesday, killing 12 "
    "people and injuring 85, the provincial governor said. The quake hit at a depth of 10 km "
    "and was felt in the regional capital. About 340 homes were damaged, most of them built of "
    "mud brick. Rescue teams were searching the rubble in three villages near the epicentre.")
TREMOR_WRITE_UP = (
    "Twelve dead as tremor flattens mud-brick villages\n\n"
    "Villagers dug with their hands through collapsed houses on Tuesday after a strong tremor "
    "shook the highlands, leaving 12 dead, the health ministry said. Hospitals treated 85 "
    "people for injuries, and officials counted 340 damaged houses. Seismologists put the "
    "shallow quake's depth at 10 kilometres. Aid agencies sent tents and blankets.")


def test_two_short_texts_that_share_four_figures_join_with_half_their_words() -> None:
    """A short copy rewritten clause by clause keeps its original's figures; two reporters'
    short items on one event share its toll, not four figures and half their long words."""
    wire, copy = fp(PORT_WIRE), fp(PORT_COPY)
    assert wire.short and copy.short
    assert figures(*shorter_first(wire, copy)).agree(MANY_FIGURES_SHORT, years=False)
    assert DEFAULT_MANY_FIGURES_WORDS <= word_containment(wire, copy) < (
        DEFAULT_CORROBORATED_WORDS)
    assert decide_in_turn(PORT_WIRE, PORT_COPY) == [True, False]
    quake, write_up = fp(TREMOR_WIRE), fp(TREMOR_WRITE_UP)
    assert figures(*shorter_first(quake, write_up)).agree(MANY_FIGURES_SHORT, years=False)
    assert word_containment(quake, write_up) < DEFAULT_MANY_FIGURES_WORDS
    assert decide_in_turn(TREMOR_WIRE, TREMOR_WRITE_UP) == [True, True]


def test_short_template_items_about_two_companies_stay_apart() -> None:
    a, b = fp(SHORT["earnings a"]), fp(SHORT["earnings b"])
    assert word_containment(a, b) >= DEFAULT_WORD_THRESHOLD  # the words would join them
    assert not figures(*shorter_first(a, b)).agree(2)
    assert decide_in_turn(SHORT["earnings a"], SHORT["earnings b"]) == [True, True]


def test_short_stories_of_few_long_words_are_not_joined_by_them() -> None:
    """Two different stories told mostly in short words, on the same date with the same
    count: one long word in common is all of the smaller's long words."""
    mill = ("Mill fire\n\nPolice said 12 men were hurt in a fire at a saw mill near the old port "
            "on 9 June 2026; four are in a bad way.")
    bus_stop = ("Bus stop shooting\n\nTwo gunmen shot 12 people at a bus stop by the town hall "
                "on 9 June 2026, and fled on a motor bike, police said.")
    a, b = fp(mill), fp(bus_stop)
    assert word_containment(a, b) >= DEFAULT_WORD_THRESHOLD
    assert figures(*shorter_first(a, b)).agree(2)
    assert min(len(a.words), len(b.words)) // 4 < MIN_LONG_WORDS
    assert decide_in_turn(mill, bus_stop) == [True, True]


def test_a_year_alone_does_not_back_the_long_words_of_two_short_stories() -> None:
    """Two market fires in two cities, told alike; the one figure both state is a year."""
    tripoli = ("Fire destroys dozens of shops in the old market of Tripoli\n\nA large fire swept "
               "through the covered market of Tripoli before dawn on Monday, destroying dozens "
               "of shops, civil defence crews said. Strong winds spread the flames quickly; "
               "nobody was injured, and the authorities opened an inquiry into the cause of the "
               "worst blaze since 2019.")
    sidon = ("Fire guts shops in the covered market of Sidon\n\nA fire swept through the "
             "covered market of Sidon on Monday evening, gutting dozens of shops, civil defence "
             "crews said, as strong winds spread the flames. Nobody was injured. The "
             "authorities opened an inquiry into the cause of the blaze, the worst in the city "
             "since 2019, when 40 shops burned.")
    a, b = fp(tripoli), fp(sidon)
    assert word_containment(a, b) >= DEFAULT_WORD_THRESHOLD
    assert figures(*shorter_first(a, b)).agree(1)
    assert not figures(*shorter_first(a, b)).agree(1, years=False)
    assert decide_in_turn(tripoli, sidon) == [True, True]


def test_a_short_copy_with_one_figure_rewritten_joins_by_its_text() -> None:
    """A verbatim copy that gives the opening hour in another time zone: each text has a
    figure the other lacks, but the text alone decides."""
    original = ("Coastal line opens on Saturday\n\nThe transport ministry said the new coastal "
                "rail line will open to passengers on Saturday at 09:00, with 14 trains a day "
                "between the port and the airport, and fares starting at 3 dinars for the "
                "first 30 kilometres.")
    copy = original.replace("09:00", "11:00")
    a, b = fp(original), fp(copy)
    assert figures(a, b).conflict
    assert estimate(a, b)[1] >= DEFAULT_VETO_BELOW
    assert decide_in_turn(original, copy) == [True, False]


def test_a_short_text_without_long_words_is_still_short() -> None:
    """Its numbers' bucket and the figures veto do not depend on its having long words."""
    walkout = ("On Sun the city will shut 14 of its 40 bus runs for a day as the crew of each "
               "bus join the walk out, the boss of the firm said on air at 7 am.")
    other_day = walkout.replace("40 bus", "52 bus").replace("said on", "told")
    a, b = fp(walkout), fp(other_day)
    assert a.short and not a.words and sum(k.startswith("x.") for k in a.bands) == 1
    assert Fingerprint.decode(a.encode()) == a
    assert figures(a, b).conflict and DEFAULT_THRESHOLD <= estimate(a, b)[1] < DEFAULT_VETO_BELOW
    assert decide_in_turn(walkout, other_day) == [True, True]


def test_only_short_texts_get_a_numbers_bucket() -> None:
    short = fp(SHORT["oil"])
    assert len(short.words) // 4 <= WORDS_CAP
    assert sum(k.startswith("x.") for k in short.bands) == 1
    long = fp(WIRE + REGIONAL)
    assert long.numbers and long.words and not long.short
    assert not any(k.startswith("x.") for k in long.bands)
    no_figures = fp("Pope urges talks\n\nThe pope urged both sides to return to talks.")
    assert no_figures.words and not any(k.startswith("x.") for k in no_figures.bands)
    assert Fingerprint.decode(short.encode()) == short


def test_a_short_copy_is_found_again_after_the_state_is_replayed() -> None:
    """The numbers bucket is derived from the stored doc like the bands: filed on replay,
    and gone when the doc expires."""
    writer = Deduper(DedupState.in_memory(), window_seconds=3600.0)
    writer.decide("oil", fp(SHORT["oil"]), 0.0, "wire")
    reader = DedupState.in_memory()
    assert reader.replay(list(writer.state.docs.items()), reader.docs.get).changed == 1
    reader.docs.update(writer.state.docs)
    assert reader.buckets == writer.state.buckets
    on_reader = Deduper(reader, window_seconds=3600.0)
    assert on_reader.decide("copy", fp(SHORT["oil copy"]), 60.0, "site").duplicate_of == "oil"
    on_reader.expire(5 * 3600.0)
    assert reader.buckets == {}


@pytest.mark.parametrize(("field", "value"), [
    ("x", [2**32]), ("x", [-1]), ("x", list(range(NUMBERS_CAP + 1))),
    ("w", "AAA="), ("w", base64.b64encode(bytes(4 * (MAX_LONG_WORDS + 1))).decode()),
    ("k", None),
])
def test_decode_refuses_numbers_and_words_of_another_shape(field, value) -> None:
    encoded = fp(SHORT["oil"]).encode()
    refused = Fingerprint.decode({**encoded, field: value})
    assert isinstance(refused, Undecodable) and refused.reason == "malformed"


def test_decode_refuses_a_short_text_with_more_words_than_a_short_text_has() -> None:
    many = base64.b64encode(bytes(4 * (WORDS_CAP + 1))).decode()
    assert isinstance(Fingerprint.decode({**fp(SHORT["oil"]).encode(), "w": many}), Undecodable)
    assert isinstance(Fingerprint.decode({**fp(WIRE + REGIONAL).encode(), "w": many}),
                      Fingerprint)


# Short items of one news day, in file order: copies share a key, every other item is its own
# story (a relative's account of the ferry, two match reports and two daily health bulletins
# of one template).
NEWS_DAY = [
    ("ferry", "Ferry sinks off coast, 31 missing\n\nA passenger ferry carrying 118 people sank "
              "in heavy seas off the northern coast late on Friday, and 31 people were still "
              "missing on Saturday, the coast guard said. Rescuers pulled 87 survivors from the "
              "water."),
    ("ferry", "Coast guard searches for 31 after ferry goes down\n\nThe coast guard said on "
              "Saturday that 31 people remained missing after a ferry with 118 people on board "
              "went down in heavy seas off the northern coast on Friday night. Some 87 survivors "
              "were rescued from the water."),
    ("strike", "Airline cancels 240 flights as pilots strike\n\nThe national airline cancelled "
               "240 flights on Monday as pilots began a 48-hour strike over pay, leaving about "
               "30,000 passengers stranded, a company spokesman said."),
    ("strike", "Pilots' strike grounds 240 flights\n\nAbout 30,000 passengers were stranded on "
               "Monday after the national airline cancelled 240 flights when its pilots walked "
               "out for 48 hours in a dispute over pay, a spokesman said."),
    ("aid", "الأمم المتحدة: 2.3 مليون نازح بحاجة إلى مساعدات عاجلة\n\nقالت الأمم المتحدة أمس إن "
            "2.3 مليون نازح في البلاد بحاجة إلى مساعدات غذائية عاجلة، وإن خطة الاستجابة لهذا "
            "العام لم تحصل سوى على 18 في المائة من التمويل المطلوب البالغ 640 مليون دولار."),
    ("aid", "18 % فقط من تمويل خطة الاستجابة الإنسانية\n\nأعلنت الأمم المتحدة أمس أن خطة "
            "الاستجابة الإنسانية لهذا العام لم تحصل إلا على 18 في المائة من التمويل المطلوب وهو "
            "640 مليون دولار، في حين يحتاج 2.3 مليون نازح إلى مساعدات غذائية عاجلة."),
    (None, "Families wait at port for news of ferry\n\nRelatives gathered at the northern port "
           "on Saturday waiting for word of the 31 people still missing from the ferry. Of the "
           "118 on board, 87 have been found alive. \"My brother called me before it sank,\" "
           "said one woman."),
    (None, "City beat Rovers 3-1 to go top\n\nCity beat Rovers 3-1 at home on Saturday to go top "
           "of the league with 41 points from 19 games, their manager praising a second-half "
           "display in front of 28,000 fans."),
    (None, "United beat Albion 2-0 to go top\n\nUnited beat Albion 2-0 at home on Saturday to go "
           "top of the league with 44 points from 20 games, their manager praising a "
           "second-half display in front of 31,000 fans."),
    (None, "وزارة الصحة: تسجيل 214 إصابة جديدة و3 وفيات\n\nأعلنت وزارة الصحة اليوم تسجيل 214 "
           "إصابة جديدة و3 وفيات خلال الساعات الأربع والعشرين الماضية، ليرتفع العدد الإجمالي "
           "للإصابات إلى 18650 حالة، فيما بلغ عدد المتعافين 15320 حالة."),
    (None, "وزارة الصحة: تسجيل 198 إصابة جديدة و5 وفيات\n\nأعلنت وزارة الصحة اليوم تسجيل 198 "
           "إصابة جديدة و5 وفيات خلال الساعات الأربع والعشرين الماضية، ليرتفع العدد الإجمالي "
           "للإصابات إلى 18848 حالة، فيما بلغ عدد المتعافين 15577 حالة."),
]


def test_a_news_day_of_short_items_merges_no_two_stories() -> None:
    d = Deduper(DedupState.in_memory())
    stories = [d.decide(f"n{i}", fp(text), i * 60.0, None).story_id
               for i, (_, text) in enumerate(NEWS_DAY)]
    precision, _ = dedup_scores({"dup_group": key, "story_id": story}
                                for (key, _), story in zip(NEWS_DAY, stories, strict=True))
    assert precision == 1.0
    # every copy is found, the ferry copy by its long words alone: it keeps 0.08 of the
    # original's 5-grams (docs/decisions/019-short-copies-by-long-words.md)
    assert stories[1] == stories[0] and stories[3] == stories[2] and stories[5] == stories[4]


def test_the_texts_above_in_one_stream_join_every_copy_and_merge_no_two_stories() -> None:
    """The long and short texts of this module (not ``NEWS_DAY``), one outlet after another:
    each copy joins its original and nothing else does."""
    items: list[tuple[str | None, str | list[str]]] = [
        ("wire", WIRE), ("wire", WIRE_REWRITTEN), (None, WIRE_REPORTED),
        ("regional", REGIONAL), ("regional", REGIONAL_NEW_LEAD),
        *((key.split()[0] if key.endswith("copy") or key in ("oil", "quake") else None, text)
          for key, text in SHORT.items()),
        *((None, text) for text in RELEASES),
    ]
    d = Deduper(DedupState.in_memory())
    stories = [d.decide(f"s{i}", fp(text), i * 60.0, None).story_id
               for i, (_, text) in enumerate(items)]
    assert dedup_scores({"dup_group": key, "story_id": story}
                        for (key, _), story in zip(items, stories, strict=True)) == (1.0, 1.0)
