"""Short wire items and their paraphrased copies, each beside the next story of its template.

Every text here was written for these tests. It sets no threshold, but it decided between
stemming and number-word alternatives that score alike elsewhere. A copy gets a
new headline and reworded, reordered or shortened sentences; some spell figures out ("Seven",
«تسع ساعات»), some add a local paragraph or open with their own lead. The other story of each
group is the same template filled in for another event: another mine, another city's strike,
the next month's prices, the other chamber's vote.
"""

from __future__ import annotations

import pytest

from khabar.agents.dedup.core import Deduper
from khabar.agents.dedup.evaluate import dedup_scores
from khabar.agents.dedup.fingerprint import fingerprint
from khabar.agents.dedup.state import DedupState
from khabar.agents.ingest.normalize import normalize

# (copy group or None, text), in the order an outlet would publish them.
PARAPHRASED_DAY: list[tuple[str | None, str]] = [
    ("miners", "Rescuers free 7 miners trapped for 62 hours\n\nRescue teams on Friday brought 7 "
               "miners to the surface alive after 62 hours trapped behind a rockfall 340 metres "
               "underground at the Bela Vista coal mine, the operating company said. Two were "
               "taken to hospital with broken bones and the rest were treated at the pithead."),
    ("miners", "Seven miners pulled alive from Bela Vista pit\n\nSeven coal miners who had been "
               "stuck for 62 hours behind a collapsed tunnel wall 340 metres below ground were "
               "hauled out alive on Friday, the mine's owners said. Two of the men went to "
               "hospital with fractures.\n\nThe town's mayor thanked the volunteer rescuers from "
               "the neighbouring district, who worked in shifts through both nights."),
    ("miners", "Bela Vista miners freed\n\nAll seven miners trapped at the Bela Vista coal mine "
               "were rescued on Friday after 62 hours underground, the company said."),
    (None, "Rescuers search for 4 miners after copper mine blast\n\nRescue teams on Saturday were "
           "trying to reach 4 miners trapped by a gas blast 510 metres underground at the Dorna "
           "copper mine, the operating company said. Two other workers were taken to hospital "
           "with burns and the rest of the shift was brought to the surface."),
    ("forest", "حريق يأتي على 120 دونما من غابات عجلون\n\nأتى حريق اندلع ظهر أمس في غابات عجلون "
               "على نحو 120 دونما من أشجار البلوط والصنوبر، وقالت المديرية العامة للدفاع المدني "
               "إن 15 آلية إطفاء و4 طائرات شاركت في إخماده بعد 9 ساعات من العمل المتواصل، فيما "
               "لم تسجل أي إصابات."),
    ("forest", "تسع ساعات لإخماد حريق غابات عجلون\n\nتمكنت فرق الدفاع المدني من إخماد حريق "
               "غابات عجلون بعد تسع ساعات متواصلة، وقد التهمت النيران قرابة 120 دونما من البلوط "
               "والصنوبر، وشاركت في العمليات خمس عشرة آلية وأربع طائرات، ولم يصب أحد بأذى."),
    ("forest", "النيران تلتهم 120 دونما في عجلون\n\nقال الدفاع المدني إن 15 آلية و4 طائرات عملت "
               "9 ساعات لإطفاء حريق شب في غابات عجلون أمس وأتى على 120 دونما من الأشجار "
               "الحرجية.\n\nوطالب رئيس بلدية كفرنجة بتعزيز أبراج المراقبة في المنطقة قبل ذروة "
               "الصيف."),
    (None, "حريق يأتي على 75 دونما من غابات جرش\n\nأتى حريق اندلع عصر أمس في غابات جرش على نحو "
           "75 دونما من أشجار السنديان والصنوبر، وقالت المديرية العامة للدفاع المدني إن 11 آلية "
           "إطفاء وطائرتين شاركت في إخماده بعد 6 ساعات من العمل المتواصل، فيما لم تسجل أي "
           "إصابات."),
    ("layoffs", "Carmaker to cut 1,800 jobs at Linz plant\n\nThe carmaker Steyr Motorwerke will "
                "cut 1,800 of the 5,200 jobs at its Linz assembly plant by the end of 2027 and "
                "move production of its compact model to Slovakia, the company said on Tuesday. "
                "Unions called the decision a betrayal and announced a protest for next week."),
    ("layoffs", "Linz to lose 1,800 car jobs\n\nSteyr Motorwerke said on Tuesday it would shed "
                "1,800 posts at its Linz factory, more than a third of the 5,200 people working "
                "there, as it shifts its compact car to a plant in Slovakia before the end of "
                "2027. Union leaders spoke of betrayal and called a protest.\n\nAbout 240 small "
                "suppliers in Upper Austria depend on orders from the plant, the regional chamber "
                "of commerce says."),
    (None, "Carmaker to cut 900 jobs at Graz plant\n\nThe carmaker Steyr Motorwerke will cut 900 "
           "of the 3,100 jobs at its Graz engine plant by the end of 2027 and move production of "
           "its diesel engines to Hungary, the company said on Thursday. Unions called the "
           "decision a betrayal and announced a strike for next week."),
    ("fuel", "رفع أسعار البنزين 25 فلسا للتر اعتبارا من الليلة\n\nقررت لجنة تسعير المشتقات "
             "النفطية رفع سعر لتر البنزين أوكتان 90 بمقدار 25 فلسا ليصبح 955 فلسا، والبنزين "
             "أوكتان 95 بمقدار 30 فلسا ليصبح 1255 فلسا، اعتبارا من منتصف الليلة، فيما أبقت على "
             "سعر السولار دون تغيير."),
    ("fuel", "اللجنة تقرر زيادة أسعار البنزين بنوعيه\n\nأعلنت لجنة تسعير المشتقات النفطية زيادة "
             "سعر البنزين أوكتان 90 إلى 955 فلسا للتر، بارتفاع 25 فلسا، وأوكتان 95 إلى 1255 "
             "فلسا بارتفاع 30 فلسا، على أن يبدأ العمل بالأسعار الجديدة منتصف الليلة، مع تثبيت "
             "سعر السولار.\n\nوشهدت محطات المحروقات في المدينة ازدحاما كبيرا مساء أمس."),
    (None, "تخفيض أسعار البنزين 15 فلسا للتر اعتبارا من الليلة\n\nقررت لجنة تسعير المشتقات "
           "النفطية تخفيض سعر لتر البنزين أوكتان 90 بمقدار 15 فلسا ليصبح 940 فلسا، والبنزين "
           "أوكتان 95 بمقدار 20 فلسا ليصبح 1235 فلسا، اعتبارا من منتصف الليلة، فيما أبقت على "
           "سعر السولار دون تغيير."),
    ("budget", "مجلس النواب يقر الموازنة العامة بأغلبية 78 صوتا\n\nأقر مجلس النواب أمس مشروع "
               "قانون الموازنة العامة للدولة للعام المقبل بأغلبية 78 نائبا من أصل 126 حضروا "
               "الجلسة، بنفقات تبلغ 12.4 مليار دينار وعجز متوقع قدره 2.1 مليار دينار بعد المنح."),
    ("budget", "النواب يقرون الموازنة بعجز 2.1 مليار دينار\n\nصوت 78 من النواب الحاضرين وعددهم "
               "126 لصالح قانون الموازنة العامة، التي تقدر نفقاتها بنحو 12.4 مليار دينار، ويتوقع "
               "أن يبلغ عجزها بعد المنح 2.1 مليار دينار، وذلك في جلسة عقدها المجلس أمس."),
    (None, "مجلس الأعيان يقر الموازنة العامة بأغلبية 51 صوتا\n\nأقر مجلس الأعيان أمس مشروع "
           "قانون الموازنة العامة للدولة للعام المقبل بأغلبية 51 عينا من أصل 64 حضروا الجلسة، "
           "بنفقات تبلغ 12.4 مليار دينار وعجز متوقع قدره 2.1 مليار دينار بعد المنح، ليحال "
           "القانون إلى الملك للمصادقة عليه."),
    ("bus", "Bus plunges into ravine, killing 14 pilgrims\n\nA bus carrying 52 pilgrims plunged "
            "into a ravine on the Kessra mountain road on Saturday, killing 14 people and "
            "injuring 31, police said. Survivors told officers the brakes failed on a sharp bend "
            "about 20 kilometres from the shrine."),
    ("bus", "Fourteen dead as pilgrims' bus leaves mountain road\n\nFourteen people died and 31 "
            "were hurt on Saturday when a bus with 52 pilgrims on board went off a bend of the "
            "Kessra mountain road and fell into a ravine, according to police. The brakes had "
            "failed, survivors said.\n\nThe provincial governor declared three days of "
            "mourning."),
    ("bus", "Kessra bus crash: 14 dead\n\nPolice said 14 pilgrims died and 31 were injured on "
            "Saturday when their bus plunged into a ravine on the Kessra mountain road."),
    (None, "Minibus overturns, killing 6 farm workers\n\nA minibus carrying 19 farm workers "
           "overturned on the Tamsa valley road on Monday, killing 6 people and injuring 11, "
           "police said. Survivors told officers the driver lost control on a sharp bend about "
           "15 kilometres from the town."),
    ("collapse", "مصرع 7 أشخاص في انهيار عقار سكني بالإسكندرية\n\nلقي 7 أشخاص مصرعهم وأصيب 5 "
                 "آخرون في انهيار عقار قديم مكون من 6 طوابق في حي محرم بك بمدينة الإسكندرية فجر "
                 "اليوم، وقالت المحافظة إن فرق الإنقاذ انتشلت الجثث من تحت الأنقاض وإن العقار "
                 "كان صادرا بحقه قرار إزالة منذ عام 2019."),
    ("collapse", "سبعة قتلى في انهيار مبنى قديم بالإسكندرية\n\nقالت محافظة الإسكندرية إن سبعة "
                 "أشخاص لقوا حتفهم وأصيب خمسة في انهيار مبنى سكني من ستة طوابق بحي محرم بك فجر "
                 "اليوم، مشيرة إلى أن قرار إزالة صدر بحق العقار في عام 2019.\n\nوتفقد المحافظ "
                 "موقع الحادث، ووجه بحصر المباني الآيلة للسقوط في الحي."),
    (None, "مصرع 3 أشخاص في انهيار عقار سكني بالجيزة\n\nلقي 3 أشخاص مصرعهم وأصيب 8 آخرون في "
           "انهيار عقار قديم مكون من 4 طوابق في حي بولاق الدكرور بمحافظة الجيزة مساء أمس، وقالت "
           "المحافظة إن فرق الإنقاذ انتشلت الجثث من تحت الأنقاض وإن العقار كان صادرا بحقه قرار "
           "إزالة منذ عام 2021."),
    ("wheat", "State buyer purchases 240,000 tonnes of wheat\n\nThe state grain buyer bought "
              "240,000 tonnes of wheat in an international tender on Wednesday, traders said, "
              "with Russian and Romanian cargoes for shipment in the second half of March. The "
              "lowest offer was 247.50 dollars a tonne including freight."),
    ("wheat", "Wheat tender: 240,000 tonnes bought\n\nTraders said the state grain agency "
              "secured 240,000 tonnes of Russian and Romanian wheat in Wednesday's tender, to be "
              "shipped in the second half of March, at a lowest price of 247.50 dollars a tonne "
              "with freight."),
    (None, "State buyer purchases 180,000 tonnes of wheat\n\nThe state grain buyer bought "
           "180,000 tonnes of wheat in an international tender on Thursday, traders said, with "
           "Russian and Bulgarian cargoes for shipment in the first half of April. The lowest "
           "offer was 251.20 dollars a tonne including freight."),
    ("nurses", "Nurses at Leeds hospitals begin 48-hour strike\n\nNurses at the three hospitals "
               "of the Leeds health trust walked out on Monday at the start of a 48-hour strike "
               "over staffing, cancelling about 1,200 operations and clinic appointments, the "
               "trust said. The union said 2,700 of its members were taking part."),
    ("nurses", "Twelve hundred appointments cancelled as Leeds nurses walk out\n\nAbout 1,200 "
               "operations and clinic appointments were cancelled on Monday as nurses in Leeds "
               "began a two-day walkout over staffing levels at the city's three hospitals. Some "
               "2,700 union members joined the 48-hour strike, according to the union."),
    ("nurses", "Leeds nurses strike for two days\n\nNurses at three Leeds hospitals began a "
               "forty-eight hour strike on Monday over staffing, the trust said, cancelling some "
               "1,200 operations and appointments."),
    (None, "Nurses at Bristol hospitals begin 48-hour strike\n\nNurses at the two hospitals of "
           "the Bristol health trust walked out on Tuesday at the start of a 48-hour strike over "
           "staffing, cancelling about 900 operations and clinic appointments, the trust said. "
           "The union said 1,600 of its members were taking part."),
    ("derby", "الفيصلي يهزم الوحدات 2-1 ويعتلي صدارة الدوري\n\nفاز الفيصلي على الوحدات بهدفين "
              "مقابل هدف في قمة الجولة الـ 14 من دوري المحترفين التي أقيمت مساء أمس على ستاد "
              "عمان الدولي بحضور 17 ألف متفرج، ليرفع رصيده إلى 31 نقطة في الصدارة بفارق نقطتين "
              "عن الحسين إربد."),
    ("derby", "الفيصلي ينفرد بالصدارة بعد الفوز على الوحدات\n\nانفرد الفيصلي بصدارة دوري "
              "المحترفين برصيد 31 نقطة، متقدما بنقطتين على الحسين إربد، إثر فوزه على الوحدات "
              "2-1 أمس في لقاء القمة ضمن الجولة الرابعة عشرة، والذي احتضنه ستاد عمان الدولي أمام "
              "17 ألف مشجع."),
    (None, "الحسين إربد يهزم الرمثا 3-0 ويلاحق الفيصلي\n\nفاز الحسين إربد على الرمثا بثلاثة "
           "أهداف دون رد في الجولة الـ 14 من دوري المحترفين التي أقيمت مساء أمس على ستاد الحسن "
           "بحضور 9 آلاف متفرج، ليرفع رصيده إلى 29 نقطة في المركز الثاني بفارق نقطتين عن "
           "الفيصلي."),
    ("hospital", "افتتاح مستشفى المفرق الجديد بسعة 250 سريرا\n\nافتتح وزير الصحة أمس مستشفى "
                 "المفرق الحكومي الجديد بسعة 250 سريرا وبكلفة بلغت 48 مليون دينار، ويضم "
                 "المستشفى 12 غرفة عمليات ووحدة لغسيل الكلى بطاقة 30 جهازا، ويخدم نحو 600 ألف "
                 "نسمة في المحافظة والبادية الشمالية."),
    ("hospital", "مرضى الكلى في المفرق يتلقون العلاج قرب منازلهم\n\nفي البادية الشمالية، كان "
                 "مرضى غسيل الكلى يقطعون عشرات الكيلومترات ثلاث مرات في الأسبوع. أمس افتتح وزير "
                 "الصحة مستشفى المفرق الحكومي الجديد الذي يضم وحدة لغسيل الكلى فيها 30 جهازا، "
                 "إلى جانب 250 سريرا و12 غرفة عمليات، بكلفة 48 مليون دينار، ليخدم قرابة 600 ألف "
                 "نسمة."),
    (None, "افتتاح مستشفى الطفيلة الجديد بسعة 150 سريرا\n\nافتتح وزير الصحة أمس مستشفى الطفيلة "
           "الحكومي الجديد بسعة 150 سريرا وبكلفة بلغت 31 مليون دينار، ويضم المستشفى 8 غرف "
           "عمليات ووحدة لغسيل الكلى بطاقة 20 جهازا، ويخدم نحو 110 آلاف نسمة في المحافظة."),
    ("snow", "Snow closes Munich airport, 340 flights cancelled\n\nHeavy snow forced Munich "
             "airport to halt all take-offs and landings on Saturday morning, and 340 flights "
             "were cancelled, an airport spokeswoman said. About 25 centimetres fell overnight, "
             "and crews were clearing the two runways one at a time. Passengers were told to "
             "check with their airlines before travelling."),
    ("snow", "Hundreds of flights scrapped as snow shuts Munich\n\nMunich airport stopped all "
             "traffic on Saturday after a night of heavy snow left about 25 centimetres on the "
             "ground, and 340 departures and arrivals had been cancelled by midday, a "
             "spokeswoman said. Snow ploughs were working on one runway after the other."),
    (None, "Snow closes Vienna airport, 120 flights cancelled\n\nHeavy snow forced Vienna "
           "airport to halt all take-offs and landings on Sunday evening, and 120 flights were "
           "cancelled, an airport spokesman said. About 18 centimetres fell in four hours, and "
           "crews were clearing the two runways one at a time. Passengers were told to check "
           "with their airlines before travelling."),
]

GROUPS = sorted({key for key, _ in PARAPHRASED_DAY if key is not None})
#: Copy groups the rules join.
JOINED = ["fuel", "hospital", "nurses", "wheat", "layoffs"]
#: Copy groups the rules miss, and why: a copy of the miners, the forest fire, the budget, the
#: snow and the derby keeps 0.39 to 0.53 of the long words of its original, no more than a
#: write-up of one event by another reporter; the bus copy with a local paragraph drops a
#: figure the shorter original states; the collapse copy spells out every figure but a year,
#: and units (one to nine) do not count.
MISSED = [g for g in GROUPS if g not in JOINED]


def texts(group: str) -> list[str]:
    return [text for key, text in PARAPHRASED_DAY if key == group]


def other(group: str) -> str:
    """The story of the same template that follows the group in the day."""
    last = max(i for i, (key, _) in enumerate(PARAPHRASED_DAY) if key == group)
    return PARAPHRASED_DAY[last + 1][1]


def decide_in_turn(*items: str) -> list[str]:
    """The story of each text, decided a minute after the one before."""
    d = Deduper(DedupState.in_memory())
    return [d.decide(f"p{i}", fingerprint(normalize(text)), i * 60.0, None).story_id
            for i, text in enumerate(items)]


def test_the_set_holds_a_copy_group_and_another_story_of_its_template_each() -> None:
    assert len(GROUPS) == 12 and all(len(texts(g)) >= 2 for g in GROUPS)
    others = [text for key, text in PARAPHRASED_DAY if key is None]
    assert sorted(map(other, GROUPS)) == sorted(others) and len(others) == len(GROUPS)


def test_a_day_of_paraphrased_copies_merges_no_two_stories() -> None:
    stories = decide_in_turn(*(text for _, text in PARAPHRASED_DAY))
    rows = [{"dup_group": key, "story_id": story}
            for (key, _), story in zip(PARAPHRASED_DAY, stories, strict=True)]
    precision, recall = dedup_scores(rows)
    assert precision == 1.0
    assert recall >= 10 / 20


@pytest.mark.parametrize("group", [pytest.param(g, marks=pytest.mark.xfail(strict=True))
                                   for g in MISSED])
def test_paraphrased_copies_the_rules_miss_are_joined(group: str) -> None:
    """Each fails while its group is missed; strict xfail asks for a joined group to move to
    JOINED."""
    assert len(set(decide_in_turn(*texts(group)))) == 1


@pytest.mark.parametrize("group", GROUPS)
def test_the_next_story_of_the_template_joins_no_text_of_the_group(group: str) -> None:
    stories = decide_in_turn(*texts(group), other(group))
    assert stories[-1] not in stories[:-1]
