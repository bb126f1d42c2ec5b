/**
 * Jest evaluates CommonJS in a vm without a dynamic-import callback, and Node refuses `import()`
 * there unless started with --experimental-vm-modules. The OTLP exporters of the OpenTelemetry
 * SDK load `http`/`https` with `import()`; in e2e tests that call becomes the equivalent require,
 * so the real exporters run inside the test process.
 */
module.exports = {
  process(source) {
    return { code: source.replace(/\bimport\((['"])(https?)\1\)/g, 'Promise.resolve().then(() => require("$2"))') };
  },
};
