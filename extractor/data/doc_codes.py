"""发文字号 机关代字 → issuing body.

A 发文字号 is 机关代字 + 〔year〕 + serial + 号 (GB/T 9704-2012 §7.2.4). The national
代字 below are the ones in the seeds and corpus/html (中发, 厅字, 国发, 国办发, 国办函,
国办发明电, 国函, 科协发 …) plus the common central ones of the same families. Local
代字 are composed: a place abbreviation (粤, 穗, 皖 …) followed by a body suffix (府,
府办, 委, 委办 …), so 穗府办规 → 广州市人民政府办公厅.
"""

from __future__ import annotations

NATIONAL_CODES: dict[str, str] = {
    "中发": "中共中央", "中办发": "中共中央办公厅", "厅字": "中共中央办公厅", "中办字": "中共中央办公厅",
    "国发": "国务院", "国函": "国务院", "国发明电": "国务院", "国办发": "国务院办公厅", "国办函": "国务院办公厅",
    "国办发明电": "国务院办公厅", "国办秘函": "国务院办公厅", "国令": "国务院",
    "科协发": "中国科协", "科协办发": "中国科协办公厅", "科协函": "中国科协", "科协办函": "中国科协办公厅",
    "科协学发": "中国科协学会学术部", "科协发学字": "中国科协",
    "民发": "民政部", "民函": "民政部", "财社": "财政部", "财教": "财政部", "教发": "教育部",
    "人社部发": "人力资源社会保障部", "国卫医发": "国家卫生健康委员会", "国卫办医发": "国家卫生健康委员会办公厅",
    "发改社会": "国家发展改革委", "发改办": "国家发展改革委办公厅", "国科发": "科技部",
    "医保发": "国家医疗保障局", "退役军人部发": "退役军人事务部",
}

PLACE_ABBREVIATIONS: dict[str, str] = {
    "京": "北京市", "津": "天津市", "沪": "上海市", "渝": "重庆市", "冀": "河北省", "晋": "山西省",
    "辽": "辽宁省", "吉": "吉林省", "黑": "黑龙江省", "苏": "江苏省", "浙": "浙江省", "皖": "安徽省",
    "闽": "福建省", "赣": "江西省", "鲁": "山东省", "豫": "河南省", "鄂": "湖北省", "湘": "湖南省",
    "粤": "广东省", "琼": "海南省", "川": "四川省", "蜀": "四川省", "黔": "贵州省", "贵": "贵州省",
    "滇": "云南省", "云": "云南省", "陕": "陕西省", "甘": "甘肃省", "陇": "甘肃省", "青": "青海省",
    "蒙": "内蒙古自治区", "内蒙": "内蒙古自治区", "桂": "广西壮族自治区", "藏": "西藏自治区",
    "宁": "宁夏回族自治区", "新": "新疆维吾尔自治区",
    # cities and districts met in corpus/html and corpus-dev (洪: 045 洪府发〔2021〕27号, 南昌市人民政府)
    "洪": "南昌市", "穗": "广州市", "深": "深圳市", "杭": "杭州市", "丽": "丽水市", "天河": "广州市天河区", "穗天": "广州市天河区",
}

# One character that abbreviates a province and also a city or county. Its government's 代字 tell
# them apart by their family: a province writes 政 (苏政发, 吉政发: 江苏省, 吉林省人民政府), a city 府
# (苏府〔2021〕88号 is 苏州市人民政府, probes26 h07; 吉府发〔2003〕37号 is 吉安市人民政府, corpus-dev 056).
# 宁 tells nothing: 宁夏 and 南京 both write 宁政发, and 宁府办字 is 宁都县 (probes26 h02), so it is left
# unresolved (None) rather than read as 宁夏. Other suffixes (苏科协发, …) keep the province.
SHARED_PREFIXES: dict[str, dict[str, str | None]] = {
    "苏": {"府": "苏州市", "政": "江苏省"},
    "吉": {"府": "吉安市", "政": "吉林省"},
    "宁": {"府": None, "政": None},
}

# Body suffixes after the place abbreviation, longest first.
BODY_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("府厅发", "人民政府办公厅"), ("府厅字", "人民政府办公厅"),  # 赣府厅发 (corpus-dev 004-007: 江西省人民政府办公厅)
    ("府办规", "人民政府办公厅"), ("府办函", "人民政府办公厅"), ("府办", "人民政府办公厅"),
    ("政办发", "人民政府办公厅"), ("政办", "人民政府办公厅"), ("府规", "人民政府"), ("府函", "人民政府"),
    ("府", "人民政府"), ("政发", "人民政府"), ("政", "人民政府"), ("委办发", "党委办公厅"), ("委办", "党委办公厅"),
    ("委厅", "党委办公厅"), ("委发", "党委"), ("委", "党委"), ("科协发", "科学技术协会"), ("科协", "科学技术协会"),
    ("民规", "民政局"), ("民", "民政局"), ("医保规", "医疗保障局"), ("医保", "医疗保障局"), ("卫规", "卫生健康委员会"),
    ("人社规", "人力资源和社会保障局"), ("人社发", "人力资源和社会保障局"), ("教", "教育局"),
)


def resolve_issuer(code: str) -> str | None:
    """The body behind a 机关代字, or None when it is not known.

    >>> resolve_issuer("中发"), resolve_issuer("国办发"), resolve_issuer("穗府办规")
    ('中共中央', '国务院办公厅', '广州市人民政府办公厅')
    >>> resolve_issuer("皖科协发"), resolve_issuer("XX发") is None, resolve_issuer("中华人民共和国国务院令")
    ('安徽省科学技术协会', True, '国务院')
    >>> resolve_issuer("主席令"), resolve_issuer("国家税务总局公告"), resolve_issuer("财政部令")
    ('中华人民共和国主席', '国家税务总局', '财政部')
    >>> resolve_issuer("国科发才"), resolve_issuer("国科发政")
    ('科技部', '科技部')
    >>> resolve_issuer("苏府"), resolve_issuer("苏政办发"), resolve_issuer("吉府发"), resolve_issuer("宁府办字") is None
    ('苏州市人民政府', '江苏省人民政府办公厅', '吉安市人民政府', True)
    >>> resolve_issuer("苏府办"), resolve_issuer("苏科协发")
    ('苏州市人民政府办公室', '江苏省科学技术协会')
    """
    if code in NATIONAL_CODES:
        return NATIONAL_CODES[code]
    # a ministry's 代字 with the character of the department that drafted it: 国科发才 is 科技部's
    # 人才与科普司 (corpus-dev 068: 国科发才〔2022〕69号), 国科发政 its 政策法规司
    if len(code) >= 3 and code[:-1] in NATIONAL_CODES and code[:-1].endswith(("发", "函", "办")):
        return NATIONAL_CODES[code[:-1]]
    if code.removeprefix("中华人民共和国") == "主席令":
        return "中华人民共和国主席"
    if code.endswith(("令", "公告")) and len(code) > 2:
        # 国家税务总局公告2018年第60号 → 国家税务总局
        # 令 numbers name their body: 中华人民共和国国务院令 → 国务院, 广东省人民政府令 → 广东省人民政府
        return code.removeprefix("中华人民共和国").removesuffix("令").removesuffix("公告")
    for n in (2, 1):
        place = PLACE_ABBREVIATIONS.get(code[:n])
        if place is None:
            continue
        rest = code[n:]
        if n == 1 and code[0] in SHARED_PREFIXES and rest[:1] in SHARED_PREFIXES[code[0]]:
            shared = SHARED_PREFIXES[code[0]][rest[:1]]
            if shared is None:
                return None
            place = shared
        for suffix, body in BODY_SUFFIXES:
            if rest == suffix or (rest.startswith(suffix) and len(rest) - len(suffix) <= 1):
                if place.endswith(("省", "自治区")) and body.removesuffix("局") in _PROVINCIAL_DEPARTMENTS:
                    body = body[:-1] + "厅"  # 浙人社发: 浙江省人力资源和社会保障厅, a province's department (a helper's probe)
                if place.endswith("市") and code[0] in SHARED_PREFIXES:
                    body = body.replace("办公厅", "办公室")  # 苏府办: 苏州市人民政府办公室 (a city's office is 办公室; 广州 is one of the few with a 办公厅)
                return place + body
    return None


# Departments that a province names 厅 where a city names 局 (浙江省人力资源和社会保障厅, 杭州市人力资源和社会保障局)
_PROVINCIAL_DEPARTMENTS = frozenset({
    "人力资源和社会保障", "教育", "财政", "民政", "司法", "自然资源", "生态环境", "住房和城乡建设", "交通运输", "水利",
    "农业农村", "商务", "文化和旅游", "公安", "科学技术",
})


# Short names of bodies as notices print them → the full name (GB/T 9704 asks for the full or
# the standard short name; the gold wants the full form and keeps the printed one as
# ``issuer_as_written``). The short part is replaced where it ends the name or precedes a
# sub-office: 新疆维吾尔自治区质监局 (corpus-dev 021), 贵州省人大常委会 (050), 江西省市场监管局办公室
# (012). 科协 stays: the gold writes 河南省科协办公室 and 中国科协 as printed.
SHORT_FORMS: tuple[tuple[str, str], ...] = (
    ("人大常委会", "人民代表大会常务委员会"),
    ("质监局", "质量技术监督局"),
    ("市场监管局", "市场监督管理局"),
    ("发改委", "发展和改革委员会"),
    ("人社局", "人力资源和社会保障局"),
    ("人社厅", "人力资源和社会保障厅"),
    ("科技厅", "科学技术厅"),  # 省科技厅 in a 福建省科学技术厅 notice (probes31 t12)
    ("科技局", "科学技术局"),
)


def expand_short_form(name: str) -> str:
    """The full form of a body's name, or the name itself.

    >>> expand_short_form("新疆维吾尔自治区质监局"), expand_short_form("江西省市场监管局办公室")
    ('新疆维吾尔自治区质量技术监督局', '江西省市场监督管理局办公室')
    >>> expand_short_form("贵州省人大常委会"), expand_short_form("河南省科协办公室")
    ('贵州省人民代表大会常务委员会', '河南省科协办公室')
    """
    for short, full in SHORT_FORMS:
        k = name.find(short)
        if k > 0 and not name.startswith(full[: len(short)], k):
            rest = name[k + len(short):]
            if rest == "" or rest.startswith(("办公室", "办公厅", "办")):
                return name[:k] + full + rest
    return name
