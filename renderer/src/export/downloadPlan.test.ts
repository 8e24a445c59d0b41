import { describe, expect, it } from 'vitest';
import { unzipSync, strFromU8, strToU8 } from 'fflate';
import { downloadPlan } from './downloadPlan';

describe('downloadPlan', () => {
  it('one file downloads as itself, under its written name', () => {
    const plan = downloadPlan([{ name: 'aleppo-20261206-101500.jsonl', bytes: strToU8('{"a":1}\n') }], '/p/exports/aleppo-20261206-101500.jsonl');
    expect(plan?.name).toBe('aleppo-20261206-101500.jsonl');
    expect(strFromU8(plan!.bytes)).toBe('{"a":1}\n');
  });
  it('several files (data and card, a brat folder) download as one zip named after the data file', () => {
    const plan = downloadPlan(
      [
        { name: 'aleppo-brat/doc.txt', bytes: strToU8('text') },
        { name: 'aleppo-brat/doc.ann', bytes: strToU8('T1\tActor 0 4\ttext') },
        { name: 'aleppo-brat/README.md', bytes: strToU8('# card') },
      ],
      '/p/exports/aleppo-brat',
    );
    expect(plan?.name).toBe('aleppo-brat.zip');
    const unzipped = unzipSync(plan!.bytes);
    expect(Object.keys(unzipped).sort()).toEqual(['aleppo-brat/README.md', 'aleppo-brat/doc.ann', 'aleppo-brat/doc.txt']);
    expect(strFromU8(unzipped['aleppo-brat/doc.ann']!)).toBe('T1\tActor 0 4\ttext');
  });
  it('nothing to download gives nothing', () => {
    expect(downloadPlan([], '/p/x.jsonl')).toBeNull();
  });
});
