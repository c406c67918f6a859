"""A real HTTP server on 127.0.0.1 for the fetching tests, serving the real pages of corpus/.

Pages come in their original bytes or re-encoded (UTF-8, GBK, GB18030; Big5 for the
traditional seed), with the charset in the header, in the ``<meta>``, in both, in neither,
or with a ``<meta>`` that lies. Other routes misbehave on purpose: slow, 404, 500, flaky,
redirects and a redirect loop, an oversized and a binary body, ETag revalidation, a
robots.txt that disallows /private/. The .docx and PDF attachments are synthetic (built
here, labelled as such); everything else is a real notice.
"""

from __future__ import annotations

import functools
import io
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
_CHARSET_DECL = re.compile(rb"""<meta[^>]*charset\s*=\s*["']?[\w-]+["']?[^>]*>""", re.I)


def reencode(raw: bytes, codec: str, decl: str, label: str | None = None) -> tuple[bytes, str]:
    """(body, content-type) of a UTF-8 page re-encoded; ``decl`` header|meta|both|none|lie."""
    text = raw.decode("utf-8")
    label = label or codec
    body = text.encode(codec, errors="xmlcharrefreplace")
    body = _CHARSET_DECL.sub(b"", body)
    if decl in ("meta", "both", "lie"):
        said = "utf-8" if decl == "lie" else label
        meta = f'<meta charset="{said}">'.encode()
        if re.search(rb"<head[^>]*>", body, re.I):
            body = re.sub(rb"<head([^>]*)>", lambda m: m.group(0) + meta, body, count=1, flags=re.I)
        else:  # a page fragment without <head> (corpus 09)
            body = meta + body
    ctype = f"text/html; charset={label}" if decl in ("header", "both") else "text/html"
    return body, ctype


def synthetic_docx() -> bytes:
    """A small .docx (SYNTHETIC test content) with a numbered list and a table."""
    import docx

    d = docx.Document()
    d.add_paragraph("测试学会关于印发实施细则的通知（合成测试文件）")
    d.add_paragraph("一、各学会应在2026年底前完成换届。")
    d.add_paragraph("二、理事会人数一般不超过150人。")
    t = d.add_table(rows=1, cols=2)
    t.rows[0].cells[0].text = "联系人"
    t.rows[0].cells[1].text = "张三"
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


@functools.lru_cache(maxsize=2)
def docx_bomb(inflated: int = 600 * 1024 * 1024) -> bytes:
    """A .docx (SYNTHETIC) whose document.xml inflates to ``inflated`` bytes of padding from a
    few hundred KiB: deflate of a repeated byte compresses about 1000:1."""
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(synthetic_docx())) as src, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for item in src.infolist():
            if item.filename != "word/document.xml":
                z.writestr(item, src.read(item.filename))
        head = src.read("word/document.xml")
        cut = head.index(b"<w:body>") + len(b"<w:body>")
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            f.write(head[:cut] + b"<w:p><w:r><w:t>")
            chunk = b"A" * (1 << 20)
            for _ in range(inflated >> 20):
                f.write(chunk)
            f.write(b"</w:t></w:r></w:p>" + head[cut:])
    return buf.getvalue()


def synthetic_pdf(text: str = "Synthetic test PDF: notice text layer 2026") -> bytes:
    """A minimal one-page PDF with a text layer (SYNTHETIC, ASCII: no CJK font is needed)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    return pdf_file(objs)


def pdf_file(objs: list[bytes]) -> bytes:
    """A PDF file of these objects (numbered from 1, object 1 the catalog), with its xref table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for i, o in enumerate(objs, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + o + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref))
    return out.getvalue()


def corrupt_gzip(body: bytes) -> bytes:
    """A gzip stream whose deflate data is damaged after the header (SYNTHETIC)."""
    import gzip

    z = bytearray(gzip.compress(body))
    for i in range(12, min(len(z) - 8, 40)):
        z[i] ^= 0xA5
    return bytes(z)


class CorpusServer:
    """``robots`` chooses the host's robots.txt: normal | big (over 512 KiB) | gzip-bad | error500 | drip."""

    def __init__(self, robots: str = "normal") -> None:
        self.robots = robots
        self.log: list[tuple[float, str, dict[str, str]]] = []
        self.counts: dict[str, int] = {}
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:  # quiet
                pass

            def do_GET(self) -> None:  # noqa: N802
                server.log.append((time.monotonic(), self.path, {k.lower(): v for k, v in self.headers.items()}))
                server.counts[self.path] = server.counts.get(self.path, 0) + 1
                try:
                    server.route(self)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def requests_to(self, prefix: str) -> list[tuple[float, str, dict[str, str]]]:
        return [x for x in self.log if x[1].startswith(prefix)]

    @staticmethod
    def send(h: BaseHTTPRequestHandler, status: int, body: bytes = b"", ctype: str | None = "text/html", headers: dict | None = None) -> None:
        h.send_response(status)
        if ctype:
            h.send_header("Content-Type", ctype)
        for k, v in (headers or {}).items():
            h.send_header(k, v)
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body)

    @staticmethod
    def drip(h: BaseHTTPRequestHandler, body: bytes, every: float) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.flush()
        for k in range(len(body)):
            h.wfile.write(body[k:k + 1])
            h.wfile.flush()
            time.sleep(every)

    def route(self, h: BaseHTTPRequestHandler) -> None:
        url = urlsplit(h.path)
        q = {k: v[0] for k, v in parse_qs(url.query).items()}
        path = url.path
        if path == "/robots.txt":
            rules = b"User-agent: *\nDisallow: /private/\n"
            if self.robots == "big":
                return self.send(h, 200, rules + b"# padding\n" * 60_000, "text/plain")
            if self.robots == "gzip-bad":
                return self.send(h, 200, corrupt_gzip(rules * 50), "text/plain", {"Content-Encoding": "gzip"})
            if self.robots == "error500":
                return self.send(h, 500, b"down")
            if self.robots == "drip":
                return self.drip(h, rules, float(q.get("every", "0.5")))
            return self.send(h, 200, rules, "text/plain")
        if path.startswith("/page/"):  # a corpus HTML page, re-encoded on request
            raw = (CORPUS / "html" / path[6:]).read_bytes()
            enc = q.get("enc", "orig")
            if enc == "orig":
                return self.send(h, 200, raw, "text/html; charset=utf-8" if q.get("decl") == "header" else "text/html")
            body, ctype = reencode(raw, enc, q.get("decl", "both"), q.get("label"))
            return self.send(h, 200, body, ctype)
        if path.startswith("/seed/"):  # a seed as plain text (Big5 for the traditional one)
            raw = (CORPUS / "seeds" / path[6:]).read_bytes()
            enc = q.get("enc", "orig")
            body = raw if enc == "orig" else raw.decode("utf-8").encode(enc)
            label = q.get("label", enc)
            return self.send(h, 200, body, f"text/plain; charset={label}" if q.get("decl") == "header" else "text/plain")
        if path == "/list.html":
            links = "".join(f'<li><a href="/page/{n}">{n}</a></li>' for n in q.get("pages", "").split(",") if n)
            extra = '<a href="/private/secret.html">内部</a><a href="/about.html">关于我们</a><a href="/missing/page_404.html">旧链接</a>'
            return self.send(h, 200, f"<html><head><meta charset='utf-8'></head><body><ul>{links}</ul>{extra}</body></html>".encode())
        if path.startswith("/private/"):
            return self.send(h, 200, b"<html><body>should never be fetched</body></html>")
        if path == "/slow.html":
            time.sleep(float(q.get("s", "2")))
            return self.send(h, 200, b"<html><body>late</body></html>")
        if path == "/drip.html":  # headers at once, then one byte every `every` seconds
            return self.drip(h, b"<html><body>" + b"x" * 200 + b"</body></html>", float(q.get("every", "0.5")))
        if path == "/gzip-bad.html":
            raw = (CORPUS / "html" / q["p"]).read_bytes()
            return self.send(h, 200, corrupt_gzip(raw), "text/html; charset=utf-8", {"Content-Encoding": "gzip"})
        if path == "/files/gzip-bad.docx":
            return self.send(h, 200, corrupt_gzip(synthetic_docx()), "application/octet-stream", {"Content-Encoding": "gzip"})
        if path == "/files/bomb.docx":
            return self.send(h, 200, docx_bomb(), "application/octet-stream")
        if path == "/to-scheme.html":  # a redirect to data:, file:// or ftp://
            target = {"data": "data:text/html,<p>hi</p>", "file": "file:///etc/passwd", "ftp": "ftp://127.0.0.1/notice.html",
                      "javascript": "javascript:alert(1)"}[q["to"]]
            return self.send(h, 302, b"", None, {"Location": target})
        if path == "/with-bad-attachments.html":  # a real page linking to a damaged and to a bomb .docx
            raw = (CORPUS / "html" / q["p"]).read_bytes()
            links = b'<p><a href="/files/gzip-bad.docx">a</a> <a href="/files/bomb.docx">b</a> <a href="/files/rules.docx">c</a></p>'
            body = raw.replace(b"</body>", links + b"</body>") if b"</body>" in raw else raw + links
            return self.send(h, 200, body, "text/html; charset=utf-8")
        if path == "/hostile-list.html":  # a list page whose links misbehave in every way, then a good notice
            links = ["/drip.html?every=0.4", f"/gzip-bad.html?p={q['p']}", "/to-scheme.html?to=data", "/to-scheme.html?to=file",
                     "/to-scheme.html?to=ftp", f"http://127.0.0.1:{q['closed']}/notice.html", f"/page/{q['p']}"]
            body = "".join(f'<li><a href="{u}">n{k}</a></li>' for k, u in enumerate(links))
            return self.send(h, 200, f"<html><head><meta charset='utf-8'></head><body><ul>{body}</ul></body></html>".encode())
        if path == "/error500.html":
            return self.send(h, 500, b"oops")
        if path == "/flaky.html":  # 503 on the first request, then the real page
            if self.counts[h.path] == 1:
                return self.send(h, 503, b"busy")
            return self.send(h, 200, (CORPUS / "html" / q["p"]).read_bytes(), "text/html; charset=utf-8")
        if path == "/redirect.html":
            return self.send(h, 302, b"", None, {"Location": f"/moved.html?p={q['p']}"})
        if path == "/moved.html":
            return self.send(h, 301, b"", None, {"Location": f"/page/{q['p']}"})
        if path == "/loop-a.html":
            return self.send(h, 302, b"", None, {"Location": "/loop-b.html"})
        if path == "/loop-b.html":
            return self.send(h, 302, b"", None, {"Location": "/loop-a.html"})
        if path == "/big.html":
            return self.send(h, 200, b"<html><body>" + b"x" * 300_000 + b"</body></html>")
        if path == "/blob.bin":
            return self.send(h, 200, bytes(range(256)) * 40, "application/octet-stream")
        if path == "/broken.pdf":
            return self.send(h, 200, b"%PDF-1.4\nnot really a pdf", "application/pdf")
        if path.startswith("/etag/"):
            raw = (CORPUS / "html" / path[6:]).read_bytes()
            tag = '"v1-' + str(len(raw)) + '"'
            if h.headers.get("If-None-Match") == tag:
                return self.send(h, 304, b"", None, {"ETag": tag})
            return self.send(h, 200, raw, "text/html; charset=utf-8", {"ETag": tag, "Last-Modified": "Mon, 03 Aug 2026 08:00:00 GMT"})
        if path == "/with-attachments.html":  # a real page plus links to (synthetic) attachments
            raw = (CORPUS / "html" / q["p"]).read_bytes()
            links = b'<p><a href="/files/rules.docx">\xe9\x99\x84\xe4\xbb\xb61</a> <a href="/files/table.pdf">\xe9\x99\x84\xe4\xbb\xb62</a> <a href="/files/old.doc">old</a></p>'
            body = raw.replace(b"</body>", links + b"</body>") if b"</body>" in raw else raw + links
            return self.send(h, 200, body, "text/html; charset=utf-8")
        if path == "/files/rules.docx":
            return self.send(h, 200, synthetic_docx(), "application/octet-stream")
        if path == "/files/table.pdf":
            return self.send(h, 200, synthetic_pdf(), "application/pdf")
        return self.send(h, 404, b"not found")
