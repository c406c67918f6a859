"""Policy vocabulary: modal words, comparators, units, actors, masks.

Every list says where it came from. The modal and comparator sets follow the issue
brief and the drafting conventions of 《党政机关公文处理工作条例》 practice
(以上/以下/以内 include the number, 超过/不足/不满 exclude it — as in 民法典 §1259).
The actor and organisation words come from the seeds (中国科协 要点, 安徽 实施意见,
市科协 方案) and the gov.cn / gz.gov.cn pages in corpus/html.
"""

from __future__ import annotations

# (word, modality). Longest match wins, so 不得 is never read as 得, 可以 never as 可.
MODAL_WORDS: tuple[tuple[str, str], ...] = (
    # prohibition
    ("不得", "prohibition"), ("严禁", "prohibition"), ("禁止", "prohibition"), ("不准", "prohibition"),
    ("不宜", "prohibition"), ("杜绝", "prohibition"),  # not 不能: 对不能正常履职的理事 describes, it does not forbid
    # obligation
    ("必须", "obligation"), ("务必", "obligation"), ("应当", "obligation"), ("应该", "obligation"),
    ("确保", "obligation"), ("须", "obligation"), ("应", "obligation"), ("要", "obligation"),
    ("应有", "obligation"), ("需", "obligation"), ("需要", "obligation"), ("应予", "obligation"),
    ("请", "obligation"),  # seed 001: the covering 通知 closes with 请结合实际认真贯彻落实
    # recommendation (soft limits)
    ("一般", "recommendation"), ("原则上", "recommendation"), ("争取", "recommendation"),
    # encouragement
    ("鼓励", "encouragement"), ("支持", "encouragement"), ("提倡", "encouragement"),
    ("积极", "encouragement"), ("努力", "encouragement"), ("倡导", "encouragement"),
    # permission
    ("可", "permission"), ("可以", "permission"), ("适当放宽", "permission"), ("允许", "permission"),
)
# A clause with several modal words takes the strongest one.
MODALITY_RANK: dict[str, int] = {"prohibition": 5, "obligation": 4, "permission": 3, "recommendation": 2, "encouragement": 1}

# Comparator words around a quantity. Before the number:
COMPARATOR_BEFORE: tuple[tuple[str, str], ...] = (
    # negated modal + comparator first: 不得低于80% is a floor, not "< 80" (corpus 07, 15)
    ("不得超过", "<="), ("不得高于", "<="), ("不得多于", "<="), ("不得大于", "<="), ("不应超过", "<="), ("不宜超过", "<="),
    ("不能超过", "<="), ("不得低于", ">="), ("不得少于", ">="), ("不得小于", ">="), ("不应低于", ">="), ("不应少于", ">="),
    ("≤", "<="), ("≥", ">="), ("＜", "<"), ("＞", ">"),
    ("不超过", "<="), ("不高于", "<="), ("不多于", "<="), ("不大于", "<="), ("最多", "<="), ("至多", "<="),
    ("不少于", ">="), ("不低于", ">="), ("不小于", ">="), ("至少", ">="), ("最少", ">="), ("达到", ">="),
    ("达", ">="), ("不足", "<"), ("少于", "<"), ("低于", "<"), ("小于", "<"), ("未满", "<"), ("不满", "<"),
    ("未达到", "<"), ("超过", ">"), ("高于", ">"), ("多于", ">"), ("大于", ">"), ("超", ">"),
    ("约", "=="), ("大约", "=="),  # not 近: 近5年内 is a look-back window (corpus 14), not "nearly"
    ("最高", "<="), ("最低", ">="), ("最长", "<="), ("最短", ">="),
    # corpus-dev gold README: 未逾/限 include the number (<=), 满/届满 are reached (>=);
    # 提前 states a lead time, at least so long before (corpus-dev 019: 提前6个月提醒)
    ("未逾", "<="), ("不逾", "<="), ("限推荐", "<="), ("限报", "<="), ("只限", "<="), ("限额", "<="), ("延长", "<="), ("满", ">="), ("届满", ">="), ("年满", ">="),
    ("提前", ">="),
)
# ... and after it (以上(含)/以下 include the number).
COMPARATOR_AFTER: tuple[tuple[str, str], ...] = (
    ("以上", ">="), ("及以上", ">="), ("以下", "<="), ("及以下", "<="), ("以内", "<="), ("之内", "<="),
    ("左右", "=="), ("上下", "=="), ("以外", ">"),
    ("或以上", ">="), ("或以下", "<="),  # 两个或以上渠道 (corpus-dev 070)
)
APPROXIMATE_WORDS: frozenset[str] = frozenset({"约", "大约", "左右", "上下"})
# Growth wording turns a percentage into a growth target against a baseline.
GROWTH_WORDS: tuple[str, ...] = ("增加", "增长", "提高", "提升", "增幅", "增速", "扩大", "上升")
HEDGE_WORDS: tuple[str, ...] = ("一般", "原则上", "争取", "力争", "基本")

# Units and classifiers after a number (longest first when matched). 人/名/个 … counts;
# money, area, time. Seeds and corpus pages (gz.gov.cn 救助 and 养老 standards).
UNITS: tuple[str, ...] = (
    "美元", "万元", "亿元", "千元", "元/人", "元", "平方米", "公里", "千米", "米", "公顷", "亩",
    "个工作日", "工作日", "个月", "个小时", "个星期", "周岁", "岁", "年", "月", "天", "日", "小时", "分钟", "周", "学时", "课时",
    "个百分点", "百分点", "分", "㎡", "间", "类",
    "毫米", "厘米", "公斤", "千克", "吨", "克", "毫升", "升",  # 厚度低于0.01毫米的地膜 (corpus 06)
    "拷贝/ml",
)
# Latin-letter units of clinical and technical standards (corpus 17: 血糖≥11.1mmol/L, Ccr≤10ml/min);
# matched only when no further letter follows, so 5G or www never read as units
LATIN_UNITS: tuple[str, ...] = (
    "mmol/L", "mmol/l", "umol/l", "μmol/L", "mg/dl", "mg/dL", "ml/min", "mL/min", "IU/ml", "mmHg", "mL", "ml",
    "μg", "mg", "kg", "g", "Hz", "h",  # 分: points in 积分 scoring tables (corpus 14)
    "人次", "万人", "人", "名", "个", "家", "所", "项", "次", "户", "位", "张", "台", "座", "种", "篇", "部",
    "届", "期", "批", "支", "场", "条", "件", "倍", "床", "张床", "份", "套", "科",
)
# One spelling per unit, as the corpus-dev gold writes them (../shared/corpus-dev/gold/README.md):
# the classifier 个 before a time word is dropped (5个工作日 → 工作日, 6个月 → 月).
# 位 after a number counts people (限推荐一位候选人, corpus-dev 043: gold unit 人).
UNIT_CANONICAL: dict[str, str] = {"个工作日": "工作日", "个月": "月", "个小时": "小时", "个星期": "周", "星期": "周", "位": "人"}
# Words right before a number that make it a value the rule fixes (==), corpus-dev gold README:
# 有效期5年 (015, 016, 018, 019), 公示期为20日 (017), 公示时间为5个工作日 (016), 共7天 (062),
# 一式15份 (040, 070), 会期一天 (040), 名额:3人 (070), 岸线长600米 (003), 降低20% (014),
# 减按50% (013), 周期为1年 (issue 12), 下降至1.708万元 (014), 各派1名 (issue 12).
EXACT_CUES: tuple[str, ...] = (
    "有效期", "有效期限", "期限", "公示期", "公示时间", "公告期", "试用期", "服务期", "周期", "会期", "学制", "任期",
    "共", "一式", "名额", "线长", "全长", "总长", "降低", "下调", "下降至", "下降到", "降至", "降到", "减按", "调整为",
    "标准为", "标准是", "各派", "派出", "返还", "顺延至", "规划港口岸线", "岸线",
)
# Verbs that fix how many units a measure covers (scope counts, == with kind scope):
# 选择50个全国学会开展试点 (issue 12), 建设100个省级班主任工作室 (corpus-dev 006),
# 每个设区市培育一家 (004), 明确1个省级试点县 (005), 打造30个 (007).
SCOPE_VERBS: tuple[str, ...] = (
    "选择", "选取", "遴选", "评选", "建设", "建成", "培育", "打造", "明确", "设立", "认定", "确定", "创建", "扶持",
    "重点支持", "支持", "引进",
)  # not 对: 我市对2个水土保持方案进行了审批 reports (corpus-dev 022)
SCOPE_UNITS: frozenset[str] = frozenset({"个", "家", "所", "条", "项", "批", "座", "支", "名", "人", "户"})
# What a rate is counted per, after 每: 每千人口不少于10个托位 (corpus-dev 005), 每季度至少公开一次
# (019), 每立方米02元 (013), 每人每月500元 (issue 12). Longest first.
PER_BASES: tuple[str, ...] = (
    "千常住人口", "千人口", "万人口", "千名老年人", "千人", "万人", "百户", "平方米", "立方米", "季度", "学期", "半年",
    "工作日", "人次", "小时", "人", "户", "月", "年", "周", "天", "日", "生", "床", "次", "课时", "亩", "吨",
)
# 生均公用经费 (corpus-dev 006: 元/生/年), 人均, 户均: a money figure per head
PER_HEAD: dict[str, str] = {"生均": "生", "人均": "人", "户均": "户", "床均": "床"}
# Statistical reports state facts, not rules: titles that mark a whole document so, and wording
# that marks a sentence as reporting a figure (统计公报 corpus-dev 023–025; work reports).
REPORT_TITLE_WORDS: tuple[str, ...] = ("统计公报", "统计报告", "统计年报", "统计快报", "经济运行情况", "工作总结", "工作报告")
REPORTED_WORDS: tuple[str, ...] = (
    "比上年", "比去年", "较上年", "较去年", "同比", "环比", "比上年末", "比上年同期", "年末", "年底共有", "全年共",
    "全年完成", "全年实现", "累计完成", "累计实现", "已建成", "已完成", "共完成", "实现了", "完成了",
)
# Units that make a quantity a duration or age rather than a count.
TIME_UNITS: frozenset[str] = frozenset({"个工作日", "工作日", "个月", "年", "月", "天", "日", "小时", "分钟", "周", "季度"})
AGE_UNITS: frozenset[str] = frozenset({"岁", "周岁"})

# Counts of the plan's own structure, never thresholds (gold README): 5项重点工作, 四个方面.
SELF_STRUCTURE_NOUNS: tuple[str, ...] = (
    "方面", "重点工作", "重点任务", "任务", "措施", "部分", "类", "种方式", "大行动", "项行动", "个环节",
    "个阶段", "大工程", "项工程", "条", "款", "章", "大攻坚战", "攻坚战", "个坚持", "个统筹",
)

# Actors: bodies and office holders that notices address. A leading 各/全国/省级/市/区
# is kept (各学会, 省级学会). Suffix patterns catch the rest (…局, …委员会).
ACTOR_WORDS: tuple[str, ...] = (
    "学会", "全国学会", "省级学会", "市级学会", "各学会", "所属学会", "市属学会", "理事会", "常务理事会",
    "监事会", "会员代表大会", "秘书长", "理事长", "分支机构", "办事机构", "学会联合体", "党组织", "党委",
    "科协", "各级科协", "中国科协", "省科协", "市科协", "县科协", "区科协", "地方科协", "基层科协",
    "各地", "各部门", "各单位", "各地区", "各级政府", "各级人民政府", "有关部门", "各有关部门",
    "民政部门", "财政部门", "教育部门", "卫生健康部门", "人力资源社会保障部门", "医疗保障部门",
    "县级以上人民政府", "各区人民政府", "区政府", "市政府", "省政府", "国务院", "用人单位", "医疗机构",
    "申请人", "服务机构", "养老服务机构", "街道办事处", "镇政府", "乡镇人民政府", "村（居）民委员会",
    "社会组织", "幼儿园", "学校", "高校",
)
ACTOR_SUFFIXES: tuple[str, ...] = (
    "人民政府", "办公厅", "办公室", "委员会", "科协", "学会", "协会", "局", "厅", "部", "署", "委",
    "中心", "机构", "部门", "单位", "政府",
)

# Words added to the jieba dictionary (word, frequency, tag). Frequencies are set so
# that the policy terms win over their parts. (须/应 need no entry: with HMM off, 年须 is
# never formed.) Used by the pure-Python and the rjieba backend alike.
USER_WORDS: tuple[tuple[str, int, str], ...] = (
    ("学会", 20000, "n"), ("理事会", 20000, "n"), ("常务理事会", 20000, "n"), ("监事会", 20000, "n"),
    ("会员代表大会", 20000, "n"), ("基层一线科技工作者", 20000, "n"), ("基层一线", 20000, "n"),
    ("科技工作者", 20000, "n"), ("分支机构", 20000, "n"), ("学会联合体", 20000, "n"),
    ("办事机构", 20000, "n"), ("秘书长", 20000, "n"), ("理事长", 20000, "n"), ("全国学会", 20000, "n"),
    ("省级学会", 20000, "n"), ("各级科协", 20000, "n"), ("中国科协", 20000, "nt"), ("省科协", 20000, "nt"),
    ("市科协", 20000, "nt"), ("县科协", 20000, "nt"), ("全委会", 20000, "n"), ("常委会", 20000, "n"),
    ("个人会员", 20000, "n"), ("单位会员", 20000, "n"), ("换届", 20000, "v"), ("专职工作人员", 20000, "n"),
    ("原则上", 20000, "d"), ("适当放宽", 20000, "v"), ("不超过", 20000, "v"), ("不少于", 20000, "v"),
    ("不低于", 20000, "v"), ("不高于", 20000, "v"), ("不得", 20000, "v"),
)

# Verbs whose object a count measures: 培育3-5个学术交流示范项目, 至少安排300名指标, 签订1年以上劳动合同
# (seeds 002, corpus 01, 12, 20). After one of them the subject is the noun after the number.
COUNT_VERBS: tuple[str, ...] = (
    "培育", "培养", "建成", "建设", "打造", "建立", "设立", "新增", "组建", "选树", "举办", "开展", "发展", "吸纳",
    "招收", "招用", "认定", "资助", "扶持", "推出", "创建", "评选", "遴选", "遴选出", "配备", "安排", "提供", "组织",
    "增设", "引进", "形成", "树立", "签订", "设置", "培训", "选择", "给予", "容纳", "支持", "利用", "发放", "补贴",
    "补助", "奖励", "在", "有", "处",
)

# Concepts that make two numeric requirements "the same requirement" across levels even when
# the words differ: the national 理事会 composition (四分之三…应为基层一线科技工作者) and a municipal
# 全委会委员 ratio (来自基层一线的…比例达到70%以上) are both about who sits on a leading body.
CONCEPTS: dict[str, tuple[str, ...]] = {
    "leading_body": ("理事会", "常务理事", "理事", "全委会", "常委会", "委员", "代表大会", "领导机构", "领导班子"),
    "grassroots": ("基层一线", "一线"),
    "members": ("个人会员", "会员总数", "单位会员"),
    "youth": ("青年", "45岁", "中青年"),
}
