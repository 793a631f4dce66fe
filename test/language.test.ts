// The workshop speaks English and Chinese: every lesson text and fault explanation exists in both,
// with the same code in it, and the CLI speaks the language the learner asked for.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { LESSONS } from "../verify/catalogue/lessons.ts";
import { FAULTS, language, unknownLanguage } from "../verify/catalogue/language.ts";
import { TYPE_ERRORS } from "../verify/catalogue/type-errors.ts";
import { LESSONS_DIR, ROOT } from "../verify/paths.ts";
import { freePort } from "../verify/app/lesson-server.ts";
import { Workspace } from "./workspace.ts";

let ws: Workspace;
before(() => (ws = Workspace.create()));
after(() => ws.dispose());
const cli = (verb: string, args: string[], env: NodeJS.ProcessEnv) => ws.cli(verb, args, env);

/** The `code` spans of a text: a translation must carry every one of them unchanged. */
const codeSpans = (text: string) => text.match(/`[^`]+`/g) ?? [];

function assertSameCode(english: string, chinese: string, where: string): void {
  assert.ok(chinese.trim(), `${where}: empty`);
  assert.match(chinese, /[\u4e00-\u9fff]/, `${where}: not Chinese`);
  for (const span of codeSpans(english)) assert.ok(chinese.includes(span), `${where}: ${span} is missing from the Chinese`);
}

test("every lesson's texts exist in Chinese, with the same code", () => {
  for (const lesson of LESSONS) {
    for (const field of ["title", "symptom", "teaches", "passed"] as const) {
      assertSameCode(lesson[field].en, lesson[field]["zh-CN"], `lesson ${lesson.number} ${field}`);
    }
    lesson.hints.forEach((hint, i) => assertSameCode(hint.en, hint["zh-CN"], `lesson ${lesson.number} hint ${i + 1}`));
  }
});

test("every fault's explanation exists in Chinese, with the same code", () => {
  for (const [code, entry] of Object.entries(FAULTS)) {
    assertSameCode(entry.en.title, entry["zh-CN"].title, `${code} title`);
    assertSameCode(entry.en.meaning, entry["zh-CN"].meaning, `${code} meaning`);
  }
});

test("every TypeScript error explanation exists in both languages, with the same code", () => {
  for (const [code, text] of Object.entries(TYPE_ERRORS)) {
    assert.match(code, /^TS\d+$/);
    assertSameCode(text.en, text["zh-CN"], `${code} explanation`);
  }
});

test("the Chinese texts call the verifier 验证器 throughout, as the CLI does", () => {
  const chinese = [
    ...LESSONS.map((lesson) => path.join(LESSONS_DIR, lesson.slug, "README.zh-CN.md")),
    ...LESSONS.map((lesson) => path.join(LESSONS_DIR, lesson.slug, "lesson.ts")),
    path.join(ROOT, "verify", "catalogue", "faults.ts"),
    path.join(ROOT, "cli", "messages.ts"),
  ];
  for (const file of chinese) {
    const text = readFileSync(file, "utf8");
    assert.doesNotMatch(text, /校验器|检查器|检验器/, `${path.relative(ROOT, file)} names the verifier another way`);
  }
});

test("the language: WORKSHOP_LANG first, then a Chinese system locale, else English", () => {
  assert.equal(language({ WORKSHOP_LANG: "zh-CN" }), "zh-CN");
  assert.equal(language({ WORKSHOP_LANG: "zh" }), "zh-CN");
  assert.equal(language({ WORKSHOP_LANG: "en", LANG: "zh_CN.UTF-8" }), "en");
  assert.equal(language({ LANG: "zh_CN.UTF-8" }), "zh-CN");
  assert.equal(language({ LC_ALL: "de_DE.UTF-8", LANG: "zh_CN.UTF-8" }), "en");
  assert.equal(language({}), "en");
  assert.equal(language({ WORKSHOP_LANG: "fr" }), "en");
  assert.equal(unknownLanguage({ WORKSHOP_LANG: "fr" }), "fr");
  assert.equal(unknownLanguage({ WORKSHOP_LANG: "zh_TW" }), undefined);
  assert.equal(unknownLanguage({}), undefined);
});

test("in Chinese, a hint and a failing lesson's verdict are Chinese; the evidence is quoted as seen", async () => {
  const state = mkdtempSync(path.join(tmpdir(), "workshop-state-"));
  try {
    const zh = { WORKSHOP_LANG: "zh-CN", WORKSHOP_STATE_DIR: state };
    const hint = await cli("hint", ["3"], zh);
    assert.equal(hint.code, 0, hint.stderr);
    assert.match(hint.stdout, new RegExp(`第 3 课：${LESSONS[2]!.title["zh-CN"]}\\n提示 1/3`));

    const run = await cli("lesson", ["3", "--once"], { ...zh, PORT: String(await freePort()), CLIENT_PORT: String(await freePort()) });
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stdout, /第 3 课（共 \d+ 课）/);
    assert.match(run.stdout, /阅读 lessons\/03-wrong-path\/README\.zh-CN\.md 了解症状和目标/);
    assert.match(run.stdout, /FAIL {2}lesson 3: SOCKET_PATH_MISMATCH/);
    assert.ok(run.stdout.includes(FAULTS.SOCKET_PATH_MISMATCH!["zh-CN"].title), run.stdout);
    assert.match(run.stdout, /验证器看到的情况：\n[\s\S]*\n\s+- handshake GET http:\/\/localhost:\d+\/socket\.io\/\?EIO=4&transport=polling → 404/);
    assert.match(run.stdout, /这通常意味着：/);
    assert.match(run.stdout, /卡住了？npm run hint 3/);

    const unknown = await cli("hint", ["3"], { ...zh, WORKSHOP_LANG: "fr" });
    assert.match(unknown.stderr, /WORKSHOP_LANG=fr is not a language the workshop speaks \(en, zh-CN\); using English/);
    assert.match(unknown.stdout, /Lesson 3: /);
  } finally {
    rmSync(state, { recursive: true, force: true });
  }
});
