import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PRIORITIES, type Priority } from '../../src/domain/priority.js';
import { liftIncident, reasonsWithHarm, type JoiningReport, type LiftPolicy } from '../../src/ingest/storms/carry.js';
import { HARM_IDS } from '../../src/scoring/harm/categories.js';
import { DEFAULT_HARM_CONFIG, harmConfigSchema } from '../../src/scoring/harm/config.js';

/** What a report joining a storm's incident brings to it (src/ingest/storms/carry.ts). */
const rank = (p: Priority) => PRIORITIES.indexOf(p);
const thresholds = { p1: 75, p2: 50, p3: 25 };
const policy: LiftPolicy = { harm: DEFAULT_HARM_CONFIG, thresholds, minCardPriority: 'P4' };
const outage = {
  priority: 'P2' as Priority,
  score: 58,
  harm: ['essential_service'],
  reasons: ['essential service lost', 'serious complaint (outage)', 'storm: 4 mentions'],
  guidance: null,
};
const report = (r: Partial<JoiningReport>): JoiningReport => ({
  harm: [],
  priority: 'P3',
  score: 40,
  reasons: ['complaint'],
  guidance: null,
  ...r,
});

describe('a report joining a storm incident', () => {
  it('a safety report raises an outage incident to P1 and names the harm first, with its cue', () => {
    const reasons = ['safety risk (smoke)', 'essential service lost', 'very negative'];
    const smoke = report({ harm: ['safety'], priority: 'P1', score: 79, reasons });
    const lift = liftIncident(outage, [smoke], policy)!;
    expect(lift).toMatchObject({ from: 'P2', to: 'P1', addedHarm: ['safety'] });
    expect(lift.patch.priority).toBe('P1');
    expect(lift.patch.harm).toEqual(['safety', 'essential_service']);
    expect(lift.patch.reasons[0]).toBe('safety risk (smoke)');
    expect(lift.patch.reasons).toContain('essential service lost');
    expect(lift.patch.score).toBe(79);
  });

  it("applies the harm's configured floor even when the report itself scored lower (a floor is a floor)", () => {
    // A report whose own score did not reach the floor still brings its category's floor.
    const lift = liftIncident(outage, [report({ harm: ['safety'], priority: 'P3', score: 30, reasons: ['safety risk (gas)'] })], policy)!;
    expect(lift.to).toBe('P1');
    expect(lift.patch.score).toBe(thresholds.p1);
    // The configured floor, not the default: safety at P2 in config leaves a P2 incident at P2, but names it.
    const configured = { ...policy, harm: harmConfigSchema.parse({ safety: 'P2' }) };
    const gas = report({ harm: ['safety'], priority: 'P3', score: 30, reasons: ['safety risk (gas)'] });
    const named = liftIncident(outage, [gas], configured)!;
    expect(named.to).toBe('P2');
    expect(named.patch.harm).toContain('safety');
    // Equal floors keep the order the harm was found in: the incident's own first.
    expect(named.patch.reasons.slice(0, 2)).toEqual(['essential service lost', 'safety risk (gas)']);
    // And a floor raised in config is applied: privacy at P1 lifts the incident a privacy report joins.
    const privacyP1 = { ...policy, harm: harmConfigSchema.parse({ privacy: 'P1' }) };
    const leak = report({ harm: ['privacy'], priority: 'P2', score: 50, reasons: ['privacy breach'] });
    expect(liftIncident(outage, [leak], policy)?.to).toBe('P2');
    expect(liftIncident(outage, [leak], privacyP1)?.to).toBe('P1');
  });

  it('a harmless repeat raises nothing, and a more urgent one without harm raises the priority alone', () => {
    expect(liftIncident(outage, [report({ harm: ['essential_service'], priority: 'P2', score: 60 })], policy)).toBeNull();
    expect(liftIncident(outage, [report({ priority: 'P4', score: 3 })], policy)).toBeNull();
    const reasons = ['essential service lost', 'storm: 30 mentions'];
    const loud = report({ harm: ['essential_service'], priority: 'P1', score: 77, reasons });
    const louder = liftIncident(outage, [loud], policy)!;
    expect(louder).toMatchObject({ from: 'P2', to: 'P1', addedHarm: [] });
    expect(louder.patch.reasons).toEqual(['essential service lost', 'storm: 30 mentions']);
  });

  it('guidance from the report is added once', () => {
    const crisisNote = DEFAULT_HARM_CONFIG.crisis.guidance!;
    const reports = [
      report({ harm: ['crisis'], priority: 'P1', score: 80, guidance: crisisNote }),
      report({ harm: ['crisis'], guidance: crisisNote }),
    ];
    const lift = liftIncident(outage, reports, policy)!;
    expect(lift.patch.guidance).toBe(crisisNote);
  });

  it('keeps the harm an incident names first among its reasons, whatever reasons a higher score brings', () => {
    const louder = ['serious complaint (outage)', 'storm: 40 mentions'];
    expect(reasonsWithHarm(louder, ['safety', 'essential_service'], [['safety risk (smoke)', 'essential service lost']])).toEqual([
      'safety risk (smoke)',
      'essential service lost',
      'serious complaint (outage)',
      'storm: 40 mentions',
    ]);
    // Without words for it anywhere, the label; never more than five reasons; unknown ids are no harm.
    expect(reasonsWithHarm(['a', 'b', 'c', 'd', 'e'], ['fraud', '__proto__'])).toEqual(['possible fraud', 'a', 'b', 'c', 'd']);
  });

  it('for any incident, reports and configuration: never lowered, never loses harm, at least every floor', () => {
    const priority = fc.constantFrom(...PRIORITIES);
    const ids = fc.uniqueArray(fc.constantFrom(...HARM_IDS), { maxLength: 3 });
    const reasons = fc.array(fc.string(), { maxLength: 5 });
    const state = { priority, score: fc.integer({ min: 0, max: 100 }), harm: ids, reasons, guidance: fc.constant(null) };
    const reports = fc.array(fc.record(state), { minLength: 1, maxLength: 3 });
    const config = fc.dictionary(fc.constantFrom(...HARM_IDS), priority).map((given) => harmConfigSchema.parse(given));
    const incident = fc.record(state);
    fc.assert(
      fc.property(incident, reports, config, (before, joining, harm) => {
        const lift = liftIncident(before, joining, { harm, thresholds, minCardPriority: 'P4' });
        const after = lift ? lift.patch : before;
        expect(rank(after.priority)).toBeLessThanOrEqual(rank(before.priority));
        expect(after.score).toBeGreaterThanOrEqual(before.score);
        for (const r of joining) expect(rank(after.priority)).toBeLessThanOrEqual(rank(r.priority));
        for (const id of [...before.harm, ...joining.flatMap((r) => r.harm)]) {
          expect(after.harm).toContain(id);
          expect(rank(after.priority)).toBeLessThanOrEqual(rank(harm[id as (typeof HARM_IDS)[number]].floor));
        }
        expect(after.reasons.length).toBeLessThanOrEqual(5);
        if (lift === null) expect(joining.every((r) => r.harm.every((id) => before.harm.includes(id)))).toBe(true);
      }),
    );
  });
});
