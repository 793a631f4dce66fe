// How evidence is written: ids and cookies shortened so that a line stays readable, the same way
// in every check.

/** The start of a long value (a session id, a cookie), with an ellipsis. */
export function short(text: string, max = 12): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** A cookie value for evidence, with the start of both the id and the signature visible. */
export function showCookie(value: string): string {
  const [id = "", signature] = value.split(".");
  return signature === undefined ? short(value, 28) : `${short(id, 24)}.${short(signature, 10)}`;
}

/** "1 connection", "2 connections". */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
