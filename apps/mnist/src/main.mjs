// Placeholder for the MNIST trainer (`npm run mnist`). The real CLI — train the CNN on the embedded
// digits, progress bar, accuracy, confusion matrix, safetensors checkpoints — comes with the training issue.
const args = process.argv.slice(2);
console.log('The Neurite MNIST trainer is not built yet: it comes with the training issue.');
if (args.length > 0) console.log(`(arguments received: ${args.join(' ')})`);
