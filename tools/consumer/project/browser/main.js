// A browser program, bundled by esbuild, Vite and webpack with their default settings. The page's
// query string names the backend (?backend=worker); the result lands in the page for the test.
import * as neurite from 'neurite';
import { trainMlp } from '../common/train.mjs';

const backend = new URLSearchParams(location.search).get('backend') ?? 'cpu';
const output = document.getElementById('result');
trainMlp(neurite, { backend, steps: 20 })
  .then((result) => {
    output.textContent = JSON.stringify(result);
  })
  .catch((error) => {
    output.textContent = JSON.stringify({ error: String(error?.stack ?? error) });
  });
