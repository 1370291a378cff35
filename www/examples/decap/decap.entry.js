// What the Decap CMS example takes from npm, bundled by www/examples/build.mjs into build/decap.js:
// Decap CMS (decap-cms-app, with its React 19 peer) and React's own functions, from the same copy
// of React Decap renders with (a preview template must use Decap's React, not a second one).
export { default as CMS } from 'decap-cms-app';
export { createElement, useEffect, useMemo, useRef } from 'react';
