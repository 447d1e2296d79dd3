"""Failure classes of outlets and years the taxonomy was not written on: satellite-channel
Arabic (Yemen, Syria, Iraq and Lebanon, 2018) and British, US and Turkish English (Gaza, Sudan,
Ukraine, the Turkish earthquake, the 2022-24 elections).

One row per article: the class, a title and a body of a few sentences, the language and the
full set of labels the article must get. Every class has hard negatives or passing mentions and
the positives of the same era, so a rule that buys precision with recall fails here too.
The rows are written as running text and laid out as the outlets print them, one sentence to a
paragraph (``laid_out``), so the lead is the title and the first two sentences.
Every text here was written for these tests.
"""

from __future__ import annotations

import re

import pytest

from khabar.agents.classify.core import Classifier

P, E, H = "peace_talks", "elections", "humanitarian"

# (class, title, text, lang, labels)
ROWS: list[tuple[str, str, str, str, frozenset[str]]] = [
    # 1. labour relations: ballots, talks with employers, mediated deals that end strikes
    ("labour", "Rail union members back pay deal, ending months of walkouts",
     "Train drivers voted by a large majority to accept the latest pay offer, bringing to an end a "
     "dispute that saw more than a dozen days of strikes. The deal was reached after talks "
     "brokered by the conciliation service Acas. Union leaders said turnout in the ballot was "
     "the highest in a decade, and operators promised to restore full timetables from Monday.",
     "en", frozenset()),
    ("labour", "Junior doctors and ministers return to the negotiating table",
     "Junior doctors in England will hold fresh talks with the health secretary next week in an "
     "attempt to avert another walkout. The doctors' union said it wanted a credible offer on "
     "pay restoration before it suspends industrial action. Hospital leaders warned that a "
     "further five-day strike would force thousands of operations to be postponed.",
     "en", frozenset()),
    ("labour", "Screenwriters and studios strike tentative deal",
     "Hollywood writers and the major studios reached a tentative agreement late on Sunday after "
     "five days of marathon negotiations, raising hopes that a strike lasting almost five "
     "months is over. The guild said its members would vote on ratifying the three-year contract "
     "in the coming weeks. Negotiators on both sides declined to discuss the terms on residuals "
     "and the use of artificial intelligence.",
     "en", frozenset()),
    ("labour", "Turkish metal workers call off strike after government mediation",
     "A union representing tens of thousands of metal workers called off a planned strike after "
     "the labour ministry mediated between the union and the employers' federation. The "
     "collective agreement raises wages by forty per cent over two years, the union said. "
     "Carmakers in Bursa had warned that a stoppage would halt exports to Europe.",
     "en", frozenset()),
    ("labour", "نقابة المعلمين تعلق الإضراب بعد اتفاق مع الحكومة",
     "أعلنت نقابة المعلمين تعليق الإضراب المفتوح الذي شل المدارس الحكومية منذ ثلاثة أسابيع، بعد "
     "التوصل إلى اتفاق مع الحكومة برعاية لجنة وساطة من النواب.\n\n"
     "وقال نقيب المعلمين في مؤتمر صحفي إن الاتفاق يقضي بزيادة الرواتب على مرحلتين، وإن "
     "المفاوضات مع وزارة التربية كانت شاقة. ودعت النقابة المعلمين إلى العودة إلى الصفوف صباح "
     "الأحد.", "ar", frozenset()),
    ("labour", "عمال الموانئ يصوتون لصالح الإضراب",
     "صوت عمال الموانئ بأغلبية كبيرة لصالح الإضراب عن العمل احتجاجا على تجميد الأجور، وفق ما "
     "أعلنته النقابة مساء الخميس.\n\n"
     "وقالت النقابة إن نسبة المشاركة في الاقتراع تجاوزت ثمانين في المئة، وإن الإضراب سيبدأ "
     "مطلع الشهر المقبل ما لم تقدم إدارة الموانئ عرضا جديدا.", "ar", frozenset()),
    ("labour", "وساطة حكومية لإنهاء إضراب الأطباء",
     "بدأت وزارة الصحة وساطة بين نقابة الأطباء وإدارات المستشفيات الخاصة لإنهاء الإضراب الذي "
     "دخل أسبوعه الثاني.\n\n"
     "وقال مسؤول في النقابة إن جولة المحادثات الأولى انتهت دون اتفاق على سلم الرواتب وساعات "
     "العمل الإضافية، وإن الأطباء مستعدون للتفاوض إذا قدمت الوزارة ضمانات مكتوبة.",
     "ar", frozenset()),
    ("labour", "جولة مفاوضات جديدة بين الطيارين وشركة الطيران",
     "استأنفت نقابة الطيارين وإدارة شركة الطيران الوطنية المفاوضات حول عقد العمل الجماعي، بعد "
     "أن ألغت الشركة عشرات الرحلات بسبب الإضراب.\n\n"
     "وقال متحدث باسم الشركة إن الطرفين قريبان من التوصل إلى اتفاق ينهي الخلاف على الأجور، "
     "فيما حذرت النقابة من إضراب جديد في موسم العطلات.", "ar", frozenset()),

    # 2. negotiations with no armed conflict at stake
    ("treaty", "Plastics treaty talks end without agreement",
     "Negotiators from more than 170 countries failed to agree a global treaty to curb plastic "
     "pollution after a week of talks in the South Korean city of Busan. Oil-producing states "
     "resisted a cap on production, and the chair said a further round of negotiations would be "
     "needed next year. Campaigners called the outcome a missed chance to tackle waste in the "
     "oceans.", "en", frozenset()),
    ("treaty", "Britain and India resume talks on free trade deal",
     "British and Indian negotiators resumed talks on a long-delayed free trade agreement on "
     "Monday, with tariffs on whisky and cars still the main sticking points. Officials said a "
     "deal could be signed within months, although both governments face elections. Business "
     "groups said an agreement would boost exports by billions of pounds.",
     "en", frozenset()),
    ("treaty", "Province signs treaty with First Nations after decades of talks",
     "The provincial government and three First Nations signed a land and self-government treaty "
     "on Thursday, closing negotiations that began in the 1990s. The agreement transfers "
     "thousands of hectares of land and gives the nations control over fishing and forestry. "
     "Chiefs described the signing as a moment of reconciliation for their communities.",
     "en", frozenset()),
    ("treaty", "Rappers call a truce after year-long feud",
     "Two of the country's best-known rappers have called a truce in a feud that played out in "
     "diss tracks and on social media for more than a year. A joint statement said the artists "
     "had met privately and agreed to put their differences behind them. Fans greeted the peace "
     "deal with a flood of memes.", "en", frozenset()),
    ("treaty", "Universities agree research pact on quantum computing",
     "Universities in Britain and the United States signed a research agreement on quantum "
     "computing after two years of negotiations between their funding councils. The deal lets "
     "scientists share laboratories and data, and creates a joint fund for doctoral students.",
     "en", frozenset()),
    ("treaty", "مفاوضات المناخ تتعثر في ساعاتها الأخيرة",
     "تعثرت مفاوضات قمة المناخ في ساعاتها الأخيرة بعد خلاف بين الدول الغنية والنامية على تمويل "
     "التكيف مع الاحتباس الحراري.\n\n"
     "وقال رئيس المؤتمر إن المفاوضين سيواصلون العمل طوال الليل للتوصل إلى اتفاق بشأن خفض "
     "الانبعاثات، فيما طالبت الدول الجزرية بالتزامات واضحة.", "ar", frozenset()),
    ("treaty", "تركيا والاتحاد الأوروبي يبحثان تحديث الاتحاد الجمركي",
     "بدأ مسؤولون أتراك وأوروبيون جولة من المحادثات في بروكسل لتحديث اتفاقية الاتحاد الجمركي، "
     "التي تنظم التجارة بين الجانبين منذ منتصف التسعينيات.\n\n"
     "وقال وزير التجارة التركي إن المفاوضات تشمل الخدمات والمنتجات الزراعية، وإن تحديث "
     "الاتفاق سيرفع حجم الصادرات.", "ar", frozenset()),
    ("treaty", "هدنة بين شركتي اتصالات بعد نزاع قضائي طويل",
     "أعلنت شركتا اتصالات كبريان هدنة في النزاع القضائي بينهما حول براءات الاختراع، واتفقتا "
     "على سحب الدعاوى المرفوعة أمام المحاكم.\n\n"
     "وقال الرئيس التنفيذي لإحدى الشركتين إن التسوية ستسمح بالتركيز على الاستثمار في شبكات "
     "الجيل الخامس، وارتفعت أسهم الشركتين في البورصة.", "ar", frozenset()),
    ("treaty", "اتفاقية تعاون بحثي بين جامعتين عربيتين",
     "وقعت جامعتان عربيتان اتفاقية تعاون في البحث العلمي بعد مباحثات استمرت عدة أشهر، تشمل "
     "تبادل الأساتذة والطلاب وإنشاء مختبر مشترك للطاقة المتجددة.\n\n"
     "وقال رئيس إحدى الجامعتين إن الاتفاق يفتح الباب أمام مشاريع مشتركة يمولها القطاع الخاص.",
     "ar", frozenset()),

    # 3. votes that are not public elections
    ("vote", "Party members begin voting in leadership contest",
     "Conservative Party members began receiving ballot papers on Monday in the contest to choose "
     "a new party leader. The two remaining candidates will take part in a series of hustings "
     "across the country before the result is announced in early November. Around 170,000 "
     "members are eligible to vote.", "en", frozenset()),
    ("vote", "Most voters back assisted dying, survey finds",
     "Two-thirds of adults support a change in the law to allow assisted dying, according to a "
     "new opinion poll published ahead of a vote by MPs. The survey of 2,000 people found "
     "support was highest among younger respondents. Campaigners on both sides said they would "
     "lobby MPs before the bill's second reading.", "en", frozenset()),
    ("vote", "Warehouse workers reject union in second vote",
     "Workers at a large warehouse in Alabama voted against joining a union in a rerun election "
     "ordered by the National Labor Relations Board. Organisers accused the company of "
     "intimidating staff during the campaign, and said they would challenge the result.",
     "en", frozenset()),
    ("vote", "Shareholders vote down chief executive's pay package",
     "Shareholders of the mining group voted against the chief executive's pay package at the "
     "annual meeting, a rare rebuke for the board. Almost 60 per cent of votes cast opposed the "
     "remuneration report, which included a bonus worth three times his salary.",
     "en", frozenset()),
    ("vote", "Fans vote striker player of the season",
     "Supporters have voted the club's Brazilian striker their player of the season after a "
     "campaign in which he scored 24 league goals. More than 50,000 fans took part in the online "
     "vote, and the winner will receive the award before the final home match.",
     "en", frozenset()),
    ("vote", "انتخابات داخلية لاختيار رئيس الحزب",
     "انطلقت الانتخابات الداخلية لحزب الشعب الجمهوري المعارض لاختيار رئيس جديد للحزب، وسط "
     "منافسة بين مرشحين اثنين.\n\n"
     "ويصوت مندوبو المؤتمر العام للحزب يوم الأحد، وقال أعضاء في الحزب إن النتيجة ستحدد "
     "استراتيجيته قبل الانتخابات المقبلة.", "ar", frozenset()),
    ("vote", "استطلاع: غالبية المواطنين تؤيد رفع سن التقاعد",
     "أظهر استطلاع للرأي أجراه مركز دراسات مستقل أن غالبية المشاركين تؤيد رفع سن التقاعد "
     "تدريجيا.\n\n"
     "وشمل الاستطلاع ألفي شخص من مختلف المحافظات، وقال الباحثون إن التأييد كان أعلى بين "
     "الشباب وأصحاب الدخل المرتفع.", "ar", frozenset()),
    ("vote", "المساهمون يصوتون على صفقة الاستحواذ",
     "صوت المساهمون في الجمعية العمومية غير العادية للشركة بالموافقة على صفقة الاستحواذ على "
     "منافستها المحلية بقيمة ملياري دولار.\n\n"
     "وقال رئيس مجلس الإدارة إن نسبة التأييد بلغت تسعين في المئة من الأسهم الممثلة في "
     "الاجتماع.", "ar", frozenset()),
    ("vote", "الجماهير تختار أفضل لاعب في الموسم",
     "اختارت جماهير النادي مهاجم الفريق أفضل لاعب في الموسم، بعد تصويت إلكتروني شارك فيه أكثر "
     "من مئة ألف مشجع.\n\n"
     "وسجل اللاعب عشرين هدفا في الدوري هذا الموسم، وسيتسلم الجائزة قبل المباراة الأخيرة على "
     "أرضه.", "ar", frozenset()),

    # 4. sense collisions
    ("sense", "Landslide kills dozens in Kerala after monsoon rains",
     "A landslide triggered by torrential monsoon rain swept away homes in the hills of Kerala, "
     "killing at least 40 people. Rescue teams dug through mud and debris for survivors, and "
     "thousands of residents were moved to relief camps. Officials said the death toll was "
     "expected to rise.", "en", frozenset({H})),
    ("sense", "Teenage winger a candidate for young player award",
     "The teenage winger is a leading candidate for the league's young player of the year award "
     "after a season in which he scored eleven goals. His coach said the club would protect him "
     "from the pressure of the campaign's final weeks.", "en", frozenset()),
    ("sense", "Brand launches its biggest ever advertising campaign",
     "The drinks company launched its biggest advertising campaign this week, with billboards and "
     "television spots across Britain and the United States. The marketing chief said the "
     "campaign was aimed at younger customers, and the company's shares rose three per cent.",
     "en", frozenset()),
    ("sense", "Rival clubs launch peace initiative to curb fan violence",
     "Two rival football clubs unveiled a joint peace initiative on Wednesday to curb violence "
     "between their supporters before the derby. The clubs will run community events and share "
     "stewards, and the league praised the move.", "en", frozenset()),
    ("sense", "Commission approves state aid for chip plant",
     "The European Commission approved five billion euros of state aid for a semiconductor plant "
     "in Germany, saying the subsidy would not distort competition. The chipmaker said the plant "
     "would employ two thousand people by 2027.", "en", frozenset()),
    ("sense", "Cancer drug candidate shows promise in trial",
     "A drug candidate for pancreatic cancer slowed the growth of tumours in an early clinical "
     "trial, researchers reported on Monday. The company plans a larger study next year, and "
     "patients' groups welcomed the results.", "en", frozenset()),
    ("sense", "حملة أمنية واسعة لملاحقة تجار المخدرات",
     "أطلقت وزارة الداخلية حملة أمنية واسعة في عدد من المحافظات لملاحقة شبكات تهريب المخدرات، "
     "أسفرت عن توقيف عشرات المشتبه بهم.\n\n"
     "وقال مصدر أمني إن الحملة ستستمر حتى نهاية الشهر، وإن الأجهزة ضبطت كميات كبيرة من "
     "الحبوب المخدرة.", "ar", frozenset()),
    ("sense", "مهاجم المنتخب مرشح لجائزة أفضل لاعب في آسيا",
     "أعلن الاتحاد الآسيوي لكرة القدم القائمة النهائية للمرشحين لجائزة أفضل لاعب في القارة، "
     "وضمت مهاجم المنتخب الذي قاد فريقه إلى لقب الدوري.\n\n"
     "ويعلن اسم الفائز في حفل يقام الشهر المقبل.", "ar", frozenset()),
    ("sense", "هدنة بين ناديين بعد أزمة انتقال لاعب",
     "أعلن ناديان كبيران هدنة بينهما بعد أسابيع من الخلاف حول انتقال لاعب خط الوسط، وتعهد "
     "رئيسا الناديين بوقف التصريحات الإعلامية.\n\n"
     "وقال مدرب الفريق إن الأزمة انتهت وإن تركيز اللاعبين منصب على مباراة الأسبوع المقبل في "
     "الدوري.", "ar", frozenset()),
    ("sense", "حملة تسويقية لشركة طيران لجذب السياح",
     "أطلقت شركة الطيران الوطنية حملة تسويقية في أوروبا وآسيا لجذب السياح خلال فصل الشتاء، "
     "تتضمن تخفيضات على أسعار التذاكر.\n\n"
     "وقال مدير التسويق في الشركة إن الحملة تستهدف زيادة عدد المسافرين بنسبة عشرين في المئة.",
     "ar", frozenset()),

    # 5. weather and health with no crisis
    ("routine", "Hosepipe ban for millions as heatwave dries reservoirs",
     "A hosepipe ban will come into force for more than a million households in south-east "
     "England next week after the driest summer in decades. The water company said reservoir "
     "levels had fallen sharply during the heatwave and urged customers to save water. The Met "
     "Office forecast little rainfall for the rest of the month.", "en", frozenset()),
    ("routine", "Drought in Spain pushes olive oil prices to record",
     "Olive oil prices have hit a record after a second year of drought in Spain cut the harvest "
     "by half. Farmers in Andalusia said irrigation restrictions had left trees without water, "
     "and supermarkets in Britain raised prices again.", "en", frozenset()),
    ("routine", "Cities open cooling centres as heat wave grips US south-west",
     "Phoenix recorded its twentieth straight day above 110F, and cities across the south-west "
     "opened cooling centres for residents. The National Weather Service forecast more "
     "extreme heat this week and urged people to drink water and stay indoors in the afternoon.",
     "en", frozenset()),
    ("routine", "Alzheimer's drug slows decline in large study",
     "An experimental Alzheimer's drug slowed cognitive decline by about a third in a large "
     "clinical trial, researchers said. Scientists said the results were encouraging but warned "
     "that the treatment carried risks of brain swelling for some patients.",
     "en", frozenset()),
    ("routine", "موجة حر تضرب جنوب أوروبا",
     "تشهد دول جنوب أوروبا موجة حر شديدة تجاوزت فيها درجات الحرارة الأربعين، وأصدرت هيئات "
     "الأرصاد الجوية تحذيرات للسكان من التعرض للشمس.\n\n"
     "ونصحت السلطات الصحية كبار السن بشرب المياه والبقاء في أماكن مكيفة، فيما توقعت الأرصاد "
     "انخفاض الحرارة مطلع الأسبوع المقبل.", "ar", frozenset()),
    ("routine", "دراسة: المشي اليومي يخفض خطر الإصابة بالسكري",
     "توصلت دراسة طبية حديثة إلى أن المشي نصف ساعة يوميا يخفض خطر الإصابة بالسكري من النوع "
     "الثاني بنسبة كبيرة.\n\n"
     "وتابع الباحثون آلاف المشاركين على مدى عشر سنوات، وقالوا إن النتائج تؤكد أهمية النشاط "
     "البدني للمرضى ولغيرهم.", "ar", frozenset()),
    ("routine", "الجفاف يدفع إسبانيا إلى ترشيد استهلاك المياه",
     "أعلنت الحكومة الإسبانية إجراءات لترشيد استهلاك المياه في إقليم كتالونيا بعد أشهر من "
     "الجفاف وتراجع منسوب السدود.\n\n"
     "وقالت السلطات إن القيود تشمل ري الحدائق وملء المسابح، وإن الأمطار المتوقعة لن تكفي "
     "لتعويض النقص.", "ar", frozenset()),
    ("routine", "تراجع منسوب السدود في إسطنبول يثير القلق",
     "حذرت إدارة المياه في إسطنبول من تراجع منسوب السدود التي تغذي المدينة إلى أدنى مستوى "
     "منذ سنوات، بسبب قلة الأمطار في الشتاء.\n\n"
     "ودعت الإدارة السكان إلى ترشيد الاستهلاك، وقالت إن المياه تكفي لعدة أشهر.",
     "ar", frozenset()),

    # 6. passing mentions
    ("passing", "Air strike on Gaza home kills family of nine",
     "An Israeli air strike on a house in the Nuseirat refugee camp killed nine members of one "
     "family, including five children, medics said. Neighbours searched the rubble with their "
     "hands, and the wounded were taken to a hospital already short of fuel and medicine. "
     "Tens of thousands of displaced people are sheltering in the camp. Talks on a ceasefire in "
     "Doha have made little progress this week.", "en", frozenset({H})),
    ("passing", "Shelling of El Fasher camp kills dozens of civilians",
     "Paramilitary shelling of a camp for displaced people near El Fasher killed at least 30 "
     "civilians, aid workers said. Thousands of families who fled earlier fighting are living in "
     "makeshift shelters with little food or clean water, and the UN warned of famine in the "
     "region. Peace talks between the army and the RSF in Jeddah have been stalled for months.",
     "en", frozenset({H})),
    ("passing", "Chancellor unveils tax cuts in autumn statement",
     "The chancellor cut national insurance by two percentage points and froze fuel duty in his "
     "autumn statement, saying the economy had turned a corner. Economists said the measures "
     "would be paid for by holding down spending on public services. The announcement comes "
     "months before a general election expected next year.", "en", frozenset()),
    ("passing", "Quake survivors still in containers a year on",
     "A year after the earthquake that killed more than 50,000 people in southern Turkey, "
     "hundreds of thousands of survivors are still living in container cities. Families in "
     "Antakya say the aid they receive does not cover rent or food, and reconstruction is "
     "behind schedule. The government has promised new homes before local elections in March.",
     "en", frozenset({H})),
    ("passing", "غارات إسرائيلية على خان يونس توقع عشرات الضحايا",
     "قتل عشرات الفلسطينيين معظمهم من النساء والأطفال في غارات إسرائيلية على منازل في خان يونس "
     "جنوب قطاع غزة، وفق مصادر طبية.\n\n"
     "وقالت وزارة الصحة إن المستشفيات تعاني نقصا حادا في الأدوية والوقود، وإن آلاف النازحين "
     "يحتمون في المدارس. ولا تزال مفاوضات الهدنة متعثرة.", "ar", frozenset({H})),
    ("passing", "موجة نزوح جديدة من الحديدة مع اشتداد المعارك",
     "نزحت آلاف الأسر من أحياء مدينة الحديدة غربي اليمن مع اشتداد المعارك بين القوات الحكومية "
     "والحوثيين، وسط نقص حاد في الغذاء والمياه.\n\n"
     "وقالت منظمات الإغاثة إن مخيمات النازحين لم تعد تتسع للوافدين الجدد. وكان المبعوث الأممي "
     "قد دعا الأطراف إلى مشاورات جديدة.", "ar", frozenset({H})),
    ("passing", "البنك المركزي يرفع سعر الفائدة لكبح التضخم",
     "رفع البنك المركزي سعر الفائدة الرئيسي بمقدار خمس نقاط مئوية لكبح التضخم الذي تجاوز "
     "ستين في المئة، في خطوة فاجأت الأسواق.\n\n"
     "وقال محللون إن القرار يعكس تحولا في السياسة الاقتصادية، وارتفعت الليرة أمام الدولار. "
     "وتأتي الخطوة قبل أشهر من الانتخابات البلدية.", "ar", frozenset()),
    ("passing", "قصف على ريف إدلب يقتل مدنيين",
     "قتل ثمانية مدنيين بينهم أطفال في قصف لقوات النظام على بلدات في ريف إدلب الجنوبي، بحسب "
     "الدفاع المدني.\n\n"
     "وأدى القصف إلى نزوح مئات العائلات نحو المخيمات قرب الحدود التركية. وتأتي الغارات رغم "
     "اتفاق خفض التصعيد الذي تم التوصل إليه في أستانا.", "ar", frozenset({H})),

    # 7. positives of the same era
    ("positive", "Mediators push for Gaza ceasefire and hostage release deal",
     "Qatari and Egyptian mediators presented a new proposal for a ceasefire in Gaza on Tuesday, "
     "including the release of hostages held by Hamas in exchange for Palestinian prisoners. "
     "Israeli negotiators travelled to Cairo for talks, and a US official said the gaps between "
     "the two sides had narrowed. A first phase would see a six-week pause in the fighting.",
     "en", frozenset({P})),
    ("positive", "Sudan's warring sides return to Jeddah talks",
     "Delegations from Sudan's army and the paramilitary Rapid Support Forces arrived in Jeddah "
     "for a new round of talks brokered by Saudi Arabia and the United States. Mediators said "
     "they would seek a nationwide ceasefire and confidence-building measures after months of "
     "war.", "en", frozenset({P})),
    ("positive", "Turkey hosts Russia-Ukraine talks on Black Sea grain",
     "Turkish officials hosted Russian and Ukrainian delegations in Istanbul for talks on "
     "reviving the Black Sea grain corridor. The negotiations, mediated by Ankara and the UN, "
     "are the first direct contact between the warring parties in months. Diplomats said a "
     "wider peace deal was not on the agenda.", "en", frozenset({P})),
    ("positive", "Yemen's warring parties agree Hodeidah truce at Sweden talks",
     "The Yemeni government and the Houthi rebels agreed a ceasefire in the port city of "
     "Hodeidah at the end of a week of UN-sponsored talks in Sweden. The UN envoy said the sides "
     "had also agreed a prisoner exchange and would meet again next month.",
     "en", frozenset({P})),
    ("positive", "Labour wins landslide in UK general election",
     "Labour won a landslide victory in the general election, taking more than 400 seats in the "
     "House of Commons. Turnout fell to about 60 per cent, and the Conservatives recorded their "
     "worst result. The new prime minister promised voters a government of service.",
     "en", frozenset({E})),
    ("positive", "Republicans edge towards House majority in midterms",
     "Republicans were on course to win a narrow majority in the House of Representatives as "
     "votes were still being counted in the midterm elections. Democrats held on to key Senate "
     "races, and election officials in Arizona said the count could take days.",
     "en", frozenset({E})),
    ("positive", "Incumbent wins Turkish presidential runoff",
     "Turkey's incumbent president won the runoff of the presidential election with about 52 per "
     "cent of the vote, extending his rule into a third decade. Turnout was high, and the "
     "opposition candidate said the campaign had been the most unfair in years.",
     "en", frozenset({E})),
    ("positive", "Voters head to the polls in local elections across England",
     "Millions of voters go to the polls on Thursday in local elections for councils and mayors "
     "across England. Voters must show photo ID at polling stations for the first time, and "
     "results are expected overnight.", "en", frozenset({E})),
    ("positive", "UN warns famine is imminent in northern Gaza",
     "The UN warned that famine is imminent in northern Gaza, where more than a million people "
     "face catastrophic hunger. Aid agencies said only a trickle of aid trucks was entering the "
     "territory, and children were dying of malnutrition.", "en", frozenset({H})),
    ("positive", "Millions displaced as Sudan faces world's largest hunger crisis",
     "Sudan's war has displaced more than ten million people, the UN refugee agency said, with "
     "many crossing into Chad and South Sudan. The World Food Programme said it could reach only "
     "a fraction of those in need because of fighting and blocked roads.",
     "en", frozenset({H})),
    ("positive", "First aid convoy reaches quake-hit Syrian north-west",
     "A convoy of aid trucks crossed from Turkey into north-western Syria carrying tents, "
     "blankets and food for survivors of the earthquake. Rescuers in the region said they had "
     "run out of equipment, and aid workers warned of a cholera outbreak.",
     "en", frozenset({H})),
    ("positive", "Turkey appeals for tents as quake survivors sleep in cars",
     "Turkey's disaster agency appealed for tents and winter clothing as tens of thousands of "
     "earthquake survivors slept in cars and public buildings. The death toll rose above 40,000, "
     "and international relief teams joined the search for people trapped under rubble.",
     "en", frozenset({H})),
    ("positive", "الوسطاء يطرحون مقترحا جديدا للهدنة في غزة",
     "قدم الوسطاء المصريون والقطريون مقترحا جديدا لوقف إطلاق النار في قطاع غزة وتبادل الأسرى، "
     "بحسب مصادر مطلعة على المفاوضات.\n\n"
     "وقالت المصادر إن المقترح ينص على هدنة من ثلاث مراحل، وإن وفد حركة حماس سيصل إلى القاهرة "
     "لبحث التفاصيل.", "ar", frozenset({P})),
    ("positive", "استئناف محادثات جدة بين الجيش السوداني والدعم السريع",
     "استؤنفت في مدينة جدة المحادثات بين وفدي الجيش السوداني وقوات الدعم السريع برعاية سعودية "
     "أمريكية، بهدف التوصل إلى وقف لإطلاق النار.\n\n"
     "وقال الوسطاء إن الجولة الجديدة ستبحث إجراءات بناء الثقة وفتح ممرات آمنة.",
     "ar", frozenset({P})),
    ("positive", "انطلاق مشاورات السلام اليمنية في السويد",
     "انطلقت في السويد مشاورات السلام بين وفد الحكومة اليمنية ووفد الحوثيين برعاية المبعوث "
     "الأممي، في أول لقاء بين الطرفين منذ عامين.\n\n"
     "وتتناول المشاورات تبادل الأسرى والوضع في الحديدة وإعادة فتح مطار صنعاء.",
     "ar", frozenset({P})),
    ("positive", "جولة جديدة من محادثات أستانا حول سوريا",
     "بدأت في العاصمة الكازاخية جولة جديدة من المحادثات بين وفدي الحكومة السورية والمعارضة "
     "المسلحة، بحضور الدول الضامنة.\n\n"
     "وقال رئيس وفد المعارضة إن المحادثات ستركز على تثبيت وقف إطلاق النار في مناطق خفض "
     "التصعيد وملف المعتقلين.", "ar", frozenset({P})),
    ("positive", "العراقيون يدلون بأصواتهم في الانتخابات البرلمانية",
     "توجه الناخبون العراقيون إلى مراكز الاقتراع لاختيار أعضاء البرلمان الجديد، في أول "
     "انتخابات تشريعية منذ هزيمة تنظيم الدولة.\n\n"
     "وقالت المفوضية العليا المستقلة للانتخابات إن نسبة المشاركة بلغت أربعة وأربعين في "
     "المئة.", "ar", frozenset({E})),
    ("positive", "إغلاق صناديق الاقتراع في الانتخابات النيابية اللبنانية",
     "أغلقت صناديق الاقتراع في الانتخابات النيابية اللبنانية، الأولى منذ تسع سنوات، وبدأت "
     "عمليات فرز الأصوات.\n\n"
     "وأعلن وزير الداخلية أن نسبة المشاركة تجاوزت تسعة وأربعين في المئة، وسط تنافس بين "
     "اللوائح على مئة وثمانية وعشرين مقعدا.", "ar", frozenset({E})),
    ("positive", "النهضة تتصدر نتائج الانتخابات البلدية في تونس",
     "تصدرت القوائم المستقلة وحركة النهضة نتائج الانتخابات البلدية في تونس، بحسب الأرقام "
     "الأولية التي أعلنتها الهيئة العليا المستقلة للانتخابات.\n\n"
     "وبلغت نسبة المشاركة نحو ثلث الناخبين المسجلين.", "ar", frozenset({E})),
    ("positive", "الرئيس التركي يفوز بجولة الإعادة",
     "فاز الرئيس التركي بجولة الإعادة في الانتخابات الرئاسية بعد حصوله على أكثر من اثنين "
     "وخمسين في المئة من الأصوات، بحسب الهيئة العليا للانتخابات.\n\n"
     "وأقر مرشح المعارضة بالهزيمة، وقال إن الحملة الانتخابية جرت في ظروف غير متكافئة.",
     "ar", frozenset({E})),
    ("positive", "تحذيرات أممية من مجاعة في شمال غزة",
     "حذرت الأمم المتحدة من أن المجاعة وشيكة في شمال قطاع غزة، حيث يعاني مئات الآلاف من الجوع "
     "وسوء التغذية.\n\n"
     "وقالت منظمات الإغاثة إن عدد شاحنات المساعدات التي تدخل القطاع لا يكفي لسد الاحتياجات.",
     "ar", frozenset({H})),
    ("positive", "الكوليرا تتفشى في مخيمات النازحين باليمن",
     "أعلنت منظمة الصحة العالمية تسجيل آلاف الإصابات الجديدة بالكوليرا في اليمن، معظمها في "
     "مخيمات النازحين.\n\n"
     "وقالت المنظمة إن نقص المياه النظيفة وانهيار القطاع الصحي يفاقمان الأزمة الإنسانية.",
     "ar", frozenset({H})),
    ("positive", "فرق الإغاثة تواصل البحث عن ناجين من زلزال تركيا",
     "تواصل فرق الإغاثة البحث عن ناجين تحت أنقاض المباني المنهارة في جنوب تركيا بعد الزلزال "
     "المدمر، فيما ارتفع عدد الضحايا إلى عشرات الآلاف.\n\n"
     "ويقيم مئات الآلاف من المتضررين في خيام ومراكز إيواء مؤقتة وسط برد قارس.",
     "ar", frozenset({H})),
    ("positive", "آلاف السودانيين يفرون إلى تشاد هربا من المعارك",
     "عبر آلاف اللاجئين السودانيين الحدود إلى تشاد هربا من المعارك في دارفور، بحسب مفوضية "
     "الأمم المتحدة لشؤون اللاجئين.\n\n"
     "وقالت المفوضية إن اللاجئين يحتاجون بشكل عاجل إلى الغذاء والمياه والمأوى.",
     "ar", frozenset({H})),

    # further rows of each class: stars' feuds, confidence votes, Arabic landslides and state
    # aid, an exchange the Red Cross oversees
    ("labour", "Nurses in Scotland accept pay offer in union ballot",
     "Nurses and midwives in Scotland have voted to accept a two-year pay offer, the Royal "
     "College of Nursing said, ending the threat of industrial action. Turnout in the ballot was "
     "just over half of eligible members. The government said the deal made Scottish nurses the "
     "best paid in the UK.", "en", frozenset()),
    ("labour", "اتحاد الشغل يلوح بإضراب عام بعد فشل المفاوضات الاجتماعية",
     "لوح الاتحاد العام للشغل بتنفيذ إضراب عام في القطاع العام بعد فشل جولة المفاوضات "
     "الاجتماعية مع الحكومة حول الزيادة في الأجور. وقال الأمين العام للاتحاد إن الهيئة "
     "الإدارية ستحدد موعد الإضراب الأسبوع المقبل. وأكدت الحكومة أنها منفتحة على الحوار مع "
     "المنظمة النقابية رغم الضغوط على الموازنة.", "ar", frozenset()),

    ("treaty", "Football stars end feud with public peace deal",
     "Two of the biggest names in English football announced a peace deal on Tuesday after a "
     "long-running feud over comments in a television interview. The players posted a joint "
     "photograph on social media. Their clubs said the matter was closed.",
     "en", frozenset()),
    ("treaty", "هدنة بين مطربين بعد حرب كلامية على مواقع التواصل",
     "أعلن المطربان هدنة بعد أسابيع من حرب كلامية على مواقع التواصل الاجتماعي، وتبادلا "
     "التهاني في حفل فني بالقاهرة. وقال مدير أعمال أحدهما إن الخلاف انتهى وإن الفنانين "
     "يستعدان لعمل غنائي مشترك.", "ar", frozenset()),

    ("vote", "Labour members choose deputy leader",
     "Labour Party members have elected a new deputy leader after a six-week contest, with the "
     "winner taking 55 per cent of the vote in the final round. The result was announced at a "
     "special party conference in London. Turnout among members was lower than in the previous "
     "leadership election.", "en", frozenset()),
    ("vote", "البرلمان يصوت على الثقة بالحكومة الجديدة",
     "صوت مجلس النواب بالأغلبية على منح الثقة للحكومة الجديدة بعد جلسة ماراثونية استمرت "
     "حتى ساعات الليل. وحصلت الحكومة على ثقة مئة وعشرين نائبا من أصل مئتين. وتعهد رئيس "
     "الحكومة أمام النواب بمحاربة الفساد وتحسين الخدمات.", "ar", frozenset()),

    ("sense", "Russia steps up military campaign in eastern Ukraine",
     "Russian forces stepped up their military campaign in eastern Ukraine, shelling towns along "
     "the front line and launching waves of drones at power stations. Ukrainian officials said "
     "troops had repelled several assaults near Bakhmut.", "en", frozenset()),
    ("sense", "انهيار أرضي يطمر قرية في نيبال",
     "لقي عشرات الأشخاص حتفهم إثر انهيار أرضي طمر قرية في غرب نيبال بعد أمطار موسمية غزيرة. "
     "وقالت السلطات إن فرق الإنقاذ تواصل البحث عن مفقودين تحت الطين، وإن مئات السكان نقلوا "
     "إلى مراكز إيواء مؤقتة.", "ar", frozenset({H})),
    ("sense", "الحكومة تقدم دعما ماليا لمصانع السيارات",
     "أعلنت الحكومة حزمة مساعدات مالية لمصانع السيارات المحلية بقيمة مليار دولار، لمواجهة "
     "تراجع المبيعات وارتفاع أسعار الطاقة. وقال وزير الصناعة إن المساعدات ستوجه إلى الشركات "
     "التي تحافظ على الوظائف وتزيد صادراتها.", "ar", frozenset()),

    ("passing", "مقتل عشرات المدنيين في قصف على الفاشر",
     "قتل عشرات المدنيين وأصيب آخرون في قصف مدفعي استهدف أحياء سكنية في مدينة الفاشر بإقليم "
     "دارفور، وفق مصادر طبية محلية.\n\n"
     "وقالت منظمات الإغاثة إن آلاف الأسر فرت من المدينة نحو مخيمات مكتظة تفتقر إلى الغذاء "
     "والمياه. وحذرت الأمم المتحدة من خطر المجاعة في الإقليم.\n\n"
     "وتعثرت محادثات جدة بين طرفي الحرب منذ أشهر.", "ar", frozenset({H})),
    ("passing", "Ukraine's wheat harvest beats forecasts despite the war",
     "Ukraine's farmers have harvested more wheat than expected this year, the agriculture "
     "ministry said, despite attacks on ports and grain stores. Exports through the Black Sea "
     "corridor have recovered, and prices on world markets fell. Talks on a wider ceasefire "
     "remain frozen.", "en", frozenset()),
    ("passing", "مهرجان الرياض للكتاب يستقبل آلاف الزوار",
     "استقبل معرض الرياض الدولي للكتاب آلاف الزوار في يومه الأول، بمشاركة مئات دور النشر من "
     "أكثر من ثلاثين دولة. وتضمن البرنامج ندوات عن الرواية العربية والترجمة. ويأتي المعرض قبل "
     "أسابيع من الانتخابات البلدية.", "ar", frozenset()),

    ("positive", "Hamas and Israel agree to extend truce by two days",
     "Israel and Hamas agreed to extend their truce in Gaza by two days, Qatar's foreign ministry "
     "said, allowing the release of more hostages and Palestinian prisoners. Mediators said they "
     "hoped the pause would lead to a lasting ceasefire.", "en", frozenset({P})),
    ("positive", "Prime minister calls July general election",
     "The prime minister called a general election for 4 July, standing in the rain outside "
     "Downing Street. Opinion polls give the opposition a lead of about twenty points, and "
     "candidates will begin campaigning in every constituency on Monday.",
     "en", frozenset({E})),
    ("positive", "المعارضة التركية تكتسح الانتخابات المحلية",
     "حقق حزب الشعب الجمهوري المعارض فوزا كبيرا في الانتخابات المحلية التركية، واحتفظ "
     "برئاسة بلديتي إسطنبول وأنقرة. وبلغت نسبة المشاركة نحو ثمانية وسبعين في المئة، بحسب "
     "الهيئة العليا للانتخابات. وأقر الحزب الحاكم بالنتائج وتعهد بمراجعة أدائه.",
     "ar", frozenset({E})),
    ("positive", "وصول أول قافلة مساعدات إلى الغوطة الشرقية",
     "دخلت أول قافلة مساعدات إنسانية إلى الغوطة الشرقية المحاصرة منذ أسابيع، محملة بمواد "
     "غذائية وطبية لآلاف العائلات. وقالت اللجنة الدولية للصليب الأحمر إن الكميات لا تكفي "
     "لسد احتياجات السكان المحاصرين.", "ar", frozenset({H})),
    ("positive", "الحوثيون والحكومة يتفقان على تبادل الأسرى برعاية أممية",
     "اتفق وفدا الحكومة اليمنية وجماعة الحوثي على تبادل مئات الأسرى في ختام جولة من "
     "المفاوضات برعاية الأمم المتحدة واللجنة الدولية للصليب الأحمر. وقال المبعوث الأممي إن "
     "الاتفاق خطوة لبناء الثقة نحو حل سياسي شامل.", "ar", frozenset({P})),
    ("labour", "Rail unions and carriers reach tentative deal, averting national strike",
     "Railroad unions and the freight carriers reached a tentative agreement early on Thursday, "
     "averting a national rail strike that could have cost the economy billions of dollars a "
     "day. The labor secretary, who mediated twenty hours of talks, said union members would "
     "vote on the contract after a cooling-off period.", "en", frozenset()),
    ("labour", "مفاوضات بين نقابة الأطباء ووزارة الصحة لإنهاء أزمة الأجور",
     "عقد مجلس نقابة الأطباء اجتماعا مع وزير الصحة لبحث مطالب الأطباء بزيادة الأجور وبدل "
     "العدوى، في محاولة لتجنب إضراب جديد. وقال نقيب الأطباء إن المفاوضات كانت إيجابية، وإن "
     "النقابة ستعرض نتائجها على الجمعية العمومية.", "ar", frozenset()),
    ("treaty", "Countries fail to agree pandemic treaty by deadline",
     "Negotiators at the World Health Organization failed to agree the text of a pandemic "
     "treaty before the deadline, after disputes over vaccine sharing and patents. Diplomats "
     "said talks would continue, and the health assembly gave them another year.",
     "en", frozenset()),
    ("treaty", "مفاوضات دولية لإبرام معاهدة للحد من التلوث البلاستيكي",
     "انطلقت في نيروبي جولة جديدة من المفاوضات الدولية لإبرام معاهدة ملزمة للحد من التلوث "
     "البلاستيكي، بمشاركة وفود من أكثر من مئة وخمسين دولة. وقال رئيس لجنة التفاوض إن الخلاف "
     "ما زال قائما حول خفض الإنتاج، فيما تطالب الدول المنتجة للنفط بالتركيز على إعادة "
     "التدوير.", "ar", frozenset()),
    ("vote", "SNP members elect new leader after bitter contest",
     "The Scottish National Party announced the result of its leadership election on Monday, "
     "with the health secretary winning 52 per cent of members' votes in the second round. "
     "Turnout among the party's 72,000 members was about 70 per cent.", "en", frozenset()),
    ("vote", "انتخابات نقابة الصحفيين تحسم مقعد النقيب",
     "أسفرت انتخابات التجديد النصفي لنقابة الصحفيين عن فوز مرشح المعارضة بمقعد النقيب، بعد "
     "منافسة حادة مع مرشح قريب من الحكومة. وشارك في التصويت أكثر من خمسة آلاف عضو من أعضاء "
     "الجمعية العمومية للنقابة.", "ar", frozenset()),
    ("sense", "الجيش يطلق حملة عسكرية لملاحقة المهربين في الصحراء",
     "أطلق الجيش حملة عسكرية واسعة في المناطق الصحراوية لملاحقة شبكات التهريب، بمشاركة "
     "وحدات برية وطائرات استطلاع. وقال متحدث عسكري إن الحملة أسفرت عن ضبط شاحنات محملة "
     "بالأسلحة والوقود.", "ar", frozenset()),
    ("sense", "Vaccine candidate for malaria enters final trial",
     "A malaria vaccine candidate developed by university researchers has entered its final "
     "clinical trial in four African countries. Scientists said early results showed strong "
     "protection in children, and the World Health Organization is expected to review the data "
     "next year.", "en", frozenset()),
    ("routine", "زلزال بقوة خمس درجات يضرب غرب تركيا دون خسائر",
     "ضرب زلزال بقوة خمس درجات على مقياس ريختر ولاية مانيسا غربي تركيا، دون أن يسفر عن "
     "إصابات أو أضرار، بحسب إدارة الكوارث والطوارئ. وقال خبراء في علم الزلازل إن الهزة "
     "شعر بها سكان إزمير المجاورة.", "ar", frozenset()),
    ("routine", "Hospital waiting lists hit record in England",
     "The number of patients waiting for hospital treatment in England rose to a record 7.7 "
     "million, official figures show. Health leaders said strikes and winter pressures had "
     "slowed progress, and the government said it was investing in new diagnostic centres.",
     "en", frozenset()),
    ("passing", "Drone strike on Kyiv apartment block kills eight civilians",
     "A Russian drone struck an apartment block in Kyiv overnight, killing eight civilians, "
     "including a child, and wounding more than twenty, city officials said. Rescuers searched "
     "the rubble for survivors through the morning, and dozens of residents were left "
     "homeless. Ukraine's president is due to attend a peace summit in Switzerland next "
     "month.", "en", frozenset({H})),
    ("passing", "Fed holds rates steady as inflation cools",
     "The Federal Reserve left interest rates unchanged on Wednesday and signalled that cuts "
     "could come later in the year as inflation cools. Markets rallied on the news. The "
     "decision comes months before the presidential election in November.",
     "en", frozenset()),
    ("passing", "مقتل مدنيين في غارة جوية على صنعاء",
     "قتل سبعة مدنيين بينهم أطفال في غارة جوية استهدفت حيا سكنيا في العاصمة اليمنية "
     "صنعاء، بحسب مصادر طبية.\n\n"
     "وقال سكان إن عشرات العائلات نزحت من الحي بعد الغارة، وإن المستشفى يعاني نقصا في "
     "الأدوية. وكان المبعوث الأممي قد دعا الأطراف إلى استئناف الحوار.",
     "ar", frozenset({H})),
    ("positive", "Republican wins presidential election as swing states turn red",
     "The Republican candidate won the presidential election after carrying every swing "
     "state, the Associated Press projected. Turnout was among the highest in a century, and "
     "the Democratic nominee conceded in a speech to supporters.", "en", frozenset({E})),
    ("positive", "World leaders gather in Switzerland for Ukraine peace summit",
     "Leaders and ministers from about ninety countries gathered at a Swiss resort for a summit "
     "on a path to peace in Ukraine. Russia was not invited, and China stayed away. A draft "
     "communique calls for a prisoner exchange and the return of deported children as first "
     "steps towards ending the war.", "en", frozenset({P})),
    ("positive", "Floods in Libya's Derna leave thousands dead and missing",
     "Floods that burst two dams above the Libyan city of Derna have killed thousands of people, "
     "and thousands more are missing, the Red Crescent said. Entire neighbourhoods were swept "
     "into the sea, and aid agencies said survivors needed clean water, shelter and medical "
     "care.", "en", frozenset({H})),
    ("positive", "المصريون يصوتون في الانتخابات الرئاسية",
     "بدأ الناخبون المصريون الإدلاء بأصواتهم في الانتخابات الرئاسية التي تستمر ثلاثة أيام، "
     "وسط إجراءات أمنية مشددة حول مراكز الاقتراع. وقالت الهيئة الوطنية للانتخابات إن "
     "الإقبال كان متوسطا في الساعات الأولى.", "ar", frozenset({E})),
    ("positive", "آلاف القتلى والمفقودين في فيضانات درنة",
     "ارتفع عدد ضحايا الفيضانات التي اجتاحت مدينة درنة شرقي ليبيا إلى آلاف القتلى، فيما لا "
     "يزال آلاف آخرون في عداد المفقودين. ووصلت فرق إغاثة عربية ودولية إلى المدينة، وقال "
     "الهلال الأحمر إن الناجين بحاجة إلى المياه والمأوى والأدوية.", "ar", frozenset({H})),
    ("labour", "إضراب عمال النظافة يغرق شوارع بيروت بالنفايات",
     "تكدست النفايات في شوارع بيروت لليوم الخامس على التوالي بسبب إضراب عمال النظافة "
     "احتجاجا على تأخر صرف رواتبهم. وقالت الشركة المتعهدة إن المفاوضات مع البلدية لم تسفر عن "
     "اتفاق بعد، فيما طالب العمال بزيادة الأجور لمواجهة انهيار الليرة.", "ar", frozenset()),
    ("labour", "Postal workers stage fresh walkout as talks collapse",
     "Tens of thousands of postal workers walked out again on Friday after talks between their "
     "union and the company broke down over pay and working conditions. The union said the "
     "employer's offer of a nine per cent rise over three years was not enough to cover "
     "inflation.", "en", frozenset()),
    ("treaty", "US and China agree to resume climate talks",
     "The United States and China agreed to resume formal talks on climate change, ending a "
     "freeze that began last year. The two countries' climate envoys said they would work "
     "together on cutting methane emissions and expanding renewable energy before the next UN "
     "summit.", "en", frozenset()),
    ("treaty", "هدنة في حرب الأسعار بين شركات الطيران منخفض التكلفة",
     "اتفقت ثلاث شركات طيران منخفض التكلفة على هدنة في حرب الأسعار التي أشعلتها على الخطوط "
     "الداخلية منذ مطلع العام، بعد أن تكبدت خسائر كبيرة. وقال محللون إن أسعار التذاكر "
     "سترتفع خلال الصيف.", "ar", frozenset()),
    ("vote", "Irish voters reject changes to constitution in referendum",
     "Voters in Ireland rejected two proposed changes to the constitution on family and care "
     "in a referendum, official results showed. Turnout was about 44 per cent, and the prime "
     "minister said the government accepted the result.", "en", frozenset({E})),
    ("vote", "استطلاع رأي: أغلبية الأتراك تؤيد العودة إلى النظام البرلماني",
     "أظهر استطلاع للرأي أجرته شركة أبحاث خاصة أن أغلبية المشاركين تؤيد العودة إلى النظام "
     "البرلماني. وشمل الاستطلاع ثلاثة آلاف شخص في ست وعشرين ولاية، وقال الباحثون إن "
     "هامش الخطأ لا يتجاوز نقطتين.", "ar", frozenset()),
    ("sense", "Club draws up shortlist of candidates for manager's job",
     "The club has drawn up a shortlist of three candidates to replace the manager sacked last "
     "week, with a former international the front-runner. The board hopes to make an "
     "appointment before the league match on Saturday.", "en", frozenset()),
    ("sense", "حملة شعبية لجمع التبرعات لمتضرري الزلزال",
     "أطلق ناشطون حملة شعبية لجمع التبرعات لمتضرري الزلزال في شمال سوريا، وجمعت الحملة خلال "
     "يومين آلاف البطانيات وأطنانا من المواد الغذائية. وقال المنظمون إن قوافل الإغاثة ستنطلق "
     "نحو المناطق المنكوبة مطلع الأسبوع.", "ar", frozenset({H})),
    ("routine", "منخفض جوي يجلب أمطارا غزيرة إلى الأردن",
     "تتأثر المملكة بمنخفض جوي يجلب أمطارا غزيرة ورياحا قوية، بحسب دائرة الأرصاد الجوية. "
     "ودعت الأرصاد السائقين إلى الحذر من تشكل السيول في الأودية، وتوقعت تحسن الطقس "
     "مع نهاية الأسبوع.", "ar", frozenset()),
    ("routine", "Storm brings gales and heavy rain to western Britain",
     "A storm brought gales of up to 80mph and heavy rain to western Britain overnight, "
     "disrupting ferries and trains. The Met Office issued yellow weather warnings for wind, "
     "and forecasters said conditions would ease by the afternoon.", "en", frozenset()),
    ("passing", "Premier League clubs agree new spending rules",
     "Premier League clubs voted to adopt new rules limiting spending to a share of revenue "
     "from next season. The league said the change would make competition fairer. The "
     "decision was announced weeks before the general election.", "en", frozenset()),
    ("passing", "انتشال جثث مهاجرين غرقوا قبالة السواحل الليبية",
     "انتشلت فرق الهلال الأحمر جثث عشرات المهاجرين الذين غرق قاربهم قبالة السواحل الليبية، "
     "فيما أنقذ خفر السواحل نحو أربعين ناجيا.\n\n"
     "وقالت المنظمة الدولية للهجرة إن معظم الضحايا من دول أفريقيا جنوب الصحراء. وتأتي "
     "الحادثة فيما تتعثر الانتخابات الليبية المؤجلة.", "ar", frozenset({H})),
    ("positive", "مباحثات التهدئة بين حماس وإسرائيل برعاية مصرية",
     "وصل وفد من حركة حماس إلى القاهرة لاستكمال مباحثات التهدئة مع إسرائيل برعاية مصرية "
     "وأممية، بعد أسابيع من التصعيد على حدود قطاع غزة. وقالت مصادر إن الاتفاق المقترح "
     "يشمل وقفا لإطلاق النار لمدة طويلة وتخفيف الحصار.", "ar", frozenset({P})),
    ("positive", "Turkey's election board confirms runoff date",
     "Turkey's Supreme Election Council confirmed that the presidential runoff will be held on "
     "28 May after no candidate won more than half of the vote in the first round. Voters "
     "abroad will cast their ballots at consulates from Saturday.", "en", frozenset({E})),
    ("positive", "الروهينغا الفارون إلى بنغلاديش يواجهون الجوع والأمراض",
     "يعيش مئات الآلاف من لاجئي الروهينغا الفارين إلى بنغلاديش في مخيمات مكتظة تفتقر إلى "
     "المياه النظيفة والغذاء. وحذرت منظمات الإغاثة من انتشار الأمراض مع بدء موسم الأمطار.",
     "ar", frozenset({H})),
    ("positive", "Negotiators in Doha narrow gaps on Gaza hostage deal",
     "Israeli and Hamas negotiators, talking through Qatari and Egyptian mediators in Doha, "
     "narrowed their differences over a deal to free the remaining hostages, officials said. "
     "The talks focus on the length of a truce and the withdrawal of troops from a corridor "
     "along the Egyptian border.", "en", frozenset({P})),
    ("labour", "Teachers' union rejects pay offer and plans strike ballot",
     "The largest teachers' union in England rejected the government's pay offer on Monday and "
     "said it would ballot members on strike action in the autumn. The education secretary "
     "urged the union to return to talks, saying the offer was fair and fully funded.",
     "en", frozenset()),
    ("labour", "عمال النسيج في المحلة يعلقون الإضراب بعد وعود حكومية",
     "علق آلاف العمال في شركة الغزل والنسيج بالمحلة إضرابهم عن العمل بعد وعود من الحكومة "
     "بصرف العلاوة السنوية وزيادة الحد الأدنى للأجور. وقال ممثلو العمال إن الاتفاق جاء بعد "
     "مفاوضات استمرت يومين مع رئيس الشركة القابضة.", "ar", frozenset()),
    ("treaty", "Apple and chip supplier settle licensing dispute",
     "Apple and its chip supplier agreed to settle all litigation over patent licensing "
     "fees, ending a two-year legal battle across several countries. The companies signed a "
     "six-year licence agreement, and the supplier's shares jumped 20 per cent.",
     "en", frozenset()),
    ("treaty", "مفاوضات بين الحكومة وصندوق النقد حول قرض جديد",
     "بدأت بعثة صندوق النقد الدولي جولة مفاوضات مع الحكومة حول برنامج قرض جديد بقيمة ثلاثة "
     "مليارات دولار. وقال وزير المالية إن المحادثات تتناول خفض العجز في الموازنة وإصلاح "
     "الدعم، وإن الاتفاق قد يوقع قبل نهاية العام.", "ar", frozenset()),
    ("vote", "Poll shows support for rejoining the EU at record high",
     "Support for rejoining the European Union has reached a record high, according to a poll "
     "of 2,000 adults published on Sunday. The survey found that younger respondents were most "
     "in favour, while a majority of those over 65 still backed leaving.",
     "en", frozenset()),
    ("vote", "الكونغرس يصوت على حزمة مساعدات عسكرية لأوكرانيا",
     "صوت مجلس النواب الأمريكي على حزمة مساعدات عسكرية لأوكرانيا بقيمة واحد وستين مليار "
     "دولار، بعد أشهر من الخلاف بين الحزبين. وينتقل مشروع القانون إلى مجلس الشيوخ للتصويت "
     "عليه الأسبوع المقبل.", "ar", frozenset()),
    ("sense", "قوات الاحتلال تشن حملة اعتقالات واسعة في الضفة",
     "شنت قوات الاحتلال الإسرائيلي فجر اليوم حملة اعتقالات واسعة طالت عشرات الفلسطينيين في "
     "مدن الضفة الغربية. وقال نادي الأسير إن الحملة تركزت في نابلس وجنين، وإن بين المعتقلين "
     "أطفالا.", "ar", frozenset()),
    ("sense", "Congress approves military aid package for Ukraine",
     "The House of Representatives approved a 61 billion dollar military aid package for "
     "Ukraine after months of delay, with lawmakers from both parties backing the bill. The "
     "legislation now goes to the Senate, where a vote is expected next week.",
     "en", frozenset()),
    ("routine", "Heatwave kills hundreds in Pakistan as hospitals overflow",
     "A heatwave with temperatures above 50C has killed more than 500 people in southern "
     "Pakistan, hospital officials said, most of them elderly and poor. Morgues in Karachi ran "
     "out of space, and charities handed out water and set up cooling tents for labourers and "
     "the homeless.", "en", frozenset({H})),
    ("routine", "لقاح جديد ضد الملاريا يدخل مرحلة التجارب الأخيرة",
     "أعلن باحثون في جامعة أوروبية أن لقاحا جديدا ضد الملاريا دخل المرحلة الأخيرة من التجارب "
     "السريرية في عدة دول أفريقية. وقال الباحثون إن النتائج الأولية أظهرت حماية عالية لدى "
     "الأطفال.", "ar", frozenset()),
    ("passing", "Sudan's gold trade funds both sides of the war, report says",
     "Gold smuggled out of Sudan is funding both the army and the paramilitary Rapid Support "
     "Forces, a report by a research group said. The trade runs through neighbouring states "
     "and the Gulf, the authors found, and exports have risen despite the war.",
     "en", frozenset()),
    ("passing", "أسعار الطحين ترتفع عشرة أضعاف في أسواق غزة",
     "ارتفعت أسعار الطحين في أسواق شمال قطاع غزة عشرة أضعاف مع شح المساعدات، وقال سكان إنهم "
     "يطحنون علف الحيوانات لإطعام أطفالهم.\n\n"
     "وحذرت الأمم المتحدة من أن المجاعة باتت وشيكة. ولا تزال مفاوضات الهدنة في الدوحة "
     "تراوح مكانها.", "ar", frozenset({H})),
    ("positive", "UN envoy calls for new round of Geneva talks on Syria",
     "The UN envoy for Syria called on the government and the opposition to return to Geneva "
     "for a new round of talks on a political settlement. He said a ceasefire in the north-west "
     "was holding, and the constitutional committee could meet next month.",
     "en", frozenset({P})),
    ("positive", "المبعوث الأممي يدعو إلى جولة جديدة من محادثات جنيف",
     "دعا المبعوث الأممي إلى سوريا وفدي الحكومة والمعارضة إلى جولة جديدة من المحادثات في "
     "جنيف، للبحث في الحل السياسي وصياغة الدستور. وقال إن وقف إطلاق النار في الشمال صامد "
     "رغم خروقات متفرقة.", "ar", frozenset({P})),
    ("positive", "الأمريكيون يدلون بأصواتهم في انتخابات التجديد النصفي",
     "بدأ الناخبون الأمريكيون الإدلاء بأصواتهم في انتخابات التجديد النصفي لاختيار أعضاء "
     "مجلس النواب وثلث أعضاء مجلس الشيوخ. وتشير استطلاعات الرأي إلى منافسة حادة بين "
     "الحزبين في الولايات المتأرجحة.", "ar", frozenset({E})),
    ("positive", "Aid trucks queue at Rafah as Gaza hunger deepens",
     "Hundreds of aid trucks carrying flour, medicine and fuel were queuing at the Rafah "
     "crossing on Sunday, waiting for inspection, as hunger deepened in Gaza. Aid agencies "
     "said families in the north were eating animal feed.", "en", frozenset({H})),
    ("passing", "Pound edges higher ahead of elections in UK and France",
     "Sterling rose against the dollar and the euro on Monday as traders weighed the outlook "
     "for interest rates ahead of the elections in Britain and France. Analysts said markets "
     "had largely priced in the expected results, and government bond yields were steady.",
     "en", frozenset()),
    ("positive", "Candidates make final pitch to voters ahead of the election",
     "The leaders of the main parties made their final pitch to voters on Wednesday ahead of "
     "the election, touring marginal seats across England and Wales. Polling stations open at "
     "7am on Thursday, and an exit poll will be published when they close.",
     "en", frozenset({E})),
    ("routine", "الحر الشديد يرفع استهلاك الكهرباء في الكويت إلى مستوى قياسي",
     "سجل استهلاك الكهرباء في الكويت مستوى قياسيا مع تجاوز درجات الحرارة الخمسين، بحسب "
     "وزارة الكهرباء والماء. ودعت الوزارة المواطنين إلى ترشيد الاستهلاك في ساعات الذروة، "
     "وقالت إن محطات التوليد تعمل بكامل طاقتها.", "ar", frozenset()),
    ("passing", "Türkiye's exports hit record high in 2023",
     "Türkiye's exports reached a record 255 billion dollars in 2023, the trade minister said, "
     "driven by sales of cars, machinery and textiles to Europe. Exporters said a stronger lira "
     "and high interest rates were squeezing margins. The figures come three months ahead of "
     "local elections.", "en", frozenset()),
    ("positive", "Hamas says it accepts ceasefire proposal in statement on social media",
     "Hamas said in a statement posted on social media that it had accepted a ceasefire "
     "proposal put forward by Egyptian and Qatari mediators. Israel said the proposal fell "
     "short of its demands but would send negotiators to Cairo to continue the talks on the "
     "release of hostages.", "en", frozenset({P})),
    ("positive", "Türkiye ready to host Russia-Ukraine negotiations, says foreign minister",
     "Türkiye is ready to host negotiations between Russia and Ukraine to end the war, the "
     "foreign minister said on Tuesday. Ankara has kept channels open with both sides and "
     "brokered a prisoner exchange last year, he told reporters in Istanbul.",
     "en", frozenset({P})),
    ("positive", "Death toll rises as aid reaches cut-off mountain towns after hurricane",
     "The death toll from the hurricane rose above 200 as aid finally reached mountain towns cut "
     "off by floods and landslides. Forecasters had warned of catastrophic rain, and thousands "
     "of residents are still without power, drinking water or mobile signal. Relief agencies "
     "are flying in food and water by helicopter.", "en", frozenset({H})),
    ("positive", "Turkish disaster agency sends aid to quake-hit Morocco",
     "Türkiye's disaster and emergency agency sent search and rescue teams and relief supplies "
     "to Morocco after an earthquake killed more than 2,000 people in the Atlas mountains. "
     "Tents, blankets and hygiene kits were flown to Marrakech for survivors sleeping in the "
     "open.", "en", frozenset({H})),
    ("positive", "تحالف الجمهور يحتفظ بالأغلبية في البرلمان التركي",
     "احتفظ تحالف الجمهور الحاكم بالأغلبية في البرلمان التركي، بحسب النتائج الأولية "
     "للانتخابات البرلمانية التي أعلنتها الهيئة العليا للانتخابات. وبلغت نسبة المشاركة "
     "نحو سبعة وثمانين في المئة، فيما يتجه السباق الرئاسي إلى جولة إعادة.",
     "ar", frozenset({E})),
    ("positive", "Sudan peace talks open in Geneva without army delegation",
     "US-led peace talks on Sudan opened in Geneva on Wednesday without a delegation from the "
     "army, which objected to the format. Mediators said they would press on with the paramilitary "
     "Rapid Support Forces and seek a cessation of hostilities and access for aid.",
     "en", frozenset({P})),
    ("positive", "Soaring food prices push Lebanese families into hunger",
     "Soaring food prices and the collapse of the currency have pushed almost half of Lebanon's "
     "families into hunger, the World Food Programme said. Inflation passed 200 per cent last "
     "year, and supermarkets now price goods in dollars. The agency said it would expand cash "
     "aid to a million people, including Syrian refugees.", "en", frozenset({H})),
    ("positive", "ارتفاع الأسعار يدفع ملايين اليمنيين إلى حافة المجاعة",
     "حذر برنامج الأغذية العالمي من أن ارتفاع أسعار الغذاء وانهيار العملة يدفعان ملايين "
     "اليمنيين إلى حافة المجاعة. وقال البرنامج إن نقص التمويل أجبره على خفض الحصص الغذائية "
     "في مخيمات النازحين.", "ar", frozenset({H})),
    ("sense", "Club owner unveils peace plan to end supporters' boycott",
     "The owner of the Championship club unveiled a peace plan on Friday to end a boycott by "
     "supporters angry at rising ticket prices. The plan freezes season-ticket prices and gives "
     "fans a seat on the board, and the supporters' trust said it would put it to members.",
     "en", frozenset()),
    ("sense", "رئيس النادي يطرح خطة سلام لإنهاء الخلاف مع الجماهير",
     "طرح رئيس النادي خطة سلام لإنهاء الخلاف مع روابط المشجعين التي قاطعت مباريات الفريق "
     "احتجاجا على رفع أسعار التذاكر. وتتضمن الخطة تخفيض أسعار الاشتراكات وإشراك الجماهير في "
     "قرارات الإدارة قبل انطلاق الموسم.", "ar", frozenset()),
    ("positive", "Hundreds of captured fighters head home in swap brokered by Qatar",
     "The Ethiopian government and Tigrayan forces each freed more than 300 captives on Tuesday, "
     "the first such exchange since the fighting resumed in the north. Qatari officials who "
     "arranged the handover said lists of names had been agreed over two months of contacts. "
     "Relatives waited for hours at the airport in Mekelle as the buses arrived.",
     "en", frozenset({P})),
    ("positive", "إطلاق متبادل للمحتجزين بين فصائل المعارضة والقوات الحكومية في ريف حلب",
     "أفرجت فصائل المعارضة المسلحة والقوات الحكومية السورية أمس عن 40 محتجزا من الجانبين في "
     "معبر قرب مدينة الباب، في عملية جرت برعاية تركية روسية. وقالت مصادر محلية إن صفقة التبادل "
     "جاءت بعد اتصالات استمرت أسابيع، وإن دفعة ثانية قد تتم الشهر المقبل.", "ar", frozenset({P})),
    ("positive", "وفدا الحكومة والمعارضة في جوبا يستأنفان الحوار حول الترتيبات الأمنية",
     "استأنف وفدا الحكومة السودانية والحركات المسلحة أمس في جوبا جولة جديدة من الحوار برعاية "
     "بعثة الأمم المتحدة، لبحث دمج المقاتلين في الجيش وتقاسم السلطة. وقال مصدر في الوساطة إن "
     "الطرفين اتفقا على جدول الأعمال، وإن الخلاف ما زال قائما حول الجدول الزمني للدمج.",
     "ar", frozenset({P})),
    ("sense", "The Long Crossing review: a refugee boy's journey, told with restraint",
     "The debut feature from the Irish director follows a twelve-year-old Sudanese refugee across "
     "the Sahara and the Mediterranean to a reception centre in Sicily. The young lead, a "
     "non-professional actor, carries the film with remarkable composure, and the soundtrack "
     "is spare. Some scenes at sea are hard to watch. Four stars. In cinemas from Friday.",
     "en", frozenset()),
    ("sense", "فيلم «الطريق إلى الشمال» يروي حكاية لاجئة سورية في ألمانيا",
     "يبدأ عرض فيلم «الطريق إلى الشمال» في دور العرض الأسبوع المقبل، وهو الفيلم الروائي الأول "
     "لمخرجته الشابة، ويروي حكاية لاجئة سورية تحاول أن تبدأ حياة جديدة في برلين. وقالت الممثلة "
     "التي أدت دور البطولة إن الفيلم مستوحى من قصص صديقاتها في مخيمات اللجوء.", "ar", frozenset()),
    ("positive", "Liberal Democrats take true-blue seat on a 9,000 swing",
     "The Liberal Democrats have won the seat held by the Conservatives since 1910, overturning a "
     "majority of more than 9,000. Their candidate took 14,200 votes after an overnight count, "
     "with the Conservatives second. Turnout was 41 per cent. The party said voters in the "
     "constituency had lost patience with the government.", "en", frozenset({E})),
    ("passing", "Russia says troops captured 40 Ukrainian soldiers near Bakhmut",
     "Russia's defence ministry said on Thursday its forces had captured 40 Ukrainian soldiers "
     "and destroyed two tanks in fighting west of Bakhmut. Ukraine's army said it had repelled "
     "attacks on four villages, and an exchange of fire continued overnight. Neither account "
     "could be verified.", "en", frozenset()),
    ("positive", "الدول الضامنة تبحث توسيع مناطق خفض التصعيد في الشمال",
     "بحث ممثلو الدول الضامنة في اجتماع عقد أمس توسيع مناطق خفض التصعيد لتشمل ريف المحافظة "
     "الشمالي، بحضور وفد الحكومة ووفد المعارضة. وقال مصدر في وفد المعارضة إن الفصائل طلبت "
     "ضمانات بوقف الغارات على القرى قبل الموافقة على أي خرائط جديدة.", "ar", frozenset({P})),
    ("positive", "الحركتان توقعان في الدوحة وثيقة لإنهاء الانقسام",
     "وقعت الحركتان المتنافستان أمس في الدوحة وثيقة لإنهاء الانقسام السياسي المستمر منذ "
     "سنوات، تنص على تشكيل حكومة موحدة خلال شهرين وتسليم إدارة المعابر لها. وقال مسؤول شارك في "
     "الوساطة إن لجنة مشتركة ستتابع تنفيذ بنود المصالحة.", "ar", frozenset({P})),
    ("sense", "Supermarkets call truce in bread price war",
     "The country's three biggest supermarkets appear to have called a truce in their price war "
     "on bread, after months of cuts that left bakers complaining of losses. Analysts said the "
     "ceasefire would not last long, since the discounters were still winning market share "
     "from the big grocers, and shoppers were buying less.", "en", frozenset()),
    ("positive", "Government and separatist rebels back at the table after two years",
     "Negotiators for the government and the separatist rebels in the northern provinces met in "
     "Oslo on Tuesday, the first meeting since talks broke down two years ago, with Norway as "
     "facilitator. Both delegations agreed to set up a committee on reducing violence, and said "
     "a second round would follow next month.", "en", frozenset({P})),
    ("positive", "المستقلون يتصدرون نتائج انتخابات مجلس النواب",
     "أظهرت النتائج الأولية لانتخابات مجلس النواب تقدم المرشحين المستقلين في معظم الدوائر، "
     "فيما تراجعت مقاعد الأحزاب التقليدية. وقالت الهيئة المشرفة إن نسبة المشاركة بلغت 41 في "
     "المئة، وإن الطعون تقدم خلال ثلاثة أيام من إعلان النتائج النهائية.", "ar", frozenset({E})),
    ("positive", "Warring sides agree humanitarian truce for Eid",
     "The army and the rebel alliance agreed on Sunday to a three-day humanitarian truce over the "
     "Eid holiday after talks hosted by neighbouring mediators. Both sides said they would use the "
     "pause to exchange the bodies of the dead, and the mediators said a longer ceasefire would be "
     "discussed next week.", "en", frozenset({P})),
    ("passing", "Rebels and government sign accord weeks before general elections",
     "The government and the main rebel movement signed a peace accord on Friday, weeks before "
     "general elections, ending a conflict that has flared on and off for a decade. The accord "
     "sets out the disarmament of about 3,000 fighters and their return to civilian life. "
     "Mediators who facilitated the talks said the timetable would be hard to keep.",
     "en", frozenset({P})),
    ("routine", "Heat alert issued for the capital as temperatures near 44C",
     "The meteorological department issued an orange alert for the capital on Tuesday, with "
     "temperatures expected to reach 44C by Thursday. A health advisory urged residents to drink "
     "water and avoid the midday sun. The weather office said relief could come at the weekend "
     "with light rain.", "en", frozenset()),
    ("sense", "فيلم عن لاجئة يتصدر شباك التذاكر في صالات القاهرة",
     "تصدر فيلم درامي تؤدي فيه ممثلة شابة دور لاجئة تبحث عن شقيقها شباك التذاكر في صالات "
     "السينما بالقاهرة هذا الأسبوع. وأشاد النقاد بالموسيقى التصويرية، فيما رأى آخرون أن "
     "السيناريو أطال في المشاهد الأخيرة.", "ar", frozenset()),
    ("positive", "Families leave with what they can carry as the last villages empty",
     "Thousands of families left their homes on Monday in long lines of tractors and cars as "
     "fighting moved closer to the last villages of the valley. Aid workers at a reception point "
     "handed out water and blankets, and the Red Cross said many had spent two nights on the "
     "road without food.", "en", frozenset({H})),
    ("vote", "Opposition party room picks new leader after heavy defeat",
     "The opposition's party room chose a new leader on Tuesday, three weeks after the general "
     "election cost the party a third of its seats. The former treasurer was the only candidate "
     "to nominate, and the deputy leadership was settled by a ballot of the 41 MPs. The new "
     "leader will name a shadow cabinet next week.", "en", frozenset()),
    ("sense", "Anthem wins listeners' poll by a landslide",
     "A stadium anthem from the nineties has won the radio station's annual countdown of the "
     "nation's favourite songs by a landslide, taking more than a fifth of the 200,000 votes "
     "cast by listeners. Two ballads tied for second place.", "en", frozenset()),
    ("sense", "Three candidates shortlisted to run the central bank",
     "The finance ministry has shortlisted three candidates to succeed the central bank "
     "governor, whose term ends in March. A panel will interview them next month, and the "
     "cabinet will make the appointment before the spring budget.", "en", frozenset()),
    ("positive", "Disease spreads through crowded camps as rains begin",
     "Cholera and measles are spreading through the camps around the city, where families forced "
     "from their villages by the fighting have lived for two years. A medical charity said its "
     "clinics saw 300 suspected cases last week, and aid agencies warned that the rains would "
     "make the shortage of clean water worse.", "en", frozenset({H})),
    ("positive", "Government interlocutor and rebel leaders resume talks",
     "The government's interlocutor and leaders of the armed group resumed talks on Monday after "
     "a gap of six months, with the ceasefire between them holding for a third year. Both sides "
     "said the meeting was cordial and that a second round would follow next month.",
     "en", frozenset({P})),
    ("positive", "توقيع اتفاق بين الحكومة والمجلس العسكري بعد مباحثات غير مباشرة",
     "وقعت الحكومة والمجلس العسكري في الإقليم أمس اتفاقا ينهي أسابيع من المواجهات، بعد مباحثات "
     "غير مباشرة استضافتها دولة مجاورة. وينص الاتفاق على عودة القوات إلى مواقعها السابقة وتشكيل "
     "لجنة مشتركة لتبادل الموقوفين خلال أسبوعين.", "ar", frozenset({P})),
    ("sense", "Landslide innings win keeps title campaign alive",
     "The home side completed a landslide innings win on the final morning, keeping their "
     "championship campaign alive with two rounds left. The left-arm spinner took six wickets "
     "and is now the leading candidate for a place in the national squad for the winter tour.",
     "en", frozenset()),
    ("routine", "Gala dinner raises funds for refugee students",
     "A black tie gala dinner in the capital raised 1.2 million for scholarships for refugee "
     "students, the organisers said on Saturday. Guests bid in an auction of paintings donated "
     "by local artists, and a choir of former scholarship holders sang.", "en", frozenset()),
    ("positive", "Ward 4 byelection goes to first-time candidate",
     "A first-time candidate won Thursday's byelection in Ward 4 with 41 per cent of the "
     "ballots, ending a campaign fought mostly over bus routes and rents. Turnout was 22 per "
     "cent, the city clerk said, and the new councillor will be sworn in next week.",
     "en", frozenset({E})),
    ("positive", "Elders seal pact to end cattle raids and revenge attacks",
     "Elders of the two herding communities sealed a pact on Sunday to end a year of cattle "
     "raids and revenge attacks that have killed more than 40 people. Under the pact, each side "
     "will hand over suspects and return stolen animals, and a joint committee will settle "
     "disputes over water points.", "en", frozenset({P})),
    ("positive", "تفاهم بين وجهاء البلدتين ينهي المواجهات المسلحة",
     "عاد الهدوء إلى البلدتين بعد تفاهم توصل إليه الوجهاء لإنهاء المواجهات المسلحة التي اندلعت "
     "الأسبوع الماضي وخلفت ثمانية قتلى. وينص التفاهم على انسحاب المسلحين من الطريق الفاصل "
     "وتسليم المخطوفين من الطرفين خلال يومين.", "ar", frozenset({P})),
    ("treaty", "توقيع مذكرة تفاهم للتعاون في مجال الطاقة المتجددة",
     "وقعت وزارة الطاقة ومجموعة من الشركات الأوروبية أمس مذكرة تفاهم للتعاون في إنشاء محطات "
     "للطاقة الشمسية، وقال الوزير إن المذكرة تفتح الباب أمام استثمارات جديدة وتدريب المهندسين.",
     "ar", frozenset()),
    ("sense", "Club and supporters agree ceasefire in stadium row",
     "The club's owners and the supporters' trust have agreed a ceasefire in their long war of "
     "words over the stadium lease, and both sides called the agreement a peace deal. Fans will "
     "end their protests at home games, and the club will freeze season-ticket prices for the "
     "rest of the league season.", "en", frozenset()),
    ("vote", "Student union elections draw record turnout on campus",
     "Campaigning ended on Wednesday in the student union elections, which drew the highest "
     "turnout on campus in a decade. Candidates for president promised cheaper canteen meals and "
     "longer library hours, and results will be announced on Friday.", "en", frozenset()),
    ("sense", "Six-goal landslide kick-starts promotion campaign",
     "United opened their promotion campaign with a six-goal landslide on Saturday, the striker "
     "scoring a hat trick before half time. He is now the leading candidate for player of the "
     "month, and the fans sang his name long after the final whistle.", "en", frozenset()),
    ("positive", "Hepatitis spreads in crowded protection site",
     "A hepatitis outbreak has killed at least 11 people in a protection site where 90,000 "
     "people who fled the fighting are sheltering, aid agencies said on Tuesday. Doctors said "
     "a shortage of clean water and latrines was driving the disease.", "en", frozenset({H})),
    ("positive", "الإسهال المائي يتفشى بين الأطفال في تجمعات النازحين",
     "سجلت فرق صحية أكثر من 900 حالة إسهال مائي حاد خلال أسبوعين في تجمعات عشوائية تؤوي آلاف "
     "الأسر التي فروا من المعارك، معظمها بين الأطفال. وقالت منظمة دولية إن نقص المياه النظيفة "
     "ودورات المياه يسرع انتشار المرض.", "ar", frozenset({H})),
    ("positive", "وفد إقليمي يصل إلى العاصمة في محاولة للوساطة مع المجلس العسكري",
     "وصل وفد من المنظمة الإقليمية أمس إلى العاصمة في محاولة جديدة للوساطة مع المجلس العسكري "
     "الذي أطاح بالرئيس المنتخب، وقال المتحدث باسم الوفد إن باب الحوار لا يزال مفتوحا لتجنب "
     "التدخل العسكري.", "ar", frozenset({P})),
    ("positive", "الفصائل توقع إعلانا لإنهاء الانقسام وتشكيل حكومة وفاق وطني",
     "وقعت الفصائل أمس إعلانا لإنهاء الانقسام وتعزيز الوحدة الوطنية، بعد ثلاثة أيام من الحوارات "
     "برعاية الدولة المضيفة، ونص الإعلان على تشكيل حكومة وفاق وطني مؤقتة خلال شهر.",
     "ar", frozenset({P})),
    ("treaty", "Two navies conclude talks on visiting forces pact",
     "Negotiators from the two countries concluded a final round of talks on a visiting forces "
     "pact that will let their troops hold joint exercises on each other's territory, officials "
     "said. The reciprocal access agreement is to be signed next month and ratified by both "
     "parliaments.", "en", frozenset()),
    ("positive", "Parties agree on transitional council after regional mediation",
     "Political parties agreed on Friday on the members of a transitional council after two weeks "
     "of talks brokered by regional leaders, in a bid to end a crisis that has left armed gangs "
     "in control of most of the capital. Mediators said the council would name an interim "
     "government.", "en", frozenset({P})),
    ("positive", "«عطوة» بين عشيرتين بعد أسبوع من الاشتباكات",
     "أعلن شيوخ عشائر أمس التوصل إلى عطوة لمدة عام بين عشيرتين متنازعتين بعد أسبوع من "
     "الاشتباكات التي أدت إلى مقتل خمسة أشخاص، ووقع الطرفان وثيقة الصلح بحضور ممثلين عن "
     "قوات الأمن.", "ar", frozenset({P})),
    ("sense", "الحكومة تقر مساعدات للفلاحين المتضررين من الجفاف",
     "أقرت الحكومة حزمة مساعدات لفائدة الفلاحين المتضررين من قلة الأمطار، تشمل تعويضات عن "
     "المحاصيل وتأجيل سداد القروض وتوفير البذور بأسعار مدعمة.", "ar", frozenset()),
    ("sense", "آلاف الطيور المهاجرة تصل إلى البحيرة مع بداية الخريف",
     "بدأت آلاف الطيور المهاجرة النازحة من برد الشمال تصل إلى البحيرة، وقال مسؤول في المحمية "
     "إن أعدادها تجاوزت 30 ألف طائر هذا الموسم.", "ar", frozenset()),
    ("positive", "Island leaders resume UN-backed reunification talks",
     "Leaders of the divided island's two communities resumed reunification talks on Monday "
     "under UN auspices, with negotiators saying the sharing of gas revenues and property "
     "claims would top the agenda. Peacekeepers have patrolled the buffer zone between them "
     "for decades, and trade across it remains small.", "en", frozenset({P})),
    ("positive", "Chiefs' committee meets feuding factions as ceasefire holds",
     "A mediation committee of senior chiefs met the two feuding factions on Saturday as a "
     "ceasefire in the town held for a second week, after clashes over a disputed chieftaincy "
     "killed 14 people. Both sides agreed to dialogue and to hand in weapons.",
     "en", frozenset({P})),
    ("vote", "Bar association elections go to a run-off",
     "No candidate won a majority in the bar association elections on Friday, and the two "
     "leading lawyers will face a run-off next week. Turnout among members was 61 per cent, "
     "the law society's returning officer said.", "en", frozenset()),
    ("sense", "No ceasefire in fare war as budget airlines cut prices again",
     "Budget airlines showed no sign of a ceasefire in their fare war on Tuesday, cutting "
     "fares on domestic routes for the third time this month as they fight for market share. "
     "Analysts said a truce was unlikely before the summer.", "en", frozenset()),
    ("positive", "الطرفان يوقعان اتفاقا أمنيا برعاية أممية",
     "وقع الطرفان أمس اتفاقا لتطبيع الأوضاع الأمنية والإدارية في القضاء برعاية أممية، بعد "
     "جولات من المباحثات استمرت أشهرا، وينص الاتفاق على إخراج الفصائل المسلحة وتسليم الملف "
     "الأمني للشرطة المحلية.", "ar", frozenset({P})),
    ("positive", "وصول المحتجزين إلى المعبر مقابل إطلاق سراح معتقلات",
     "وصل 12 محتجزا أمس إلى المعبر بعد أشهر من احتجازهم لدى فصيل مسلح، في عملية جرت مقابل "
     "إطلاق سراح عشرات المعتقلات، بعد اتصالات تولاها وسطاء من دولتين.", "ar", frozenset({P})),
    ("labour", "Train drivers to ballot on pay proposals after all-night talks",
     "Train drivers will be balloted on new pay proposals drawn up by the industrial relations "
     "service after all-night talks between their unions and the operator. Planned stoppages "
     "are suspended while members vote, and the company said the offer was its last.",
     "en", frozenset()),
    ("vote", "Law society elects first woman president as turnout hits 68pc",
     "The law society has elected its first woman president, who took 54 per cent of the votes "
     "cast in the online election, with turnout at 68 per cent of eligible advocates. Two other "
     "candidates stood, and members also elected the society's council.", "en", frozenset()),
    ("positive", "Hundreds in shelters after floods sweep away homes",
     "Hundreds of families spent the night in shelters after floods swept away homes in three "
     "valleys, and at least nine people drowned, rescuers said. Aid agencies handed out clean "
     "water and blankets, and the weather office forecast more rain for the weekend.",
     "en", frozenset({H})),
    ("vote", "قائمة المستقلين تفوز بانتخابات مجلس الطلبة في الجامعة",
     "فازت قائمة المستقلين بأغلبية مقاعد مجلس الطلبة في انتخابات جرت أمس في الجامعة، وبلغت نسبة "
     "المشاركة 47 في المئة، وقال رئيس لجنة الانتخابات إن الاقتراع جرى إلكترونيا لأول مرة.",
     "ar", frozenset()),
    ("sense", "القبض على ثلاثة من السجناء الفارين",
     "ألقت الشرطة أمس القبض على ثلاثة من السجناء الفارين بعد أن فروا من السجن المركزي قبل "
     "أسبوع، وقالت إن البحث جار عن رابع ما زال فارا من العدالة.", "ar", frozenset()),
    ("positive", "Premier eyes a hat trick of election wins",
     "The ruling party scored 41 per cent in the last poll before polling day, and thousands of "
     "fans of the prime minister packed its final rally. Scores of voters queued at "
     "registration offices as the campaign ended.", "en", frozenset({E})),
    ("positive", "زعماء قبيلتين يوقعون وثيقة لوقف الاقتتال في الولاية",
     "وقع زعماء القبيلتين أمس وثيقة لوقف الاقتتال بعد أسابيع من مواجهات خلفت عشرات القتلى، "
     "ونصت الوثيقة على الوقف الفوري للأعمال العدائية وعقد مؤتمر صلح خلال شهرين.",
     "ar", frozenset({P})),
    ("positive", "اتفاق مصالحة يمهد لانتخاب برلمان الإقليم",
     "وقعت الحكومة وقادة الفصائل المسلحة في الإقليم اتفاق مصالحة ينهي الاشتباكات، وينص على وقف "
     "إطلاق النار وتشكيل لجنة انتخابية مستقلة تتولى تسجيل المرشحين قبل انتخاب برلمان الإقليم "
     "خلال ستة أشهر.", "ar", frozenset({P, E})),
    ("sense", "رواية جديدة عن لاجئ يبحث عن بيت طفولته",
     "تروي الكاتبة في روايتها الجديدة حكاية لاجئ مسن يعود في ذاكرته إلى بيت طفولته، وصدرت "
     "الرواية عن دار نشر عربية في 300 صفحة، وستوقعها في معرض الكتاب الشهر المقبل.",
     "ar", frozenset()),
    ("vote", "Exporters' federation elects new board in first electronic polls",
     "Member companies of the exporters' federation elected a new board of directors on "
     "Thursday, with 14 candidates winning seats in polls that closed at noon. Voting was "
     "electronic for the first time, and the elections committee announced the results an "
     "hour after polling ended. The board will choose its chairman next week.",
     "en", frozenset()),
    ("positive", "Live: border crossing reopens after overnight strikes",
     "Key developments so far:\n\nThe crossing reopened at dawn after a night of strikes on "
     "nearby villages. Thousands of families who sought safety in the hills are walking to the "
     "crossing, and the town's schools now serve as shelters. Aid workers handed out blankets "
     "and water at the gate.", "en", frozenset({H})),
    ("positive", "Militia frees seven soldiers in Red Cross-brokered handover",
     "A militia in the north freed seven soldiers it had held since the spring, handing them "
     "to the International Committee of the Red Cross at a checkpoint on Tuesday. The release "
     "followed indirect contacts between the militia and the army, mediated by tribal elders, "
     "and the militia said it expected fighters held by the army to be freed in return.",
     "en", frozenset({P})),
    ("sense", "Jailed blogger freed as a humanitarian gesture",
     "The president pardoned a blogger serving a five-year sentence for insulting officials, "
     "calling the release a humanitarian gesture after the blogger's family said he needed "
     "heart surgery. Rights groups said dozens of critics remained in prison.",
     "en", frozenset()),
    ("positive", "Go-between carries messages as families wait for captive soldiers",
     "Relatives of nine soldiers held by an armed group in the mountains said on Monday that "
     "indirect contacts with the captors had resumed through a go-between, a village imam who "
     "carries messages between the army and the group. The group wants prisoners freed in "
     "return for the soldiers, officials said.", "en", frozenset({P})),
    ("positive", "Army and rebels to hold their fire over the festival",
     "Soldiers and rebels will hold their fire during the ten-day festival after the army and "
     "the rebels' political wing announced matching suspensions of offensive military "
     "operations. Church leaders welcomed the move, and markets in the hill towns reopened.",
     "en", frozenset({P})),
    ("positive", "Villagers skip meals as the harvest fails in the south",
     "Families in the southern districts skip meals and eat wild fruit after the maize harvest "
     "failed, and about two million people will need food assistance before the next rains, "
     "the relief agencies said. Clinics report more children with acute malnutrition.",
     "en", frozenset({H})),
    ("routine", "Parents skip meals as energy bills climb",
     "One parent in five says they skip meals to keep their children fed as energy bills and "
     "rents climb, a survey by a consumer group found. The chancellor is under pressure to "
     "extend the price cap on household energy before the winter.", "en", frozenset()),
    ("positive", "الشيوخ يقنعون مسلحي القبيلتين بالكف عن القتال",
     "أقنع وفد من شيوخ القبائل مسلحي القبيلتين بالكف عن القتال بعد مواجهات أودت بحياة 15 "
     "شخصا، واتفق الطرفان على دفع الدية عن القتلى وانسحاب المسلحين من المراعي المتنازع عليها.",
     "ar", frozenset({P})),
    ("positive", "الناخبون يرفضون التعديلات الدستورية في التصويت الشعبي",
     "رفض نحو 55 في المئة من الناخبين التعديلات الدستورية التي طرحتها الحكومة على التصويت "
     "الشعبي، وبلغت نسبة المشاركة 64 في المئة، وقال رئيس الحكومة إنه يحترم النتيجة.",
     "ar", frozenset({E})),
    ("sense", "هدنة في حرب العروض بين شركات الاتصالات",
     "دخلت حرب العروض بين مشغلي الاتصالات مرحلة هدنة بعد أن حددت هيئة التنظيم سقفا "
     "للتخفيضات، وقال محللون إن وقف إطلاق النار في حرب الأسعار سيعيد هوامش الربح.",
     "ar", frozenset()),
    ("positive", "وصول طائرات تقل محتجزين أطلق سراحهم من الطرفين",
     "وصلت إلى مطار العاصمة طائرات تقل محتجزين أطلق سراحهم من سجون الطرف الآخر، في عملية "
     "تشمل مئات المفرج عنهم من الطرفين تنفذها اللجنة الدولية للصليب الأحمر بعد اتفاق رعاه "
     "المبعوث الأممي لإنهاء الحرب.", "ar", frozenset({P})),
    ("positive", "Proposals pass through intermediaries as families wait for captives",
     "Officials have been exchanging proposals with the armed group through two governments "
     "acting as intermediaries, on the release of 40 captives held since the raid. A lull in "
     "the fighting of several days is part of the framework under discussion, two officials "
     "said.", "en", frozenset({P})),
    ("positive", "Red Cross flights carry hundreds home in detainee exchange",
     "Hundreds of detainees held by the two warring sides flew home on Sunday in the largest "
     "exchange since the war began. Planes chartered for the operation landed in the capital "
     "and in two government-held cities, where relatives waited on the tarmac with flowers "
     "and flags. The exchange was agreed at talks last month under UN auspices. The "
     "International Committee of the Red Cross said its teams had interviewed every man "
     "before he boarded.", "en", frozenset({P})),
    ("positive", "Thousands in welfare centres as river floods low-lying towns",
     "More than 30,000 people are housed in welfare centres after the river burst its banks "
     "in three districts, the disaster management centre said. Navy boats carried families "
     "from flooded homes, and the death toll from the rains rose to 19.", "en", frozenset({H})),
    ("positive", "لجان الاقتراع تفتح أبوابها لشغل المقعد الشاغر في الدائرة الرابعة",
     "فتحت لجان الاقتراع أبوابها صباح اليوم في الدائرة الرابعة لشغل المقعد الشاغر في البرلمان، "
     "ويتنافس على المقعد 12 مرشحا، على أن يبدأ فرز الأصوات فور إغلاق الصناديق.",
     "ar", frozenset({E})),
    ("positive", "وفد الإقليم في العاصمة لاستئناف الحوار بعد المواجهات",
     "وصل وفد حكومة الإقليم إلى العاصمة لبدء جولة حوار مع الحكومة الاتحادية هي الأولى منذ "
     "مواجهات مسلحة شهدتها المدينة المتنازع عليها، وتتناول المحادثات انتشار القوات على خطوط "
     "التماس.", "ar", frozenset({P})),
    ("positive", "الحصبة تتفشى بين العالقين على الحدود",
     "سجلت نقطة طبية بدائية تفشي الحصبة بين آلاف العالقين على الحدود منذ أشهر، وقالت إن "
     "طفلين توفيا لغياب الأدوية، وطالبت الأمم المتحدة بفتح ممر لإيصال اللقاحات والغذاء.",
     "ar", frozenset({H})),
    ("labour", "جولة حوار بين النقابة ووزارة الصحة حول الأجور",
     "عقدت نقابة الأطباء جولة حوار مع وزارة الصحة أمس لبحث مطالب زيادة الأجور وتحسين ظروف "
     "العمل، وقالت النقابة إن الإضراب قائم إلى حين التوصل إلى اتفاق.", "ar", frozenset()),
    ("vote", "فرز الأصوات في انتخابات نقابة المهندسين",
     "بدأ فرز الأصوات مساء أمس في انتخابات نقابة المهندسين بعد إغلاق لجان الاقتراع، ويتنافس "
     "على منصب النقيب ثلاثة مرشحين، وبلغت نسبة المشاركة 41 في المئة من الأعضاء.",
     "ar", frozenset()),
    ("positive", "Government and agitating parties sit for third round of talks",
     "The government and an alliance of agitating regional parties held a third round of talks "
     "on Sunday after weeks of agitation that shut the border crossings. Both sides agreed to "
     "form a panel on the disputed provincial boundaries, negotiators said.",
     "en", frozenset({P})),
    ("positive", "Neighbours agree to halt fighting after night of talks in a third capital",
     "The two neighbours agreed to a pause in fighting from noon on Saturday after ten hours of "
     "discussions hosted by a third country. They will use the halt to exchange prisoners and the "
     "bodies of soldiers killed in the shelling, the host's foreign minister said.",
     "en", frozenset({P})),
    ("positive", "Army brings home 80 soldiers in swap with rebels",
     "Eighty soldiers are back home after a swap with the rebels, who received 30 of their "
     "fighters in return, the defence ministry said.", "en", frozenset({P})),
    ("sense", "Review: a refugee's first winter makes for a tender stage drama",
     "A new play about a young refugee's first winter in a seaside town opened at the theatre "
     "on Friday to a standing ovation. The playwright avoids speeches, and the lead actor "
     "holds the stage for two hours with ease.", "en", frozenset()),
    ("routine", "Wind warnings lifted as cyclone turns away from the coast",
     "The meteorological service lifted strong wind warnings for the northern islands after the "
     "cyclone turned away overnight, bringing heavy showers and rough seas but no major "
     "damage. No evacuation centres were opened and ferries will resume on Tuesday.",
     "en", frozenset()),
    ("passing", "Tour operators see bookings recover a year after the earthquake",
     "Tour operators in the mountain region say autumn bookings are back to 60 per cent of the "
     "level before last year's earthquake. Lodges on the main trails have reopened, though "
     "some families displaced by the quake still live in shelters near the valley road.",
     "en", frozenset()),
    ("positive", "الدول الضامنة تتفق على حدود منطقة تخفيف التوتر في الشمال",
     "اتفقت الدول الضامنة في ختام اجتماعها أمس على حدود منطقة تخفيف التوتر في المحافظة "
     "الشمالية، وعلى تشكيل مركز مشترك لمراقبة الالتزام بها.", "ar", frozenset({P})),
    ("positive", "لقاء في العاصمة المجاورة لإحياء الحوار بين الحكومة والإقليم",
     "استضافت العاصمة المجاورة لقاء بين رئيس الحكومة الاتحادية ورئيس الإقليم لإحياء الحوار "
     "المتعثر منذ سنوات، واتفق الطرفان على استئناف جولات الحوار وتشكيل لجان فنية، بعد عقود "
     "على حرب أهلية خلفت آلاف القتلى.", "ar", frozenset({P})),
    ("positive", "عودة عشرات المحتجزين بعد عملية مقايضة بين الطرفين",
     "عاد عشرات المحتجزين إلى ذويهم بعد عملية مقايضة جرت بإشراف وجهاء من الجانبين، تسلم فيها "
     "كل طرف من الآخر عناصره الذين أسروا خلال المعارك.", "ar", frozenset({P})),
    ("positive", "طوابير أمام مكاتب التصويت منذ الصباح",
     "اصطف الناخبون منذ الصباح أمام مكاتب التصويت لاختيار أعضاء مجلس النواب، وقالت وزارة "
     "الداخلية إن نسبة المشاركة بلغت 12 في المئة عند منتصف النهار من المسجلين في اللوائح "
     "الانتخابية.", "ar", frozenset({E})),
    ("treaty", "اتفاق لمقايضة النفط بالقمح بين البلدين",
     "وقع البلدان اتفاقا لمقايضة شحنات من النفط بالقمح لمدة عامين، وقال وزير التجارة إن "
     "المقايضة توفر العملة الصعبة وتخفض كلفة الاستيراد.", "ar", frozenset()),
    ("positive", "Neighbours agree to release detained soldiers in goodwill step",
     "The two neighbours will each release soldiers detained since border clashes last year, "
     "in what both governments called a goodwill step to build trust before any treaty.",
     "en", frozenset({P})),
    ("positive", "Rebel faction hands over weapons in a ceremony in the south",
     "Fighters of a separatist faction handed over weapons to the army on Saturday, after "
     "months of discreet discussions hosted by a neighbouring state. The faction's leader "
     "said in a message that his men had chosen the path of peace.", "en", frozenset({P})),
    ("positive", "Fishermen pull survivors from the sea after migrant boat capsizes",
     "Fishermen pulled 80 survivors from the sea after an overcrowded migrant boat capsized "
     "off the coast at dawn, and 43 bodies have been recovered, officials said.",
     "en", frozenset({H})),
    ("sense", "Film review: a refugee cook finds his feet in a country pub",
     "This warm film follows a cook who arrived as a refugee and now runs a country pub's "
     "kitchen. The writer-director keeps the past at a distance, and the film is at its "
     "best among the pots and the quarrels over spices.", "en", frozenset()),
    ("sense", "Airline refunds fares as a goodwill gesture after the strike",
     "The airline will refund all fares booked for the days of the pilots' strike as a "
     "goodwill gesture, its chief executive said, and hopes to build trust with customers.",
     "en", frozenset()),
    ("positive", "رسائل عبر وسطاء لتجميد العمليات العسكرية في العاصمة",
     "نقل وسطاء من دولة مجاورة رسائل بين قيادة الجيش وقوات التمرد، تتضمن مقترحا بتجميد "
     "العمليات العسكرية في العاصمة ثلاثة أيام، وفتح ممرات لخروج المدنيين.", "ar", frozenset({P})),
    ("positive", "آلاف الفارين من الحرب ينتظرون عند المعبر",
     "ينتظر آلاف الفارين من المدينة عند المعبر الحدودي منذ أيام، بعد أن خرجوا هربا من القتال، "
     "وتوزع فرق الهلال الأحمر الوجبات والمياه على العالقين في العراء.", "ar", frozenset({H})),
    ("sense", "القبض على اثنين من الفارين من العدالة",
     "ألقت الشرطة القبض على اثنين من الفارين من العدالة في قضية احتيال، بعد ملاحقة استمرت "
     "شهرين، وأحالتهما إلى النيابة العامة.", "ar", frozenset()),
    ("positive", "الحكومة تعلن هدنة إنسانية لإيصال المساعدات إلى الإقليم",
     "أعلنت الحكومة هدنة إنسانية مفتوحة للسماح بدخول قوافل المساعدات إلى الإقليم المحاصر، حيث "
     "يعاني أكثر من مليوني شخص من نقص حاد في الغذاء والدواء، وردت الجبهة المسلحة بالتزامها "
     "وقف الأعمال العدائية.", "ar", frozenset({P, H})),
    ("positive", "Church leaders open indirect channels to separatist commanders",
     "Church leaders said on Tuesday they had opened indirect channels to several separatist "
     "commanders, and hoped to bring them and government officials to one conference to end "
     "the fighting in the two western regions.", "en", frozenset({P})),
    ("vote", "Parliament approves 12 cabinet nominees in vote of confidence",
     "The lower house approved 12 of the president's cabinet nominees in a vote of confidence "
     "on Saturday, while four failed to win enough votes, the speaker announced.",
     "en", frozenset()),
    ("positive", "Prime minister calls snap election for March",
     "The prime minister called a snap election for March on Monday, a year before the end of "
     "her term. The early election will test her coalition after a year of rising prices.",
     "en", frozenset({E})),
    ("positive", "وفد الإدارة المحلية في العاصمة للمرة الثالثة",
     "القامشلي – خاص\n\nوصل وفد يمثل الإدارة المحلية في الشمال الشرقي إلى العاصمة أمس. "
     "وعقد الوفد جولة مباحثات مع ممثلي الحكومة بوساطة ضباط من دولة حليفة، لبحث انسحاب القوات "
     "ووقف الاشتباكات على خطوط التماس.", "ar", frozenset({P})),
    ("positive", "Thousands who fled the shelling run short of rice",
     "More than 8,000 villagers who fled into the hills after the army shelled their town are "
     "running out of rice and medicine, volunteers said. Aid groups have not been allowed in.",
     "en", frozenset({H})),
    ("positive", "Transit centre full as new arrivals cross the border",
     "Nearly 3,000 people crossed the border on Monday alone, bringing new arrivals at the "
     "transit centre to 11,000 after fighting between the army and rebels near the frontier, "
     "district officials said.", "en", frozenset({H})),
    ("passing", "Suspect fled the scene after the shooting, police say",
     "A man suspected of shooting a shopkeeper in the city centre fled the scene on a "
     "motorbike, police said on Sunday, and officers were searching the area.",
     "en", frozenset()),
    ("treaty", "Mining company and province in settlement talks over spill",
     "A mining company and the provincial government are in settlement talks over damages for "
     "a tailings spill in 1996, lawyers for both sides said, after decades of litigation.",
     "en", frozenset()),
    ("positive", "Peace committee and armed group sit face to face; agree to halt attacks",
     "Members of a peace committee and representatives of an armed group met in a hill "
     "village on Sunday and agreed that the group would halt attacks while the army holds "
     "back new operations until their next meeting.", "en", frozenset({P})),
    ("positive", "Discussions on the breakaway region resume after a long pause",
     "The only forum where the government, its neighbour and the breakaway region's "
     "representatives sit at the same table met again this week, after a war fifteen years "
     "ago left the region under occupation. Delegates discussed detentions along the line "
     "and confidence-building steps.", "en", frozenset({P})),
    ("labour", "Unions and employers back at the same table over pay",
     "Unions and the employers' federation are back at the same table over the minimum wage "
     "after a month of strikes, and both sides spoke of confidence-building measures.",
     "en", frozenset()),
    ("positive", "لجان ميدانية تشرف على فك الاشتباك بين القوات في المحافظة",
     "بدأت لجان عسكرية من دولة راعية الإشراف على فك الاشتباك بين القوات الحكومية وقوات المجلس "
     "المحلي في المحافظة، وإعادة الوحدات إلى مواقعها السابقة.", "ar", frozenset({P})),
    ("positive", "اجتماع في السفارة يقر ورقة لتثبيت الهدوء في المخيم",
     "أقر اجتماع للفصائل ورقة من أربع نقاط لتثبيت الهدوء في المخيم بعد أيام من المواجهات "
     "المسلحة التي أوقعت قتلى، بينها سحب المسلحين من المدارس.", "ar", frozenset({P})),
    ("sense", "Maternity ward welcomes record number of new arrivals",
     "The hospital's maternity ward welcomed 41 new arrivals over the holiday weekend, a "
     "record, midwives said.", "en", frozenset()),
    ("sense", "Airport transit centre reopens after renovation",
     "The airport reopened its transit centre after a renovation, with new lounges and shops "
     "for passengers changing flights.", "en", frozenset()),
    ("sense", "Two crews capsize in choppy regatta",
     "Two crews capsized in choppy water at the university regatta on Saturday, and all "
     "rowers were picked up by safety boats.", "en", frozenset()),
    ("routine", "Welfare centres to open on Saturdays",
     "The city's welfare centres, which help residents claim benefits and pensions, will open "
     "on Saturdays from next month, the council said.", "en", frozenset()),
    ("routine", "Council extends food assistance scheme for pensioners",
     "The council extended its food assistance scheme for pensioners to the end of the year "
     "after more people applied than expected. The scheme gives supermarket vouchers.",
     "en", frozenset()),
    ("routine", "Students skip meals as rents soar",
     "More than a third of students skip meals to pay rent, a survey found, as rents in "
     "university towns rose by 12 per cent in a year. The union called for food assistance "
     "on campus.", "en", frozenset()),
    ("routine", "Shoppers seek safety in stores as hail storm hits",
     "Shoppers sought safety in stores when a hail storm hit the town centre on Saturday, and "
     "no one was hurt.", "en", frozenset()),
    ("sense", "القبض على الهاربين من دفع الضرائب",
     "ألقت السلطات القبض على عدد من الهاربين من دفع الضرائب، وقالت إن الفارين من الخدمة "
     "العسكرية سيحالون إلى القضاء.", "ar", frozenset()),
    ("vote", "التصويت الشعبي يمنح المهاجم جائزة أفضل لاعب",
     "فاز المهاجم بجائزة أفضل لاعب في الموسم بعد التصويت الشعبي عبر موقع الاتحاد، وحصل على 60 "
     "في المئة من الأصوات.", "ar", frozenset()),
    ("labour", "الحكومة تستأنف الحوار مع اتحاد الشغل حول الأجور",
     "أعلنت الحكومة استئناف الحوار مع الاتحاد العام للشغل حول الزيادة في الأجور، وقالت إن جولة "
     "حوار جديدة تعقد الأسبوع المقبل.", "ar", frozenset()),
    ("positive", "Back-channel revived as border firing takes its toll",
     "Quiet contacts between the two countries' security officials have resumed after months, "
     "with the aim of restoring calm along the disputed border where shelling killed four "
     "soldiers last week, officials said.", "en", frozenset({P})),
    ("positive", "Freed sailors arrive home after months held by gunmen",
     "Four sailors held by an armed group on a southern island were freed on Sunday after weeks "
     "of contact between their captors and an emissary of the provincial government. The "
     "captives were handed to the emissary in the hills, military officials said.",
     "en", frozenset({P})),
    ("treaty", "Back-channel merger contacts between two airlines revealed",
     "The two airlines held back-channel contacts on a merger for months before the deal was "
     "announced, their chief executives told shareholders on Monday.", "en", frozenset()),
    ("sense", "Pope's emissary consecrates the new cathedral",
     "The pope's emissary consecrated the city's new cathedral on Sunday before a crowd of "
     "thousands, and praised the builders who finished it in four years.", "en", frozenset()),
    ("positive", "تسليم متبادل للموقوفين على معبر في الشمال",
     "شهد معبر في الشمال أمس عملية تسليم متبادل للموقوفين بين القوات الحكومية وفصائل المعارضة "
     "بضمانة دولتين، أفرج خلالها كل طرف عن عشرة أشخاص اعتقلوا في المعارك.", "ar",
     frozenset({P})),
    ("positive", "اللجنة العسكرية المشتركة تتفق على سحب المقاتلين من خطوط التماس",
     "اتفقت اللجنة العسكرية المشتركة التي تضم ضباطا من المعسكرين المتحاربين على خطة لسحب "
     "المقاتلين الأجانب من خطوط التماس، ونشر مراقبين لضمان استمرار وقف إطلاق النار.", "ar",
     frozenset({P})),
    ("treaty", "اللجنة العسكرية المشتركة بين البلدين تعقد اجتماعها السنوي",
     "عقدت اللجنة العسكرية المشتركة بين البلدين اجتماعها السنوي في العاصمة، وبحثت التدريبات "
     "المشتركة وتبادل الخبرات وصفقات التسليح.", "ar", frozenset()),
    # cessation of hostilities, an accord's military part, referendum committees, families in the
    # open, measles in a camp; swaps told as trading, suspended operations, bids to end a war,
    # corridors through the front, a union-named electoral body, villagers in the jungle
    ("positive", "فصيلان مسلحان يوقعان اتفاقا لوقف العدائيات في ريف المدينة",
     "وقع فصيلان مسلحان تقاتلا أسبوعا على حاجز عند مدخل البلدة اتفاقا لوقف العدائيات برعاية وجهاء "
     "المنطقة، بحسب مصادر محلية. وينص الاتفاق على سحب المقاتلين إلى مواقعهم السابقة وتشكيل لجنة "
     "لمتابعة الخروقات.", "ar", frozenset({P})),
    ("positive", "الحكومة والمجلس يبحثان الشق العسكري من اتفاق المصالحة",
     "التقى ممثلون عن الحكومة والمجلس المسلح في العاصمة لبحث تعثر الشق العسكري من الاتفاق الموقع "
     "بينهما العام الماضي، بعد مواجهات متقطعة على أطراف المدينة. وقالت مصادر إن الخلاف يدور حول "
     "توقيت سحب القوات من المحافظة.", "ar", frozenset({P})),
    ("positive", "إقبال على لجان الاستفتاء في المحافظات الجنوبية",
     "تواصل الاستفتاء على الدستور الجديد لليوم الثاني، ووقف المواطنون في طوابير أمام "
     "لجان الاستفتاء في المدارس منذ الصباح. وقال قاض مشرف إن العملية تسير بهدوء، وإن "
     "النتيجة تعلن نهاية الأسبوع.",
     "ar", frozenset({E})),
    ("positive", "عائلات تبيت في العراء بعد هجوم على قراها",
     "قال مسؤولون محليون إن مئات العائلات وصلت إلى أطراف البلدة هربا من هجمات مسلحين على القرى "
     "المجاورة، وإن معظمها يبيت تحت الأشجار. وطالبت السلطات المنظمات بإرسال خيام وأغطية بصورة "
     "عاجلة.", "ar", frozenset({H})),
    ("positive", "الحصبة تودي بحياة ستة أطفال في معسكر شرق المدينة",
     "أعلنت السلطات الصحية تسجيل تسعين إصابة بالحصبة خلال أسبوعين في المعسكر الذي تقيم فيه أسر "
     "هجرت قراها، وتوفي ستة أطفال. وقال طبيب إن الاكتظاظ وضعف التطعيم سرعا انتشار المرض، "
     "فيما قالت اليونيسف إنها أرسلت لقاحات.",
     "ar", frozenset({H})),
    ("routine", "حملة تطعيم ضد الحصبة في المدارس مع بداية العام الدراسي",
     "أطلقت وزارة الصحة حملة تطعيم ضد الحصبة تستهدف طلاب الصفوف الأولى في المدارس الحكومية "
     "والخاصة. وقالت الوزارة إن اللقاح متوفر مجانا في المراكز الصحية حتى نهاية الشهر.",
     "ar", frozenset()),
    ("positive", "Army and rebel group trade detainees at a border school",
     "Eighteen men held by the army and an armed group were handed over to each other on Sunday "
     "at a school near the border, local officials said. Relatives waited at the gate. Clashes "
     "between the two sides have continued in the south this year.", "en", frozenset({P})),
    ("positive", "Pause in operations extended in the hill districts",
     "The suspension of operations against the insurgents was extended by a month on Friday, "
     "with troops told to hold back from raids. Officials said an offer to the rebel leadership "
     "was under discussion. Two attacks on army posts were reported in the week.",
     "en", frozenset({P})),
    ("routine", "Refinery announces pause in operations for maintenance",
     "The coastal refinery will halt output for three weeks from Monday for scheduled "
     "maintenance, its operator said. The pause in operations will cut fuel exports, and "
     "traders expect prices at the pump to rise slightly.", "en", frozenset()),
    ("positive", "Regional bloc hosts rival factions in fresh bid to end civil war",
     "Leaders of the two armed factions will meet in the regional capital next week in an "
     "attempt to end a civil war that has killed thousands, officials said. The meeting will "
     "focus on a timetable for the return of exiled commanders.", "en", frozenset({P})),
    ("labour", "Transport minister in fresh bid to end bus strike",
     "The transport minister invited the drivers' union and the bus companies to new talks on "
     "Tuesday in a bid to end a strike over pay that has lasted two weeks. The union said its "
     "members would vote on any offer.", "en", frozenset()),
    ("positive", "Sides agree to open corridor for medical evacuation from besieged district",
     "Government and rebel officers on the joint committee agreed on Monday to open a corridor "
     "through the front lines so that sick and wounded civilians can be evacuated. UN staff "
     "will escort the convoys. Shelling of the district has continued for a month.",
     "en", frozenset({P, H})),
    ("treaty", "Two countries open corridor for quarantine-free travel",
     "The two governments agreed to open a travel corridor from next month, letting vaccinated "
     "tourists fly between them without quarantine. Airlines said bookings rose within hours.",
     "en", frozenset()),
    ("positive", "Union Election Commission sets out rules for the vote",
     "The Union Election Commission published new rules on Monday for the general election the "
     "military government says it will hold next year. Parties must register again within "
     "ninety days to field candidates, and opposition groups called the poll a sham.",
     "en", frozenset({E})),
    ("positive", "Villagers sleep in the jungle after air strike on their village",
     "Hundreds of villagers have been hiding in the forest for a week after an air strike killed "
     "seven people and set homes on fire, residents said. Volunteers bring rice and "
     "tarpaulins by motorbike, and there is no medicine.", "en", frozenset({H})),
    ("routine", "The man who has been living in the forest for twenty years",
     "A retired teacher who built a cabin in the hills two decades ago says living in the forest "
     "taught him patience. He grows vegetables, keeps bees and walks to the village once a "
     "month for flour and news.", "en", frozenset()),
    ("routine", "Escaped prisoner found hiding in the forest",
     "Police recaptured a man who escaped from the county jail last week after a walker saw him "
     "hiding in the forest near the reservoir. He was taken back to prison on Tuesday.",
     "en", frozenset()),
    # the guns falling silent, families on rooftops, citizens choosing their representatives,
    # families left without a roof; animal shelters and strays are no crisis of people
    ("positive", "Guns fall silent on the border after commanders' hotline call",
     "Border villages spent a quiet night after the two armies' operations chiefs agreed over "
     "their hotline to hold fire from midnight, a joint statement said. Shelling had forced "
     "families into bunkers for most of the winter.", "en", frozenset({P})),
    ("positive", "Families wait on rooftops as river bursts its banks",
     "Hundreds of families spent the night on rooftops after the river burst its banks, "
     "officials said. Boats ferried the elderly to a school on the highway, and at least "
     "twenty people are missing.", "en", frozenset({H})),
    ("routine", "Solar panels on rooftops double in a year",
     "The number of homes with solar panels on rooftops doubled last year, the energy "
     "regulator said, as falling prices and a new grant drew buyers.", "en", frozenset()),
    ("positive", "المواطنون يختارون ممثليهم في المجالس المحلية عبر تطبيق",
     "بدأ المواطنون المقيدون في السجل صباح اليوم اختيار ممثليهم في المجالس المحلية عبر تطبيق "
     "على الهواتف للمرة الأولى، ويتنافس مئات المرشحين على المقاعد. وقالت اللجنة المشرفة إن "
     "النتائج تعلن مساء الغد.", "ar", frozenset({E})),
    ("vote", "طلاب الجامعة يختارون ممثليهم في مجلس الطلبة",
     "اختار طلاب الجامعة ممثليهم في مجلس الطلبة للعام الجديد، وفازت قائمة كلية الهندسة بأغلب "
     "المقاعد، بحسب عمادة شؤون الطلبة.", "ar", frozenset()),
    ("positive", "آلاف العائلات بلا سقف بعد انفجار في الميناء",
     "قال مسؤولون محليون إن آلاف العائلات باتت تنام عند أقاربها بعد الانفجار الذي حطم النوافذ "
     "والأبواب في الأحياء المجاورة للميناء، فيما تعالج المستشفيات الجرحى في ممراتها.", "ar",
     frozenset({H})),
    ("sense", "جمعية تطلق حملة لإيواء القطط والكلاب الضالة",
     "أطلقت جمعية للرفق بالحيوان حملة لإطعام القطط والكلاب الضالة وتوفير مأوى لها في أحياء "
     "المدينة، ودعت المتطوعين إلى المشاركة في نهاية الأسبوع.", "ar", frozenset()),
    ("sense", "Animal shelter appeals for homes for rescued dogs",
     "The county animal shelter is asking families to adopt some of the sixty dogs rescued "
     "from a breeder last month. Staff said the shelter was full and volunteers were walking "
     "the dogs in shifts.", "en", frozenset()),
    # club boards and student unions facing an early election; immigration offices' family
    # reunification talks and detainee exchanges, beside a war's prisoner exchange
    ("vote", "Club board faces early election after members revolt",
     "The football club's board will face an early election next month after more than a "
     "thousand members signed a petition against the chairman. Candidates for the seven board "
     "seats must be nominated by Friday, and members will vote at the annual meeting.",
     "en", frozenset()),
    ("vote", "Student union election results announced",
     "The student union announced the results of its annual election on Thursday, with the "
     "new president winning 58 per cent of the vote on a turnout of 21 per cent. Candidates "
     "had campaigned on rents in halls and library hours.", "en", frozenset()),
    ("sense", "Separated families hold reunification talks with the ministry",
     "Parents separated from their children by the new visa rules held reunification talks "
     "with ministry officials on Tuesday. A lawyer for the families said officials promised to "
     "review forty cases within a month.", "en", frozenset()),
    ("sense", "Immigration centres carry out detainee exchange to ease overcrowding",
     "Two immigration detention centres swapped forty detainees on Monday to ease overcrowding, "
     "the interior ministry said. A detainee exchange between the centres will take place every "
     "month until a new wing opens.", "en", frozenset()),
    ("positive", "Captured soldiers handed over at the border crossing",
     "Twelve soldiers captured in last month's clashes were handed over to their army at the "
     "border crossing on Friday in a prisoner exchange brokered by the Red Cross, and "
     "immigration officials processed the men freed in return. The two sides' troops have "
     "exchanged fire along the frontier since the spring.", "en", frozenset({P})),
    ("sense", "دائرة الهجرة تبدأ جولة مفاوضات مع المحامين حول ملفات لم الشمل",
     "بدأت دائرة الهجرة جولة مفاوضات مع ممثلي المحامين لتسريع البت في ملفات لم الشمل العالقة، "
     "بعد شكاوى من تأخرها أشهرا. وقال مسؤول في الدائرة إن الجانبين اتفقا على جدول زمني.",
     "ar", frozenset()),
    # an end to a state of war, calm consolidated after a round of escalation, dengue in a war-hit
    # city, a school turned shelter; guns falling quiet, detained people exchanged, contacts with
    # militants, a memorandum of settlement; an election as a date; temporary shelters, migrants
    # sent back to sea, herders short of food, famine foods
    ("positive", "البلدان يوقعان إعلانا لإنهاء حالة الحرب بينهما",
     "وقع البلدان الجاران إعلانا مشتركا لإنهاء حالة الحرب القائمة بينهما منذ نزاع حدودي دام قبل "
     "عقدين، وفق بيان رسمي. ونص الإعلان على إعادة فتح السفارات والحدود خلال أشهر.", "ar",
     frozenset({P})),
    ("positive", "الوسطاء ينقلون ردا على مقترح تثبيت الهدوء بعد جولة تصعيد",
     "نقل الوسطاء إلى قادة الفصائل ردا على مقترح لتثبيت الهدوء، بعد جولة تصعيد استمرت يومين، "
     "بحسب مصادر مطلعة. وطلبت الفصائل ضمانات بوقف الاغتيالات قبل أي التزام.", "ar",
     frozenset({P})),
    ("positive", "الضنك يتفشى في أحياء المدينة المنهكة بالحرب",
     "سجلت المستشفيات مئات الإصابات بحمى الضنك خلال أسابيع في أحياء تكدس فيها النازحون، وتوفي "
     "عدد من الأطفال، فيما تنقطع المياه منذ شهر.", "ar", frozenset({H})),
    ("routine", "حملة توعية من حمى الضنك في المدارس",
     "أطلقت مديرية الصحة حملة توعية من حمى الضنك في المدارس مع بداية الصيف، تشمل توزيع منشورات "
     "عن طرق الوقاية من البعوض.", "ar", frozenset()),
    ("positive", "مدرسة تستقبل عائلات خرجت من أحياء الاشتباكات",
     "تحولت مدرسة في وسط المدينة إلى مأوى لعشرات العائلات التي خرجت من الأحياء التي تشهد "
     "اشتباكات، وتوزع لجنة محلية وجبتين يوميا بالتعاون مع الهلال الأحمر.", "ar", frozenset({H})),
    ("positive", "Guns fall quiet in the valley after elders agree to stop reprisals",
     "No attack has been reported for two weeks since elders of the two communities met and "
     "agreed to stop reprisals, residents said. Each side named men to report armed youths "
     "moving near the villages.", "en", frozenset({P})),
    ("positive", "Plane lands after exchange of detained people",
     "A plane carrying thirty people held in the neighbouring country landed on Saturday, as the "
     "same number were flown the other way in a simultaneous handover agreed by the two "
     "governments, whose forces have fought in the east for five years.", "en", frozenset({P})),
    ("positive", "Freed captives reach the capital after contacts with militants",
     "Four men kidnapped from a survey boat arrived in the capital on Friday, after a state "
     "committee held contacts with the militants who seized them, officials said. The group "
     "has attacked pipelines in the delta for years.", "en", frozenset({P})),
    ("positive", "Insurgent faction signs memorandum of settlement",
     "An insurgent faction signed a memorandum of settlement with the central and state "
     "governments on Friday, agreeing to disband its armed wing within a month. About 600 "
     "cadres will be rehabilitated.", "en", frozenset({P})),
    ("labour", "Port and union sign memorandum of settlement on wages",
     "The port trust and the dockworkers' union signed a memorandum of settlement on wages on "
     "Monday, ending a three-day strike. Workers will get a twelve per cent rise.", "en",
     frozenset()),
    ("passing", "Mining talks resume after election pause",
     "Negotiations between the state and the mining company resumed this week after a pause "
     "for the national election, with both sides hoping to sign a new agreement by December. "
     "The talks cover royalties and the state's stake.", "en", frozenset()),
    ("positive", "Quake survivors still in temporary shelters a year on",
     "A year after the earthquake, more than two thousand people still live in temporary "
     "shelters of tin and plywood, with water brought by truck, officials said.", "en",
     frozenset({H})),
    ("routine", "Council opens temporary shelters for rough sleepers during cold snap",
     "The city council opened two temporary shelters for rough sleepers as overnight "
     "temperatures fell below freezing, and volunteers handed out soup and sleeping bags.",
     "en", frozenset()),
    ("positive", "Migrants sent back to sea after landing on the coast",
     "Twenty migrants, among them eight children, were put back on their boat and sent back to "
     "sea two days after landing, lawyers for the families said. Eight of them are "
     "children.", "en", frozenset({H})),
    ("positive", "Herder families run short of food as winter kills their animals",
     "Millions of head of livestock have died in deep snow this winter, and herder families "
     "are short of food and fuel, the emergency agency said. Roads are blocked.", "en",
     frozenset({H})),
    ("positive", "Families eat cactus leaves as harvests fail",
     "After four failed harvests families in the south survive on cactus leaves and wild leaves, "
     "and clinics admit wasted children every day, health workers said.", "en",
     frozenset({H})),
    ("routine", "Market stalls sell cactus leaves as Mexican cooking catches on",
     "Stalls at the city's food market now sell cactus leaves and dried chillies, as Mexican "
     "cooking grows more popular, traders said.", "en", frozenset()),
    # a pause in fighting is evidence of the war it pauses; a contract's dispute is no war
    ("positive", "Civilians leave steel plant during negotiated pause in fighting",
     "About eighty civilians who had sheltered for weeks beneath a steel plant reached safety "
     "on Tuesday, after the UN and the Red Cross negotiated a pause in fighting with both "
     "sides. Women and children were taken to a reception centre for medical checks.", "en",
     frozenset({P, H})),
    ("treaty", "الشركة والميناء يقتربان من اتفاق لإنهاء النزاع التعاقدي",
     "قالت إدارة الميناء إنها قطعت شوطا في مفاوضاتها مع شركة التشغيل لإنهاء النزاع التعاقدي "
     "المعروض أمام التحكيم، وإن الطرفين تبادلا مسودات اتفاق تسوية.", "ar", frozenset()),
    # the same words in ordinary news: a climber's evacuation, a party's camps, a food bank's
    # shortfall, an army's redeployment, police freeing captives, a union's election commission,
    # an open-air concert, a figurative roof, dogs taken to a shelter; and the senses kept
    ("sense", "Climber airlifted in medical evacuation from the glacier",
     "A climber with a broken leg was airlifted from the glacier on Sunday in a medical "
     "evacuation by the mountain rescue service, which said the weather had delayed the flight "
     "by two hours.", "en", frozenset()),
    ("sense", "Party split into camps over leadership",
     "The governing party has split into camps ahead of its congress, with two deputy leaders "
     "each gathering support among members for the top job.", "en", frozenset()),
    ("sense", "Funding falls short of food bank's needs",
     "Council funding this year falls short of the food bank's needs by a third, its manager "
     "said, and volunteers will collect donations at supermarkets at the weekend.", "en",
     frozenset()),
    ("sense", "Army announces redeployment of forces after exercise",
     "The army will complete a redeployment of forces to their home bases next week after a "
     "month-long exercise with allied troops in the north, the defence ministry said.", "en",
     frozenset()),
    ("sense", "Police free captives held by kidnappers in a farmhouse",
     "Police freed captives held by a kidnapping gang in a farmhouse outside the city on "
     "Tuesday after a shoot-out in which two gang members were killed, officers said.", "en",
     frozenset()),
    ("vote", "Teachers' union election commission opens nominations",
     "The teachers' union election commission opened nominations for the union's executive "
     "on Monday, and members will vote by post next month.", "en", frozenset()),
    ("positive", "Coalition talks begin after the election",
     "Party leaders began coalition talks on Monday after the election left no party with a "
     "majority, with the largest party holding 61 of 150 seats after the count.", "en",
     frozenset({E})),
    ("sense", "حفل موسيقي في العراء على شاطئ المدينة",
     "تقيم فرقة المدينة حفلا موسيقيا في العراء على الشاطئ مساء الجمعة، والدخول مجاني للعائلات.",
     "ar", frozenset()),
    ("sense", "معرض للصحافة بعنوان حرية بلا سقف",
     "افتتح في المدينة معرض للصور الصحفية بعنوان «حرية بلا سقف»، يضم أعمال عشرين مصورا.",
     "ar", frozenset()),
    ("sense", "البلدية تنقل الكلاب إلى مأوى جديد",
     "نقلت البلدية الكلاب التي جمعتها من الشوارع إلى مأوى جديد على أطراف المدينة، بالتعاون مع "
     "جمعية للرفق بالحيوان.", "ar", frozenset()),
    ("positive", "قمة لم الشمل العربي تبحث وقف إطلاق النار في السودان",
     "بحث القادة في قمة لم الشمل العربي سبل وقف إطلاق النار بين الطرفين المتحاربين في السودان، "
     "ودعوا إلى مفاوضات مباشرة برعاية إقليمية لإنهاء الصراع.", "ar", frozenset({P})),
    # a flood that makes families homeless (Arabic), watery diarrhoea, a new councillor chosen,
    # host families feeding new arrivals; a trade round and food prices are not crises
    ("positive", "فيضان النهر يشرد مئات الأسر في قرى الوادي",
     "قالت لجنة الطوارئ إن فيضان النهر أدى إلى انهيار عشرات المنازل في قرى الوادي، وإن مئات "
     "الأسر لجأت إلى المدارس والمساجد. ووزعت فرق محلية خياما على المتضررين.", "ar",
     frozenset({H})),
    ("treaty", "جولة مفاوضات بين البلدين لتسهيل عبور الشاحنات",
     "اختتمت جولة مفاوضات فنية بين البلدين لتسهيل عبور الشاحنات في المنفذ الحدودي، واتفق "
     "الجانبان على تمديد ساعات العمل وتوحيد إجراءات الفحص.", "ar", frozenset()),
    ("routine", "ارتفاع أسعار المواد الغذائية مع تراجع العملة",
     "ارتفعت أسعار المواد الغذائية الأساسية في أسواق المدينة بنحو الربع خلال شهر، مع تراجع "
     "سعر صرف العملة المحلية، بحسب تجار الجملة.", "ar", frozenset()),
    ("positive", "Watery diarrhoea spreads in a settlement of new arrivals",
     "Health officials sent a response team to the settlement after dozens of people were "
     "admitted with acute watery diarrhoea in a week. Most are families who arrived from "
     "across the border this year.", "en", frozenset({H})),
    ("positive", "Ward residents queue to choose a new councillor",
     "Residents queued from early morning to choose a new councillor, filling a seat left "
     "vacant by the death of the previous holder. Four contenders are standing.", "en",
     frozenset({E})),
    ("passing", "Host communities stretched as families cross the border",
     "Villages along the river are hosting thousands of people who fled unrest around the "
     "election in the neighbouring country, local leaders said. Food stocks are running low "
     "in the host communities.", "en", frozenset({H})),
    ("sense", "Exchange students arrive to stay with host families",
     "Forty exchange students from abroad arrived on Sunday and will stay with host families "
     "across the county for the school year, the programme's organisers said.", "en",
     frozenset()),
    ("routine", "Parents struggling to feed families as prices rise, survey finds",
     "One in five parents say they are struggling to feed their families as food and energy "
     "prices rise, according to a survey by a consumer group published on Monday.", "en",
     frozenset()),
    # a commemoration of an old war's end, hikers short of food, a cycle lane's corridor
    ("sense", "Town marks a century since the guns fell silent",
     "Hundreds gathered at the war memorial on Sunday to mark one hundred years since the guns "
     "fell silent at the end of the First World War. Schoolchildren read the names of the "
     "town's dead, and a bugler played at eleven o'clock.", "en", frozenset()),
    ("sense", "Hikers run short of food on mountain trail",
     "Two hikers who ran short of food and water after losing the trail were found by a "
     "rescue team on Tuesday, tired but unhurt, the park service said.", "en", frozenset()),
    ("sense", "Teams open a corridor for cyclists through the old town",
     "The council will open a corridor for cyclists through the old town next month, closing "
     "two streets to cars during the day.", "en", frozenset()),
    # leisure and animals in the words of a crisis: photographers on rooftops, scouts in the
    # forest, a seal pup sent back to sea, a dog's diarrhoea, campers sleeping in the open
    ("routine", "Photographers wait on rooftops for the perfect sunset",
     "Dozens of photographers waited on rooftops across the old city on Saturday evening for "
     "the sunset over the harbour, a favourite shot of the summer.", "en", frozenset()),
    ("routine", "Scouts sleep in the forest for their badge",
     "Twenty scouts will sleep in the forest this weekend to earn a survival badge, building "
     "shelters from branches and cooking over a fire.", "en", frozenset()),
    ("routine", "Rescued seal pup sent back to sea",
     "A seal pup found injured on the beach in spring was sent back to sea on Tuesday after "
     "months of care at the wildlife centre, its vets said.", "en", frozenset()),
    ("routine", "Vets warn dog owners about watery diarrhoea after eating windfall fruit",
     "Vets have warned dog owners that eating fallen fruit in gardens can give dogs watery "
     "diarrhoea, and advised them to clear lawns in autumn.", "en", frozenset()),
    ("routine", "هواة التخييم يبيتون في العراء لرصد زخات الشهب",
     "خرج عشرات من هواة التخييم إلى الصحراء ليبيتوا في العراء ويرصدوا زخات الشهب التي تبلغ "
     "ذروتها هذا الأسبوع، بحسب الجمعية الفلكية.", "ar", frozenset()),
    # a disaster's toll told in the lead in the words of the dead and the missing, its relief
    # further down; a climbing accident and an ambush told the same way are no crisis. The
    # Palestinian factions as a party to the calm a mediator consolidates, beside a
    # parliament's factions sharing out committees and trade gains "on every front"
    ("positive", "Storm kills 31, dozens missing in coastal towns",
     "At least 31 people were killed and about 60 are missing after a storm struck the coast "
     "overnight, local officials said on Tuesday. Police said most of the dead were swept away "
     "as they slept. Aid agencies said more than 4,000 families had lost their homes and were "
     "sheltering in schools and mosques. The Red Cross began distributing food parcels, blankets "
     "and water purification tablets, and the UN said it was sending emergency relief supplies "
     "by helicopter to villages cut off by the water.", "en", frozenset({H})),
    ("routine", "Two climbers dead after avalanche on popular ski route",
     "Two climbers were killed and one is missing after an avalanche swept a popular ski route, "
     "the mountain rescue service said. The group had ignored a warning posted at the lift. "
     "Rescue teams called off the search at dusk and will resume in the morning. The resort "
     "said it would review how it displays avalanche warnings.", "en", frozenset()),
    ("passing", "Twelve soldiers killed in ambush near the border",
     "Twelve soldiers were killed and nine injured when militants ambushed an army convoy near "
     "the border, the defence ministry said. The attackers fled into the hills after a two-hour "
     "gun battle. Security forces launched a sweep of nearby villages. A local official said some "
     "families had left their homes for fear of reprisals.", "en", frozenset()),
    ("positive", "وفد أمني مصري يلتقي الفصائل الفلسطينية لتثبيت التهدئة",
     "التقى وفد أمني مصري قادة الفصائل الفلسطينية في غزة، مساء الأحد، لبحث تثبيت تفاهمات التهدئة "
     "التي أنهت جولة من التصعيد استمرت ثلاثة أيام، بعد أن نقل الوسيط المصري الشروط. "
     "وقالت مصادر مطلعة إن الوفد نقل رسائل من الجانب "
     "الآخر بشأن توسيع مساحة الصيد وإدخال الوقود، مقابل الالتزام بالهدوء على الحدود. ومن المنتظر "
     "أن يعود الوفد الأسبوع المقبل لإطلاع الفصائل على الرد.", "ar", frozenset({P})),
    ("treaty", "اتفاق تجاري بين البلدين يفتح الأسواق على كل الجبهات",
     "وقع البلدان اتفاقا تجاريا بعد مفاوضات استمرت عامين، يلغي الرسوم الجمركية على مئات السلع "
     "ويفتح أسواق الخدمات. وقال وزير التجارة إن الاتفاق يحقق تقدما على كل الجبهات، من الزراعة إلى "
     "الصناعة، وإن الوسيط الأوروبي ساعد في تقريب المواقف. ويتوقع خبراء أن يرتفع التبادل التجاري "
     "بنسبة الثلث.", "ar", frozenset()),
    ("vote", "الفصائل النيابية تتفاوض على توزيع رئاسة اللجان",
     "بدأت الفصائل النيابية مفاوضات لتوزيع رئاسة اللجان الدائمة في البرلمان، وسط خلاف حول لجنة "
     "المالية. وقال نائب مستقل إن الاتفاق قد يتأخر إلى الأسبوع المقبل، وإن الحوار بين الكتل "
     "يجري بهدوء.", "ar", frozenset()),
    # elders carrying messages between a government and a militia, a demilitarised zone two
    # powers agree on a front line, families cut to one meal a day; nerves carrying messages,
    # a diet of one meal a day and tourists in a demilitarised zone are no such story
    ("positive", "Clan elders shuttle between the capital and the hills as fighting drags on",
     "A group of clergy and clan elders has been carrying messages between government officials "
     "and militia commanders for a month, people involved in the effort said, in the most serious "
     "attempt yet to halt the conflict. The elders have passed on written conditions from both "
     "sides. Commanders want the army to pull back from three towns before any truce; the "
     "government wants roads reopened first.", "en", frozenset({P})),
    ("routine", "Scientists map the nerves carrying messages between gut and brain",
     "Researchers have mapped the nerve fibres carrying messages between the gut and the brain "
     "in unprecedented detail. The team said the work could help explain why stress upsets "
     "digestion. The study was published in a leading journal on Wednesday.", "en", frozenset()),
    ("positive", "Families cut to one meal a day as granaries stand empty",
     "In the southern districts the maize never grew past knee height this season, and most "
     "households have finished what they harvested. Mothers say children now eat once a day, "
     "usually a thin porridge. The government declared the drought a national disaster and the "
     "World Food Programme says more than a million people need food aid until the next harvest.",
     "en", frozenset({H})),
    ("routine", "Is one meal a day a healthy way to lose weight?",
     "Eating one meal a day has become a popular diet among office workers, but dietitians warn "
     "it is not for everyone. Skipping meals can leave people tired and irritable, they say, and "
     "those with diabetes should ask their doctor first. A balanced plate matters more than the "
     "clock.", "en", frozenset()),
    ("positive", "اتفاق على منطقة منزوعة السلاح في ريف إدلب لتجنب هجوم واسع",
     "توصلت روسيا وتركيا إلى اتفاق على إقامة منطقة منزوعة السلاح بعمق يتراوح بين 15 و20 كيلومترا "
     "على خطوط التماس بين القوات الحكومية وفصائل المعارضة المسلحة في إدلب. وينص الاتفاق على سحب "
     "الأسلحة الثقيلة من المنطقة خلال شهر، وتسيير دوريات مشتركة. وقالت مصادر في المعارضة إن "
     "الاتفاق جنب المحافظة هجوما كان سيؤدي إلى موجة نزوح جديدة.", "ar", frozenset({P})),
    ("routine", "سياح يتوافدون إلى المنطقة المنزوعة السلاح بين الكوريتين",
     "استقبلت المنطقة المنزوعة السلاح بين الكوريتين أعدادا قياسية من السياح هذا الصيف، بعد "
     "افتتاح متحف جديد ومسار للمشي. وقال مرشد سياحي إن الزوار يأتون لرؤية آثار الحرب الكورية "
     "والتقاط الصور قرب خط الحدود.", "ar", frozenset()),
    # a migrant dinghy that sinks, families out of their homes after a flood, the Egyptian
    # security delegation between the Gaza factions and Israel; patrol boats and cutters for
    # migrant boats, renters priced out of their homes, that delegation on border smuggling
    ("positive", "Three die as migrant dinghy sinks off the coast",
     "Three people died and about 40 were pulled from the sea after an overloaded inflatable "
     "boat got into difficulty before dawn, coastguards said. A navy vessel and a lifeboat "
     "picked up survivors, several of them suffering from hypothermia, and four were taken to "
     "hospital. The dead were found in the water.", "en", frozenset({H})),
    ("routine", "New patrol boats to shadow migrant dinghies in the Channel",
     "The Home Office has ordered four patrol boats to shadow migrant dinghies in the Channel, "
     "part of a contract worth 60 million pounds. Ministers said the boats would be crewed by "
     "Border Force officers from next spring. Opposition MPs questioned the cost.", "en",
     frozenset()),
    ("routine", "Border Force to intercept migrant boats with new cutters",
     "Border Force will get three new cutters to intercept migrant boats in the Channel, the "
     "Home Office said, in a contract worth 40 million pounds. The vessels will enter service "
     "next year. Unions said more officers were needed to crew them.", "en", frozenset()),
    ("positive", "Families still out of their homes a week after the river burst its banks",
     "More than 300 households remain out of their homes a week after flash flooding swept "
     "through the town, the council said. Some have been told they may not return until the "
     "spring. Firefighters used boats to reach people trapped upstairs. The Red Cross has "
     "handed out emergency grants and the council has opened a "
     "rest centre at a school, where families slept on camp beds.", "en", frozenset({H})),
    ("routine", "Renters priced out of their homes as rents rise again",
     "Thousands of renters are being priced out of their homes as rents rose by nine percent "
     "in a year, a housing charity said. Young families were worst hit. The charity called for "
     "a cap on increases and more social housing.", "en", frozenset()),
    ("positive", "الوفد الأمني المصري يعود إلى غزة حاملا ردودا على مطالب الفصائل",
     "وصل الوفد الأمني المصري إلى غزة حاملا ردودا على مطالب الفصائل الفلسطينية بعد جولة قصف "
     "متبادل. واستمع الوفد إلى ملاحظات الفصائل على بطء تنفيذ ما جرى التفاهم عليه بصورة غير مباشرة "
     "قبل أشهر. وطلب الوفد من الفصائل وقف إطلاق البالونات الحارقة مقابل توسيع مساحة الصيد وإدخال "
     "الوقود. ومن المنتظر أن يعود الوفد إلى تل أبيب لنقل رد الفصائل.", "ar", frozenset({P})),
    ("treaty", "الوفد الأمني المصري يبحث في الخرطوم مكافحة التهريب عبر الحدود",
     "بحث الوفد الأمني المصري مع مسؤولين سودانيين في الخرطوم سبل التعاون في مكافحة تهريب البضائع "
     "والبشر عبر الحدود المشتركة، وتبادل المعلومات بين أجهزة البلدين. واتفق الجانبان على عقد "
     "اجتماع دوري كل ثلاثة أشهر.", "ar", frozenset()),
    # a state of war ended (one declared is a war's start), an evacuation deal, a demilitarized
    # zone; an exporters' association and a party's leadership hopefuls vote; an exodus met
    # with a new visa rule is told in the words of relief, which outweigh the rule
    ("positive", "Neighbours sign declaration to end the state of war",
     "The two neighbours signed a joint declaration on Monday to end the state of war that has "
     "divided them since a border conflict twenty years ago. The declaration commits them to "
     "restore flights, trade and embassies and to accept the ruling of a boundary commission. "
     "The border war killed tens of thousands of soldiers, and troops have faced each other "
     "across a fortified frontier ever since.", "en", frozenset({P})),
    ("passing", "Government declared a state of war after border attack",
     "The government declared a state of war on Saturday after militants crossed the border "
     "and attacked three villages, killing dozens of people. The army called up reservists and "
     "closed the airport. Air strikes hit targets across the border overnight.", "en",
     frozenset()),
    ("positive", "Evacuation deal lets buses leave the besieged quarter",
     "The first buses left the besieged quarter on Thursday after an evacuation deal between "
     "the army and rebel commanders held at the third attempt. Fighters and civilians boarded "
     "the buses under the eyes of Red Cross staff. Shelling had stopped the convoy twice the "
     "day before.", "en", frozenset({P, H})),
    ("positive", "Demilitarized zone agreed to avert an offensive on the province",
     "The two powers agreed to set up a demilitarized zone 15 to 20 kilometers deep along the "
     "front line around the province, averting an army offensive for now. Heavy weapons must be "
     "withdrawn within a month and armed groups must leave the zone. Troops from both powers will "
     "patrol it.", "en", frozenset({P})),
    ("vote", "Exporters' association: winning panel sweeps all director posts",
     "The ruling panel won all 35 director posts in the biennial election of the exporters' "
     "association, with 1,900 member factories casting votes. The rival panel, which campaigned "
     "on help for small exporters, failed to win a seat. The new directors will choose the "
     "association's president next week.", "en", frozenset()),
    ("vote", "Leadership hopefuls scramble for MPs' votes before the first ballot",
     "Five leadership hopefuls battled for the backing of the governing party's MPs ahead of "
     "tomorrow's first ballot. Under party rules the last-placed contender drops out each round "
     "until two are left, and party members then choose by postal vote. Opposition parties "
     "demanded an early general election, saying voters had not been asked; ministers said the "
     "country did not need another trip to the polls so soon after the referendum.", "en",
     frozenset()),
    ("positive", "Thousands more flee the crisis as neighbour brings in a visa rule",
     "Thousands of people fleeing the economic and political crisis crossed the border bridge "
     "on Saturday, hours before a new visa rule took effect. Aid workers handed out water and "
     "food to families who had walked for days, and the Red Cross set up a field clinic. Aid "
     "groups said the refugee and migrant exodus is the largest displacement in the region's "
     "history, and that women and children made up half of those arriving.", "en",
     frozenset({H})),
]

def laid_out(text: str) -> str:
    """One sentence to a paragraph, as the wire services and satellite channels print them."""
    return "\n\n".join(s for p in text.split("\n\n") for s in re.split(r"(?<=\.)\s+", p))


def _params() -> list[object]:
    out: list[object] = []
    for i, (kind, title, text, lang, labels) in enumerate(ROWS):
        out.append(pytest.param(title, laid_out(text), lang, labels, id=f"{kind}-{lang}-{i}"))
    return out


@pytest.fixture(scope="module")
def clf() -> Classifier:
    return Classifier.from_file()


def test_every_class_has_rows_in_both_languages() -> None:
    for kind in {r[0] for r in ROWS}:
        langs = [r[3] for r in ROWS if r[0] == kind]
        assert langs.count("ar") >= 4 and langs.count("en") >= 4, kind


@pytest.mark.parametrize(("title", "text", "lang", "labels"), _params())
def test_unseen_class_labels(clf: Classifier, title: str, text: str, lang: str,
                             labels: frozenset[str]) -> None:
    out = clf.classify(title=title, text=text, lang=lang)
    assert frozenset(out.labels) == labels, (out.scores, out.evidence)


@pytest.mark.parametrize("word", ["النازحين", "المنكوبين"])
def test_plural_written_in_a_phrase_still_counts_for_the_label(clf: Classifier,
                                                               word: str) -> None:
    """«مخيمات النازحين» makes «نازحين» a word of the data; the label lists it beside «نازح»."""
    ex = clf.explain(title=None, text=f"وصل آلاف {word} إلى المدينة.", lang="ar")
    humanitarian = next(v for v in ex.verdicts if v.label == "humanitarian")
    assert humanitarian.raw > 0 and ex.contexts["human_toll"][0] > 0
