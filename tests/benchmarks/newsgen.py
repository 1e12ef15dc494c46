"""Arabic news-like text for the benchmarks, generated from our own sentence templates.

Deterministic (seeded). About 40% of the sentences come from templates with dates in many
shapes (full dates in several month families, ranges, years with markers, relative words,
durations, clock times, Hijri dates) or numbers that are not dates (money, percentages,
laws, phone numbers); the others are plain news sentences without any.
"""

from __future__ import annotations

import random

MONTHS = [
    "يناير", "فبراير", "مارس", "أبريل", "ماي", "يونيو", "يوليوز", "غشت", "شتنبر", "أكتوبر",
    "نونبر", "دجنبر", "مايو", "يوليو", "أغسطس", "سبتمبر", "نوفمبر", "ديسمبر", "جانفي",
    "فيفري", "أفريل", "جوان", "جويلية", "أوت", "كانون الثاني", "شباط", "آذار", "نيسان",
    "أيار", "حزيران", "تموز", "آب", "أيلول", "تشرين الأول", "تشرين الثاني", "كانون الأول",
]
HIJRI = ["محرم", "صفر", "ربيع الأول", "رجب", "شعبان", "رمضان", "شوال", "ذي القعدة"]
WEEKDAYS = ["الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"]
WHO = [
    "وزير الصحة", "رئيس الحكومة", "المدير العام للشركة", "الناطق الرسمي باسم الوزارة",
    "رئيس المجلس البلدي", "الأمين العام للنقابة", "سفير الاتحاد الأوروبي", "والي الجهة",
]
WHAT = [
    "المؤتمر الدولي للطاقات المتجددة", "المعرض الوطني للكتاب", "الملتقى الجهوي للتشغيل",
    "الدورة العادية للبرلمان", "مهرجان الموسيقى الأندلسية", "القمة العربية للاستثمار",
    "الحملة الوطنية للتلقيح", "المنتدى الإفريقي للشباب",
]
WHERE = ["الرباط", "الجزائر", "تونس", "القاهرة", "عمان", "بيروت", "الدوحة", "مراكش", "وهران"]
REL = ["أمس", "اليوم", "غدا", "الأسبوع المقبل", "الشهر الماضي", "العام الجاري", "مطلع الشهر القادم"]

TEMPLATES = [
    "أعلن {who} أن {what} سينعقد في {where} يوم {day} {month} {year}.",
    "وأكد {who}، {rel}، أن الاستعدادات جارية لتنظيم {what} بمدينة {where}.",
    "وينظم {what} من {day} إلى {day2} {month} {year} بمشاركة أزيد من {n} خبيرا.",
    "وكانت الحكومة قد صادقت عام {year} على برنامج لدعم المقاولات الصغرى بقيمة {n} مليون درهم.",
    "وأشار {who} إلى أن نسبة النمو بلغت {pct} في المائة خلال سنة {year}.",
    "ويأتي هذا القرار قبل {n} يوما من موعد {what}.",
    "وانطلقت الأشغال يوم {weekday} {day} {month} على الساعة {hour}:{minute} صباحا.",
    "وتم توقيع الاتفاقية في {day} {hijri} {hyear}هـ الموافق {day2} {month} {year}.",
    "وينص القانون رقم {law} على إحداث هيئة مستقلة لمراقبة الأسعار.",
    "وبلغ عدد الزوار {n} ألف زائر حسب أرقام رسمية، مقابل {n2} ألفا في الدورة السابقة.",
    "وقال {who} إن {what} سيعرف مشاركة {n} دولة في {month} المقبل.",
    "وذكر بلاغ للوزارة أن المشروع سيستمر {n} سنوات وسيكلف {n2} مليار دينار.",
    "ويذكر أن {what} أحدث في تسعينيات القرن الماضي بمبادرة من جمعيات المجتمع المدني.",
    "وأوضح {who} أن الاجتماع المقبل سيعقد في {day}/{mm}/{year} بمقر الوزارة في {where}.",
    "ودعا {who} المواطنين إلى الاتصال بالرقم {phone} للاستفسار.",
    "وشهدت {where} ما بين {year} و{year2} ارتفاعا في عدد المشاريع الاستثمارية.",
]

PLAIN = [
    "وأبرز {who} أهمية التنسيق بين مختلف المتدخلين من أجل إنجاح هذا الورش الكبير.",
    "وشدد المتحدث على ضرورة تعزيز الشفافية وتحسين جودة الخدمات المقدمة للمواطنين.",
    "ويهدف {what} إلى تبادل الخبرات وتقاسم التجارب الناجحة بين البلدان المشاركة.",
    "وأوضح {who} أن الحكومة عازمة على مواصلة الإصلاحات الهيكلية رغم الظرفية الصعبة.",
    "من جهتهم، عبر المشاركون عن ارتياحهم للنتائج المحققة ودعوا إلى مضاعفة الجهود.",
    "وتعرف مدينة {where} إقبالا متزايدا من طرف السياح القادمين من مختلف الدول.",
    "وأكدت مصادر مطلعة أن المفاوضات بين الطرفين ما تزال متواصلة في أجواء إيجابية.",
    "وتميز اللقاء بتقديم عروض حول التحديات التي تواجه القطاع والحلول الممكنة لتجاوزها.",
    "وقال {who} في تصريح للصحافة إن الأولوية تبقى لخلق فرص الشغل لفائدة الشباب.",
    "وتضم اللجنة ممثلين عن القطاعات الحكومية والجماعات الترابية والمجتمع المدني.",
    "ويرتقب أن تسهم هذه المبادرة في تحسين ظروف عيش الساكنة القروية بشكل ملموس.",
    "ودعا {who} إلى اعتماد مقاربة تشاركية تراعي خصوصيات كل جهة وحاجياتها.",
    "وحسب المعطيات المتوفرة، فإن نسبة الإنجاز تجاوزت {n} في المائة في عدد من المحاور.",
    "وأشار التقرير إلى أن الطلب الداخلي ظل المحرك الأساسي للنمو الاقتصادي.",
    "كما تم التوقيع على عدة اتفاقيات شراكة بين المؤسسات الجامعية والمقاولات.",
    "وتعمل السلطات المحلية في {where} على تتبع تنفيذ المشاريع المبرمجة عن كثب.",
    "وأثار القرار نقاشا واسعا في صفوف الفاعلين السياسيين والنقابيين.",
    "ويشارك في هذه التظاهرة أزيد من {n2} عارض يمثلون قطاعات متنوعة.",
    "وتسعى الوزارة إلى رقمنة المساطر الإدارية وتبسيطها لفائدة المرتفقين.",
    "وخلص المشاركون إلى مجموعة من التوصيات سترفع إلى الجهات المعنية.",
]
"""Sentences without a date: real news has many more of them than dated ones."""
DATED_SHARE = 0.4
"""About this share of sentences carries a date expression (or a number that is not one)."""


def sentence(rng: random.Random) -> str:
    """One random sentence of news."""
    year = rng.randint(1995, 2025)
    template = rng.choice(TEMPLATES if rng.random() < DATED_SHARE else PLAIN)
    return template.format(
        who=rng.choice(WHO), what=rng.choice(WHAT), where=rng.choice(WHERE),
        rel=rng.choice(REL), month=rng.choice(MONTHS), hijri=rng.choice(HIJRI),
        weekday=rng.choice(WEEKDAYS), day=rng.randint(1, 14), day2=rng.randint(15, 28),
        year=year, year2=year + rng.randint(1, 6), hyear=rng.randint(1420, 1446),
        mm=f"{rng.randint(1, 12):02d}", hour=rng.randint(8, 18), minute=rng.choice(["00", "30"]),
        n=rng.randint(3, 90), n2=rng.randint(100, 900),
        pct=f"{rng.randint(1, 9)},{rng.randint(1, 9)}",
        law=f"{rng.randint(10, 99)}.{rng.randint(10, 20)}",
        phone=f"0{rng.randint(500000000, 799999999)}",
    )


def article(rng: random.Random, sentences: int) -> str:
    """A paragraph-structured article of about ``sentences`` sentences."""
    paragraphs = []
    left = sentences
    while left > 0:
        k = min(left, rng.randint(2, 4))
        paragraphs.append(" ".join(sentence(rng) for _ in range(k)))
        left -= k
    return "\n\n".join(paragraphs) + "\n"


def news_text(chars: int, seed: int = 2022) -> str:
    """About ``chars`` characters of news: articles one after the other."""
    rng = random.Random(seed)
    parts: list[str] = []
    total = 0
    while total < chars:
        part = article(rng, rng.randint(6, 14))
        parts.append(part)
        total += len(part)
    return "".join(parts)[:chars]
