(() => {
  const bench = { usable: null, resources: null, navigation: null, signInClick: null, hello: null };
  window.__bench = bench;
  const listeners = new WeakMap();
  const addEventListener = EventTarget.prototype.addEventListener;
  EventTarget.prototype.addEventListener = function (type, listener, options) {
    let types = listeners.get(this);
    if (!types) { types = new Set(); listeners.set(this, types); }
    types.add(type);
    const result = addEventListener.call(this, type, listener, options);
    queueMicrotask(check);
    return result;
  };
  const instances = [];
  for (const name of ["instantiate", "instantiateStreaming"]) {
    const original = WebAssembly[name];
    if (!original) continue;
    WebAssembly[name] = function (...args) {
      return original.apply(this, args).then((result) => {
        instances.push(result.instance || result);
        return result;
      });
    };
  }
  bench.wasmMemoryBytes = () => {
    let sum = 0;
    for (const instance of instances) {
      for (const value of Object.values(instance.exports || {})) {
        if (value instanceof WebAssembly.Memory) sum += value.buffer.byteLength;
      }
    }
    return instances.length ? sum : null;
  };
  const INPUT_EVENTS = ["input", "change", "beforeinput", "keydown", "keyup"];
  const entry = (e) => ({
    name: e.name, initiatorType: e.initiatorType, transferSize: e.transferSize,
    encodedBodySize: e.encodedBodySize, decodedBodySize: e.decodedBodySize,
    startMs: Math.round(e.startTime), responseStartMs: Math.round(e.responseStart),
    responseEndMs: Math.round(e.responseEnd),
  });
  function check() {
    if (bench.usable === null) {
      const email = document.getElementById("email");
      const types = email && listeners.get(email);
      if (email && email.isConnected && email.matches(":enabled") && types
          && INPUT_EVENTS.some((t) => types.has(t))) {
        bench.usable = performance.now();
        bench.resources = performance.getEntriesByType("resource").map(entry);
        const nav = performance.getEntriesByType("navigation")[0];
        bench.navigation = nav ? entry(nav) : null;
      }
    }
    if (bench.signInClick !== null && bench.hello === null) {
      const result = document.getElementById("api-result");
      if (result && result.textContent.includes("Hello from Lambda!")) bench.hello = performance.now();
    }
  }
  new MutationObserver(check).observe(document, {
    childList: true, subtree: true, attributes: true, characterData: true,
  });
  addEventListener.call(document, "click", (event) => {
    const button = event.target instanceof Element && event.target.closest("button");
    if (button && button.textContent.trim() === "Sign in" && bench.signInClick === null) {
      bench.signInClick = performance.now();
    }
  }, true);
})();
