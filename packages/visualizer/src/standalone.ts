// Entry of dist/ecco-factors.standalone.js: the whole package with Lit inside, one ES module.
export * from './index.js';
