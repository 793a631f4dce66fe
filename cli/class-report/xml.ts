// The JUnit files `npm run class-report` reads, as a tree of elements: fast-xml-parser checks that
// the file is well-formed and parses it; this module only gives its result the shape read.ts walks.
// A DOCTYPE with declarations is refused, so that no entity of a learner's file expands into anything.
import { XMLParser, XMLValidator } from "fast-xml-parser";

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The element's own text (text nodes and CDATA directly inside it), entities decoded. */
  text: string;
}

export class XmlError extends Error {}

// fast-xml-parser's ordered form: each node is { [tag]: children, ":@"?: attributes } or { "#text": text }.
type Node = Record<string, unknown>;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  ignoreDeclaration: true,
  // character references such as &#10; (the junit reporter writes newlines in attributes so)
  htmlEntities: true,
});

function element(node: Node): XmlElement | undefined {
  const name = Object.keys(node).find((key) => key !== ":@" && key !== "#text");
  if (!name) return undefined;
  const inside = node[name] as Node[];
  return {
    name,
    attributes: (node[":@"] as Record<string, string> | undefined) ?? {},
    children: inside.map(element).filter((child): child is XmlElement => child !== undefined),
    text: inside.map((child) => (typeof child["#text"] === "string" ? child["#text"] : "")).join(""),
  };
}

export function parseXml(input: string): XmlElement {
  const text = input.replace(/^\uFEFF/, "");
  if (/<!DOCTYPE[^>]*\[/i.test(text)) throw new XmlError("a DOCTYPE with declarations (not supported)");
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new XmlError(`${valid.err.msg} (line ${valid.err.line})`);
  const root = (parser.parse(text) as Node[]).map(element).find(Boolean);
  if (!root) throw new XmlError("no root element");
  return root;
}

export const childrenNamed = (element: XmlElement, name: string) => element.children.filter((child) => child.name === name);
