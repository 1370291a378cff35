// The one door through which the browser calls postview's WebAssembly back (event listeners and
// animation frames). A trap (a WebAssembly RuntimeError: an abort, running out of memory) or an
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
