import { mkdirSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { letPostgresUserReach } from './postgres-user-access';

describe('letPostgresUserReach', () => {
  it('as root, adds o+x to the private folders above the data directory and says so; otherwise changes nothing', () => {
    const outer = mkdtempSync(join(tmpdir(), 'fw-access-')); // mode 0700, like `mktemp -d`
    const inner = join(outer, 'checkout', '.data');
    mkdirSync(inner, { recursive: true, mode: 0o750 });
    const lines: string[] = [];
    letPostgresUserReach(join(inner, 'pg'), (line) => lines.push(line));
    const root = process.getuid?.() === 0;
    expect(statSync(outer).mode & 0o777).toBe(root ? 0o701 : 0o700);
    expect(statSync(join(outer, 'checkout')).mode & 0o001).toBe(root ? 0o001 : 0);
    if (root) expect(lines).toEqual(expect.arrayContaining([`made ${outer} traversable (o+x) for the postgres system user`]));
    else expect(lines).toEqual([]);
    // A second start has nothing left to change.
    const again: string[] = [];
    letPostgresUserReach(join(inner, 'pg'), (line) => again.push(line));
    expect(again.filter((l) => l.includes(outer))).toEqual([]);
  });
});
