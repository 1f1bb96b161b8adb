// A fresh PostgreSQL database per test file on the local server (127.0.0.1:5432, trust auth, user
// postgres), created through the `test` database and dropped WITH (FORCE) afterwards, so test
// files never share state and a leftover connection cannot block the drop.
//
//   const pgdb = await createTestDatabase();   // in beforeAll
//   openServerDb({ url: pgdb.url }) ...
//   await pgdb.drop();                          // in afterAll (after closing your pools)
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const PG_ADMIN_URL = process.env.NOC_TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  /** postgres://… of the new database. */
  url: string;
  name: string;
  /** Drops the database (WITH (FORCE): open connections are terminated). Idempotent. */
  drop(): Promise<void>;
}

function urlFor(name: string): string {
  const u = new URL(PG_ADMIN_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(prefix = 'noc_t'): Promise<TestDatabase> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  // the name is generated here from [a-z0-9_]: safe to splice (CREATE DATABASE takes no parameters)
  await admin((c) => c.query(`CREATE DATABASE "${name}"`));
  let dropped = false;
  return {
    url: urlFor(name),
    name,
    drop: async () => {
      if (dropped) return;
      dropped = true;
      await admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}
