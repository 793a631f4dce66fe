// Draws a check's arrows (sequence.ts) as one self-contained SVG: no external font, script or
// style sheet, so that it shows the same in the workshop page, in a downloaded file and in a
// Chinese or an English reader's viewer. Every text is escaped (a user name is the app's to
// choose, and an answer the app's to make up). Colour is never the only signal: a wrong arrow is
// also dashed and marked ✗, a right one ✓, and the arrow where the fault shows has a band and a ⚠.
import type { Actor, Arrow } from "./sequence.ts";

type Lang = "en" | "zh-CN";

const ACTORS: Record<Actor, Record<Lang, string>> = {
  page: { en: "Browser page", "zh-CN": "浏览器页面" },
  api: { en: "API (HTTP routes)", "zh-CN": "API（HTTP 路由）" },
  socket: { en: "Socket.IO server", "zh-CN": "Socket.IO 服务器" },
  probe: { en: "Verifier's probes (Node)", "zh-CN": "验证器的探测（Node）" },
};

const WORDS = {
  probes: { en: "The verifier's own probes: the lesson's check, then the rules every app keeps", "zh-CN": "验证器自己的探测：本课的检查，然后是每个应用都要遵守的规则" },
  fault: { en: "⚠ the fault shows here", "zh-CN": "⚠ 故障在这里显现" },
  legend: {
    en: "✓ as it should be    ✗ not as it should be (dashed)    ⚠ where the fault shows",
    "zh-CN": "✓ 符合预期    ✗ 不符合预期（虚线）    ⚠ 故障显现之处",
  },
  empty: { en: "Nothing was recorded.", "zh-CN": "没有记录到任何内容。" },
  summary: {
    en: (n: number, wrong: number, fault: number | undefined) =>
      `${n} arrows between the browser page, the API, the Socket.IO server and the verifier's probes; ${wrong} not as they should be${fault ? `; the fault shows at arrow ${fault}` : ""}.`,
    "zh-CN": (n: number, wrong: number, fault: number | undefined) =>
      `浏览器页面、API、Socket.IO 服务器与验证器的探测之间共 ${n} 个箭头，其中 ${wrong} 个不符合预期${fault ? `；故障显现在第 ${fault} 个箭头` : ""}。`,
  },
};

const ORDER: Actor[] = ["page", "api", "socket", "probe"];
const GREEN = "#1a7f37";
const RED = "#cf222e";
const INK = "#1f2328";
const MUTED = "#59636e";
const FONT = `system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif`;

// Geometry, in pixels.
const MARGIN = 16;
const GUTTER = 30; // left of the first lifeline: the ⚠ of the fault's row
const BOX_MIN = 150;
const BOX_H = 40;
const LABEL = 12.5; // font sizes
const SMALL = 11;
const MIN_GAP = 190;
/** A white outline under a text, so that it stays readable where it crosses a lifeline. */
const HALO = `stroke="#ffffff" stroke-width="4" stroke-linejoin="round" paint-order="stroke"`;
const MAX_GAP = 460;

export function sequenceSvg(arrows: Arrow[], opts: { lang: Lang; title: string }): string {
  const lang: Lang = opts.lang === "zh-CN" ? "zh-CN" : "en";
  const actors = ORDER.filter((actor) => arrows.some((a) => a.from === actor || a.to === actor));
  if (actors.length < 2) actors.splice(0, actors.length, "page", "api", "socket");
  const column = new Map(actors.map((actor, i) => [actor, i]));
  // Boxes as wide as the longest name (bold text runs a little wider than the estimate).
  const BOX_W = Math.ceil(Math.max(BOX_MIN, ...actors.map((actor) => width(ACTORS[actor][lang], LABEL) * 1.1 + 24)));
  const text = (a: Arrow) => (lang === "zh-CN" && a.zh ? a.zh : { label: a.label, detail: a.detail });
  const mark = (a: Arrow) => (a.ok ? "✓" : "✗");

  // Columns as wide as the labels need (within bounds): a label spans the columns its arrow crosses.
  let gap = MIN_GAP;
  for (const a of arrows) {
    const span = Math.max(1, Math.abs(column.get(a.from)! - column.get(a.to)!));
    const t = text(a);
    const need = Math.max(width(`${mark(a)} ${t.label}`, LABEL), width(t.detail ?? "", SMALL)) + 36;
    gap = Math.max(gap, Math.min(MAX_GAP, need / span));
  }
  gap = Math.ceil(Math.max(gap, BOX_W + 24));
  const x = (actor: Actor) => MARGIN + GUTTER + BOX_W / 2 + column.get(actor)! * gap;
  const right = x(actors.at(-1)!) + BOX_W / 2 + MARGIN;

  const title = clean(opts.title);
  const wrong = arrows.filter((a) => !a.ok).length;
  const fault = arrows.find((a) => a.faultHere)?.seq;
  const out: string[] = [];
  let y = MARGIN;
  const titleWidth = width(title, 15) + 2 * MARGIN;
  const svgWidth = Math.ceil(Math.max(right, titleWidth, width(WORDS.legend[lang], SMALL) + 2 * MARGIN));

  // Title, then the actors' boxes.
  y += 16;
  out.push(`<text x="${MARGIN}" y="${y}" font-size="15" font-weight="600" fill="${INK}">${escapeXml(clip(title, svgWidth - 2 * MARGIN, 15))}</text>`);
  y += 14;
  const boxesTop = y;
  const boxes = (top: number) =>
    actors
      .map((actor) => {
        const cx = x(actor);
        return (
          `<rect x="${cx - BOX_W / 2}" y="${top}" width="${BOX_W}" height="${BOX_H}" rx="6" fill="#f6f8fa" stroke="${MUTED}"/>` +
          `<text x="${cx}" y="${top + BOX_H / 2 + 4.5}" text-anchor="middle" font-size="${LABEL}" font-weight="600" fill="${INK}">${escapeXml(ACTORS[actor][lang])}</text>`
        );
      })
      .join("");
  y += BOX_H + 22;

  // The arrows, one row each; the probes after a line that says whose they are.
  const rows: string[] = [];
  let probesBegun = false;
  for (const a of arrows) {
    const t = text(a);
    if (!probesBegun && (a.from === "probe" || a.to === "probe")) {
      probesBegun = true;
      y += 6;
      rows.push(`<line x1="${MARGIN}" y1="${y}" x2="${svgWidth - MARGIN}" y2="${y}" stroke="${MUTED}" stroke-dasharray="2 3"/>`);
      rows.push(`<text x="${MARGIN}" y="${y + 15}" font-size="${SMALL}" font-style="italic" fill="${MUTED}">${escapeXml(clip(WORDS.probes[lang], svgWidth - 2 * MARGIN, SMALL))}</text>`);
      y += 30;
    }
    const height = 34 + (t.detail ? 14 : 0) + (a.faultHere ? 15 : 0);
    rows.push(row(a, t, x(a.from), x(a.to), y, height, svgWidth, lang, gap));
    y += height;
  }
  if (!arrows.length) {
    rows.push(`<text x="${MARGIN}" y="${y + 12}" font-size="${LABEL}" fill="${MUTED}">${escapeXml(WORDS.empty[lang])}</text>`);
    y += 30;
  }
  const lifelinesEnd = y;
  y += 8;
  out.push(`<text x="${MARGIN}" y="${y + 12}" font-size="${SMALL}" fill="${MUTED}">${escapeXml(WORDS.legend[lang])}</text>`);
  y += 12 + MARGIN;
  const height = Math.ceil(y);

  const lifelines = actors
    .map((actor) => `<line x1="${x(actor)}" y1="${boxesTop + BOX_H}" x2="${x(actor)}" y2="${lifelinesEnd}" stroke="#afb8c1" stroke-width="1.5" stroke-dasharray="5 4"/>`)
    .join("");
  const id = `seq-${hash(title + arrows.map((a) => `${a.seq}${a.label}${a.ok}`).join("|"))}`;
  const desc = WORDS.summary[lang](arrows.length, wrong, fault);
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="${svgWidth}" height="${height}" viewBox="0 0 ${svgWidth} ${height}" role="img" aria-labelledby="${id}-title ${id}-desc" xml:lang="${lang}" lang="${lang}" font-family="${escapeXml(FONT)}">`,
    `<title id="${id}-title">${escapeXml(title)}</title>`,
    `<desc id="${id}-desc">${escapeXml(desc)}</desc>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    lifelines,
    boxes(boxesTop),
    ...rows,
    ...out,
    `</svg>`,
    "",
  ].join("\n");
}

/** One arrow: its band if the fault shows here, the line and head, the label above, the detail below. */
function row(a: Arrow, t: { label: string; detail?: string }, x1: number, x2: number, top: number, height: number, svgWidth: number, lang: Lang, gap: number): string {
  const colour = a.ok ? GREEN : RED;
  const lineY = top + 20;
  const dir = x2 >= x1 ? 1 : -1;
  const mid = (x1 + x2) / 2;
  const room = Math.max(Math.abs(x2 - x1), gap) - 16;
  const parts: string[] = [];
  // The arrow's facts as attributes too: a reader (or a test) can hold the picture to the evidence.
  parts.push(`<g class="arrow" data-seq="${a.seq}" data-from="${a.from}" data-to="${a.to}" data-ok="${a.ok}"${a.faultHere ? ` data-fault="true"` : ""}>`);
  parts.push(`<title>${escapeXml(`${a.seq}. ${a.ok ? "✓" : "✗"} ${t.label}${t.detail ? ` — ${t.detail}` : ""}`)}</title>`);
  if (a.faultHere) {
    parts.push(`<rect x="${MARGIN / 2}" y="${top - 2}" width="${svgWidth - MARGIN}" height="${height - 2}" rx="4" fill="#fff1e5" stroke="#bc4c00" stroke-width="1.5"/>`);
    parts.push(`<text x="${MARGIN / 2 + 6}" y="${lineY + 5}" font-size="16" fill="#bc4c00">⚠</text>`);
  }
  const end = x2 - dir * 9;
  parts.push(`<line x1="${x1}" y1="${lineY}" x2="${end}" y2="${lineY}" stroke="${colour}" stroke-width="${a.faultHere ? 2.5 : 1.75}"${a.ok ? "" : ` stroke-dasharray="6 4"`}/>`);
  parts.push(`<polygon points="${x2},${lineY} ${x2 - dir * 10},${lineY - 5} ${x2 - dir * 10},${lineY + 5}" fill="${colour}"/>`);
  const label = clip(t.label, room - width(`✓ ${a.seq}. `, LABEL), LABEL);
  parts.push(
    `<text x="${mid}" y="${lineY - 6}" text-anchor="middle" font-size="${LABEL}" fill="${INK}" ${HALO}>` +
      `<tspan fill="${MUTED}" font-size="${SMALL}">${a.seq}. </tspan><tspan fill="${colour}" font-weight="700">${a.ok ? "✓" : "✗"}</tspan> ${escapeXml(label)}</text>`,
  );
  let below = lineY + 15;
  if (t.detail) {
    parts.push(`<text x="${mid}" y="${below}" text-anchor="middle" font-size="${SMALL}" fill="${MUTED}" ${HALO}>${escapeXml(clip(t.detail, room, SMALL))}</text>`);
    below += 14;
  }
  if (a.faultHere) {
    parts.push(`<text x="${mid}" y="${below}" text-anchor="middle" font-size="${SMALL}" font-weight="700" fill="#bc4c00">${escapeXml(WORDS.fault[lang])}</text>`);
  }
  parts.push(`</g>`);
  return parts.join("");
}

/** Text as XML allows it: the five special characters escaped, characters XML forbids left out. */
export function escapeXml(text: string): string {
  return clean(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]!);
}

/** Without the characters XML 1.0 cannot hold (control characters, lone surrogates, U+FFFE/F). */
function clean(text: string): string {
  return String(text).replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "");
}

/** An estimate of a text's width: no font is measured, so wide (CJK) characters count double. */
function width(text: string, size: number): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/.test(ch) ? size : /[ilj.,:;'|!() ]/.test(ch) ? size * 0.32 : size * 0.58;
  return w;
}

/** The text cut to fit `room` pixels, with an ellipsis; the whole of it stays in the row's <title>. */
function clip(text: string, room: number, size: number): string {
  if (width(text, size) <= room) return text;
  const chars = Array.from(text);
  let w = width("…", size);
  let out = "";
  for (const ch of chars) {
    w += width(ch, size);
    if (w > room) break;
    out += ch;
  }
  return `${out}…`;
}

function hash(text: string): string {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0).toString(36);
}
