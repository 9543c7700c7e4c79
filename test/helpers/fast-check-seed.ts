/**
 * Every fast-check property in the suite runs from one fixed seed, so a run is repeatable and a
 * failure reproduces: fast-check prints the seed and the counterexample path with any failure.
 * FC_SEED=<n> runs the suite from another seed (to explore), FC_SEED=random from a fresh one.
 */
import fc from 'fast-check';

export const DEFAULT_FC_SEED = 20261129;

const raw = process.env.FC_SEED?.trim();
const seed = raw === 'random' ? Date.now() ^ (Math.random() * 0x7fffffff) : raw ? Number(raw) : DEFAULT_FC_SEED;
if (!Number.isInteger(seed)) throw new Error(`FC_SEED must be an integer or 'random', not '${raw}'`);
fc.configureGlobal({ ...fc.readConfigureGlobal(), seed });
