"""The words demo records are made of: trades (what a supplier makes), name parts, people, and the items
mills import (what a demo need asks for). Plausible, not real: no name here is a real Iranian company."""

from __future__ import annotations

from typing import NamedTuple


class Trade(NamedTuple):
    """A line of business: the words it puts in a company's name and what such a company makes."""

    word_fa: str
    word_en: str
    weight: float
    categories: tuple[str, ...]  # the first is the trade's main category
    processes: tuple[str, ...]
    materials: tuple[str, ...]
    company_type: str
    knowledge_based_share: float
    largest_part_kg: tuple[float, ...]  # empty: parts are not what it makes
    products: tuple[tuple[str, str, str], ...]  # (fa, en, category)


TRADES: tuple[Trade, ...] = (
    Trade("نسوز", "Refractory", 9, (
        "consumables.refractories.shaped", "consumables.refractories.monolithic",
        "consumables.refractories.functional", "consumables.refractories.insulating"),
        (), ("magnesia-carbon", "alumina", "silica", "dolomite", "zirconia"), "manufacturer", 0.15, (), (
        ("آجر منیزیا-کربن", "Magnesia-carbon bricks", "consumables.refractories.shaped"),
        ("جرم ریختنی آلومینایی", "Alumina castable", "consumables.refractories.monolithic"),
        ("نازل و صفحهٔ اسلاید گیت", "Nozzles and slide-gate plates", "consumables.refractories.functional"),
        ("آجر عایق سبک", "Lightweight insulating bricks", "consumables.refractories.insulating"))),
    Trade("الکترود گرافیتی", "Graphite Electrode", 2, (
        "consumables.graphite_electrodes.uhp", "consumables.graphite_electrodes.hp",
        "consumables.graphite_electrodes.paste"),
        ("machining",), ("needle coke", "graphite"), "manufacturer", 0.4, (), (
        ("الکترود گرافیتی UHP", "UHP graphite electrodes", "consumables.graphite_electrodes.uhp"),
        ("خمیر الکترود", "Electrode paste", "consumables.graphite_electrodes.paste"))),
    Trade("فروآلیاژ", "Ferroalloy", 3, (
        "consumables.ferroalloys.ferrosilicon", "consumables.ferroalloys.ferromanganese",
        "consumables.ferroalloys.silicomanganese", "consumables.ferroalloys.ferrochrome",
        "consumables.ferroalloys.ferromolybdenum"),
        (), ("ferrosilicon", "ferromanganese", "silicomanganese"), "manufacturer", 0.1, (), (
        ("فروسیلیسیم ۷۵٪", "Ferrosilicon 75%", "consumables.ferroalloys.ferrosilicon"),
        ("فرومنگنز پرکربن", "High-carbon ferromanganese", "consumables.ferroalloys.ferromanganese"))),
    Trade("آهک صنعتی", "Industrial Lime", 2, ("consumables.fluxes.lime", "consumables.fluxes.dolomite"),
        (), ("lime", "dolomite"), "manufacturer", 0.05, (), (
        ("آهک کلسینه", "Calcined lime", "consumables.fluxes.lime"),
        ("دولومیت پخته", "Burnt dolomite", "consumables.fluxes.dolomite"))),
    Trade("مواد شیمیایی صنعتی", "Industrial Chemicals", 2, (
        "consumables.mould_powders", "consumables.cored_wire", "consumables.carbon_raisers", "consumables.chemicals"),
        (), ("calcium silicide", "graphite"), "manufacturer", 0.35, (), (
        ("پودر قالب ریخته‌گری مداوم", "Mould powder", "consumables.mould_powders"),
        ("سیم توپودری کلسیم-سیلیسیم", "CaSi cored wire", "consumables.cored_wire"))),
    Trade("ریخته‌گری", "Foundry", 8, (
        "mechanical.spare_parts.castings", "mechanical.spare_parts", "consumables.grinding_media",
        "mechanical.rolls.section"),
        ("casting", "heat_treatment", "machining"),
        ("cast steel", "ductile iron", "high-chrome iron", "manganese steel"),
        "manufacturer", 0.15, (500, 2000, 5000, 12000, 25000), (
        ("قطعات ریختگی فولادی", "Steel castings", "mechanical.spare_parts.castings"),
        ("گلولهٔ آسیای پرکروم", "High-chrome grinding balls", "consumables.grinding_media"))),
    Trade("آهنگری", "Forging", 3, ("mechanical.spare_parts.forgings", "mechanical.spare_parts", "mechanical.gearboxes"),
        ("forging", "heat_treatment", "machining"), ("42CrMo4", "34CrNiMo6", "C45"), "manufacturer", 0.15,
        (200, 1000, 5000, 15000), (
        ("شفت و محور آهنگری", "Forged shafts", "mechanical.spare_parts.forgings"),
        ("چرخ‌دندهٔ آهنگری", "Forged gears", "mechanical.gearboxes"))),
    Trade("ماشین‌سازی", "Machine Works", 8, (
        "mechanical.spare_parts.machined", "mechanical.spare_parts", "mechanical.hydraulics.cylinders",
        "mechanical.gearboxes", "mechanical.caster_parts"),
        ("machining", "welding", "assembly", "repair", "reverse_engineering"), ("42CrMo4", "stainless steel", "bronze"),
        "custom_manufacturer", 0.25, (100, 500, 2000, 8000), (
        ("قطعات ماشین‌کاری دقیق", "Precision machined parts", "mechanical.spare_parts.machined"),
        ("تعمیر و بازسازی قطعات", "Part repair and rebuilding", "mechanical.spare_parts"))),
    Trade("غلتک‌سازی", "Roll", 3, (
        "mechanical.rolls.work", "mechanical.rolls.backup", "mechanical.rolls.caster", "mechanical.rolls.section"),
        ("casting", "forging", "machining", "heat_treatment", "coating"), ("high-chrome iron", "HSS", "forged steel"),
        "manufacturer", 0.3, (5000, 20000, 40000, 80000), (
        ("غلتک کاری نورد گرم", "Hot-mill work rolls", "mechanical.rolls.work"),
        ("غلتک‌های سگمنت ریخته‌گری", "Caster segment rolls", "mechanical.rolls.caster"))),
    Trade("یاتاقان", "Bearing", 2, ("mechanical.bearings",), ("machining", "heat_treatment", "repair"),
        ("bearing steel", "babbitt"), "manufacturer", 0.2, (50, 500, 2000), (
        ("یاتاقان غلتکی", "Roller bearings", "mechanical.bearings"),
        ("بازسازی یاتاقان", "Bearing reconditioning", "mechanical.bearings"))),
    Trade("هیدرولیک", "Hydraulics", 4, (
        "mechanical.hydraulics.cylinders", "mechanical.hydraulics.pumps", "mechanical.hydraulics.valves"),
        ("machining", "assembly", "repair"), ("chrome-plated steel",), "manufacturer", 0.3, (50, 500, 3000), (
        ("جک هیدرولیک", "Hydraulic cylinders", "mechanical.hydraulics.cylinders"),
        ("تعمیر پمپ هیدرولیک", "Hydraulic pump repair", "mechanical.hydraulics.pumps"))),
    Trade("گیربکس", "Gearbox", 2, ("mechanical.gearboxes",), ("machining", "heat_treatment", "assembly", "repair"),
        ("18CrNiMo7-6",), "manufacturer", 0.2, (500, 5000, 20000), (
        ("گیربکس صنعتی", "Industrial gearboxes", "mechanical.gearboxes"),)),
    Trade("شیرآلات صنعتی", "Industrial Valve", 2, ("mechanical.pumps_valves", "mechanical.seals"),
        ("casting", "machining", "assembly"), ("cast steel", "stainless steel"), "manufacturer", 0.15, (50, 500), (
        ("شیر دروازه‌ای", "Gate valves", "mechanical.pumps_valves"),
        ("آب‌بند مکانیکی", "Mechanical seals", "mechanical.seals"))),
    Trade("ماشین‌آلات", "Machinery", 3, ("mechanical.cranes", "mechanical.conveyors"),
        ("fabrication", "welding", "assembly"), ("structural steel",), "manufacturer", 0.1, (5000, 30000), (
        ("جرثقیل سقفی", "Overhead cranes", "mechanical.cranes"),
        ("نوار نقاله", "Belt conveyors", "mechanical.conveyors"))),
    Trade("اتوماسیون صنعتی", "Industrial Automation", 5, (
        "electrical.automation.plc", "electrical.automation.dcs_scada", "electrical.drives.ac", "electrical.drives.dc",
        "electrical.automation"),
        ("design", "software", "assembly", "repair"), (), "engineering", 0.6, (), (
        ("تعمیر کارت‌های کنترل", "Control card repair", "electrical.automation.plc"),
        ("سامانهٔ SCADA", "SCADA systems", "electrical.automation.dcs_scada"),
        ("درایو AC", "AC drives", "electrical.drives.ac"))),
    Trade("الکتروموتور", "Electric Motor", 2, ("electrical.motors",), ("assembly", "repair"), ("copper",),
        "manufacturer", 0.15, (100, 2000, 10000), (
        ("سیم‌پیچی و تعمیر الکتروموتور", "Motor rewinding and repair", "electrical.motors"),)),
    Trade("ابزار دقیق", "Instrumentation", 3, ("electrical.instrumentation",), ("design", "assembly"), (),
        "manufacturer", 0.5, (), (
        ("پراب اندازه‌گیری دما و نمونه‌گیری", "Temperature and sampling probes", "electrical.instrumentation"),
        ("فلومتر", "Flowmeters", "electrical.instrumentation"))),
    Trade("تابلو برق", "Switchgear", 3, ("electrical.switchgear", "electrical.cables", "electrical.transformers"),
        ("design", "assembly"), ("copper",), "manufacturer", 0.2, (), (
        ("تابلو برق فشار متوسط", "Medium-voltage switchgear", "electrical.switchgear"),
        ("ترانسفورماتور", "Transformers", "electrical.transformers"))),
    Trade("پوشش‌های صنعتی", "Industrial Coatings", 2, ("advanced_technology.advanced_coatings", "consumables.welding"),
        ("coating", "welding", "repair"), ("tungsten carbide", "stellite"), "service", 0.45, (1000, 10000), (
        ("سخت‌کاری غلتک‌های میز", "Hardfacing of table rolls", "advanced_technology.advanced_coatings"),
        ("پوشش پاششی حرارتی", "Thermal spray coating", "advanced_technology.advanced_coatings"))),
    Trade("مهندسی معکوس", "Reverse Engineering", 3, (
        "advanced_technology.engineering_design", "mechanical.spare_parts", "mechanical.spare_parts.machined"),
        ("reverse_engineering", "design", "machining"), (), "engineering", 0.7, (500, 5000), (
        ("مهندسی معکوس قطعات یدکی", "Reverse engineering of spare parts", "advanced_technology.engineering_design"),)),
    Trade("نرم‌افزار صنعتی", "Industrial Software", 2, (
        "advanced_technology.industrial_software", "advanced_technology.process_models"),
        ("software", "design"), (), "engineering", 0.9, (), (
        ("سامانهٔ MES", "MES", "advanced_technology.industrial_software"),
        ("مدل کنترل نورد", "Rolling mill setup models", "advanced_technology.process_models"))),
    Trade("رباتیک و بینایی ماشین", "Robotics and Vision", 1, (
        "advanced_technology.robotics", "advanced_technology.machine_vision"),
        ("design", "software", "assembly"), (), "engineering", 0.9, (), (
        ("سامانهٔ بازرسی سطح ورق", "Strip surface inspection", "advanced_technology.machine_vision"),
        ("ربات نمونه‌برداری کوره", "Furnace sampling robot", "advanced_technology.robotics"))),
    Trade("بازرگانی", "Trading", 4, (
        "mechanical.bearings", "electrical.automation.plc", "consumables.ferroalloys", "mechanical.hydraulics.valves",
        "raw_materials.coal_coke", "raw_materials.non_ferrous"),
        (), (), "distributor", 0.0, (), (
        ("تأمین قطعات یدکی", "Spare part supply", "mechanical.spare_parts"),)),
    Trade("مواد اولیه", "Raw Materials", 2, (
        "raw_materials.scrap", "raw_materials.iron_ore", "raw_materials.coal_coke", "raw_materials.industrial_gases"),
        (), ("scrap", "iron ore concentrate"), "distributor", 0.0, (), (
        ("قراضهٔ دسته‌بندی‌شده", "Graded steel scrap", "raw_materials.scrap"),
        ("اکسیژن و نیتروژن مایع", "Liquid oxygen and nitrogen", "raw_materials.industrial_gases"))),
)  # fmt: skip

#: How a company's name is put together: (Persian, English), with {trade} and {brand}.
NAME_PATTERNS: tuple[tuple[str, str, float], ...] = (
    ("صنایع {trade} {brand}", "{brand} {trade} Industries", 4),
    ("شرکت {trade} {brand}", "{brand} {trade} Co.", 3),
    ("{trade} {brand}", "{brand} {trade}", 2),
    ("تولیدی {trade} {brand}", "{brand} {trade} Manufacturing", 2),
    ("مهندسی {trade} {brand}", "{brand} {trade} Engineering", 1.5),
    ("گروه صنعتی {brand}", "{brand} Industrial Group", 1),
    ("فن‌آوران {trade} {brand}", "{brand} {trade} Technologies", 1),
)

BRANDS: tuple[tuple[str, str], ...] = (
    ("پارس", "Pars"), ("آریا", "Arya"), ("سپاهان", "Sepahan"), ("البرز", "Alborz"), ("دماوند", "Damavand"),
    ("زاگرس", "Zagros"), ("کاوه", "Kaveh"), ("ایرانیان", "Iranian"), ("نوین", "Novin"), ("پیشرو", "Pishro"),
    ("آذر", "Azar"), ("خزر", "Khazar"), ("توس", "Toos"), ("کویر", "Kavir"), ("هامون", "Hamoun"),
    ("سهند", "Sahand"), ("سبلان", "Sabalan"), ("الوند", "Alvand"), ("دنا", "Dena"), ("بیستون", "Bistoon"),
    ("ارس", "Aras"), ("کارون", "Karoun"), ("زاینده", "Zayandeh"), ("نقش جهان", "Naghsh-e Jahan"),
    ("پولادین", "Pouladin"), ("صنعت‌گستر", "Sanat Gostar"), ("تکین", "Takin"), ("ستاره", "Setareh"),
    ("رادین", "Radin"), ("آرمان", "Arman"), ("امید", "Omid"), ("بهین", "Behin"), ("پرتو", "Partow"),
    ("کیان", "Kian"), ("ماهان", "Mahan"), ("آتیه", "Atiyeh"), ("سامان", "Saman"), ("تابان", "Taban"),
    ("درخشان", "Derakhshan"), ("شایان", "Shayan"), ("آرین", "Arian"), ("یکتا", "Yekta"), ("فراز", "Faraz"),
    ("پارسیان", "Parsian"), ("هیربد", "Hirbod"), ("مهرگان", "Mehregan"), ("نیکان", "Nikan"), ("پویا", "Pouya"),
    ("سپهر", "Sepehr"), ("آسمان", "Aseman"), ("گستر", "Gostar"), ("بنیان", "Bonyan"), ("راد", "Rad"),
    ("افق", "Ofogh"), ("نگین", "Negin"), ("اطلس", "Atlas"), ("ارغوان", "Arghavan"), ("سینا", "Sina"),
    ("دانا", "Dana"), ("آفتاب", "Aftab"),
)  # fmt: skip

FIRST_NAMES: tuple[tuple[str, str], ...] = (
    ("علی", "Ali"), ("محمد", "Mohammad"), ("رضا", "Reza"), ("حسین", "Hossein"), ("مهدی", "Mahdi"),
    ("سارا", "Sara"), ("مریم", "Maryam"), ("زهرا", "Zahra"), ("فاطمه", "Fatemeh"), ("نرگس", "Narges"),
    ("امیر", "Amir"), ("حمید", "Hamid"), ("سعید", "Saeed"), ("مجید", "Majid"), ("لیلا", "Leila"),
    ("مهسا", "Mahsa"), ("بهروز", "Behrouz"), ("کاوه", "Kaveh"), ("نسرین", "Nasrin"), ("پریسا", "Parisa"),
)  # fmt: skip
LAST_NAMES: tuple[tuple[str, str], ...] = (
    ("رضایی", "Rezaei"), ("محمدی", "Mohammadi"), ("حسینی", "Hosseini"), ("احمدی", "Ahmadi"), ("کریمی", "Karimi"),
    ("موسوی", "Mousavi"), ("جعفری", "Jafari"), ("صادقی", "Sadeghi"), ("رحیمی", "Rahimi"), ("اکبری", "Akbari"),
    ("نوری", "Nouri"), ("قاسمی", "Ghasemi"), ("کاظمی", "Kazemi"), ("تهرانی", "Tehrani"), ("اصفهانی", "Esfahani"),
    ("یزدانی", "Yazdani"), ("شریفی", "Sharifi"), ("بهرامی", "Bahrami"), ("فرهادی", "Farhadi"), ("امینی", "Amini"),
)  # fmt: skip
CONTACT_ROLES: tuple[tuple[str, str], ...] = (
    ("مدیر عامل", "Managing director"), ("مدیر فروش", "Sales manager"), ("مدیر فنی", "Technical manager"),
    ("کارشناس بازرگانی", "Commercial officer"), ("مدیر کیفیت", "Quality manager"),
)  # fmt: skip

#: Certificates (scheme, share of suppliers holding one, validity in years).
CERTIFICATES: tuple[tuple[str, float, int], ...] = (
    ("ISO 9001", 0.68, 3),
    ("ISO 14001", 0.3, 3),
    ("ISO 45001", 0.25, 3),
    ("INSO standard mark", 0.15, 2),
    ("IATF 16949", 0.04, 3),
)
#: Invented issuers: a demo certificate must not look like a real body's.
ISSUERS: tuple[str, ...] = ("Demo Certification Body A", "Demo Certification Body B", "Demo Certification Body C")


class NeedItem(NamedTuple):
    """Something mills import that a demo need can ask for."""

    item_fa: str
    item_en: str
    category: str
    oems: tuple[str, ...]
    unit: str
    qty: tuple[float, float]
    eur_per_unit: tuple[float, float]
    origins: tuple[str, ...]
    processes: tuple[str, ...]
    part_weight_kg: tuple[float, float] | None


NEED_ITEMS: tuple[NeedItem, ...] = (
    NeedItem("آجر منیزیا-کربن پاتیل", "Magnesia-carbon ladle bricks", "consumables.refractories.shaped",
             ("RHI Magnesita", "Refratechnik"), "t", (300, 3000), (900, 1500), ("AT", "DE", "CN"), (), None),
    NeedItem("جرم ریختنی تاندیش", "Tundish castable", "consumables.refractories.monolithic",
             ("Calderys", "Vesuvius"), "t", (100, 1200), (700, 1300), ("FR", "GB", "CN"), (), None),
    NeedItem("صفحات اسلاید گیت پاتیل", "Ladle slide-gate plates", "consumables.refractories.functional",
             ("Vesuvius", "RHI Magnesita"), "piece", (500, 6000), (80, 250), ("GB", "AT"), (), None),
    NeedItem("الکترود گرافیتی UHP قطر ۶۰۰ میلی‌متر", "UHP graphite electrode, 600 mm",
             "consumables.graphite_electrodes.uhp",
             ("Showa Denko", "GrafTech", "HEG"), "t", (500, 6000), (3500, 7000), ("JP", "US", "IN", "CN"), (), None),
    NeedItem("فروسیلیسیم ۷۵٪", "Ferrosilicon 75%", "consumables.ferroalloys.ferrosilicon",
             ("Elkem", "Ferroglobe"), "t", (500, 5000), (1400, 2000), ("CN", "RU", "UA"), (), None),
    NeedItem("فرومنگنز پرکربن", "High-carbon ferromanganese", "consumables.ferroalloys.ferromanganese",
             ("Eramet",), "t", (500, 8000), (1000, 1500), ("CN", "IN", "UA"), (), None),
    NeedItem("پودر قالب ریخته‌گری مداوم اسلب", "Slab caster mould powder", "consumables.mould_powders",
             ("Stollberg", "Imerys"), "t", (200, 1500), (600, 1200), ("DE", "BR", "CN"), (), None),
    NeedItem("سیم توپودری کلسیم-سیلیسیم", "Calcium-silicon cored wire", "consumables.cored_wire",
             ("Affival", "Injection Alloys"), "t", (100, 900), (1800, 2600), ("FR", "GB", "CN"), (), None),
    NeedItem("گلولهٔ آسیای پرکروم", "High-chrome grinding balls", "consumables.grinding_media",
             ("Magotteaux", "ME Elecmetal"), "t", (500, 6000), (1100, 1600), ("BE", "CN"), ("casting",), None),
    NeedItem("غلتک کاری قفسهٔ نهایی نورد گرم", "Hot strip finishing work roll", "mechanical.rolls.work",
             ("Gontermann-Peipers", "Åkers", "Kubota"), "piece", (20, 120), (30000, 60000), ("DE", "SE", "JP", "CN"),
             ("casting", "machining", "heat_treatment"), (8000, 20000)),
    NeedItem("غلتک پشتیبان قفسهٔ نورد", "Mill stand backup roll", "mechanical.rolls.backup",
             ("Åkers", "Doosan"), "piece", (4, 20), (150000, 400000), ("SE", "KR", "IT"),
             ("forging", "machining", "heat_treatment"), (40000, 90000)),
    NeedItem("غلتک‌های سگمنت ماشین ریخته‌گری", "Caster segment rolls", "mechanical.rolls.caster",
             ("SMS", "Danieli"), "piece", (100, 800), (2500, 8000), ("DE", "IT"), ("forging", "machining", "coating"),
             (500, 2500)),
    NeedItem("بلبرینگ غلتکی چهارردیفهٔ قفسهٔ نورد", "Four-row roller bearing for mill stands", "mechanical.bearings",
             ("SKF", "Timken", "NSK"), "piece", (10, 200), (8000, 40000), ("SE", "US", "JP"),
             ("machining", "heat_treatment"), (300, 3000)),
    NeedItem("جک هیدرولیک AGC", "AGC hydraulic cylinder", "mechanical.hydraulics.cylinders",
             ("Bosch Rexroth", "Parker"), "piece", (2, 20), (40000, 120000), ("DE", "US"), ("machining", "assembly"),
             (1000, 8000)),
    NeedItem("شیر سروو هیدرولیک", "Hydraulic servo valve", "mechanical.hydraulics.valves",
             ("Moog", "Bosch Rexroth"), "piece", (10, 120), (3000, 9000), ("US", "DE"), ("machining", "assembly"),
             None),
    NeedItem("گیربکس قفسهٔ نورد", "Mill stand gearbox", "mechanical.gearboxes",
             ("Flender", "SEW-Eurodrive"), "set", (1, 6), (150000, 600000), ("DE",),
             ("machining", "heat_treatment", "assembly"), (8000, 40000)),
    NeedItem("لولهٔ قالب مسی ریخته‌گری مداوم بیلت", "Billet caster copper mould tube", "mechanical.caster_parts",
             ("KME", "Danieli"), "piece", (100, 1200), (2500, 6000), ("DE", "IT"), ("machining", "coating"), (80, 400)),
    NeedItem("میله‌های رندهٔ ماشین گندله‌سازی", "Pellet plant grate bars", "mechanical.spare_parts.castings",
             ("Metso", "Outotec"), "piece", (5000, 60000), (15, 60), ("FI", "CN"), ("casting", "heat_treatment"),
             (5, 20)),
    NeedItem("چرخ‌دندهٔ محیطی آسیای گلوله‌ای", "Ball mill girth gear", "mechanical.spare_parts.castings",
             ("FLSmidth",), "piece", (1, 4), (200000, 700000), ("DK", "DE"), ("casting", "machining", "heat_treatment"),
             (20000, 60000)),
    NeedItem("شفت رانش قفسهٔ نورد", "Mill spindle shaft", "mechanical.spare_parts.forgings",
             ("SMS", "Primetals"), "piece", (2, 20), (20000, 90000), ("DE", "AT"), ("forging", "machining"),
             (2000, 12000)),
    NeedItem("نوار نقالهٔ مقاوم به حرارت", "Heat-resistant conveyor belt", "mechanical.conveyors",
             ("Fenner Dunlop", "ContiTech"), "m", (500, 5000), (60, 180), ("NL", "DE"), (), None),
    NeedItem("آب‌بند مکانیکی پمپ آب خنک‌کاری", "Cooling-water pump mechanical seal", "mechanical.seals",
             ("John Crane", "EagleBurgmann"), "piece", (50, 600), (800, 4000), ("GB", "DE"), ("machining",), None),
    NeedItem("درایو AC ولتاژ متوسط", "Medium-voltage AC drive", "electrical.drives.ac",
             ("Siemens", "ABB"), "set", (1, 12), (80000, 350000), ("DE", "CH", "FI"), ("design", "assembly"), None),
    NeedItem("کارت‌های کنترل PLC", "PLC control cards", "electrical.automation.plc",
             ("Siemens", "Schneider Electric"), "piece", (20, 400), (800, 6000), ("DE", "FR"), (), None),
    NeedItem("سامانهٔ تنظیم الکترود کورهٔ قوس", "EAF electrode regulation system", "electrical.automation.dcs_scada",
             ("Danieli", "Primetals"), "set", (1, 3), (200000, 600000), ("IT", "AT"), ("design", "software"), None),
    NeedItem("الکتروموتور DC غلتک‌های میز", "Roller-table DC motor", "electrical.motors",
             ("Siemens", "ABB"), "piece", (20, 300), (3000, 15000), ("DE", "CH"), ("assembly",), (100, 1500)),
    NeedItem("پراب اندازه‌گیری دما و نمونه‌گیری", "Temperature and sampling probes", "electrical.instrumentation",
             ("Heraeus Electro-Nite",), "piece", (20000, 300000), (2, 8), ("BE", "DE"), (), None),
    NeedItem("ترانسفورماتور کورهٔ قوس الکتریکی", "EAF transformer", "electrical.transformers",
             ("Tamini", "Siemens Energy"), "set", (1, 2), (1500000, 4000000), ("IT", "DE"), ("design", "assembly"),
             None),
    NeedItem("سامانهٔ بازرسی سطح ورق", "Strip surface inspection system", "advanced_technology.machine_vision",
             ("Parsytec", "ISRA Vision"), "set", (1, 2), (400000, 900000), ("DE",), ("design", "software"), None),
    NeedItem("مدل تنظیم نورد گرم", "Hot-mill setup model", "advanced_technology.process_models",
             ("Primetals", "SMS"), "set", (1, 1), (300000, 800000), ("AT", "DE"), ("software",), None),
    NeedItem("سخت‌کاری غلتک‌های میز", "Hardfacing of table rolls", "advanced_technology.advanced_coatings",
             ("Castolin Eutectic",), "piece", (100, 1500), (400, 1500), ("CH", "AT"), ("coating", "welding"), None),
)  # fmt: skip
