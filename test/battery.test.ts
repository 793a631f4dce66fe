// The battery (verify/battery/): every item is described, names only explained faults, and can
// fail. Most items are proven by a wrong fix in test/fixes (lessons.test.ts checks that each one
// is); the cookie items that no lesson can reach yet (no lesson is cross-site, and lesson 12's own
// check asks for Secure first) are proven here, against the evidence they read.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { BATTERY, leftOut } from "../verify/battery/index.ts";
import { FAULTS } from "../verify/catalogue/language.ts";
import { LESSONS } from "../verify/catalogue/lessons.ts";
import { ROOT } from "../verify/paths.ts";
import type { CheckContext } from "../verify/kit/check.ts";
import { lessonByNumber } from "./helpers.ts";


test("every battery item has a stable id, says what it tries, and names only explained faults", () => {
  assert.equal(new Set(BATTERY.map((item) => item.id)).size, BATTERY.length, "ids are unique");
  for (const item of BATTERY) {
    assert.match(item.id, /^[a-z]+\.[a-z-]+$/, item.id);
    assert.ok(item.tries.length > 10, `${item.id} says what it tries`);
    if (item.from !== undefined) assert.ok(LESSONS.some((l) => l.number === item.from), `${item.id}: lesson ${item.from} exists`);
  }
  const dir = path.join(ROOT, "verify", "battery");
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".ts"))) {
    for (const [, code] of readFileSync(path.join(dir, file), "utf8").matchAll(/\bfault: "([A-Z_]+)"/g)) {
      assert.ok(Object.hasOwn(FAULTS, code!), `verify/battery/${file} names ${code}, which the shared catalogue does not explain`);
    }
  }
});

test("lessons/RULES.md, in both languages, states the rule of every battery item, and of no other", () => {
  for (const file of ["RULES.md", "RULES.zh-CN.md"]) {
    const text = readFileSync(path.join(ROOT, "lessons", file), "utf8");
    for (const item of BATTERY) assert.ok(text.includes(`\`${item.id}\``), `lessons/${file} does not state ${item.id}`);
    for (const [, id] of text.matchAll(/`([a-z]+\.[a-z-]+)`/g)) assert.ok(BATTERY.some((item) => item.id === id) || !/^(api|cookie|identity|users|origins|lifecycle|store)\./.test(id!), `lessons/${file} names ${id}, which no battery item is`);
  }
});

test("an item a lesson comes before is left out with the lesson that teaches it", () => {
  const ctx = { lesson: lessonByNumber(3) } as CheckContext;
  const websocket = BATTERY.find((item) => item.id === "origins.websocket")!;
  assert.equal(leftOut(websocket, ctx), "taught in lesson 15");
  assert.equal(leftOut(websocket, { lesson: lessonByNumber(15) } as CheckContext), undefined);
});

const cookieContext = (cookie: Record<string, unknown>, lesson = 12, pageUrl = "http://localhost:8080", apiUrl = "http://localhost:3000") =>
  ({
    lesson: lessonByNumber(lesson),
    pageUrl,
    apiUrl,
    obs: { cookie: { value: "s%3Aid.sig", path: "/", domain: "localhost", httpOnly: true, secure: true, sameSite: "Lax", ...cookie }, login: { responseHeaders: {} } },
  }) as unknown as CheckContext;

test("cookie.secure fails a session cookie without Secure behind TLS, and is left out without TLS", async () => {
  const item = BATTERY.find((i) => i.id === "cookie.secure")!;
  assert.equal((await item.run(cookieContext({ secure: false })))?.fault, "SESSION_COOKIE_NOT_SECURE");
  assert.equal(await item.run(cookieContext({ secure: true })), undefined);
  assert.match(leftOut(item, cookieContext({}, 3)) ?? "", /not served over TLS/);
});

test("cookie.samesite fails a cross-site session cookie without SameSite=None and Secure, and is left out on one site", async () => {
  const item = BATTERY.find((i) => i.id === "cookie.samesite")!;
  const crossSite = (cookie: Record<string, unknown>) => cookieContext(cookie, 3, "http://127.0.0.1:8080", "http://localhost:3000");
  assert.equal(leftOut(item, crossSite({})), undefined);
  assert.equal((await item.run(crossSite({ sameSite: "Lax" })))?.fault, "SAMESITE_COOKIE_WITHHELD");
  assert.equal(await item.run(crossSite({ sameSite: "None", secure: true })), undefined);
  assert.match(leftOut(item, cookieContext({})) ?? "", /same site/);
});

test("cookie.httponly fails a session cookie without HttpOnly", async () => {
  const item = BATTERY.find((i) => i.id === "cookie.httponly")!;
  assert.equal((await item.run(cookieContext({ httpOnly: false })))?.fault, "SESSION_COOKIE_NOT_HTTPONLY");
  assert.equal(await item.run(cookieContext({ httpOnly: true })), undefined);
});
