// What the benchmark measures, bundled by esbuild the way the server is (see run.mjs).
export * from '../../server/src/service/index';
export { convertEntity } from '../../server/src/service/convert';
export { createNodeRuntime } from '../../server/src/node/runtime';
