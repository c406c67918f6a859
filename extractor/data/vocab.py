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
    ("不能超过", "<="), ("不得突破", "<="), ("不能突破", "<="), ("不突破", "<="),  # 各地不得突破2%的总体调整水平 (probes34 t11)
    ("不得低于", ">="), ("不得少于", ">="), ("不得小于", ">="), ("不应低于", ">="), ("不应少于", ">="),
    ("≤", "<="), ("≥", ">="), ("＜", "<"), ("＞", ">"),
    ("不超过", "<="), ("不高于", "<="), ("不多于", "<="), ("不大于", "<="), ("最多", "<="), ("至多", "<="),
    ("不少于", ">="), ("不低于", ">="), ("不小于", ">="), ("至少", ">="), ("最少", ">="), ("达到", ">="),
    ("达", ">="), ("不足", "<"), ("少于", "<"), ("低于", "<"), ("小于", "<"), ("未满", "<"), ("不满", "<"),
    ("未达到", "<"), ("超过", ">"), ("高于", ">"), ("多于", ">"), ("大于", ">"), ("超", ">"),
    ("约", "=="), ("大约", "=="),  # not 近: 近5年内 is a look-back window (corpus 14), not "nearly"
    ("最高", "<="), ("最低", ">="), ("最长", "<="), ("最短", ">="),
    # a limit relaxed up to a value: 年龄可放宽至65周岁 (probes32 h04)
    ("放宽至", "<="), ("放宽到", "<="),
    # a 最高/最低 run into the bound it stresses is one comparator: 最高不超过项目总投资的50% (its base is
    # 项目总投资, not 不超过项目总投资; corpus 12 最高不超过其本人实际缴费额的2/3)
    ("最高不超过", "<="), ("最高不得超过", "<="), ("最多不超过", "<="), ("最长不超过", "<="),
    ("最低不低于", ">="), ("最低不少于", ">="), ("最少不少于", ">="),
    # corpus-dev gold README: 未逾/限 include the number (<=), 满/届满 are reached (>=);
    # 提前 states a lead time, at least so long before (corpus-dev 019: 提前6个月提醒)
    ("未逾", "<="), ("不逾", "<="), ("限推荐", "<="), ("限报", "<="), ("只限", "<="), ("限额", "<="), ("延长", "<="), ("满", ">="), ("届满", ">="), ("年满", ">="),
    # 限 before the act it limits: 每户限养1只犬 (probes37 h06), 每人限购2张, 限乘5人
    ("限养", "<="), ("限购", "<="), ("限领", "<="), ("限带", "<="), ("限乘", "<="), ("限载", "<="),
    ("提前", ">="),
    # 首次突破10亿元的 (written for the tests: a 绍兴 TRS page): past it, as 超过
    ("突破", ">"),
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
    "秒",  # 每题答题时间为30秒 (probes29)
    "针",  # 密目式安全网…不低于6针 (probes30 t10, a 扬尘 notice: stitches per unit length)
    "幅", "具", "轮", "℃",  # 书画作品20幅, 消防器材2具, 评审两轮, 低于18℃ (probes31 h03, h06, t11)
    "层",  # 自建房不得超过3层 (probes32 t10)
    "个百分点", "百分点", "分贝", "分", "㎡", "间", "类",  # 分贝 before 分 (噪声不得超过55分贝: no score)
    "平方公里", "立方米", "千瓦时", "千瓦", "兆瓦", "万千瓦",  # 1兆瓦及以上 (written for the tests: an energy subsidy)
    "毫米", "厘米", "公斤", "千克", "吨", "克", "毫升", "升",  # 厚度低于0.01毫米的地膜 (corpus 06)
    "拷贝/ml",
    # air quality and engines: PM10浓度超过150微克/立方米, 100马力以上大型拖拉机 (probes38 h05, h04)
    "微克/立方米", "毫克/立方米", "微克", "毫克", "马力",
    "把",  # 每台加油机抽检不少于2把油枪 (probes39 h05; 一把手 is no number: _CN_WORD_AFTER)
)
# Latin-letter units of clinical and technical standards (corpus 17: 血糖≥11.1mmol/L, Ccr≤10ml/min);
# matched only when no further letter follows, so 5G or www never read as units
LATIN_UNITS: tuple[str, ...] = (
    "mmol/L", "mmol/l", "umol/l", "μmol/L", "mg/dl", "mg/dL", "ml/min", "mL/min", "IU/ml", "mmHg", "mL", "ml",
    "μg", "mg", "kg", "g", "Hz", "h",
    "NTU",  # 出厂水浑浊度不得超过1NTU (probes39 h03, a 农村供水 notice)
    "km", "cm", "mm", "m",  # 距离必须大于25m以上 (corpus-dev 059, an amended 条例)  # 分: points in 积分 scoring tables (corpus 14)
    "人次", "万人", "人", "名", "个", "家", "所", "项", "次", "户", "位", "张", "台", "座", "种", "篇", "部",
    "届", "期", "批", "支", "场", "条", "件", "倍", "床", "张床", "份", "套", "科",
    # what a call for applications bounds (written for the tests: 每个区集中开展的科普活动不少于10场次,
    # 总结字数不超过3000字, 申报书不超过20页, 照片大小不超过2MB), and vehicles
    "场次", "字", "页", "辆", "MB", "KB", "GB",
    # 每人每次不得超过2瓶 (written for the tests: a PDF copy of a 防控 notice), and other containers
    "瓶", "箱", "袋", "盒",
    "块", "片", "处", "路",  # 社会足球场8块, 多功能运动场20片, 不少于15处, 2路 (probes28)
    "只", "头",  # 每户限养1只犬 (probes37 h06), 存栏50头以上
)
# One spelling per unit, as the corpus-dev gold writes them (../shared/corpus-dev/gold/README.md):
# the classifier 个 before a time word is dropped (5个工作日 → 工作日, 6个月 → 月).
# 位 after a number counts people (限推荐一位候选人, corpus-dev 043: gold unit 人).
UNIT_CANONICAL: dict[str, str] = {"个工作日": "工作日", "个月": "月", "个小时": "小时", "个星期": "周", "星期": "周", "位": "人",
                                  # lengths in Latin letters, in the simplified characters the gold writes units in
                                  "m": "米", "km": "千米", "cm": "厘米", "mm": "毫米"}
# Words right before a number that make it a value the rule fixes (==), corpus-dev gold README:
# 有效期5年 (015, 016, 018, 019), 公示期为20日 (017), 公示时间为5个工作日 (016), 共7天 (062),
# 一式15份 (040, 070), 会期一天 (040), 名额:3人 (070), 岸线长600米 (003), 降低20% (014),
# 减按50% (013), 周期为1年 (issue 12), 下降至1.708万元 (014), 各派1名 (issue 12).
EXACT_CUES: tuple[str, ...] = (
    "有效期", "有效期限", "期限", "公示期", "公示时间", "公告期", "试用期", "服务期", "周期", "会期", "学制", "任期",
    "资助期", "培训期", "建设期", "实施期", "执行期", "保护期", "考察期", "见习期", "孵化期",  # 资助期3年 (a helper's probe)
    "时长",  # 考试时长3小时 (probes36 h05)
    "共", "共有", "共计", "一式", "名额", "线长", "全长", "总长", "降低", "下调", "下降至", "下降到", "降至", "降到", "减按", "调整为",
    "标准为", "标准是", "各派", "派出", "返还", "顺延至", "规划港口岸线", "岸线",
    # the value a target raises a figure to, as 降至 lowers it (由10个增加到15个: 10 is the status quo; a
    # county 科协's 工作要点, written for the tests)
    "提高到", "提高至", "提升到", "提升至", "增加到", "增加至", "增长到", "增长至", "增至", "扩大到", "扩大至", "上升到",
    "上升至", "上调至", "上调到",
    # the level a target keeps: “三长”配备率保持100% (a county 科协's 工作要点, written for the tests)
    "保持", "保持在", "维持在",
    # the wording an amendment puts in: 将第八条中的“30个工作日”修改为“20个工作日” (probes27 t12)
    "修改为", "改为",
    "公示", "公布",  # 结果在网站公示5个工作日 (probes27 h02)
    # a deadline to put things right, a waiting period, a relief (probes29: 责令限期3个月整改, 设置待遇等待期3个月,
    # 减免20%)
    "限期", "等待期", "过渡期", "观察期", "减免",
    "上浮", "下浮",  # 上述标准可分别上浮20% (probes30 t11, a 差旅费 notice)
    # a discount, and sums a sanction or a deposit fixes (probes31 h03 注册费可优惠10%, h06 扣缴生态补偿金2万元)
    "优惠", "补偿金", "违约金", "罚款", "保证金",
)
# Verbs that fix how many units a measure covers (scope counts, == with kind scope):
# 选择50个全国学会开展试点 (issue 12), 建设100个省级班主任工作室 (corpus-dev 006),
# 每个设区市培育一家 (004), 明确1个省级试点县 (005), 打造30个 (007).
SCOPE_VERBS: tuple[str, ...] = (
    "选择", "选取", "遴选", "评选", "建设", "建成", "培育", "打造", "明确", "设立", "认定", "确定", "创建", "扶持",
    "重点支持", "支持", "引进",
)  # not 对: 我市对2个水土保持方案进行了审批 reports (corpus-dev 022)
SCOPE_UNITS: frozenset[str] = frozenset({"个", "家", "所", "条", "项", "批", "座", "支", "名", "人", "户", "人次",
                                         "块", "片", "处", "公里", "篇", "件", "部"})  # 社会足球场8块、多功能运动场20片、健身步道30公里 (probes28 t09)
# What a rate is counted per, after 每: 每千人口不少于10个托位 (corpus-dev 005), 每季度至少公开一次
# (019), 每立方米02元 (013), 每人每月500元 (issue 12). Longest first.
PER_BASES: tuple[str, ...] = (
    "千常住人口", "千人口", "万人口", "千名老年人", "千人", "万人", "百户", "平方米", "立方米", "季度", "学期", "半年",
    "工作日", "人次", "小时", "人", "户", "月", "年", "周", "天", "日", "生", "床", "次", "课时", "亩", "吨",
    # a unit of equipment or housing: 按每台20万元的标准给予补助 (written for the tests: a 会议纪要), 每套
    "千瓦时", "台", "套", "辆", "间",
    "吉焦",  # 计量热价为每吉焦38.50元 (probes31 t11, a 供热 price notice)
    # what an award, a fee or a road fund is counted per: 分别给予每篇3000元、2000元 (probes33 h02), 每项1.5万元
    # (probes34 h02), 县道每公里每年不低于1万元 (probes34 h05), 每县不少于300份
    "公里", "项", "篇", "件", "部", "县", "村",
)
# 生均公用经费 (corpus-dev 006: 元/生/年), 人均, 户均: a money figure per head
PER_HEAD: dict[str, str] = {"生均": "生", "人均": "人", "户均": "户", "床均": "床"}
# Statistical reports state facts, not rules: titles that mark a whole document so, and wording
# that marks a sentence as reporting a figure (统计公报 corpus-dev 023–025; work reports).
REPORT_TITLE_WORDS: tuple[str, ...] = ("统计公报", "统计报告", "统计年报", "统计快报", "经济运行情况", "工作总结", "工作报告")
# Of those, the words that only name the baseline a figure is counted from: a target says them as well as a
# report (组建率较上年提高5个百分点, an item of a county 科协's 工作要点; written for the tests)
BASELINE_WORDS: frozenset[str] = frozenset({"比上年", "比去年", "较上年", "较去年", "同比", "环比", "比上年末", "比上年同期"})
# Notices whose numbered items direct what is to be done (DOC_TYPES' kinds), not report what was
DIRECTIVE_DOC_TYPES: frozenset[str] = frozenset({"要点", "方案", "计划", "规划", "意见", "纲要", "通知", "办法", "细则", "决定"})
REPORTED_WORDS: tuple[str, ...] = (
    "比上年", "比去年", "较上年", "较去年", "同比", "环比", "比上年末", "比上年同期", "年末", "年底共有", "全年共",
    "全年完成", "全年实现", "累计完成", "累计实现", "已建成", "已完成", "共完成", "实现了", "完成了",
    # as of a day, and a review of past years (截至2020年底，全市共有…; 五年来…达到…: a plan's 发展基础)
    "截至", "截止到", "五年来", "近年来", "过去五年",
)
# Headings over a plan's review of the past (a 规划's 发展基础 chapter, a 实施方案's 工作成效): the figures
# under them report what was reached. Written for the tests; thresholds.heading_stance takes them only as
# the whole heading (the corpus's 夯实学会发展基础 and …的工作成效 name a task and an indicator).
REVIEW_HEADINGS: tuple[str, ...] = (
    "发展基础", "发展成就", "取得的成就", "取得的成效", "取得的成绩", "主要成就", "主要成效", "主要成绩", "工作成效",
    "工作回顾", "发展回顾", "发展现状", "基本情况", "现状和形势", "进展情况", "完成情况",
)
# Units that make a quantity a duration or age rather than a count.
TIME_UNITS: frozenset[str] = frozenset({"个工作日", "工作日", "个月", "年", "月", "天", "日", "小时", "分钟", "周", "季度", "秒"})
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
# The last word of a body's name, one list for issuers and actors (issue 17). Issuers: extract/metadata.py
# reads 发文机关 with these, in this order (an alternation: 科学技术协会 before 协会, 调查总队 before 调查队).
ORG_SUFFIXES: tuple[str, ...] = (
    "科学技术协会", "科协", "人民政府", "政府", "办公厅", "办公室", "委员会", "常委会", "党委", "委", "局", "厅", "部",
    "院", "署", "协会", "学会", "联合会", "总会", "中心", "处", "调查总队", "调查队", "大学", "学院",
    "团中央",  # 共青团中央 (团中央), a joint issuer with 中国科协 (written for the tests: a 挑战杯 notice)
    "党组", "党工委",  # 中共宜春市科协党组, a joint issuer with its 科协 (a helper's probe)
    "总工会", "工会", "妇联", "残联",  # 福建省总工会 (probes28 t11), the people's organisations that issue notices
    # a ministry's department and a society's branch: 国家药监局综合司 (probes40 t10: cut to 国家药监局), 中国土木工程学会
    # 岩土工程分会 (h02: its signature was not read)
    "司", "分会",
)
# Actors: segment/tokens.py takes a word ending so as the head of an actor phrase. Of the issuer endings,
# those below are left out as the actor rules were measured on gold-req without them (a university or an
# 调查队 issues notices but is seldom the subject of a duty); generic heads (机构, 部门, 单位) are added.
_NOT_ACTOR_HEADS = frozenset({"科学技术协会", "常委会", "党委", "院", "联合会", "总会", "处", "调查总队", "调查队", "大学", "学院", "团中央", "党组", "党工委",
                              "司", "分会"})
ACTOR_SUFFIXES: tuple[str, ...] = tuple(s for s in ORG_SUFFIXES if s not in _NOT_ACTOR_HEADS) + ("机构", "部门", "单位")

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
    ("法定代表人", 20000, "n"),  # corpus-dev 017 第十二条: one body word, so an actor head
    ("设区市", 20000, "n"),  # corpus-dev 013 一（二） 各设区市要做好牵头统筹
    # parties a notice encourages, one body word each so 鼓励社会力量参与… names 社会力量 (jieba cuts 社会|力量;
    # corpus-dev 005 鼓励…社会力量 is the gold's example of an encouraged party)
    ("社会力量", 20000, "n"), ("社会组织", 20000, "n"), ("社会资本", 20000, "n"),
    # 可 bound inside a compound is no permission: jieba's dictionary cuts 可|支配|收入 (corpus dev024
    # 农村居民人均可支配收入16387元), 可|持续|发展 and 可|再生能源
    ("可支配收入", 20000, "n"), ("可持续", 20000, "a"), ("可再生能源", 20000, "n"),
    # persons named by what they do, which jieba cuts before 人 (驾驶|人应当…: probes30 h02 校车驾驶人应当…, the
    # subject lost to the 主送 line)
    ("驾驶人", 20000, "n"), ("提名人", 20000, "n"), ("推荐人", 20000, "n"), ("被推荐人", 20000, "n"),
    ("提名者", 20000, "n"),
    # … and those a call, a meeting or a school names (probes31 h01 项目作者须…, h03 参会代表须…, t10 学校班主任要…), and
    # the 区镇 of 各区镇（街道） (h02; jieba cuts 各区|镇)
    ("项目作者", 20000, "n"), ("参会代表", 20000, "n"), ("班主任", 20000, "n"), ("指导教师", 20000, "n"), ("区镇", 20000, "n"),
    ("建房户", 20000, "n"),  # probes32 t10 建房户须…
    ("养犬人", 20000, "n"),  # probes37 h06 养犬人应当… (jieba cuts 养犬|人)
    ("申报人", 20000, "n"), ("申报人员", 20000, "n"),  # probes35 t09 申报人不得… (jieba cuts 申报|人); 意向申报人员 stays whole
)

# Verbs whose object a count measures: 培育3-5个学术交流示范项目, 至少安排300名指标, 签订1年以上劳动合同
# (seeds 002, corpus 01, 12, 20). After one of them the subject is the noun after the number.
COUNT_VERBS: tuple[str, ...] = (
    "培育", "培养", "建成", "建设", "打造", "建立", "设立", "新增", "组建", "选树", "举办", "开展", "发展", "吸纳",
    "招收", "招用", "认定", "资助", "扶持", "推出", "创建", "评选", "遴选", "遴选出", "配备", "安排", "提供", "组织",
    "增设", "引进", "形成", "树立", "签订", "设置", "培训", "选择", "给予", "容纳", "支持", "利用", "发放", "补贴",
    "补助", "奖励", "在", "有", "处",
    # events counted: 两年内受到3次以上行政处罚的, 发生2起以上安全事故的 (the count governs the noun after it)
    "受到", "受过", "发生", "出现",
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

# --- requirements: modal words the gold-req notices add, actor heads, gaps -------------------
# corpus-dev gold-req (004, 005, 013, 015, 017; README conventions): 负责 / 主管 allocate a duty
# (015 第四条 市人力资源社会保障部门负责…, 017 第五条 …主管全国市场主体登记管理工作); 只能 caps what is
# allowed (017 第十条 只能登记一个名称); 不予 refuses (017 第二十条 不予登记); 准予 permits (015 第七条);
# 力争 sets a target (004 一1 力争2020年底主体信用评级达到AAA级). 负责人 and 主管部门 are single
# jieba words, so the nouns never read as the verbs.
EXTRA_MODAL_WORDS: tuple[tuple[str, str], ...] = (
    ("负责", "obligation"), ("主管", "obligation"), ("只能", "prohibition"), ("不予", "prohibition"),
    ("准予", "permission"), ("力争", "recommendation"),
)

# Words that end an actor noun phrase (the head of 各级财政部门, 省融资担保公司, 银担合作各方, 清算组,
# 有条件的地方, 各试点城市, 相关省份, 申请人, 经营者). Read on jieba words, never on characters, so
# 住所 / 场所 (所), 执行 / 进行 (行), 全部 / 内部 (部), 社会 (会) are not bodies. Source: the actors of
# corpus-dev gold-req and the seeds' 各学会 / 各级科协.
ACTOR_HEAD_ENDINGS: tuple[str, ...] = (
    "人民政府", "政府", "机构", "部门", "单位", "机关", "公司", "企业", "主体", "组织", "协会", "学会", "委员会",
    "董事会", "理事会", "监事会", "科协", "中心", "厅", "局", "委", "办公室", "办", "部", "署", "银行", "支行",
    "分行", "人员", "申请人", "纳税人", "代理人", "当事人", "持证人", "股东", "成员", "发起人", "法定代表人", "出资人", "合伙人", "法人", "代表人", "投资人", "经营者", "投资者",
    "城市", "省份", "地方", "地区", "各地", "家庭", "学校", "高校", "幼儿园", "医院", "开发区", "高新区",
    "院校", "设区市", "社会力量", "监管区", "保税区", "试验区", "示范区", "合作社", "联合社", "清算组", "各方", "双方", "工会", "妇联", "团委", "党委", "街道", "乡镇", "社区",
    "医疗机构", "托育机构",
    "区镇",  # 各区镇（街道）要… (probes31 h02: a county-level city's towns and districts)
    "负责人",  # 项目负责人不得参加本人项目的评审 (probes28 t07; corpus 05's 秘书长以上负责人应…)
    "团体",  # 社会团体, 人民团体, 各级科协组织及所属团体 (corpus-dev 041)
    # a party named by the service it runs or the thing it makes: 学校和校车服务提供者应当… (probes30 h02, the
    # coordination cut to 学校), 生产者, 使用者, 举办者
    "提供者", "生产者", "销售者", "使用者", "举办者", "管理者", "运营者", "承运人",
    # issue 19 audit: corpus 15 镇人民政府(街道办事处) and corpus 20 区、镇人民政府和街道办事处 were cut at 街道;
    # corpus 03 各高校、科研院所要… at 各高校
    "办事处", "院所",
    # the brigades of 消防救援 and 公安 (市消防救援支队要会同…, probes35 t08: alone on its item it gave no requirement)
    "总队", "支队", "大队", "中队",
)
# words with one of those endings that are no party: places, verbs, parts
ACTOR_HEAD_EXCLUDE: frozenset[str] = frozenset({
    "全部", "内部", "外部", "局部", "干部", "本部", "举办", "创办", "承办", "督办", "代办", "兴办", "开办", "主办",
    "合办", "协办", "民办", "公办", "怎么办", "或者", "再者", "前者", "后者", "二者", "两者", "格局", "布局", "结局", "开局", "当局", "大局", "全局", "服务中心", "中心城市",
    "本地区", "该地区", "所在地区", "辖区", "原单位",
})
# Heads that name a party only as the subject right before a modal word (培训基地要建立…, 工作站每年应…,
# 各村要把…, 各校（园）须于…; probes27 h01, t09, t14, h07): elsewhere they are places or things a measure
# builds (建设国家科技创新基地, 新建市级科普教育基地5个), which the general heads must not take
SUBJECT_ONLY_HEADS: tuple[str, ...] = ("基地", "工作站", "服务站", "服务中心", "各村", "各校", "学校", "村委会", "居委会", "社区",
    # persons and outlets: 其家属应在30日内报告, 零售经营网点应当持有…, 资产管理员要… (probes28 t10,
    # t12; corpus-dev 060), not the 监护人 an object names (提交…法定监护人身份证)
    "家属", "监护人", "网点", "管理员", "联络员", "信息员",
    # the public a rule binds and the places it runs: 山洪灾害危险区群众应当…, 各景区应当… (probes29)
    "群众", "居民", "村民", "市民", "游客", "考生", "驾驶人", "景区",
    # and the persons a call or an exam binds: 提名者应当…, 推荐人须…, 学员须持证上岗 (probes30 h03, t08, t12)
    "提名人", "提名者", "推荐人", "被推荐人", "学员", "监考员", "考务工作人员",
    "项目作者", "参会代表", "班主任", "指导教师", "场所",  # 使用瓶装液化石油气的餐饮场所必须… (probes31 h02)
    # 各调查站点要…, 注册岩土工程师应当…, 建房户须…, 农村建筑工匠要…, 各乡镇中心校要… (probes32 h01, h02, t10, t08)
    "站点", "工程师", "建房户", "工匠", "中心校",
    # the farms, yards and stations an agricultural or safety rule binds: 规模养殖场应当按照免疫程序… (probes34 t07)
    "养殖场", "屠宰场", "养殖户", "农场", "林场", "牧场", "商场", "农贸市场", "批发市场", "加油站", "加气站", "工地",
    # 学校食堂应当…, 文化礼堂要…, 候选人不得…, 申报人不得… (probes35 h02, h05, t09)
    "食堂", "礼堂", "候选人", "申报人",
    "客运站", "派出所", "司法所", "财政所", "农技协",  # 客运站要…, 县农技协要… (probes36)
    # 体育教师要…, 养犬人应当…, 患者可…, 会计师事务所不得… (probes37 h04, h06, t11, h03); 教师 only before a modal
    # word proper (corpus 01's 相关专业教师原则上从…公开招聘: whom the colleges recruit). Not 家长 nor 学生: a clause
    # fronts them as its object (corpus 24 没有录取的幼儿家长应当及时告知: the 幼儿园 tells them; probes31 h01
    # 选拔赛参与学生原则上不少于1000人次: a count the 科协 reaches)
    "教师", "患者", "养犬人", "事务所",
    # a person or a group by its role: 购机者应当…, 群测群防员应当…, 起草组不得…, 会员代表须… (probes38 h04, t08, h06, h02)
    "者", "员", "组", "代表",
)
# a single word that is an actor by itself: 各地, 各方, 个人 …
ACTOR_HEAD_WORDS: frozenset[str] = frozenset({"各地", "各方", "双方", "各区", "各市", "个人", "家庭", "董事会", "申请人", "清算组"})
# words that lead an actor phrase although jieba tags them as verbs (登记机关, 牵头部门, 相关省份, 迁出地登记机关)
ACTOR_LEAD_VERBS: frozenset[str] = frozenset({
    "登记", "牵头", "相关", "迁出", "迁入", "主管", "经办", "承办", "派驻", "试点", "入户", "监管", "执法",
    "管理", "有关", "涉及", "承担", "参与", "合作", "担", "引进", "举办",
})
# what may stand between the subject and its modal word: adverbs, prepositional phrases, times
# (银行业金融机构无正当原因不得…, 各级财政部门根据本级政府授权…, 市场主体应当在歇业前…)
SUBJECT_GAP_STARTS: tuple[str, ...] = (
    "无正当", "根据", "按照", "按", "依照", "依法", "依据", "在", "对", "于", "向", "为", "与", "同", "和", "会同",
    "结合", "通过", "经", "自", "从", "及时", "均", "都", "也", "还", "亦", "则", "统一", "共同", "分别", "各自",
    "务必", "切实", "主动", "积极", "严格", "进一步", "认真", "全面", "加快", "原则上", "一般", "必要时", "确需",
    "可以", "可", "应当", "应", "要", "须", "必须", "不得", "负责", "每年", "定期", "按期", "逐步", "尽快", "立即",
    "以", "就", "要求", "协同", "配合", "牵头", "参照", "依托", "利用",
)
# connectives before a subject: 同时，…; 此外…
SUBJECT_LEAD_STRIP: tuple[str, ...] = ("同时", "此外", "另外", "其中", "并且", "而且", "为此", "对此", "原则上", "一般", "分别", "并")
# triggers whose object (not their subject) is the party encouraged or permitted (鼓励各地…, 允许国家级开发区…)
OBJECT_TRIGGERS: frozenset[str] = frozenset({"鼓励", "支持", "允许", "准予", "引导", "推动", "倡导", "提倡"})
# the label of a responsibility tag: （责任单位：…）, (牵头部门:…)
TAG_LABELS: tuple[str, ...] = ("责任单位", "牵头单位", "牵头部门", "责任部门", "主要责任单位", "配合单位", "责任主体", "承办单位")
# The first-person names a notice calls its own issuer by (本会, 我局; probes31): its own acts bid nothing
FIRST_PERSON_BODIES: frozenset[str] = frozenset({"本会", "我会", "本局", "我局", "本委", "我委", "本厅", "我厅", "本办", "我办", "本院",
                                                 "我院", "本中心", "我中心", "本学会", "我学会", "本协会", "我协会"})
# A 责任分工 table's column of whom a row's task is given to (序号⇥重点任务⇥牵头单位⇥配合单位⇥完成时限, probes27 t08),
# not the bodies that only assist (配合单位, 协办单位)
RESPONSIBLE_COLUMN_RE = r"(?:主要)?(?:牵头|责任|主责|承办|实施)(?:单位|部门|处室|科室|主体)"
# A rule's value stated, with no act bid (probes29 h05 学生会员：每人每年50元；corpus 19 全市城乡最低生活保障标准为每人
# 每月1309元): the standard's name, then 为, 调整为 or 确定为; not a quoted one (an amendment's 将第七条中的“补贴标准为…”
# 修改为…, probes25 t12, is an act)
STANDARD_IS_RE = r"[^，,；;。“”\"‘’将把]{0,30}?(?:标准|费|额度|金额|经费|补贴|补助|奖金|奖励|价格|限额)(?:均|统一|分别|调整|确定)?为[：:]?"
# ... and a cap on it, which makes the clause a rule again (gold-req: 013 （二十） 贷款额度最高不超过15万元 is an obligation)
CAP_WORDS: tuple[str, ...] = ("不超过", "不高于", "不低于", "不少于", "不得", "最高", "最低", "最多", "至少", "以内", "控制在", "上限")
# Terms that open with 最低/最高 and bound nothing: 按当地最低工资标准的80%执行 (written for the tests), 最低生活保障, 最高
# 人民法院; and a measure's daily extreme, 日最高气温达到40℃以上 (probes33: 最高 names the measure, 以上 bounds it)
EXTREME_TERMS: tuple[str, ...] = ("工资", "生活保障", "生活费", "收购价", "人民法院", "人民检察院", "气温", "温度", "水位")

# Clauses that state no requirement even inside a numbered item (corpus-dev gold-req README,
# "Not annotated"): definitions (015 第十四条 本办法所称…, 017 第二条 …包括…), the notice's statement
# of itself (现提出如下措施, 制定本办法), legal effect (017 具有同等法律效力, 视为…), entry into force.
NOT_REQUIREMENT_PHRASES: tuple[str, ...] = (
    "所称", "是指", "系指", "制定本办法", "制定本条例", "制定本规定", "制定本细则", "制定本意见", "制定本实施意见",
    "制定本措施", "制定本政策", "制定本规则", "制定本指引", "制定本计划",  # 为鼓励…，制定本措施 (probes27 h03)
    "制定本方案", "现提出", "提出如下", "特制定", "如下措施", "如下意见", "具有同等法律效力", "自发布之日起", "起施行",
    "同时废止", "有效期", "法律效力", "成立日期",
    # the closing formula of a notice (特此通知。 after its last item), no duty
    "特此通知", "特此通告", "特此公告", "特此函告", "特此批复", "特此函复",
    # … of a 复函 (此复。), and a repost's copyright line (本文转载自…，如有侵权请联系删除; written for the tests: a
    # probe's 民政部 复函 and a 繁体 repost)
    "此复。", "专此函复", "如有侵权", "版权归原作者", "本文转载自",
    "专此函达", "专此函商", "感谢贵",  # a 商请函's courtesy lines (probes27 t11: 感谢贵局的大力支持。专此函达。)
    "起执行。", "起实施。",  # entry into force, as 起施行 (probes28 t10: 本通知自2025年1月1日起执行。)
    # who interprets the notice: a statement of the notice about itself (probes29 t07 第十一条 本办法由市人力社保局负责解释。)
    "负责解释。", "负责解释；", "解释权归",
)
# ... of which these are no requirement even when the clause holds a threshold (issue 19, 015 第十四条
# 本办法所称的未成年，指年龄不满18周岁; 第十六条 本办法自印发之日起施行，有效期5年). Not 有效期 alone: 017
# 第三十条 …有效期届满之日起30日内…申请变更登记 is a duty.
DEFINITION_PHRASES: tuple[str, ...] = ("所称", "是指", "系指", "起施行", "同时废止")
# ... and, without a modal word, goals and principles (005 到2025年，…建成…; 015 第三条 …的原则)
# 从其规定 (corpus 16 第三十条 …另有规定的，从其规定): a reference to other rules, as 的除外 is an exception
# Statements of legal protection and of composition are legal effect, not measures (gold-req README:
# "statements of legal effect"; a wrong class of the requirement audit): corpus 10 专利代理条例 …依法执业受法律保护,
# corpus 02 医院满意度由患者满意度和医务人员满意度两部分组成. Not 享受: it is as often inside a rule's condition
# (corpus 21 对冒用…享受…补贴的组织或个人，由区民政部门…处理) as the entitlement itself.
NOT_IMPERATIVE_PHRASES: tuple[str, ...] = ("原则。", "原则；", "视为", "的除外", "包括", "分为", "终止。", "为指导", "指导思想",
                                          "从其规定", "受法律保护", "组成。")
# 由此可见 (seed 002 一（一）): a conclusion drawn in the preamble's prose, not a measure
# a goal's horizon (到2025年，…建成…): a goal, without a trigger word not annotated (gold-req 005)
GOAL_STARTS: tuple[str, ...] = ("到20", "至20", "到“十", "到本世纪", "力争到")
NOT_IMPERATIVE_STARTS: tuple[str, ...] = GOAL_STARTS + ("由此可见",
                                         # a contact line (联系人：王明，电话：…; written for the tests: a 科普日 notice)
                                         "联系人", "联系电话", "联系方式", "咨询电话", "电话：", "电话:", "地址：", "地址:", "邮箱",
                                         # a 版记's lines (抄送：…; 分送：… of a 会议纪要; written for the tests)
                                         "抄送", "分送", "抄报", "主题词")
# Words of a list's introduction that make its items eligibility conditions or circumstances, not duties
# (gold-req README "Not annotated": 015 第五条 符合下列条件之一的…（一）–（十）, where 年龄需在50周岁以下 is a
# qualifying age; 017 第十二条 有下列情形之一的，不得担任…). Thresholds in the items stay, on no requirement.
# ... and words that make them rules of their own, not the object of one verb (corpus 17 二、参保人员…应当按以下
# 规定办理确认手续，…：（一）… （二）经确认的参保病人须在…选定1家…: each item is a rule with its own modal word)
RULES_INTRO_WORDS: tuple[str, ...] = ("以下规定", "下列规定", "如下规定")
CRITERIA_INTRO_WORDS: tuple[str, ...] = ("下列条件", "以下条件", "下列情形", "以下情形", "条件之一", "情形之一")
# Headings whose items are eligibility conditions, as 符合下列条件 makes them: 一、申报条件 /（一）在本省依法
# 登记注册满2年 (a 申报通知's layout; 070 一、推荐名额 is no such heading)
# Headings over who qualifies, whose items are conditions, not duties: 申报条件, 申请资格 (corpus-dev 015), 候选人条件,
# 参赛对象 (written for the tests: a prize's notice), 评估对象 (a 科协's 评估 notice), 申报对象和条件, 提名条件
# (probes30 h03, a 学会奖's call). The whole heading:
# what is done for or by whom (…条件 the act needs), then 对象/条件/资格, optionally a second one.
# ... and 申报范围, 评价条件, 见习对象 (probes31 h04, t12, h05)
CRITERIA_HEADING_RE = (r"\s*(?:(?:申报|申请|推荐|参评|报名|认定|评选|评估|评审|评价|参赛|入选|遴选|资助|补贴|补助|奖励|招聘|招录|招生|报考|应聘"
                       r"|参训|培训|参会|候选人|基本|资格|实施|适用|提名|推选|被提名项目|被提名人|见习|申领|代表|人选)?(?:对象|条件|资格)"
                       # ... 申领对象, 评价范围, 征集范围 (probes37 h05, h01, t09), 代表条件 (probes38 t09)
                       r"|(?:申报|申请|推荐|参评|遴选|评选|适用|评价|征集|受理)范围)(?:[和与及、](?:对象|条件|资格|范围))?[。：:]?\s*")
# A heading that names values a notice sets (二、调整水平, 三、奖项设置, 四、推荐名额, 资金来源, 二、优待政策; probes34 t11,
# t09, h06): what stands under it without a modal word or a cap states them, it bids nothing. Not a heading led
# by a measure's verb (提高补助标准, 落实优待政策: MEASURE_VERBS)
# ... and what a notice's own action covers or when things run (检查范围, 整治重点, 检查对象: probes35 h02, t08, t12;
# 见习基地条件, 执行时间, 外摆时段: h03, h06)
VALUES_HEADING_RE = (r"\s*(?:[\u4e00-\u9fff]{0,6}(?:标准|水平|名额|设置|待遇|来源|额度|金额|政策|条件|时间|时段|期限"
                     r"|基数|比例|费率"  # 一、缴存基数 / 二、缴存比例 (probes39 t11, a 住房公积金 notice)
                     # … a benefit by its name: 一、本专科生国家助学金 / 二、研究生国家助学金 (probes35 t11)
                     r"|助学金|奖学金|津贴|养老金|抚恤金|优待金"
                     # … what attending costs, which awards are given: 四、代表费用, 三、优秀论文评选 (probes38 t09, h02); not
                     # a 补贴 or 补助 by name (corpus 21 二、运营补贴 holds 区民政部门每年4月底前…报送…, a duty)
                     r"|费用|评选)"
                     r"|(?:检查|整治|排查|督查|抽查|清理|监测|治理|执法)(?:范围|对象|重点|内容))[。：:]?\s*")
# A clause that names a topic under a modal word is a heading, no requirement: 二、支持方式, 奖励标准 (a 申报通知)
TOPIC_HEADING_RE = (r"\s*(?:支持|鼓励|保障|奖励|补助|资助|扶持)(?:方式|范围|对象|内容|标准|重点|政策|措施|方向|条件|程序|额度|期限)"
                    # 第二章 支持范围和标准 (a helper's probe)
                    r"(?:[和与及、](?:方式|范围|对象|内容|标准|重点|政策|措施|方向|条件|程序|额度|期限))*[。：:]?\s*")
# Item lead phrases that open guiding prose, whose sentences are not measures (005 （一）指导思想)
GUIDING_TITLES: tuple[str, ...] = ("指导思想", "基本原则", "总体要求", "工作目标", "主要目标", "发展目标", "总体目标", "目标任务", "工作原则")
# What a notice of an event tells under these headings, in the paragraph right under them, is no measure: its
# theme, time, place, who attends (一、活动主题 / 本次活动主题为…; 二、活动时间 / 2024年9月14日至20日; written for
# the tests; corpus-dev 040 三、参会人员 / 市科协县级以上领导,…, while its later 汇报材料围绕…总结… stays a duty)
EVENT_INFO_TITLES: tuple[str, ...] = ("活动主题", "活动时间", "活动地点", "会议时间", "会议地点", "会议时间、地点", "时间地点",
                                      "时间和地点", "时间安排", "参加人员", "参会人员", "出席人员", "联系方式", "联系人")

# Actor normalization (issue 19): the function a body's name gives (省财政厅 → finance department) and
# roles that are no body (各试点城市 → pilot cities). Keys are matched inside the actor text, longest
# first; sources: the actors of corpus-dev gold-req and the corpus notices (国务院各部委, 人行南昌中心支行).
ACTOR_FUNCTIONS: tuple[tuple[str, str], ...] = (
    ("人力资源社会保障", "human resources and social security department"), ("人社", "human resources and social security department"),
    ("市场监督管理", "market regulation department"), ("市场监管", "market regulation department"),
    ("金融监管", "financial regulator"), ("银保监", "banking and insurance regulator"), ("人民银行", "central bank branch"),
    ("人行", "central bank branch"), ("财政", "finance department"), ("税务", "tax authority"), ("公安", "public security"),
    ("教育", "education department"), ("卫生健康", "health department"), ("民政", "civil affairs department"),
    ("发展改革", "development and reform department"), ("发改", "development and reform department"),
    ("自然资源", "natural resources department"), ("工业和信息化", "industry and information technology department"),
    ("住房城乡建设", "housing and urban-rural development department"), ("农业农村", "agriculture and rural affairs department"),
    ("商务", "commerce department"), ("科技", "science and technology department"), ("宣传", "publicity department"),
    ("组织部", "organization department"), ("融资担保", "financing guarantee institution"), ("金融机构", "financial institution"),
    ("登记机关", "registration authority"), ("人民政府", "government"), ("政府", "government"), ("科协", "association for science and technology"),
)
ACTOR_ROLES: tuple[tuple[str, str], ...] = (
    ("试点城市", "pilot cities"), ("试点地区", "pilot areas"), ("试点省份", "pilot provinces"), ("相关省份", "provinces concerned"),
    ("牵头部门", "lead department"), ("有关部门", "departments concerned"), ("相关部门", "departments concerned"),
    ("各地", "local governments"), ("申请人", "applicant"), ("用人单位", "employers"), ("市场主体", "market entities"),
    ("清算组", "liquidation group"), ("各学会", "societies"),
)

# Verbs that open a bare measure (建立健全…, 规范各类单位用工行为, 做好…工作): a clause led by one has no
# subject of its own, whatever jieba's tag says (it tags 建立健全 nr, 规范 n, 大力 n). From the
# measures of corpus-dev 004, 005 and 013 and the seeds' 要点.
MEASURE_VERBS: tuple[str, ...] = (
    "建立", "健全", "完善", "规范", "加强", "强化", "推进", "推动", "促进", "落实", "实施", "实行", "开展", "加快", "加大",
    "暂停", "停止",  # 原则上暂停审批新的社会团体 (corpus 05): a measure, no body
    "优化", "深化", "创新", "探索", "发挥", "做好", "做强", "做大", "提高", "提升", "指导", "培育", "发展", "扶持", "设立",
    "制定", "组织", "统筹", "严格", "畅通", "简化", "督促", "保障", "构建", "打造", "建设", "大力", "切实", "全面", "着力",
    "坚持", "鼓励", "支持", "引导", "允许", "积极", "营造", "形成", "增强", "拓宽", "拓展", "降低", "减少", "取消", "清理",
    "明确", "压实", "健全完善", "整合", "吸引", "争取", "给予", "安排", "配备", "编制", "修订", "出台", "研究",
    "依法", "按照", "认真", "继续", "进一步", "逐步", "重点", "充分", "主动", "及时", "定期", "每年", "对", "为",
    "奖励", "资助", "动员",
    "改革",  # seed 004 三（二） 改革学会治理结构: 改革学会 is no body (golden audit, sample 57)
)


# The document types a title ends in (extract/metadata.doc_type_of; normalize/text.py: a line ending so is
# a whole title line, not a wrapped one)
DOC_TYPES: tuple[tuple[str, str], ...] = (
    # (suffix of the title, doc_type); longest first. 实施意见 counts as 意见 (gold README).
    ("实施意见", "意见"), ("指导意见", "意见"), ("实施方案", "方案"), ("工作方案", "方案"),
    ("实施细则", "细则"), ("实施办法", "办法"), ("管理办法", "办法"), ("工作要点", "要点"),
    ("通知", "通知"), ("通报", "通报"), ("意见", "意见"), ("方案", "方案"), ("要点", "要点"),
    ("办法", "办法"), ("规定", "规定"), ("细则", "细则"), ("条例", "条例"), ("决定", "决定"),
    ("规划", "规划"), ("计划", "计划"), ("清单", "清单"), ("标准", "标准"), ("批复", "批复"),
    ("公告", "公告"), ("通告", "通告"), ("规则", "规则"), ("准则", "准则"), ("指引", "指引"),
    ("指南", "指南"), ("纲要", "纲要"), ("决议", "决议"), ("报告", "报告"), ("函", "函"), ("令", "令"),
    # the rest of the fifteen kinds of 《党政机关公文处理工作条例》(2012) 第八条: 命令(令) 公报 请示 议案 纪要
    # (统计公报: corpus-dev 023, 025); and a society's or a body's 章程
    ("命令", "令"), ("公报", "公报"), ("请示", "请示"), ("议案", "议案"), ("纪要", "纪要"), ("章程", "章程"),
    # what web notices of 科协 and societies are titled besides: 关于…评选结果的公示, 招生简章, 工作规程, 申报须知
    ("公示", "公示"), ("简章", "简章"), ("规程", "规程"), ("须知", "须知"),
    # a page that explains a notice: 《…管理办法》政策解读 (written for the tests)
    ("解读", "解读"),
)
# the suffixes as one alternation, longest first (title lines; the unwrapping's title guard)
DOC_TYPE_ALT = "|".join(sorted({suffix for suffix, _ in DOC_TYPES}, key=lambda s: (-len(s), s)))
