# sqltriage bot: the production path of scripts/production-check.sh, in two stages.
# Build:  docker build -t sqltriage .
# Run:    docker run -p 3978:3978 --env-file .env -v sqltriage-data:/data sqltriage
# (Set MicrosoftAppId and its credential: without one the bot is anonymous and listens on loopback only.)

# --- build stage: the full install (TypeScript, the knowledge compiler) and npm run build -------------
FROM node:20-slim AS build
WORKDIR /src
COPY package.json package-lock.json .npmrc ./
# Local packages the lockfile links: the CLI launcher (bin/) and the stand-in for restify's spdy.
COPY bin ./bin
COPY deploy/spdy-not-included ./deploy/spdy-not-included
# Install scripts serve the test tools, not the compiler; `prepare` would build before the sources are here.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
RUN npm run build

# --- runtime stage: dist/ and the files it reads, production dependencies only ------------------------
FROM node:20-slim
ENV NODE_ENV=production \
    PORT=3978 \
    SQLTRIAGE_STORAGE=file \
    SQLTRIAGE_DATA_DIR=/data
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
# Local packages the lockfile links: bin/ (node_modules/.bin/sqltriage) and the stand-in for
# restify's unused spdy (package.json "overrides": no DEP0111 warning at start).
COPY bin ./bin
COPY deploy/spdy-not-included ./deploy/spdy-not-included
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /src/dist ./dist
COPY scripts/prepare.js ./scripts/prepare.js
COPY knowledge ./knowledge
COPY manifest ./manifest
COPY src/bot/web/public ./src/bot/web/public
# A non-root user owns only the data directory; the code stays read-only to it.
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME /data
EXPOSE 3978
# node:20-slim has no curl: ask /healthz with node itself (200 when the store answers).
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3978)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# SIGTERM (docker stop) finishes requests in flight and flushes the store; node is PID 1 here, and the
# bot handles SIGTERM itself.
CMD ["node", "dist/src/bot/main.js"]
