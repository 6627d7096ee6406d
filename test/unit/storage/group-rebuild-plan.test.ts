import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { dropEmptiedMembers, groupChunksOf } from '../../../src/storage/group-rebuild-plan';
import { openLiqLabDb } from '../../../src/storage/open';
import { testMarket } from '../../helpers/markets';

const open = async () => {
  const db = await openLiqLabDb(`rebuild-plan-${Math.random()}`);
  await db.put('markets', testMarket('A1', 'A', 'STABLE'));
  await db.put('markets', testMarket('A2', 'A', 'COIN'));
  await db.put('markets', testMarket('B1', 'B', 'STABLE'));
  return db;
};

describe('group rebuild plan', () => {
  it('lists each group chunk a changed contract chunk belongs to once, and none for an unknown market', async () => {
    const db = await open();
    const tx = db.transaction('markets');
    const todo = await groupChunksOf(tx.store, [
      { symbol: 'A1', interval: '1min', start: 0 },
      { symbol: 'A2', interval: '1min', start: 0 },
      { symbol: 'A1', interval: '1min', start: 245760 },
      { symbol: 'NOPE', interval: '1min', start: 0 },
    ]);
    await tx.done;
    const keys = todo.map((k) => `${k.group}@${k.start}`);
    // A1 and A2 share BTC/all and BTC/exchange:A at start 0; their margin groups differ.
    expect(keys).toEqual([
      'BTC/all@0',
      'BTC/margin:STABLE@0',
      'BTC/exchange:A@0',
      'BTC/margin:COIN@0',
      'BTC/all@245760',
      'BTC/margin:STABLE@245760',
      'BTC/exchange:A@245760',
    ]);
  });

  it('drops an emptied contract from its groups at that interval only, deleting a list left empty', async () => {
    const db = await open();
    await db.put('liqGroupMembers', { group: 'BTC/all', interval: '1min', members: ['A1', 'B1'] });
    await db.put('liqGroupMembers', { group: 'BTC/exchange:A', interval: '1min', members: ['A1'] });
    await db.put('liqGroupMembers', { group: 'BTC/all', interval: '5min', members: ['A1'] });
    const tx = db.transaction(['markets', 'liqGroupMembers'], 'readwrite');
    await dropEmptiedMembers(tx.objectStore('markets'), tx.objectStore('liqGroupMembers'), [
      { symbol: 'A1', interval: '1min' },
    ]);
    await tx.done;
    expect((await db.get('liqGroupMembers', ['BTC/all', '1min']))?.members).toEqual(['B1']);
    expect(await db.get('liqGroupMembers', ['BTC/exchange:A', '1min'])).toBeUndefined();
    expect((await db.get('liqGroupMembers', ['BTC/all', '5min']))?.members).toEqual(['A1']);
  });
});
