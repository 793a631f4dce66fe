// Lesson 8's metadata, both languages side by side. Its number and slug are its folder's name.
import type { LessonMeta } from "#verify";

export default {
  title: {
    en: "Save what the socket changes in the session",
    "zh-CN": "保存 socket 对会话所做的修改",
  },
  // The README's lesson table: what the learner sees, and what the lesson teaches.
  symptom: {
    en: "what the socket puts in the cart never reaches HTTP",
    "zh-CN": "socket 放进购物车的东西，HTTP 永远看不到",
  },
  teaches: {
    en: "the handshake snapshot, `reload()` then `save()`, lost updates",
    "zh-CN": "握手时的快照、先 `reload()` 再 `save()`、丢失的更新",
  },
  // The fault the untouched lesson must show, and what a pass proves.
  fault: "SOCKET_WRITE_NOT_SAVED",
  passed: {
    en: "What the socket writes to the session is saved, and neither side loses or misses the other's changes.",
    "zh-CN": "socket 写入会话的内容会被保存，两边都不会丢失或漏看对方的修改。",
  },
  hints: [
    {
      en: "Add a sticker: the socket's answer lists it, GET /cart does not. Which code writes the socket's `req.session` to the store, and when?",
      "zh-CN": "添加一个 sticker：socket 的应答里有它，GET /cart 却没有。哪段代码会把 socket 的 `req.session` 写入存储？在什么时候？",
    },
    {
      en: "`socket.request.session` is a copy loaded once, at the handshake. express-session saves only when an HTTP response ends; the socket must `save()` itself, and `reload()` first, or its old copy overwrites what HTTP changed since (and reads stay stale).",
      "zh-CN": "`socket.request.session` 是一份副本，只在握手时加载一次。express-session 只在 HTTP 响应结束时保存；socket 必须自己 `save()`，并且先 `reload()`，否则它的旧副本会覆盖 HTTP 在此期间做的修改（读到的也会是过时的数据）。",
    },
    {
      en: "In cart:add: `req.session.reload((err) => { …push into req.session.cart…; req.session.save(() => ack({ cart: req.session.cart })) })`; in cart:get, read inside `req.session.reload(...)`. After a reload use `req.session`, never a variable saved before it.",
      "zh-CN": "在 cart:add 中：`req.session.reload((err) => { …push into req.session.cart…; req.session.save(() => ack({ cart: req.session.cart })) })`；在 cart:get 中，在 `req.session.reload(...)` 里面读取。reload 之后要使用 `req.session`，绝不要用 reload 之前保存下来的变量。",
    },
  ],
  // A cart in the session, over HTTP: the battery tries its API.
  features: { cart: true },
  // Faults only this lesson's check reports.
  faults: {
    CART_CONTENTS_WRONG: {
      en: {
        title: "The cart does not hold exactly what was added.",
        meaning: "Each side adds to the cart the session holds, in the order the additions came: after each step the cart must be exactly the items added so far, nothing missing, nothing doubled, nothing nobody added. A new cart starts as `[]` (`req.session.cart ?? []`).",
      },
      "zh-CN": {
        title: "购物车里的东西和加进去的不完全一样。",
        meaning: "两边都往会话里的购物车添加商品，按添加的先后顺序：每一步之后，购物车都必须正好是到目前为止加进去的商品，不缺、不重复、没有谁都没加过的东西。新的购物车从 `[]` 开始（`req.session.cart ?? []`）。",
      },
    },
    SHOP_PAGE_WRONG: {
      en: {
        title: "The shop's page does not show the cart as it is.",
        meaning: "Its user sees the cart only through the page: \"HTTP sees\" (GET /cart) and \"socket sees\" (cart:get) must both show `(empty)` for a new cart, then each item the page's buttons added (Add a mug over HTTP, Add a sticker over the socket), in order. Look at what the two routes answer, and at the page's buttons and `show()`.",
      },
      "zh-CN": {
        title: "商店页面显示的购物车和实际的不一样。",
        meaning: "用户只能通过页面看到购物车：\"HTTP sees\"（GET /cart）和 \"socket sees\"（cart:get）对新购物车都必须显示 `(empty)`，然后按顺序显示页面按钮加入的每件商品（Add a mug 走 HTTP，Add a sticker 走 socket）。看看这两个路由的应答，以及页面的按钮和 `show()`。",
      },
    },
    SOCKET_WRITE_NOT_SAVED: {
      en: {
        title: "A change made over the socket never reaches HTTP.",
        meaning: "The socket handler changed `req.session`, but that object is a copy loaded once, at the handshake. express-session saves a session only when an HTTP response ends, and the handshake's response ended long ago, so nothing writes the change to the store. Call `req.session.save(callback)` after the change (after a `reload()`: see SOCKET_LOST_UPDATE) and acknowledge inside the callback.",
      },
      "zh-CN": {
        title: "通过 socket 做的修改始终到不了 HTTP。",
        meaning: "socket 事件处理函数修改了 `req.session`，但那个对象是在握手时加载一次的副本。express-session 只在 HTTP 响应结束时保存会话，而握手的响应早就结束了，所以没有任何东西会把这个修改写入存储。修改之后调用 `req.session.save(callback)`（修改要在 `reload()` 之后进行：见 SOCKET_LOST_UPDATE），并在回调里发送确认。",
      },
    },
    SOCKET_LOST_UPDATE: {
      en: {
        title: "A save over the socket wiped out a change made over HTTP.",
        meaning: "`save()` writes the socket's whole copy of the session over the stored one. That copy dates from the handshake (or the last `reload()`), so whatever HTTP changed since is lost. Reload, change, then save: `req.session.reload((err) => { …change req.session…; req.session.save(() => ack(…)) })`. `reload()` puts a NEW object in `req.session`: a variable that held the old one (`const session = req.session`) is stale after it.",
      },
      "zh-CN": {
        title: "通过 socket 的一次保存抹掉了通过 HTTP 做的修改。",
        meaning: "`save()` 用 socket 手里的整份会话副本覆盖存储中的那份。这份副本来自握手时（或上一次 `reload()`），所以 HTTP 在那之后做的任何修改都会丢失。先 reload，再修改，然后 save：`req.session.reload((err) => { …change req.session…; req.session.save(() => ack(…)) })`。`reload()` 会在 `req.session` 上放一个全新的对象：保存了旧对象的变量（`const session = req.session`）在那之后就过时了。",
      },
    },
    SOCKET_STALE_READ: {
      en: {
        title: "The socket reads an old copy of the session.",
        meaning: "A change made over HTTP is in the store, but the socket handler answered from the copy it loaded earlier. Refresh it before reading: `req.session.reload(callback)`, and read `req.session` inside the callback (or reload before every event with `socket.use()`).",
      },
      "zh-CN": {
        title: "socket 读到的是会话的旧副本。",
        meaning: "通过 HTTP 做的修改已经在存储里了，但 socket 事件处理函数是用它之前加载的副本作答的。读取之前先刷新它：`req.session.reload(callback)`，并在回调里读取 `req.session`（或者用 `socket.use()` 在每个事件之前 reload）。",
      },
    },
    SOCKET_ACK_MISSING: {
      en: {
        title: "The socket never acknowledged an event.",
        meaning: "The check emitted an event with an acknowledgement callback and no answer came back in time. Every path through the handler must call the ack, also when `reload()` or `save()` report an error.",
      },
      "zh-CN": {
        title: "socket 始终没有确认某个事件。",
        meaning: "本次检查发出了一个带确认回调的事件，但没有及时收到应答。事件处理函数的每一条路径都必须调用 ack，包括 `reload()` 或 `save()` 报告错误的时候。",
      },
    },
  },
} satisfies LessonMeta;
