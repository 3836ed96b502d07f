# syntax=docker/dockerfile:1
# The REST gateway (gateway/), one instance per organisation, serving the web application (web/) at '/'. Build from
# the repository root:
#   docker build -f deploy/docker/gateway.Dockerfile -t agreements-gateway:0.1.0 .
# Configuration is by GATEWAY_* environment variables (gateway/src/config.ts, gateway/README.md); certificates, keys
# and the pseudonym key are mounted at run time, never baked in. Wallet, event checkpoints and idempotency records
# live under /var/lib/agreements-gateway: give it a persistent volume.

# 1. Compile the shared package, the chaincode (the gateway imports agreements-chaincode/core at run time) and the
#    gateway, then build the web application, whose API types are generated from the gateway's code. The compiler,
#    tsx and Vite are development dependencies: installed here for these four workspaces only.
FROM node:20.20.2-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json tsconfig.base.json ./
COPY packages/agreements-api/package.json packages/agreements-api/
COPY chaincode/package.json chaincode/
COPY gateway/package.json gateway/
COPY web/package.json web/
RUN npm ci --ignore-scripts --no-audit --no-fund --include-workspace-root \
      --workspace @fabric-agreements/api --workspace chaincode --workspace gateway --workspace web
COPY packages/agreements-api/tsconfig.build.json packages/agreements-api/
COPY packages/agreements-api/src packages/agreements-api/src
COPY chaincode/tsconfig.build.json chaincode/
COPY chaincode/src chaincode/src
COPY gateway/tsconfig.build.json gateway/
COPY gateway/src gateway/src
RUN npm run build --workspace @fabric-agreements/api --workspace chaincode --workspace gateway
COPY web/index.html web/tsconfig.json web/vite.config.ts web/
COPY web/scripts web/scripts
COPY web/src web/src
RUN npm run build --workspace web

# 2. Production dependencies of the gateway and of the workspaces it runs (the shared package, the chaincode's
#    core) from the committed root lockfile; npm links those two workspaces into node_modules.
FROM node:20.20.2-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY packages/agreements-api/package.json packages/agreements-api/
COPY chaincode/package.json chaincode/
COPY gateway/package.json gateway/
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund --workspace gateway

# 3. The image: compiled code, production dependencies and the built web application, run as an unprivileged user.
#    /app keeps the repository's layout, so the workspace links in node_modules resolve.
FROM node:20.20.2-bookworm-slim
ENV NODE_ENV=production \
    GATEWAY_LISTEN_HOST=0.0.0.0 \
    GATEWAY_PORT=3000 \
    GATEWAY_WALLET_DIR=/var/lib/agreements-gateway/wallet \
    GATEWAY_STATE_DIR=/var/lib/agreements-gateway/state \
    GATEWAY_WEB_ROOT=/app/web/dist
WORKDIR /app
COPY --from=deps /app/ ./
COPY --from=build /src/packages/agreements-api/dist packages/agreements-api/dist/
COPY --from=build /src/chaincode/dist chaincode/dist/
COPY --from=build /src/gateway/dist gateway/dist/
COPY --from=build /src/web/dist web/dist/
COPY deploy/docker/healthcheck.mjs /opt/healthcheck.mjs
RUN mkdir -p /var/lib/agreements-gateway && chown 1000:1000 /var/lib/agreements-gateway && chmod 0700 /var/lib/agreements-gateway
USER 1000:1000
EXPOSE 3000
VOLUME ["/var/lib/agreements-gateway"]
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 CMD ["node", "/opt/healthcheck.mjs", "http"]
CMD ["node", "gateway/dist/main.js"]
