// What the TypeScript errors a learner meets in these apps usually mean, by error code, in both
// languages. A TYPE_ERROR verdict explains the codes it saw that are listed here, and only those:
// an explanation that does not fit the error would send the learner the wrong way.
import type { Language } from "./language.ts";

type Explained = Record<Language, string>;

export const TYPE_ERRORS: Record<string, Explained> = {
  TS2339: {
    en: "A property that the value's type does not have. `socket.request` is typed as a plain `IncomingMessage`: reach the session with `(socket.request as express.Request).session`. A field of your own in the session (`req.session.cart`) must be declared in `SessionData` (`declare module \"express-session\"`).",
    "zh-CN": "值的类型上没有这个属性。`socket.request` 的类型是普通的 `IncomingMessage`：用 `(socket.request as express.Request).session` 取得 session。你自己放进 session 的字段（`req.session.cart`）必须在 `SessionData` 中声明（`declare module \"express-session\"`）。",
  },
  TS2551: {
    en: "A property name that does not exist, close to one that does: usually a typo (the message names the right one).",
    "zh-CN": "属性名不存在，但和一个存在的名字很接近：通常是拼写错误（错误信息里给出了正确的名字）。",
  },
  TS2322: {
    en: "A value of one type is stored where another type is declared, for example a number in `req.session.user`, declared as a string. Convert the value, or fix the declaration.",
    "zh-CN": "把一种类型的值存到了声明为另一种类型的地方，例如把数字存进声明为字符串的 `req.session.user`。转换这个值，或者修改声明。",
  },
  TS2345: {
    en: "A function is called with an argument of the wrong type. Compare the argument with the parameter type in the message; a callback's parameters count too.",
    "zh-CN": "调用函数时传入的参数类型不对。把参数和错误信息里的形参类型对照一下；回调函数的参数也算在内。",
  },
  TS2769: {
    en: "No form of this call accepts these arguments (the message lists the closest one). Check the option names and the types of the values passed.",
    "zh-CN": "这个调用的任何一种重载都不接受这些参数（错误信息列出了最接近的一种）。检查选项的名字和传入值的类型。",
  },
  TS2353: {
    en: "An object literal has a property that its type does not know: usually a misspelled option (`withCredential` for `withCredentials`) or an option given to the wrong call.",
    "zh-CN": "对象字面量里有一个它的类型不认识的属性：通常是选项名拼错了（把 `withCredentials` 写成 `withCredential`），或者把选项传给了错误的调用。",
  },
  TS2304: {
    en: "A name that is neither declared nor imported here: a missing import, or a typo.",
    "zh-CN": "这个名字在这里既没有声明也没有导入：缺少 import，或者拼写错误。",
  },
  TS2307: {
    en: "An import of a package or file that TypeScript cannot find: check its spelling, and that the package is installed (`npm run setup`).",
    "zh-CN": "TypeScript 找不到 import 的包或文件：检查拼写，并确认这个包已经安装（`npm run setup`）。",
  },
  TS2305: {
    en: "The module has no export by this name. Check the package's documentation for the name it exports (connect-redis exports `RedisStore` by name, for example).",
    "zh-CN": "这个模块没有这个名字的导出。查看这个包的文档中它导出的名字（例如 connect-redis 按名字导出 `RedisStore`）。",
  },
  TS2554: {
    en: "A function is called with more or fewer arguments than it takes.",
    "zh-CN": "调用函数时传入的参数个数和它接受的个数不一致。",
  },
  TS2532: {
    en: "The value may be `undefined` here, for example `req.session.cart` before anything was added. Check it first, or give a default (`?? []`).",
    "zh-CN": "这里的值可能是 `undefined`，例如还没加入任何东西时的 `req.session.cart`。先检查它，或者给一个默认值（`?? []`）。",
  },
  TS18048: {
    en: "The value may be `undefined` here, for example `req.session.cart` before anything was added. Check it first, or give a default (`?? []`).",
    "zh-CN": "这里的值可能是 `undefined`，例如还没加入任何东西时的 `req.session.cart`。先检查它，或者给一个默认值（`?? []`）。",
  },
  TS18046: {
    en: "The value's type is `unknown` (a caught error, a parsed body): say what it is before using it, for example `(err as Error).message`.",
    "zh-CN": "这个值的类型是 `unknown`（捕获的错误、解析出来的请求体）：使用前先说明它是什么，例如 `(err as Error).message`。",
  },
  TS7006: {
    en: "A parameter without a type, where TypeScript cannot infer one: give it a type, e.g. `(err: Error | null) => …`.",
    "zh-CN": "这个参数没有类型，TypeScript 也推断不出来：给它写上类型，例如 `(err: Error | null) => …`。",
  },
  TS2349: {
    en: "Something that is not a function is called: check what the name holds (a default import where the package exports a named function, say).",
    "zh-CN": "调用了一个不是函数的东西：检查这个名字里是什么（例如包导出的是具名函数，却用了默认导入）。",
  },
  TS2741: {
    en: "An object lacks a property its type requires.",
    "zh-CN": "对象缺少它的类型要求的属性。",
  },
  TS2367: {
    en: "A comparison that can never be true with these types: the two sides can never be equal (a typo in a string, or comparing different kinds of values).",
    "zh-CN": "按这些类型，这个比较永远不可能成立：两边不可能相等（字符串拼错了，或者比较了不同种类的值）。",
  },
};

/** The TypeScript error codes in compiler output lines, each once, in order. */
export function typeErrorCodes(lines: string[]): string[] {
  return [...new Set(lines.map((line) => /error (TS\d+):/.exec(line)?.[1]).filter((code): code is string => code !== undefined))];
}

/** Whether the browser check passed, said beside the type errors: is that all there is to fix? */
export function browserCheckLine(language: Language, otherFault: string | undefined): string {
  if (language === "zh-CN") {
    return otherFault
      ? `浏览器检查也失败了：${otherFault}（先修好类型错误，之后会显示它的详细说明）`
      : "浏览器检查通过了：只剩下这些类型错误要修";
  }
  return otherFault
    ? `the browser check also failed: ${otherFault} (fix the types first; its explanation follows then)`
    : "the browser check passed: only these type errors are left to fix";
}
