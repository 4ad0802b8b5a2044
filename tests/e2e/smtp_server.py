#!/usr/bin/env python3
"""A loopback SMTP server for the tests of `kpi distribute --send`.

Only the standard library (smtpd is deprecated and gone in 3.12). It
accepts messages and writes each to DIR/NNN.eml (the data as received,
dot-stuffing undone) with DIR/NNN.env holding the envelope ("MAIL FROM"
and "RCPT TO" lines). It can fail on purpose, counting the messages (MAIL
FROM commands) from 1 over all connections:

  --fail N:STAGE:CODE   answer CODE (4xx or 5xx) at STAGE of message N;
                        STAGE is MAIL, RCPT, DATA (the DATA command) or
                        END (after the data's final ".": data received,
                        then refused)
  --drop N:BYTES        close the connection after BYTES bytes of message
                        N's data, without answering
  --auth USER:PASS      advertise AUTH PLAIN LOGIN and require it
  --slow-end N:SECONDS  store message N at its final "." as usual, but
                        answer only SECONDS later (a slow acknowledgement)
  --tls CERT:KEY        advertise STARTTLS and start TLS with this
                        certificate and key when asked
  --require-tls         refuse MAIL before STARTTLS (530)

The reply to the end of the data names a queue id, as Postfix does:
"250 2.0.0 Ok: queued as Q001" (the stored message's number).

The chosen port is written to --port-file once the server listens. It
runs until killed (SIGTERM).

    python3 smtp_server.py --dir OUT --port-file PORT --fail 3:RCPT:550
"""
import argparse
import base64
import os
import socketserver
import ssl
import sys
import threading
import time


class State:
    def __init__(self, args):
        self.dir = args.dir
        self.fail = {}
        for spec in args.fail:
            n, stage, code = spec.split(":")
            self.fail[(int(n), stage.upper())] = int(code)
        self.drop = {}
        for spec in args.drop:
            n, nbytes = spec.split(":")
            self.drop[int(n)] = int(nbytes)
        self.auth = args.auth
        self.slow_end = {}
        for spec in args.slow_end:
            n, secs = spec.split(":")
            self.slow_end[int(n)] = float(secs)
        self.tls = None
        if args.tls:
            cert, key = args.tls.split(":")
            self.tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            self.tls.load_cert_chain(cert, key)
        self.require_tls = args.require_tls
        self.lock = threading.Lock()
        self.messages = 0  # MAIL FROM commands seen
        self.stored = 0

    def next_message(self):
        with self.lock:
            self.messages += 1
            return self.messages

    def store(self, mail_from, rcpts, data):
        with self.lock:
            self.stored += 1
            number = self.stored
            base = os.path.join(self.dir, "%03d" % self.stored)
        with open(base + ".eml.tmp", "wb") as f:
            f.write(data)
        with open(base + ".env", "w") as f:
            f.write("MAIL FROM %s\n" % mail_from)
            for r in rcpts:
                f.write("RCPT TO %s\n" % r)
        os.rename(base + ".eml.tmp", base + ".eml")
        return number


class Handler(socketserver.StreamRequestHandler):
    def reply(self, text):
        self.wfile.write((text + "\r\n").encode())
        self.wfile.flush()

    def fails(self, n, stage):
        code = self.server.state.fail.get((n, stage))
        if code:
            self.reply("%d %s.0.0 refused on purpose at %s of message %d"
                       % (code, str(code)[0], stage, n))
            return True
        return False

    def handle(self):
        st = self.server.state
        authed = st.auth is None
        secure = False
        mail_from, rcpts, n = None, [], 0
        self.reply("220 localhost kpi test SMTP server")
        while True:
            line = self.rfile.readline()
            if not line:
                return
            cmd = line.decode("utf-8", "replace").rstrip("\r\n")
            verb = cmd.split(" ", 1)[0].upper()
            if verb in ("EHLO", "HELO"):
                if verb == "EHLO":
                    self.wfile.write(b"250-localhost\r\n")
                    if st.tls and not secure:
                        self.wfile.write(b"250-STARTTLS\r\n")
                    if st.auth:
                        self.wfile.write(b"250-AUTH PLAIN LOGIN\r\n")
                    self.reply("250 8BITMIME")
                else:
                    self.reply("250 localhost")
            elif verb == "STARTTLS" and st.tls and not secure:
                self.reply("220 2.0.0 ready to start TLS")
                try:
                    self.connection = st.tls.wrap_socket(
                        self.connection, server_side=True)
                except (ssl.SSLError, OSError):
                    return  # the client did not trust us
                self.rfile = self.connection.makefile("rb")
                self.wfile = self.connection.makefile("wb")
                secure = True
            elif verb == "AUTH":
                parts = cmd.split(" ")
                mech = parts[1].upper() if len(parts) > 1 else ""
                if mech == "PLAIN":
                    if len(parts) > 2:
                        blob = parts[2]
                    else:
                        self.reply("334 ")
                        blob = self.rfile.readline().decode().strip()
                    try:
                        _, user, pw = base64.b64decode(blob).decode().split("\0")
                    except Exception:
                        user, pw = "", ""
                elif mech == "LOGIN":
                    self.reply("334 VXNlcm5hbWU6")
                    user = base64.b64decode(self.rfile.readline().strip()).decode()
                    self.reply("334 UGFzc3dvcmQ6")
                    pw = base64.b64decode(self.rfile.readline().strip()).decode()
                else:
                    self.reply("504 5.5.4 unknown mechanism")
                    continue
                if st.auth and "%s:%s" % (user, pw) == st.auth:
                    authed = True
                    self.reply("235 2.7.0 authenticated")
                else:
                    self.reply("535 5.7.8 authentication failed")
            elif verb == "MAIL":
                if st.require_tls and not secure:
                    self.reply("530 5.7.0 must issue a STARTTLS command first")
                    continue
                if not authed:
                    self.reply("530 5.7.0 authentication required")
                    continue
                n = st.next_message()
                if self.fails(n, "MAIL"):
                    continue
                mail_from, rcpts = cmd[10:].strip(), []
                self.reply("250 2.1.0 ok")
            elif verb == "RCPT":
                if mail_from is None:
                    self.reply("503 5.5.1 MAIL first")
                elif not self.fails(n, "RCPT"):
                    rcpts.append(cmd[8:].strip())
                    self.reply("250 2.1.5 ok")
            elif verb == "DATA":
                if not rcpts:
                    self.reply("503 5.5.1 RCPT first")
                    continue
                if self.fails(n, "DATA"):
                    continue
                self.reply("354 end with <CRLF>.<CRLF>")
                data = bytearray()
                limit = st.drop.get(n)
                while True:
                    chunk = self.rfile.readline()
                    if not chunk:
                        return
                    if limit is not None and len(data) + len(chunk) >= limit:
                        return  # drop the connection mid-message
                    if chunk == b".\r\n":
                        break
                    if chunk.startswith(b"."):
                        chunk = chunk[1:]
                    data += chunk
                if self.fails(n, "END"):
                    mail_from, rcpts = None, []
                    continue
                number = st.store(mail_from, rcpts, bytes(data))
                mail_from, rcpts = None, []
                if n in st.slow_end:
                    time.sleep(st.slow_end[n])
                self.reply("250 2.0.0 Ok: queued as Q%03d" % number)
            elif verb == "RSET":
                mail_from, rcpts = None, []
                self.reply("250 2.0.0 ok")
            elif verb == "NOOP":
                self.reply("250 2.0.0 ok")
            elif verb == "QUIT":
                self.reply("221 2.0.0 bye")
                return
            else:
                self.reply("502 5.5.2 not implemented")


class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--dir", required=True)
    p.add_argument("--port-file", required=True)
    p.add_argument("--fail", action="append", default=[])
    p.add_argument("--drop", action="append", default=[])
    p.add_argument("--auth")
    p.add_argument("--slow-end", action="append", default=[])
    p.add_argument("--tls")
    p.add_argument("--require-tls", action="store_true")
    args = p.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    srv = Server(("127.0.0.1", 0), Handler)
    srv.state = State(args)
    tmp = args.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write("%d\n" % srv.server_address[1])
    os.rename(tmp, args.port_file)
    try:
        srv.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
