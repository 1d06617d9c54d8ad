"use strict";
// Runs a SCORM sample's launch-page JavaScript in a stub browser window, with the SCORM API
// object answered synchronously by the Python test that started this process.
//
// Protocol: JSON lines. stdin gives first the setup {"scripts": [[name, source], ...],
// "api": "API" | "API_1484_11", "methods": [...]}, then commands {"eval": "doNext()",
// "advance": ms, "confirm": [answers]}. While a command runs, each API call is written to
// stdout as {"call": method, "args": [...]} and its reply {"result": "..."} is read from stdin
// before the call returns, as a browser LMS's JavaScript API would. Each command ends with
// {"done": true, "value": ..., "alerts": [...]} (or "error"). Reads and writes are blocking
// fs calls on fds 0 and 1: process.stdin is never touched, so fd 0 stays a blocking pipe.

const fs = require("fs");
const vm = require("vm");

let pending = Buffer.alloc(0);
const chunk = Buffer.alloc(65536);

function writeLine(message) {
  const data = Buffer.from(JSON.stringify(message) + "\n", "utf8");
  let offset = 0;
  while (offset < data.length) {
    offset += fs.writeSync(1, data, offset);
  }
}

function readLine() {
  for (;;) {
    const end = pending.indexOf(10);
    if (end >= 0) {
      const line = pending.subarray(0, end).toString("utf8");
      pending = pending.subarray(end + 1);
      return JSON.parse(line);
    }
    let count;
    try {
      count = fs.readSync(0, chunk, 0, chunk.length, null);
    } catch (error) {
      if (error.code !== "EAGAIN") throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
      continue;
    }
    if (count === 0) process.exit(0);
    pending = Buffer.concat([pending, chunk.subarray(0, count)]);
  }
}

const setup = readLine();
const clock = { now: 1700000000000 };
const alerts = [];
const answers = [];
const elements = {};

function FakeDate() {
  this.time = clock.now;
}
FakeDate.prototype.getTime = function () {
  return this.time;
};

const api = {};
for (const method of setup.methods) {
  api[method] = function () {
    const args = Array.prototype.map.call(arguments, (value) =>
      value === undefined || value === null ? "" : String(value)
    );
    writeLine({ call: method, args: args });
    return readLine().result;
  };
}

const top = {};
top.parent = top;
top[setup.api] = api;

const win = {
  parent: top,
  opener: null,
  innerHeight: 800,
  Date: FakeDate,
  alert: (message) => alerts.push(String(message)),
  confirm: () => (answers.length ? answers.shift() : false),
  setTimeout: () => 0,
  document: {
    getElementById: (id) => (elements[id] = elements[id] || { id: id, style: {}, src: "" }),
    documentElement: { clientHeight: 800 },
    body: { clientHeight: 800 },
  },
};
win.window = win;
win.self = win;
const context = vm.createContext(win);
for (const [name, source] of setup.scripts) {
  vm.runInContext(source, context, { filename: name });
}

for (;;) {
  const command = readLine();
  clock.now += command.advance || 0;
  answers.push(...(command.confirm || []));
  try {
    const value = vm.runInContext(command.eval, context);
    writeLine({ done: true, value: value === undefined ? null : value, alerts: alerts.splice(0) });
  } catch (error) {
    writeLine({ done: true, error: String(error && error.stack), alerts: alerts.splice(0) });
  }
}
