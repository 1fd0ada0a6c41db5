import type { PacketThreat } from '../../../shared/domain/packet';
import { COLOR, CONTENT_WIDTH, lineHeight, PAGE, USABLE_HEIGHT, type Layout, type Style } from './pdf-layout';

// The timeline table: seven columns, the description across the row below them.
const COLUMNS = [
  { title: 'Ref', width: 28 },
  { title: 'Date', width: 54 },
  { title: 'Tactic / channel', width: 122 },
  { title: 'Place', width: 76 },
  { title: 'Target', width: 62 },
  { title: 'Perpetrators', width: 80 },
  { title: 'Severity / verification', width: CONTENT_WIDTH - 422 },
];
const CELL: Style = { size: 8 };
const CELL_PAD = 4;
const HEADER: Style = { size: 7.5, weight: 'bold', color: COLOR.muted };

type Cell = Array<{ text: string; style: Style }>;

function threatCells(threat: PacketThreat): Cell[] {
  const muted: Style = { ...CELL, color: COLOR.muted };
  return [
    [{ text: threat.ref, style: { ...CELL, weight: 'bold' } }],
    [{ text: threat.date, style: CELL }],
    [
      { text: threat.tactic, style: CELL },
      { text: threat.channel, style: muted },
    ],
    [{ text: threat.place, style: CELL }],
    [{ text: threat.target, style: CELL }],
    [{ text: threat.perpetrators.length ? threat.perpetrators.join('; ') : '—', style: CELL }],
    [
      { text: `${threat.severity} of 5`, style: CELL },
      { text: threat.verification, style: muted },
    ],
  ];
}

const DESCRIPTION: Style = { size: 8, color: COLOR.text };
const DESCRIPTION_X = PAGE.left + COLUMNS[0]!.width + CELL_PAD;

/** Every row measured before anything is drawn, so rows can be kept whole. */
export function timelineTable(layout: Layout, timeline: PacketThreat[]) {
  const headerLines = COLUMNS.map((c) => layout.lines(c.title, HEADER, c.width - CELL_PAD * 2));
  const headerHeight = Math.max(...headerLines.map((l) => layout.height(l, HEADER))) + CELL_PAD * 2;
  const descStyle = DESCRIPTION;
  const descWidth = CONTENT_WIDTH - COLUMNS[0]!.width - CELL_PAD * 2;

  const rows = timeline.map((threat) => {
    const cells = threatCells(threat).map((cell, i) => cell.map((part) => ({ lines: layout.lines(part.text, part.style, COLUMNS[i]!.width - CELL_PAD * 2), style: part.style })));
    const cellsHeight = Math.max(...cells.map((parts) => parts.reduce((h, p) => h + layout.height(p.lines, p.style), 0)));
    const extra = threat.evidenceRefs.length ? `\nEvidence: ${threat.evidenceRefs.join(', ')}` : '';
    const desc = layout.lines(`${threat.description.text}${extra}`.trim(), descStyle, descWidth);
    const descHeight = desc.length && (desc.length > 1 || desc[0]!.width > 0) ? layout.height(desc, descStyle) + 3 : 0;
    return { cells, cellsHeight, desc: descHeight ? desc : [], height: CELL_PAD * 2 + cellsHeight + descHeight };
  });
  return { headerLines, headerHeight, rows };
}

export function drawTimeline(layout: Layout, { headerLines, headerHeight, rows }: ReturnType<typeof timelineTable>): void {
  const descStyle = DESCRIPTION;
  const descX = DESCRIPTION_X;
  const drawHeader = () => {
    layout.pdf.rect(PAGE.left, layout.y, CONTENT_WIDTH, headerHeight).fill(COLOR.faint);
    let x = PAGE.left;
    COLUMNS.forEach((column, i) => {
      layout.drawBlock(headerLines[i]!, x + CELL_PAD, layout.y + CELL_PAD, HEADER);
      x += column.width;
    });
    layout.y += headerHeight;
  };
  layout.ensure(headerHeight + (rows[0]?.height ?? 0));
  drawHeader();
  layout.onNewPage = drawHeader;
  for (const row of rows) {
    // A row stays on one page; only a row longer than a page continues its description on the next.
    if (row.height <= USABLE_HEIGHT - headerHeight) layout.ensure(row.height);
    else layout.ensure(CELL_PAD * 2 + row.cellsHeight + lineHeight(descStyle) * 3);
    const top = layout.y + CELL_PAD;
    let x = PAGE.left;
    row.cells.forEach((parts, i) => {
      let y = top;
      for (const part of parts) y += layout.drawBlock(part.lines, x + CELL_PAD, y, part.style);
      x += COLUMNS[i]!.width;
    });
    layout.y = top + row.cellsHeight + 3;
    for (const line of row.desc) {
      layout.ensure(lineHeight(descStyle));
      layout.drawLine(line, descX, layout.y, descStyle);
      layout.y += lineHeight(descStyle);
    }
    layout.y += CELL_PAD;
    layout.rule();
  }
  layout.onNewPage = null;
  layout.y += 12;
}
