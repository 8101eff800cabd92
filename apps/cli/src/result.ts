// result.json's shape lives in core, so the web app's downloads are the same file format.
export { type ResultEntry, type ResultFile, toResultEntry } from '@explainable-ecco/core';
