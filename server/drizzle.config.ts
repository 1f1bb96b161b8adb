import { defineConfig } from 'drizzle-kit';

// The central service's migrations: generated from server/src/db/schema.ts with
// `npx drizzle-kit generate --config server/drizzle.config.ts --name <name>` and committed;
// `noc-server serve` and `noc-server migrate` apply them (server/src/db/database.ts).
export default defineConfig({
  dialect: 'postgresql',
  schema: './server/src/db/schema.ts',
  out: './server/migrations',
});
