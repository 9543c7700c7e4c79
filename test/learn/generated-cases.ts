/** Generated closed cases live with the learning bench (bench/closed-cases.ts), which measures with the same ones. */
export * from '../../bench/closed-cases';
