"""Site-noise vocabulary and site adapters: data only, no logic.

Each entry names the document that motivated it. Patterns run on normalized
(width-folded, simplified) text, so they are written in simplified script with
half-width digits and brackets.
"""

from __future__ import annotations

# --- HTML site adapters ---------------------------------------------------------------
# CSS selectors of the main content region, most specific first. The first that matches
# an element with text wins; everything outside it is furniture (or metadata).
CONTENT_SELECTORS: tuple[str, ...] = (
    "#UCAP-CONTENT",  # gov.cn (corpus 01–11)
    ".pages_content",  # gov.cn new layout
    ".TRS_Editor",  # TRS WCM, many provincial sites
    ".trs_editor_view",
    "#info_cont",  # gz.gov.cn 规范性文件统一发布平台 (corpus 15, 17, 19)
    "#zoomcon",  # gz.gov.cn, thnet.gov.cn (corpus 12, 14–21, 23, 24)
    ".policy-article-content",  # gz.gov.cn policy library (corpus 13)
    ".article-content",
    "#Zoom",  # older TRS templates
    ".zoom",  # Hanweb (大汉) sites, lishui.gov.cn (corpus 22)
    "#js_content",  # WeChat articles
    ".Custom_UnionStyle",  # TRS
    # WordPress, the CMS of many 学会 and 协会 sites: the post's text without its header (分类, 作者, <time>)
    # and footer, which <article> holds too (probes27 h05)
    ".entry-content",
    ".post-content",
    "article",
    "#content",
    ".content",
)

# Elements whose text is the document title when they sit outside the content region.
TITLE_SELECTORS: tuple[str, ...] = (
    ".xl_title",  # Hanweb (corpus 22)
    ".article-title",  # thnet.gov.cn (corpus 23, 24)
    ".content_title",
    ".info_title",
    ".entry-title",  # WordPress (probes27 h05)
    "h1",
)

# Elements whose text or datetime is the day a page was posted, outside the content region: WeChat's
# #publish_time, WordPress's <time datetime> (probes27 h02, h05)
POSTED_SELECTORS: tuple[str, ...] = ("#publish_time", "time",
                                     ".render-detail-time")  # 学习强国's article pages (probes37 h03)

# <meta name=…> carrying metadata (gz.gov.cn, Hanweb): name (lower case) → field.
HTML_META_FIELDS: dict[str, str] = {
    "articletitle": "title",
    "pubdate": "posted",
    "article:published_time": "posted",  # Open Graph, WordPress and WeChat pages
    "apub:time": "posted",  # 腾讯新闻 (new.qq.com) articles (probes37 h06)
    "publishdate": "posted",  # 人民网 articles (probes38 h04)
    "contentsource": "source_name",
    "sitename": "site_name",
    "maketime": "made",
    "firstimgsrc": "",
    "url": "url",
    "description": "description",
}

# Labels of disclosure/metadata tables (gov.cn 索引号 table; gz.gov.cn 基本信息; Hanweb
# 信息公开 table) → metadata field. Spaces and the trailing colon are removed first.
META_TABLE_LABELS: dict[str, str] = {
    "索引号": "index_no",
    "主题分类": "topic",
    "组配分类": "topic",
    "发文机关": "issuer",
    "发布机关": "issuer",
    "发布机构": "publisher",
    "制发机关": "issuer",
    "成文日期": "date",
    "签发日期": "date",
    "标题": "title",
    "名称": "title",
    "发文字号": "doc_number",
    "文号": "doc_number",
    "统一编号": "unified_no",
    "发布日期": "posted",
    "公开日期": "posted",
    "实施日期": "effective",
    "失效日期": "expires",
    "有效性": "validity",
    "文件状态": "validity",
    "公开方式": "disclosure",
    "主题词": "keywords",
}

BLOCK_TAGS: frozenset[str] = frozenset(
    "address article aside blockquote body center dd details dialog dir div dl dt fieldset "
    "figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr li main menu nav ol p pre "
    "section table tbody thead tfoot tr ul br title caption legend option select html".split()
)
SKIP_TAGS: frozenset[str] = frozenset("script style noscript template head iframe object embed svg canvas button input".split())

# A printed notice's page numbers on lines of their own, as its PDF's text layer has them
# (GB/T 9704 7.5: — 2 — under each page; 第2页 共5页 in other layouts). Furniture; where one cuts
# a hard-wrapped sentence the unwrapping joins across it (normalize/text.join_wrapped_lines).
PAGE_NUMBER_LINE = (r"^[ \t]*(?:[—－\-–]{1,2}[ \t]*\d{1,3}[ \t]*[—－\-–]{1,2}|第[ \t]*\d{1,3}[ \t]*页"
                    r"(?:[ \t]*[/，,]?[ \t]*共[ \t]*\d{1,3}[ \t]*页)?)[ \t]*$")

# a blog theme's post line, each field bare: 秘书处 2026-03-20 通知公告 532 0 (author, day, category, views, comments;
# probes33 h02, Z-BlogPHP); the counters at its end tell it from a line of the notice. Read in the body (TEXT_CHROME)
# and above it (metadata's info line)
BLOG_POST_LINE = (r"\s*(?:[\u4e00-\u9fff\w]{1,12}\s+)?(?P<date>(?:19|20)\d{2}-\d{1,2}-\d{1,2})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?"
                  r"(?:\s+[\u4e00-\u9fff]{1,6})?(?:\s+\d{1,7}){1,3}\s*")

# --- text-level chrome, for plain text and for HTML body blocks ---------------------------
# (rule name, regex, scope). scope "line": the whole line is furniture when the regex
# matches anywhere in it; "inline": only the match; "tail": the match and everything
# after it to the end of the text; "meta": the whole line, as a metadata line; "trailing":
# the whole line, only in the footer block after the last body line.
TEXT_CHROME: tuple[tuple[str, str, str], ...] = (
    # breadcrumbs (seed 002: 您现在的位置: 首页-- 专题报道-- 政策法规; seed 004: 您的位置:…>>正文)
    ("breadcrumb", r"^\s*(?:您现在的位置|您的位置|当前位置|所在位置|当前的位置)\s*[:：]", "line"),
    ("breadcrumb", r"^\s*首页\s*(?:>|>>|›|»|-{1,2}|/)", "line"),
    # posting-date lines of hosting sites (seed 000: 发布日期:2017年04月28日; seed 004: 发表时间:…)
    # ... also after a repost's source field: 轉載自：中國自動化學會　發佈日期：2025-09-18 (probes30 t08, read after t2s)
    ("posting_date", r"^\s*(?:(?:来源|信息来源|文章来源|转载自|转自)[:：].{0,30}?)?(?:发布日期|发布时间|发表时间|发稿时间|更新时间)\s*[:：]\s*\d", "meta"),
    # Drupal's 由 kjjlb 发布于 2025年10月09日 星期四 - 14:22; a bare datetime that opens a line with the page's source or
    # counter, 2025-12-17 09:41:26 来源：市科协 (PHPCMS; probes30 h03, h01)
    # … and emlog's 作者：编辑部 发布于：2026-2-24 10:05 星期二 分类：通知公告 (probes40 h02)
    ("posting_date", r"^\s*(?:由\s*\S{1,20}\s*|作者\s*[:：]\s*\S{1,20}\s+)?发布于\s*[:：]?\s*(?:19|20)\d{2}\s*[-/.年]", "meta"),
    ("posting_date", r"^\s*(?:19|20)\d{2}(?:-\d{1,2}-\d{1,2}|年\d{1,2}月\d{1,2}日)\s+\d{1,2}:\d{2}(?::\d{2})?\s*(?:来源|点击|浏览|阅读)", "meta"),
    # after a page's source and author fields a bare 日期/时间 is the posting day: 来源：市应急管理局 作者：… 日期：2025/12/18 浏览：
    # (probes32 h03, 万户 ezEIP); and a datetime followed by the posting body's name alone (2026-04-22 10:36:05江苏省土木建筑
    # 学会, probes32 h02, MetInfo)
    ("posting_date", r"^\s*(?:来源|信息来源|文章来源)[:：].{0,40}?(?:日期|时间)\s*[:：]\s*(?:19|20)\d{2}", "meta"),
    ("posting_date", r"^\s*(?:19|20)\d{2}-\d{1,2}-\d{1,2}\s+\d{1,2}:\d{2}(?::\d{2})?\s*[\u4e00-\u9fff]{1,18}(?:会|局|厅|委|院|府|办|室|中心|部|社|网)\s*$", "meta"),
    ("posting_date", "^" + BLOG_POST_LINE + "$", "meta"),
    # Epoint's 【信息时间：2026-04-08　阅读次数：…】 (probes31 h05)
    ("posting_date", r"^\s*[【\[]\s*(?:信息时间|发布时间|发布日期)\s*[:：]\s*\d", "meta"),
    # document-sharing sites (seed 003: 天天文库 preview page)
    ("share_site", r"^\s*(?:ID|大小|页数|上传时间|上传者|格式)\s*[:：]\s*\S[^\n]{0,24}$", "line"),
    # its 时间: is a bare date (时间:2019-09-29), or the date a portal posted the page and where from
    # (corpus-dev 058: 时间:2022年12月06日来源:辽宁省卫生健康委员会); a meeting notice's 时间: line is
    # the notice's own (corpus-dev 040: 时间:2019年10月10日上午9:00,会期一天); 061: 时间:2019-05-14 10:45:55下载本文作者:会员上传
    ("share_site", r"^\s*时间\s*[:：]\s*\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*(?:来源\s*[:：][^\n]{0,40}|下载本文[^\n]{0,20})?$", "line"),
    ("share_site", r"_第\d+页\s*$", "line"),
    ("page_number", PAGE_NUMBER_LINE, "line"),
    ("share_site", r"^\s*资源描述\s*[:：]?\s*$", "line"),
    ("share_site", r"由会员上传分享|免费在线阅读|更多相关内容在", "line"),
    ("share_site", r"此文档下载收益归作者所有", "line"),
    ("preview_limit", r"当前文档最多预览.{0,6}页|下载文档查看全文|还剩\d+页未读", "line"),
    ("share_site", r"^\s*温馨提示\s*[:：]\s*$", "tail"),
    # paywalls (seed 004: ……(新文秘网http://…省略930字,正式会员可完整阅读)…… and ……(未完,全文共7437字…)
    # from the first … of a run only, blanks before the bracket bounded: tried from every … or blank of a
    # long run, …* and \s* were quadratic (issue 15)
    ("paywall", r"(?<!…)…*\s{0,8}\((?:[^()\n]{0,40})省略\d+字[^()\n]{0,40}\)\s*…*", "inline"),
    ("paywall", r"(?<!…)…*\s{0,8}\(\s*未完[^\n]*", "inline"),
    ("paywall", r"正式会员可完整阅读|开通会员.{0,10}阅读全文|登录后阅读全文|付费阅读", "line"),
    # exports of legal databases (corpus-dev 020-022, pkulaw: 【法宝引证码】 CLI.12.748997, then
    # 原文链接：https://…); their 【发布部门】【发文字号】… fields are read as metadata
    ("database_header", r"^\s*【\s*(?:法宝引证码|发布部门|制定机关|发文字号|发布日期|公布日期|实施日期|施行日期|时效性|效力级别|法规类别|标题)\s*】", "meta"),
    ("database_header", r"^\s*原文链接\s*[:：]\s*(?:https?://|www\.)", "meta"),
    # share / print / close widgets and counters
    ("widget", r"^\s*(?:【\s*)?(?:打印本页|打印|关闭窗口|关闭|收藏|分享到|返回顶部|字号|大|中|小)(?:\s*】)?(?:\s*[|｜]?\s*(?:【\s*)?(?:打印本页|打印|关闭窗口|关闭|收藏|分享到|返回顶部|字号|大|中|小)(?:\s*】)?)*\s*$", "line"),
    # 浏览量: corpus-dev 062 (cncaprc.org.cn: / 发布时间:2020-12-16 / 浏览量:3565)
    # with its count: on a page run into one line only the match is furniture (062 run together:
    # 浏览量:3565国办发明电〔2020〕27号 left 3565 glued to the 发文字号)
    ("counter", r"(?:浏览次数|阅读次数|访问量|点击数|阅读量|浏览量)\s*[:：]\s*\d*\s*次?", "line"),
    # 分享到： before the share icons (corpus-dev 019, zengcheng.gov.cn: <span>分享到：</span>)
    ("widget", r"^\s*分享到\s*[:：]", "line"),
    # a list of other articles inside the content block, after its label: the rest is theirs (a helper's probe:
    # 相关文章 / 一、关于公布…的通报 / 2.关于征集…, read as items, citations and a deadline)
    ("related_list", r"^\s*(?:相关文章|相关阅读|推荐阅读|相关新闻|相关信息|相关稿件)\s*[:：]?\s*$", "tail"),
    ("site_nav", r"^\s*(?:文章搜索|相关文章|相关链接|上一篇|下一篇|扫一扫.*|网站地图|联系我们)\s*$", "line"),
    # the neighbouring notices' titles (corpus-dev 062: 上一篇:国务院关于修改和废止部分行政法规的决定;
    # 023, jxwz.gov.cn: <span>上一篇：</span> before a script that writes the title)
    ("site_nav", r"^\s*(?:上一篇|下一篇)\s*[:：]", "line"),
    # a pager of a list or of a notice split over pages: 上一页 1 2 3 下一页 共3页 (no page of the corpus has one)
    ("pager", r"^\s*(?:首页\s*)?上一页[\s\d]{0,40}下一页(?:\s*(?:尾页|末页))?(?:\s*共\s*\d+\s*页)?\s*$|^\s*共\s*\d+\s*页\s*$", "line"),
    ("site_nav", r"^[^。；\n]{1,20}\s*\|\s*$", "line"),
    # footers (seed 000: phone, e-mail, postcode, address of the reposting site)
    ("footer", r"版权所有|ICP备(?:\s*\d+\s*号(?:-\d+)?)?|网站标识码|公网安备|主办单位\s*[:：]|承办单位\s*[:：]|技术支持\s*[:：]", "line"),
    ("footer", r"^\s*Powered by\b", "line"),  # corpus-dev 062: Powered by 中国老龄协会老年人才信息中心
    # a news site's rights notice under the article, inside its block: 【版权声明】…未经授权不得转载 (probes35 h03, CmsTop);
    # its 不得 binds no one the notice addresses
    ("footer", r"^\s*[【\[]?\s*(?:版权声明|免责声明)|未经(?:本站|本网|本报|书面)?授权[，,]?\s*(?:任何单位和个人)?不得(?:转载|复制|使用)|转载请注明(?:出处|来源)", "line"),
    # a platform's statement that the post is its author's: 本文内容由作者发布，不代表今日头条立场。 (probes37 h02; 澎湃号,
    # 腾讯新闻 write it so, probes36 h03, probes37 h06)
    ("footer", r"^\s*(?:特别声明\s*)?本(?:文|内容)[^。\n]{0,40}?(?:发布|上传|来自)[^。\n]{0,40}?不代表[^。\n]{0,20}?(?:立场|观点)", "line"),
    # a bare number is a phone number or a postcode only in the footer: inside the notice it is a
    # table cell (corpus-dev 023, a statistical bulletin: 183946 and 223828 were read as postcodes)
    ("footer_contact", r"^\s*(?:\+?86[\s-]?)?(?:0?\d{2,3}[\s-]?)?\d{3,4}[\s-]?\d{4}\s*$", "trailing"),
    ("footer_contact", r"^\s*(?:电话|传真|邮编|邮箱|E-?mail|地址)\s*[:：]", "line"),
    ("footer_contact", r"^\s*[\w.+-]+@[\w-]+(?:\.[\w-]+)+\s*$", "line"),
    ("footer_contact", r"^\s*\d{6}\s*$", "trailing"),
)

# A line that is only an address (seed 000: 北京市北四环西路15号) is furniture when it
# sits in the trailing footer block next to other contact lines.
ADDRESS_LINE = r"^\s*[\u4e00-\u9fff]{2,}(?:省|市|区|县)[\u4e00-\u9fff\d]*(?:路|街|道|巷|号|大厦|楼)[\u4e00-\u9fff\d-]*\s*$"

# Markers that the text stops before the end of the document.
TRUNCATION_RULES: frozenset[str] = frozenset({"paywall", "preview_limit"})

# Start of a table of contents block (seed 004: 目录/提纲:……).
TOC_START = r"^\s*(?:目录|目次|提纲|目录/提纲)\s*[:：]?\s*…*\s*$"

# Header fields of legal-database exports (pkulaw 北大法宝, corpus-dev 020-022), read as
# metadata: field name in 【】 → metadata field.
DATABASE_FIELDS: dict[str, str] = {
    "标题": "title",
    "发布部门": "issuer",
    "制定机关": "issuer",
    "发文字号": "doc_number",
    "发布日期": "date",
    "公布日期": "date",
    "实施日期": "effective",
    "施行日期": "effective",
}
