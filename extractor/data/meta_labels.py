"""Labels of metadata rows printed in a notice's text (``label：value``), → metadata field.

Source: the rows met in corpus-dev pages that are text, not an HTML table: law-database pages
(046: 发文标题/发文文号/发文部门/发文时间; 052: 颁布日期/实施日期/颁布单位), county disclosure pages
(042: 发布机构; 047: 发文机构/发文字号/发文日期, the value on the next line), wiki infoboxes (030:
中文名/档案号/成文日期) and a 学会's posting line (044: 来源). Labels are in simplified script: the
text is read after t2s. ``publisher`` names the body whose site posts the page; it is the issuer
only when nothing else names one.
"""

from __future__ import annotations

TEXT_META_LABELS: dict[str, str] = {
    "发文标题": "title", "中文名": "title", "文件名称": "title", "标题": "title",
    "发文字号": "doc_number", "发文文号": "doc_number", "文号": "doc_number", "档案号": "doc_number", "文件编号": "doc_number",
    "发文机关": "issuer", "发文部门": "issuer", "发文机构": "issuer", "发文单位": "issuer", "发布机关": "issuer",
    "颁布单位": "issuer", "颁布机关": "issuer", "制定机关": "issuer", "发布部门": "issuer",
    "发布机构": "publisher", "来源": "publisher",
    "成文日期": "date", "发文日期": "date", "发文时间": "date", "颁布日期": "date", "签发日期": "date", "公布日期": "date",
    "实施日期": "effective", "施行日期": "effective", "实施时间": "effective",
}
