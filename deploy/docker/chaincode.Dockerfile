# syntax=docker/dockerfile:1
# The agreements chaincode as a service: fabric-shim's server mode (`fabric-chaincode-node server`), which the peer
# dials through its ccaas builder — the same process scripts/lib/deploy.sh starts for `network.sh deployCCAAS`.
# Build from the repository root:
#   docker build -f deploy/docker/chaincode.Dockerfile -t agreements-chaincode:0.1.0 .
# Configuration is by environment only (fabric-shim reads CORE_<OPTION>), at run time:
#   CORE_CHAINCODE_ID             the installed package id (`peer lifecycle chaincode queryinstalled`), required
#   CORE_PEER_LOCALMSPID          the organisation's MSP id, required
#   CORE_CHAINCODE_TLS_CERT_FILE, CORE_CHAINCODE_TLS_KEY_FILE   the server's TLS pair (mounted, never baked in)
#   CORE_CHAINCODE_ADDRESS        listen address, default 0.0.0.0:9999

# 1. Compile the TypeScript (the compiler is a development dependency of the repository root).
FROM node:20.20.2-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
COPY chaincode/package.json chaincode/
COPY gateway/package.json gateway/
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY chaincode/tsconfig.json chaincode/
COPY chaincode/src chaincode/src
RUN npm run build --workspace chaincode

# 2. Runtime dependencies from the chaincode's own lockfile, exactly as the peers' node builder installs them.
FROM node:20.20.2-bookworm-slim AS deps
WORKDIR /opt/chaincode
COPY chaincode/package.json chaincode/package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund

# 3. The image: compiled code and production dependencies only, run as an unprivileged user.
FROM node:20.20.2-bookworm-slim
ENV NODE_ENV=production \
    CORE_CHAINCODE_ADDRESS=0.0.0.0:9999
WORKDIR /opt/chaincode
COPY --from=deps /opt/chaincode/ ./
COPY --from=build /src/chaincode/dist dist/
COPY deploy/docker/healthcheck.mjs /opt/healthcheck.mjs
USER 1000:1000
EXPOSE 9999
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 CMD ["node", "/opt/healthcheck.mjs", "tcp"]
ENTRYPOINT ["node", "node_modules/fabric-shim/cli.js", "server"]
