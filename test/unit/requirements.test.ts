import { afterEach, describe, expect, it, vi } from 'vitest';
import { chromium, sharedData } from '../helpers/requirements.js';

/** The rule for suites that need the shared data or a browser: skip with one line locally, fail in CI. */
describe('suites with outside requirements', () => {
  afterEach(() => vi.unstubAllEnvs());

  function capture(run: () => void): string {
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      run();
      return spy.mock.calls.map((c) => String(c[0])).join('');
    } finally {
      spy.mockRestore();
    }
  }

  it('without CI, a missing data file skips the suite with one line naming the file and how to get it', () => {
    vi.stubEnv('CI', '');
    let skip = false;
    const out = capture(() => (skip = sharedData('/x/test/a.test.ts', 'no-such-file.csv').skip));
    expect(skip).toBe(true);
    expect(out.trim().split('\n')).toHaveLength(1);
    expect(out).toMatch(
      /^SKIPPED .*a\.test\.ts: \.\.\/shared\/data\/no-such-file\.csv is missing\. Put the shared data set in \.\.\/shared\/data/,
    );
  });

  it('with CI=true, the suite runs and fails on what is missing, and no skip line is printed', () => {
    vi.stubEnv('CI', 'true');
    let req: ReturnType<typeof chromium> | null = null;
    vi.stubEnv('KLAXON_CHROMIUM', '/nonexistent/chromium');
    const out = capture(() => (req = chromium('/x/test/b.test.ts')));
    expect(out).toBe('');
    expect(req!.skip).toBe(false);
    expect(() => req!.assertPresent()).toThrow(
      /needs Chromium \(\/nonexistent\/chromium\), which is missing\. Install it with "apt-get update && apt-get install -y chromium"/,
    );
  });

  it('when everything is there, nothing is printed and nothing is skipped', () => {
    vi.stubEnv('CI', '');
    vi.stubEnv('KLAXON_CHROMIUM', process.execPath);
    let req: ReturnType<typeof chromium> | null = null;
    expect(capture(() => (req = chromium('/x/test/c.test.ts')))).toBe('');
    expect(req!.skip).toBe(false);
    expect(() => req!.assertPresent()).not.toThrow();
  });
});
