// A small, strict XML parser for the one shape `npm run class-report` reads: the JUnit file the
// workshop's junit reporter writes (elements, attributes, text, CDATA, comments, the XML
// declaration). It checks well-formedness (every tag closed in order, attributes quoted, no bare
// `&`, only the five named entities and character references) and refuses a DOCTYPE with
// declarations, so that no entity can expand into anything. Namespaces are not interpreted.

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The element's own text (text nodes and CDATA directly inside it), entities decoded. */
  text: string;
}

export class XmlError extends Error {}

const NAME = /[A-Za-z_:][-\w.:]*/y;
const ATTRIBUTE = /\s+([A-Za-z_:][-\w.:]*)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/y;
const TAG_END = /\s*(\/?)>/y;
const END_TAG = /<\/([A-Za-z_:][-\w.:]*)\s*>/y;
const NAMED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

export function parseXml(input: string): XmlElement {
  const s = input.replace(/^\uFEFF/, "");
  let i = 0;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  const fail = (what: string): never => {
    throw new XmlError(`${what} (line ${s.slice(0, i).split("\n").length})`);
  };
  const decode = (raw: string): string =>
    raw.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z]+)?(;?)/g, (whole, ref: string | undefined, semi: string) => {
      if (!ref || !semi) return fail(`a bare "&" (write &amp;)`);
      if (ref[0] !== "#") return NAMED[ref] ?? fail(`the entity &${ref}; is not defined`);
      const code = ref[1] === "x" ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      if (!(code > 0 && code <= 0x10ffff) || (code >= 0xd800 && code <= 0xdfff)) return fail(`${whole} is not a character`);
      return String.fromCodePoint(code);
    });
  const skipPast = (end: string, what: string) => {
    const at = s.indexOf(end, i);
    if (at < 0) fail(`${what} is not closed`);
    const inside = s.slice(i, at);
    i = at + end.length;
    return inside;
  };

  while (i < s.length) {
    const lt = s.indexOf("<", i);
    const textEnd = lt < 0 ? s.length : lt;
    if (textEnd > i) {
      const text = s.slice(i, textEnd);
      if (stack.length) stack[stack.length - 1]!.text += decode(text);
      else if (text.trim()) fail("text outside the root element");
      i = textEnd;
      continue;
    }
    if (s.startsWith("<?", i)) {
      skipPast("?>", "a processing instruction");
    } else if (s.startsWith("<!--", i)) {
      i += 4;
      skipPast("-->", "a comment");
    } else if (s.startsWith("<![CDATA[", i)) {
      if (!stack.length) fail("CDATA outside the root element");
      i += 9;
      stack[stack.length - 1]!.text += skipPast("]]>", "a CDATA section");
    } else if (s.startsWith("<!", i)) {
      if (root || stack.length) fail("a declaration inside the document");
      const declaration = skipPast(">", "a declaration");
      if (declaration.includes("[")) fail("a DOCTYPE with declarations (not supported)");
    } else if (s.startsWith("</", i)) {
      END_TAG.lastIndex = i;
      const end = END_TAG.exec(s) ?? fail("a malformed end tag");
      const open = stack.pop();
      if (!open) fail(`</${end[1]}> closes nothing`);
      if (open!.name !== end[1]) fail(`</${end[1]}> closes <${open!.name}>`);
      i = END_TAG.lastIndex;
      if (!stack.length) root = open;
    } else {
      if (root) fail("a second root element");
      NAME.lastIndex = i + 1;
      const name = NAME.exec(s)?.[0] ?? fail("a malformed tag");
      i = NAME.lastIndex;
      const element: XmlElement = { name, attributes: Object.create(null), children: [], text: "" };
      for (;;) {
        ATTRIBUTE.lastIndex = i;
        const attribute = ATTRIBUTE.exec(s);
        if (!attribute) break;
        const [, key, doubleQuoted, singleQuoted] = attribute;
        if (Object.hasOwn(element.attributes, key!)) fail(`the attribute ${key} twice on <${name}>`);
        // Literal whitespace in an attribute value is a space (XML's attribute normalization); a
        // newline written as &#10; stays a newline.
        element.attributes[key!] = decode((doubleQuoted ?? singleQuoted!).replace(/[\t\n\r]/g, " "));
        i = ATTRIBUTE.lastIndex;
      }
      TAG_END.lastIndex = i;
      const tagEnd = TAG_END.exec(s) ?? fail(`a malformed attribute on <${name}>`);
      i = TAG_END.lastIndex;
      stack[stack.length - 1]?.children.push(element);
      if (tagEnd[1]) {
        if (!stack.length) root = element;
      } else {
        stack.push(element);
      }
    }
  }
  if (stack.length) fail(`<${stack[stack.length - 1]!.name}> is not closed`);
  return root ?? fail("no root element");
}

/** The children of `element` named `name`. */
export const childrenNamed = (element: XmlElement, name: string) => element.children.filter((child) => child.name === name);
