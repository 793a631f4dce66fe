// Preloaded into every lesson server (`node --require`): reports each address the server starts
// listening on, as one JSON line on file descriptor 3, to the workshop that started it.
// The workshop then knows the moment the server is ready, on which port and address, and that
// this very process holds it, without polling the port or reading the system's socket tables.
// It only observes: the learner's listen() call runs unchanged.
//
// The same descriptor also ties the server's life to the workshop's: it is one end of a socket
// pair whose other end the workshop holds, so when the workshop process is gone, however it ended
// (even killed outright, with no chance to stop its children), the server exits too.
"use strict";
const net = require("node:net");
const { writeSync } = require("node:fs");

try {
  // (No fstatSync(3) to ask what it is first: on Node 20 that call alone leaves socket.io's named
  // exports undefined for an ES module loaded after it. Opening it as a socket fails if it is none.)
  const workshop = new net.Socket({ fd: 3, readable: true, writable: false });
  workshop.on("end", () => process.exit(0));
  workshop.on("error", () => {});
  workshop.resume();
  workshop.unref(); // a server that runs to its end without listening still exits as it would
} catch {
  // No descriptor 3, or not a socket (started outside the workshop): nothing to follow.
}

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  this.once("listening", () => {
    const address = this.address();
    if (address && typeof address === "object") {
      try {
        writeSync(3, JSON.stringify({ port: address.port, address: address.address }) + "\n");
      } catch {
        // Nobody is listening on fd 3 (started outside the workshop): nothing to report to.
      }
    }
  });
  return listen.apply(this, args);
};
