// Class names as users see them, from the published build: in printouts and error messages.
import { tensor, nn } from 'neurite';

const model = new nn.Sequential(new nn.Linear(2, 2), new nn.Conv2d(1, 1, 1), new nn.MultiheadAttention(4, 2));
let error;
try {
  model.loadStateDict({});
} catch (caught) {
  error = caught.message;
}
const names = [tensor([1]).constructor.name, ...[...model.modules()].map((module) => module.constructor.name)];
console.log(JSON.stringify({ names, printout: String(model).split('\n').slice(0, 3), error }));
