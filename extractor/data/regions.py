"""Administrative divisions and national bodies, for deciding a notice's level.

Sources: the 34 provincial-level divisions of the PRC (GB/T 2260), with their short
names as used in issuer names (广东省 / 粤 is not used here: only full prefixes); the
national party, state and people's-organisation bodies that issue notices of the
kind polex reads (中共中央, 国务院 and its ministries and commissions, 中国科协 …).
"""

from __future__ import annotations

PROVINCES: tuple[str, ...] = (
    "北京市", "天津市", "上海市", "重庆市",  # municipalities directly under the central government
    "河北省", "山西省", "辽宁省", "吉林省", "黑龙江省", "江苏省", "浙江省", "安徽省", "福建省",
    "江西省", "山东省", "河南省", "湖北省", "湖南省", "广东省", "海南省", "四川省", "贵州省",
    "云南省", "陕西省", "甘肃省", "青海省", "台湾省",
    "内蒙古自治区", "广西壮族自治区", "西藏自治区", "宁夏回族自治区", "新疆维吾尔自治区",
    "香港特别行政区", "澳门特别行政区",
)
MUNICIPALITIES_DIRECT: tuple[str, ...] = ("北京市", "天津市", "上海市", "重庆市")

# Prefixes of national issuers. A ministry name alone (教育部, 民政部 …) is national
# when no place name precedes it; that is checked by the level rules.
NATIONAL_PREFIXES: tuple[str, ...] = (
    "中共中央", "中央", "国务院", "全国人民代表大会", "全国人大", "全国政协", "最高人民法院",
    "最高人民检察院", "中国科协", "中国科学技术协会", "中华人民共和国", "国家", "中央军委",
    "中国人民银行", "海关总署", "国家税务总局", "中华全国总工会", "共青团中央", "全国妇联",
    "中国科学院", "中国工程院", "中国社会科学院",  # academies directly under the State Council
)
NATIONAL_MINISTRIES: tuple[str, ...] = (
    "外交部", "国防部", "国家发展改革委", "国家发展和改革委员会", "教育部", "科学技术部", "科技部",
    "工业和信息化部", "工信部", "国家民委", "公安部", "国家安全部", "民政部", "司法部", "财政部",
    "人力资源社会保障部", "人力资源和社会保障部", "人社部", "自然资源部", "生态环境部",
    "住房城乡建设部", "住房和城乡建设部", "交通运输部", "水利部", "农业农村部", "商务部",
    "文化和旅游部", "国家卫生健康委", "国家卫生健康委员会", "卫生部", "退役军人事务部", "退役军人部",
    "应急管理部", "审计署", "国务院国资委", "市场监管总局", "国家市场监督管理总局", "广电总局",
    "体育总局", "统计局", "国家医保局", "国家知识产权局", "国管局",
    # former ministries whose 令 are still cited (《最低工资规定》（劳动和社会保障部令第21号）, probes30 h04)
    "劳动和社会保障部", "劳动保障部", "国家计划委员会", "国家经济贸易委员会",
)

# Cities met in the corpus and the province they belong to (for an issuer's parent body).
CITY_PROVINCE: dict[str, str] = {
    "广州市": "广东省", "深圳市": "广东省", "丽水市": "浙江省", "杭州市": "浙江省", "合肥市": "安徽省",
}
