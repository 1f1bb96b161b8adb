// RS256 signing keys, kept in `signing_keys` so every instance behind a load balancer signs and
// verifies with the same set. The first instance that needs one generates it (under an advisory
// lock, so two instances starting together do not race); the newest key signs, every stored key
// verifies, so adding a key later does not log anyone out.
import { desc, sql } from 'drizzle-orm';
import { exportPKCS8, exportSPKI, generateKeyPair, importPKCS8, importSPKI } from 'jose';
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/database';
import { signingKeys } from '../db/schema';

const KEYGEN_LOCK_KEY = 0x6e6f636b; // 'nock'

interface LoadedKey {
  kid: string;
  publicKey: CryptoKey;
  privateKey: CryptoKey;
}

export class KeyStore {
  private keys = new Map<string, LoadedKey>();
  private signing: LoadedKey | null = null;
  private loading: Promise<void> | null = null;

  constructor(private readonly db: Db) {}

  /** The key new tokens are signed with (generated on first use). */
  async signingKey(): Promise<LoadedKey> {
    if (!this.signing) await this.reload(true);
    if (!this.signing) throw new Error('no signing key');
    return this.signing;
  }

  /** The public key for `kid`; reloads once from the database for a key another instance just made. */
  async publicKey(kid: string): Promise<CryptoKey | null> {
    const hit = this.keys.get(kid);
    if (hit) return hit.publicKey;
    await this.reload(false);
    return this.keys.get(kid)?.publicKey ?? null;
  }

  private reload(createIfNone: boolean): Promise<void> {
    // one load at a time: a burst of tokens with an unknown kid makes one query, not hundreds
    this.loading ??= this.load(createIfNone).finally(() => {
      this.loading = null;
    });
    return this.loading;
  }

  private async load(createIfNone: boolean): Promise<void> {
    let rows = await this.db.select().from(signingKeys).orderBy(desc(signingKeys.createdAt));
    if (rows.length === 0 && createIfNone) {
      await this.db.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(${KEYGEN_LOCK_KEY})`);
        const again = await tx.select({ kid: signingKeys.kid }).from(signingKeys).limit(1);
        if (again.length > 0) return;
        const { publicKey, privateKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
        await tx.insert(signingKeys).values({
          kid: randomUUID(),
          privatePem: await exportPKCS8(privateKey),
          publicPem: await exportSPKI(publicKey),
        });
      });
      rows = await this.db.select().from(signingKeys).orderBy(desc(signingKeys.createdAt));
    }
    const next = new Map<string, LoadedKey>();
    for (const row of rows) {
      const known = this.keys.get(row.kid);
      next.set(
        row.kid,
        known ?? {
          kid: row.kid,
          publicKey: await importSPKI(row.publicPem, 'RS256'),
          privateKey: await importPKCS8(row.privatePem, 'RS256'),
        },
      );
    }
    this.keys = next;
    const newest = rows[0];
    this.signing = newest ? (next.get(newest.kid) ?? null) : null;
  }
}
