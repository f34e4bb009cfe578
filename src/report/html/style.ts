/**
 * The page's only stylesheet, inline. System fonts (nothing to fetch); colours from the
 * Okabe–Ito palette, which colour-blind readers tell apart, and chosen to differ in lightness
 * too, so a greyscale print keeps them apart (every chart also writes its labels out).
 */
export const STYLE = `
:root{--ink:#1b1f24;--muted:#555d66;--rule:#d0d5db;--accent:#0072B2;--warn:#a34500}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:#fff;color:var(--ink);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Helvetica Neue",Arial,sans-serif}
main{max-width:760px;margin:0 auto;padding:24px 20px 48px}
h1{font-size:1.6em;line-height:1.25;margin:0 0 4px}
h2{font-size:1.25em;margin:32px 0 8px;padding-top:8px;border-top:1px solid var(--rule)}
h3{font-size:1.05em;margin:20px 0 6px}
p,li{overflow-wrap:anywhere}
.muted{color:var(--muted);font-size:.92em}
.headline{font-size:1.2em;margin:8px 0}
.headline.warn{color:var(--warn);font-weight:600}
ol.reasons,ul.breakeven{padding-left:1.3em}
ol.reasons li,ul.breakeven li{margin:4px 0}
figure{margin:12px 0 20px;break-inside:avoid;page-break-inside:avoid}
figcaption{color:var(--muted);font-size:.9em;margin-top:4px}
svg.chart{display:block;width:100%;max-width:600px;height:auto}
svg.chart text{font-family:inherit;font-size:13px;fill:var(--ink);paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}
svg.chart .name{font-weight:600;font-size:14px}
svg.chart .tick,svg.chart .note{font-size:12px;fill:var(--muted)}
svg.chart .bar{fill:#0072B2}
svg.chart .whisker{stroke:#1b1f24;stroke-width:1.5}
svg.chart .dot{fill:#E69F00;stroke:#1b1f24;stroke-width:1.5}
svg.chart .axis{stroke:#555d66}
svg.chart .grid{stroke:#e3e6ea}
svg.chart .band{fill:#9fcbe8;stroke:none}
svg.chart .median{fill:none;stroke:#08406b;stroke-width:2.5}
svg.chart .budget{stroke:#D55E00;stroke-width:1.5;stroke-dasharray:6 4}
svg.chart .less,svg.chart .total{fill:#009E73}
svg.chart .total{fill:#00664a}
svg.chart .more{fill:#fff;stroke:#D55E00;stroke-width:2}
svg.chart .over{fill:#D55E00}
svg.chart .low{fill:#0072B2}
svg.chart .high{fill:#E69F00}
svg.chart .now{stroke:#1b1f24;stroke-width:1.5;stroke-dasharray:3 3}
svg.chart .zero{stroke:#1b1f24;stroke-width:1.5}
details{margin-top:6px;font-size:.9em}
summary{cursor:pointer;color:var(--accent)}
table{border-collapse:collapse;width:100%;margin:8px 0;font-size:.92em}
caption{text-align:left;color:var(--muted);padding-bottom:4px}
th,td{padding:4px 6px;border-bottom:1px solid var(--rule);text-align:left;vertical-align:top;overflow-wrap:anywhere}
.num{text-align:right;font-variant-numeric:tabular-nums}
table.inputs{margin:14px 0 6px}
table.inputs caption{color:var(--ink);font-weight:600;border-bottom:2px solid var(--rule)}
table.inputs th[scope=row]{width:38%;font-weight:500}
table.inputs .source{display:block;color:var(--muted);font-size:.9em}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.88em;overflow-wrap:anywhere}
dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:8px 0}
dt{color:var(--muted)}
dd{margin:0;overflow-wrap:anywhere}
@media (max-width:600px){
body{font-size:15px}
main{padding:16px 12px 32px}
h1{font-size:1.35em}
table.inputs th[scope=row]{width:42%}
details table{font-size:.85em}
dl{grid-template-columns:1fr}
dt{margin-top:6px}
}
@page{size:A4;margin:14mm 12mm}
@media print{
body{font-size:9pt;line-height:1.3}
main{max-width:none;padding:0}
h2{margin:14px 0 4px;break-after:avoid;page-break-after:avoid}
h3{break-after:avoid}
details{display:none}
svg.chart{max-width:108mm}
figure{display:flex;gap:5mm;align-items:flex-end}
figcaption{max-width:60mm}
#manifest dl{display:block}
#manifest dt,#manifest dd{display:inline;margin:0}
#manifest dd::after{content:' · '}
#manifest dt::after{content:': '}
figure{margin:6px 0 10px}
.groups{column-count:3;column-gap:5mm}
table.inputs{font-size:7pt;line-height:1.25;margin:0 0 6px}
table.inputs tr{break-inside:avoid}
table.inputs th,table.inputs td{padding:1px 3px}
a{color:inherit}
}
`
  .trim()
  .replace(/\n/g, '');

/** The what-if panel: beside the page on a wide screen, above it on a narrow one, never on paper. */
export const LIVE_STYLE = `
#whatif{border:1px solid var(--rule);border-radius:6px;padding:8px 14px;margin:16px 0;background:#f7f9fb}
#whatif h2{border:0;margin:4px 0;padding:0}
#whatif .control{margin:10px 0}
#whatif label{display:block;font-size:.92em}
#whatif output{font-weight:600;font-variant-numeric:tabular-nums}
#whatif .control.changed output{color:var(--accent)}
#whatif input[type=range]{display:block;width:100%;margin:2px 0}
#whatif button{font:inherit;padding:4px 10px}
#whatif-status{font-weight:600;margin:6px 0}
#whatif code{display:block;margin-top:2px}
.stale{color:var(--warn);font-weight:600}
@media (min-width:1200px){
body.live main{margin-left:max(20px,calc(50vw - 560px))}
#whatif{position:fixed;top:16px;right:16px;width:330px;max-height:calc(100vh - 32px);overflow:auto;margin:0}
}
@media print{#whatif{display:none}}
`
  .trim()
  .replace(/\n/g, '');
