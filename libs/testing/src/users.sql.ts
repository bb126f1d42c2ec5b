import type { Client } from 'pg';

/** The API has no way to make the first admin other than ADMIN_EMAIL at start-up: tests set the role directly. */
export async function promoteToAdmin(sql: Client, userId: string): Promise<void> {
  await sql.query(`update users set role = 'admin' where id = $1`, [userId]);
}
