// Terminal output: colour only when a person is watching (a TTY) and NO_COLOR is not set.
import { styleText } from "node:util";

type Style = Extract<Parameters<typeof styleText>[0], string>;

const colour = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR && process.env.TERM !== "dumb";

// One style at a time: Node 20.12 (the workshop's floor) takes no list of styles.
const paint = (style: Style | Style[]) => (text: string) =>
  colour ? [style].flat().reduceRight((styled, one) => styleText(one, styled), text) : text;

export const ui = {
  bold: paint("bold"),
  dim: paint("dim"),
  red: paint("red"),
  green: paint("green"),
  yellow: paint("yellow"),
  cyan: paint("cyan"),
  pass: (text = "PASS") => paint(["bold", "green"])(text ? `✓ ${text}` : "✓"),
  fail: (text = "FAIL") => paint(["bold", "red"])(text ? `✗ ${text}` : "✗"),
};

export const say = (text = "") => process.stdout.write(text + "\n");
export const warn = (text: string) => process.stderr.write(text + "\n");
