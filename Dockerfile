# syntax=docker/dockerfile:1
# The warranty adjudication service. Two stages: build compiles the TypeScript with the dev
# dependencies; runtime holds only the production dependencies, the compiled code and the shipped
# rules, policies and demo units, and runs as the unprivileged `node` user.
# test/build/production-build.test.ts runs exactly what the runtime stage runs, outside Docker.

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY src ./src
RUN npm run build
# The web console: its API types come from the OpenAPI document (which reads demo/ for examples).
COPY console ./console
COPY demo ./demo
RUN npm run build:console

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/var/lib/warranty
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund --ignore-scripts && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY --from=build /app/console/dist ./console/dist
COPY bin ./bin
COPY rules ./rules
COPY policies ./policies
COPY demo ./demo
RUN mkdir -p /var/lib/warranty && chown node:node /var/lib/warranty
USER node
VOLUME ["/var/lib/warranty"]
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "--import", "./dist/telemetry/register.js", "dist/server.js"]
