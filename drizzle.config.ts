import { defineConfig } from 'drizzle-kit';

// Migrations are generated from the schema with `npm run db:generate` and committed; the cache
// applies them on open (electron/services/cache/database.ts).
export default defineConfig({
  dialect: 'sqlite',
  schema: './electron/services/cache/schema.ts',
  out: './electron/services/cache/migrations',
});
