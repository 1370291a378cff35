// The one door through which the browser calls postview's WebAssembly back (event listeners,
// animation frames and promises settling). A trap (a WebAssembly RuntimeError: an abort, running out of memory) or an
// exception unwinding through Rust frames never reaches Rust's panic hook, yet leaves the instance
// half-updated; the door notices it, reports it once, and stays shut afterwards, so nothing calls
// into the dead instance again. One door per instance: a re-created instance makes its own.

/** A new, open door; `onCrash(message)` is called once, at the first exception through it. */
export function createDoor(onCrash) {
  return { open: true, onCrash };
}

/** Shuts the door: every callback through it does nothing from now on (after a panic). */
export function shut(door) {
  door.open = false;
}

/** `callback`, called only while the door is open, with any exception escaping it reported. */
export function through(door, callback) {
  return function guarded(...args) {
    if (!door.open) return undefined;
    try {
      return callback.apply(this, args);
    } catch (error) {
      if (door.open) {
        door.open = false;
        door.onCrash(String(error));
      }
      throw error;
    }
  };
}

/**
 * Calls `callback()` at once, through the door, for a call the embedder makes itself (`render()`):
 * a trap in it is reported as a crash before it reaches the embedder. Throws if the door is shut.
 */
export function callThrough(door, callback) {
  if (!door.open) throw new Error('postview stopped after a crash; call it again to restart it');
  through(door, callback)();
}

/**
 * Calls `callback(true, value)` once `promise` is fulfilled, or `callback(false, reason)` once it
 * is rejected, through the door (so never into a dead instance, and a trap in it is reported).
 */
export function whenSettled(door, promise, callback) {
  const guarded = through(door, callback);
  promise.then((value) => guarded(true, value), (reason) => guarded(false, reason));
}
