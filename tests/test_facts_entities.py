"""Places, organisations, people and quotes, on sentences from several kinds of news."""

from __future__ import annotations

from factsheet.facts.entities import find_entities
from factsheet.facts.gazetteer import find_names


def names(text: str) -> list[tuple[str, str, str]]:
    return [(h.text, h.entry.name, h.entry.kind) for h in find_names(text)]


def test_places_with_clitics_from_cldr_and_the_lexicon() -> None:
    text = "سافر الوفد من بالرباط إلى القاهرة ثم لمراكش، وفي فرنسا التقى بوزير من أوروبا."
    assert names(text) == [
        ("بالرباط", "الرباط", "city"),
        ("القاهرة", "القاهرة", "city"),
        ("لمراكش", "مراكش", "city"),
        ("فرنسا", "فرنسا", "country"),
        ("أوروبا", "أوروبا", "region"),
    ]


def test_a_word_that_only_starts_like_a_place_is_not_one() -> None:
    assert names("شارك المغربية سعاد في السباق المصري") == []


def test_names_without_their_spaces_and_with_diacritics() -> None:
    text = "دعت الأممالمتحدة ومنظمةُ الصحة العالمية إلى الهدوء"
    found = names(text)
    assert ("الأممالمتحدة", "الأمم المتحدة", "organization") in found
    assert ("ومنظمةُ الصحة العالمية", "منظمة الصحة العالمية", "organization") in found


def test_every_span_points_into_the_text() -> None:
    text = "قال وزير الصحة، خالد آيت الطالب، إن «الوضع الوبائي مستقر في المملكة المغربية»."
    _, places, orgs, people, quotes = find_entities(text)
    for item in [*places, *orgs, *people]:
        for s in item.mentions:
            assert text[s.start:s.end] == s.text
    for q in quotes:
        assert text[q.start:q.end] == q.text


def test_person_in_apposition_after_a_role() -> None:
    text = "قال وزير الصحة، خالد آيت الطالب، إن «الوضع الوبائي مستقر في المملكة المغربية»."
    _, places, _, people, quotes = find_entities(text)
    assert [(p.name, p.role) for p in people] == [("خالد آيت الطالب", "وزير الصحة")]
    assert [p.name for p in places] == ["المغرب"]
    assert [(q.text, q.speaker) for q in quotes] == [
        ("الوضع الوبائي مستقر في المملكة المغربية", "خالد آيت الطالب"),
    ]


def test_honorific_and_surname_are_the_same_person() -> None:
    text = (
        "أعلن رئيس الاتحاد الدولي لكرة القدم، جياني إنفانتينو، عن البطولة. "
        "وقال السيد إنفانتينو إن \"الملاعب جاهزة لاستقبال الجماهير\"."
    )
    _, _, orgs, people, quotes = find_entities(text)
    assert len(people) == 1
    person = people[0]
    assert person.name == "جياني إنفانتينو"
    assert person.role == "رئيس الاتحاد الدولي لكرة القدم"
    assert [s.text for s in person.mentions] == ["جياني إنفانتينو", "إنفانتينو"]
    assert orgs[0].acronym == "FIFA"
    assert quotes[0].speaker == "جياني إنفانتينو"


def test_role_without_a_name_is_kept_when_it_names_a_body() -> None:
    text = "ودعا رئيس مجلس الأمن الدولي إلى اجتماع طارئ."
    _, _, _, people, _ = find_entities(text)
    assert [(p.name, p.role) for p in people] == [(None, "رئيس مجلس الأمن الدولي")]


def test_organisation_from_a_head_word_and_from_an_acronym() -> None:
    text = (
        "أصدر المرصد الوطني للتنمية البشرية تقريرا بتعاون مع "
        "الوكالة الوطنية لتقنين الأنشطة (ANRT) حول الربط بالإنترنت."
    )
    _, _, orgs, _, _ = find_entities(text)
    assert [(o.name, o.acronym) for o in orgs] == [
        ("المرصد الوطني للتنمية البشرية", None),
        ("الوكالة الوطنية لتقنين الأنشطة", "ANRT"),
    ]


def test_quote_after_a_verb_without_subject_belongs_to_the_last_speaker() -> None:
    text = (
        "وأكدت المديرة العامة لليونسكو، أودري أزولاي، أهمية التعليم. "
        "وأضافت أن \"المدرسة هي أساس كل تنمية\"، مشيرة إلى تقرير الأمين العام."
    )
    _, _, _, people, quotes = find_entities(text)
    assert people[0].name == "أودري أزولاي"
    assert [(q.text, q.speaker) for q in quotes] == [
        ("أهمية التعليم", "أودري أزولاي"),  # أكد + a noun: what she stressed
        ("المدرسة هي أساس كل تنمية", "أودري أزولاي"),
    ]


def test_a_scare_quoted_word_is_not_a_quote() -> None:
    _, _, _, _, quotes = find_entities("ووقع الطرفان الاتفاق \"التاريخي\" أمس في الرباط.")
    assert quotes == []


# --- people as an open class ------------------------------------------------------------


def people_of(text: str) -> list[tuple[str | None, str | None]]:
    return [(p.name, p.role) for p in find_entities(text)[3]]


def test_a_name_after_a_verb_of_saying_without_title() -> None:
    text = "وقال كارلوس سانتانا إن الفرقة ستعود إلى المسرح قريبا."
    assert people_of(text) == [("كارلوس سانتانا", None)]


def test_an_unknown_foreign_name_after_a_verb_and_before_an_apposition() -> None:
    text = "وأكد توماس فيرهوفن، رئيس البعثة الأوروبية، أن المفاوضات مستمرة."
    assert people_of(text)[0] == ("توماس فيرهوفن", "رئيس البعثة الأوروبية")


def test_name_particles_take_the_next_word() -> None:
    text = "وقال الأمير فيصل بن عبد الرحمن آل سعود إن المشروع سيكتمل في جدة."
    names = [n for n, _ in people_of(text)]
    assert names == ["فيصل بن عبد الرحمن آل سعود"]


def test_a_coordinated_list_of_names() -> None:
    text = "وغاب عن التدريبات اللاعبان يوسف العربي وحمزة منديل بسبب الإصابة."
    assert [n for n, _ in people_of(text)] == ["يوسف العربي", "حمزة منديل"]


def test_a_surname_later_in_the_article_is_the_same_person() -> None:
    text = ("قالت وزيرة الاقتصاد نادية فتاح العلوي إن العجز سيتراجع. "
            "وأضافت العلوي أن الحكومة ماضية في الإصلاحات.")
    people = find_entities(text)[3]
    assert len(people) == 1
    assert [m.text for m in people[0].mentions] == ["نادية فتاح العلوي", "العلوي"]


def test_no_name_ends_in_a_verb_or_crosses_a_clause() -> None:
    text = "وقال المدرب رشيد الطاوسي سيخوض الفريق مباراتين، ثم يعود إلى الرباط."
    names = [n for n, _ in people_of(text)]
    assert names == ["رشيد الطاوسي"]


def test_ordinary_words_after_verbs_are_not_names() -> None:
    text = "وأعلنت الحكومة عن خطة جديدة، وأكد مصدر مطلع أن التنفيذ سيبدأ قريبا."
    assert people_of(text) == []


def test_a_place_named_after_someone_holds_no_person() -> None:
    text = "حطت الطائرة في مطار الملك عبد العزيز الدولي بجدة مساء أمس."
    assert people_of(text) == []


# --- organisations --------------------------------------------------------------------------


def orgs_of(text: str) -> list[tuple[str, list[str]]]:
    return [(o.name, [m.text for m in o.mentions]) for o in find_entities(text)[2]]


def test_a_short_form_refers_to_the_one_body_it_can_denote() -> None:
    text = ("أعلنت وزارة التجهيز والماء عن مشروع جديد للسدود. "
            "وأوضحت الوزارة أن الأشغال ستنطلق الشهر المقبل.")
    assert orgs_of(text) == [("وزارة التجهيز والماء", ["وزارة التجهيز والماء", "الوزارة"])]


def test_an_outlet_named_in_quotes_and_a_news_agency() -> None:
    text = "نقلت صحيفة «الأيام» عن وكالة رويترز أن الاجتماع تأجل."
    assert [n for n, _ in orgs_of(text)] == ["الأيام", "رويترز"]


def test_descriptions_of_bodies_are_not_names() -> None:
    text = "وطالبت السلطات المعنية بتشديد المراقبة، فيما تحركت الشرطة المحلية بسرعة."
    assert orgs_of(text) == []


# --- places ---------------------------------------------------------------------------------


def places_of(text: str) -> list[tuple[str, str]]:
    return [(p.name, p.kind) for p in find_entities(text)[1]]


def test_towns_beyond_capitals_from_geonames() -> None:
    text = "انتقل الفريق من مدينة خريبكة إلى تارودانت ثم إلى القيروان."
    assert [n for n, _ in places_of(text)] == ["خريبكة", "تارودانت", "القيروان"]


def test_nationality_adjectives_are_not_places() -> None:
    text = "التقى الوزير المغربي بنظيره التونسي ووفد من هيئة الرياضة السعودية."
    assert places_of(text) == []


def test_a_word_that_is_also_a_town_needs_a_place_context() -> None:
    assert places_of("وقدم دعما ماليا كبيرا للمشروع في بيان رسمي.") == []
    assert places_of("وصل الوفد إلى مالي قادما من النيجر.") == [
        ("مالي", "country"), ("النيجر", "country")]


def test_a_named_site_and_the_kingdom() -> None:
    text = ("الرياض - افتتح ملعب «الأول بارك» أمس. "
            "وقال المنظمون إن المملكة ستستضيف البطولة في ملعب الجوهرة.")
    found = places_of(text)
    assert ("الرياض", "city") in found
    assert ("الأول بارك", "site") in found
    kingdom = [p for p in find_entities(text)[1] if p.kind == "country"]
    assert [m.text for m in kingdom[0].mentions] == ["المملكة"]


# --- quotes ---------------------------------------------------------------------------------


def quotes_of(text: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in find_entities(text)[4]]


def test_reported_speech_with_inna_and_the_speaker_through_the_paragraph() -> None:
    text = ("قال رئيس الجمعية، كريم الصافي، إن الموسم كان صعبا على الفلاحين. "
            "وأضاف أن الأمطار تأخرت كثيرا، مشيرا إلى أن الأسعار سترتفع.")
    assert quotes_of(text) == [
        ("الموسم كان صعبا على الفلاحين", "كريم الصافي"),
        ("الأمطار تأخرت كثيرا", "كريم الصافي"),
        ("الأسعار سترتفع", "كريم الصافي"),
    ]


def test_a_colon_quote_and_an_institution_as_speaker() -> None:
    text = 'وقالت وزارة الداخلية في بلاغ: "الوضع تحت السيطرة التامة".'
    assert quotes_of(text) == [("الوضع تحت السيطرة التامة", "وزارة الداخلية")]


def test_an_unnamed_source_leaves_the_speaker_empty() -> None:
    text = "وقال مصدر أمني إن التحقيقات ما زالت جارية في الحادث."
    assert quotes_of(text) == [("التحقيقات ما زالت جارية في الحادث", None)]


def test_a_subject_before_the_verb_and_an_attribution() -> None:
    text = ("وكانت منظمة العفو الدولية قد دعت إلى الإفراج عن المعتقلين. "
            "ووفق صحيفة «الصباح»، فإن المحاكمة ستبدأ الأسبوع المقبل.")
    found = quotes_of(text)
    assert found[0] == ("الإفراج عن المعتقلين", "منظمة العفو الدولية")
    assert found[1] == ("المحاكمة ستبدأ الأسبوع المقبل", "الصباح")


def test_a_plural_verb_is_never_one_person() -> None:
    text = ("وقال الوزير عمر البحراوي إن الاتفاق جيد. "
            "كما شدد المشاركون على أهمية التنسيق، وقالوا إن الاجتماع المقبل سيكون في تونس.")
    speakers = [s for _, s in quotes_of(text)]
    assert speakers[0] == "عمر البحراوي"
    assert speakers[-1] is None


def test_ministers_as_one_speaking_body() -> None:
    text = ("دعا وزراء خارجية الدول الإفريقية إلى وقف إطلاق النار. "
            "وقالوا في بيانهم إن الحوار هو السبيل الوحيد، ولم يحضر رئيس الوزراء الاجتماع.")
    assert [q.speaker for q in find_entities(text)[4]] == [
        "وزراء خارجية الدول الإفريقية", "وزراء خارجية الدول الإفريقية"]
    assert [o.name for o in find_entities(text)[2]] == ["وزراء خارجية الدول الإفريقية"]


def test_after_a_definite_title_an_unknown_first_name_begins_the_name() -> None:
    text = "وقالت الوزيرة ريتال الحسني إن المشروع سيكتمل قبل الصيف."
    assert people_of(text) == [("ريتال الحسني", "الوزيرة")]


def test_a_place_named_after_an_area_word_and_states_of_other_countries() -> None:
    text = ("وقع الانفجار في قرية تيمولاي قرب مدينة كانو، فيما ضربت العاصفة ولاية فلوريدا. "
            "ومن جهة أخرى، وصلت المساعدات إلى منطقة أخرى.")
    found = places_of(text)
    assert ("تيمولاي", "city") in found
    assert ("فلوريدا", "region") in found
    assert not any(name == "أخرى" for name, _ in found)


def test_a_noun_with_the_article_is_never_a_verb_of_saying() -> None:
    text = "وأكدت وزارة النقل أن الخط الجديد سيفتتح قريبا، كما أعلنت السفارة الفرنسية عن منح."
    assert [o.name for o in find_entities(text)[2]] == ["وزارة النقل", "السفارة الفرنسية"]


def test_short_and_council_forms_join_one_body() -> None:
    text = ("قالت «الأيام بريس» وهي النسخة الرقمية لجريدة «الأيام» إن الخبر كاذب. "
            "وطالب وزراء خارجية الدول العربية الولايات المتحدة بالتراجع، "
            "وأكد مجلس وزراء الخارجية في بيانه أن القرار باطل. وقال الوزراء إن الرد سيكون موحدا.")
    orgs = orgs_of(text)
    assert [n for n, _ in orgs] == ["الأيام بريس", "مجلس وزراء الخارجية"]
    assert [s for _, s in quotes_of(text)][-1] == "مجلس وزراء الخارجية"


def test_traffic_and_a_storm_centre_are_not_bodies() -> None:
    text = ("وتوقفت حركة المرور في شارع النخيل بسبب الأمطار، كما شلت حركة المسافرين في "
            "المطار، فيما رصد الخبراء مركز العاصفة قرب الساحل. وقالت حركة النهضة إن "
            "الحكومة تأخرت، ودعت اللجنة المكلفة بالإغاثة إلى التحرك.")
    assert [n for n, _ in orgs_of(text)] == ["حركة النهضة"]


def test_an_outlet_word_with_one_adjective_describes_an_outlet() -> None:
    text = ("وقال المتحدث في تصريح للجريدة الحزبية إن اللقاء لم يعقد، فيما نقل التلفزيون "
            "الأردني الخبر عن وكالة الأنباء الأردنية.")
    names_found = [n for n, _ in orgs_of(text)]
    assert "الجريدة الحزبية" not in names_found and "للجريدة الحزبية" not in names_found
    assert "التلفزيون الأردني" in names_found  # a state broadcaster, named by its country


def test_an_adjective_of_a_country_in_ya_is_not_part_of_a_name() -> None:
    text = "وحضر اللقاء التنظيم الدولي والسوري الجنسية سامر الأحمد."
    assert all("والسوري" not in n for n, _ in orgs_of(text))


def test_a_known_body_is_shown_as_the_article_writes_it() -> None:
    text = ("وكانت منظمة الأمم المتحدة للطفولة (اليونيسيف) أكدت في تقرير لها أن آلاف الأطفال "
            "بلا مدارس.")
    assert [n for n, _ in orgs_of(text)] == ["منظمة الأمم المتحدة للطفولة"]
    assert [s for _, s in quotes_of(text)] == ["منظمة الأمم المتحدة للطفولة"]


def test_the_outlet_that_relays_a_statement_is_not_its_speaker() -> None:
    text = ("وقال مكتب الأمم المتحدة لتنسيق الشؤون الإنسانية إن الأمطار شردت ألف أسرة. "
            "وأشارت المنظمة، في بيان، وفق ما أوردت وكالة سبوتنيك، إلى أن المياه غمرت عشر "
            "قرى في الجنوب.")
    assert [s for _, s in quotes_of(text)] == [
        "مكتب الأمم المتحدة لتنسيق الشؤون الإنسانية",
        "مكتب الأمم المتحدة لتنسيق الشؤون الإنسانية"]


def test_a_bare_head_no_body_has_continues_the_speaking_body() -> None:
    text = ("وقال مرصد الشرق للحقوق إن السلطات اعتقلت عشرين شخصا. وأضافت المنظمة، في تقريرها "
            "السنوي، أن خمسة منهم صحافيون.")
    assert [s for _, s in quotes_of(text)] == ["مرصد الشرق للحقوق", "مرصد الشرق للحقوق"]


def test_an_unnamed_member_speaks_for_the_body_named_after_him() -> None:
    text = ("وقال صحافي من رويترز إن الشرطة أغلقت الطريق المؤدي إلى الميناء. "
            "وقال مسؤول في الشرطة يدعى ناصر الهاشمي إن الطريق سيفتح غدا. "
            "وقال مواطن من جمعية الأمل الخيرية إن الكهرباء انقطعت.")
    assert [s for _, s in quotes_of(text)] == ["رويترز", "ناصر الهاشمي", None]


def test_a_bare_head_before_the_body_is_named_is_that_body() -> None:
    text = ("وتعهدت الوزارة بصرف المنح المتأخرة قبل نهاية الشهر الجاري. ووقعت وزارة الشباب "
            "والرياضة الاتفاق مع نقابة المدربين يوم الخميس.")
    assert [s for _, s in quotes_of(text)] == ["وزارة الشباب والرياضة"]


def test_an_unnamed_spokesman_speaks_for_his_body() -> None:
    text = ("وكان المتحدث باسم شركة الطيران الوطنية أعلن أمس أن الرحلات ستستأنف الأسبوع "
            "المقبل. وقال متحدث باسم رئيسة الوزراء سلمى داود إن الحكومة ستدعم الشركة.")
    assert [s for _, s in quotes_of(text)] == ["شركة الطيران الوطنية", None]


def test_a_poll_speaks_for_the_group_that_published_it() -> None:
    text = ('ويشير استطلاع للرأي نشرته أمس مجموعة "مقياس الشرق" أن الحزب الحاكم سيفوز '
            "بنصف المقاعد.")
    assert [s for _, s in quotes_of(text)] == ["مقياس الشرق"]


def test_a_verb_without_subject_takes_the_person_its_sentence_names() -> None:
    text = ("وقال الوزير السابق رامي الخطيب إن الانتخابات ستؤجل. ورد النائب هادي المنصوري "
            "بشكل غير مباشر على الخطيب في تصريح مطول للإذاعة الرسمية مساء أمس أكد فيه أن "
            "الموعد لن يتغير.")
    assert [s for _, s in quotes_of(text)] == ["رامي الخطيب", "هادي المنصوري"]


def test_teams_named_by_a_match_a_score_or_their_country() -> None:
    text = ("وستجمع المباراة النهائية فريقا الأمل والنجمة مساء السبت. وكان الأمل قد فاز على "
            "الشباب الأردني 2 - 1 ثم خسر من الرمثا صفر - 3، وسيواجه الفيصلي الأردني يوم "
            "الجمعة. وفاز المرشح على منافسه في الانتخابات، ووقف المحتجون أمام البرلمان يوم الأحد.")
    found = [n for n, _ in orgs_of(text)]
    for team in ("الأمل", "النجمة", "الشباب", "الرمثا", "الفيصلي"):
        assert team in found
    assert "منافسه" not in found and "البرلمان" not in found


def test_a_description_joins_the_one_body_it_describes() -> None:
    text = ("وقال الجيش الوطني في بيان إن الحدود آمنة. وأكد متحدث باسم القوات المسلحة أن الدوريات "
            "ستزداد، فيما قال حزب النهضة الوطني إن الحزب الحاكم لم يستشره.")
    orgs = dict(orgs_of(text))
    assert "القوات المسلحة" not in orgs and "الحزب الحاكم" not in orgs
    assert "القوات المسلحة" in orgs["الجيش الوطني"]
    assert "الحزب الحاكم" in orgs["حزب النهضة الوطني"]


def test_a_title_alone_is_the_person_who_holds_it_in_the_article() -> None:
    text = ('تجري الانتخابات الأولى منذ الإطاحة بالرئيس السابق سامي العبدلي. وقال العبدلي إنه '
            'سيصوت للمعارضة. وأضاف "لا أصوت لمن ظلمني"، قبل أن يشير إلى خصمه. وتساءل الرئيس '
            'السابق "من بقي؟ الشباب"، مثيرا الضحك.')
    assert [s for _, s in quotes_of(text)] == ["سامي العبدلي"] * 3


def test_a_nationality_after_a_preposition_is_not_a_match_outside_sport() -> None:
    text = ("وتظاهر مئات الطلاب أمام السفير الفرنسي في ساحة الجامعة، كما يواجه الاقتصاد المصري "
            "في العام المقبل ضغوطا كبيرة.")
    assert [n for n, _ in orgs_of(text)] == []


def test_a_specific_bare_head_is_not_another_kind_of_body() -> None:
    text = ("وقالت حركة الشباب الديمقراطي إن الانتخابات مزورة. وأكدت الوزارة أن النتائج ستعلن "
            "غدا. وأصدرت هيئة الدواء تقريرها السنوي أمس بحضور الطبيب سمير الدباغ وعدد كبير من "
            "الصيادلة في القاعة الكبرى، وقالت فيه إن التحقيق مستمر.")
    assert [s for _, s in quotes_of(text)] == ["حركة الشباب الديمقراطي", None, "هيئة الدواء"]


def test_both_sides_of_a_result_with_its_score_are_teams() -> None:
    text = ("فاز الوداد على الرجاء 2 - 1 مساء الأحد، وتعادل النادي الصفاقسي مع الترجي التونسي "
            "1 - 1. وفاز المرشح على منافسه في الانتخابات بفارق كبير.")
    found = [n for n, _ in orgs_of(text)]
    for team in ("الوداد", "الرجاء", "النادي الصفاقسي", "الترجي"):
        assert team in found
    assert "المرشح" not in found and "منافسه" not in found
