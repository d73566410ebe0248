/** The pages' stylesheet: inlined in the static report, served as /assets/app.css by the viewer. */
export const REPORT_CSS = `
:root { color-scheme: light; --ink: #1d232a; --muted: #5b6570; --line: #d9dee3; --accent: #2356a8; --right: #1d7a46; --wrong: #b3261e; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); background: #fbfcfd; }
header { padding: 16px 24px 0; border-bottom: 1px solid var(--line); background: #fff; }
header h1 { margin: 0 0 4px; font-size: 20px; overflow-wrap: anywhere; }
main { padding: 16px 24px 48px; }
.meta, .hint { color: var(--muted); margin: 2px 0; }
.error { color: var(--wrong); }
.back { display: inline-block; margin-bottom: 6px; }
a { color: var(--accent); }
nav.tabs { display: flex; gap: 4px; margin-top: 10px; flex-wrap: wrap; }
nav.tabs a { padding: 6px 12px; border: 1px solid var(--line); border-bottom: none; border-radius: 6px 6px 0 0; text-decoration: none; background: #f1f3f5; }
nav.tabs a[aria-current="page"] { background: #fbfcfd; font-weight: 600; }
section { margin: 0 0 28px; }
h2 { font-size: 17px; margin: 8px 0 10px; }
h3 { font-size: 15px; margin: 14px 0 6px; }
table.data { border-collapse: collapse; margin: 8px 0 12px; }
table.data th, table.data td { border-bottom: 1px solid var(--line); padding: 4px 10px; text-align: left; vertical-align: top; }
table.data th { background: #f1f3f5; font-weight: 600; }
table.items td.right { color: var(--right); text-align: center; }
table.items td.wrong { color: var(--wrong); text-align: center; }
td.question-cell { max-width: 560px; overflow-wrap: anywhere; }
figure.plot { margin: 8px 0 16px; }
figcaption { color: var(--muted); font-size: 12px; }
form.filters { display: flex; flex-wrap: wrap; gap: 8px 14px; align-items: center; padding: 10px; background: #fff; border: 1px solid var(--line); border-radius: 6px; }
form.filters input[type="number"] { width: 70px; }
nav.pager { margin: 8px 0; }
nav.pager .disabled { color: var(--muted); }
pre { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0; font: 13px/1.4 ui-monospace, SFMono-Regular, Menlo, monospace; }
pre.question { padding: 10px; background: #fff; border: 1px solid var(--line); border-radius: 6px; font: inherit; }
pre.reply { max-width: 640px; }
article.item-detail { background: #fff; border: 1px solid var(--accent); border-radius: 8px; padding: 12px 16px; margin-bottom: 20px; }
.detail-head { display: flex; justify-content: space-between; align-items: baseline; }
ol.options { list-style: none; padding-left: 0; }
ol.options li { padding: 3px 6px; overflow-wrap: anywhere; }
ol.options li.key { background: #e8f4ec; }
.badge { color: var(--right); font-weight: 600; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 14px; }
dt { color: var(--muted); }
dd { margin: 0; overflow-wrap: anywhere; }
.flag { color: var(--wrong); }
.status.running { color: var(--accent); font-weight: 600; }
.status.failed { color: var(--wrong); }
table.data tr.winner td { background: #fdf3ea; }
`;
