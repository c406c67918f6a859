// polex serve: the little behaviour the pages have. Every document value is inserted with
// textContent (never innerHTML), so nothing read from a notice can become markup.
"use strict";

function jsonData(id) {
  const el = document.getElementById(id);
  return el ? JSON.parse(el.textContent) : null;
}

function setText(id, text) {
  const el = document.getElementById(id);
  if (el) el.textContent = text;
}

// -- document page: click a highlight → its characters in raw_text -------------------------
function initDocument() {
  const text = document.getElementById("text");
  const items = jsonData("items");
  if (!text || !items) return;
  const docId = text.dataset.doc;
  async function show(span) {
    const item = items[Number(span.dataset.item)];
    document.querySelectorAll("#text .active").forEach((e) => e.classList.remove("active"));
    document.querySelectorAll(`#text [data-item="${span.dataset.item}"]`).forEach((e) => e.classList.add("active"));
    setText("source-what", `${item.kind}: ${item.label}`);
    const r = await fetch(`/doc/${encodeURIComponent(docId)}/source?format=json&start=${item.raw_start}&end=${item.raw_end}`);
    const src = await r.json();
    const pre = document.getElementById("source");
    pre.replaceChildren();
    const mark = document.createElement("mark");
    mark.id = "source-mark";
    mark.textContent = src.text;
    pre.append(document.createTextNode(src.before), mark, document.createTextNode(src.after));
    pre.dataset.rawStart = src.raw_span[0];
    pre.dataset.rawEnd = src.raw_span[1];
    const where = document.getElementById("source-where");
    where.replaceChildren();
    where.append(document.createTextNode(`raw_text [${src.raw_span[0]}, ${src.raw_span[1]}) · line ${src.line} · ${src.media_type} · text [${item.start}, ${item.end}) · `));
    const a = document.createElement("a");
    a.href = `/doc/${encodeURIComponent(docId)}/raw?start=${src.raw_span[0]}&end=${src.raw_span[1]}#raw-mark`;
    a.textContent = src.media_type === "text/html" ? "in the page source" : "in the source text";
    where.append(a);
    document.getElementById("source-hint").hidden = true;
    mark.scrollIntoView({ block: "nearest" });
  }
  text.addEventListener("click", (ev) => {
    const span = ev.target.closest("[data-item]");
    if (span) show(span);
  });
  text.addEventListener("keydown", (ev) => {
    const span = ev.target.closest("[data-item]");
    if (span && (ev.key === "Enter" || ev.key === " ")) { ev.preventDefault(); show(span); }
  });
  const meta = document.getElementById("meta");
  if (meta) {
    fetch(meta.dataset.evidence).then((r) => r.json()).then((ev) => {
      meta.querySelectorAll("tr[data-field]").forEach((row) => {
        const f = ev.metadata && ev.metadata[row.dataset.field];
        const cell = row.querySelector(".ev");
        cell.replaceChildren();
        if (!f) { cell.textContent = "-"; return; }
        cell.append(document.createTextNode(`${f.source}${f.evidence ? ": " + f.evidence : ""} `));
        if (f.raw_span) {
          const a = document.createElement("a");
          a.href = `/doc/${encodeURIComponent(docId)}/raw?start=${f.raw_span[0]}&end=${f.raw_span[1]}#raw-mark`;
          a.textContent = `[${f.raw_span[0]}, ${f.raw_span[1]})`;
          cell.append(a);
        }
      });
    }).catch(() => meta.querySelectorAll(".ev").forEach((c) => { c.textContent = "(could not re-read the source)"; }));
  }
}

// -- trace page: the graph by level (Cytoscape.js, vendored) ---------------------------------
function initTrace() {
  const box = document.getElementById("graph");
  const data = jsonData("graph-data");
  if (!box || !data || typeof cytoscape === "undefined") return;
  const colors = { implements: "#1f5fbf", cites: "#9a9a9a", next_edition: "#2e8b57" };
  const cy = cytoscape({
    container: box,
    elements: [
      ...data.nodes.map((n) => ({ data: { id: n.id, label: n.lines, full: n.label, href: n.href, level: n.level },
        position: { x: n.x, y: n.y }, classes: [n.stored ? "stored" : "placeholder", n.root ? "root" : ""].join(" ") })),
      ...data.rows.map((r) => ({ data: { id: `row-${r.level}`, label: r.level }, position: { x: r.x, y: r.y }, classes: "row",
        selectable: false, grabbable: false })),
      ...data.edges.map((e) => ({ data: { id: e.id, source: e.source, target: e.target, relation: e.relation } })),
    ],
    layout: { name: "preset", fit: true, padding: 40 },
    style: [
      { selector: "node", style: { shape: "round-rectangle", width: 210, height: 58, "background-color": "#eef4ff", "border-width": 1.5,
        "border-color": "#1f5fbf", label: "data(label)", "text-wrap": "wrap", "text-max-width": 200, "font-size": 13,
        "text-valign": "center", "text-halign": "center", "font-family": "Noto Sans CJK SC, sans-serif" } },
      { selector: "node.placeholder", style: { "background-color": "#fff", "border-style": "dashed", "border-color": "#999" } },
      { selector: "node.root", style: { "border-width": 3, "background-color": "#ffe9c7", "border-color": "#e67e22" } },
      { selector: "node.row", style: { shape: "rectangle", width: 90, height: 30, "background-opacity": 0, "border-width": 0,
        "font-weight": "bold", color: "#555", "font-size": 14 } },
      { selector: "edge", style: { width: 1.6, "curve-style": "bezier", "target-arrow-shape": "triangle",
        "line-color": (e) => colors[e.data("relation")] || "#999", "target-arrow-color": (e) => colors[e.data("relation")] || "#999",
        label: "data(relation)", "font-size": 10, color: "#555", "text-rotation": "autorotate", "text-background-color": "#fff", "text-background-opacity": 1 } },
      { selector: "edge[relation = 'cites']", style: { "line-style": "dashed" } },
    ],
    maxZoom: 1.6,
  });
  cy.on("tap", "node", (ev) => { const h = ev.target.data("href"); if (h) window.location.href = h; });
  box.dataset.nodes = String(cy.nodes().filter((n) => !n.hasClass("row")).length);
  box.dataset.ready = "1";
  window.polexGraph = cy;
}

// -- diff page: hide unchanged, next / previous change --------------------------------------
function initDiff() {
  const controls = document.getElementById("diff-controls");
  if (!controls) return;
  const hide = document.getElementById("hide-unchanged");
  hide.addEventListener("change", () => document.body.classList.toggle("hide-unchanged", hide.checked));
  let pos = -1;
  function go(step) {
    const rows = Array.from(document.querySelectorAll("#pairs tr.change"));
    if (!rows.length) return;
    pos = (pos + step + rows.length) % rows.length;
    document.querySelectorAll("#pairs tr.current").forEach((r) => r.classList.remove("current"));
    rows[pos].classList.add("current");
    rows[pos].scrollIntoView({ block: "center" });
    setText("change-pos", `change ${pos + 1} of ${rows.length}`);
  }
  document.getElementById("next-change").addEventListener("click", () => go(1));
  document.getElementById("prev-change").addEventListener("click", () => go(-1));
}

document.addEventListener("DOMContentLoaded", () => { initDocument(); initTrace(); initDiff(); });
