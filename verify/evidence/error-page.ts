// The text of an answer's body as a person reads it. Express answers a thrown error with an HTML
// page whose <pre> holds the error and its stack, one line per <br>, HTML-escaped.
const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", nbsp: " " };

/** An error page's <pre> text (lines kept), another HTML page's text, or the body as it is; entities decoded. */
export function errorPageText(body: string): string {
  const pre = /<pre>([\s\S]*?)<\/pre>/.exec(body)?.[1];
  const text = pre !== undefined ? pre.replace(/<br>/g, "\n") : /^\s*</.test(body) ? body.replace(/<[^>]*>/g, " ") : body;
  return text.replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, name: string) => ENTITIES[name]!);
}
