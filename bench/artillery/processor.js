'use strict';
// The WebSocket part of the journey, hand-written on the `ws` package (Artillery's own dependency):
// what a careful Artillery user writes when the built-in ws engine cannot await several frames.
// Per event: a histogram of its latency from the send (ms) under the event's name; KOs as counters
// "ko.<reason>"; the turn and the connect as histograms too.
const WebSocket = require('ws');
const { performance } = require('perf_hooks');

const EVENTS = ['agent_started', 'agent_thinking', 'tool_executing', 'tool_completed', 'agent_completed'];
const NEEDLES = EVENTS.map((e) => `"type":"${e}"`);
const WELCOME = '"connection_established"'; // {"type":"system_message","data":{"event":"connection_established",...}}
const TURNS = Number(process.env.BENCH_TURNS || 14);
const THINK_MIN = Number(process.env.BENCH_THINK_MIN || 3) * 1000;
const THINK_MAX = Number(process.env.BENCH_THINK_MAX || 5) * 1000;
const TURN_TIMEOUT = 30000;
const WELCOME_TIMEOUT = 5000;
let nextId = 0;

function identity(context, events, done) {
  // distinct platform users loadtest-<n>@example.com (any n >= 1 logs in on the reference target)
  const n = 2000000000 + Math.floor(Math.random() * 1e12);
  context.vars.email = `loadtest-${n}@example.com`;
  return done();
}

function userMessage() {
  const id = `${process.pid}_${++nextId}`;
  const thread = `thread_art_${id}`;
  return `{"type":"user_message","payload":{"content":"What is the weather like in Paris today?","thread_id":"${thread}"},`
    + `"timestamp":${Date.now() / 1000},"message_id":"msg_art_${id}","thread_id":"${thread}"}`;
}

function chat(context, events, done) {
  if (!context.vars.token) {
    events.emit('counter', 'ko.login', 1);
    return done(new Error('no token'));
  }
  const url = context.vars.target.replace(/^http/, 'ws') + '/ws';
  const socket = new WebSocket(url, { headers: { Authorization: `Bearer ${context.vars.token}` }, perMessageDeflate: false });
  const connectAt = performance.now();
  let welcomed = false;
  let turn = 0;
  let sentAt = 0;
  let next = 0; // index of the event awaited (in order, like Gatling's checks of one await)
  let timer = null;
  let finished = false;

  function finish(err) {
    if (finished) return;
    finished = true;
    clearTimeout(timer);
    socket.removeAllListeners('close');
    socket.on('error', () => {});
    socket.close();
    done(err);
  }

  function ko(reason) {
    events.emit('counter', `ko.${reason}`, 1);
    finish(new Error(reason));
  }

  function send() {
    turn++;
    next = 0;
    sentAt = performance.now();
    socket.send(userMessage());
    timer = setTimeout(() => ko('turn timeout'), TURN_TIMEOUT);
  }

  timer = setTimeout(() => ko('welcome timeout'), WELCOME_TIMEOUT);
  socket.on('message', (data, isBinary) => {
    if (isBinary) return;
    const frame = data.toString();
    const now = performance.now();
    if (!welcomed) {
      if (frame.includes(WELCOME)) {
        welcomed = true;
        clearTimeout(timer);
        events.emit('histogram', 'connect', now - connectAt);
        send();
      }
      return;
    }
    if (next < EVENTS.length && frame.includes(NEEDLES[next])) {
      events.emit('histogram', EVENTS[next], now - sentAt);
      next++;
      if (next === EVENTS.length) {
        clearTimeout(timer);
        events.emit('counter', 'turns.completed', 1);
        if (turn >= TURNS) {
          finish();
        } else {
          timer = setTimeout(send, THINK_MIN + Math.random() * (THINK_MAX - THINK_MIN));
        }
      }
    }
  });
  socket.on('error', (e) => ko(`socket error ${e.code || e.message}`));
  socket.on('close', () => ko('socket closed'));
}

module.exports = { identity, chat };
