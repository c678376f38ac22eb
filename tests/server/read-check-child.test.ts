import { afterAll, describe, expect, it } from 'vitest';
import { checkFilesInChild, READ_CHECK_LIMITS, readCheckChildrenStarted } from '../../server/upload/check-in-child.ts';
import { tempFolder } from '../helpers/files.ts';

const folder = tempFolder('vitrina-read-check-');
afterAll(() => folder.remove());

describe('the read-check child of uploads', () => {
  it('reads one upload after another in one child, and refuses what is not a visit log', async () => {
    const csv = folder.write('SRK.csv', 'Дата;Время прихода;Цель визита\n05.03.2024;09:00;справка\n', 'utf8');
    const junk = folder.write('junk.bin', '\u0000\u0001\u0002\u0003\u0000\u00ff\u0000\u0007');
    const before = readCheckChildrenStarted();
    expect([...(await checkFilesInChild([csv]))]).toEqual([]);
    const refused = await checkFilesInChild([junk, csv]);
    expect([...refused.keys()]).toEqual([junk]);
    expect(refused.get(junk)?.code).toBeTruthy();
    expect([...(await checkFilesInChild([csv]))]).toEqual([]);
    // At most one: a child left waiting by an earlier upload in this process may read them all.
    expect(readCheckChildrenStarted() - before).toBeLessThanOrEqual(1);
  });

  it('starts another child for another heap limit, and still answers', async () => {
    const csv = folder.write('TDK.csv', 'Дата;Время прихода;Цель визита\n05.03.2024;09:00;справка\n', 'utf8');
    const before = readCheckChildrenStarted();
    expect([...(await checkFilesInChild([csv], { ...READ_CHECK_LIMITS, heapMb: READ_CHECK_LIMITS.heapMb + 32 }))]).toEqual([]);
    expect([...(await checkFilesInChild([csv]))]).toEqual([]);
    expect(readCheckChildrenStarted() - before).toBe(2);
  });
});
