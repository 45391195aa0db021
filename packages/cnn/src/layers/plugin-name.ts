/** The npm package the layers come from, saved with each layer so loadModel can name it. */
export const PLUGIN_NAME = '@neurite/cnn';
