// Container health check without curl or a shell in the image: `node healthcheck.mjs http|tcp`, exit 0 when healthy.
//   http — the gateway's liveness route, GET /healthz on GATEWAY_PORT (HTTPS when GATEWAY_TLS_CERT_FILE is set;
//          the certificate names the service, not 127.0.0.1, so it is not verified for this local call);
//   tcp  — the chaincode server accepts connections on the port of CORE_CHAINCODE_ADDRESS (it speaks only gRPC/TLS).
import { connect } from 'node:net';
import http from 'node:http';
import https from 'node:https';

const TIMEOUT_MS = 2500;
const mode = process.argv[2];

function done(healthy) {
  process.exit(healthy ? 0 : 1);
}

if (mode === 'http') {
  const port = Number(process.env.GATEWAY_PORT ?? '3000');
  const secure = (process.env.GATEWAY_TLS_CERT_FILE ?? '').trim() !== '';
  const request = (secure ? https : http).get(
    { host: '127.0.0.1', port, path: '/healthz', timeout: TIMEOUT_MS, rejectUnauthorized: false },
    (response) => {
      response.resume();
      done(response.statusCode === 200);
    },
  );
  request.on('timeout', () => request.destroy());
  request.on('error', () => done(false));
} else if (mode === 'tcp') {
  const address = process.env.CORE_CHAINCODE_ADDRESS ?? '0.0.0.0:9999';
  const port = Number(address.slice(address.lastIndexOf(':') + 1));
  const socket = connect({ host: '127.0.0.1', port, timeout: TIMEOUT_MS });
  socket.on('connect', () => {
    socket.end();
    done(true);
  });
  socket.on('timeout', () => done(false));
  socket.on('error', () => done(false));
} else {
  process.stderr.write('usage: node healthcheck.mjs http|tcp\n');
  process.exit(2);
}
