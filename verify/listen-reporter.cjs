// Preloaded into every lesson server (`node --require`): reports each address the server starts
// listening on, as one JSON line on file descriptor 3, to the workshop that started it.
// The workshop then knows the moment the server is ready, on which port and address, and that
// this very process holds it, without polling the port or reading the system's socket tables.
// It only observes: the learner's listen() call runs unchanged.
"use strict";
const net = require("node:net");
const { writeSync } = require("node:fs");

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
