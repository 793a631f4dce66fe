// Terminal output: colour only when a person is watching (a TTY) and NO_COLOR is not set.
import { styleText } from "node:util";

type Style = Parameters<typeof styleText>[0];

const colour = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR && process.env.TERM !== "dumb";

const paint = (style: Style) => (text: string) => (colour ? styleText(style, text) : text);

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
