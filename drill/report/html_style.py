"""The HTML report's stylesheet: readable on screen, and on paper (A4 or Letter)."""

CSS = """
:root { --ink: #1f2328; --muted: #5f6b76; --line: #d0d7de; --soft: #f6f8fa; --accent: #24527a;
        --good: #2e7d32; --warn: #a35f00; --bad: #c62828; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; color: var(--ink); background: #fff; font: 15px/1.5 system-ui, -apple-system, "Segoe UI",
       Roboto, "Helvetica Neue", Arial, sans-serif; }
.page { max-width: 1100px; margin: 0 auto; padding: 32px 40px 64px; }
header.cover { border-bottom: 4px solid var(--accent); padding-bottom: 12px; margin-bottom: 20px; }
header.cover .kind { text-transform: uppercase; letter-spacing: .08em; font-size: 12px; color: var(--muted); }
h1 { font-size: 28px; line-height: 1.2; margin: 4px 0 6px; }
.subtitle { color: var(--muted); margin: 0; }
nav.contents { background: var(--soft); border: 1px solid var(--line); border-radius: 6px; padding: 10px 16px;
               margin-bottom: 24px; font-size: 14px; }
nav.contents ol { margin: 4px 0 0; padding-left: 20px; columns: 2; }
nav.contents a { color: var(--accent); text-decoration: none; }
section { margin-top: 36px; }
h2 { font-size: 22px; border-bottom: 2px solid var(--line); padding-bottom: 4px; margin: 0 0 14px;
     color: var(--accent); }
h3 { font-size: 17px; margin: 20px 0 8px; }
h4 { font-size: 15px; margin: 14px 0 6px; }
p.lead { font-size: 16px; }
p.muted, .muted { color: var(--muted); }
table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; font-size: 13.5px; }
th, td { border: 1px solid var(--line); padding: 5px 8px; text-align: left; vertical-align: top; }
th { background: var(--soft); font-weight: 600; }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td { overflow-wrap: break-word; }
td.nw, th.nw { white-space: nowrap; }
table.timeline td:nth-child(4) { overflow-wrap: anywhere; }
table.kv thead { display: none; }
table.kv td:first-child { width: 160px; }
table.compact { font-size: 12.5px; }
table.compact td, table.compact th { padding: 3px 6px; }
table.timeline { table-layout: fixed; }
table.timeline th:nth-child(1) { width: 9%; } table.timeline th:nth-child(2) { width: 17%; }
table.timeline th:nth-child(3) { width: 17%; } table.timeline th:nth-child(4) { width: 37%; }
table.timeline td:first-child { font-variant-numeric: tabular-nums; }
table.plan td { height: 3.2em; }
table.plan td:nth-child(5), table.plan td:nth-child(6) { width: 11%; }
table.plan td:first-child { width: 2.5em; }
code { font: 12.5px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--soft);
       padding: 0 3px; border-radius: 3px; }
.good { color: var(--good); font-weight: 600; }
.warn { color: var(--warn); font-weight: 600; }
.bad { color: var(--bad); font-weight: 600; }
.rating { display: inline-block; min-width: 1.6em; text-align: center; font-weight: 700; border-radius: 4px;
          color: #fff; background: var(--muted); padding: 0 4px; }
.rating.r-P { background: var(--good); } .rating.r-S { background: #6d8f1f; }
.rating.r-M { background: var(--warn); } .rating.r-U { background: var(--bad); }
.rating.r-step { color: var(--ink); background: var(--soft); border: 1px solid var(--line); font-weight: 600;
                 text-align: left; }
mark { padding: 0 1px; border-radius: 2px; color: inherit; }
mark.fail { background: #ffd5d2; box-shadow: inset 0 -2px 0 var(--bad); }
mark.pass { background: #d8f0d8; }
.figures { display: flex; gap: 14px; margin: 6px 0 14px; }
.figure { flex: 1; border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; background: var(--soft); }
.figure .value { display: block; font-size: 30px; font-weight: 700; line-height: 1.1; }
.figure .label { color: var(--muted); font-size: 13px; }
.figure.good .value { color: var(--good); } .figure.warn .value { color: var(--warn); }
.figure.bad .value { color: var(--bad); }
figure.chart { margin: 12px 0 18px; border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; }
figure.chart figcaption { font-size: 13px; color: var(--muted); margin-bottom: 6px; }
figure.chart figcaption strong { color: var(--ink); font-size: 14px; }
svg.chart { width: 100%; height: auto; display: block; font-family: inherit; }
details.data summary { cursor: pointer; color: var(--accent); font-size: 13px; margin-top: 6px; }
article.message { border: 1px solid var(--line); border-left: 4px solid var(--accent); border-radius: 6px;
                  padding: 4px 14px 6px; margin: 14px 0; }
article.message h3 { font-size: 15px; margin: 8px 0 4px; }
blockquote { margin: 8px 0; padding: 8px 12px; background: var(--soft); border-left: 3px solid var(--line);
             white-space: normal; overflow-wrap: anywhere; }
.notes { border: 1px solid var(--line); border-radius: 6px; padding: 6px 12px 10px; margin: 6px 0 16px; }
.notes .label { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .06em; }
.notes .line { border-bottom: 1px dotted #9aa4ad; height: 2em; }
div.question h3 { font-size: 15px; }
footer { margin-top: 40px; color: var(--muted); font-size: 12px; border-top: 1px solid var(--line);
         padding-top: 8px; }

@media (max-width: 700px) {
  .page { padding: 16px; }
  .figures { flex-direction: column; }
  nav.contents ol { columns: 1; }
}

@page { size: A4; margin: 14mm 12mm 16mm; }
@media print {
  body { font-size: 10.5pt; }
  .page { max-width: none; padding: 0; }
  nav.contents { break-after: page; page-break-after: always; }
  section.break { break-before: page; page-break-before: always; margin-top: 0; }
  h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
  table { font-size: 9pt; }
  thead { display: table-header-group; }
  tr, figure.chart, .figures, .notes, div.question { break-inside: avoid; page-break-inside: avoid; }
  article.message { break-inside: avoid-page; }
  details.data { display: none; }
  a { color: inherit; text-decoration: none; }
}
"""
