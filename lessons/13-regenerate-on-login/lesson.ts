// Lesson 13's metadata, both languages side by side. Its number and slug are its folder's name.
import type { LessonMeta } from "#verify";

export default {
  title: {
    en: "A new session id at login",
    "zh-CN": "登录时换一个新的 session id",
  },
  // The README's lesson table: what the learner sees, and what the lesson teaches.
  symptom: {
    en: "nothing looks wrong: the cookie from before login is logged in too",
    "zh-CN": "看起来一切正常：登录前的 cookie 也登录上了",
  },
  teaches: {
    en: "session fixation, `regenerate()`, keeping the cart",
    "zh-CN": "session 固定攻击、`regenerate()`、保留购物车",
  },
  // The fault the untouched lesson must show, and what a pass proves.
  fault: "SESSION_FIXATION",
  passed: {
    en: "Login gives the session a new id and keeps the cart, and the socket knows the new session.",
    "zh-CN": "登录时会话得到一个新的 id，购物车仍然保留，socket 也认得这个新会话。",
  },
  hints: [
    {
      en: "Put something in the cart before you log in, and compare the `connect.sid` cookie before and after the login (DevTools, Application, Cookies). Who else could hold that value?",
      "zh-CN": "登录之前先往购物车里放点东西，然后比较登录前后的 `connect.sid` cookie（DevTools、Application、Cookies）。还有谁可能持有这个值？",
    },
    {
      en: "An id that existed before login must not become a logged-in session. express-session can swap the session for a new one with a new id: `req.session.regenerate(callback)`. It starts empty, and it is asynchronous.",
      "zh-CN": "登录前就已存在的 id 不能变成已登录的会话。express-session 可以把会话换成一个带新 id 的新会话：`req.session.regenerate(callback)`。新会话是空的，而且这个调用是异步的。",
    },
    {
      en: "In `/login`: `const cart = req.session.cart;` then `req.session.regenerate((err) => { if (err) return next(err); req.session.cart = cart; req.session.user = username; res.json({ user: username }); });`.",
      "zh-CN": "在 `/login` 中：先 `const cart = req.session.cart;`，然后 `req.session.regenerate((err) => { if (err) return next(err); req.session.cart = cart; req.session.user = username; res.json({ user: username }); });`。",
    },
  ],
  // A cart in the session, over HTTP: the battery tries its API.
  features: { cart: true },
  // Faults only this lesson's check reports.
  faults: {
    SESSION_FIXATION: {
      en: {
        title: "Login keeps the session id it was given before login (session fixation).",
        meaning: "A session id that existed before login (one an attacker planted in the victim's browser, or one left on a shared computer) becomes a logged-in session, and whoever holds it is logged in as the user. Give the session a new id when the user logs in: `req.session.regenerate(callback)`, and set the user inside the callback (regenerate is asynchronous: code after the call still sees the old session).",
      },
      "zh-CN": {
        title: "登录沿用了登录之前拿到的 session id（会话固定，session fixation）。",
        meaning: "一个登录之前就存在的 session id（攻击者种进受害者浏览器的，或者留在共用电脑上的）变成了已登录的会话，持有它的人就以该用户的身份登录了。用户登录时给会话一个新的 id：`req.session.regenerate(callback)`，并在回调里设置用户（regenerate 是异步的：调用之后的代码看到的仍然是旧会话）。",
      },
    },
    ANSWERED_BEFORE_REGENERATE: {
      en: {
        title: "The login answered before `regenerate()` finished, so no cookie names the new session.",
        meaning: "`req.session.regenerate(callback)` is asynchronous: the new session, and the cookie that names it, exist only once the callback runs. Set the user and send the answer inside the callback.",
      },
      "zh-CN": {
        title: "登录在 `regenerate()` 完成之前就返回了，所以没有 cookie 指向新的会话。",
        meaning: "`req.session.regenerate(callback)` 是异步的：新的会话以及指向它的 cookie，只有在回调运行时才存在。在回调里设置用户并发送响应。",
      },
    },
    CART_LOST_AT_LOGIN: {
      en: {
        title: "What the visitor had in the session was lost at login.",
        meaning: "`regenerate()` starts an empty session. Read what must survive (here the cart) before the call and put it back in the callback: `const cart = req.session.cart; req.session.regenerate(() => { req.session.cart = cart; … })`.",
      },
      "zh-CN": {
        title: "访客放在会话里的东西在登录时丢失了。",
        meaning: "`regenerate()` 会开始一个空会话。在调用之前读出需要保留的内容（这里是购物车），并在回调里放回去：`const cart = req.session.cart; req.session.regenerate(() => { req.session.cart = cart; … })`。",
      },
    },
  },
} satisfies LessonMeta;
