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

# 1. Compile the shared package (@fabric-agreements/api) and the chaincode, then stage the chaincode as it ships to
#    the peers (scripts/lib/stage-chaincode.mjs: the shared package vendored as a `file:` dependency). The staging
#    script reads every packages/* manifest, so they are copied; their code is not.
FROM node:20.20.2-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json tsconfig.base.json ./
COPY packages/agreements-api/package.json packages/agreements-api/
COPY packages/oioubl/package.json packages/oioubl/
COPY packages/agreements-client/package.json packages/agreements-client/
COPY packages/case-story/package.json packages/case-story/
COPY packages/dev-identity-provider/package.json packages/dev-identity-provider/
COPY chaincode/package.json chaincode/package-lock.json chaincode/
RUN npm ci --ignore-scripts --no-audit --no-fund --include-workspace-root \
      --workspace @fabric-agreements/api --workspace chaincode
COPY packages/agreements-api/tsconfig.build.json packages/agreements-api/
COPY packages/agreements-api/src packages/agreements-api/src
COPY chaincode/tsconfig.build.json chaincode/
COPY chaincode/src chaincode/src
RUN npm run build --workspace @fabric-agreements/api --workspace chaincode
COPY scripts/lib/stage-chaincode.mjs scripts/lib/
RUN node scripts/lib/stage-chaincode.mjs /stage

# 2. Runtime dependencies from the staged package and the chaincode's own lockfile (scripts/lock-chaincode.sh),
#    exactly as the peers' node builder installs them: `.npmrc` says install-links, so the vendored shared package
#    is copied into node_modules, not linked.
FROM node:20.20.2-bookworm-slim AS deps
WORKDIR /opt/chaincode
COPY --from=build /stage/package.json /stage/package-lock.json /stage/.npmrc ./
COPY --from=build /stage/vendor vendor/
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund

# 3. The image: the staged package (compiled code, production dependencies), run as an unprivileged user.
FROM node:20.20.2-bookworm-slim
ENV NODE_ENV=production \
    CORE_CHAINCODE_ADDRESS=0.0.0.0:9999
WORKDIR /opt/chaincode
COPY --from=deps /opt/chaincode/ ./
COPY --from=build /stage/dist dist/
COPY deploy/docker/healthcheck.mjs /opt/healthcheck.mjs
USER 1000:1000
EXPOSE 9999
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 CMD ["node", "/opt/healthcheck.mjs", "tcp"]
ENTRYPOINT ["node", "node_modules/fabric-shim/cli.js", "server"]
