# syntax=docker/dockerfile:1
# The REST gateway (gateway/), one instance per organisation. Build from the repository root:
#   docker build -f deploy/docker/gateway.Dockerfile -t agreements-gateway:0.1.0 .
# Configuration is by GATEWAY_* environment variables (gateway/src/config.ts, gateway/README.md); certificates, keys
# and the pseudonym key are mounted at run time, never baked in. Wallet, event checkpoints and idempotency records
# live under /var/lib/agreements-gateway: give it a persistent volume.

# 1. Compile. tsc runs with rootDir .. because the gateway imports the chaincode's error catalogue and vocabulary.
FROM node:20.20.2-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json tsconfig.base.json ./
COPY chaincode/package.json chaincode/
COPY gateway/package.json gateway/
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY chaincode/src chaincode/src
COPY gateway/tsconfig.json gateway/
COPY gateway/build gateway/build
COPY gateway/src gateway/src
RUN npm run build --workspace gateway

# 2. The gateway's production dependencies from the committed root lockfile (the gateway is an npm workspace).
FROM node:20.20.2-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY chaincode/package.json chaincode/
COPY gateway/package.json gateway/
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund --workspace gateway

# 3. The image: compiled code and production dependencies only, run as an unprivileged user.
FROM node:20.20.2-bookworm-slim
ENV NODE_ENV=production \
    GATEWAY_LISTEN_HOST=0.0.0.0 \
    GATEWAY_PORT=3000 \
    GATEWAY_WALLET_DIR=/var/lib/agreements-gateway/wallet \
    GATEWAY_STATE_DIR=/var/lib/agreements-gateway/state
WORKDIR /app
COPY --from=deps /app/ ./
COPY --from=build /src/gateway/dist gateway/dist
COPY deploy/docker/healthcheck.mjs /opt/healthcheck.mjs
RUN mkdir -p /var/lib/agreements-gateway && chown 1000:1000 /var/lib/agreements-gateway && chmod 0700 /var/lib/agreements-gateway
USER 1000:1000
EXPOSE 3000
VOLUME ["/var/lib/agreements-gateway"]
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 CMD ["node", "/opt/healthcheck.mjs", "http"]
CMD ["node", "gateway/dist/main.js"]
