"""The administrative level of an issuing body (national, provincial, municipal, county).

Reference data and the rule that reads it live together here, below every stage, so that the
metadata stage, the store and the graph all decide a level the same way.
"""

from __future__ import annotations

import re

from typing import TYPE_CHECKING

from extractor.data import regions

if TYPE_CHECKING:  # an annotation only: reading a store must not import pydantic (issue 18)
    from extractor.model import Level


def classify_level(issuer: str) -> tuple[Level, str]:
    """Administrative level of an issuing body, with the reason.

    >>> classify_level("安徽省科协")
    ('provincial', "'安徽省' is a provincial-level division")
    >>> classify_level("广州市天河区教育局")[0], classify_level("**市科协")[0], classify_level("中国科协办公厅")[0]
    ('county', 'municipal', 'national')
    >>> classify_level("北京市海淀区科协")[0], classify_level("国务院办公厅")[0]
    ('county', 'national')
    >>> [classify_level(n)[0] for n in ("延边朝鲜族自治州人民政府", "锡林郭勒盟行政公署", "长阳土家族自治县人民政府", "鄂温克族自治旗人民政府")]
    ['municipal', 'municipal', 'county', 'county']
    """
    name = issuer.removeprefix("中共").strip()
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
    # prefecture-level divisions that are not called 市: 自治州, 州, 盟, 地区 (行政公署)
    m = re.match(r"^([\u4e00-\u9fff]{1,10}?(?:自治州|州|盟|地区))(?:人民政府|政府|行政公署|行署|委|科协|[\u4e00-\u9fff]{0,8}局)", name)
    if m and len(m.group(1)) > 2:
        return "municipal", f"'{m.group(1)}' is a prefecture-level division"
    if re.match(r"^[\u4e00-\u9fff*X]{0,8}?市", name):
        city = re.match(r"^[\u4e00-\u9fff*X]{0,8}?市", name).group(0)
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
