package io.chatload.config;

/** Where the WebSocket handshake carries the JWT (PROTOCOL.md, "WebSocket /ws"). */
public enum WsAuth {
  /** Authorization: Bearer header (canonical). */
  HEADER,
  /** Sec-WebSocket-Protocol: jwt.&lt;base64url token&gt;, jwt-auth (the browser front end's form). */
  SUBPROTOCOL
}
